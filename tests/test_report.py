"""The stakeholder report: one self-contained HTML file whose summary agrees with the build it was made from.

The seed corpus is built once per module into a temporary folder and its
report written with `framing.report.write_report`; a second corpus (the seed
corpus plus an article holding markup and an article of another event) checks
escaping and the other-events notice. The report is opened in Debian's
chromium with every request outside `file://` blocked (tests/browser_support.py):
each figure must draw its SVG and the console must stay clean.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import framing
from framing.lexicons import fingerprint, lexicon_files
from framing.report import assemble_report, write_report
from framing.report.static import kaleido_options, save_figure
from framing.results import open_results

from browser_support import browser_page
from corpus_support import seed_corpus_plus

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_EVENT = "nrc_2022_01_12"
XSS_DOC_ID = "900_xss_probe"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
XSS_TITLE = f"Markup im Titel {XSS_SCRIPT}"
OTHER_EVENT = "zz_other_event"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed corpus's build, its report file and the report assembled again from the build."""
    root = tmp_path_factory.mktemp("report")
    out = write_report(REPO_ROOT / "corpus", root / "reports" / "report.html", build_dir=root / "build")
    found = open_results(root / "build")
    return {"root": root, "path": out, "html": out.read_text(encoding="utf-8"), "found": found,
            "report": assemble_report(found)}


@pytest.fixture(scope="module")
def xss(tmp_path_factory):
    """The report of the seed corpus plus an article with markup in its title and text, and one of another event."""
    root = tmp_path_factory.mktemp("report_xss")
    corpus = seed_corpus_plus(root, [
        {"doc_id": XSS_DOC_ID, "outlet_id": "cnn", "title": XSS_TITLE, "published": "2022-01-12", "language": "de",
         "event_id": SEED_EVENT, "attribution": "inferred",
         "attribution_note": "Test article: markup in the text must be shown as text.",
         "text": f"{XSS_TITLE}\n"
                 f"Die angebliche Aggression {XSS_IMG} Russlands war Thema im Nato-Russland-Rat in Brüssel.\n"
                 f"Stoltenberg sagte: „Ein Leser schrieb {XSS_SCRIPT} in seinen Kommentar über die Nato.“\n"},
        {"doc_id": "901_other_event", "outlet_id": "nau", "title": "Ein anderes Treffen", "published": "2022-01-13",
         "language": "de", "event_id": OTHER_EVENT, "attribution": "inferred",
         "attribution_note": "Test article of a second event.",
         "text": "Ein anderes Treffen\nIn Wien trafen sich Vertreter der OSZE zu Gesprächen über die Ukraine.\n"},
    ])
    out = write_report(corpus, root / "report.html", build_dir=root / "build")
    return {"path": out, "html": out.read_text(encoding="utf-8")}


class _Links(HTMLParser):
    """Collects every tag's src and href attributes, every id, and the links of the table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.toc: list[str] = []
        self.tags: list[str] = []
        self._in_toc = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "nav" and attrs.get("id") == "toc":
            self._in_toc = 1
        elif tag == "nav" and self._in_toc:
            self._in_toc += 1
        for name in ("src", "href", "action", "data", "poster"):
            if attrs.get(name) is not None:
                self.urls.append((tag, name, attrs[name]))
        if self._in_toc and tag == "a":
            self.toc.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_toc:
            self._in_toc -= 1


def links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


# --- the file ---------------------------------------------------------------------------------------


def test_report_is_one_file_with_plotly_js_once(seed):
    page = seed["html"]
    assert seed["path"].is_file() and seed["path"].stat().st_size > 1_000_000
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1, "plotly.js must be included exactly once"
    assert "<script src" not in page.replace(" ", "") and not re.search(r"<script[^>]+src=", page)
    assert page.count('class="plotly-graph-div"') == len(seed["report"].charts) > 15


def test_report_references_nothing_outside_the_file(seed):
    found = links(seed["html"])
    outside = [(tag, name, url) for tag, name, url in found.urls
               if re.match(r"\s*(https?:|//|ftp:|file:)", url, re.IGNORECASE) or (name != "href" and url)]
    assert not outside, f"the report refers to: {outside}"
    assert all(url.startswith("#") for _, name, url in found.urls if name == "href")
    assert "link" not in found.tags and "iframe" not in found.tags
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", seed["html"])


def test_every_entry_of_the_contents_has_its_section(seed):
    found = links(seed["html"])
    assert len(found.toc) >= 8
    missing = [href for href in found.toc if href.removeprefix("#") not in found.ids]
    assert not missing, f"contents entries without a section: {missing}"
    for anchor in ("summary", "event", "word-choice", "frames", "voices", "comparison", "profiles", "about"):
        assert f"#{anchor}" in found.toc
    assert all(finding.section in found.ids for finding in seed["report"].findings)


def test_report_file_is_replaced_whole(seed):
    assert not [p.name for p in seed["path"].parent.iterdir() if p.name.endswith(".tmp")]


def test_corpus_and_version_block_names_the_build(seed):
    page = seed["html"]
    about = page[page.index('<section id="about">'):]
    manifest = seed["found"].manifest
    assert html.escape(str(REPO_ROOT / "corpus")) in about
    assert f"framing {framing.__version__}" in about
    assert manifest["build_id"] in about and manifest["created"] in about
    assert fingerprint(*lexicon_files(REPO_ROOT / "corpus")) in about
    assert re.search(r"Report written</dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d UTC", about)


# --- the findings -------------------------------------------------------------------------------------


def _outlet_in(label: str) -> str:
    return re.split(r"[:/–]", label, maxsplit=1)[0].strip()


# labels of numbers that are about all outlets together, not one outlet
TOTALS = {"quotes", "direct", "partial", "indirect", "quoted words", "unattributed", "hedges", "passages",
          "facts reported by 2+ articles", "sentences naming an actor (per side)", "with an evaluative word"}


def test_findings_are_in_the_report_and_name_real_outlets(seed):
    report, page = seed["report"], seed["html"]
    outlets, names = set(report.view.outlets), report.view.names
    assert len(report.findings) >= 10
    for finding in report.findings:
        assert html.escape(finding.sentence, quote=False) in page.replace("&#39;", "'").replace("&#34;", '"')
        named = set()
        for label in finding.numbers:
            head = label.split(":", 1)[0].split("/", 1)[0]
            named |= set(head.split("–")) if label not in TOTALS and not head.startswith("f_") else set()
        assert named <= outlets, f"finding names outlets the event does not have: {named - outlets}"
        for outlet in named:
            assert names[outlet] in finding.sentence, f"{names[outlet]!r} missing from: {finding.sentence}"


def test_first_finding_says_each_outlet_has_one_article(seed):
    first = seed["report"].findings[0]
    assert first.sentence.startswith("The report covers 5 articles")
    assert "single article" in first.sentence and "not how the outlets cover the event in general" in first.sentence


def test_voice_findings_match_the_quotes_counted_again(seed):
    """Recounts words and quotes per outlet and side from the quote table, not from share_of_voice."""
    found = seed["found"]
    quotes = found.table("quotes", SEED_EVENT)
    words = quotes.groupby(["outlet_id", "side"])["n_words"].sum()
    counts = quotes.groupby(["outlet_id", "side"]).size()
    per_outlet = quotes.groupby("outlet_id")["n_words"].sum()
    checked = 0
    for finding in seed["report"].findings:
        if finding.source != "share_of_voice" or "given to" not in finding.sentence:
            continue
        for label, value in finding.numbers.items():
            outlet, what = label.split(": ", 1)
            if what.startswith("quoted words of "):
                assert value == words[(outlet, what.removeprefix("quoted words of "))], label
            elif what.startswith("quotes of "):
                assert value == counts[(outlet, what.removeprefix("quotes of "))], label
            else:
                assert value == per_outlet[outlet], label
            checked += 1
    assert checked >= 20
    sna = next(f for f in seed["report"].findings if "NATO and the West" in f.sentence and "given to" in f.sentence)
    assert "SNA News 100% (288 of 288 quoted words, 17 quotes)" in sna.sentence


def test_fact_findings_match_the_leaning_profile(seed):
    """The omissions computed from the fact table agree with the leaning profile, computed by the build apart."""
    profile = seed["found"].table("leaning_profile", SEED_EVENT)
    omitted = profile[profile["indicator"] == "facts omitted that ≥2 other outlets report"].set_index("outlet_id")
    facts = [f for f in seed["report"].findings if f.source == "fact_coverage" and f.sentence.startswith("No sentence")]
    assert len(facts) == 5
    for finding in facts:
        (outlet,) = {_outlet_in(label) for label in finding.numbers}
        assert finding.numbers[f"{outlet}: facts omitted that ≥2 other outlets report"] == omitted.at[outlet, "n"]
        assert finding.numbers[f"{outlet}: facts ≥2 other outlets report"] == omitted.at[outlet, "n_total"]
    sna = next(f for f in facts if "sna: facts ≥2 other outlets report" in f.numbers)
    assert "matches 12 of the 17 facts" in sna.sentence and "100'000 Soldaten" in sna.sentence


def test_hedge_and_reuse_findings_match_their_tables(seed):
    found = seed["found"]
    hedges = found.table("hedges", SEED_EVENT).groupby("outlet_id").size()
    finding = next(f for f in seed["report"].findings if f.source == "hedges")
    assert finding.numbers["hedges"] == hedges.sum() == 4
    assert all(finding.numbers[f"{o}: hedges"] == n for o, n in hedges.items())
    reuse = found.table("reuse", SEED_EVENT)
    finding = next(f for f in seed["report"].findings if f.source.startswith("reuse"))
    assert finding.numbers["nau–sna: shared words"] == reuse["n_words"].sum() == 42
    assert "Nau.ch and SNA News share 1 passage of 42 words" in finding.sentence


def test_findings_table_has_one_row_per_finding(seed):
    table = seed["report"].findings_table()
    assert list(table.columns) == ["topic", "sentence", "numbers", "section", "source"]
    assert len(table) == len(seed["report"].findings)
    assert table["numbers"].str.len().gt(0).all()


# --- other events, bad input ----------------------------------------------------------------------------


def test_single_event_report_has_no_notice_of_other_events(seed):
    assert "other events" not in seed["html"] and "--event" not in seed["html"]


def test_report_names_the_other_events_of_the_corpus_and_the_option(xss):
    page = xss["html"]
    assert "<h1>NATO-Russia Council meeting (2022-01-12)</h1>" in page  # the event with the most articles
    notice = re.search(r'<p class="notice">(.*?)</p>', page, re.S).group(1)
    assert OTHER_EVENT in notice and "--event ID" in notice and "(1 articles)" in notice


def test_unknown_event_is_refused_with_the_list_of_events(seed):
    with pytest.raises(ValueError, match=r"no event 'nope'.*nrc_2022_01_12"):
        assemble_report(seed["found"], "nope")


def test_command_line_writes_the_report_and_refuses_bad_input(seed, tmp_path):
    command = [sys.executable, "-m", "framing", "report", "--build", str(seed["root"] / "build"), "--quiet"]
    good = subprocess.run([*command, "--corpus", str(REPO_ROOT / "corpus"), "--out", str(tmp_path / "r.html")],
                          cwd=REPO_ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "r.html").is_file() and "Report written to" in good.stdout
    missing = subprocess.run([*command, "--corpus", str(tmp_path / "no_corpus"), "--out", str(tmp_path / "x.html")],
                             cwd=REPO_ROOT, capture_output=True, text=True)
    assert missing.returncode != 0 and "error:" in missing.stderr and "does not exist" in missing.stderr
    assert not (tmp_path / "x.html").exists()
    event = subprocess.run([*command, "--corpus", str(REPO_ROOT / "corpus"), "--out", str(tmp_path / "y.html"),
                            "--event", "nope"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert event.returncode != 0 and "no event 'nope'" in event.stderr


# --- in the browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module that may open file:// URLs and nothing off this machine."""
    with browser_page(local_files=True) as session:
        yield session


def open_report(session, path: Path) -> list[str]:
    """Open a report, wait until every figure has drawn its SVG; return the alert dialogs that fired."""
    session.clear()
    dialogs: list[str] = []

    def dialog(d) -> None:
        dialogs.append(d.message)
        d.dismiss()

    session.page.on("dialog", dialog)
    session.page.goto(path.as_uri())
    n = session.page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
    session.page.wait_for_function(
        """n => new Set(Array.from(document.querySelectorAll('.js-plotly-plot svg.main-svg'))
                 .map(svg => svg.closest('.js-plotly-plot'))).size >= n""", arg=n, timeout=60_000)
    session.page.wait_for_timeout(300)  # an injected image's onerror would have fired by now
    return dialogs


def test_every_chart_renders_offline_without_console_errors(browser, seed):
    dialogs = open_report(browser, seed["path"])
    drawn = browser.page.evaluate(
        """() => new Set(Array.from(document.querySelectorAll('.js-plotly-plot svg.main-svg'))
                 .map(svg => svg.closest('.js-plotly-plot'))).size""")
    assert drawn == len(seed["report"].charts)
    assert dialogs == []
    browser.assert_clean()


def test_markup_in_an_article_is_shown_as_text(browser, xss):
    dialogs = open_report(browser, xss["path"])
    text = browser.page.evaluate("document.body.innerText")
    assert XSS_SCRIPT in text, "the title's markup is not shown as text"
    assert XSS_IMG in text, "the article's markup is not shown as text"
    assert dialogs == [], f"article markup ran: {dialogs}"
    # the page's scripts are plotly.js and one per figure (whose JSON holds the title escaped); none from the article
    n_figures = browser.page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
    assert browser.page.evaluate("document.scripts.length") == 1 + n_figures
    assert browser.page.evaluate("Array.from(document.scripts).filter(s => s.textContent.trim() === 'alert(1)').length") == 0
    assert browser.page.locator('img[src="x"]').count() == 0
    browser.assert_clean()


# --- static export --------------------------------------------------------------------------------------


def test_static_export_page_loads_only_local_files():
    """Kaleido's page must not name a CDN: plotly.js from plotly.py's package, no MathJax."""
    from kaleido import PageGenerator

    options = kaleido_options()
    page = PageGenerator(plotly=options["plotlyjs"], mathjax=options["mathjax"]).generate_index()
    sources = re.findall(r'src="([^"]+)"', page)
    assert len(sources) == 2 and not any(re.match(r"(https?:)?//", s) for s in sources), sources
    assert options["path"] and Path(options["path"]).is_file()


def test_static_export_writes_png_and_svg(seed, tmp_path):
    _, chart = seed["report"].charts[0]
    png = save_figure(chart.figure, tmp_path / "lengths.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    svg = save_figure(chart.figure, tmp_path / "lengths.svg", "svg")
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "main-svg" in text and "</svg>" in text


def test_report_images_option_writes_every_chart(seed, tmp_path):
    command = [sys.executable, "-m", "framing", "report", "--build", str(seed["root"] / "build"), "--quiet",
               "--corpus", str(REPO_ROOT / "corpus"), "--out", str(tmp_path / "r.html"),
               "--images", str(tmp_path / "images"), "--image-format", "svg"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    images = sorted((tmp_path / "images").glob("*.svg"))
    assert len(images) == len(seed["report"].charts)
    assert images[0].name.startswith("01_event-1_") and all(p.read_text()[:4] == "<svg" for p in images)
