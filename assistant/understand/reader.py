"""The one reader: a message (and what the session already knows) becomes one typed :class:`Reading`.

Chat turns, the 特派员 form's free text, the chat-to-consultation import and ``/api/match`` all
read through :meth:`Reader.read`; the vocabulary and the gazetteer are data in ``corpus/``.

Example:
    >>> reader = Reader.default(this_year=2026)
    >>> facts = reader.read("我们是前海的基金，今年投了广州一家成长期企业5000万、一家种子期企业2000万，都已到账").facts
    >>> [(str(i.amount), i.stage, i.investee_place) for i in facts.investments]
    [('50000000', '成长期', '广州'), ('20000000', '种子期', '广州')]
    >>> facts.institution("self").place
    '前海'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.understand.applicant import applying_as, one_manager
from assistant.understand.arrival import received_state, share_of
from assistant.understand.contributions_merge import withdrawn_contributions
from assistant.understand.deal_hints import per_deal_hints, told_before_new, withdrawn_deals
from assistant.understand.deal_labels import label_name
from assistant.understand.deal_totals import deal_count
from assistant.understand.deals import investments_in
from assistant.understand.doubts import currency_unsaid, doubts, not_all_ours
from assistant.understand.figures import read_figures
from assistant.understand.guarantee import more_of_the_same, read_guarantee
from assistant.understand.guarantor import is_guarantee_message
from assistant.understand.institutions import institutions_in
from assistant.understand.kinds import stated_kind
from assistant.understand.known_institutions import named_by_known_place
from assistant.understand.message_refs import asked_years_in, investment_words, year_ref
from assistant.understand.mixed import CAPITAL, joined, split_supports
from assistant.understand.model import SELF, Facts, Question, Reading
from assistant.understand.parties import place_roles
from assistant.understand.payer import partners_asked, payer_named
from assistant.understand.place_fix import claimed, investee_moved
from assistant.understand.places import place_questions, settle_places
from assistant.understand.respective_places import respective_places
from assistant.understand.scan import scan
from assistant.understand.seats import alternatives_in, asker_institutions
from assistant.understand.segments import DealContext
from assistant.understand.speaker import own_kind, speaker_role
from assistant.understand.standing import standing_hints
from assistant.understand.stated_hints import hints_in
from assistant.understand.text import clauses, find_words, prepare
from corpus.gazetteer import Gazetteer, load_gazetteer
from corpus.lexicon import Lexicon, load_lexicon

__all__ = ["Reader"]

# 「第二个：深圳南山一家…」 opening a message: the next item of a list told turn by turn.
_NEXT_ITEM = re.compile(
    r"^\s*(?:然后|接着|再)?第(?:[二三四五六七八九十]|[2-9]|1\d)(?:个|笔|家|项)(?:项目|投资)?\s*[：:，,是]"
)
_ADDITION_VERB = re.compile(
    r"(又|还|也|再|另外还|另外又|再次)(投了|投资了|投资|投|入股|注资|领投|跟投|到账|增资|增了|出资|追加)|第[二三四]次增资"
)
_REMAINDER = re.compile(r"(?:剩下|剩余|余下|其余)的?(?:部分|款项|投资款)?\s*$|尾款\s*$")
_LETTER = re.compile(r"[A-Z]|[甲乙丙丁]|[一二三四五六七八九][号期]")
_TRANCHE = re.compile(r"tranche|第[二三四]期|二期|尾款|剩下的(部分|款)|剩余部分", re.IGNORECASE)
_LABEL_REF = re.compile(
    r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])(?:那笔|那家|项目|公司那笔|公司那轮|公司那家|公司)|(第[一二三四五六七八九1-9](?:笔|家|期))"
)
_THIS_INCREASE = re.compile(r"(这次|本次|这回|这一次|此次|这轮|这一轮)(的)?(增资|新增出资|注资|追加)")
_CONFIRMED = re.compile(r"[^，。；]{0,3}(没问题|没错|不变|照旧|是对的|是准的|正确|不用改|不动|不改)")
_NOT_THE_INSTITUTION = ("third", "listing", "negated", "secondary", "planned", "policy")
_PUTS_CAPITAL = re.compile(r"[^，。；]{0,6}?(出资|出的|出了|注资|认缴|实缴)")


@dataclass(frozen=True)
class Reader:
    """Reads messages with the shipped vocabulary and gazetteer; one per process is enough."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    this_year: int = field(default_factory=lambda: dt.date.today().year)

    @classmethod
    def default(cls, this_year: int | None = None) -> Reader:
        """The reader over the data in ``corpus/understanding``."""
        return cls(load_lexicon(), load_gazetteer(), this_year or dt.date.today().year)

    def read(self, message: str, *, known: Facts | None = None, pending: Question | None = None) -> Reading:
        """Read one message.

        Args:
            message: The user's message (or a profile's free text).
            known: What the session already knows: it tells a bare 「2000万」 after a question about
                article 11 from one about article 3, and whose place 「本地」 is.
            pending: The question the assistant asked last, which a bare answer fills.

        Returns:
            The reading: the facts the message states and how they change the known ones.
        """
        # 「the 5m one hasn't been wired」 after 「8m, 5m, 7m RMB」: m is million in this conversation.
        millions = known is not None and any(i.written.endswith("百万") for i in known.investments)
        text = prepare(message, millions)
        lexicon = self.lexicon
        halves = split_supports(text, lexicon)
        if halves is not None:
            # 「一是担保公司增资…；二是创投基金投了…」: each support's part read on its own.
            guarantee, investing = (self.read(half, known=known, pending=pending) for half in halves)
            return joined(investing, guarantee)
        found = scan(text, self.this_year, lexicon, self.gazetteer)
        parts = clauses(text)
        asking = bool(find_words(text, lexicon.markers.asks_amount)) or bool(re.search(r"[？?]|吗", text))
        figures = read_figures(text, found.amounts, parts, lexicon, asking=asking)
        role, individual = speaker_role(text, lexicon)
        if role is None and known is not None:
            role = known.speaker_role
        roles = place_roles(text, found.places, parts, lexicon)
        places = settle_places(text, roles, role, known, pending, lexicon, self.gazetteer)
        facts = Facts(speaker_role=role, speaker_kind=stated_kind(text))
        questions: list[Question] = []
        guarantee_known = known is not None and (
            bool(known.contributions)
            or any(
                v is not None
                for v in (known.guarantor.district_level, known.guarantor.policy_based, known.guarantor.new_or_increase)
            )
            or (pending is not None and pending.slot in ("funder", "paid"))
        )
        guarantee_mode = is_guarantee_message(text) or (
            guarantee_known
            # 「一家上市公司出的」: a company putting in capital names a funder, not an investee's stage.
            and not [s for s in found.stages if not _PUTS_CAPITAL.match(text, s.end)]
            and (bool(CAPITAL.search(text)) or bool(lexicon.guarantee.funder_in(text)) or bool(found.amounts))
        )
        if guarantee_mode and not investment_words(text, lexicon):
            read = read_guarantee(text, figures, lexicon, (known.next_id() if known else 1), self.gazetteer)
            facts.contributions = read.contributions
            facts.guarantor = read.guarantor
            facts.set_aside = [f.model_copy(update={"subject": "contribution"}) for f in read.set_aside]
            facts.speaker_role = role or "guarantor"
            # The guarantee institution is what the message is about: its place is the first one named for it.
            own = next(
                (p for p in places if p.role not in _NOT_THE_INSTITUTION and p.place.kind != "here_speaker"),
                None,
            )
            facts.speaker_place = own.place.name if own else None
            unfunded = read.unfunded
            single = known.contributions[0] if known is not None and len(known.contributions) == 1 else None
            if (
                single is not None
                and unfunded
                and len(unfunded) == 1
                and not read.contributions
                and (
                    find_words(text, lexicon.markers.correction)
                    or (pending is not None and pending.slot in ("amount", "funder"))
                )
            ):
                # 「说错了，是3亿」: a bare amount corrects the one contribution already known.
                figure = unfunded[0]
                facts.contributions = [
                    single.model_copy(update={"amount": figure.mention.value, "written": figure.mention.text})
                ]
                unfunded = []
            unfunded = more_of_the_same(text, unfunded, known, facts, lexicon)
            if known is not None:
                # 「那按1.5亿算，上限是多少？」: a figure already told of a funder names that contribution.
                told = {c.amount for c in known.contributions if c.funder not in ("unknown", "district_unclear")}
                unfunded = [f for f in unfunded if f.mention.value not in told]
            for figure in unfunded:
                questions.append(
                    Question(
                        slot="funder",
                        text=lexicon.ask("funder", figure=figure.mention.text),
                    )
                )
        else:
            labels = tuple(i.key for i in known.institutions if _LETTER.fullmatch(i.key)) if known else ()
            institutions = named_by_known_place(institutions_in(text, places, lexicon, labels), known)
            places = claimed(places, institutions)
            speaker_place = next((p for p in places if p.self_attached), None)
            investee_speaker = role == "investee"
            ctx = DealContext(
                text=text,
                parts=parts,
                figures=figures,
                places=places,
                stages=found.stages,
                years=[y for y in found.years if not y.of_company],
                institutions=institutions,
                speaker_investee=investee_speaker,
                speaker_place=speaker_place if investee_speaker else None,
                this_year=self.this_year,
            )
            investments, set_aside, asked = investments_in(ctx, lexicon, (known.next_id() if known else 1))
            investments = respective_places(text, investments, places)
            facts.investments = investments
            facts.deal_count = deal_count(text, figures)
            facts.set_aside = set_aside
            questions += asked
            facts.institutions = asker_institutions(places, institutions, investee_speaker, individual)
            if not investee_speaker:
                facts.institutions[0] = own_kind(facts.institutions[0], text, lexicon, pending)
            if not investee_speaker and not institutions:
                facts.alternatives = alternatives_in(text, places)
            if speaker_place is not None:
                facts.speaker_place = speaker_place.place.name
            if not investments:
                facts.hints = hints_in(text, places, found, lexicon, self.this_year)
                facts.standing = standing_hints(text, lexicon, facts.hints, lambda c: self.read(c).facts.hints)
        facts.one_manager, facts.apply_as = one_manager(text, lexicon), applying_as(text, lexicon)
        moved = investee_moved(text, places, known, self.gazetteer) if not facts.investments else None
        if moved is not None:
            # The stated place is where the investee is now said to be, not the asker's own.
            facts.institutions = [
                i.model_copy(update={"place": None, "place_text": None})
                if i.key == SELF and i.place == moved.place
                else i
                for i in facts.institutions
            ]
            facts.hints = facts.hints.model_copy(update={"investee_place": None, "investee_place_text": None})
        asked_places, split_home = place_questions(places, lexicon, text)
        if split_home:
            # The home asked about is no fact to estimate from (neither 0 nor an award) until answered.
            facts.investments = [i.model_copy(update={"investee_place": None}) for i in facts.investments]
            facts.hints = facts.hints.model_copy(update={"investee_place": None, "investee_place_text": None})
        facts.unclear = questions + asked_places + doubts(text, lexicon, facts) + currency_unsaid(message, lexicon)
        if facts.hints.status == "received" and any(q.slot == "received_amount" for q in facts.unclear):
            # 「第一期已经打过去了，具体多少…」: what arrived is asked, so no deal told before is marked arrived.
            facts.hints = facts.hints.model_copy(update={"status": None})
        if not_all_ours(text):
            # The places told are the other party's (「SPV注册在北京」), not the asker's own.
            facts.institutions = [
                i.model_copy(update={"place": None, "place_text": None}) if i.key == SELF else i
                for i in facts.institutions
            ]
        share = share_of(text) if not found.amounts else None
        # 「第一笔没问题」: a deal said to stand is no target of the correction.
        labels = [label_name(m) for m in _LABEL_REF.finditer(text) if not _CONFIRMED.match(text, m.end())]
        # 「第二期其实还没到账，到账的只有第一期」: each named investment with what its own clause says arrived.
        label_status = {
            label_name(m): state
            for m in _LABEL_REF.finditer(text)
            for c in parts
            if c.holds(m.start()) and (state := received_state(c.text, lexicon)) is not None
        }
        asked_years = asked_years_in(parts, found, lexicon)
        missed = bool(find_words(text, lexicon.markers.missed))
        correction = bool(find_words(text, lexicon.markers.correction)) and not missed
        # 「剩下的2000万是2024年1月到账的」: the rest of the deal told before, as a deal of its own.
        remainder = any(_REMAINDER.search(f.before) for f in figures if f.role in ("received", "plain", "pending"))
        return Reading(
            facts=facts,
            share=share,
            labels=labels,
            label_status=label_status,
            asked_years=asked_years,
            # 「更正：还漏了一笔1亿的」 adds a deal; nothing told before is wrong.
            correction=correction,
            addition=missed
            or remainder
            or bool(_NEXT_ITEM.match(text))
            or bool(_ADDITION_VERB.search(text))
            or bool(find_words(text, [w for w in lexicon.markers.addition if len(w) > 1])),
            same_year=bool(find_words(text, lexicon.markers.same_year)),
            same_kind=bool(find_words(text, lexicon.markers.same_kind)) or bool(_TRANCHE.search(text)),
            same_investee=remainder or bool(find_words(text, lexicon.markers.same_investee)),
            restates=bool(find_words(text, lexicon.markers.restates)),
            asks_amount=asking,
            money_figures=len(found.amounts),
            moved=moved,
            payer=None if facts.investments else payer_named(text, facts.institutions, known, correction),
            year_ref=year_ref(text) if correction else None,
            partners_asked=partners_asked(text, known, asking) if not facts.investments else [],
            this_increase=bool(_THIS_INCREASE.search(text)) and not found.amounts,
            withdrawn=withdrawn_deals(message, known, self.gazetteer, lexicon.markers.withdrawn) if known else [],
            withdrawn_contributions=withdrawn_contributions(message, known.contributions, lexicon.markers.withdrawn)
            if known
            else [],
            deal_hints=per_deal_hints(message, known, self.gazetteer, lambda c: self.read(c).facts.hints)
            if known is not None and len(known.investments) >= 2 and not facts.investments
            else told_before_new(message, known, lambda c: self.read(c).facts.hints)
            if known is not None and facts.investments
            else {},
        )
