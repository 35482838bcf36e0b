"""Static images of charts (PNG or SVG, for slides) through kaleido and Debian's Chromium, offline.

Kaleido 1.x renders a figure in a headless Chromium that choreographer
starts. Three things keep that offline and on this machine's browser:

- the browser is given by path (`BROWSER_PATH` if set, the variable
  choreographer itself reads, else /usr/bin/chromium); kaleido is never asked
  to download Chrome (`kaleido.get_chrome` / `plotly_get_chrome` are not used);
- the page kaleido renders in loads plotly.py's bundled plotly.min.js from
  disk and no MathJax (kaleido's default MathJax is a CDN URL, and
  `plotly.io.write_image` cannot switch it off);
- the browser's proxy is an unused local port, so a request off this machine
  fails at once instead of leaving it.

    from framing.report.static import save_figure
    save_figure(charts.share_of_voice(table), "voices.svg", "svg")
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Mapping
from pathlib import Path

import plotly.graph_objects as go

from ..files import write_atomically
from .render import PLOTLY_JS

FORMATS = ("png", "svg")
#: Debian's chromium (`apt-get install chromium`; `make test` installs it).
CHROMIUM = Path("/usr/bin/chromium")
#: Width of an exported chart in CSS pixels (the charts set their own height); PNGs are drawn at twice the size.
WIDTH = 1000
PNG_SCALE = 2
#: Seconds kaleido may take for one image.
TIMEOUT = 90
# Nothing listens on the discard port: with it as the proxy, any request off this machine fails immediately.
NO_NETWORK_PROXY = "127.0.0.1:9"


def browser_path() -> Path:
    """Return the Chromium that kaleido drives: `$BROWSER_PATH`, else /usr/bin/chromium, else `chromium` on PATH.

    Raises:
        RuntimeError: when none is found, saying how to install Debian's (never by downloading Chrome).
    """
    candidates = [os.environ.get("BROWSER_PATH"), str(CHROMIUM), shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise RuntimeError(
        "static chart export needs Chromium: install Debian's (`apt-get install -y chromium`, which `make test` "
        "does) or set BROWSER_PATH to a Chromium or Chrome binary; kaleido is never asked to download one")


def kaleido_options() -> dict:
    """Return the options of `kaleido.Kaleido` that keep rendering on this machine (browser, plotly.js, no MathJax)."""
    return {"path": str(browser_path()), "plotlyjs": PLOTLY_JS, "mathjax": False, "timeout": TIMEOUT, "n": 1,
            "proxy_server": NO_NETWORK_PROXY}


def save_figure(figure: go.Figure, path: str | Path, format: str | None = None) -> Path:
    """Write one figure as a PNG or SVG file; return its path.

    Args:
        figure: a plotly Figure (any chart of `framing.charts`).
        path: the file to write (its folder is created).
        format: "png" or "svg"; default the path's suffix.
    """
    path = Path(path)
    return save_figures({path.name: figure}, path.parent, format or path.suffix.lstrip(".").lower())[0]


def save_figures(figures: Mapping[str, go.Figure], folder: str | Path, format: str = "png") -> list[Path]:
    """Write figures as PNG or SVG files into `folder` with one browser; return their paths, in order.

    Args:
        figures: file name (with or without the suffix) → figure.
        folder: the folder to write into (created).
        format: "png" (at twice the size, for slides) or "svg".

    Each file is written whole or not at all (a temporary file, then renamed).

    Raises:
        ValueError: for another format.
        RuntimeError: when Chromium is missing or kaleido fails.
    """
    if format not in FORMATS:
        raise ValueError(f"image format must be one of {', '.join(FORMATS)}, not {format!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / (name if name.lower().endswith(f".{format}") else f"{name}.{format}") for name in figures]
    images = _run(_render(list(figures.values()), format))
    for path, data in zip(paths, images):
        write_atomically(path, data)
    return paths


def _options(figure: go.Figure, format: str) -> dict:
    height = figure.layout.height or 500
    return {"format": format, "width": WIDTH, "height": height, "scale": PNG_SCALE if format == "png" else 1}


async def _render(figures: list[go.Figure], format: str) -> list[bytes]:
    import kaleido  # imported here: a report without images does not need it

    async with kaleido.Kaleido(**kaleido_options()) as session:
        return [await session.calc_fig(figure, _options(figure, format)) for figure in figures]


def _run(coroutine):
    """Return the coroutine's result, run in a thread of its own (a notebook's kernel already runs an event loop)."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="framing-static-export")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise RuntimeError(f"static chart export failed: {outcome['error']}") from outcome["error"]
    return outcome["value"]
