"""The stakeholder report: one self-contained HTML file per event, readable offline in any browser.

`write_report(corpus, out)` builds the corpus (incrementally) and writes the
report of one event: its title and outlets, a summary of generated findings
with the numbers behind them, a section per analysis with the dashboard's
figures, capped tables and method notes, a table of contents, and the corpus
and version it was built from. plotly.js is included once; article text is
escaped; nothing is fetched when the file is opened.

    from framing.report import assemble_report, write_report
    write_report("corpus", "reports/report.html")                  # python -m framing report
    report = assemble_report(framing.open_results("build"))        # the same, before writing
    report.findings_table()

Modules: `view` (one event's tables and names), `findings` (the summary),
`blocks` and `sections` (charts, tables, notes per analysis), `render` (the
Jinja2 template), `static` (PNG / SVG export through kaleido), `write`.
"""

from .static import save_figure, save_figures
from .write import DEFAULT_OUT, Report, assemble_report, default_event, write_html, write_report

__all__ = ["write_report", "assemble_report", "Report", "default_event", "write_html", "DEFAULT_OUT",
           "save_figure", "save_figures"]
