"""framing.chart_articles: which articles a per-article matrix draws for a large event."""

import pandas as pd

from framing.chart_articles import CHART_ARTICLES, articles_reporting_most, articles_sharing_most

DOCUMENTS = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet_id": ["x", "x", "y", "z"]})


def test_a_small_event_draws_every_article():
    shares = pd.DataFrame({"doc_id": ["a", "b"], "n_words_shared": [5, 0]})
    drawn = articles_sharing_most(shares, n_articles=CHART_ARTICLES)
    assert drawn.doc_ids is None and drawn.caption == ""
    assert drawn.documents(DOCUMENTS) is DOCUMENTS


def test_reuse_draws_the_articles_sharing_most_and_says_so():
    shares = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "n_words_shared": [5, 0, 40, 12]})
    drawn = articles_sharing_most(shares, n_articles=4, limit=2)
    assert drawn.doc_ids == {"c", "d"}
    assert list(drawn.documents(DOCUMENTS)["doc_id"]) == ["c", "d"]
    assert "2 articles (of 4)" in drawn.caption
    passages = pd.DataFrame({"doc_a": ["a", "c", "c"], "doc_b": ["c", "d", "b"]})
    assert drawn.pairs(passages).values.tolist() == [["c", "d"]]
    assert articles_sharing_most(shares, n_articles=4).pairs(passages) is passages


def test_reuse_never_draws_an_article_sharing_nothing():
    shares = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_words_shared": [0, 0, 9]})
    assert articles_sharing_most(shares, n_articles=3, limit=2).doc_ids == {"c"}


def test_fact_coverage_draws_the_articles_reporting_most_facts():
    present = pd.DataFrame({"fact_id": ["f1", "f1", "f2", "f2", "f3"], "doc_id": ["a", "b", "a", "c", "a"]})
    drawn = articles_reporting_most(present, n_articles=4, limit=2)
    assert "a" in drawn.doc_ids and len(drawn.doc_ids) == 2
    assert "2 articles (of 4)" in drawn.caption and "every article" in drawn.caption
