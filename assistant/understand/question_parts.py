"""A message that asks several things, split into its sub-questions.

「A和B分别是多少」 asks each of A and B; question marks, 另外 and numbering (1）2）①②) separate
questions; a short piece with no subject of its own asks more of the question before it; several
things asked of one subject (「多大规模？市财政出多少？」) stay one question. The markers are data
(``corpus/understanding/focus.json``, ``parts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.focus import FocusData, PartMarkers
from corpus.numerals import DIGITS

__all__ = ["ASKS", "EDGE", "OWN_SUBJECT", "split_parts"]

_NUMBERED = re.compile(r"(?:^|(?<=[\s：:，,；;。？?]))[1-9一二三四五][)）]|[①②③④⑤⑥]")
_ANOTHER = re.compile(r"^(还有|另外|此外|再问|顺便问)")
_INTRODUCED = re.compile(r"[？?。；;！!]\s*(另外|此外|再问|顺便问)")
# A piece of a message that asks something (the rest is context for the piece after it).
ASKS = re.compile(
    r"哪|什么|啥|多少|多大|多久|多长|多高|几(?![百千万十])|吗|嘛|么|怎|如何|是否|能否|可否|有没有|有无|谁|呢|[？?]|没$|分别是$|各是$"
    # 「动不动」「时不时」 say how often, they ask nothing; 「是收紧还是放宽」 asks a choice.
    r"|(?!动不动|时不时)([\u4e00-\u9fff])不\1|是[^，。；？?]{1,10}还是"
)
EDGE = " ，,。；;：:、"


_ARTICLE_NUMBER = re.compile(r"^(第)?([一二三四五六七八九十]{1,3}|\d{1,2})(条)?$")


def _article_numbers(subjects: list[str]) -> list[str]:
    """「第二十四、二十五条」: each number of a list of articles is 「第N条」."""
    found = [_ARTICLE_NUMBER.match(s) for s in subjects]
    if len(subjects) < 2 or not all(found) or not any(m.group(1) or m.group(3) for m in found if m):
        return subjects
    return [f"第{m.group(2)}条" for m in found if m]


def _shared_aspect(subjects: list[str], markers: PartMarkers) -> list[str]:
    """「险资那条和国企那条的责任单位」: each subject without its pointing words, asked the shared aspect."""
    if markers.subject_tail:
        subjects = [re.sub(markers.subject_tail, "", s) or s for s in subjects]
    if len(subjects) < 2 or not markers.shared_aspect or "的" not in subjects[-1]:
        return subjects
    last, aspect = subjects[-1].rsplit("的", 1)
    if not re.match(markers.shared_aspect, aspect) or any("的" + aspect in s for s in subjects[:-1]):
        return subjects
    last = re.sub(markers.subject_tail, "", last) if markers.subject_tail else last
    return [f"{s}的{aspect}" for s in [*subjects[:-1], last]]


def _is_aspect(subject: str, markers: PartMarkers) -> bool:
    return bool(markers.shared_aspect) and re.match(markers.shared_aspect, subject) is not None


def _comma_questions(piece: str) -> list[str]:
    """「风投集聚区几年建成，担保机构补助比例多少」: two questions joined by a comma, each with its subject.

    A comma piece starts a question of its own only when it asks and has a subject of its own and
    what came before it asks too; otherwise it stays with what it follows (「规模多大，谁来管」).
    """
    # 「几个硬指标：科技信贷每年要涨多少、几年内推多少家企业上市」: 、 lists questions the same way.
    chunks = [c for c in re.split(r"([，,、])", piece) if c.strip()]
    result: list[str] = []
    mark = "，"
    for chunk in chunks:
        if chunk in "，,、":
            mark = "，" if chunk != "、" else "、"
            continue
        # A 、 item is a question of its own only with a subject of its own (「怎么退出、怎么去境外投资」 is one).
        own = OWN_SUBJECT if mark == "，" else _OWN_LISTED_SUBJECT
        if result and ASKS.search(result[-1]) and ASKS.search(chunk) and len(chunk.strip()) >= own:
            result.append(chunk.strip())
        elif result:
            result[-1] += mark + chunk.strip()
        else:
            result.append(chunk.strip())
    return result or [piece]


_COUNTED = re.compile(r"^(?:这|那)(两|三|四|五)")
# A piece shorter than this has no subject of its own (「谁来管」「在哪条」).
OWN_SUBJECT = 7
_OWN_LISTED_SUBJECT = 10


def split_parts(text: str, data: FocusData, one_subject: Callable[[list[str]], bool]) -> list[str]:
    """The sub-questions of a message that asks several things; [] when it asks one."""
    markers = data.parts
    pieces = [c for p in re.split(markers.breaks, text) for c in _comma_questions(p.strip(EDGE))]
    questions: list[str] = []
    context = ""
    each_listed = False  # 「A、B各是多少」: two subjects, each asked on its own
    told: list[str] = []  # every piece so far, asking or not: what 「这两件事」 may point back at
    for piece in (p for p in pieces if p):
        told.append(piece)
        if not ASKS.search(piece):
            context += piece + "，"
            continue
        each = re.search(markers.each, piece)
        if each is not None and markers.total and re.search(markers.total, piece[each.end() :]):
            each = None  # 「2023年和2024年分别能拿的加起来是多少」: one sum
        # 「…一起给企业融资？文件有这种说法吗」: whether the text says it is the question before, asked again.
        meta = bool(questions) and re.fullmatch(markers.meta_only, piece.strip(EDGE)) is not None
        short = each is None and questions and not context and (len(piece) < OWN_SUBJECT or meta)
        if short and (data.attributes_asked(questions[-1]) or not data.attributes_asked(piece)):
            questions[-1] += "？" + piece  # 「募到多少了？谁来管？」: more of what the question before asks
        elif each is None:
            questions.append(context + piece)
        else:
            head = piece[: each.start()]
            cut = max(head.rfind("，"), head.rfind(",")) + 1
            if cut and head[cut:].strip(EDGE):
                # 「发短融、中票的发行费用，补贴比例和上限各是多少」: what comes before the comma is the
                # thing asked about; the list just before 各 is what is asked of it.
                context, head = context + head[:cut], head[cut:]
            subjects = [s.strip(EDGE) for s in re.split(markers.joiners, head)]
            subjects = [s for s in subjects if len(s) >= 2 and not re.match(markers.demonstratives, s)]
            subjects = _article_numbers(_shared_aspect(subjects, markers))
            # 「险资那条和国企那条，责任单位分别是」: the subjects came before the comma, the aspect after.
            aspect = subjects[0] if len(subjects) == 1 and _is_aspect(subjects[0], markers) else ""
            if (not subjects or aspect) and context:
                # 「担保机构注资补助比例、投早投小奖励比例，各是多少？」: the subjects came before the comma.
                listed = [s.strip(EDGE) for s in re.split(markers.joiners, context)]
                listed = [s for s in listed if len(s) >= 2 and not re.match(markers.demonstratives, s)]
                listed = _shared_aspect(listed, markers)
                if len(listed) >= 2:
                    subjects, context = [f"{s}的{aspect}" if aspect else s for s in listed], ""
            tail = piece[each.end() :].strip(EDGE)
            if len(subjects) >= 2:
                questions.extend(f"{context}{s}{tail}" for s in subjects)
                each_listed = True
            elif subjects:
                questions.append(context + piece)
            elif (questions or context) and tail and re.match(markers.demonstratives, head.strip(EDGE)):
                # 「1）…达标 2）…问责？这两块分别谁负责」: what 这两块 are asked is asked of each before it;
                # 「我们打算发可转债，另外还想搞个并购基金，这两件事分别有啥支持」: each piece told before it.
                count = _COUNTED.search(head)
                wanted = DIGITS.get(count.group(1), 0) if count else 0
                before = told[:-1]
                if len(questions) < wanted <= len(before):
                    questions, context = [f"{b}，{tail}" for b in before[-wanted:]], ""
                else:
                    questions = [f"{q}，{tail}" for q in questions]
                each_listed = True  # 「分别」 says the questions before are about different things
            # no subject of its own (「各自怎么说的」): the pieces before already ask it
        context = ""
    if context and questions:
        questions[-1] += "，" + context.strip(EDGE)
    if len(questions) < 2:
        return []
    # 「1）…？2）…？」「…上市？还有…并购基金，总规模多大？」: numbered or introduced anew, each is its own.
    # 「…封顶多少？另外区里新设的担保公司…按什么比例」: 另外 is a break, so it is looked for in the text.
    introduced = bool(_INTRODUCED.search(text)) and any(len(q) >= 2 * OWN_SUBJECT for q in questions[1:])
    separate = (
        bool(_NUMBERED.search(text))
        or introduced
        or any(_ANOTHER.match(q) and len(q) >= 2 * OWN_SUBJECT for q in questions[1:])
    )
    if not each_listed and not separate and all(data.attributes_asked(q) for q in questions) and one_subject(questions):
        return []  # several things asked of one subject (「多大规模？市财政出多少？」): one question
    return [re.sub(r"^[1-9一二三四五][)）]\s*", "", q) for q in questions]
