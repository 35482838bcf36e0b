"""Charts of fact coverage (facts × documents) and similarity (clustered heatmap), on hand-made tables and the seed."""

from __future__ import annotations

import json

import pandas as pd

import framing
from framing import charts
from framing.charts.coverage import COVERAGE_STATES

XSS = "<img src=x onerror=alert(1)>"
STATE = {name: k for k, name in enumerate(COVERAGE_STATES)}


def coverage_table() -> pd.DataFrame:
    """Two facts over three documents: f1 reported by d1 and d2, f2 by d3 only (its outlet is hostile text)."""
    rows = []
    facts = {"f1": ("Truppen an der Grenze", {"d1": "100.000 Soldaten.", "d2": "100'000 Soldaten."}),
             "f2": (f"Zoo {XSS}", {"d3": f"Ein Elefant {XSS}."})}
    outlets = {"d1": "o1", "d2": "o2", "d3": XSS}
    for fact_id, (label, said) in facts.items():
        for doc_id, outlet in outlets.items():
            rows.append(dict(event_id="e", fact_id=fact_id, label=label, doc_id=doc_id, outlet_id=outlet,
                             present=doc_id in said, sentence=said.get(doc_id, ""), sentence_ids=[2] if doc_id in said else [],
                             n_sentences=int(doc_id in said), n_documents=len(said), n_outlets=len(said),
                             n_event_documents=3, cohesion=0.5, edited=False))
    return pd.DataFrame(rows)


def heatmap(fig):
    return next(t for t in fig.data if t.type == "heatmap")


def test_coverage_matrix_marks_shared_unique_and_absent_cells():
    fig = charts.fact_coverage(coverage_table())
    z = heatmap(fig).z
    columns = list(heatmap(fig).x)
    assert len(z) == 2 and len(columns) == 3
    d1, d3 = columns.index("o1"), columns.index("&lt;img src=x onerror=alert(1)&gt;")
    assert z[0][d1] == STATE["shared"] and z[0][d3] == STATE["absent"]
    assert z[1][d3] == STATE["unique"]
    assert "(2/3)" in heatmap(fig).y[0] and "(1/3)" in heatmap(fig).y[1]  # facts sorted by reach, counts shown
    assert "100'000 Soldaten" in heatmap(fig).text[0][columns.index("o2")]


def test_coverage_matrix_can_hide_unique_facts():
    fig = charts.fact_coverage(coverage_table(), min_documents=2)
    assert len(heatmap(fig).z) == 1


def test_coverage_chart_escapes_article_text_and_warns():
    fig = charts.fact_coverage(coverage_table())
    assert XSS not in json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)
    notes = " ".join(a.text for a in fig.layout.annotations if a.name == "warning")
    assert "Absent" in notes and "1 article per outlet" in notes


def test_similarity_heatmap_follows_the_clustering_order_with_counts_on_hover(seed_corpus):
    table = framing.similarity(seed_corpus, by="outlet_id")
    fig = charts.similarity(table)
    order = framing.similarity_order(table)
    assert list(heatmap(fig).y) == order
    assert "lemmas in common" in heatmap(fig).text[0][1] and "tokens" in heatmap(fig).text[0][1]
    assert any(t.name == "dendrogram" for t in fig.data)


def test_similarity_chart_escapes_names():
    table = pd.DataFrame([
        dict(a=a, b=b, similarity=1.0 if a == b else 0.3, n_shared_features=2, n_features_a=5, n_features_b=5,
             n_tokens_a=9, n_tokens_b=9, n_documents_a=1, n_documents_b=1)
        for a in (XSS, "b", "c") for b in (XSS, "b", "c")
    ])
    fig = charts.similarity(table)
    assert XSS not in json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)


def test_seed_coverage_chart_draws_every_fact(seed_corpus):
    table = framing.fact_coverage(seed_corpus)
    fig = charts.fact_coverage(table, documents=seed_corpus.documents)
    assert len(heatmap(fig).z) == table["fact_id"].nunique()
    assert STATE["unique"] in {v for row in heatmap(fig).z for v in row}
