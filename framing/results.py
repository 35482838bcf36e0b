"""The tables of a build, served per event and outlets: what the dashboard and reports read.

`open_results(out)` opens the current snapshot of a build; `Results.table(name,
event_id, outlets)` returns one analysis table (see `framing.event_tables`)
cut to an event and a set of outlets, without recomputing anything. Tables are
sorted by event in small row groups, so an event's rows are read alone (and
kept while recent): changing the event or the outlets costs a read and a
filter, not an analysis. Keyness, the concordance
and the correspondence map are computed on request from built counts.
"""

from __future__ import annotations

import json
import threading
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from scipy import sparse

from .buckets import read_bucketed_rows
from .builder import current_snapshot
from .corpus import Corpus
from .dfm import Dfm, FeatureOptions
from .event_tables import EVENT_TABLES, NO_EVENT, event_corpus, event_ids, read_event_table
from .frames import frame_indicators
from .keyness import keyness
from .naming import naming_variants
from .kwic import kwic
from .profile import Correspondence, correspondence, leaning_counts_from_profile

# Tables whose rows concern a pair of outlets (or documents), and the columns holding the two.
PAIR_COLUMNS = {"reuse": ("outlet_a", "outlet_b"), "similarity": ("a", "b")}
# How many (table, event) row sets stay in memory: every table of a few events.
ROWS_KEPT = 96
# Columns of the documents table that the front ends need; the raw text stays on disk.
DOCUMENT_COLUMNS_DROPPED = ("raw_text",)


class Results:
    """The tables of one build snapshot, cut by event and outlets on request.

    Attributes:
        snapshot: the snapshot folder read.
        manifest: the build's manifest (`build_id`, `created`, `corpus`, row counts …).
        documents: one row per article (as `Corpus.documents`, without `raw_text`),
            with `event_id` ("" for articles that name no event).
        outlets, events, cleaning, problems, readability: the build's tables.
    """

    def __init__(self, snapshot: Path) -> None:
        self.snapshot = Path(snapshot)
        self.manifest = json.loads((self.snapshot / "manifest.json").read_text(encoding="utf-8"))
        schema = pq.read_schema(self.snapshot / "documents.parquet")
        columns = [name for name in schema.names if name not in DOCUMENT_COLUMNS_DROPPED]
        documents = pq.read_table(self.snapshot / "documents.parquet", columns=columns).to_pandas()
        self.documents = documents.assign(event_id=event_ids(documents))
        self.outlets = self._flat("outlets")
        self.events = self._flat("events")
        self.cleaning = self._flat("cleaning")
        self.problems = self._flat("problems")
        self.readability = self._flat("readability")
        self._rows: dict[tuple[str, str], pd.DataFrame] = {}  # (table, event) → rows, oldest first
        self._outlet_of = dict(zip(self.documents["doc_id"], self.documents["outlet_id"]))
        self._event_corpora: dict[str, Corpus] = {}
        self._lock = threading.Lock()

    @cached_property
    def lexicon_corpus(self) -> Corpus:
        """Return a corpus without articles, for what only reads the lexicons (`frame_indicators` …)."""
        return Corpus(path=Path(self.manifest["corpus"]), documents=self.documents.iloc[:0], outlets=self.outlets,
                      events=self.events, cleaning=self.cleaning.iloc[:0], problems=self.problems.iloc[:0])

    def frame_indicators(self) -> pd.DataFrame:
        """Return `framing.frame_indicators` of the build's corpus (what each frame is and how it is matched)."""
        return frame_indicators(self.lexicon_corpus)

    def naming_variants(self) -> pd.DataFrame:
        """Return `framing.naming_variants` of the build's corpus (the concepts and their variants)."""
        return naming_variants(self.lexicon_corpus)

    def _flat(self, name: str) -> pd.DataFrame:
        return pq.read_table(self.snapshot / f"{name}.parquet").to_pandas()

    @cached_property
    def event_ids(self) -> list[str]:
        """Return the events that have articles, in sorted order ("" last: articles without an event)."""
        ids = sorted(set(self.documents["event_id"]))
        return [event for event in ids if event != NO_EVENT] + ([NO_EVENT] if NO_EVENT in ids else [])

    def event_label(self, event_id: str) -> str:
        """Return an event's name and date as a label ("NATO-Russia Council meeting (2022-01-12)")."""
        return self.event_labels.get(event_id, event_id)

    @cached_property
    def event_labels(self) -> dict[str, str]:
        """Return the label of every event with articles, by event id (a menu of 1,000 events needs them at once)."""
        named = self.events.drop_duplicates("event_id").set_index("event_id") if "event_id" in self.events else None
        labels = {}
        for event_id in self.event_ids:
            if event_id == NO_EVENT:
                labels[event_id] = "(articles without an event)"
                continue
            row = named.loc[event_id] if named is not None and event_id in named.index else None
            name = None if row is None else row.get("name")
            date = None if row is None else row.get("date")
            if not isinstance(name, str) or not name:
                labels[event_id] = event_id
            else:
                labels[event_id] = f"{name} ({date})" if isinstance(date, str) and date else name
        return labels

    @cached_property
    def outlet_names(self) -> dict[str, str]:
        """Return each outlet's name by outlet id (outlets.csv's `name`; outlets without one are left out)."""
        if "name" not in self.outlets:
            return {}
        return {outlet: name for outlet, name in zip(self.outlets["outlet_id"], self.outlets["name"])
                if isinstance(name, str) and name}

    def event_outlets(self, event_id: str) -> list[str]:
        """Return the outlets with at least one article about the event, sorted."""
        return sorted(self.event_documents(event_id)["outlet_id"].unique())

    def event_documents(self, event_id: str, outlets: list[str] | None = None) -> pd.DataFrame:
        """Return the documents of an event (of some outlets only, if given)."""
        rows = self.documents.iloc[self._event_positions.get(event_id, [])]
        return rows if outlets is None else rows[rows["outlet_id"].isin(outlets)]

    @cached_property
    def _event_positions(self) -> dict[str, np.ndarray]:
        """Return each event's row positions in `documents` (one scan, instead of one per page run)."""
        return {event_id: positions for event_id, positions in self.documents.groupby("event_id", sort=False).indices.items()}

    def table(self, name: str, event_id: str, outlets: list[str] | None = None) -> pd.DataFrame:
        """Return the rows of one event table that concern the event and the outlets.

        Args:
            name: a table of `framing.event_tables.EVENT_TABLES`, `warnings`,
                or a per-document table of the build (`readability`, `cleaning`).
            event_id: the event.
            outlets: keep rows of these outlets only (both outlets of a pair,
                for `reuse` and `similarity`); None keeps all.

        Returns:
            The table's rows, its columns as the analysis documents them, with
            `outlet_id` added where the analysis gives only `doc_id`.
        """
        if name in ("readability", "cleaning"):
            frame = getattr(self, name)
            frame = frame[frame["doc_id"].isin(self.event_documents(event_id)["doc_id"])]
        else:
            frame = self._event_rows(name, event_id)
        if "doc_id" in frame.columns and "outlet_id" not in frame.columns:
            frame = frame.assign(outlet_id=frame["doc_id"].map(self._outlet_of))
        if outlets is not None:
            if name in PAIR_COLUMNS:
                first, second = PAIR_COLUMNS[name]
                frame = frame[frame[first].isin(outlets) & frame[second].isin(outlets)]
            elif "outlet_id" in frame.columns:
                frame = frame[frame["outlet_id"].isin(outlets)]
        frame = frame.reset_index(drop=True)
        frame.attrs = {}  # what an analysis noted about all rows does not hold for a selection of them
        return frame

    def _event_rows(self, name: str, event_id: str) -> pd.DataFrame:
        """Return one event's rows of an event table, read from Parquet once and kept while it is recent."""
        key = (name, event_id)
        rows = self._rows.get(key)
        if rows is None:
            if name not in EVENT_TABLES and name != "warnings":
                raise KeyError(f"no table {name!r} in the build; tables: {', '.join([*EVENT_TABLES, 'warnings'])}")
            rows = read_event_table(self.snapshot / f"{name}.parquet", [event_id])
            if name == "fact_coverage":
                rows = fact_grid(rows, self.event_documents(event_id))
            with self._lock:  # the dashboard's sessions share one Results, each in a thread of its own
                if len(self._rows) >= ROWS_KEPT:
                    self._rows.pop(next(iter(self._rows)))
                self._rows[key] = rows
        return rows

    def reported_facts(self, event_id: str, outlets: list[str] | None = None) -> pd.DataFrame:
        """Return the event's fact coverage rows where an article reports a fact (facts of 2+ articles).

        As the build stores them: `table("fact_coverage")` adds a row for every fact and
        article (millions for an event of 1,000 articles); `fact_grid` adds them for a selection.
        """
        rows = read_event_table(self.snapshot / "fact_coverage.parquet", [event_id])
        rows = rows if outlets is None else rows[rows["outlet_id"].isin(outlets)]
        rows = rows.reset_index(drop=True)
        rows.attrs = {}
        return rows

    def warnings(self, name: str, event_id: str) -> list[str]:
        """Return what the analysis behind table `name` warned about for the event (small samples …)."""
        rows = self.table("warnings", event_id)
        return rows.loc[rows["table"] == name, "message"].drop_duplicates().tolist()

    def keyness(self, event_id: str, *, target, reference=None, outlets: list[str] | None = None,
                measure: str = "logodds", min_count: int = 2) -> pd.DataFrame:
        """Return `framing.keyness` of the event's outlets from the built lemma counts (see `framing.keyness`).

        Args:
            event_id: the event.
            target, reference: outlet ids (reference None: all other outlets shown).
            outlets: the outlets that form the corpus of the comparison (None: all of the event's).
            measure, min_count: as in `framing.keyness`.
        """
        return keyness(self.outlet_dfm(event_id, outlets), target=target, reference=reference, by="outlet_id",
                       measure=measure, min_count=min_count)

    def outlet_dfm(self, event_id: str, outlets: list[str] | None = None) -> Dfm:
        """Return the outlet × lemma count matrix of an event (stop words removed), from the built counts."""
        counts = self.table("term_counts", event_id, outlets)
        # fold the written forms into features labelled as `framing.dfm` labels them among these outlets:
        # the form written most often, on a tie the one seen first
        key = counts["form"].str.lower()
        forms = counts.assign(key=key).groupby(["key", "form"], sort=False).agg(
            n=("n", "sum"), first_position=("first_position", "min")).reset_index()
        labels = (forms.sort_values(["key", "n", "first_position"], ascending=[True, False, True], kind="stable")
                  .drop_duplicates("key").set_index("key")["form"])
        counts = (counts.assign(feature=key.map(labels))
                  .groupby(["outlet_id", "feature"], sort=True, dropna=False)
                  .agg(n=("n", "sum"), n_documents=("n_documents", "first")).reset_index())
        rows, row_labels = pd.factorize(counts["outlet_id"], sort=True)
        columns, features = pd.factorize(counts["feature"], sort=True)
        matrix = sparse.csr_array((counts["n"].to_numpy(np.int64), (rows, columns)),
                                  shape=(len(row_labels), len(features)))
        docvars = pd.DataFrame({"outlet_id": np.asarray(row_labels, dtype=object)})
        docvars["n_documents"] = docvars["outlet_id"].map(
            counts.drop_duplicates("outlet_id").set_index("outlet_id")["n_documents"]).astype("int64")
        metadata = self.outlets.drop(columns=[c for c in ("name",) if c in self.outlets.columns])
        docvars = docvars.merge(metadata, on="outlet_id", how="left")
        return Dfm(matrix=matrix, features=pd.Index(features, dtype="str"), docvars=docvars, options=FeatureOptions())

    def event_corpus(self, event_id: str) -> Corpus:
        """Return a corpus of the event's articles with their built sentences and tokens (for `kwic`)."""
        corpus = self._event_corpora.get(event_id)
        if corpus is None:
            members = self.event_documents(event_id)
            doc_ids = members["doc_id"].tolist()
            corpus = event_corpus(self.lexicon_corpus, members.reset_index(drop=True),
                                  self.cleaning[self.cleaning["doc_id"].isin(doc_ids)].reset_index(drop=True),
                                  self._bucketed_rows("sentences", doc_ids), self._bucketed_rows("tokens", doc_ids))
            self._event_corpora = {event_id: corpus}  # one event at a time: the dashboard shows one
        return corpus

    def _bucketed_rows(self, table: str, doc_ids: list[str]) -> pd.DataFrame:
        """Return the rows of a bucketed table for some documents, reading only their buckets."""
        return read_bucketed_rows(self.snapshot / table, doc_ids, int(self.manifest.get("n_buckets", 1)))

    def kwic(self, event_id: str, pattern, *, outlets: list[str] | None = None, **options) -> pd.DataFrame:
        """Return `framing.kwic` over the event's articles (of some outlets only, if given)."""
        found = kwic(self.event_corpus(event_id), pattern, **options)
        if outlets is not None and len(found):
            found = found[found["doc_id"].map(self._outlet_of).isin(outlets)].reset_index(drop=True)
        return found

    def sentences(self, doc_id: str) -> pd.DataFrame:
        """Return the built sentences of one article."""
        return self._bucketed_rows("sentences", [doc_id])

    def leaning_map(self, event_id: str, outlets: list[str] | None = None) -> Correspondence:
        """Return the correspondence analysis of the event's outlets (see `framing.leaning_map`)."""
        return correspondence(leaning_counts_from_profile(self.table("leaning_profile", event_id, outlets)))


def fact_grid(present: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return `framing.fact_coverage`'s table (every fact × every article of the event) from its present rows.

    The build stores only the rows where an article reports a fact (a full
    grid has a row per fact and article: millions at 100,000 articles); the
    absent cells are added back here, in fact order, then document order.
    """
    fact_columns = ["event_id", "fact_id", "label", "n_documents", "n_outlets", "n_event_documents", "cohesion", "edited"]
    facts = present.drop_duplicates("fact_id")[fact_columns]
    grid = facts.merge(documents[["doc_id", "outlet_id"]].reset_index(drop=True), how="cross")
    said = present[["fact_id", "doc_id", "sentence", "sentence_ids", "n_sentences"]]
    grid = grid.merge(said, on=["fact_id", "doc_id"], how="left")
    grid["present"] = grid["n_sentences"].notna()
    grid["sentence"] = grid["sentence"].fillna("")
    grid["sentence_ids"] = [list(v) if isinstance(v, (list, np.ndarray)) else [] for v in grid["sentence_ids"]]
    grid["n_sentences"] = grid["n_sentences"].fillna(0).astype("int64")
    columns = ["event_id", "fact_id", "label", "doc_id", "outlet_id", "present", "sentence", "sentence_ids",
               "n_sentences", "n_documents", "n_outlets", "n_event_documents", "cohesion", "edited"]
    return grid[columns + [c for c in present.columns if c not in columns]]


def open_results(out: str | Path = "build") -> Results:
    """Return the tables of the current build in `out`.

    Raises:
        FileNotFoundError: when `out` holds no complete build, or one made
            before the analyses were built (run `python -m framing build`).
    """
    snapshot = current_snapshot(out)
    if snapshot is None or not (snapshot / "event_keys.parquet").is_file():
        raise FileNotFoundError(f"no complete build with analyses in {out}: run `python -m framing build --out {out}` first")
    return Results(snapshot)
