"""Reports: run every notebook and export it to one HTML file that works offline.

`python -m framing.notebook_export --notebooks notebooks --out reports` (what
`make reports` runs) executes each `notebooks/*.ipynb` in a fresh `python3`
kernel, with the notebooks folder as working directory, and writes
`reports/<stem>.html` with the project's nbconvert template
(`framing/templates/nbconvert/offline`): the lab template without require.js,
MathJax, mermaid or widget scripts, plus plotly.js embedded once. Nothing in a
report is loaded from the network; `network_references` checks that.

Plotly figures: the kernel runs with PLOTLY_RENDERER=plotly_mimetype+notebook,
so every figure carries its JSON (`application/vnd.plotly.v1+json`). The
`notebook` renderer of plotly 7 also writes an HTML output per figure, but that
loads MathJax from a CDN, and its copy of plotly.js is one more output of
whichever cell showed the first figure. `PlotlyOffline` therefore rebuilds each
figure's HTML from its JSON (no plotly.js, no MathJax), drops the renderer's
copy of plotly.js and hands one copy to the template, which puts it in <head>.

Jupyter (nbclient, nbconvert, nbformat) is imported only by the functions that
run or export notebooks, so `import framing` stays free of it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

from .files import write_atomically

KERNEL_NAME = "python3"
# Set in the kernel's environment, so a PLOTLY_RENDERER in the user's shell (say `browser`) cannot reach a report.
PLOTLY_RENDERER = "plotly_mimetype+notebook"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
#: The first line of plotly.min.js's banner ("* plotly.js v4.1.1"): one per embedded copy.
PLOTLYJS_SIGNATURE = "* plotly.js v"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "nbconvert" / "offline"
#: Seconds any one cell may run.
DEFAULT_TIMEOUT = 120


class NotebookExportError(Exception):
    """Some notebooks failed to execute; the others were exported.

    Attributes:
        failures: notebook file name -> what went wrong (cell and error).
        exported: the HTML files that were written.
    """

    def __init__(self, failures: dict[str, str], exported: list[Path]):
        self.failures = failures
        self.exported = exported
        super().__init__("\n".join(failures.values()))


class NotebookFailed(Exception):
    """One notebook did not run to the end; the message names it, the cell and the error."""


class PlotlyOffline:
    """nbconvert preprocessor: plotly figures as HTML that needs no network, plotly.js once for the template.

    Every output holding a plotly figure (`application/vnd.plotly.v1+json`)
    gets its `text/html` rebuilt from the figure, without plotly.js or MathJax;
    outputs that only load plotly.js (the `notebook` renderer's activation) are
    dropped. If the notebook shows any figure, `resources["plotly_js"]` holds
    plotly.min.js for the template to embed once. Registered by the template's
    conf.json, so it runs whenever the `offline` template is used.
    """

    def __init__(self, enabled: bool = True, **_):
        self.enabled = enabled

    def __call__(self, notebook, resources: dict):
        """Return the notebook with offline figure outputs, and the resources (with `plotly_js` when needed)."""
        n_figures = 0
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            kept = []
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if PLOTLY_MIMETYPE in data:
                    data["text/html"] = figure_html(data[PLOTLY_MIMETYPE])
                    n_figures += 1
                elif _only_loads_plotly_js(data.get("text/html", "")):
                    continue
                kept.append(output)
            cell.outputs = kept
        if n_figures:
            from plotly.offline import get_plotlyjs

            resources["plotly_js"] = get_plotlyjs()
        return notebook, resources


def _only_loads_plotly_js(html) -> bool:
    html = "".join(html) if isinstance(html, list) else html
    return PLOTLYJS_SIGNATURE in html and "plotly-graph-div" not in html


def figure_html(figure: dict) -> str:
    """Return the HTML of one plotly figure (its JSON as in a notebook output) that expects plotly.js on the page."""
    import plotly.io as pio

    return pio.to_html(
        {key: figure[key] for key in ("data", "layout", "frames") if key in figure},
        config=figure.get("config"),
        auto_play=False,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        default_width="100%",
        default_height=525,
        validate=False,
    )


def execute_notebook(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT):
    """Return the notebook at `path` executed top to bottom in a fresh kernel, with cwd = its folder.

    Raises:
        NotebookFailed: a cell raised, timed out, or the kernel died.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    current = {"index": None}

    def note_cell(cell, cell_index):
        current["index"] = cell_index

    notebook = None
    try:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=timeout, kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(path.parent)}}, on_cell_start=note_cell,
        )
        client.execute(env={**os.environ, "PLOTLY_RENDERER": PLOTLY_RENDERER})
    except Exception as error:
        raise NotebookFailed(_failure_message(path, notebook, current["index"], error)) from error
    return notebook


def _failure_message(path: Path, notebook, index: int | None, error: Exception) -> str:
    if hasattr(error, "ename"):  # nbclient's CellExecutionError: the exception raised in the kernel
        what = f"{error.ename}: {error.evalue}"
    else:
        text = str(error).strip()
        what = f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"
    if notebook is None or index is None:
        return f"{path.name}: did not start: {what}"
    first_line = (notebook.cells[index].source.strip().splitlines() or [""])[0]
    return f"{path.name}: cell {index + 1} of {len(notebook.cells)} failed: {what}\n    {first_line}"


def notebook_html(notebook, *, name: str, path: str | os.PathLike = ".") -> str:
    """Return an executed notebook as one offline HTML page (the project's `offline` template).

    Args:
        notebook: the executed notebook.
        name: the page's title when the notebook has none (its file stem).
        path: the notebook's folder, for images that markdown cells link to (embedded).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_DIR.name, extra_template_basedirs=[str(TEMPLATE_DIR.parent)], embed_images=True,
    )
    html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": name, "path": str(path)}})
    return html


def export_notebooks(notebook_dir: str | os.PathLike = "notebooks", out_dir: str | os.PathLike = "reports", *,
                     timeout: float = DEFAULT_TIMEOUT, progress: bool = False) -> list[Path]:
    """Execute every `notebook_dir/*.ipynb` and write it as `out_dir/<stem>.html`; return the files written.

    A notebook that fails keeps its previous report (if any) and the others
    are still exported; then NotebookExportError lists every failure.

    Args:
        notebook_dir: the notebooks; each runs with this folder as working directory.
        out_dir: where the reports go (created if missing).
        timeout: seconds any one cell may run.
        progress: print one line per notebook to stderr.

    Returns:
        The HTML files written, in notebook order.
    """
    notebook_dir, out_dir = Path(notebook_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    exported, failures = [], {}
    for path in sorted(notebook_dir.glob("*.ipynb")):
        started = time.monotonic()
        try:
            notebook = execute_notebook(path, timeout=timeout)
        except NotebookFailed as error:
            failures[path.name] = str(error)
            if progress:
                print(f"{path.name}: failed", file=sys.stderr)
            continue
        target = out_dir / f"{path.stem}.html"
        try:
            write_atomically(target, notebook_html(notebook, name=path.stem, path=notebook_dir))
        except Exception as error:
            failures[path.name] = f"{path.name}: export to HTML failed: {type(error).__name__}: {error}"
            if progress:
                print(f"{path.name}: failed", file=sys.stderr)
            continue
        exported.append(target)
        if progress:
            print(f"{path.name} -> {target} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    if failures:
        raise NotebookExportError(failures, exported)
    return exported


# Attributes whose URL the browser fetches when the page opens (a link's href is only followed on a click).
_URL_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "poster", "data"}
_NAVIGATION_TAGS = {"a", "area"}
_REMOTE = re.compile(r"\s*(https?:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"""(?:@import\s+|url\(\s*)["']?((?:https?:)?//[^"')\s;]+)""", re.IGNORECASE)
_SCRIPT_REMOTE = re.compile(r"""\bimport\s*\(?\s*["']((?:https?:)?//[^"']+)""")


class _NetworkReferences(HTMLParser):
    """Collects the remote URLs a page loads: attributes, CSS, and ES module imports in inline scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.found += [f'<{tag} style="…url({url})…">' for url in _CSS_REMOTE.findall(value)]
            elif name in _URL_ATTRIBUTES and not (tag in _NAVIGATION_TAGS and name.endswith("href")):
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                if any(_REMOTE.match(url) for url in urls):
                    self.found.append(f'<{tag} {name}="{value}">')
        self._inside = tag if tag in {"style", "script"} else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._inside = None

    def handle_endtag(self, tag):
        self._inside = None

    def handle_data(self, data):
        if self._inside == "style":
            self.found += [f"<style> …{url}…" for url in _CSS_REMOTE.findall(data)]
        elif self._inside == "script":
            self.found += [f"<script> import {url}" for url in _SCRIPT_REMOTE.findall(data)]


def network_references(html_path: str | os.PathLike) -> list[str]:
    """Return what an HTML file would load from the network when opened; empty means it works offline.

    Found: `src`, `href`, `srcset`, `poster` and `data` attributes pointing to
    `http://`, `https://` or `//` (except the `href` of links `<a>`, followed
    only on a click), `@import` and `url(...)` of such URLs in `<style>` and
    `style=""`, and ES module imports of them in inline scripts. The rest of an
    inline script's text is not read: plotly.js mentions many URLs it never
    loads unless a map is drawn.

    Returns:
        One line per reference, showing the tag and the URL.
    """
    parser = _NetworkReferences()
    parser.feed(Path(html_path).read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (1 when a notebook failed)."""
    parser = argparse.ArgumentParser(
        prog="python -m framing.notebook_export",
        description="Execute every notebook and export it to one offline HTML file.",
    )
    parser.add_argument("--notebooks", default="notebooks", help="folder of *.ipynb (default: notebooks)")
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds any one cell may run (default: {DEFAULT_TIMEOUT})")
    args = parser.parse_args(argv)

    if not any(Path(args.notebooks).glob("*.ipynb")):
        print(f"error: no notebooks (*.ipynb) in {args.notebooks}", file=sys.stderr)
        return 2
    try:
        exported = export_notebooks(args.notebooks, args.out, timeout=args.timeout, progress=True)
        status = 0
    except NotebookExportError as error:
        exported, status = error.exported, 1
        print(f"error: {len(error.failures)} notebook(s) failed; their previous reports, if any, are kept:",
              file=sys.stderr)
        for message in error.failures.values():
            print(f"  {message}", file=sys.stderr)
    for path in exported:
        for reference in network_references(path):
            print(f"warning: {path} loads {reference}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
