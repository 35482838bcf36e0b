"""Benchmark the stakeholder report: its size and how long it takes, on the seed corpus and on 1,000 articles.

For each corpus, in one process: the first build (timed, the reference for the
report's time), then `framing.report.write_report` `--repeat` times (the
build is up to date, so this is the report: assembling findings, sections and
figures, rendering, writing), then the baseline: the same figures written the
plain way, each with `plotly.io.write_html` into a self-contained HTML file of
its own. The size that matters is the report's, against what an e-mail
takes (`EMAIL_LIMIT_MB` as an attachment, which base64 makes a third larger).
Finally the report is opened in Debian's chromium with the network blocked and
timed until every chart has drawn its SVG (skipped without chromium).

    .venv/bin/python bench/report.py [--n 1000] [--repeat 3] [--record]

The 1,000 articles are made by `bench/news_corpus.py --n 1000 --docs-per-event 1000`
(one event, four outlets) from ../shared/data; without that data only the seed
corpus is measured, and the run says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests"))

from news_corpus import DEFAULT_DATA, data_path, write_corpus  # noqa: E402
from results_file import add_newest_run, command, machine  # noqa: E402

import plotly  # noqa: E402
import plotly.io as pio  # noqa: E402

from framing.builder import build  # noqa: E402
from framing.report import assemble_report, write_report  # noqa: E402
from framing.report.render import PLOTLY_JS  # noqa: E402
from framing.results import open_results  # noqa: E402

SECTION = "## Report"
#: What an e-mail attachment may weigh (many providers: 10-25 MB); the report must stay under it after base64.
EMAIL_LIMIT_MB = 10


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def _baseline(figures, folder: Path) -> tuple[float, int]:
    """Write each figure as its own self-contained HTML file (plotly.js in each); return seconds and total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for k, figure in enumerate(figures):
        pio.write_html(figure, folder / f"{k:02d}.html", include_plotlyjs=True, full_html=True)
    seconds = time.perf_counter() - started
    return seconds, sum(p.stat().st_size for p in folder.glob("*.html"))


def _open_in_chromium(path: Path) -> float | None:
    """Return the seconds from opening the report until every chart has drawn its SVG (None without chromium)."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from browser_support import browser_page

    with browser_page(local_files=True) as session:
        started = time.perf_counter()
        session.page.goto(path.as_uri())
        n = session.page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
        session.page.wait_for_function(
            """n => new Set(Array.from(document.querySelectorAll('.js-plotly-plot svg.main-svg'))
                     .map(svg => svg.closest('.js-plotly-plot'))).size >= n""", arg=n, timeout=120_000)
        seconds = time.perf_counter() - started
        session.assert_clean()
    return seconds


def run(label: str, corpus: Path, tmp: Path, repeat: int) -> dict:
    """Return the measurements of one corpus (see the module docstring)."""
    out = tmp / "build"
    build_seconds, _ = _timed(build, corpus, out, progress=False)
    runs = []
    for k in range(repeat):
        seconds, path = _timed(write_report, corpus, tmp / "report.html", build_dir=out)
        runs.append(seconds)
    # where the report's time goes, measured once apart
    check_seconds, _ = _timed(build, corpus, out, progress=False)
    found = open_results(out)
    assemble_seconds, report = _timed(assemble_report, found)
    render_seconds, page = _timed(report.html)
    figures = [chart.figure for _, chart in report.charts]
    baseline = [_baseline(figures, tmp / f"baseline{k}") for k in range(repeat)]
    return {
        "label": label, "articles": len(report.view.documents), "outlets": len(report.view.outlets),
        "figures": len(figures), "findings": len(report.findings), "build": build_seconds, "runs": runs,
        "check": check_seconds, "assemble": assemble_seconds, "render": render_seconds,
        "size": path.stat().st_size, "html_chars": len(page),
        "baseline_seconds": statistics.median(s for s, _ in baseline), "baseline_bytes": baseline[0][1],
        "open": _open_in_chromium(path),
    }






def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.2f}"


def report_text(results: list[dict], repeat: int, skipped: str) -> str:
    plotly_js = PLOTLY_JS.stat().st_size
    lines = [
        f"### {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"- machine: {machine()}",
        f"- libraries: plotly {plotly.__version__} (plotly.js {_mb(plotly_js)} MB, included once), "
        f"jinja2 {__import__('jinja2').__version__}",
        f"- command: `{command()}`",
        f"- report: `write_report` on an up-to-date build (it checks the build, then assembles and writes), {repeat} runs,"
        " median; reference: the first build of the same corpus in the same process; baseline: the same figures, each"
        " written by `plotly.io.write_html` as a self-contained file (plotly.js in each), median of"
        f" {repeat}; e-mail: base64 makes an attachment 4/3 of the file, against a {EMAIL_LIMIT_MB} MB limit; open:"
        " Chromium with the network blocked, from `goto` until every chart has drawn its SVG.",
        "",
        "| corpus | articles (outlets) | figures / findings | first build s | report s (runs) | report / first build |"
        " build check + assemble + render s |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for r in results:
        median = statistics.median(r["runs"])
        lines.append(
            f"| {r['label']} | {r['articles']:,} ({r['outlets']}) | {r['figures']} / {r['findings']} | {r['build']:.1f} |"
            f" {median:.2f} ({', '.join(f'{s:.2f}' for s in r['runs'])}) | {median / r['build']:.3f} |"
            f" {r['check']:.2f} + {r['assemble']:.2f} + {r['render']:.2f} |")
    lines += [
        "",
        "| corpus | report MB | of which plotly.js MB | as e-mail attachment MB | baseline: files, total MB |"
        " report size / baseline | report time / baseline time | open in Chromium s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        median = statistics.median(r["runs"])
        opened = f"{r['open']:.2f}" if r["open"] is not None else "–"
        lines.append(
            f"| {r['label']} | {_mb(r['size'])} | {_mb(plotly_js)} | {_mb(r['size'] * 4 / 3)} |"
            f" {r['figures']} files, {_mb(r['baseline_bytes'])} | {r['size'] / r['baseline_bytes']:.3f} |"
            f" {median / r['baseline_seconds']:.2f} | {opened} |")
    largest = max(results, key=lambda r: r["size"])
    verdict = "stays under" if largest["size"] * 4 / 3 < EMAIL_LIMIT_MB * 1e6 else "exceeds"
    lines += ["", f"Largest report {_mb(largest['size'])} MB ({largest['label']}), {_mb(largest['size'] * 4 / 3)} MB as an"
              f" attachment: **{verdict} the {EMAIL_LIMIT_MB} MB e-mail limit**."]
    if skipped:
        lines += ["", skipped]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles of the news corpus, all in one event (default 1,000)")
    parser.add_argument("--repeat", type=int, default=3, help="report runs per corpus (median reported)")
    parser.add_argument("--data", help=f"path of 10kgnad-test.csv (default: {DEFAULT_DATA})")
    parser.add_argument("--record", action="store_true", help="add the result to bench/RESULTS.md")
    args = parser.parse_args(argv)
    results, skipped = [], ""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results.append(run("seed corpus", REPO / "corpus", tmp / "seed", args.repeat))
        print(results[-1], flush=True)
        if data_path(args.data) is None:
            skipped = f"News corpus skipped: 10kGNAD data not found at {args.data or DEFAULT_DATA}."
        else:
            corpus = write_corpus(tmp / "news" / "corpus", args.n, data=args.data, docs_per_event=args.n)
            results.append(run(f"10kGNAD, {args.n:,} articles in one event", corpus, tmp / "news", args.repeat))
            print(results[-1], flush=True)
    text = report_text(results, args.repeat, skipped)
    print(text)
    if args.record:
        add_newest_run(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
