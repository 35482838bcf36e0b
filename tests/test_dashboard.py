"""The Streamlit dashboard, page by page, through `streamlit.testing.v1.AppTest` (no browser; see test_dashboard_browser.py)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus_support import seed_corpus_plus

import framing

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard" / "app.py"

# page file → (the key of its tabs, {tab: (charts at least, tables at least)}) on the seed corpus with
# every outlet selected; a page computes and draws its open tab only (common.show_sections)
PAGES = {
    "views/01_overview.py": ("overview_tab", {"Article lengths": (1, 0), "Outlets and articles": (0, 2),
                                              "Readability": (2, 1), "Cleaning report": (1, 1)}),
    "views/02_word_choice.py": ("word_choice_tab", {"Key words": (1, 1), "Word scatter": (1, 0), "Naming": (1, 1),
                                                    "Concordance": (0, 0)}),
    "views/03_frames.py": ("frames_tab", {"Frames by outlet": (1, 0), "Headline and lead vs body": (1, 0),
                                          "Sentences": (0, 2)}),
    "views/04_voices.py": ("voices_tab", {"Share of voice": (1, 0), "Quotes": (0, 1), "Actors": (0, 1),
                                          "Speech verbs": (1, 0), "Hedging": (1, 1), "Tone": (1, 0)}),
    "views/05_comparison.py": ("comparison_tab", {"Shared passages": (2, 1), "Fact coverage": (1, 1),
                                                  "Similarity": (1, 0)}),
    "views/06_outlet_profile.py": ("profile_tab", {"One outlet": (1, 1), "Two side by side": (1, 0),
                                                   "Map of the outlets": (1, 1)}),
    "views/07_read.py": (None, {None: (0, 0)}),
}
TABS = [(page, tab) for page, (_, tabs) in PAGES.items() for tab in tabs]
# the cleaning chart names articles, not outlets: test_cleaning_report_is_shown_on_request checks its filter
TABS_WITH_CHARTS = [(page, tab) for page, tab in TABS if PAGES[page][1][tab][0] and tab != "Cleaning report"]


def _tab_id(value):
    return value.removeprefix("views/").removesuffix(".py") if isinstance(value, str) and value.startswith("views/") \
        else str(value)


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


def _open(app: AppTest, page: str, tab: str | None = None) -> AppTest:
    """Open a page (with one of its tabs open, if given) and check that it ran cleanly."""
    if tab is not None:
        app.session_state[PAGES[page][0]] = tab
    app.switch_page(page).run()
    assert not app.exception, f"{page}: {[e.value for e in app.exception]}"
    assert not app.error, f"{page}: {[e.value for e in app.error]}"
    return app


def _figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


OUTLET_NAMES = {row["outlet_id"]: row["name"] for row in csv.DictReader(open(REPO / "corpus" / "outlets.csv", encoding="utf-8"))}


ARTICLES_OF = {}
for _row in csv.DictReader(open(REPO / "corpus" / "articles.csv", encoding="utf-8")):
    ARTICLES_OF.setdefault(_row["outlet_id"], []).append(_row["doc_id"])


def _outlets_in(figure: dict) -> set[str]:
    """Return the outlets that a figure shows: ids or names anywhere in its data (traces, hover texts), or ids of
    their articles on its axes (hover texts may cite other outlets' articles as evidence)."""
    text = json.dumps(figure["data"], ensure_ascii=False)
    axes = json.dumps([[trace.get("x"), trace.get("y")] for trace in figure["data"]], ensure_ascii=False)
    return {outlet for outlet, name in OUTLET_NAMES.items()
            if f'"{outlet}"' in text or name in text or any(doc_id in axes for doc_id in ARTICLES_OF[outlet])}


@pytest.mark.parametrize(("page", "tab"), TABS, ids=_tab_id)
def test_every_page_runs_and_shows_its_charts_and_tables(seed_build, monkeypatch, page, tab):
    app = _open(_app(seed_build, monkeypatch), page, tab)
    n_charts, n_tables = PAGES[page][1][tab]
    assert len(app.get("plotly_chart")) >= n_charts
    assert len(app.dataframe) >= n_tables
    # every table downloads as CSV, every chart has its method note
    assert len(app.get("download_button")) >= len(app.dataframe)
    expanders = [e.label for e in app.expander]
    assert sum(label.startswith("About this chart") for label in expanders) >= n_charts


def test_a_page_draws_its_open_tab_only(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/04_voices.py")
    assert [t.label for t in app.tabs] == list(PAGES["views/04_voices.py"][1])
    assert [f["layout"]["title"]["text"] for f in _figures(app)] == [
        json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]]
    share_of_voice = _figures(app)
    _open(app, "views/04_voices.py", "Speech verbs")
    assert len(_figures(app)) == 1 and _figures(app) != share_of_voice
    assert [t for t in app.tabs if t.children] == [app.tabs[3]]


def test_a_tab_reopens_with_the_choices_it_was_left_with(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/02_word_choice.py")
    app.selectbox(key="keyness_measure").set_value("chi2").run()
    _open(app, "views/02_word_choice.py", "Concordance")
    app.slider(key="kwic_window").set_value(12).run()
    _open(app, "views/03_frames.py")
    _open(app, "views/02_word_choice.py", "Key words")
    assert app.selectbox(key="keyness_measure").value == "chi2"
    _open(app, "views/02_word_choice.py", "Concordance")
    assert app.slider(key="kwic_window").value == 12


def test_pages_hold_no_analysis_code():
    """Pages arrange package results: they import framing's charts and results, never an analysis function."""
    analyses = {"keyness(", "frames(", "quotes(", "reuse(", "fact_coverage(", "similarity(", "hedges(", "tone("}
    for page in (REPO / "dashboard" / "views").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert "import framing\n" not in source, page.name
        calls = {a for a in analyses if f"framing.{a}" in source}
        assert not calls, f"{page.name} computes {calls}"


@pytest.mark.parametrize(("page", "tab"), TABS_WITH_CHARTS, ids=_tab_id)
def test_outlet_filter_changes_the_charts(seed_build, monkeypatch, page, tab):
    app = _open(_app(seed_build, monkeypatch), page, tab)
    before = _figures(app)
    shown = set().union(*map(_outlets_in, before))
    # key words show one target outlet (cnn) against the others: removing euractiv changes the reference;
    # one outlet's profile shows that outlet: removing it shows another
    outlet = "euractiv" if "euractiv" in shown or tab in {"Key words", "Word scatter"} else min(shown)
    app.sidebar.multiselect(key="outlets").unselect(outlet).run()
    assert not app.exception, [e.value for e in app.exception]
    after = _figures(app)
    assert after, "charts disappeared"
    assert not any(outlet in _outlets_in(f) for f in after), "a chart still shows the deselected outlet"
    assert before != after


def test_overview_tables_follow_the_outlet_filter(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/01_overview.py", "Outlets and articles")
    assert len(app.dataframe[0].value) == 5
    app.sidebar.multiselect(key="outlets").set_value(["sna", "nau"]).run()
    assert sorted(app.dataframe[0].value["outlet_id"]) == ["nau", "sna"]


def test_cleaning_report_is_shown_on_request(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/01_overview.py")
    assert not any("rule_id" in table.value.columns for table in app.dataframe)
    _open(app, "views/01_overview.py", "Cleaning report")
    assert len(_figures(app)) == 1
    removed = lambda: next(t.value for t in app.dataframe if {"doc_id", "reason", "rule_id"} <= set(t.value.columns))  # noqa: E731
    outlet = removed()["outlet_id"].iloc[0]
    before = _figures(app)
    app.sidebar.multiselect(key="outlets").unselect(outlet).run()
    assert outlet not in set(removed()["outlet_id"])
    assert _figures(app) != before


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
    app = _open(_app(seed_build, monkeypatch), "views/02_word_choice.py", "Concordance")
    app.text_input(key="kwic_query").set_value("Stoltenberg").run()
    lines = next(t.value for t in app.dataframe if "match" in t.value.columns)
    expected = framing.kwic(framing.load_corpus(REPO / "corpus"), "Stoltenberg")
    assert len(lines) == len(expected) > 0
    assert set(lines["match"].str.lower()) == {"stoltenberg"}


def test_quotes_table_filters_by_outlet_side_and_speaker(seed_build, monkeypatch):
    app = _open(_app(seed_build, monkeypatch), "views/04_voices.py", "Quotes")
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
    _open(app, "views/06_outlet_profile.py", "Two side by side")
    app.selectbox(key="profile_b").set_value("cnn").run()
    comparison = json.dumps(_figures(app)[0])
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
    added = [] if text is None else [{"doc_id": "999_xss", "outlet_id": "sna", "title": title, "text": text,
                                      "published": "2022-01-12", "language": "de", "event_id": "nrc_2022_01_12"}]
    return seed_corpus_plus(tmp_path, added, events=events)


def test_event_filter_limits_every_page_to_the_event(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path, events={"sna": "other_event", "nau": "other_event"})
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _app(tmp_path / "build", monkeypatch)
    assert app.sidebar.selectbox(key="event").options == ["NATO-Russia Council meeting (2022-01-12)", "other_event"]
    app.sidebar.selectbox(key="event").set_value("other_event").run()
    assert app.sidebar.multiselect(key="outlets").value == ["nau", "sna"]
    for page, tab in TABS:
        _open(app, page, tab)
        for figure in _figures(app):
            assert _outlets_in(figure) <= {"nau", "sna"}, (page, tab)


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
    app = _open(_app(tmp_path / "build", monkeypatch), "views/01_overview.py", "Outlets and articles")
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
    for page, tab in TABS:
        _open(app, page, tab)
        n_charts = PAGES[page][1][tab][0]
        if tab != "Map of the outlets":  # the seed corpus's map needs 3 outlets; this corpus's map may be too small
            assert len(app.get("plotly_chart")) >= min(n_charts, 1), (page, tab)
    app.sidebar.multiselect(key="outlets").set_value(["standard_a", "standard_b"]).run()
    for page, tab in TABS:
        _open(app, page, tab)
        for figure in _figures(app):
            assert "standard_c" not in json.dumps(figure["data"]), (page, tab)


def test_comparison_draws_the_articles_that_matter_most_in_a_large_event(seed_build, monkeypatch):
    """Above framing.chart_articles.CHART_ARTICLES articles (here lowered to 3 of the seed corpus's 5) the reuse and
    fact matrices draw the articles sharing or reporting most, and say so; their tables keep every row."""
    import framing.chart_articles

    app = _open(_app(seed_build, monkeypatch), "views/05_comparison.py")
    full_reuse = _figures(app)[0]
    monkeypatch.setattr(framing.chart_articles, "CHART_ARTICLES", 3)
    app.run()
    reuse = _figures(app)[0]
    assert len(reuse["data"][0]["y"]) < len(full_reuse["data"][0]["y"]) and len(reuse["data"][0]["y"]) <= 3
    assert any("(of 5) that share the most words" in c.value for c in app.caption)
    _open(app, "views/05_comparison.py", "Fact coverage")
    matrix = _figures(app)[0]
    assert any("(of 5) that report the most" in c.value for c in app.caption)
    heatmap = next(trace for trace in matrix["data"] if trace["type"] == "heatmap")
    assert 0 < len(heatmap["x"]) <= 3


def test_warnings_kept_by_the_build_are_shown_beside_their_chart(tmp_path, monkeypatch):
    corpus = _corpus_with(tmp_path)
    (corpus / "facts.yaml").write_text("exclude:\n  - fact: f_nosuchfact\n", encoding="utf-8")
    framing.build(corpus, tmp_path / "build", progress=False)
    app = _open(_app(tmp_path / "build", monkeypatch), "views/05_comparison.py", "Fact coverage")
    assert any("f_nosuchfact" in warning.value for warning in app.warning)
