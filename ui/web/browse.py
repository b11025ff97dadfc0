"""The 政策浏览 tab: the seven parts and 32 articles, filtered by keywords.

Each article is a ``<details class="article-card article-11" data-article="11">`` under its part; opened,
it shows the full text, the 责任单位 and the documents it cites (title and 文号). Keywords are read
through the chat's alias table (``ui.web.browse_terms``): 金融局 finds 市地方金融监管局's articles,
专利贷款 the ones on 知识产权质押.

Example:
    >>> [a.number for a in filter_articles(knowledge, "担保")]  # doctest: +SKIP
    [10, 11, 12]
"""

from __future__ import annotations

import re

from assistant.retrieve.knowledge import Knowledge
from corpus.records import Article
from corpus.registry import ReferencedDocument, Registry
from ui.web.browse_terms import KeywordReader
from ui.web.citations import references_html, units_line
from ui.web.markup import escape, highlight_terms

MAX_QUERY_CHARS = 100
_SEPARATORS = re.compile(r"[\s,，、;；]+")


def search_terms(query: str | None) -> list[str]:
    """The keywords of a search box entry (separated by spaces or Chinese/ASCII commas)."""
    text = (query or "").strip()[:MAX_QUERY_CHARS]
    return [term for term in _SEPARATORS.split(text) if term]


def _haystack(article: Article, registry: Registry | None) -> str:
    cited = [registry.get(doc_id) for doc_id in article.references] if registry else []
    documents = [f"{doc.title} {doc.number or ''}" for doc in cited if doc is not None]
    return " ".join([article.label, article.title, article.body, *article.units, *documents]).lower()


def article_matches(
    article: Article, terms: list[str], registry: Registry | None = None, reader: KeywordReader | None = None
) -> bool:
    """Whether every term, or its alias reading, occurs in the article's label, title, body, units or cited documents.

    A bare number such as ``11`` also matches the article with that number.
    """
    haystack = _haystack(article, registry)
    keywords = reader or KeywordReader.default()
    return all(keywords.matches(term, haystack) or (term.isdigit() and int(term) == article.number) for term in terms)


def filter_articles(
    knowledge: Knowledge, query: str | None, registry: Registry | None = None, reader: KeywordReader | None = None
) -> list[Article]:
    """The policy's articles that match every keyword of ``query``, in order (all when empty)."""
    terms = search_terms(query)
    return [a for _, a in sorted(knowledge.articles.items()) if article_matches(a, terms, registry, reader)]


def article_card(article: Article, registry: Registry | None = None, terms: list[str] | None = None) -> str:
    """One article as ``<details class="article-card">``: summary line, then the full text."""
    terms = terms or []
    units = units_line(article.units)
    return (
        f'<details class="article-card article-{article.number}" data-article="{article.number}">'
        f"<summary>【{escape(article.label)}】{highlight_terms(article.title, terms)}</summary>"
        f'<div class="article-body"><p class="article-text">{highlight_terms(article.body, terms)}</p>'
        + (f'<p class="article-units">{highlight_terms(units, terms)}</p>' if units else "")
        + references_html(article, registry)
        + "</div></details>"
    )


def _document_line(doc: ReferencedDocument) -> str:
    number = f"（{escape(doc.number)}）" if doc.number else ""
    return f"<li>《{escape(doc.title)}》{number}</li>"


def _readings_line(terms: list[str], reader: KeywordReader) -> str:
    """「按别名查找：「金融局」即 市地方金融监管局」 for the aliases the keywords contain."""
    shown = [f"「{escape(typed)}」即 {escape('、'.join(words))}" for typed, words in reader.note(terms)]
    return f'<p class="catalog-aliases">按别名查找：{"；".join(shown)}</p>' if shown else ""


def render_catalog(
    knowledge: Knowledge,
    query: str | None = None,
    registry: Registry | None = None,
    reader: KeywordReader | None = None,
) -> str:
    """The whole catalogue (or the articles matching ``query``), grouped by part, as HTML.

    Args:
        knowledge: The loaded knowledge base (parts and articles).
        query: Keywords from the search box; empty shows all 32 articles.
        registry: The registry of cited documents (titles and 文号).
        reader: Reads keywords through the alias table (default: the chat's).

    Returns:
        ``<div class="catalog">`` with a count line, the aliases read (``p.catalog-aliases``),
        one ``section.part`` per part that has a match, and one ``details.article-card`` per
        article with every keyword and reading marked.
    """
    reader = reader or KeywordReader.default()
    terms = search_terms(query)
    matches = {a.number for a in filter_articles(knowledge, query, registry, reader)}
    marked = reader.marked(terms)
    if terms:
        shown = "、".join(terms)
        # An alias found its article through the policy's own words, which the article contains instead.
        found = f"与「{escape(shown)}」相关" if reader.note(terms) else f"包含「{escape(shown)}」"
        count = (
            f"找到 {len(matches)} 条{found}的条款，点击条款查看全文。"
            if matches
            else f"没有找到包含「{escape(shown)}」的条款，请换个关键词（如 担保、贴息、市科技局、上市）。"
        )
    else:
        count = f"共 {len(knowledge.parts)} 个部分、{len(knowledge.articles)} 条，点击条款查看全文。"
    sections: list[str] = []
    for _, part in sorted(knowledge.parts.items()):
        cards = [
            article_card(knowledge.articles[n], registry, marked)
            for n in part.articles
            if n in matches and n in knowledge.articles
        ]
        if cards:
            sections.append(
                f'<section class="part part-{part.number}" data-part="{part.number}">'
                f'<h3 class="part-title">{escape(part.number_cn)}、{escape(part.title)}</h3>{"".join(cards)}</section>'
            )
    preamble = ""
    if registry is not None and not terms:
        docs = [doc for doc in registry.documents if doc.cited_in_preamble]
        if docs:
            preamble = (
                '<details class="preamble-refs"><summary>序言引用的文件</summary>'
                f"<ul>{''.join(_document_line(doc) for doc in docs)}</ul></details>"
            )
    return (
        f'<div class="catalog"><p class="catalog-count">{count}</p>{_readings_line(terms, reader)}'
        f"{''.join(sections)}{preamble}</div>"
    )
