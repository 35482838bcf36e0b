"""The Streamlit dashboard, page by page, through `streamlit.testing.v1.AppTest` (no browser; see test_dashboard_browser.py)."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import framing

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard" / "app.py"

# page file → (charts at least, tables at least) on the seed corpus with every outlet selected
PAGES = {
    "views/01_overview.py": (3, 3),
    "views/02_word_choice.py": (3, 2),
    "views/03_frames.py": (2, 2),
    "views/04_voices.py": (4, 3),
    "views/05_comparison.py": (4, 2),
    "views/06_outlet_profile.py": (3, 2),
    "views/07_read.py": (0, 0),
}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    """A build of the seed corpus."""
    out = tmp_path_factory.mktemp("dashboard") / "build"
    framing.build(REPO / "corpus", out, progress=False)
    return out


@pytest.fixture(autouse=True)
def keep_main_module(monkeypatch):
    """Put sys.modules["__main__"] back after each test: AppTest replaces it with the app's script, and the
    process pools of later builds (multiprocessing's spawn) would start by running that script."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])


def _app(build: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("FRAMING_BUILD", str(build))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _open(app: AppTest, page: str) -> AppTest:
    app.switch_page(page).run()
    assert not app.exception, f"{page}: {[e.value for e in app.exception]}"
    assert not app.error, f"{page}: {[e.value for e in app.error]}"
    return app


def _figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


OUTLET_NAMES = {row["outlet_id"]: row["name"] for row in csv.DictReader(open(REPO / "corpus" / "outlets.csv", encoding="utf-8"))}


def _outlets_in(figure: dict) -> set[str]:
    """Return the outlets that a figure's data mention anywhere (ids or names: traces, axes, hover texts)."""
    text = json.dumps(figure["data"], ensure_ascii=False)
    return {outlet for outlet, name in OUTLET_NAMES.items() if f'"{outlet}"' in text or name in text}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_and_shows_its_charts_and_tables(seed_build, monkeypatch, page):
    app = _open(_app(seed_build, monkeypatch), page)
    n_charts, n_tables = PAGES[page]
    assert len(app.get("plotly_chart")) >= n_charts
    assert len(app.dataframe) >= n_tables
    # every table downloads as CSV, every chart has its method note
    assert len(app.get("download_button")) >= len(app.dataframe)
    expanders = [e.label for e in app.expander]
    assert sum(label.startswith("About this chart") for label in expanders) >= n_charts


def test_pages_hold_no_analysis_code():
    """Pages arrange package results: they import framing's charts and results, never an analysis function."""
    analyses = {"keyness(", "frames(", "quotes(", "reuse(", "fact_coverage(", "similarity(", "hedges(", "tone("}
    for page in (REPO / "dashboard" / "views").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert "import framing\n" not in source, page.name
        calls = {a for a in analyses if f"framing.{a}" in source}
        assert not calls, f"{page.name} computes {calls}"


@pytest.mark.parametrize("page", [p for p, (charts, _) in PAGES.items() if charts])
def test_outlet_filter_changes_the_charts(seed_build, monkeypatch, page):
    app = _open(_app(seed_build, monkeypatch), page)
    before = _figures(app)
    assert any("euractiv" in _outlets_in(f) for f in before)
    app.sidebar.multiselect(key="outlets").unselect("euractiv").run()
    assert not app.exception, [e.value for e in app.exception]
    after = _figures(app)
    assert after, "charts disappeared"
    assert not any("euractiv" in _outlets_in(f) for f in after), "a chart still shows the deselected outlet"
    assert before != after


def test_overview_tables_follow_the_outlet_filter(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/01_overview.py")
    assert len(app.dataframe[0].value) == 5
    app.sidebar.multiselect(key="outlets").set_value(["sna", "nau"]).run()
    assert sorted(app.dataframe[0].value["outlet_id"]) == ["nau", "sna"]


def test_cleaning_report_is_shown_on_request(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/01_overview.py")
    n_charts = len(app.get("plotly_chart"))
    app.toggle[0].set_value(True).run()
    assert len(app.get("plotly_chart")) == n_charts + 1
    assert any(set(table.value.columns) >= {"doc_id", "reason", "rule_id"} for table in app.dataframe)


def test_keyness_measure_and_target_are_selectable(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/02_word_choice.py")
    table = lambda: next(t.value for t in app.dataframe if "stat" in t.value.columns)  # noqa: E731
    logodds = table()
    app.selectbox(key="keyness_measure").set_value("chi2").run()
    chi2 = table()
    assert not logodds["stat"].equals(chi2["stat"])
    expected = framing.keyness(framing.load_corpus(REPO / "corpus"), target=app.selectbox(key="keyness_target").value,
                               measure="chi2")
    assert chi2["feature"].head(10).tolist() == expected["feature"].head(10).tolist()
    app.selectbox(key="keyness_target").set_value("sna").run()
    app.selectbox(key="keyness_reference").set_value("euractiv").run()
    pairwise = table()
    direct = framing.keyness(framing.load_corpus(REPO / "corpus"), target="sna", reference="euractiv", measure="chi2")
    assert pairwise[["feature", "n_target", "n_reference"]].head(20).equals(
        direct[["feature", "n_target", "n_reference"]].head(20))
    assert len(pairwise) == min(len(direct), 200)  # the first 200 rows are shown; the CSV has all


def test_small_samples_are_warned_about_beside_the_chart(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/02_word_choice.py")
    assert any("single document" in w.value for w in app.warning)


def test_concordance_search_finds_every_occurrence(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/02_word_choice.py")
    app.text_input(key="kwic_query").set_value("Stoltenberg").run()
    lines = next(t.value for t in app.dataframe if "match" in t.value.columns)
    expected = framing.kwic(framing.load_corpus(REPO / "corpus"), "Stoltenberg")
    assert len(lines) == len(expected) > 0
    assert set(lines["match"].str.lower()) == {"stoltenberg"}


def test_quotes_table_filters_by_outlet_side_and_speaker(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/04_voices.py")
    quotes = lambda: next(t.value for t in app.dataframe if "quote" in t.value.columns)  # noqa: E731
    everything = quotes()
    app.multiselect(key="quotes_side").set_value(["russia"]).run()
    russia = quotes()
    assert 0 < len(russia) < len(everything) and set(russia["side"]) == {"russia"}
    outlet = russia["outlet_id"].iloc[0]
    app.multiselect(key="quotes_outlet").set_value([outlet]).run()
    assert set(quotes()["outlet_id"]) == {outlet}
    speaker = quotes()["speaker"].iloc[0]
    app.multiselect(key="quotes_speaker").set_value([speaker]).run()
    assert set(quotes()["speaker"]) == {speaker}


def test_outlet_profile_shows_one_outlet_and_two_side_by_side(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/06_outlet_profile.py")
    app.selectbox(key="profile_outlet").set_value("nau").run()
    first = _figures(app)[0]
    assert "Nau" in json.dumps(first["layout"]) + json.dumps(first["data"])
    app.selectbox(key="profile_b").set_value("cnn").run()
    comparison = json.dumps(_figures(app)[1])
    assert "cnn" in comparison or "CNN" in comparison


def test_read_page_highlights_an_article_with_a_legend(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/07_read.py")
    bodies = [h.proto.body for h in app.get("html")]
    assert any('class="hl-legend"' in body for body in bodies)
    article = next(body for body in bodies if "hl-article" in body and "<p>" in body)
    assert 'class="hl hl-quote"' in article and 'class="hl hl-frame"' in article
    app.toggle(key="read_two").set_value(True).run()
    assert sum('<div class="hl-article">' in h.proto.body for h in app.get("html")) == 2


def _corpus_with(tmp_path: Path, *, text: str | None = None, title: str = "Test <b>title</b>",
                 events: dict[str, str] | None = None) -> Path:
    """Copy the seed corpus, optionally adding an article with `text` or moving articles to other events."""
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if events and row["outlet_id"] in events:
            row["event_id"] = events[row["outlet_id"]]
    if text is not None:
        (corpus / "articles" / "999_xss.txt").write_text(text, encoding="utf-8")
        rows.append({**rows[0], "doc_id": "999_xss", "outlet_id": "sna", "title": title})
    with open(corpus / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return corpus


def test_event_filter_limits_every_page_to_the_event(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path, events={"sna": "other_event", "nau": "other_event"})
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _app(tmp_path / "build", monkeypatch)
    assert app.sidebar.selectbox(key="event").options == ["NATO-Russia Council meeting (2022-01-12)", "other_event"]
    app.sidebar.selectbox(key="event").set_value("other_event").run()
    assert app.sidebar.multiselect(key="outlets").value == ["nau", "sna"]
    for page in PAGES:
        _open(app, page)
        for figure in _figures(app):
            assert _outlets_in(figure) <= {"nau", "sna"}, page


XSS = ("Ein Test.\n<script>window.__xss=1</script> und <img src=x onerror=\"window.__xss=2\"> "
       "sagte der Sprecher: „<script>alert(1)</script> ist gefährlich.“\n")


def test_article_markup_is_shown_as_text_on_the_read_page(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path, text=XSS)
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _open(_app(tmp_path / "build", monkeypatch), "views/07_read.py")
    app.selectbox(key="read_article").set_value("999_xss").run()
    article = next(h.proto.body for h in app.get("html") if "hl-article" in h.proto.body and "<p>" in h.proto.body)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in article
    assert "<script" not in article and "<img" not in article


def test_downloaded_csv_neutralises_formulas(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path, text="Ein Satz über die Nato.\n", title='=HYPERLINK("http://x")')
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _open(_app(tmp_path / "build", monkeypatch), "views/01_overview.py")
    from framing.export import csv_bytes

    articles = next(t.value for t in app.dataframe if "title" in t.value.columns)
    data = csv_bytes(articles).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "\n=HYPERLINK" not in data and ",=HYPERLINK" not in data


def test_missing_build_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_BUILD", str(tmp_path / "nothing"))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception
    assert any("make run" in e.value for e in app.error)


def test_every_page_renders_on_an_unseen_corpus(unseen_corpus_dir, tmp_path, monkeypatch):
    """200 derStandard articles: other outlets, no events.csv, no quote marks, four outlets of 50 articles."""
    framing.build(unseen_corpus_dir, tmp_path / "build", progress=False)
    app = _app(tmp_path / "build", monkeypatch)
    assert len(app.sidebar.multiselect(key="outlets").value) == 4
    for page, (n_charts, _) in PAGES.items():
        _open(app, page)
        assert len(app.get("plotly_chart")) >= min(n_charts, 2), page
    app.sidebar.multiselect(key="outlets").set_value(["standard_a", "standard_b"]).run()
    for page in PAGES:
        _open(app, page)
        for figure in _figures(app):
            assert "standard_c" not in json.dumps(figure["data"]), page


def test_warnings_kept_by_the_build_are_shown_beside_their_chart(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path)
    (corpus / "facts.yaml").write_text("exclude:\n  - fact: f_nosuchfact\n", encoding="utf-8")
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _open(_app(tmp_path / "build", monkeypatch), "views/05_comparison.py")
    assert any("f_nosuchfact" in warning.value for warning in app.warning)
