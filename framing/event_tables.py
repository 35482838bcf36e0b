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
import shutil
import sys
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .buckets import read_bucketed_rows
from .actors import actor_counts, actors
from .agencies import agencies
from .corpus import Corpus
from .coverage import fact_coverage
from .dfm import FeatureOptions
from .frames import frame_profile, frames
from .hedges import hedges
from .naming import naming
from .profile import leaning_profile
from .readability import sentence_lengths
from .quotes import cue_classes, quotes, share_of_voice
from .reuse import reuse, reuse_share
from .similarity import similarity
from .text import tokens as corpus_tokens
from .textpass import TextPassResult
from .tone import tone, tone_profile

# Bump when an analysis changes its output, so that the next build recomputes every event.
ANALYSES_VERSION = "4"

T = TypeVar("T")
NO_EVENT = ""  # the event_id of articles that name no event
MIN_EVENTS_FOR_POOL = 16  # fewer events to compute run in the build's own process
EVENTS_PER_TASK = 16  # at most this many events per task, to bound a worker's memory
MIXED_TEXT_SUFFIX = "__text"
MIN_FACT_DOCUMENTS = 2  # the build keeps the facts that at least this many articles report
ROW_GROUP_ROWS = 32_768  # small row groups: a reader filtering on event_id decodes little besides its event


def outlet_similarity(corpus: Corpus) -> pd.DataFrame:
    """Return `similarity(corpus, by="outlet_id")`: each outlet's articles pooled (see `framing.similarity`)."""
    return similarity(corpus, by="outlet_id")


def shared_facts(corpus: Corpus) -> pd.DataFrame:
    """Return the rows of `fact_coverage(corpus)` where an article reports a fact that two or more report.

    The full table has a row per fact and article of the event (47,000 rows
    for an event of 100 articles, most of them "absent");
    `framing.results.fact_grid` adds the absent rows back when the table is
    read. Facts that one article alone reports are left out; the leaning
    profile counts them per outlet ("facts unique to the outlet").
    """
    table = fact_coverage(corpus)
    return table[(table["n_documents"] >= MIN_FACT_DOCUMENTS) & table["present"]].reset_index(drop=True)


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


def event_corpus(shell: Corpus, documents: pd.DataFrame, cleaning: pd.DataFrame, sentences: pd.DataFrame,
                 tokens: pd.DataFrame, *, cache: dict | None = None) -> Corpus:
    """Return `shell` (a corpus's folder, outlets and events) holding these documents and their built text pass.

    Nothing is tokenised again: `sentences` and `tokens` are the documents'
    rows of the text pass. `cache` seeds the corpus's cache (parsed lexicons,
    language rules).
    """
    corpus = replace(shell, documents=documents, cleaning=cleaning, _cache=dict(cache or {}))
    corpus.__dict__.pop("doc_ids", None)  # a cached_property copied from the shell
    corpus._cache["text_pass"] = TextPassResult(sentences=sentences, tokens=tokens)
    return corpus


def recorded_warnings(compute: Callable[..., T], *args, **kwargs) -> tuple[T, list[warnings.WarningMessage]]:
    """Return `compute(*args, **kwargs)` and the warnings it raised, recorded instead of printed."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        value = compute(*args, **kwargs)
    return value, list(seen)


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
        table, seen = recorded_warnings(compute, corpus)
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


def write_event_tables(corpus: Corpus, previous_snapshot: Path | None, staging: Path, *, n_buckets: int,
                       scheduler: str | None = None, progress: bool = False) -> dict[str, int]:
    """Write every event table of a build to `staging/<name>.parquet`, reusing unchanged events.

    `corpus` holds the build's documents, outlets, events and cleaning; the
    text pass is read from `staging/sentences` and `staging/tokens` (bucketed
    in `n_buckets`), one task's documents at a time, so no process holds the
    whole corpus's tokens. An event is unchanged when its `event_key` equals
    the one the previous snapshot recorded (`event_keys.parquet`); its rows
    are then copied from the previous snapshot's tables. The others are
    computed in tasks of at most `EVENTS_PER_TASK` events, in a Dask process
    pool when there are many (`scheduler` as in `framing.build`); each task
    writes its tables as parts, which are then merged. Tables are sorted by
    `event_id`, so a reader can take one event's rows as a slice.

    Returns:
        The number of rows written per table, plus `n_events_computed`.
    """
    lexicons = corpus.lexicons_fingerprint()
    old_keys = _read_keys(previous_snapshot)
    documents = corpus.documents.assign(event_id=event_ids(corpus.documents))
    keys: dict[str, str] = {}
    todo: list[tuple[str, pd.DataFrame]] = []
    for event_id, members in documents.groupby("event_id", sort=True):
        event_rows = corpus.events[corpus.events["event_id"] == event_id] if "event_id" in corpus.events else corpus.events
        keys[event_id] = event_key(members, corpus.outlets, event_rows, lexicons)
        if old_keys.get(event_id) != keys[event_id]:
            todo.append((event_id, members.reset_index(drop=True)))
    reused = [event_id for event_id in keys if event_id not in {e for e, _ in todo}]
    parts = staging / ".event_parts"
    jobs = _event_jobs(corpus, todo, staging, parts, n_buckets)
    _run_event_jobs(jobs, scheduler, progress)
    rows: dict[str, int] = {}
    for name in [*EVENT_TABLES, "warnings"]:
        pieces = [pq.read_table(file) for file in sorted((parts / name).glob("*.parquet"))]
        if reused:
            pieces.append(pq.read_table(previous_snapshot / f"{name}.parquet", filters=[("event_id", "in", reused)]))
        rows[name] = _merge(pieces, staging / f"{name}.parquet", n_events=len(keys) if name == "warnings" else None)
    shutil.rmtree(parts, ignore_errors=True)
    _write(pd.DataFrame({"event_id": list(keys), "key": list(keys.values())}, dtype="str"), staging / "event_keys.parquet")
    rows["n_events_computed"] = len(todo)
    return rows


def _merge(pieces: list[pa.Table], path: Path, *, n_events: int | None = None) -> int:
    """Write the parts of one table as one file sorted by event_id (warnings: see `_without_edits_of_other_events`)."""
    mixed = sorted({column for piece in pieces
                    for column in json.loads((piece.schema.metadata or {}).get(b"framing_mixed", b"[]"))})
    pieces = [piece.replace_schema_metadata(None) for piece in pieces]
    pieces = [piece for piece in pieces if piece.num_rows] or pieces[:1]  # an empty part keeps its columns only when all are empty
    if not pieces:
        table = pa.table({"event_id": pa.array([], pa.string())})
    else:
        table = pa.concat_tables(pieces, promote_options="permissive")
        table = table.take(pc.sort_indices(table, sort_keys=[("event_id", "ascending")]))  # a stable sort
    if n_events is not None:
        frame = _without_edits_of_other_events(table.to_pandas(), n_events)
        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table.replace_schema_metadata({b"framing_mixed": json.dumps(mixed).encode()}), path,
                   compression="zstd", row_group_size=ROW_GROUP_ROWS)
    return table.num_rows


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


@dataclass
class _EventJob:
    """One task: some events' documents, where to read their text pass and where to write their tables (picklable)."""

    part: int
    events: list[tuple[str, pd.DataFrame]]  # event_id, its documents
    cleaning: pd.DataFrame  # the cleaning rows of these documents
    corpus: Corpus  # the corpus folder, outlets and events (documents and cleaning left empty)
    source: Path  # the staging folder with sentences/ and tokens/
    n_buckets: int
    out: Path  # where the parts of each table go: out/<name>/part-NNNNN.parquet


def _event_jobs(corpus: Corpus, todo: list[tuple[str, pd.DataFrame]], source: Path, out: Path,
                n_buckets: int) -> list[_EventJob]:
    """Split the events to compute into tasks of at most EVENTS_PER_TASK events."""
    shell = replace(corpus, documents=corpus.documents.iloc[:0], cleaning=corpus.cleaning.iloc[:0],
                    _cache={key: value for key, value in corpus._cache.items() if key == "rules"})
    shell.__dict__.pop("doc_ids", None)
    n_jobs = -(-len(todo) // EVENTS_PER_TASK) if todo else 0
    jobs = []
    for part in range(n_jobs):
        events = todo[part::n_jobs]
        doc_ids = {doc_id for _, members in events for doc_id in members["doc_id"]}
        cleaning = corpus.cleaning[corpus.cleaning["doc_id"].isin(doc_ids)].reset_index(drop=True)
        jobs.append(_EventJob(part, events, cleaning, shell, source, n_buckets, out))
    return jobs


# Parsed lexicons, kept by each process between the tasks it runs (keyed by path and content hash).
_PARSED_LEXICONS: dict = {}


def _compute_job(job: _EventJob) -> int:
    """Compute and write the tables of one task's events; return how many events it computed."""
    doc_ids = [doc_id for _, members in job.events for doc_id in members["doc_id"]]
    text = {name: read_bucketed_rows(job.source / name, doc_ids, job.n_buckets) for name in ("sentences", "tokens")}
    event_of = {doc_id: event_id for event_id, members in job.events for doc_id in members["doc_id"]}
    rows = {name: table.groupby(table["doc_id"].map(event_of), sort=False).indices for name, table in text.items()}
    cleaning_rows = job.cleaning.groupby(job.cleaning["doc_id"].map(event_of), sort=False).indices
    empty = np.array([], dtype=np.int64)
    tables: dict[str, list[pd.DataFrame]] = {}
    for event_id, members in job.events:
        child = event_corpus(
            job.corpus, members, job.cleaning.take(cleaning_rows.get(event_id, empty)),
            text["sentences"].take(rows["sentences"].get(event_id, empty)).reset_index(drop=True),
            text["tokens"].take(rows["tokens"].get(event_id, empty)).reset_index(drop=True),
            cache={**_PARSED_LEXICONS, **job.corpus._cache},
        )
        for name, table in compute_event_tables(child, event_id).items():
            tables.setdefault(name, []).append(table)
        _PARSED_LEXICONS.update({key: value for key, value in child._cache.items()
                                 if isinstance(key, tuple) and key and key[0] == "lexicon"})
        child._cache.clear()  # its text pass and intermediate results (word tables, matches) are done with
    for name, parts in tables.items():
        (job.out / name).mkdir(parents=True, exist_ok=True)
        _write(concat_tables(parts), job.out / name / f"part-{job.part:05d}.parquet")
    return len(job.events)


def _run_event_jobs(jobs: list[_EventJob], scheduler: str | None, progress: bool) -> None:
    """Run the tasks: in this process for a few events, else in a Dask process pool."""
    n_events = sum(len(job.events) for job in jobs)
    if scheduler is None:
        scheduler = "processes" if n_events >= MIN_EVENTS_FOR_POOL else "synchronous"
    if scheduler == "synchronous":
        for job in jobs:
            _compute_job(job)
        return
    import dask

    tasks = [dask.delayed(_compute_job)(job) for job in jobs]
    if progress:
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            dask.compute(*tasks, scheduler=scheduler)
    else:
        dask.compute(*tasks, scheduler=scheduler)
