"""The analysis tables of one event, as the build writes them for the dashboard and reports.

Analysts compare outlets within one event, so every analysis runs on the
articles of one event at a time (a sub-corpus). That keeps cross-document
statistics (fact coverage, reuse, similarity, keyness counts) inside the event,
lets the build reuse an unchanged event's rows, and lets the front ends read an
event's rows without recomputing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .actors import actor_counts, actors
from .agencies import agencies
from .corpus import Corpus
from .coverage import fact_coverage
from .dfm import FeatureOptions
from .frames import frame_profile, frames
from .hedges import hedges
from .lexicons import fingerprint, lexicon_files
from .naming import naming
from .profile import leaning_profile
from .readability import sentence_lengths
from .quotes import cue_classes, quotes, share_of_voice
from .reuse import reuse, reuse_share
from .similarity import similarity
from .text import text_pass
from .text import tokens as corpus_tokens
from .textpass import TextPassResult
from .tone import tone, tone_profile

# Bump when an analysis changes its output, so that the next build recomputes every event.
ANALYSES_VERSION = "3"

NO_EVENT = ""  # the event_id of articles that name no event
MIN_EVENTS_FOR_POOL = 16
MIXED_TEXT_SUFFIX = "__text"
MIN_FACT_DOCUMENTS = 2  # the build keeps the facts that at least this many articles report
EVENTS_PER_TASK = 16  # at most this many events per task of the pool, to bound a worker's memory  # fewer events to compute run in the build's own process


def outlet_similarity(corpus: Corpus) -> pd.DataFrame:
    """Return `similarity(corpus, by="outlet_id")`: each outlet's articles pooled (see `framing.similarity`)."""
    return similarity(corpus, by="outlet_id")


def shared_facts(corpus: Corpus) -> pd.DataFrame:
    """Return the rows of `fact_coverage(corpus)` for facts that two or more articles report.

    A fact that one article alone reports fills a row for every other article
    of the event (70,000 rows for an event of 100 articles); the leaning
    profile counts such facts per outlet ("facts unique to the outlet").
    """
    table = fact_coverage(corpus)
    return table[table["n_documents"] >= MIN_FACT_DOCUMENTS].reset_index(drop=True)


def term_counts(corpus: Corpus) -> pd.DataFrame:
    """Return how often each outlet writes each lemma (stop words removed), the input of keyness.

    Counted per written form, not per case-folded feature: which form labels a
    feature ("Nato" or "NATO") depends on the outlets compared (`framing.dfm`
    shows the form written most often, on a tie the one seen first), so
    `Results.outlet_dfm` folds the forms of the outlets selected.

    Returns:
        One row per outlet × lemma form with a count above zero: `outlet_id`,
        `form` (the lemma as written), `n`, `first_position` (where the form
        first occurs among the outlet's counted words, counting the event's
        counted words in corpus order; for the tie-break) and the outlet's
        `n_documents`. Words count as in `framing.dfm`'s defaults.
    """
    options = FeatureOptions()
    documents = corpus.documents
    tokens = corpus_tokens(corpus)
    keep = tokens["is_word"].to_numpy(dtype=bool, copy=True)
    if options.remove_stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    keep_at = np.flatnonzero(keep)
    outlet_of = dict(zip(documents["doc_id"], documents["outlet_id"]))
    kept = pd.DataFrame({
        "outlet_id": tokens["doc_id"].iloc[keep_at].map(outlet_of).to_numpy(),
        "form": tokens["lemma"].iloc[keep_at].astype("str").to_numpy(),
        "position": np.arange(len(keep_at), dtype=np.int64),
    })
    counts = (kept.groupby(["outlet_id", "form"], sort=True, dropna=False)["position"]
              .agg(n="size", first_position="min").reset_index())
    n_documents = documents.groupby("outlet_id", dropna=False).size()
    counts["n"] = counts["n"].astype("int64")
    counts["n_documents"] = counts["outlet_id"].map(n_documents).astype("int64")
    return counts.sort_values(["outlet_id", "form"], kind="stable", ignore_index=True)


# name → the function that computes it on one event's sub-corpus; all of them
# are tidy tables of the package, documented where they are defined.
EVENT_TABLES: dict[str, Callable[[Corpus], pd.DataFrame]] = {
    "sentence_lengths": sentence_lengths,
    "frames": frames,
    "frame_profile": frame_profile,
    "actors": actors,
    "actor_counts": actor_counts,
    "quotes": quotes,
    "share_of_voice": share_of_voice,
    "cue_classes": cue_classes,
    "hedges": hedges,
    "naming": naming,
    "term_counts": term_counts,
    "tone": tone,
    "tone_profile": tone_profile,
    "agencies": agencies,
    "reuse": reuse,
    "reuse_share": reuse_share,
    "similarity": outlet_similarity,
    "fact_coverage": shared_facts,
    "leaning_profile": leaning_profile,
}


def event_ids(documents: pd.DataFrame) -> pd.Series:
    """Return each document's event_id, with `NO_EVENT` where the article names none."""
    if "event_id" not in documents.columns:
        return pd.Series(NO_EVENT, index=documents.index, dtype="str")
    return documents["event_id"].fillna(NO_EVENT).astype("str")


def event_subcorpora(corpus: Corpus) -> Iterator[tuple[str, Corpus]]:
    """Yield `(event_id, sub-corpus)` for every event of the corpus, in sorted order of event_id.

    A sub-corpus holds the event's documents and their rows of the parent's
    text pass (nothing is tokenised again) and shares the parent's parsed
    lexicons.
    """
    documents = corpus.documents.assign(event_id=event_ids(corpus.documents))
    parent = text_pass(corpus)
    event_of = dict(zip(documents["doc_id"], documents["event_id"]))
    rows = {
        name: table.groupby(table["doc_id"].map(event_of), sort=False).indices
        for name, table in (("sentences", parent.sentences), ("tokens", parent.tokens), ("cleaning", corpus.cleaning))
    }
    shared = {key: value for key, value in corpus._cache.items()
              if key == "rules" or (isinstance(key, tuple) and key and key[0] == "lexicon")}
    empty = np.array([], dtype=np.int64)
    for event_id, members in documents.groupby("event_id", sort=True):
        child = replace(corpus, documents=members.reset_index(drop=True),
                        cleaning=corpus.cleaning.take(rows["cleaning"].get(event_id, empty)).reset_index(drop=True),
                        _cache=dict(shared))
        child.__dict__.pop("doc_ids", None)  # a cached_property copied from the parent
        child._cache["text_pass"] = TextPassResult(
            sentences=parent.sentences.take(rows["sentences"].get(event_id, empty)).reset_index(drop=True),
            tokens=parent.tokens.take(rows["tokens"].get(event_id, empty)).reset_index(drop=True),
        )
        yield event_id, child


def compute_event_tables(corpus: Corpus, event_id: str) -> dict[str, pd.DataFrame]:
    """Return every table of `EVENT_TABLES` for one event's corpus, plus `warnings`.

    Each table gets `event_id` as its first column. What the analyses warn
    about (small samples, unmatched edits …) is kept, not printed: the
    `warnings` table has one row per warning, `event_id, table, category,
    message`, so the front ends can show it beside the chart it concerns.
    """
    tables: dict[str, pd.DataFrame] = {}
    caught: list[dict] = []
    for name, compute in EVENT_TABLES.items():
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            table = compute(corpus)
        for warning in seen:
            caught.append({"table": name, "category": warning.category.__name__, "message": str(warning.message)})
        tables[name] = table
    tables["warnings"] = pd.DataFrame(caught, columns=["table", "category", "message"]).drop_duplicates(ignore_index=True)
    return {name: _with_event(table, event_id) for name, table in tables.items()}


def _with_event(table: pd.DataFrame, event_id: str) -> pd.DataFrame:
    table = table.reset_index(drop=True)
    if "event_id" in table.columns:
        table = table.drop(columns="event_id")
    table.insert(0, "event_id", pd.Series([event_id] * len(table), dtype="str"))
    return table


def event_key(documents: pd.DataFrame, outlets: pd.DataFrame, events: pd.DataFrame, lexicons: str) -> str:
    """Return a hash of everything one event's tables depend on (documents of the event, outlets, lexicons).

    Args:
        documents: the event's documents, with `doc_id, outlet_id, text_hash`.
        outlets: the outlets table (all of it: profiles show declared metadata).
        events: the event's row(s) of the events table.
        lexicons: the `fingerprint` of the lexicon files the analyses read (`lexicon_files`).
    """
    digest = hashlib.sha256(ANALYSES_VERSION.encode())
    for frame in (documents.sort_values("doc_id")[["doc_id", "outlet_id", "text_hash"]], outlets, events):
        digest.update(pd.util.hash_pandas_object(frame.astype("str"), index=False).to_numpy().tobytes())
        digest.update(b"|")
    digest.update(lexicons.encode())
    return digest.hexdigest()


def concat_tables(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Return the tables concatenated (a frame with only `event_id` when there are none)."""
    tables = [table for table in tables if table is not None]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame({"event_id": np.array([], dtype="str")})


def write_event_tables(corpus: Corpus, previous_snapshot: Path | None, staging: Path, *,
                       scheduler: str | None = None, progress: bool = False) -> dict[str, int]:
    """Write every event table of `corpus` to `staging/<name>.parquet`, reusing unchanged events.

    An event is unchanged when its `event_key` equals the one the previous
    snapshot recorded (`event_keys.parquet`); its rows are then copied from
    the previous snapshot's tables. The others are computed, in a Dask
    process pool when there are many (`scheduler` as in `framing.build`).
    Tables are sorted by `event_id`, so a reader can take one event's rows
    as a slice.

    Returns:
        The number of rows written per table, plus `n_events_computed`.
    """
    lexicons = corpus.lexicons_fingerprint()
    old_keys = _read_keys(previous_snapshot)
    keys: dict[str, str] = {}
    todo: list[tuple[str, Corpus]] = []
    for event_id, child in event_subcorpora(corpus):
        event_rows = corpus.events[corpus.events["event_id"] == event_id] if "event_id" in corpus.events else corpus.events
        keys[event_id] = event_key(child.documents, corpus.outlets, event_rows, lexicons)
        if old_keys.get(event_id) != keys[event_id]:
            todo.append((event_id, child))
    reused = [event_id for event_id in keys if event_id not in {e for e, _ in todo}]
    computed = _run_event_jobs(todo, scheduler, progress)
    rows: dict[str, int] = {}
    for name in [*EVENT_TABLES, "warnings"]:
        parts = [result[name] for result in computed]
        if reused:
            parts.append(_previous_rows(previous_snapshot, name, reused))
        table = concat_tables(parts).sort_values("event_id", kind="stable", ignore_index=True)
        if name == "warnings":
            table = _without_edits_of_other_events(table, n_events=len(keys))
        _write(table, staging / f"{name}.parquet")
        rows[name] = len(table)
    _write(pd.DataFrame({"event_id": list(keys), "key": list(keys.values())}, dtype="str"), staging / "event_keys.parquet")
    rows["n_events_computed"] = len(todo)
    return rows


def _without_edits_of_other_events(table: pd.DataFrame, n_events: int) -> pd.DataFrame:
    """Drop "no fact f_…" warnings of facts.yaml entries that name a fact or sentence of another event.

    facts.yaml serves every event, and each event's fact coverage sees only its
    own facts; an entry is a mistake only when no event has what it names,
    and then every event warns about it.
    """
    if table.empty:
        return table
    not_found = (table["category"] == "FactEditWarning") & table["message"].str.contains(
        r": no (?:fact|clustered sentence) ", regex=True)
    everywhere = table[not_found].groupby("message")["event_id"].nunique()
    everywhere = set(everywhere[everywhere >= n_events].index)
    return table[~not_found | table["message"].isin(everywhere)].reset_index(drop=True)


def _read_keys(snapshot: Path | None) -> dict[str, str]:
    path = snapshot / "event_keys.parquet" if snapshot else None
    if path is None or not path.is_file():
        return {}
    table = pq.read_table(path).to_pandas()
    return dict(zip(table["event_id"], table["key"]))


def _previous_rows(snapshot: Path, name: str, event_ids: list[str]) -> pd.DataFrame:
    return read_event_table(snapshot / f"{name}.parquet", event_ids)


def _write(frame: pd.DataFrame, path: Path) -> None:
    """Write a table; a column mixing numbers and text (leaning_profile's `value`) is stored as two."""
    mixed = [column for column in frame.columns if frame[column].dtype == object and _is_mixed(frame[column])]
    for column in mixed:
        values = frame[column]
        is_text = values.map(lambda value: isinstance(value, str))
        frame = frame.assign(**{
            column: pd.to_numeric(values.where(~is_text), errors="coerce").astype("float64"),
            column + MIXED_TEXT_SUFFIX: values.where(is_text).astype("str").where(is_text, None),
        })
    frame = frame.copy(deep=False)
    frame.attrs = {}  # an analysis's attrs describe the whole corpus it ran on, not a slice of the rows
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"framing_mixed": json.dumps(mixed).encode()})
    pq.write_table(table, path, compression="zstd")


def _is_mixed(values: pd.Series) -> bool:
    kinds = {type(value) for value in values.dropna()}
    return str in kinds and len(kinds) > 1


def read_event_table(path: Path, event_ids: list[str] | None = None) -> pd.DataFrame:
    """Return an event table written by `write_event_tables` (of some events only, if given)."""
    filters = [("event_id", "in", event_ids)] if event_ids is not None else None
    table = pq.read_table(path, filters=filters)
    mixed = json.loads((table.schema.metadata or {}).get(b"framing_mixed", b"[]"))
    frame = table.to_pandas()
    for column in mixed:
        text = frame.pop(column + MIXED_TEXT_SUFFIX)
        frame[column] = frame[column].astype(object).where(text.isna(), text)
    return frame


def _compute_events(jobs: list[tuple[str, Corpus]]) -> list[dict[str, pd.DataFrame]]:
    results = []
    for event_id, child in jobs:
        results.append(compute_event_tables(child, event_id))
        child._cache.clear()  # its text pass and intermediate results (word tables, matches) are done with
    return results


def _run_event_jobs(todo: list[tuple[str, Corpus]], scheduler: str | None, progress: bool) -> list[dict[str, pd.DataFrame]]:
    """Compute the tables of the events to do: in this process for a few, else in a Dask process pool."""
    if scheduler is None:
        scheduler = "processes" if len(todo) >= MIN_EVENTS_FOR_POOL else "synchronous"
    if scheduler == "synchronous":
        return _compute_events(todo)
    import dask

    n_chunks = min(len(todo), max(8 * (os.cpu_count() or 1), -(-len(todo) // EVENTS_PER_TASK)))
    chunks = [todo[i::n_chunks] for i in range(n_chunks)]
    tasks = [dask.delayed(_compute_events)(chunk) for chunk in chunks]
    if progress and len(todo) >= MIN_EVENTS_FOR_POOL:
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            results = dask.compute(*tasks, scheduler=scheduler)
    else:
        results = dask.compute(*tasks, scheduler=scheduler)
    return [tables for chunk in results for tables in chunk]
