"""Assemble the report of one event from a build, and write it as one self-contained HTML file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .. import __version__
from ..builder import build
from ..corpus import CorpusError
from ..files import write_atomically
from ..lexicons import fingerprint, lexicon_files
from ..results import Results, open_results
from .blocks import TABLE_ROWS, Chart, Section
from .findings import Finding, findings, findings_table
from .render import PLOTLY_JS, chart_ids, render_report
from .sections import CHART_ARTICLES, OUTLET_CHARTS, SENTENCE_POINTS, sections
from .static import FORMATS, save_figures
from .view import EventView

DEFAULT_OUT = Path("reports") / "report.html"
#: Other events named in the report's notice; the rest are counted.
EVENTS_LISTED = 10


@dataclass
class Report:
    """The report of one event, before it is written.

    Attributes:
        view: the event and its tables.
        findings: the summary (`framing.report.findings.Finding`).
        sections: the analysis sections, each with its charts and tables.
        notices: what the reader is told first (other events, aggregated charts).
        about: (label, value) pairs of the corpus and version block.
    """

    view: EventView
    findings: list[Finding]
    sections: list[Section]
    notices: list[str]
    about: list[tuple[str, str]]

    @property
    def charts(self) -> list[tuple[str, Chart]]:
        """Return every chart with its element id in the page ("fig-voices-3"), in page order."""
        return chart_ids(self.sections)

    def findings_table(self) -> pd.DataFrame:
        """Return the summary as a table (see `framing.report.findings.findings_table`)."""
        return findings_table(self.findings)

    def html(self) -> str:
        """Return the report as one HTML page."""
        view = self.view
        subtitle = (f"How {len(view.outlets)} outlet{'s' if len(view.outlets) != 1 else ''} covered it: "
                    f"{len(view.documents):,} article{'s' if len(view.documents) != 1 else ''}, "
                    f"report of {self.about_value('Report written')}")
        return render_report(title=view.label, subtitle=subtitle, notices=self.notices, findings=self.findings,
                             sections=self.sections, about=self.about)

    def about_value(self, label: str) -> str:
        """Return one value of the corpus and version block."""
        return dict(self.about).get(label, "")


def default_event(found: Results) -> str:
    """Return the event with the most articles (on a tie the first in sorted order)."""
    counts = found.documents["event_id"].value_counts()
    if counts.empty:
        raise ValueError("the build holds no articles")
    most = counts[counts == counts.max()].index
    return next(event for event in found.event_ids if event in set(most))


def assemble_report(found: Results, event_id: str | None = None) -> Report:
    """Return the report of one event of an opened build (nothing is computed again but keyness).

    Args:
        found: the build (`framing.open_results`).
        event_id: the event; None for the one with the most articles.

    Raises:
        ValueError: for an event the build does not hold (the message lists them).
    """
    if event_id is None:
        event_id = default_event(found)
    elif event_id not in found.event_ids:
        listed = ", ".join(repr(e) for e in found.event_ids[:EVENTS_LISTED])
        raise ValueError(f"no event {event_id!r} in the build; events: {listed}"
                         + (f" and {len(found.event_ids) - EVENTS_LISTED} more" if len(found.event_ids) > EVENTS_LISTED else ""))
    view = EventView(found, event_id)
    return Report(view=view, findings=findings(view), sections=sections(view), notices=_notices(view),
                  about=_about(view))


def _notices(view: EventView) -> list[str]:
    notices = []
    counts = view.results.documents["event_id"].value_counts()
    others = [e for e in view.results.event_ids if e != view.event_id]
    if others:
        listed = [f"{view.results.event_label(e)} [{e or 'no event_id'}] ({int(counts.get(e, 0)):,} articles)"
                  for e in others[:EVENTS_LISTED]]
        more = f" and {len(others) - EVENTS_LISTED:,} more" if len(others) > EVENTS_LISTED else ""
        notices.append(f"This report covers one event of a corpus that holds {len(others) + 1:,}. The others: "
                       f"{'; '.join(listed)}{more}. For one of them: python -m framing report --event ID.")
    if len(view.documents) > CHART_ARTICLES:
        notices.append(f"With {len(view.documents):,} articles, charts drawn per article (lengths, readability, "
                       f"cleaning, the reuse matrix) are replaced by per-outlet tables or drawn for the articles that "
                       f"matter most, so that the file stays small enough to e-mail; the dashboard shows every article.")
    return notices


def _about(view: EventView) -> list[tuple[str, str]]:
    manifest = view.results.manifest
    corpus = Path(manifest.get("corpus", ""))
    lexicons = fingerprint(*lexicon_files(corpus)) if corpus.is_dir() else "n/a (corpus folder not found)"
    header = PLOTLY_JS.read_text(encoding="utf-8")[:200]
    plotly_version = re.search(r"plotly\.js (v[\d.]+)", header)
    return [
        ("Event", f"{view.label} [{view.event_id or 'no event_id'}]"),
        ("Articles", f"{len(view.documents):,} from {len(view.outlets)} outlets"),
        ("Corpus folder", str(corpus)),
        ("Build folder", str(view.results.snapshot.parent.parent)),
        ("Build", f"{manifest.get('build_id', '?')}, created {manifest.get('created', '?')} with framing "
                  f"{manifest.get('framing_version', '?')} (text pass {manifest.get('textpass_version', '?')})"),
        ("Build inputs fingerprint", str(manifest.get("inputs", "?"))[:16]),
        ("Lexicon fingerprint", lexicons),
        ("Report written", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Report written by", f"framing {__version__}, plotly.js {plotly_version.group(1) if plotly_version else '?'} "
                              "(included in this file)"),
        ("Caps", f"tables show at most {TABLE_ROWS} rows (each says how many it has); charts per article up to "
                 f"{CHART_ARTICLES} articles, the sentence-length chart up to {SENTENCE_POINTS:,} sentences, one chart "
                 f"per outlet for up to {OUTLET_CHARTS} outlets"),
    ]


def write_report(corpus: str | Path = "corpus", out: str | Path = DEFAULT_OUT, *, build_dir: str | Path = "build",
                 event_id: str | None = None, images: str | Path | None = None, image_format: str = "png",
                 progress: bool = False) -> Path:
    """Build a corpus (incrementally) and write the report of one event as one self-contained HTML file.

    Args:
        corpus: the corpus folder.
        out: the HTML file to write (replaced whole: written to a temporary file, then renamed).
        build_dir: the build folder (`python -m framing build --out`); only what changed is rebuilt.
        event_id: the event; None for the one with the most articles.
        images: a folder to write every chart of the report into as a static image too (None: none).
        image_format: "png" or "svg".
        progress: show the build's progress bars.

    Returns:
        The path of the report.

    Raises:
        CorpusError: when the corpus folder is missing or unreadable.
        ValueError: for an unknown event or image format.
        RuntimeError: when images are asked for and Chromium is missing.
    """
    if image_format not in FORMATS:
        raise ValueError(f"image format must be one of {', '.join(FORMATS)}, not {image_format!r}")
    if not Path(corpus).is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist: pass the folder that holds articles/ and articles.csv")
    build(corpus, build_dir, progress=progress)
    report = assemble_report(open_results(build_dir), event_id)
    path = write_html(report.html(), out)
    if images is not None:
        save_figures({f"{k:02d}_{div_id.removeprefix('fig-')}_{chart.name}": chart.figure
                      for k, (div_id, chart) in enumerate(report.charts, 1)}, images, image_format)
    return path


def write_html(html: str, out: str | Path) -> Path:
    """Write a page to `out` whole or not at all (a temporary file beside it, then renamed); return the path."""
    return write_atomically(out, html)
