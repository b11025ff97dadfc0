"""The LLM option driven by LangChain's fake chat model emitting tool calls (no network)."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answer.answerer import GroundedAnswerer
from assistant.answer.llm_agent import LlmAnswerer
from assistant.retrieve.hybrid import HybridSearch
from assistant.service import PolicyAssistant


class ToolCallingFake(GenericFakeChatModel):
    """The fake chat model, accepting tools the way ChatOpenAI does."""

    def bind_tools(self, tools, **kwargs):
        return self


def scripted(*messages: AIMessage) -> ToolCallingFake:
    return ToolCallingFake(messages=iter(messages))


def llm_assistant(knowledge, model) -> PolicyAssistant:
    search = HybridSearch(knowledge)
    return PolicyAssistant(
        knowledge, LlmAnswerer(model, knowledge, search), fallback=GroundedAnswerer(knowledge, search)
    )


def test_llm_calls_search_and_calculator_and_keeps_the_shape(knowledge):
    model = scripted(
        AIMessage(content="", tool_calls=[{"name": "search_policy", "args": {"query": "天使投资奖励"}, "id": "c1"}]),
        AIMessage(
            content="",
            tool_calls=[
                {
                    "name": "calculate_article3_award",
                    "args": {
                        "investments": [
                            {"amount": "8000万", "investee_stage": "初创期", "investee_in_guangzhou": True}
                        ],
                        "institution_location": "南沙区",
                    },
                    "id": "c2",
                }
            ],
        ),
        AIMessage(
            content="按【第三条】，可获奖励120万元（预估，以责任单位审核为准）。责任单位：市科技局、市发展改革委。"
        ),
    )
    answer = llm_assistant(knowledge, model).ask("我们在南沙，投了初创期企业8000万，奖励多少")
    assert [c.article for c in answer.citations] == [3]
    assert [t.result["award_yuan"] for t in answer.tool_calls] == [1_200_000]
    assert "120万元" in answer.answer


def test_llm_answer_with_an_invented_number_falls_back_to_the_grounded_answer(knowledge):
    model = scripted(
        AIMessage(content="", tool_calls=[{"name": "search_policy", "args": {"query": "担保补助"}, "id": "c1"}]),
        AIMessage(content="按【第十一条】，市财政补助比例为60%。"),
    )
    answer = llm_assistant(knowledge, model).ask("担保机构注册资本金补助比例是多少")
    assert "60%" not in answer.answer
    assert "40%" in answer.answer
    assert 11 in [c.article for c in answer.citations]


def test_llm_answer_without_citations_falls_back(knowledge):
    model = scripted(AIMessage(content="这个问题我觉得可以申请。"))
    answer = llm_assistant(knowledge, model).ask("第十四条主要讲什么？")
    assert [c.article for c in answer.citations] == [14]
    assert answer.answer != "这个问题我觉得可以申请。"
