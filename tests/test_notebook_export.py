"""Tests of framing.notebook_export: `make reports` writes one offline HTML file per notebook.

The real notebooks are executed and exported once per module (about a minute).
Each report is then opened in headless Chromium that may read `file://` only
(tests/browser_support.py blocks and records every other request): every
figure must draw its SVG, and the console must stay clean. Two tiny notebooks
written here check the rest cheaply: a failing notebook is named with its cell
and keeps its previous report, article text with `<script>` stays text.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from browser_support import browser_page, wait_for_charts

from framing import notebook_export
from framing.notebook_export import PLOTLY_MIMETYPE, PLOTLYJS_SIGNATURE, export_notebooks, main, network_references

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
#: Seconds the export of one notebook may take on average (execution is ~12 s each on one core).
SECONDS_PER_NOTEBOOK = 60
CELL_TIMEOUT = 120
#: JavaScript: how many plotly figures on the page have drawn their SVG.
DRAWN = "() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('svg.main-svg')).length"


@dataclass
class Export:
    folder: Path
    paths: list[Path]
    executed: dict[str, nbformat.NotebookNode]  # notebook file name -> the executed notebook
    seconds: float

    def report(self, notebook: Path) -> Path:
        return self.folder / f"{notebook.stem}.html"


def n_figures(notebook) -> int:
    """Return how many plotly figures the executed notebook's outputs hold."""
    return sum(
        PLOTLY_MIMETYPE in output.get("data", {})
        for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Export:
    """Export the real notebooks once, keeping each executed notebook (to count its figures)."""
    executed = {}
    execute = notebook_export.execute_notebook

    def recording(path, **options):
        executed[Path(path).name] = notebook = execute(path, **options)
        return notebook

    out = tmp_path_factory.mktemp("reports")
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notebook_export, "execute_notebook", recording)
        paths = export_notebooks(NOTEBOOK_DIR, out, timeout=CELL_TIMEOUT)
    return Export(out, paths, executed, time.monotonic() - started)


@pytest.fixture(scope="module")
def browser():
    with browser_page(local_files=True) as session:
        yield session


def open_report(session, path: Path, n_expected: int) -> int:
    """Open a report in the browser, wait for its figures to draw; return how many did."""
    session.clear()
    session.page.goto(path.as_uri())
    if n_expected:
        with contextlib.suppress(Exception):  # the count below says what is missing
            wait_for_charts(session.page, n_expected, container="", timeout=60)
    return session.page.evaluate(DRAWN)


def test_there_are_notebooks_to_export():
    assert (NOTEBOOK_DIR / "01_corpus_overview.ipynb") in NOTEBOOKS


def test_export_writes_one_html_file_per_notebook(exported):
    assert [path.name for path in exported.paths] == [f"{notebook.stem}.html" for notebook in NOTEBOOKS]
    assert all(path.stat().st_size > 0 for path in exported.paths)
    assert not list(exported.folder.glob(".*.tmp")), "a temporary file was left behind"


def test_export_stays_within_its_time_budget(exported):
    budget = SECONDS_PER_NOTEBOOK * len(NOTEBOOKS)
    assert exported.seconds < budget, f"exporting {len(NOTEBOOKS)} notebooks took {exported.seconds:.0f} s (budget {budget} s)"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_report_loads_nothing_from_the_network(exported, notebook):
    report = exported.report(notebook)
    assert network_references(report) == []
    html = report.read_text(encoding="utf-8")
    # What nbconvert's lab template and plotly's notebook renderer load from CDNs (plotly.js itself names
    # cdn.plot.ly, for map outlines, so that one is left to network_references and the browser).
    for cdn in ("require.min.js", "cdnjs.cloudflare.com", "text/x-mathjax-config"):
        assert cdn not in html


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_report_embeds_plotly_js_exactly_once(exported, notebook):
    html = exported.report(notebook).read_text(encoding="utf-8")
    n_expected = 1 if n_figures(exported.executed[notebook.name]) else 0
    assert html.count(PLOTLYJS_SIGNATURE) == n_expected


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_report_draws_every_figure_offline_without_console_errors(exported, browser, notebook):
    n_expected = n_figures(exported.executed[notebook.name])
    drawn = open_report(browser, exported.report(notebook), n_expected)
    assert drawn == n_expected, f"{drawn} of {n_expected} figures drawn; the browser saw: {browser.problems()}"
    browser.assert_clean()


# Two tiny notebooks: `ok` shows article text with markup in a table and a figure, `broken` fails in its cell 2.
ARTICLE = "<script>window.injected = 'table'</script> „Zitat“ & <b>fett</b>"
FIGURE_LABEL = "</script><script>window.injected = 'figure'</script>"
TINY = {
    "ok": [
        f"import pandas as pd\nimport plotly.graph_objects as go\nimport plotly.io as pio\n\n"
        f"pd.set_option('display.max_colwidth', None)\nARTICLE = {ARTICLE!r}\nprint('renderer:', pio.renderers.default)",
        "pd.DataFrame({'text': [ARTICLE]})",
        # No pio.renderers.default here: the kernel's PLOTLY_RENDERER must pick the renderer.
        f"go.Figure(go.Bar(x=[{FIGURE_LABEL!r}], y=[1]))",
    ],
    "broken": ["x = 1", "x / 0", "print('never')"],
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Run the command line on the tiny notebooks; return (exit status, stderr, reports folder)."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "notebooks").mkdir()
    for name, sources in TINY.items():
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, root / "notebooks" / f"{name}.ipynb")
    (root / "reports").mkdir()
    (root / "reports" / "broken.html").write_text("previous report", encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = main(["--notebooks", str(root / "notebooks"), "--out", str(root / "reports"), "--timeout", "60"])
    return status, stderr.getvalue(), root / "reports"


def test_failing_notebook_is_named_with_its_cell_and_fails_the_run(tiny):
    status, stderr, _ = tiny
    assert status == 1
    assert re.search(r"broken\.ipynb: cell 2 of 3 failed: ZeroDivisionError", stderr), stderr
    assert "x / 0" in stderr


def test_failing_notebook_keeps_its_previous_report_and_the_others_are_exported(tiny):
    _, _, reports = tiny
    assert (reports / "broken.html").read_text(encoding="utf-8") == "previous report"
    assert (reports / "ok.html").exists()
    assert not list(reports.glob(".*.tmp"))


def test_kernel_runs_with_the_plotly_renderer_for_reports(tiny):
    _, _, reports = tiny
    assert "renderer: plotly_mimetype+notebook" in (reports / "ok.html").read_text(encoding="utf-8")


def test_article_markup_in_a_table_or_figure_stays_text(tiny, browser):
    _, _, reports = tiny
    assert network_references(reports / "ok.html") == []
    assert open_report(browser, reports / "ok.html", 1) == 1
    assert browser.page.evaluate("window.injected") is None
    assert ARTICLE in browser.page.locator("table").inner_text()
    assert "window.injected = 'figure'" in browser.page.locator(".js-plotly-plot").text_content()
    browser.assert_clean()


@pytest.mark.parametrize(("html", "expected"), [
    ('<script src="https://cdn.example.org/require.js"></script>', ['<script src="https://cdn.example.org/require.js">']),
    ('<script src="//cdn.example.org/x.js"></script>', ['<script src="//cdn.example.org/x.js">']),
    ('<link rel="stylesheet" href="http://fonts.example.org/css">', ['<link href="http://fonts.example.org/css">']),
    ('<img srcset="a.png 1x, https://example.org/b.png 2x">', ['<img srcset="a.png 1x, https://example.org/b.png 2x">']),
    ("<style>@import url(https://fonts.example.org/x.css);</style>", ["<style> …https://fonts.example.org/x.css…"]),
    ('<style>@import "//fonts.example.org/x.css";</style>', ["<style> …//fonts.example.org/x.css…"]),
    ('<div style="background: url(\'https://example.org/bg.png\')"></div>', ['<div style="…url(https://example.org/bg.png)…">']),
    ('<script type="module">import "https://cdn.plot.ly/plotly.min"</script>', ["<script> import https://cdn.plot.ly/plotly.min"]),
    ('<a href="https://example.org/source">Quelle</a>', []),
    ("<script>var html = '<img src=\"https://example.org/tile.png\">';</script>", []),
    ('<img src="data:image/png;base64,AAAA"><script src="local.js"></script><a href="#top">top</a>', []),
])
def test_network_references_finds_what_a_page_loads_from_the_network(tmp_path, html, expected):
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>", encoding="utf-8")
    assert network_references(page) == expected
