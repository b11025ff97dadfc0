"""Read a user message: article and part references, units named, aliases, and what it asks for.

Everything here is a pure function of the text plus the corpus data (aliases); the
answerer decides what to do with the analysis.

Example:
    >>> analyzer = QueryAnalyzer.default()
    >>> q = analyzer.analyze("第二十四条和(13)讲什么？")
    >>> q.article_refs
    [24, 13]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.understand.text import clause_around, normalize_message
from corpus.aliases import AliasTable, load_aliases
from corpus.gazetteer import Gazetteer, load_gazetteer
from corpus.lexicon import traditional_table, traditional_words
from corpus.named_things import NamedThings, load_named_things
from corpus.numerals import NUMERAL_CHARS, cn_to_int
from ingest.tokenize import Tokenizer

POLICY_ARTICLES = 32
# The embedder's time grows with the text's length (about 1.6 ms a token on two cores): the
# policy's terms are appended to the message only while the whole stays within this many
# characters, so a long message is embedded as written (BM25 still gets every expansion).
DENSE_TEXT_CHARS = 48
_NUM = rf"(?:[{NUMERAL_CHARS}]+|\d{{1,2}})"
# Forms of an article reference, most explicit first.
_ARTICLE_PATTERNS = [
    re.compile(rf"第\s*({_NUM})\s*[条项款]"),
    re.compile(rf"[（(]\s*({_NUM})\s*[）)]"),
    re.compile(rf"(?:条款|条目|措施|\barticle|\bart\.?)\s*({_NUM})", re.IGNORECASE),
    # Bare 二十一条 / 19条, but not 一条/两条 (counting) nor 条件/条例 (other words), nor the count in
    # 「这三条」「前三条」「共三条」.
    re.compile(
        rf"(?<![第\d{NUMERAL_CHARS}这那前后头共上下每])((?:二十|[三四五六七八九十])[{NUMERAL_CHARS}]*|\d{{1,2}})"
        r"\s*条(?![件例龙目路])"
    ),
]
_PART_PATTERN = re.compile(rf"第\s*({_NUM})\s*(?:部分|章|大类|板块)")

_TRADITIONAL = traditional_table()
# An investor's noun right after a place: 「深圳的机构」「香港的基金」「澳门一家VC」.
_SEAT_AFTER = re.compile(
    r"(?:的|那边的|这边的)?(?:一家|一只|一支|某家|某)?\s*(?:股权投资机构|投资机构|机构|基金|创投|私募|资本|VC|PE|GP)",
    re.IGNORECASE,
)
_CANTONESE_MEASURE = re.compile(r"([一两二三四五六七八九几\d])间(?=[^，。？?]{0,10}(公司|企业|机构|基金|创投|科小))")
_ASKS_UNIT = re.compile(
    r"哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|谁负责|谁牵头|牵头或参与|牵头的|参与的措施|谁来|谁管|归谁|找谁|联系谁|问谁|责任单位|负责单位|牵头单位|主管|对接哪|找哪|参与的(有|是)"
)
_ASKS_UNIT_ARTICLES = re.compile(
    r"(作为|是|当|列为)责任单位的(条款|条|措施)|(跟|与|和)[^，。？?]{1,10}(?<!没)(有关|相关)(?!联|系)|涉及[^，。？?]{1,10}的(条款|政策|措施|内容)|负责(哪些|什么|哪几)|(条款|条)(有|是)?(哪些|哪几)|参与(了)?(哪些|哪几|什么)|管(哪些|什么|哪块|哪一块|哪几块|啥)|(负责|牵头|分管|对口)(哪块|哪一块|哪几块|啥)|牵头(哪些|什么)|涉及(哪些|什么)|哪些条|哪几条|哪条|哪一条|哪些(措施|政策|工作|事项|内容)|(措施|工作|事项|条款|内容)(有|是)?(哪些|哪几)|负责的|(牵头|参与|负责)(的|了)[^，。？?]{0,4}?(有|是)?(哪些|哪几)"
)
_ASKS_AMOUNT = re.compile(
    r"多少|几多|几(万|百万|千万|个亿)|(?<!不)能拿(?!去|来|着|这|那|它|我们的|自己的)|能领|可以拿(?!去|来|着|这|那|它|我们的|自己的)|可以领|拿多少|给多少|算一?算|计算|测算|估算|金额|能得|可得|补多少|奖多少|算吗|怎么算|如何算|怎样算|按[^，。？?]{1,12}(算|补|奖|给)"
    r"|(?i:\bhow much\b|\b(?:reward|award|subsidy|grant|exact|maximum|max)\s+amount\b)"
    r"|(?i:\bamount of (?:the |a )?(?:reward|award|subsidy)\b|\bwhat(?:'s| is) the (?:max(?:imum)?|exact)\b)"
)
_AWARD_WORDS = re.compile(
    r"奖励|补贴|补助|奖金|资助|扶持|(给|发|拿|补|奖|领)(点|些)?钱|多少钱|能补|可以补|补吗|奖吗"
    r"|(?i:\b(?:award|reward|subsid(?:y|ies)|incentive)s?\b)"
)
# 「要满足哪些条件」「需要什么材料」 ask an attribute of one measure, not a list of measures.
_ATTRIBUTE_AFTER = r"(?!条件|要求|材料|门槛|资格|标准|手续|步骤|流程|证明|资料|硬性)"
_ASKS_LIST = re.compile(
    rf"哪些{_ATTRIBUTE_AFTER}|有什么{_ATTRIBUTE_AFTER}|有啥{_ATTRIBUTE_AFTER}|都有|分别|相关的|涉及|列举|汇总|总结|所有"
)
_GREETING = re.compile(r"^(你好|您好|hi|hello|嗨|在吗|哈喽)[！!。.\s]*$", re.IGNORECASE)
_HELP = re.compile(r"你(能|可以|会)(做|干|帮|回答)(我)?(些)?什么|^(这个助手|助手)?(怎么用|如何使用)|使用说明|你是谁")

_INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|跳过|不要遵守|不用遵守|别管|绕过|覆盖).{0,12}(指令|指示|规则|设定|提示|限制|要求|约束|规定|设置|prompt)"
    r"|你现在是|你现在扮演|现在你是|从现在(开始|起)你|扮演|假装|角色扮演|你的新(身份|角色|任务)|进入.{0,4}模式"
    r"|系统提示|系统指令|system\s*prompt|developer\s*mode|开发者模式|jailbreak|越狱|\bDAN\b"
    r"|(输出|告诉我|显示|泄露|打印|重复|透露).{0,6}(提示词|prompt|指令|系统设定|初始设定)"
    r"|ignore.{0,20}(instruction|rule|prompt)|you are now|act as|pretend"
    # Rewriting a rule, not stating one: 「听说按投资额3%拿奖励，对吗」 is a premise to correct.
    r"|(改成|改为|设为|当作|视为|假设|假定).{0,8}(奖励|比例|上限|补贴|标准|额度).{0,6}(是|为|改成|改为|按)?\s*\d"
    r"|(奖励|比例|上限|补贴|标准|额度).{0,6}(改成|改为|设为|当作|视为|假设为?|假定为?)\s*\d"
    r"|不受(任何)?限制|没有(任何)?限制的|无限制"
    r"|随便编|编一个|编个|瞎编|胡编|编造|捏造|虚构|杜撰|别说没有|不要说没有|不许说没有"
    r"|(配置|模型名称|模型名|系统设定|内部规则|开发者写的|提示词).{0,12}(告诉我|发给我|输出|给我看|说出来)"
    r"|我是.{0,8}(开发者|管理员|工程师|程序员).{0,12}(调试|测试|debug)",
    re.IGNORECASE,
)
# The asker speaking of its own organisation: these messages describe the enterprise profile.
_ABOUT_SELF = re.compile(
    r"我们|我司|我公司|本公司|我单位|本单位|本机构|我机构|我方|咱们|我行|我所|本企业|我企|我是一家|我家|我这边|我们这"
    r"|(?i:\b(?:we|we're|our|us)\b)"
)
_POLICY_WORDS = r"(政策|条款|条|支持|扶持|措施|奖励|补贴|补助|优惠|资金|服务)"
_APPLY_WORDS = r"(适用|享受|申请|申报|符合|适合|够得上|能用|可以用|能拿|可以拿|可以获得|能获得|对口|用得上|沾边)"
# 「我们能享受哪些政策」「哪些条款适合我们」: which articles apply to the asker as a whole.
_ASKS_ELIGIBILITY = re.compile(
    rf"{_APPLY_WORDS}[^。？?！!]{{0,8}}(哪些|什么|哪几|哪条|哪个|啥)[^。？?！!]{{0,6}}{_POLICY_WORDS}"
    rf"|(哪些|什么|哪几|哪条|啥)[^。？?！!]{{0,6}}{_POLICY_WORDS}[^。？?！!]{{0,8}}{_APPLY_WORDS}"
    rf"|有(没有|无)[^。？?！!]{{0,8}}{_APPLY_WORDS}[^。？?！!]{{0,6}}{_POLICY_WORDS}"
    # 「文件里有啥能用的」「有哪些用得上」: what the asker can use, with no policy word at all.
    r"|有(啥|什么|哪些)[^。？?！!]{0,4}(能用|可用|用得上|能申请|可以申请|能享受|可以享受|能拿|可以拿)"
)
_YEAR = re.compile(r"(20\d{2})\s*年|(今年|去年|前年|明年|本年度?)")


@dataclass(frozen=True)
class QueryAnalysis:
    """What the message says and asks, before any retrieval."""

    text: str
    article_refs: list[int]
    part_refs: list[int]
    units: list[str]
    expansions: list[str]
    tokens: list[str]
    asks_unit: bool
    asks_unit_articles: bool
    asks_amount: bool
    mentions_award: bool
    asks_list: bool
    injection: bool
    greeting: bool
    help: bool
    years: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # the policy's things named in the asker's own spelling
    missing_article_refs: list[int] = field(default_factory=list)  # 第三十三条: beyond the policy's 32
    about_self: bool = False
    asks_eligibility: bool = False
    eligibility_clause: str = ""  # the clause asking it: 「适合哪些知识产权政策」 names a topic

    @property
    def search_text(self) -> str:
        """The message with the policy's own terms for its colloquial words appended, within budget."""
        text = self.text
        for term in self.expansions:
            if len(text) + 1 + len(term) > DENSE_TEXT_CHARS:
                break
            text = f"{text} {term}"
        return text


def find_missing_article_refs(text: str, limit: int = POLICY_ARTICLES) -> list[int]:
    """Explicit references (第三十三条, （40）) to article numbers the policy does not have."""
    found: list[int] = []
    for pattern in _ARTICLE_PATTERNS[:2]:
        for m in pattern.finditer(text):
            number = cn_to_int(m.group(1))
            if number is not None and number > limit and number not in found:
                found.append(number)
    return found


def find_article_refs(text: str, limit: int = POLICY_ARTICLES) -> list[int]:
    """Article numbers referenced in any common form, in order of appearance, deduplicated."""
    found: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _ARTICLE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            number = cn_to_int(m.group(1))
            if number is not None and 1 <= number <= limit:
                found.append((m.start(), number))
                taken.append((m.start(), m.end()))
    ordered: list[int] = []
    for _, number in sorted(found):
        if number not in ordered:
            ordered.append(number)
    return ordered


@dataclass(frozen=True)
class QueryAnalyzer:
    """Holds the corpus data the analysis reads; one per process."""

    aliases: AliasTable
    tokenizer: Tokenizer
    gazetteer: Gazetteer | None = None
    named: NamedThings | None = None

    @classmethod
    @cache
    def default(cls) -> QueryAnalyzer:
        """The analyzer over the shipped corpus data."""
        return cls(
            aliases=load_aliases(),
            tokenizer=Tokenizer.default(),
            gazetteer=load_gazetteer(),
            named=load_named_things(),
        )

    def _without_seats(self, text: str) -> str:
        """「深圳的机构投广州企业有奖励吗」 without 深圳: where the investor sits is no subject to search for.

        A place outside Guangzhou right before an investor's noun is the asker's seat; searching for
        it finds the measures that name that city (广深合作) instead of the one the question is about.
        """
        if self.gazetteer is None:
            return text
        chars = list(text)
        for m in self.gazetteer.find(text):
            if m.place.in_guangzhou is False and _SEAT_AFTER.match(text, m.end):
                chars[m.start : m.end] = " " * (m.end - m.start)
        return "".join(chars)

    def _named_as_written(self, text: str) -> list[str]:
        """「贷款+期权」: a thing of the policy named in the asker's own spelling, searched by its own name."""
        if self.named is None:
            return []
        return [t.name for t in self.named.find(text) if not t.external and t.kind != "地名" and t.name not in text]

    def analyze(self, message: str) -> QueryAnalysis:
        """Analyze one message (already length-checked by the caller)."""
        # 「個人所得稅有冇優惠」: traditional and Cantonese characters read as the simplified the data uses.
        text = normalize_message(message)
        for word, simplified in traditional_words():  # 「啱啱」 is 刚刚, not 对对: words before characters
            text = text.replace(word, simplified)
        text = text.translate(_TRADITIONAL)
        text = _CANTONESE_MEASURE.sub(r"\1家", text)  # 「一間投資公司」: 間 counts companies as 家 does
        searched = self._without_seats(text)
        named = self._named_as_written(searched)
        expansions = self.aliases.expand(searched) + named
        tokens = self.tokenizer.tokenize(" ".join([searched, *expansions]))
        parts = [n for m in _PART_PATTERN.finditer(text) if (n := cn_to_int(m.group(1))) and 1 <= n <= 7]
        # A part reference (第一部分) is not an article reference.
        article_text = _PART_PATTERN.sub(" ", text)
        eligibility = _ASKS_ELIGIBILITY.search(text)
        return QueryAnalysis(
            text=text,
            article_refs=find_article_refs(article_text),
            part_refs=parts,
            units=self.aliases.units_in(text),
            expansions=expansions,
            tokens=tokens,
            named=named,
            asks_unit=bool(_ASKS_UNIT.search(text)),
            asks_unit_articles=bool(_ASKS_UNIT_ARTICLES.search(text)),
            asks_amount=bool(_ASKS_AMOUNT.search(text)),
            mentions_award=bool(_AWARD_WORDS.search(text)),
            asks_list=bool(_ASKS_LIST.search(text)),
            injection=bool(_INJECTION.search(text)),
            greeting=bool(_GREETING.match(text)),
            help=bool(_HELP.search(text)),
            years=[m.group(0) for m in _YEAR.finditer(text)],
            missing_article_refs=find_missing_article_refs(article_text),
            about_self=bool(_ABOUT_SELF.search(text)),
            asks_eligibility=eligibility is not None,
            eligibility_clause=clause_around(text, eligibility.start(), eligibility.end()) if eligibility else "",
        )
