"""The reuse charts: the documents × documents matrix and the aligned passages, counts, warnings, escaping."""

from __future__ import annotations

import json

import pandas as pd

import framing
from framing import charts

XSS = "<script>alert(1)</script>"


def passages() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_a": ["a", "a"], "doc_b": ["b", "c"], "outlet_a": ["x", "x"], "outlet_b": ["y", "z"],
        "passage_a": [f"Die Nato-Staaten wurden {XSS} vertreten.", "eins zwei drei"],
        "passage_b": ["Die Nato-Staaten werden <b>nicht</b> vertreten.", "eins zwei drei"],
        "n_words": [20, 12], "n_words_a": [25, 12], "n_words_b": [24, 13], "similarity": [0.8, 1.0],
        "start_a": [0, 100], "end_a": [30, 114], "start_b": [0, 5], "end_b": [40, 19],
    })


def shares() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet_id": ["x", "y", "z", "w"],
                         "n_words": [100, 50, 40, 10], "n_words_shared": [37, 24, 13, 0]})


def heatmap(fig):
    return next(t for t in fig.data if t.name == "reuse")


def test_matrix_cells_are_the_row_documents_shared_words():
    fig = charts.reuse(passages(), shares=shares())
    trace = heatmap(fig)
    labels = list(trace.y)
    assert labels == ["w · d", "x · a", "y · b", "z · c"]          # sorted by outlet, every document of shares
    z = {(labels[i], labels[j]): trace.z[i][j] for i in range(4) for j in range(4)}
    assert z[("x · a", "y · b")] == 25 and z[("y · b", "x · a")] == 24
    assert z[("x · a", "z · c")] == 12 and z[("z · c", "x · a")] == 13
    assert z[("w · d", "x · a")] == 0
    assert z[("x · a", "x · a")] is None
    hover = trace.text[1][2]
    assert "25 words in 1 passage(s)" in hover and "25.0% of its 100 words" in hover and "0.80" in hover


def test_matrix_without_passages_warns():
    empty = passages().iloc[0:0]
    fig = charts.reuse(empty, shares=shares())
    assert any(a.name == "warning" and "No shared passages" in a.text for a in fig.layout.annotations)


def test_passages_side_by_side_mark_the_differing_words_and_escape_the_text():
    fig = charts.reuse_passages(passages(), "b", "a")            # either order
    table = fig.data[0]
    left, right = table.cells.values[0][0], table.cells.values[1][0]
    assert "<b>werden</b>" in left and "<b>wurden</b>" in right   # left column is doc "b"
    assert "&lt;" in left and "&gt;" in left                      # the article's own "<b>" is text, not markup
    assert "<script>" not in json.dumps(fig.to_plotly_json()) and "&lt;<b>script</b>&gt;" in right
    assert table.cells.values[3][0] == "0.80"


def test_passages_of_a_pair_without_reuse_warn():
    fig = charts.reuse_passages(passages(), "b", "c")
    assert any(a.name == "warning" for a in fig.layout.annotations)


def test_seed_matrix_and_passages(seed_corpus):
    table = framing.reuse(seed_corpus)
    fig = charts.reuse(table, shares=framing.reuse_share(seed_corpus))
    assert len(heatmap(fig).y) == 5
    side = charts.reuse_passages(table, "000_7a732e72aede7217", "004_c8f623122158d84d")
    assert "Gruschko" in side.data[0].cells.values[0][0]
    assert "<b>führen</b>" in side.data[0].cells.values[0][0]
