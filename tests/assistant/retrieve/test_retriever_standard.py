"""LangChain's standard retriever suite, run against the real retriever over the session's real index."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from assistant.retrieve.hybrid import HybridSearch
from assistant.retrieve.retriever import PolicyRetriever

QUERY = "专利商标质押融资有补贴吗"


class TestPolicyRetrieverStandard(RetrieversIntegrationTests):
    """``k`` counts documents, in the constructor and per call; invoke and ainvoke give documents."""

    @pytest.fixture(autouse=True)
    def _search(self, knowledge) -> None:
        # The suite builds the retriever from these properties; the search over the real index comes from the fixture.
        self.search = HybridSearch(knowledge)

    @property
    def retriever_constructor(self) -> type[PolicyRetriever]:
        return PolicyRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"search": self.search, "k": 2}

    @property
    def retriever_query_example(self) -> str:
        return QUERY


def test_k_counts_documents_grouped_by_article_best_first(knowledge) -> None:
    retriever = PolicyRetriever(search=HybridSearch(knowledge), k=5)
    documents = retriever.invoke(QUERY)
    assert len(documents) == 5
    ranks = [d.metadata["article_rank"] for d in documents]
    assert ranks == sorted(ranks)
    assert documents[0].metadata["article"] == 12
    # One call's k wins over the constructor's; the first documents are the same ones.
    assert [d.id for d in retriever.invoke(QUERY, k=2)] == [d.id for d in documents[:2]]


def test_k_must_be_positive(knowledge) -> None:
    with pytest.raises(ValueError, match="k"):
        PolicyRetriever(search=HybridSearch(knowledge), k=0)
    with pytest.raises(ValueError, match="k 必须是正整数"):
        PolicyRetriever(search=HybridSearch(knowledge)).invoke(QUERY, k=0)
