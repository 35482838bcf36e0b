"""Run the Streamlit dashboard and drive it in a real browser (Debian's chromium, via Playwright).

Used by tests/test_dashboard_browser.py and bench/dashboard.py:

    with streamlit_server("dashboard/app.py", build_dir) as url, browser_page() as session:
        session.page.goto(url + "/word_choice")
        wait_for_idle(session.page)
        wait_for_charts(session.page, n_min=1)
        session.assert_clean()          # no blocked request, no console error, no page error

The browser is offline by construction: every request that does not go to
127.0.0.1 or localhost is aborted and recorded in `session.blocked_requests`,
so a chart library fetching a CDN script or a font shows up as a failure
instead of working only on a machine with internet. `browser_page(local_files=True)`
also lets `file://` through, for the exported reports (tests/test_notebook_export.py);
`wait_for_charts(page, container="")` then waits for charts anywhere on the page.

Chromium is never downloaded (`playwright install` is not used): the tests
drive /usr/bin/chromium, which `make test` installs with apt-get when missing.
When it is absent, `browser_page` fails (it does not skip) and says so.

When is the app done? Streamlit's root element carries the state of the script
run, `<div data-testid="stApp" data-test-script-state="...">` (`initial`, then
`running` / `notRunning` / `rerunRequested` / `stopRequested` /
`compilationError`; Streamlit's own browser tests wait on it). Right after a
click the attribute still says `notRunning` from the previous run, so waiting
for it alone can return before the rerun has even started. `browser_page`
therefore installs a MutationObserver (before any page script runs) that
counts the transitions into `running` and into `notRunning`;
`wait_for_idle(page, after=n)` waits until more than `n` runs have finished
(take `n = script_runs(page)` before the interaction), nothing is running,
nothing is stale (`data-stale="true"`, the previous run's elements) and no
lazily loaded element still shows its placeholder (`stSkeleton`).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"http", "https", "ws", "wss"}

# Console errors that are Streamlit's own and harmless, kept apart (BrowserSession.ignored_console):
# opened directly on a page's URL (/word_choice), the frontend first probes
# /word_choice/_stcore/health and /host-config in case the app is served under
# that path, gets 404, then uses / (streamlit/streamlit#7074, open).
KNOWN_CONSOLE_NOISE = [
    re.compile(r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
               r"\(https?://(127\.0\.0\.1|localhost)(:\d+)?/[^/?#]+/_stcore/(health|host-config|allowed-message-origins)\)$"),
]


DASHBOARD_APP = REPO_ROOT / "dashboard" / "app.py"
DASHBOARD_LAUNCHER = REPO_ROOT / "dashboard" / "serve.py"


def streamlit_command(app_path: str | os.PathLike, port: int) -> list[str]:
    """Return the command that serves `app_path` on 127.0.0.1:`port`, as the Makefile does (plus no file watcher).

    The dashboard is started through its launcher (`dashboard/serve.py`, what
    `make dashboard` runs); any other app with `streamlit run`.
    """
    flags = [
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    if Path(app_path).resolve() == DASHBOARD_APP:
        return [sys.executable, str(DASHBOARD_LAUNCHER), *flags]
    streamlit = Path(sys.executable).with_name("streamlit")
    program = [str(streamlit)] if streamlit.exists() else [sys.executable, "-m", "streamlit"]
    return [*program, "run", str(app_path), *flags]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_answers(url: str) -> bool:
    """Return whether the Streamlit server at `url` answers its health check with "ok"."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextlib.contextmanager
def streamlit_server(app_path, build_dir=None, *, port: int | None = None, env: dict | None = None, timeout: float = 60.0):
    """Start `streamlit run app_path` on 127.0.0.1 and yield its base URL (no trailing slash).

    Args:
        app_path: the Streamlit script (relative paths are taken from the repository root).
        build_dir: the build folder the dashboard reads, passed as FRAMING_BUILD
            (None: leave FRAMING_BUILD as it is in the environment).
        port: the port to serve on (default: a free one).
        env: extra environment variables for the server.
        timeout: seconds to wait for /_stcore/health to answer "ok".

    The server runs in the repository folder (so .streamlit/config.toml
    applies), in its own process group, which is terminated on exit. If it
    dies or does not answer in time, RuntimeError carries its output.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    server_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if build_dir is not None:
        server_env["FRAMING_BUILD"] = str(build_dir)
    server_env.update(env or {})
    app = Path(app_path)
    if not app.is_absolute():
        app = REPO_ROOT / app
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            streamlit_command(app, port), cwd=REPO_ROOT, env=server_env,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def output() -> str:
            log.seek(0)
            return log.read().decode("utf-8", "replace")[-6000:]

        try:
            deadline = time.monotonic() + timeout
            while not server_answers(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with code {process.returncode} before answering; its output:\n{output()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s; its output:\n{output()}")
                time.sleep(0.05)
            yield url
        finally:
            stop_process_group(process)


def stop_process_group(process: subprocess.Popen) -> None:
    """Terminate the process group led by `process` (SIGTERM, then SIGKILL after 10 s)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


# Counts the script runs the page sees: window.__stRunsStarted / __stRunsFinished.
_OBSERVER = """
(() => {
  window.__stRunsStarted = 0;
  window.__stRunsFinished = 0;
  window.__stScriptState = null;
  const note = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    if (state === window.__stScriptState) return;
    if (state === 'running') window.__stRunsStarted += 1;
    if (state === 'notRunning' || state === 'compilationError') window.__stRunsFinished += 1;
    window.__stScriptState = state;
  };
  // Watches the whole document, so the root element may appear (or be replaced) at any time.
  new MutationObserver(note).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
})();
"""


@dataclass
class BrowserSession:
    """A Chromium page that may only talk to this machine, and what it complained about."""

    page: object
    context: object
    browser: object
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    ignored_console: list[str] = field(default_factory=list)

    def clear(self) -> None:
        """Forget what was recorded so far (between tests sharing one browser)."""
        for found in (self.blocked_requests, self.console_errors, self.page_errors, self.ignored_console):
            found.clear()

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = f"{message.text} ({message.location.get('url', '')})"
        known = any(pattern.match(text) for pattern in KNOWN_CONSOLE_NOISE)
        (self.ignored_console if known else self.console_errors).append(text)

    def problems(self) -> list[str]:
        """Return every blocked request, console error and page error, one line each."""
        return (
            [f"blocked request: {url}" for url in self.blocked_requests]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the browser saw:\n" + "\n".join(problems)


def _is_local(url: str, *, files: bool = False) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"} or (files and parts.scheme == "file"):
        return True
    return parts.scheme in LOCAL_SCHEMES and (parts.hostname or "") in LOCAL_HOSTS


def require_chromium() -> str:
    """Return the path of Debian's chromium, or fail (not skip) saying how to install it."""
    if not Path(CHROMIUM).exists():
        raise AssertionError(
            f"{CHROMIUM} is missing: the dashboard's browser tests need Debian's chromium. "
            "Run `make test` as root (it installs it), or `apt-get install -y chromium`. "
            "Never `playwright install`."
        )
    return CHROMIUM


@contextlib.contextmanager
def browser_page(*, viewport: dict | None = None, timeout_ms: int = 30_000, local_files: bool = False):
    """Yield a BrowserSession: Chromium, one context and one page, offline except for this machine.

    `local_files`: also allow `file://` URLs (to open an exported report); the network stays blocked.
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000}, service_workers="block")
            context.set_default_timeout(timeout_ms)
            session = BrowserSession(page=None, context=context, browser=browser)

            def route(route):
                url = route.request.url
                if _is_local(url, files=local_files):
                    route.continue_()
                else:
                    session.blocked_requests.append(url)
                    route.abort()

            context.route("**/*", route)
            context.add_init_script(_OBSERVER)
            page = context.new_page()
            session.page = page
            page.on("console", session._console)
            page.on("pageerror", lambda error: session.page_errors.append(str(error)))
            if hasattr(context, "route_web_socket"):
                def route_socket(ws):
                    if _is_local(ws.url):
                        ws.connect_to_server()
                    else:
                        session.blocked_requests.append(ws.url)
                        ws.close()
                context.route_web_socket("**/*", route_socket)
            yield session
        finally:
            browser.close()


def script_runs(page) -> int:
    """Return how many script runs the page has seen finish (take it before an interaction)."""
    return page.evaluate("window.__stRunsFinished || 0")


def wait_for_idle(page, *, after: int | None = None, timeout: float = 30.0) -> None:
    """Wait until the Streamlit script has finished running and the page shows its output.

    Args:
        after: a value of `script_runs(page)` taken before an interaction:
            wait until a later run has finished. None: wait for the first run
            after loading (any finished run).
        timeout: seconds.

    Done means: the connection is up, more than `after` runs have finished,
    the root says `notRunning`, no element is still marked stale (Streamlit
    greys out the previous run's elements until the new run replaces them), and
    no element is still a loading skeleton (`stSkeleton`: widgets and charts
    whose code is loaded lazily, the first time they appear, show one
    meanwhile). Plotly draws its SVG after that: see `wait_for_charts`.
    """
    after = 0 if after is None else after
    page.wait_for_function(
        """(after) => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
            if ((window.__stRunsFinished || 0) <= after) return false;
            if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
            return document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]') === null;
        }""",
        arg=after,
        timeout=timeout * 1000,
        polling="raf",
    )


def wait_for_charts(page, n_min: int = 1, *, timeout: float = 30.0, container: str = '[data-testid="stPlotlyChart"]') -> int:
    """Wait until at least `n_min` Plotly charts have drawn their SVG; return how many charts there are.

    `container`: the CSS selector charts sit in (default: Streamlit's chart element; "" for any chart on the page).
    """
    selector = f"{container} .js-plotly-plot svg.main-svg".strip()
    page.wait_for_function(
        """([selector, n]) => {
            const charts = new Set();
            for (const svg of document.querySelectorAll(selector)) {
                const box = svg.getBoundingClientRect();
                if (box.width > 0 && box.height > 0) charts.add(svg.closest('.js-plotly-plot'));
            }
            return charts.size >= n;
        }""",
        arg=[selector, n_min],
        timeout=timeout * 1000,
        polling="raf",
    )
    return page.locator(f"{container} .js-plotly-plot".strip()).count()


def error_elements(page) -> list[str]:
    """Return the text of every exception (st.exception, an uncaught error) and error alert (st.error) on the page."""
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def multiselect(page, label: str):
    """Return the locator of the st.multiselect whose label is `label`."""
    return page.locator('[data-testid="stMultiSelect"]').filter(has=page.locator(f'input[aria-label="{label}"]'))


def selected_options(page, label: str) -> list[str]:
    """Return the options selected in the st.multiselect `label`, in order."""
    tags = multiselect(page, label).locator('[data-testid="stMultiSelectTagsContainer"] [data-tag]')
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def deselect_option(page, label: str, option: str | None = None) -> str:
    """Remove `option` (default: the last selected) from the st.multiselect `label`; return the option.

    Does not wait for the rerun: take `script_runs(page)` before and call
    `wait_for_idle(page, after=...)` after.
    """
    if option is None:
        option = selected_options(page, label)[-1]
    multiselect(page, label).locator(f'button[aria-label="Remove {option}"]').click()
    return option


def choose_option(page, label: str, option: str) -> None:
    """Pick the option containing `option` in the st.selectbox `label` (types it to filter long lists).

    Does not wait for the rerun: take `script_runs(page)` before and call
    `wait_for_idle(page, after=...)` after.
    """
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.locator(f'input[aria-label="{label}"]'))
    field = box.locator(f'input[aria-label="{label}"]')
    field.click()
    field.fill(option)
    page.locator(f'[role="listbox"][aria-label="{label}"] [role="option"]').filter(has_text=option).first.click()


def screenshot_whole_app(page, path: str | os.PathLike, *, max_height: int = 16_000) -> None:
    """Save a PNG of the whole app, not only the viewport.

    Streamlit scrolls inside its main container, so Playwright's `full_page`
    sees one screen: the viewport is made as tall as the content for the
    shot, then restored.
    """
    size = page.viewport_size or {"width": 1400, "height": 1000}
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll(
            '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]'),
            e => e.scrollHeight + e.getBoundingClientRect().top))"""
    )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), max_height))})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
