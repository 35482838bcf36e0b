"""Render the report: a Jinja2 template with autoescaping, plotly.js inlined once, each figure as plotly's own div.

Everything handed to the template is escaped, except what `Markup` marks as
safe, and only two things are: the plotly.js bundle shipped with plotly.py,
and the figure divs that `plotly.graph_objects.Figure.to_html` writes (its
JSON escapes `<`, `>` and `/`, so article text inside a figure cannot close
the script). The page loads nothing from anywhere: no CDN, no web font.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..export import csv_filename
from ..notes import NOTES
from .blocks import Chart, Section
from .findings import Finding, numbers_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def environment() -> Environment:
    """Return the Jinja2 environment of the report templates (autoescape on, unknown names an error)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def plotly_js() -> Markup:
    """Return plotly.py's bundled plotly.min.js, safe to inline in a `<script>` element."""
    return Markup(PLOTLY_JS.read_text(encoding="utf-8").replace("</script", "<\\/script"))


def chart_config(name: str) -> dict:
    """Return the plotly config of a report chart: no logo, the camera button saves a PNG named after the chart."""
    return {"displaylogo": False, "responsive": True,
            "toImageButtonOptions": {"format": "png", "filename": csv_filename(name).removesuffix(".csv"), "scale": 2}}


def figure_html(chart: Chart, div_id: str) -> Markup:
    """Return a chart as plotly's own div and newPlot script (plotly.js not included)."""
    return Markup(chart.figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                                       config=chart_config(chart.name), default_width="100%"))


def chart_ids(sections: list[Section]) -> list[tuple[str, Chart]]:
    """Return every chart of the report with its element id ("fig-voices-3"), in page order."""
    return [(f"fig-{section.anchor}-{k}", chart) for section in sections for k, chart in enumerate(section.charts, 1)]


def render_report(*, title: str, subtitle: str, notices: list[str], findings: list[Finding], sections: list[Section],
                  about: list[tuple[str, str]]) -> str:
    """Return the report as one HTML page.

    Args:
        title, subtitle: the page's heading (the event) and the line under it.
        notices: sentences shown above the summary (other events of the corpus, caps).
        findings: the summary (`framing.report.findings`).
        sections: the analysis sections (`framing.report.sections`).
        about: (label, value) pairs of the corpus and version block.
    """
    ids = {id(chart): div_id for div_id, chart in chart_ids(sections)}
    rendered = []
    for section in sections:
        noted: set[str] = set()  # a chart drawn several times (once per outlet) gets its note once
        blocks = []
        for block in section.blocks:
            if isinstance(block, Chart):
                note = NOTES.get(block.name) if block.name not in noted else None
                noted.add(block.name)
                blocks.append({"kind": "chart", "id": ids[id(block)], "name": block.name, "html": figure_html(block, ids[id(block)]),
                               "warnings": block.warnings, "caption": block.caption, "note": note})
            else:
                blocks.append({"kind": block.kind, "block": block})
        rendered.append({"anchor": section.anchor, "title": section.title, "intro": section.intro, "blocks": blocks})
    summary = [{"topic": f.topic, "sentence": f.sentence, "numbers": numbers_text(f.numbers), "section": f.section,
                "source": f.source} for f in findings]
    titles = {section.anchor: section.title for section in sections}
    return environment().get_template(TEMPLATE).render(
        title=title, subtitle=subtitle, notices=notices, findings=summary, sections=rendered, about=about,
        section_titles=titles, n_figures=len(ids), plotly_js=plotly_js(),
    )
