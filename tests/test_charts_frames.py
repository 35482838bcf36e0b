"""Frame charts: the outlet × frame heatmap and the lead-vs-body dumbbell, on hand-made profiles and the seed corpus."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing import charts

XSS = "<img src=x onerror=alert(1)>"


def profile_table() -> pd.DataFrame:
    """Two outlets: "a" with two articles (100 and 200 words), "b" with one; two frames; lead and body."""
    rows = []
    docs = [("d1", "a", {"lead": (4, 40), "body": (6, 60)}), ("d2", "a", {"lead": (4, 50), "body": (16, 150)}),
            ("d3", XSS, {"lead": (3, 30), "body": (5, 70)})]
    hits = {("d1", "lead", "talk"): (2, 2, 3.0), ("d2", "lead", "talk"): (1, 1, 1.0), ("d2", "body", "talk"): (1, 1, 0.5),
            ("d3", "body", "fight"): (3, 2, 3.0)}
    for doc, outlet, sizes in docs:
        for section in ("lead", "body", "all"):
            n_sentences, n_words = sizes.get(section, tuple(map(sum, zip(sizes["lead"], sizes["body"]))))
            for frame in ("talk", "fight"):
                if section == "all":
                    parts = [hits.get((doc, s, frame), (0, 0, 0.0)) for s in ("lead", "body")]
                    n_hits, n_frame, score = (sum(p[i] for p in parts) for i in range(3))
                else:
                    n_hits, n_frame, score = hits.get((doc, section, frame), (0, 0, 0.0))
                rows.append(dict(doc_id=doc, outlet_id=outlet, section=section, frame=frame, n_sentences=n_sentences,
                                 n_frame_sentences=n_frame, share_sentences=n_frame / n_sentences, n_hits=n_hits,
                                 score=score, n_words=n_words, hits_per_1000_words=n_hits / n_words * 1000,
                                 score_per_1000_words=score / n_words * 1000))
    return pd.DataFrame(rows)


def warning_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def test_heatmap_pools_an_outlets_articles_from_their_counts():
    fig = charts.frame_profile(profile_table(), section="lead")
    heat = fig.data[0]
    assert list(heat.x) == ["talk", "fight"]
    row = list(heat.y).index("a")
    # outlet a's lead: (2 + 1) hits in (40 + 50) words, not the mean of 50.0 and 20.0
    assert heat.z[row][0] == pytest.approx(3 / 90 * 1000)
    assert "3 indicators (score 4.0) in 90 words" in heat.hovertext[row][0]
    assert "3 of 8 sentences; 2 article(s)" in heat.hovertext[row][0]


def test_heatmap_shows_shares_per_document_when_asked():
    fig = charts.frame_profile(profile_table(), section="body", value="share_sentences", by="document")
    heat = fig.data[0]
    assert len(heat.y) == 3
    row = [k for k, label in enumerate(heat.y) if label.endswith("d3")][0]
    assert heat.z[row][1] == pytest.approx(2 / 5)
    assert heat.text[row][1] == "0.40"


def test_heatmap_uses_frame_labels_and_outlet_names():
    indicators = pd.DataFrame({"frame": ["talk", "fight"], "frame_label": ["Diplomacy", "Conflict"]})
    documents = pd.DataFrame({"doc_id": ["d1"], "outlet_id": ["a"], "outlet_name": ["Outlet A"]})
    fig = charts.frame_profile(profile_table(), indicators=indicators, documents=documents)
    assert list(fig.data[0].x) == ["Diplomacy", "Conflict"]
    assert "Outlet A" in list(fig.data[0].y)


def test_heatmap_warns_about_single_articles_and_short_sections():
    text = warning_text(charts.frame_profile(profile_table(), section="lead"))
    assert "Only 1 article for" in text
    assert "lead: under 100 words in 2 of 2 rows (fewest 30)" in text
    assert "not the frame" in text


def test_article_and_outlet_text_is_escaped_everywhere():
    for fig in (charts.frame_profile(profile_table(), by="document"), charts.frame_profile_lead_body(profile_table())):
        dumped = json.dumps(fig.to_plotly_json(), default=str)
        assert XSS not in dumped
        assert "&lt;img src=x onerror=alert(1)&gt;" in dumped


def test_lead_body_puts_a_lead_and_a_body_dot_on_every_row():
    fig = charts.frame_profile_lead_body(profile_table())
    lines, lead, body = fig.data
    assert (lead.name, body.name) == ("headline + lead", "body")
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    rows = list(lead.y)  # frames in profile order, outlets sorted by id within each
    assert rows == [f"talk · {escaped}", "talk · a", f"fight · {escaped}", "fight · a"]
    assert lead.x[1] == pytest.approx(3 / 8) and body.x[1] == pytest.approx(1 / 22)
    assert body.x[2] == pytest.approx(2 / 5)
    assert "1 of 22 sentences" in body.hovertext[1]
    assert list(lines.x[3:6]) == [lead.x[1], body.x[1], None]


def test_lead_body_leaves_out_frames_that_never_occur_unless_asked():
    table = profile_table()
    table = pd.concat([table, table[table["frame"] == "talk"].assign(frame="sanctions", n_hits=0, n_frame_sentences=0,
                                                                     share_sentences=0.0, score=0.0)])
    assert not any("sanctions" in y for y in charts.frame_profile_lead_body(table).data[1].y)
    fig = charts.frame_profile_lead_body(table, frames=["sanctions"], value="hits_per_1000_words")
    assert all(y.startswith("sanctions") for y in fig.data[1].y)


@pytest.mark.parametrize("kwargs, message", [
    ({"value": "mean"}, "value must be one of"),
    ({"section": "intro"}, "section must be"),
    ({"by": "country"}, "by must be"),
])
def test_bad_options_raise_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        charts.frame_profile(profile_table(), **kwargs)


def test_a_table_that_is_not_a_profile_is_refused_with_what_to_pass():
    with pytest.raises(ValueError, match="framing.frame_profile"):
        charts.frame_profile(pd.DataFrame({"doc_id": ["a"]}))


def test_seed_charts_draw_every_outlet(seed_corpus):
    profile = framing.frame_profile(seed_corpus)
    indicators = framing.frame_indicators(seed_corpus)
    heat = charts.frame_profile(profile, section="lead", indicators=indicators, documents=seed_corpus.documents)
    assert len(heat.data[0].y) == 5 and len(heat.data[0].x) == 11
    assert "1 article per outlet" in warning_text(heat)
    dumbbell = charts.frame_profile_lead_body(profile, indicators=indicators, documents=seed_corpus.documents)
    labels = set(dumbbell.data[1].y)
    assert "Diplomacy and dialogue · SNA News" in labels
    assert not any(label.startswith("Sanctions") for label in labels)
