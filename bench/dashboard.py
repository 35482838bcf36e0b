"""Benchmark the dashboard in a real browser: cold start against a one-chart app, and filter changes.

Two measurements, in one process, with Debian's chromium driven by Playwright
(tests/browser_support.py; the browser may only talk to 127.0.0.1):

1. Cold start to the first chart: start a fresh server (`streamlit run` for
   the minimal app; the dashboard's launcher `dashboard/serve.py`, which is
   `streamlit run dashboard/app.py` plus a warm-up thread, as `make
   dashboard` starts it), open
   the page in a fresh browser context (empty cache), and time from starting
   the server until the first Plotly chart's `svg.main-svg` is visible. For
   bench/minimal_app.py (one bar chart, nothing else: the baseline) and
   dashboard/app.py on a build of the seed corpus; the two take turns,
   `--repeat` times each (default 3), and the medians are compared
   (target: dashboard / minimal <= 1.5).
2. Filter change: on every dashboard page that shows charts, freshly loaded
   (with its first tab open: a page computes and draws its open tab only),
   deselect one outlet in the sidebar's Outlets multiselect and time, inside
   the page, from the pointer going down on the remove button until the
   script run has finished and the charts have stopped redrawing (the last
   DOM change inside any Plotly chart). Each repeat removes a different
   outlet, so no earlier filter change on that page left its result in
   Streamlit's cache. Median over pages and repeats, on the seed corpus
   (target < 0.5 s) and on `--large-build DIR` when given (target < 1 s).

The seed corpus is built into a temporary folder first (not timed):
`python -m framing build --corpus corpus --out TMP --quiet`.

    .venv/bin/python bench/dashboard.py [--repeat 3] [--large-build DIR] [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from results_file import add_newest_run, command, machine  # noqa: E402
from browser_support import (  # noqa: E402
    browser_page,
    deselect_option,
    free_port,
    selected_options,
    server_answers,
    stop_process_group,
    streamlit_command,
    streamlit_server,
    wait_for_charts,
    wait_for_idle,
)

RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## Dashboard"
MINIMAL_APP = REPO / "bench" / "minimal_app.py"
DASHBOARD_APP = REPO / "dashboard" / "app.py"
PAGES = ["", "word_choice", "frames", "voices", "comparison", "outlet_profile", "read"]
TARGET_COLD_RATIO = 1.5
TARGET_FILTER_SEED = 0.5
TARGET_FILTER_LARGE = 1.0

# In-page clock for a filter change: pointerdown on the page starts it; the
# observer of browser_support stamps each finished run; a MutationObserver
# stamps every change inside a Plotly chart.
_STOPWATCH = """
() => {
  window.__bench = {start: null, running: null, finished: null, plotted: null};
  document.addEventListener('pointerdown', () => { window.__bench.start = performance.now(); }, {capture: true, once: true});
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (window.__bench.start === null) return;
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running' && window.__bench.running === null) window.__bench.running = performance.now();
    if (state === 'notRunning') window.__bench.finished = performance.now();
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  new MutationObserver((records) => {
    if (window.__bench.start === null) return;
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (node && node.closest('.js-plotly-plot')) { window.__bench.plotted = performance.now(); return; }
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""


def build_seed(out: Path) -> None:
    """Build the seed corpus into `out` (not timed)."""
    subprocess.run([sys.executable, "-m", "framing", "build", "--corpus", str(REPO / "corpus"), "--out", str(out), "--quiet"],
                   cwd=REPO, check=True)


def cold_start(session, app: Path, build_dir: Path | None) -> tuple[float, float]:
    """Return seconds from starting a fresh server until (it answers /_stcore/health, the first chart is visible in a fresh browser context)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if build_dir is not None:
        env["FRAMING_BUILD"] = str(build_dir)
    context = session.browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")

    def route(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            session.blocked_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(streamlit_command(app, port), cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while not server_answers(url):
                if process.poll() is not None or time.perf_counter() - started > 120:
                    log.seek(0)
                    raise RuntimeError(f"{app} did not start:\n{log.read().decode('utf-8', 'replace')[-4000:]}")
                time.sleep(0.02)
            healthy = time.perf_counter() - started
            page.goto(url)
            page.locator('[data-testid="stPlotlyChart"] svg.main-svg').first.wait_for(state="visible", timeout=120_000)
            seconds = time.perf_counter() - started
        finally:
            stop_process_group(process)
            context.close()
    return healthy, seconds


@dataclass
class Change:
    """One timed filter change, in seconds: in all, and its three parts."""

    page: str
    seconds: float
    to_run: float  # pointerdown until the root says `running` (the click reaching the server and back)
    run: float  # `running` until `notRunning` (the script's rerun, as the page sees it)
    after_run: float  # `notRunning` until the last DOM change inside a Plotly chart (0 when none came later)


def filter_changes(session, url: str, repeat: int) -> list[Change]:
    """Return every timed filter change on every page with charts."""
    page = session.page
    results = []
    for path in PAGES:
        for r in range(repeat):
            page.goto(f"{url}/{path}")
            wait_for_idle(page, timeout=120)
            try:
                wait_for_charts(page, 1, timeout=10)
            except Exception:  # noqa: BLE001 -- a page without charts (the reader) is not timed
                break
            outlets = selected_options(page, "Outlets")
            if len(outlets) < 2:
                raise RuntimeError(f"page /{path}: the Outlets filter has {len(outlets)} selected, need 2+")
            page.evaluate(_STOPWATCH)
            runs = page.evaluate("window.__stRunsFinished")
            deselect_option(page, "Outlets", outlets[-1 - r % len(outlets)])
            wait_for_idle(page, after=runs, timeout=120)
            # Let the charts settle: no Plotly DOM change for 250 ms (at most 5 s).
            page.wait_for_function(
                "() => { const b = window.__bench; const last = Math.max(b.finished || 0, b.plotted || 0);"
                " return b.finished !== null && performance.now() - last > 250; }",
                timeout=5000, polling=50)
            bench = page.evaluate("window.__bench")
            end = max(bench["finished"], bench["plotted"] or 0)
            running = bench["running"] if bench["running"] is not None else bench["start"]
            results.append(Change(path or "overview", (end - bench["start"]) / 1000, (running - bench["start"]) / 1000,
                                  (bench["finished"] - running) / 1000, (end - bench["finished"]) / 1000))
    return results


def versions() -> str:
    names = ["streamlit", "plotly", "playwright", "pandas", "pyarrow"]
    text = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "chromium ?"
    return f"{text}, {chromium}"






def _runs(values) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _n_documents(build_dir: Path) -> str:
    try:
        import framing

        return f"{len(framing.open_build(build_dir).documents):,}"
    except Exception:  # noqa: BLE001 -- the count is decoration
        return "?"


def report_text(cold: dict[str, list[float]], filters: dict, repeat: int, large_note: str) -> str:
    minimal, dashboard = statistics.median(cold["minimal"]), statistics.median(cold["dashboard"])
    ratio = dashboard / minimal
    lines = [
        f"### {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"- machine: {machine()}",
        f"- libraries: {versions()}",
        f"- command: `{command()}`",
        f"- cold start: fresh server (minimal app: `streamlit run`; dashboard: `dashboard/serve.py`, as `make dashboard`"
        f" starts it) and fresh browser context per run, timed from starting the server"
        f" until the first chart's `svg.main-svg` is visible (server start: until `/_stcore/health` answers; the app's"
        f" script first runs when the page connects); {repeat} runs each, the two apps taking turns; median.",
        "- filter change: each page with charts freshly loaded (its first tab open), one outlet removed from the Outlets multiselect, timed in"
        " the page from pointerdown until the script run finished and the last DOM change inside a Plotly chart;"
        f" a different outlet per repeat ({repeat} per page); median and slowest over all pages and repeats.",
        "",
        "| cold start to first chart | median s | runs (s) | of which server start (median s) | ratio to minimal app |",
        "|---|---:|---|---:|---:|",
        f"| bench/minimal_app.py (one bar chart) | {minimal:.2f} | {_runs(cold['minimal'])} | {statistics.median(cold['minimal_server']):.2f} | 1.00 |",
        f"| dashboard/app.py, seed corpus build | {dashboard:.2f} | {_runs(cold['dashboard'])} | {statistics.median(cold['dashboard_server']):.2f} | {ratio:.2f} |",
        "",
        "| filter change (remove one outlet) | pages | changes | median s | slowest s (page) | click → run starts | script run | run end → charts settled | target |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    verdicts = []
    per_page = []
    for name, target in [("seed", TARGET_FILTER_SEED), ("large", TARGET_FILTER_LARGE)]:
        if name not in filters:
            continue
        changes = filters[name]
        slowest = max(changes, key=lambda change: change.seconds)
        median = statistics.median(c.seconds for c in changes)
        label = filters[f"{name}_label"]
        parts = " | ".join(f"{statistics.median(getattr(c, part) for c in changes):.2f}" for part in ("to_run", "run", "after_run"))
        lines.append(f"| {label} | {len({c.page for c in changes})} | {len(changes)} | {median:.2f} | "
                     f"{slowest.seconds:.2f} ({slowest.page}) | {parts} | < {target:g} |")
        verdicts.append(f"{label}: median {median:.2f} s ({'meets' if median < target else 'misses'} the < {target:g} s target)")
        per_page.append(f"{name}: " + ", ".join(
            f"{page} {statistics.median(c.seconds for c in changes if c.page == page):.2f}"
            for page in dict.fromkeys(c.page for c in changes)))
    lines += ["", "Median per page (s), " + "; ".join(per_page) + "."]
    if large_note:
        lines += ["", large_note]
    lines += [
        "",
        f"Cold start dashboard / minimal: **{ratio:.2f}×** ({'meets' if ratio <= TARGET_COLD_RATIO else 'misses'} the"
        f" ≤ {TARGET_COLD_RATIO} target). Filter change: " + "; ".join(verdicts) + ".",
        "",
    ]
    return "\n".join(lines)


def record(report: str, path: Path = RESULTS) -> None:
    """Add `report` as the newest run of the "Dashboard" section of RESULTS.md (newest first)."""
    add_newest_run(SECTION, report, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="cold starts per app and filter changes per page (median reported)")
    parser.add_argument("--large-build", type=Path, help="a build folder of a large corpus (e.g. 100,000 articles) for the filter-change row")
    parser.add_argument("--app", type=Path, default=DASHBOARD_APP, help="the dashboard script (default: dashboard/app.py)")
    parser.add_argument("--minimal-only", action="store_true", help="time the minimal app's cold start only (checks the harness; never recorded)")
    parser.add_argument("--record", action="store_true", help="add the result to bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.minimal_only and args.record:
        parser.error("--minimal-only runs are not recorded")
    if not args.minimal_only and not args.app.exists():
        print(f"skipped: {args.app} does not exist yet (use --minimal-only to check the harness)")
        return 0

    cold: dict[str, list[float]] = {"minimal": [], "dashboard": [], "minimal_server": [], "dashboard_server": []}
    filters: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp, browser_page() as session:
        seed_build = Path(tmp) / "build"
        if not args.minimal_only:
            build_seed(seed_build)
        for run in range(args.repeat):
            for name, app, build_dir in [("minimal", MINIMAL_APP, None), ("dashboard", args.app, seed_build)]:
                if name == "dashboard" and args.minimal_only:
                    continue
                healthy, seconds = cold_start(session, app, build_dir)
                cold[name].append(seconds)
                cold[f"{name}_server"].append(healthy)
                print(f"cold start {run + 1}, {name}: {seconds:.2f} s (server answered after {healthy:.2f} s)", flush=True)
        if args.minimal_only:
            print(f"minimal app cold start: median {statistics.median(cold['minimal']):.2f} s")
            return 0
        for name, build_dir in [("seed", seed_build), ("large", args.large_build)]:
            if build_dir is None:
                continue
            with streamlit_server(args.app, build_dir, timeout=300) as url:
                filters[name] = filter_changes(session, url, args.repeat)
            filters[f"{name}_label"] = (f"seed corpus ({_n_documents(build_dir)} articles)" if name == "seed"
                                        else f"large build `{build_dir}` ({_n_documents(build_dir)} articles)")
            for change in filters[name]:
                print(f"filter change, {name}, {change.page}: {change.seconds:.3f} s (to run {change.to_run:.3f},"
                      f" run {change.run:.3f}, after run {change.after_run:.3f})")
        session.assert_clean()

    large_note = "" if args.large_build else "Large build: not measured in this run (pass `--large-build DIR`; target < 1 s)."
    report = report_text(cold, filters, args.repeat, large_note)
    print(report)
    if args.record:
        record(report)
        print(f"recorded in {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
