"""``GET /api/articles``, ``GET /api/articles/{n}`` and ``GET /api/parts``."""

from __future__ import annotations

from fastapi import APIRouter

from corpus.records import Article
from ui.api.deps import AssistantDep, ServicesDep
from ui.api.errors import ApiError, error_responses
from ui.api.models import ArticleDetail, ArticleSummary, PartOut, ReferencedDocumentOut

router = APIRouter(prefix="/api", tags=["articles"])


def _summary_fields(article: Article) -> dict[str, object]:
    return {
        "number": article.number,
        "number_cn": article.number_cn,
        "title": article.title,
        "part": article.part,
        "part_title": article.part_title,
        "units": list(article.units),
        "references": list(article.references),
    }


@router.get("/articles", summary="全部条款列表")
def list_articles(assistant: AssistantDep) -> list[ArticleSummary]:
    """All 32 articles in order, without their bodies."""
    articles = assistant.knowledge.articles
    return [ArticleSummary(**_summary_fields(articles[n])) for n in sorted(articles)]


@router.get("/articles/{number}", summary="单条条款全文", responses=error_responses(404, 422))
def get_article(number: int, services: ServicesDep) -> ArticleDetail:
    """The full record of article ``number`` (1–32)."""
    articles = services.assistant.knowledge.articles
    article = articles.get(number)
    if article is None:
        raise ApiError(404, f"没有第 {number} 条：本意见共 {len(articles)} 条（1–{max(articles)}）。")
    documents = [services.registry.get(ref) for ref in article.references]
    return ArticleDetail(
        **_summary_fields(article),
        part_cn=article.part_cn,
        body=article.body,
        text=article.text,
        facts=list(article.facts),
        referenced_documents=[
            ReferencedDocumentOut(id=doc.id, title=doc.title, number=doc.number) for doc in documents if doc is not None
        ],
    )


@router.get("/parts", summary="七个部分及其条款")
def list_parts(assistant: AssistantDep) -> list[PartOut]:
    """The policy's parts, each with its article numbers."""
    parts = assistant.knowledge.parts
    return [
        PartOut(number=p.number, number_cn=p.number_cn, title=p.title, articles=list(p.articles))
        for p in (parts[n] for n in sorted(parts))
    ]
