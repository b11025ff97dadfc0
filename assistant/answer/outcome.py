"""Whether the article a question is about gives what the question asks: answered, partly, or not in the text.

The focus reader says what is asked and of what; :class:`FocusOutcome` judges each question of
the message against the article (``answerability.AttributeJudge``), with the award rules deciding
rates and amounts when an award is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import declines
from assistant.answer.answerability import AttributeJudge
from assistant.answer.awards import AwardAnswers
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer
from assistant.understand.focus import Ask, Focus
from assistant.understand.model import Reading
from assistant.understand.query import QueryAnalysis
from corpus.aliases import AliasTable
from corpus.focus import AttributeClass
from corpus.records import Article
from ingest.tokenize import Tokenizer

__all__ = ["FocusOutcome"]

# Who asks, and the words joining what is asked, name no subject of the text: 「网址或者小程序叫啥，
# 企业怎么注册」 asks of the thing talked about before.
_ASKER_WORDS = frozenset(
    {"企业", "公司", "我们", "我司", "咱们", "机构", "单位", "个人", "或者", "还有", "以及", "然后"}
    # 「专门行动方案里市财政给多少钱」: who would pay names no topic of its own.
    | {"市财政", "区财政", "财政", "政府", "市里", "区里"}
)
# Another asking word right before this one (「几年多少家」).
_ASKED_TAIL = re.compile(r"(是|要|有|在)?(几|多少|哪几|哪)[年个家天月次条项位名期批]?$")
# Words between a thing and the asking words that name nothing (「担保费率现在具体降到多少」).
_HEAD_FILLERS = frozenset(
    {
        "现在",
        "目前",
        "具体",
        "到底",
        "大概",
        "一共",
        "总共",
        "已经",
        "这个",
        "那个",
        "今年",
        "每年",
        "有没有",
        "超过",
        "不超过",
        # 「并购基金计划总规模多大」「担保费率要降到多少」: modal and planning words name nothing
        "计划",
        "预计",
        "打算",
        "准备",
        "一般",
        "通常",
        "需要",
        "要",
        "会",
        "能",
        "将",
        # 「上市目标是几年多少家」: the goal of a measure is its figure, not a thing of its own
        "目标",
        "指标",
        "任务",
        "是",
        # 「最多补几成」: how much at most names nothing either
        "最多",
        "最高",
        "最少",
        "至少",
        "补",
        # 「示范区放在哪个片区」: where a thing is put names nothing either
        "放在",
        "设在",
        "建在",
        "落在",
        "位于",
        # 「峰会是从多少人的交流会升级来的」: copulas and prepositions name nothing
        "从",
        "是从",
        "由",
        "是由",
    }
)


def _clause_before(ask: Ask) -> str:
    """「降担保费，具体降到多少」: the clause before asking words whose own clause is filler names the thing."""
    if ask.head.strip() and not all(w in _HEAD_FILLERS for w in re.split(r"\s+", ask.head.strip())):
        return ""
    pieces = [p for p in re.split(r"[，,；;：:、]", ask.subject) if p.strip()]
    return pieces[-2] if len(pieces) >= 2 and pieces[-1].strip() == ask.head.strip() else ""


@dataclass(frozen=True)
class FocusOutcome:
    """Judges a question's focus against the knowledge base."""

    knowledge: Knowledge
    tokenizer: Tokenizer
    judge: AttributeJudge
    awards: AwardAnswers
    aliases: AliasTable

    def attributes(
        self, q: QueryAnalysis, focus: Focus, reading: Reading, article: Article
    ) -> Answer | tuple[AttributeClass, ...]:
        """Not in the text when the article gives none of what is asked; else what it leaves open.

        Each question of the message is judged with its own subject; one without a subject of its
        own (「谁来管？」) is asked of the message's whole subject.
        """
        if not focus.attributes:
            return ()
        whole = self.tokenizer.tokenize(focus.subject)  # 奖励、补贴 name the subject here
        money = self.awards.money_given(q, reading, article)
        missing: list[AttributeClass] = []
        given: list[AttributeClass] = []
        sentence = ""
        heads: list[str] = []
        for ask in focus.asks:
            # 「推多少家科技公司IPO」: the text says 上市; the subject's aliases find its clauses too.
            tokens = [*self.tokenizer.tokenize(ask.subject), *self.aliases.expand(ask.subject)]
            own = any(
                self.knowledge.token_idf.get(t, 0.0) > 0 for t in tokens if len(t) >= 2 and t not in _HEAD_FILLERS
            )
            if not own:
                tokens = whole  # 「有没有具体不超过百分之几？」 asks more of the question before it
            heads = (self._heads(ask.head) or self._heads(_clause_before(ask))) if own else heads
            judgement = self.judge.judge(article, ask.attributes, tokens, money_given=money, heads=heads)
            missing += [a for a in judgement.missing if a not in missing]
            given += [a for a in judgement.given if a not in given]
            sentence = sentence or judgement.sentence
        if missing and not given:
            return declines.not_in_text(article, tuple(missing), sentence, focus.names)
        return tuple(a for a in missing if a not in given)

    def holds(self, title: str) -> bool:
        """Whether the knowledge base holds the document so titled (the policy or an ingested one)."""
        folded = title.replace(" ", "")
        return any(
            folded in d.title.replace(" ", "") or d.title.replace(" ", "") in folded
            for d in self.knowledge.index.documents
        )

    def _heads(self, head: str) -> list[str]:
        """The word right before the asking words (「担保费率降到多少」 → 费率): the thing whose figure is asked.

        Only a word that ends right where the asking words begin; 「市里会出多少」 names no thing.
        """
        head = head.rstrip()
        trimmed = True
        while trimmed:  # 「担保费率具体降到多少」: the filler before the asking words names nothing
            trimmed = False
            # 「上市目标是几年多少家」: another asking word (几年) before this one names no thing either.
            asked_before = _ASKED_TAIL.sub("", head)
            if asked_before != head and asked_before:
                head, trimmed = asked_before, True
            for filler in _HEAD_FILLERS:
                if head.endswith(filler) and len(head) > len(filler):
                    head, trimmed = head[: -len(filler)], True
        words = [t for t in self.tokenizer.tokenize(head) if len(t) >= 2 and t not in _HEAD_FILLERS]
        if not (words and head.endswith(words[-1])):
            return []
        # 「科技贷款涨多少」: the text says 信贷; the thing is named by any of its aliases' terms.
        return [words[-1], *(t for t in self.aliases.expand(words[-1]) if t != words[-1])]

    def subject_within(self, focus: Focus, articles: list[Article]) -> bool:
        """Whether every word of the text the subject names is one of ``articles``' own words.

        「补贴按贷款利息的几成补」 after the article on 质押贷款: 贷款 is that article's, 利息 is no word
        of the text at all; the question asks more of the last topic.
        """
        if not articles:
            return False
        said = "".join(a.title + a.body for a in articles)
        known = [
            t
            for t in self.tokenizer.tokenize(focus.subject)
            if len(t) >= 2
            and t not in _HEAD_FILLERS
            and t not in _ASKER_WORDS
            and self.knowledge.token_idf.get(t, 0.0) > 0
        ]
        return bool(known) and all(t in said for t in known)

    def names_subject(self, focus: Focus) -> bool:
        """Whether what is left of the question once the asking words are out names anything of the text.

        The asker and the time of asking (「企业怎么注册」「现在上线了吗」) name no subject of the text.
        """
        tokens = self.tokenizer.tokenize(focus.subject)
        return any(
            len(t) >= 2
            and t not in _HEAD_FILLERS
            and t not in _ASKER_WORDS
            and self.knowledge.token_idf.get(t, 0.0) > 0
            for t in tokens
        )
