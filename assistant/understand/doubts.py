"""What the message itself says is unsure, as questions: the assistant asks instead of guessing.

Whose name the money went in, how much arrived, the other deals of the year whose amounts the
cap needs, whether the investee is a technology SME at all.
"""

from __future__ import annotations

import re

from assistant.understand.model import Facts, Question
from assistant.understand.text import CURRENCY_DECLARED, alternation, find_words
from corpus.lexicon import Lexicon

__all__ = ["currency_unsaid", "doubts", "not_all_ours", "tech_doubted"]

_ARRIVAL_UNKNOWN = re.compile(
    r"(到了|到账|实际到账|打了|打过来)[^，。；]{0,2}多少[^，。；]{0,10}"
    r"(不清楚|不知道|要问|得问|回头问|去问|要查|得查|再查|待确认|再确认|还不确定)"
    r"|(不清楚|不知道|不确定)[^，。；]{0,6}(到了|到账|实际到账)(了)?多少"
)
_PART_ONLY = re.compile(
    r"(一部分|部分资金|部分款项|有一部分钱|打了一些|到了一些)(钱|款)?[^，。；]{0,6}(打过去|到账|到了|付了|打了)"
    # 「约定分三期打款…现在第一期的钱已经打过去了」: one tranche of several, its amount unsaid
    r"|(第一期|首期|头一期|第一笔|首笔|第一批)(的)?(钱|款|资金|投资款)?[^，。；\d]{0,4}(已经|已)?(打过去|到账|到了|付了|打了|到位)"
    r"|(到账|到位|打款|打了|付了|到了)了?(其中)?(一部分|一小部分|一大部分|大部分|小部分|部分|一些)(?![^，。；]{0,4}[\d一二三四五六七八九十两][万亿千百])"
)
_ONE_OF_SEVERAL = re.compile(r"(好几家|几家|多家|一批|若干)[^。；]{0,30}其中一(家|笔|个)")
# 「今年已经投过好几笔…（具体金额我手边没有）」: other deals of the year, their amounts not given.
_OTHERS_BEFORE = re.compile(
    r"(投过|投了|还投了|已经投了|之前投了|此前投了|另外投了|还有)[^，。；（(]{0,4}(好几|几|多|若干|一些|其他)(笔|家|个项目|个)"
)
_AMOUNTS_UNKNOWN = re.compile(
    r"(金额|多少|数额|数字)[^，。；]{0,6}(没有|没|不清楚|不知道|不记得|记不清|不确定|待确认)"
    r"|(手边|手上|手头)(没有|没)|(记不清|记不太清|不记得|不太记得)[^，。；]{0,4}(金额|多少)"
)
# 「企业注册地还没定，可能放广州也可能放深圳」: where the investee sits is not settled yet.
_PLACE_UNDECIDED = re.compile(
    r"(注册地|落地|落户|注册在哪|放在哪|放哪|设在哪)[^，。；]{0,6}(还没定|没定|未定|待定|不确定|还不确定|没确定|还在考虑)"
    r"|可能(放|在|落|注册在|落在|设在)[^，。；]{1,8}也可能(放|在|落|注册在|落在|设在)"
    # 「在广州和东莞都有公司，投资的是哪个主体还没确定」
    r"|(哪个|哪一个|哪家)(主体|公司)[^，。；]{0,4}(还没|没有?|未|不)(确定|定)"
)
# 「下季度还准备再投一笔，到时候总共多少」「那如果明年区财政再增资呢」: another deal, its amount unsaid.
_MORE_UNSAID = re.compile(
    r"(再|还|又|另外)(准备|打算|计划|要|会)?(再)?(投|增资|追加|出资|注资)(一笔|一轮|一次|一家|呢|的话)?"
)
# 「到账可能是1300万，也可能是1500万，还在核对」: two amounts, neither settled.
_AMOUNT_EITHER = re.compile(
    r"(可能|大概|也许)(是)?[^，。；\d]{0,3}\d[\d.,，]*\s*[万亿千百]?[^，。；\d]{0,6}?[，,]?\s*"
    r"(也可能|或者|还是|或)(是)?[^，。；\d]{0,3}\d"
    # 「是300万还是3000万来着」: two amounts offered as alternatives.
    r"|\d[\d.,]*\s*[万亿千百]*元?\s*(还是|或者|或是)\s*\d"
)
# 「另一笔时间我也记不清了」: when money arrived is not known, and each year has its own cap.
_YEAR_FORGOTTEN = re.compile(
    r"(时间|年份|哪年|哪一年|日期|什么时候|几几年)[^，。；]{0,6}(记不清|不记得|忘了|不确定|不清楚|想不起)"
    r"|(记不清|不记得|忘了|想不起)[^，。；]{0,4}(哪年|哪一年|时间|年份|什么时候)"
    # 「我还没核实清楚到底算哪年到账」「不确定算哪一年」: the year of arrival is what is unsettled.
    r"|(没核实|没确认|没搞清|不确定|不清楚|拿不准|说不准)[^，。；]{0,6}(算|是|属于)(哪年|哪一年|哪个年度|几几年)"
    # 「是一年还是分两年到的我记不清了」
    r"|(一年|同一年|当年)还是(分)?(两|几|多)年"
)
# 「2023-2024两年累计到账4亿，每年各多少我还要再查」: a total over years whose split is not known.
_SPLIT_UNKNOWN = re.compile(
    r"(每年|各年|每一年|分年|分别)(各)?(是|到账|到了)?(多少|几)[^，。；]{0,8}"
    r"(不清楚|不知道|不记得|记不清|要查|再查|查一下|待确认|核对|不确定|没算|没看|没细看|没查|没注意|忘了)"
)
# 「财务说还在走流程，不确定到没到账」: whether the money arrived is itself in doubt.
_ARRIVAL_DOUBTED = re.compile(
    r"(不确定|不清楚|不知道|说不准|没确认)[^，。；]{0,4}(到没到账|到账没|有没有到账|是否到账|是否已到账|到了没)"
    r"|(到没到账|是否到账|有没有到账)[^，。；]{0,6}(不确定|不清楚|不知道|还没确认|待确认)"
    r"|(打没打|到没到|付没付|转没转)[^，。；]{0,6}(不清楚|不确定|不知道|说不准|不太清楚)"
    # 「钱打到双方的共管账户，企业还不能动用，这算实际到账吗」: money held for both sides.
    r"|(算不算|能不能算|是否算|算)(是)?(实际)?到账|共管账户|资金监管账户|(还|暂时|目前)?(不能|无法|没法)动用"
)
# 「具体注册在广州还是佛山我得查一下」: two homes offered, neither settled.
_HOME_EITHER = re.compile(r"(注册在|注册地在|落户在|位于|在)[^，。；？?]{1,8}还是[^，。；？?]{1,8}")
# 「集团旗下几只基金…合计投…6亿」: several institutions' money in one figure; the cap is per institution.
_SEVERAL_INSTITUTIONS = re.compile(
    r"(几|多|两|三|四|五|若干)(只|支|家|个)(基金|机构|主体|管理公司|创投)[^。；]{0,30}(合计|一共|总共|共|加起来)"
    r"[^。；，,？?]{0,24}\d"  # a combined figure is told, not asked for (「两个主体合计能拿多少」)
)
# 「这一轮融资一共6000万，我们是领投，另外还有两家跟投」: the round's size, the asker's own share unsaid.
_ROUND_TOTAL = re.compile(
    r"(这一轮|这轮|本轮|整轮|该轮|这次)[^，。；\d]{0,4}?(融资|投资)?(一共|合计|总共|共|总额|规模)(是|有)?[^，。；]{0,4}"
    r"[\d一二两三四五六七八九十几]"
    r"|(融资|投资)(总额|总共|一共|合计)[^，。；]{0,3}[\d一二两三四五六七八九十几]"
    # 「两个平台一起投了番禺一家…，总共6000万」: what several investors put in together.
    r"|(一起|共同|联合|合伙)(领投|跟投|投)[^。；]{0,30}(总共|一共|合计|共计)[^，。；]{0,4}[\d一二两三四五六七八九十几]"
)
# 「两边各出了多少我暂时不记得了」: each investor's share is what the asker cannot say.
_SHARES_FORGOTTEN = re.compile(
    r"(各|分别|各自)(出|投|到账|打)了?多少[^。；？?]{0,8}(不记得|记不清|忘了|不清楚|不确定|不知道)"
)
_CO_INVESTORS = re.compile(
    r"跟投|联合(领投|投资|投了|投)|联投|共同投资|一起投|共同投|(另外|还)有[^，。；]{0,4}(几|两|三|多)?(家|个)[^，。；]{0,4}(投|机构|基金)"
)
_OWN_SHARE = re.compile(
    r"(我们|我方|我司|本机构|我们这边)[^，。；]{0,8}(实际)?(出了|出资|投了|到账|打了|占|出)[^，。；]{0,4}[\d一二两三四五六七八九十几]"
)
# 「具体数还在跟托管行对」: the figure given is not the settled one.
_AMOUNT_UNSETTLED = re.compile(
    r"(具体|准确|确切)(的)?(数|数字|金额|数额)[^，。；]{0,4}(还在|正在|还要|要)[^，。；]{0,8}(对|核对|确认|核实|算)"
    r"|(还在|正在)(跟|和|与)[^，。；]{1,8}(对账|核对|对数)"
    # 「到账大概两千万出头吧，具体多少我得问财务」: the figure given is a guess.
    r"|(具体|准确|确切)(多少|数|数字|金额)[^，。；]{0,4}(我)?(得|要|还要|还得|需要)(问|查|核对|确认)"
)
# 「横琴这边只是管理人」「钱是从注册在上海的基金打出去的」: the payer and the manager sit apart.
_MANAGER_ONLY = re.compile(r"(只是|只做|仅是|仅为|只是作为|仅作为|只当)(基金)?(管理人|GP|普通合伙人)")
# 「这2亿里面有一部分是增加注册资本的，另一部分是风险补偿资金…具体各多少还没正式发文」: the split is unknown.
_PARTS_UNSAID = re.compile(
    r"(一部分|部分)[^。？?]{0,30}(另一部分|另外一部分|其余|剩下)[^。？?]{0,40}"
    r"(具体各多少|各多少|具体多少|各是多少|怎么分)[^。？?]{0,10}(还没|没有|未|不清楚|不知道|没定|待定)"
)
# 「这4000万不全是我们基金出的，有一部分是…SPV出的」: part of the figure is someone else's, the split unsaid.
_NOT_ALL_OURS = re.compile(
    r"(不全是|不完全是|并非全是|并不全是|不都是|不全部是|不全由)(我们|我方|我司|本基金|本机构|咱们)"
)
_ANY_AMOUNT = re.compile(r"\d|[一二三四五六七八九十两百千]+(万|亿)")


def not_all_ours(text: str) -> bool:
    """「这4000万不全是我们基金出的」: the message is about another party's part of a figure."""
    return bool(_NOT_ALL_OURS.search(text))


def tech_doubted(scope: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """「不清楚有没有入库科小」「是不是科技型中小企业还不确定」: the word is said in doubt, not as a fact."""
    tech = lexicon.tech
    either = alternation(tuple(tech.unsure)) or r"(?!)"
    leading = alternation(tuple(tech.unsure + tech.unsure_before)) or r"(?!)"
    clause_start = max(scope.rfind(mark, 0, start) for mark in "，,。；;！？!?") + 1
    before = scope[clause_start:start]
    after = scope[end : end + 10]
    return bool(re.search(rf"({leading})[^，。；]{{0,6}}$", before)) or bool(
        re.match(rf"^[^，。；]{{0,4}}({either})", after)
    )


def doubts(text: str, lexicon: Lexicon, facts: Facts) -> list[Question]:
    """What the message itself says is unsure: whose name the money went in, how much of it arrived."""
    found: list[Question] = []
    person = find_words(text, ["名义", "个人", "自己的钱", "他公司", "他的公司"])
    if person and find_words(text, lexicon.parties.individual_unsure):
        found.append(
            Question(
                slot="institution_of",
                text=lexicon.ask("institution_or_person"),
            )
        )
    if _ARRIVAL_UNKNOWN.search(text):
        found.append(
            Question(
                slot="received_amount",
                text=lexicon.ask("arrived_this_year"),
            )
        )
    elif _ARRIVAL_DOUBTED.search(text):
        found.append(Question(slot="received_amount", text=lexicon.ask("arrived")))
    elif _AMOUNT_EITHER.search(text):
        found.append(Question(slot="received_amount", text=lexicon.ask("amount_either")))
    elif _PART_ONLY.search(text) and not facts.investments:
        found.append(Question(slot="received_amount", text=lexicon.ask("arrived")))
    elif _AMOUNT_UNSETTLED.search(text):
        found.append(Question(slot="received_amount", text=lexicon.ask("amount_unsettled")))
    elif _NOT_ALL_OURS.search(text):
        found.append(Question(slot="received_amount", text=lexicon.ask("own_share")))
    elif _SHARES_FORGOTTEN.search(text) or (
        _ROUND_TOTAL.search(text) and _CO_INVESTORS.search(text) and not _OWN_SHARE.search(text)
    ):
        found.append(Question(slot="received_amount", text=lexicon.ask("own_share")))
    if _MANAGER_ONLY.search(text):
        found.append(Question(slot="institution_of", text=lexicon.ask("investor_entity")))
    if _ONE_OF_SEVERAL.search(text) or (_OTHERS_BEFORE.search(text) and _AMOUNTS_UNKNOWN.search(text)):
        found.append(Question(slot="amount", text=lexicon.ask("other_deals_cap")))
    if _PARTS_UNSAID.search(text):
        found.append(Question(slot="amount", text=lexicon.ask("parts_unsaid")))
    if _SPLIT_UNKNOWN.search(text):
        found.append(Question(slot="amount", text=lexicon.ask("year_split")))
    if _YEAR_FORGOTTEN.search(text):
        found.append(Question(slot="year", text=lexicon.ask("year_unknown")))
    if _SEVERAL_INSTITUTIONS.search(text) and len(facts.institutions) <= 1:
        found.append(Question(slot="institution_of", text=lexicon.ask("per_institution")))
    if _PLACE_UNDECIDED.search(text) or _HOME_EITHER.search(text):
        found.append(
            Question(
                slot="investee_place",
                text=lexicon.ask("home_undecided"),
            )
        )
    if _MORE_UNSAID.search(text) and not _ANY_AMOUNT.search(text):
        capital = re.search(r"增资|出资|注资", text)
        found.append(
            Question(
                slot="amount",
                text=lexicon.ask("new_contribution" if capital else "new_deal"),
            )
        )
    yes = find_words(text, lexicon.tech.yes)
    if yes and all(tech_doubted(text, m.start(), m.end(), lexicon) for m in yes):
        found.append(
            Question(
                slot="tech_sme",
                text=lexicon.ask("tech_sme"),
            )
        )
    return found


# 「到账 5 million」 from a Hong Kong fund: million of which currency? 「RMB 20 million」「500万元」 say it.
_MILLIONS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(million|mn|m|bn|billion|k)\b", re.IGNORECASE)
_CURRENCY_NEAR = re.compile(
    r"(RMB|CNY|人民币|元|yuan|USD|US\$|\$|HKD|HK\$|MOP|EUR|€|¥|￥|美元|美金|港币|港元|澳门元|欧元|日元)", re.IGNORECASE
)


def currency_unsaid(message: str, lexicon: Lexicon) -> list[Question]:
    """An amount written in millions with no currency beside it (the user's own words, before preparing)."""
    if CURRENCY_DECLARED.search(message):
        return []
    for m in _MILLIONS.finditer(message):
        # A list names its currency once (「RMB 12m, 8m, 15m」「8m, 5m, 7m RMB」): its sentence says it.
        start = max(message.rfind(mark, 0, m.start()) for mark in "。！？!?\n") + 1
        ends = [i for i in (message.find(mark, m.end()) for mark in "。！？!?\n") if i >= 0]
        around = message[start : min(ends, default=len(message))]
        if not _CURRENCY_NEAR.search(around):
            return [Question(slot="received_amount", text=lexicon.ask("currency", figure=m.group(0)))]
    return []
