"""Request fields of ``/v1/chat/completions`` the assistant cannot honour, refused the way OpenAI refuses them.

A client that asks for several choices, function calling, log probabilities, JSON output or audio
expects something the grounded answerer cannot give; answering anyway would look like success and
hand back something else. Each rule names the field, says when a value is refused and why (in
Chinese), and the ``code`` OpenAI uses: ``unsupported_parameter`` when the field itself is
unsupported, ``unsupported_value`` when only some values are. The first rule a request breaks is
reported as a 400 whose ``error`` object has OpenAI's shape.

Example:
    >>> check_supported(ChatCompletionRequest(messages=[{"role": "user", "content": "第三条"}], n=2))
    Traceback (most recent call last):
    ...
    ui.api.errors.ApiError: n 只能为 1：本助手每次只给出一个有据回答。
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.api.errors import ApiError
from ui.api.openai_models import ChatCompletionRequest

# Content part types whose words are read; anything else in a user message would go unseen.
TEXT_PARTS = frozenset({"text", "input_text"})
# The values of tool_choice / function_call that ask for no tool, which is what the answerer does.
NO_TOOL_CHOICES = frozenset({"none", "auto"})
NON_TEXT_MESSAGE = "本助手只读文字：user 消息中不支持图片、音频或文件，请改用文字提问。"


@dataclass(frozen=True)
class Rule:
    """One field and the values of it that are refused."""

    param: str
    refused: Callable[[ChatCompletionRequest], bool]
    message: str
    code: str = "unsupported_parameter"


def _no_tool(choice: str | dict[str, object] | None) -> bool:
    return choice is None or (isinstance(choice, str) and choice in NO_TOOL_CHOICES)


RULES: tuple[Rule, ...] = (
    Rule("n", lambda r: r.n not in (None, 1), "n 只能为 1：本助手每次只给出一个有据回答。", "unsupported_value"),
    Rule(
        "tools",
        lambda r: bool(r.tools),
        "不支持 tools（函数调用）：本助手自己调用测算工具，结果见回答的 message.tool_results。",
    ),
    Rule("functions", lambda r: bool(r.functions), "不支持 functions（函数调用）：本助手不调用客户端的函数。"),
    Rule(
        "tool_choice",
        lambda r: not _no_tool(r.tool_choice),
        "tool_choice 只能为 none 或 auto：本助手不调用客户端的函数。",
        "unsupported_value",
    ),
    Rule(
        "function_call",
        lambda r: not _no_tool(r.function_call),
        "function_call 只能为 none 或 auto：本助手不调用客户端的函数。",
        "unsupported_value",
    ),
    Rule("logprobs", lambda r: bool(r.logprobs), "不支持 logprobs：回答由原文和测算结果组成，不是逐词采样生成的。"),
    Rule("top_logprobs", lambda r: bool(r.top_logprobs), "不支持 top_logprobs：回答不是逐词采样生成的。"),
    Rule(
        "response_format",
        lambda r: r.response_format is not None and r.response_format.get("type") != "text",
        "response_format 只能为 text：回答是带条款引用的中文文本，不支持 JSON 输出。",
        "unsupported_value",
    ),
    Rule(
        "modalities",
        lambda r: r.modalities is not None and not set(r.modalities) <= {"text"},
        'modalities 只能为 ["text"]：本助手只输出文字。',
        "unsupported_value",
    ),
    Rule("audio", lambda r: r.audio is not None, "不支持 audio：本助手只输出文字。"),
    Rule(
        "web_search_options",
        lambda r: r.web_search_options is not None,
        "不支持 web_search_options（联网搜索）：本助手只依据政策原文作答。",
    ),
    Rule(
        "stream_options",
        lambda r: r.stream_options is not None and not r.stream,
        "stream_options 只能与 stream: true 一起使用。",
        "invalid_value",
    ),
)


def _non_text_part(request: ChatCompletionRequest) -> str | None:
    """The location of the first image, audio or file part of a user message, e.g. ``messages[0].content[1]``."""
    for i, message in enumerate(request.messages):
        if message.role != "user" or not isinstance(message.content, list):
            continue
        for j, part in enumerate(message.content):
            if part.type not in TEXT_PARTS:
                return f"messages[{i}].content[{j}].type"
    return None


def unsupported(param: str, message: str, code: str) -> ApiError:
    """A 400 with OpenAI's ``invalid_request_error`` naming ``param``."""
    return ApiError(400, message, openai={"type": "invalid_request_error", "param": param, "code": code})


def check_supported(request: ChatCompletionRequest) -> None:
    """Refuse a request that asks for what the assistant cannot do.

    Raises:
        ApiError: 400, naming the first field (or content part) that cannot be honoured.
    """
    for rule in RULES:
        if rule.refused(request):
            raise unsupported(rule.param, rule.message, rule.code)
    if (where := _non_text_part(request)) is not None:
        raise unsupported(where, NON_TEXT_MESSAGE, "unsupported_value")
