"""Load a corpus folder into pandas tables, reporting every problem and loading what is valid.

A corpus folder holds `articles/<doc_id>.txt` (raw text as collected),
`articles.csv` (one row per article), `outlets.csv` (one row per outlet),
optionally `events.csv` and `lexicons/`. Nothing under it is ever written.
"""

from __future__ import annotations

import csv
import hashlib
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np
import pandas as pd

from .cleaning import CLEANING_COLUMNS, clean_documents, load_rules
from .lexicons import fingerprint, lexicon_files, lexicon_path

ARTICLE_COLUMNS = [
    "doc_id", "outlet_id", "title", "published", "url", "language", "event_id",
    "attribution", "attribution_note",
]
REQUIRED_ARTICLE_COLUMNS = ["doc_id"]
EXPECTED_ARTICLE_COLUMNS = ["outlet_id"]
OUTLET_COLUMNS = [
    "outlet_id", "name", "country", "ownership", "outlet_type", "state_affiliation",
    "leaning", "leaning_basis", "note",
]
REQUIRED_OUTLET_COLUMNS = ["outlet_id", "name"]
OWNERSHIP_VALUES = {"state", "private", "public"}
ATTRIBUTION_VALUES = {"stated", "inferred"}
PROBLEM_COLUMNS = ["file", "row", "problem", "action"]

_DOC_ID = re.compile(r"^[\w.-]+$")
T = TypeVar("T")


class CorpusWarning(UserWarning):
    """A problem in the corpus files; the message names the file, the row and what to do."""


class CorpusError(ValueError):
    """The corpus folder cannot be read at all."""


@dataclass
class Corpus:
    """A loaded corpus: pandas tables, one row per thing.

    Attributes:
        path: the corpus folder.
        documents: one row per article: `doc_id`, the columns of articles.csv,
            the outlet's columns (`outlet_name, country, ownership, outlet_type,
            state_affiliation, leaning, leaning_basis`), `title_source`
            (metadata / first_line), `raw_text` (as in the file), `text`
            (cleaned), `raw_hash` (sha256 of the file's bytes), `file`.
        outlets: one row per outlet of outlets.csv.
        events: one row per event of events.csv (empty if the file is absent).
        cleaning: one row per line dropped (or span cut) by cleaning:
            `doc_id, line_no, text, reason, rule_id, action`.
        problems: one row per problem found while loading: `file, row, problem, action`.
        lexicon_dir: the corpus's own lexicon folder, when it has one.
    """

    path: Path
    documents: pd.DataFrame
    outlets: pd.DataFrame
    events: pd.DataFrame
    cleaning: pd.DataFrame
    problems: pd.DataFrame
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def doc_ids(self) -> list[str]:
        """Return the document ids in corpus order."""
        return self.documents["doc_id"].tolist()

    def lexicon(self, name: str) -> Path:
        """Return the path of lexicon `name` for this corpus (its own, else the shipped default)."""
        return lexicon_path(name, self.path)

    def load_lexicon(self, name: str, load: Callable[[Path], T]) -> T:
        """Return `load(path)` for lexicon `name`, read once per corpus while the file is unchanged."""
        path = self.lexicon(name)
        key = ("lexicon", name, str(path), fingerprint(path))
        if key not in self._cache:
            self._cache[key] = load(path)
        return self._cache[key]

    def lexicons_fingerprint(self) -> str:
        """Return a hash of every lexicon file the analyses may read (it changes when one is edited)."""
        return fingerprint(*lexicon_files(self.path))

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """Return `compute()`, computed once per corpus and key (the same object on every call: copy before changing it)."""
        key = ("memo", *key)
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def __repr__(self) -> str:
        return (
            f"Corpus({str(self.path)!r}: {len(self.documents)} documents, "
            f"{len(self.outlets)} outlets, {len(self.problems)} problems)"
        )


class _Problems:
    """Collects problems as rows and warns once per problem."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, object, str, str]] = []

    def add(self, file: Path | str, row: int | None, problem: str, action: str) -> None:
        where = f"{file}" + (f", row {row}" if row is not None else "")
        warnings.warn(CorpusWarning(f"{where}: {problem} {action}"), stacklevel=3)
        self.rows.append((str(file), row, problem, action))

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=PROBLEM_COLUMNS).astype({"row": "Int64"})


def _read_csv(path: Path, columns: list[str], required: list[str], problems: _Problems,
              expected: list[str] = ()) -> tuple[list[str], list[tuple[int, dict]]] | None:
    """Return the header and the `(row_number, record)` pairs of a CSV file, or None when it cannot be used.

    Without a `required` column the file is unusable; without an `expected`
    one it is used and the column reported. Row numbers count the header as
    row 1 and each record as one row, as a spreadsheet shows them (a quoted
    field may span lines).
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(path, None, f"is not UTF-8 ({error.reason} at byte {error.start}).",
                     "Save it as UTF-8 (CSV UTF-8 in a spreadsheet program); it was ignored.")
        return None
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    missing = [column for column in required if column not in header]
    if missing:
        problems.add(path, 1, f"lacks the required column(s) {', '.join(missing)} (header: {', '.join(header) or 'empty'}).",
                     f"Add them to the header line; expected columns: {', '.join(columns)}. The file was ignored.")
        return None
    for column in expected:
        if column not in header:
            problems.add(path, 1, f"lacks the column {column} (header: {', '.join(header)}).",
                         f"Add it to the header line and fill it in; the rows were loaded with {column} empty.")
    records = []
    for row, record in enumerate(reader, start=2):
        if None in record:
            problems.add(path, row, f"has {len(header) + len(record[None])} fields where the header has {len(header)}.",
                         "Quote fields that contain commas; the extra fields were ignored.")
            record.pop(None)
        clean = {column: (record.get(column) or "").strip() for column in columns}
        clean.update({k: (v or "").strip() for k, v in record.items() if k not in clean})
        records.append((row, clean))
    return header, records


def _read_outlets(path: Path, problems: _Problems) -> pd.DataFrame:
    """Return the validated outlets table (empty when the file is missing or unusable)."""
    file = path / "outlets.csv"
    if not file.is_file():
        problems.add(file, None, "is missing.", "Create it with the columns " + ", ".join(OUTLET_COLUMNS) + "; outlets are unknown until then.")
        return pd.DataFrame(columns=OUTLET_COLUMNS)
    _, records = _read_csv(file, OUTLET_COLUMNS, REQUIRED_OUTLET_COLUMNS, problems) or ([], [])
    seen: dict[str, int] = {}
    rows = []
    for row, record in records:
        outlet_id = record["outlet_id"]
        if not outlet_id:
            problems.add(file, row, "has an empty outlet_id.", "Fill it in; the row was ignored.")
            continue
        if outlet_id in seen:
            problems.add(file, row, f"repeats outlet_id {outlet_id!r} of row {seen[outlet_id]}.",
                         "Merge the two rows; this row was ignored.")
            continue
        if record["ownership"] and record["ownership"] not in OWNERSHIP_VALUES:
            problems.add(file, row, f"has ownership {record['ownership']!r}; expected one of {', '.join(sorted(OWNERSHIP_VALUES))}.",
                         "Correct it; ownership was left empty.")
            record["ownership"] = ""
        if record["leaning"] and not record["leaning_basis"]:
            problems.add(file, row, f"gives the leaning {record['leaning']!r} without a leaning_basis.",
                         "Add the basis of the label (who judged, on what evidence); the label is not used until then.")
            record["leaning"] = ""
        seen[outlet_id] = row
        rows.append(record)
    return pd.DataFrame(rows, columns=list(dict.fromkeys(OUTLET_COLUMNS + [k for r in rows for k in r])))


def _read_events(path: Path, problems: _Problems) -> pd.DataFrame:
    """Return the events table (empty when events.csv is absent)."""
    file = path / "events.csv"
    columns = ["event_id", "name", "date", "place", "description"]
    if not file.is_file():
        return pd.DataFrame(columns=columns)
    _, records = _read_csv(file, columns, ["event_id"], problems) or ([], [])
    return pd.DataFrame([record for _, record in records], columns=columns)


def _decode(file: Path, problems: _Problems) -> tuple[str, str] | None:
    """Return the text of an article file and the sha256 of its bytes, or None if it cannot be decoded."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            sample = data.decode("cp1252")
            hint = f" It reads as Windows-1252 (cp1252): '{sample.splitlines()[line - 1][:60]}'."
        except (UnicodeDecodeError, IndexError):
            pass
        problems.add(file, None, f"is not UTF-8: byte 0x{data[error.start]:02x} at line {line} cannot be decoded.{hint}",
                     f"Re-save it as UTF-8 (for example: iconv -f cp1252 -t utf-8 {file.name} > fixed.txt); the article was not loaded.")
        return None
    return text, hashlib.sha256(data).hexdigest()


def read_documents(path: str | Path = "corpus") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read and validate a corpus folder without cleaning the texts.

    Returns:
        `(documents, outlets, events, problems)`; documents carry `raw_text`
        and `raw_hash` but no cleaned `text` yet.
    """
    path = Path(path)
    if not path.is_dir():
        raise CorpusError(f"corpus folder {path} does not exist: pass the folder that holds articles/ and articles.csv")
    problems = _Problems()
    outlets = _read_outlets(path, problems)
    events = _read_events(path, problems)
    articles_dir = path / "articles"
    files = {file.stem: file for file in sorted(articles_dir.glob("*.txt"))} if articles_dir.is_dir() else {}
    if not articles_dir.is_dir():
        problems.add(articles_dir, None, "is missing.", "Put one <doc_id>.txt file per article in it.")

    metadata_file = path / "articles.csv"
    header, records = [], []
    if metadata_file.is_file():
        header, records = _read_csv(metadata_file, ARTICLE_COLUMNS, REQUIRED_ARTICLE_COLUMNS, problems, EXPECTED_ARTICLE_COLUMNS) or ([], [])
    else:
        problems.add(metadata_file, None, "is missing.", "Create it with the columns " + ", ".join(ARTICLE_COLUMNS) + "; articles load without metadata until then.")

    known_outlets = set(outlets["outlet_id"])
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for row, record in records:
        doc_id = record["doc_id"]
        if not doc_id or not _DOC_ID.match(doc_id):
            problems.add(metadata_file, row, f"has the doc_id {doc_id!r}, which is not a file name stem (letters, digits, _ . -).",
                         "Correct it to match the name of the article's .txt file; the row was ignored.")
            continue
        if doc_id in seen:
            problems.add(metadata_file, row, f"repeats doc_id {doc_id!r} of row {seen[doc_id]}.",
                         f"Give each article its own doc_id (and file); this row was ignored, row {seen[doc_id]} was loaded.")
            continue
        seen[doc_id] = row
        if doc_id not in files:
            problems.add(metadata_file, row, f"names doc_id {doc_id!r}, but {articles_dir / (doc_id + '.txt')} does not exist.",
                         "Add the file or remove the row; the row was skipped.")
            continue
        if record["outlet_id"] and record["outlet_id"] not in known_outlets:
            problems.add(metadata_file, row, f"names outlet_id {record['outlet_id']!r}, which is not in outlets.csv.",
                         "Add the outlet to outlets.csv or correct the id; the article was loaded with empty outlet details.")
        elif not record["outlet_id"] and "outlet_id" in header:
            problems.add(metadata_file, row, "has no outlet_id.", "Fill it in; the article was loaded without an outlet.")
        if record["attribution"] and record["attribution"] not in ATTRIBUTION_VALUES:
            problems.add(metadata_file, row, f"has attribution {record['attribution']!r}; expected stated or inferred.",
                         "Correct it; it was left empty.")
            record["attribution"] = ""
        published = pd.to_datetime(record["published"], errors="coerce") if record["published"] else pd.NaT
        if record["published"] and pd.isna(published):
            problems.add(metadata_file, row, f"has the date {record['published']!r}, which is not a date.",
                         "Write it as YYYY-MM-DD; it was left empty.")
        record["published"] = published
        record["file"] = str(files[doc_id])
        rows.append(record)

    for doc_id, file in files.items():
        if doc_id not in seen:
            problems.add(file, None, "has no row in articles.csv.",
                         "Add a row with its doc_id and outlet_id; the article was loaded without metadata.")
            rows.append({**dict.fromkeys(ARTICLE_COLUMNS, ""), "doc_id": doc_id, "published": pd.NaT, "file": str(file)})

    loaded = []
    for record in rows:
        decoded = _decode(Path(record["file"]), problems)
        if decoded is None:
            continue
        record["raw_text"], record["raw_hash"] = decoded
        loaded.append(record)

    documents = pd.DataFrame(loaded, columns=list(dict.fromkeys(ARTICLE_COLUMNS + ["file", "raw_text", "raw_hash"] + [k for r in loaded for k in r])))
    documents["published"] = pd.to_datetime(documents["published"])
    outlet_details = outlets.rename(columns={"name": "outlet_name", "note": "outlet_note"})
    documents = documents.merge(outlet_details, on="outlet_id", how="left")
    return documents.reset_index(drop=True), outlets, events, problems.table()


def add_titles(documents: pd.DataFrame) -> pd.DataFrame:
    """Fill `title` from the metadata, else the first line of the cleaned text, and record which.

    Args:
        documents: the documents table with `title` and the cleaned `text`
            (changed in place).

    Returns:
        The same table, with `title` filled and `title_source` ("metadata" or
        "first_line") added.
    """
    first_lines = documents["text"].str.split("\n", n=1).str[0].fillna("")
    has_title = documents["title"].fillna("").str.strip() != ""
    documents["title_source"] = has_title.map({True: "metadata", False: "first_line"})
    documents["title"] = documents["title"].where(has_title, first_lines)
    return documents


def outlet_ids(corpus: Corpus) -> np.ndarray:
    """Return the outlet id of each document.

    Args:
        corpus: the corpus.

    Returns:
        An object array with one outlet id per row of `corpus.documents`, in
        its order ("" when unknown or when the table has no `outlet_id`).
    """
    if "outlet_id" not in corpus.documents:
        return np.full(len(corpus.documents), "", dtype=object)
    return corpus.documents["outlet_id"].fillna("").astype(str).to_numpy(dtype=object)


def load_corpus(path: str | Path = "corpus") -> Corpus:
    """Load a corpus folder, clean its texts and report every problem.

    Problems (unknown outlet ids, duplicate doc_ids, missing files or columns,
    undecodable files …) are emitted as `CorpusWarning`s and kept in
    `Corpus.problems`; every valid article still loads. Nothing is written.

    Args:
        path: the corpus folder (holding articles/, articles.csv, outlets.csv).

    Returns:
        A `Corpus` (see its attributes for the tables and their columns).
    """
    documents, outlets, events, problems = read_documents(path)
    rules = load_rules(lexicon_path("boilerplate", path))
    documents["text"], cleaning = clean_documents(documents, rules)
    documents = add_titles(documents)
    return Corpus(path=Path(path), documents=documents, outlets=outlets, events=events,
                  cleaning=cleaning if len(cleaning) else pd.DataFrame(columns=CLEANING_COLUMNS),
                  problems=problems)
