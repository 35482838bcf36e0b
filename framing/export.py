"""Downloads: tables as spreadsheet-safe CSV bytes, and safe file names for them.

A table's text cells come from articles and lexicons, i.e. from outside. A
spreadsheet program opening a CSV runs a cell that starts with `=`, `+`,
`-` or `@` (and, in some programs, a tab or carriage return before one) as a
formula, which can leak data or start programs ("CSV injection", "formula
injection"). `csv_bytes` neutralises such cells the way OWASP recommends: it
prefixes them with a single quote, so the spreadsheet shows the text as
written (`'=1+1` displays as `=1+1` in Excel and LibreOffice). Numbers in
numeric columns are left alone, so -1.5 stays a number.

References:
    OWASP, CSV Injection, https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from pandas.api import types as ptypes

#: First characters that make a spreadsheet cell a formula (OWASP, CSV Injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_MAX_STEM = 120


def _neutralise(value):
    """Return a string cell with a leading ' when a spreadsheet would run it as a formula; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as UTF-8 CSV bytes (with BOM) that spreadsheets open safely.

    Every string cell and column name that starts with `=`, `+`, `-`, `@`, a
    tab or a carriage return gets a leading single quote (OWASP's advice
    against CSV injection); the quote shows in a CSV reader such as
    `pd.read_csv`, which reads `'=1+1` back. Columns of numbers, booleans
    and dates are written unchanged (a negative number stays -1.5). The
    index is not written; the encoding is `utf-8-sig`, whose byte-order mark
    makes Excel read umlauts right.

    Args:
        frame: the table.

    Returns:
        The CSV file's bytes.

    References:
        OWASP, CSV Injection, https://owasp.org/www-community/attacks/CSV_Injection
    """
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if ptypes.is_numeric_dtype(column) or ptypes.is_bool_dtype(column) or ptypes.is_datetime64_any_dtype(column):
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        safe.isetitem(position, column.map(_neutralise, na_action="ignore"))
    safe.columns = [_neutralise(name) for name in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def _slug(value) -> str:
    text = unicodedata.normalize("NFKD", str(value).translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", text).strip("._-")


def csv_filename(name: str, event_id: str | None = None) -> str:
    """Return a safe file name for a CSV download, e.g. `keyness_nato-russia-2022-01-12.csv`.

    Only `A-Za-z0-9._-` remain: umlauts are spelled out (ä → ae, ß → ss),
    other letters lose their accents, every run of other characters (spaces,
    slashes, quotes) becomes one `-`, and leading or trailing dots and dashes
    go, so the name cannot climb out of a folder ("../") or hide a file.

    Args:
        name: what the table holds, e.g. "keyness" (a trailing ".csv" is
            dropped); "table" when nothing safe remains.
        event_id: the event, appended after an underscore; None or "" for none.

    Returns:
        The file name, ending in ".csv".
    """
    stem = _slug(re.sub(r"\.csv$", "", str(name), flags=re.IGNORECASE)) or "table"
    if event_id is not None and not pd.isna(event_id):
        event = _slug(event_id)
        if event:
            stem = f"{stem}_{event}"
    return stem[:_MAX_STEM].rstrip("._-") + ".csv"
