"""The parts a report section is made of: a chart (with its warnings), a table (capped, formatted), a paragraph.

Tables are formatted here, in Python, into strings; the template escapes
every one of them. Charts stay plotly Figures until the page is rendered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

#: Rows a report table shows; the caption says how many the full table has and where to find it.
TABLE_ROWS = 20
#: Characters of a text cell shown (article sentences, quotes, passages), then "…".
CELL_CHARS = 220


@dataclass(frozen=True)
class Chart:
    """A figure of `framing.charts`, named after its chart function (which is also the name of its method note)."""

    name: str
    figure: go.Figure
    warnings: tuple[str, ...] = ()
    caption: str = ""
    kind: str = field(default="chart", init=False)


@dataclass(frozen=True)
class Table:
    """A table as formatted text: column names, the rows shown, and how many rows the whole table has."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    n_rows: int
    caption: str = ""
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class Text:
    """Plain paragraphs (escaped when rendered)."""

    paragraphs: tuple[str, ...]
    kind: str = field(default="text", init=False)


@dataclass
class Section:
    """One section of the report: an anchor for the table of contents, a title, an introduction and its blocks."""

    anchor: str
    title: str
    intro: str
    blocks: list = field(default_factory=list)

    @property
    def charts(self) -> list[Chart]:
        """Return the section's charts, in order."""
        return [block for block in self.blocks if isinstance(block, Chart)]


def table(frame: pd.DataFrame, title: str, *, columns: list[str] | None = None, max_rows: int = TABLE_ROWS,
          order: str = "", where: str = "") -> Table:
    """Return the first `max_rows` rows of a table, every cell formatted as text.

    Args:
        frame: the table.
        title: its heading.
        columns: the columns to show (default all), in this order.
        max_rows: rows shown; the caption gives the full count.
        order: how the rows are sorted, said in the caption when rows are left out ("most quoted words first").
        where: where the whole table is, said in the caption when rows are left out.

    Returns:
        A `Table`.
    """
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    shown = frame.head(max_rows)
    caption = ""
    if len(shown) < len(frame):
        caption = f"The first {len(shown):,} of {len(frame):,} rows" + (f" ({order})" if order else "") + "."
        if where:
            caption += f" All of them: {where}."
    rows = tuple(tuple(cell(value) for value in row) for row in shown.itertuples(index=False, name=None))
    return Table(title=title, columns=tuple(str(c) for c in shown.columns), rows=rows, n_rows=len(frame), caption=caption)


def cell(value) -> str:
    """Return one table value as text: counts with thousands separators, up to three decimals, long text cut."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return cell(", ".join(str(v) for v in value))
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    if not isinstance(value, str) and pd.isna(value):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1].rstrip() + "…"
