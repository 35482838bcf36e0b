"""Which articles a chart with a row or column per article draws when an event has more than a reader can take in.

The reuse matrix holds n² cells and the fact coverage matrix a column per
article: at 1,000 articles the one is ~200 MB of chart data, the other mostly
grey. Above `CHART_ARTICLES` articles both charts draw the articles that matter
most for what they show, and say so in a caption; their tables keep every row.
The dashboard and the stakeholder report choose the same articles.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Most articles a per-article matrix draws.
CHART_ARTICLES = 60


@dataclass(frozen=True)
class ArticleSelection:
    """The articles a chart draws.

    Attributes:
        doc_ids: the articles drawn, or None when the chart draws all of them.
        caption: what the chart shows of the event, for a line under it ("" when all).
    """

    doc_ids: frozenset[str] | None
    caption: str

    def documents(self, documents: pd.DataFrame) -> pd.DataFrame:
        """Return the rows of `documents` (or any table with a `doc_id` column) that the chart draws."""
        return documents if self.doc_ids is None else documents[documents["doc_id"].isin(self.doc_ids)]

    def pairs(self, passages: pd.DataFrame) -> pd.DataFrame:
        """Return the rows of a table of article pairs (`doc_a`, `doc_b`) whose two articles the chart draws."""
        if self.doc_ids is None:
            return passages
        return passages[passages["doc_a"].isin(self.doc_ids) & passages["doc_b"].isin(self.doc_ids)]


def articles_sharing_most(shares: pd.DataFrame, n_articles: int, limit: int | None = None) -> ArticleSelection:
    """Return the articles the reuse matrix draws: all, or the `limit` that share the most words with others.

    Args:
        shares: `framing.reuse_share` of the event (doc_id, n_words_shared …).
        n_articles: the event's articles (of the selected outlets).
        limit: the most articles drawn (default `CHART_ARTICLES`).
    """
    limit = CHART_ARTICLES if limit is None else limit
    if n_articles <= limit:
        return ArticleSelection(None, "")
    shared = shares[shares["n_words_shared"] > 0].nlargest(limit, "n_words_shared")
    return ArticleSelection(frozenset(shared["doc_id"]),
                            f"The {len(shared):,} articles (of {n_articles:,}) that share the most words with "
                            "another article; the table has every passage.")


def articles_reporting_most(present: pd.DataFrame, n_articles: int, limit: int | None = None) -> ArticleSelection:
    """Return the articles the fact coverage matrix draws: all, or the `limit` that report the most of its facts.

    Args:
        present: the fact coverage rows drawn where an article reports a fact
            (`Results.reported_facts`, cut to the facts shown).
        n_articles: the event's articles (of the selected outlets).
        limit: the most articles drawn (default `CHART_ARTICLES`).
    """
    limit = CHART_ARTICLES if limit is None else limit
    if n_articles <= limit:
        return ArticleSelection(None, "")
    keep = present["doc_id"].value_counts().head(limit).index
    return ArticleSelection(frozenset(keep),
                            f"Columns: the {len(keep):,} articles (of {n_articles:,}) that report the most of these "
                            "facts; the hover still counts every article.")
