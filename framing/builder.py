"""Build every per-document table as Parquet, incrementally and atomically.

Layout of the output folder (default `build/`):

    build/CURRENT                     name of the complete snapshot to read
    build/snapshots/<build_id>/       one complete build
        manifest.json                 what was built from what, row counts
        documents.parquet outlets.parquet events.parquet
        cleaning.parquet problems.parquet readability.parquet
        sentences/part-NNNNN.parquet  split into buckets of documents
        tokens/part-NNNNN.parquet
        frames.parquet quotes.parquet …  the analyses, per event (`framing.event_tables`)
        event_keys.parquet            what each event's analyses were computed from

Each document carries three keys: `raw_hash` (its file's bytes),
`clean_key` (raw text + boilerplate rules) and `text_hash` (cleaned text,
title, language rules and pass version). A build reuses everything of a
document whose key is unchanged since the previous snapshot, so a second run
with nothing changed does no text processing, and changing one article
reprocesses that one article. The analyses run per event and are reused for
every event whose articles, outlets and lexicons are unchanged. A new snapshot is written beside the old one
and `CURRENT` is switched with an atomic rename only when it is complete: an
interrupted build leaves the previous results readable.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .buckets import bucket_of as _bucket
from .cleaning import CLEANING_COLUMNS, clean_documents, load_rules
from .corpus import Corpus, add_titles, read_documents
from .event_tables import ANALYSES_VERSION, event_ids, write_event_tables
from .lexicons import fingerprint, lexicon_files, lexicon_path
from .readability import readability_from_tokens
from .textpass import TEXTPASS_VERSION, TOKEN_COLUMNS, GermanRules, TypeAttributes, run_text_pass

SNAPSHOTS = "snapshots"
CURRENT = "CURRENT"
DOCS_PER_BUCKET = 1000
BUCKETED_TABLES = ("sentences", "tokens")
FLAT_TABLES = ("documents", "outlets", "events", "cleaning", "problems", "readability")


@dataclass
class BuildSummary:
    """What a build did: counts of documents by fate, rows per table, seconds, where it wrote."""

    out: Path
    snapshot: Path | None
    up_to_date: bool
    n_documents: int = 0
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_removed: int = 0
    n_cleaned: int = 0
    n_text_processed: int = 0
    n_problems: int = 0
    n_events: int = 0
    n_events_computed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def __str__(self) -> str:
        if self.up_to_date:
            return (f"Build is up to date: {self.n_documents} documents unchanged, nothing processed "
                    f"({self.seconds:.2f} s). Tables in {self.snapshot}")
        lines = [
            f"Built {self.n_documents} documents in {self.seconds:.2f} s: {self.n_new} new, "
            f"{self.n_changed} changed, {self.n_unchanged} unchanged, {self.n_removed} removed.",
            f"Cleaned {self.n_cleaned} and ran the text pass on {self.n_text_processed} documents; the rest was reused.",
            f"Analysed {self.n_events_computed} of {self.n_events} event(s); the others were unchanged.",
            "Rows: " + ", ".join(f"{name} {count:,}" for name, count in self.rows.items()) + ".",
        ]
        if self.n_problems:
            lines.append(f"{self.n_problems} problem(s) in the corpus files: see problems.parquet or the warnings above.")
        lines.append(f"Tables in {self.snapshot}")
        return "\n".join(lines)


def current_snapshot(out: str | Path = "build") -> Path | None:
    """Return the folder of the complete build that `out/CURRENT` names, or None if there is none."""
    out = Path(out)
    try:
        name = (out / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    snapshot = out / SNAPSHOTS / name
    return snapshot if (snapshot / "manifest.json").is_file() else None


def _bucket_count(n_documents: int) -> int:
    """Return the number of buckets: a power of two, about DOCS_PER_BUCKET documents each."""
    return 1 if n_documents <= DOCS_PER_BUCKET else 2 ** math.ceil(math.log2(n_documents / DOCS_PER_BUCKET))


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:24]


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write `frame` to `path` (the caller's folder is not yet visible to readers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd")


def _read_parquet(path: Path, doc_ids: list[str] | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    filters = [("doc_id", "in", doc_ids)] if doc_ids is not None else None
    return pq.read_table(path, filters=filters, columns=columns).to_pandas()


class _Previous:
    """The tables of the previous snapshot, read only as far as they are needed."""

    def __init__(self, snapshot: Path | None) -> None:
        self.snapshot = snapshot
        self.manifest = json.loads((snapshot / "manifest.json").read_text()) if snapshot else {}
        keys = ["doc_id", "raw_hash", "clean_key", "text_hash", "text"]  # not the raw texts: they are read anew
        self.documents = _read_parquet(snapshot / "documents.parquet", columns=keys) if snapshot else pd.DataFrame(columns=keys)
        self.by_doc = self.documents.set_index("doc_id") if len(self.documents) else None

    def table(self, name: str) -> pd.DataFrame | None:
        path = self.snapshot / f"{name}.parquet" if self.snapshot else None
        return _read_parquet(path) if path and path.is_file() else None

    def bucket_file(self, table: str, bucket: int) -> Path | None:
        if not self.snapshot:
            return None
        path = self.snapshot / table / f"part-{bucket:05d}.parquet"
        return path if path.is_file() else None


def _clean(documents: pd.DataFrame, previous: _Previous, rules_path: Path, progress: bool) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Fill `text` and `clean_key`, reusing the previous cleaning of unchanged raw texts.

    Returns the documents, the cleaning report and the number of documents cleaned now.
    """
    rules_fp = fingerprint(rules_path)
    documents["clean_key"] = [_key(raw_hash, rules_fp) for raw_hash in documents["raw_hash"]]
    old = previous.by_doc
    reusable = documents["doc_id"].map(old["clean_key"]).eq(documents["clean_key"]) if old is not None else pd.Series(False, index=documents.index)
    texts = documents["doc_id"].map(old["text"]) if old is not None else pd.Series(None, index=documents.index, dtype=object)
    report_parts: list[pd.DataFrame] = []
    old_cleaning = previous.table("cleaning")
    if old_cleaning is not None and reusable.any():
        report_parts.append(old_cleaning[old_cleaning["doc_id"].isin(set(documents.loc[reusable, "doc_id"]))])
    todo = documents.index[~reusable]
    for chunk_texts, chunk_report in _run_cleaning(documents.loc[todo, ["doc_id", "raw_text"]], rules_path, progress):
        texts.loc[chunk_texts.index] = chunk_texts
        report_parts.append(chunk_report)
    documents["text"] = texts.astype(str)
    cleaning = pd.concat([p for p in report_parts if len(p)] or [pd.DataFrame(columns=CLEANING_COLUMNS)], ignore_index=True)
    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    cleaning = cleaning.sort_values(["doc_id", "line_no"], key=lambda c: c.map(order) if c.name == "doc_id" else c, kind="stable")
    return documents, cleaning.astype({"line_no": "int64"}).reset_index(drop=True), len(todo)


CLEANING_CHUNK = 2000


def _clean_chunk(chunk: pd.DataFrame, rules_path: Path) -> tuple[pd.Series, pd.DataFrame]:
    """Clean the raw texts of `chunk` (a picklable task for a worker process)."""
    return clean_documents(chunk, load_rules(rules_path))


def _run_cleaning(todo: pd.DataFrame, rules_path: Path, progress: bool) -> list[tuple[pd.Series, pd.DataFrame]]:
    """Clean `todo` in chunks: in this process, or through Dask processes when there are several chunks."""
    chunks = [todo.iloc[i : i + CLEANING_CHUNK] for i in range(0, len(todo), CLEANING_CHUNK)]
    if len(chunks) <= 1 or (os.cpu_count() or 1) == 1:
        return [_clean_chunk(chunk, rules_path) for chunk in chunks]
    import dask

    tasks = [dask.delayed(_clean_chunk)(chunk, rules_path) for chunk in chunks]
    if progress:
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            return list(dask.compute(*tasks, scheduler="processes"))
    return list(dask.compute(*tasks, scheduler="processes"))


def build(corpus: str | Path = "corpus", out: str | Path = "build", *, progress: bool = True,
          scheduler: str | None = None) -> BuildSummary:
    """Build the Parquet tables of a corpus folder into `out`, reusing what is unchanged.

    Args:
        corpus: the corpus folder (articles/, articles.csv, outlets.csv, lexicons/).
        out: the output folder; it gets `CURRENT` and `snapshots/`.
        progress: show progress bars (on stderr) for long runs.
        scheduler: the Dask scheduler that processes the buckets of documents:
            "synchronous" (in this process) or "processes" (a process pool,
            one per core; the default when more than one bucket needs text
            processing).

    Returns:
        A `BuildSummary`; `str()` of it is the summary printed by the command line.
    """
    started = time.perf_counter()
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    previous = _Previous(current_snapshot(out))

    documents, outlets, events, problems = read_documents(corpus)
    boilerplate_path = lexicon_path("boilerplate", corpus)
    rules = GermanRules.from_lexicons(corpus)
    inputs = _input_fingerprint(corpus, documents, boilerplate_path, rules)
    if previous.manifest.get("inputs") == inputs:
        return BuildSummary(out=out, snapshot=previous.snapshot, up_to_date=True, n_documents=len(documents),
                            n_unchanged=len(documents), n_problems=len(problems), seconds=time.perf_counter() - started)

    documents, cleaning, n_cleaned = _clean(documents, previous, boilerplate_path, progress)
    documents = add_titles(documents)
    documents["text_hash"] = [
        _key(TEXTPASS_VERSION, rules.fingerprint, str(title), str(source), text)
        for title, source, text in zip(documents["title"], documents["title_source"], documents["text"])
    ]
    old_hash = documents["doc_id"].map(previous.by_doc["text_hash"]) if previous.by_doc is not None else pd.Series(None, index=documents.index)
    reuse_text = old_hash.eq(documents["text_hash"])
    old_ids = set(previous.documents["doc_id"])

    build_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    staging = out / SNAPSHOTS / f".tmp-{build_id}"
    staging.mkdir(parents=True)
    try:
        rows, readability, n_processed = _write_text_tables(documents, reuse_text, previous, rules, staging, progress, scheduler)
        tables = {
            "documents": documents, "outlets": outlets, "events": events,
            "cleaning": cleaning, "problems": problems, "readability": readability,
        }
        for name, frame in tables.items():
            _write_parquet(frame, staging / f"{name}.parquet")
            rows[name] = len(frame)
        built = Corpus(path=corpus, documents=documents, outlets=outlets, events=events, cleaning=cleaning,
                       problems=problems, _cache={"snapshot": staging, "rules": rules})
        event_rows = write_event_tables(built, previous.snapshot, staging, n_buckets=_bucket_count(len(documents)),
                                        scheduler=scheduler, progress=progress)
        n_events_computed = event_rows.pop("n_events_computed")
        rows.update(event_rows)
        summary = BuildSummary(
            out=out, snapshot=out / SNAPSHOTS / build_id, up_to_date=False,
            n_documents=len(documents),
            n_new=int((~documents["doc_id"].isin(old_ids)).sum()),
            n_changed=int((documents["doc_id"].isin(old_ids) & ~reuse_text).sum()),
            n_unchanged=int(reuse_text.sum()),
            n_removed=len(old_ids - set(documents["doc_id"])),
            n_cleaned=n_cleaned, n_text_processed=n_processed, n_problems=len(problems),
            n_events=int(event_ids(documents).nunique()), n_events_computed=n_events_computed,
            rows={name: rows[name] for name in ("documents", "sentences", "tokens", "cleaning", "problems")},
        )
        manifest = {
            "build_id": build_id, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "framing_version": __version__, "textpass_version": TEXTPASS_VERSION,
            "corpus": str(corpus.resolve()), "inputs": inputs, "n_buckets": _bucket_count(len(documents)),
            "rows": rows, "summary": {k: getattr(summary, k) for k in ("n_new", "n_changed", "n_unchanged", "n_removed", "n_cleaned", "n_text_processed", "n_events", "n_events_computed")},
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(staging, summary.snapshot)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _switch_current(out, build_id)
    _remove_old_snapshots(out, keep={build_id, previous.snapshot.name if previous.snapshot else ""})
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass
class _BucketJob:
    """Everything needed to write one bucket of the sentences and tokens tables (picklable)."""

    bucket: int
    staging: Path
    members: pd.DataFrame  # doc_id, outlet_id, text, title, title_source of the bucket's documents
    reuse: list[bool]  # per member: reuse the previous snapshot's rows
    previous_files: dict[str, list[Path]]  # per table: the previous files that hold the reused documents
    link: bool  # the bucket is unchanged: hard-link the previous files
    rules: GermanRules

    @property
    def n_todo(self) -> int:
        return 0 if self.link else len(self.reuse) - sum(self.reuse)


@dataclass
class _BucketResult:
    rows: dict[str, int]
    n_processed: int
    readability: pd.DataFrame | None  # of the documents processed now


_TYPE_CACHES: dict[str, TypeAttributes] = {}


def _types_for(rules: GermanRules) -> TypeAttributes:
    """Return this process's per-type cache for `rules` (shared by all buckets a worker builds)."""
    if rules.fingerprint not in _TYPE_CACHES:
        _TYPE_CACHES[rules.fingerprint] = TypeAttributes(rules)
    return _TYPE_CACHES[rules.fingerprint]


def _build_bucket(job: _BucketJob) -> _BucketResult:
    """Write one bucket's sentences and tokens into the staging snapshot; return its row counts."""
    rows = {}
    if job.link:
        for table in BUCKETED_TABLES:
            target = job.staging / table / f"part-{job.bucket:05d}.parquet"
            _link_or_copy(job.previous_files[table][0], target)
            rows[table] = pq.ParquetFile(target).metadata.num_rows
        return _BucketResult(rows=rows, n_processed=0, readability=None)
    reuse = pd.Series(job.reuse, index=job.members.index)
    reused_ids = list(job.members.loc[reuse, "doc_id"])
    todo = job.members[~reuse]
    parts: dict[str, list[pd.DataFrame]] = {table: [] for table in BUCKETED_TABLES}
    if reused_ids:
        for table in BUCKETED_TABLES:
            parts[table] += [_read_parquet(path, reused_ids) for path in job.previous_files[table]]
    readability = None
    if len(todo):
        result = run_text_pass(todo, job.rules, _types_for(job.rules))
        parts["sentences"].append(result.sentences)
        parts["tokens"].append(result.tokens)
        readability = readability_from_tokens(result.tokens, todo)
    order = {doc_id: i for i, doc_id in enumerate(job.members["doc_id"])}
    for table in BUCKETED_TABLES:
        keys = ["doc_id", "sentence_id"] + (["token_id"] if table == "tokens" else [])
        frame = pd.concat(parts[table], ignore_index=True).sort_values(
            keys, key=lambda column: column.map(order) if column.name == "doc_id" else column, kind="stable")
        _write_parquet(frame, job.staging / table / f"part-{job.bucket:05d}.parquet")
        rows[table] = len(frame)
    return _BucketResult(rows=rows, n_processed=len(todo), readability=readability)


def _bucket_jobs(documents, reuse_text, previous: _Previous, rules: GermanRules, staging: Path) -> list[_BucketJob]:
    """Return one job per non-empty bucket, saying what to reuse from the previous snapshot."""
    n_buckets = _bucket_count(len(documents))
    same_layout = previous.manifest.get("n_buckets") == n_buckets
    buckets = pd.Series([_bucket(d, n_buckets) for d in documents["doc_id"]], index=documents.index)
    previous_members: dict[int, set[str]] = {}
    if same_layout:
        for doc_id in previous.documents["doc_id"]:
            previous_members.setdefault(_bucket(doc_id, n_buckets), set()).add(doc_id)
    every_previous_file = {
        table: sorted((previous.snapshot / table).glob("part-*.parquet")) if previous.snapshot else []
        for table in BUCKETED_TABLES
    }
    columns = ["doc_id", "outlet_id", "text", "title", "title_source"]
    jobs = []
    for bucket, members in documents.groupby(buckets, sort=True):
        reuse = reuse_text[members.index]
        if same_layout:
            files = {table: [f for f in [previous.bucket_file(table, bucket)] if f] for table in BUCKETED_TABLES}
        else:
            files = every_previous_file
        link = (same_layout and bool(reuse.all()) and previous_members.get(bucket, set()) == set(members["doc_id"])
                and all(files[table] for table in BUCKETED_TABLES))
        jobs.append(_BucketJob(bucket=int(bucket), staging=staging, members=members[columns], reuse=list(reuse),
                               previous_files=files, link=link, rules=rules))
    return jobs


def _run_jobs(jobs: list[_BucketJob], scheduler: str | None, progress: bool) -> list[_BucketResult]:
    """Run the bucket jobs: in this process, or in parallel through a Dask scheduler."""
    if scheduler is None:
        busy = sum(1 for job in jobs if job.n_todo)
        scheduler = "processes" if busy > 1 and (os.cpu_count() or 1) > 1 else "synchronous"
    if scheduler == "synchronous":
        bar = _progress_bar(sum(job.n_todo for job in jobs), progress)
        results = []
        for job in jobs:
            results.append(_build_bucket(job))
            if bar is not None:
                bar.update(results[-1].n_processed)
        if bar is not None:
            bar.close()
        return results
    import dask

    tasks = [dask.delayed(_build_bucket)(job) for job in jobs]
    if progress and scheduler in ("processes", "threads"):
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            return list(dask.compute(*tasks, scheduler=scheduler))
    return list(dask.compute(*tasks, scheduler=scheduler))


def _write_text_tables(documents, reuse_text, previous: _Previous, rules: GermanRules, staging: Path,
                       progress: bool, scheduler: str | None = None):
    """Write the bucketed sentences and tokens tables; return row counts, readability and docs processed."""
    for table in BUCKETED_TABLES:
        (staging / table).mkdir(parents=True, exist_ok=True)
    results = _run_jobs(_bucket_jobs(documents, reuse_text, previous, rules, staging), scheduler, progress)
    rows = {table: sum(result.rows[table] for result in results) for table in BUCKETED_TABLES}
    fresh = [result.readability for result in results if result.readability is not None]
    old = previous.table("readability")
    reused_ids = set(documents.loc[reuse_text, "doc_id"])
    parts = fresh + ([old[old["doc_id"].isin(reused_ids)]] if old is not None and reused_ids else [])
    if parts:
        readability = documents[["doc_id", "outlet_id"]].merge(
            pd.concat(parts, ignore_index=True).drop(columns="outlet_id"), on="doc_id", how="left")
    else:
        readability = readability_from_tokens(pd.DataFrame(columns=TOKEN_COLUMNS), documents)
    return rows, readability, sum(result.n_processed for result in results)


def _progress_bar(total: int, enabled: bool):
    if not enabled or total < 50:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="text pass", unit="doc", file=sys.stderr)


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link an unchanged file into the new snapshot (snapshots never modify files), else copy it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _input_fingerprint(corpus: Path, documents: pd.DataFrame, boilerplate: Path, rules: GermanRules) -> str:
    """Return a hash of everything a build reads: article bytes, metadata files, lexicons, versions."""
    lexicons = fingerprint(*lexicon_files(corpus))
    digest = hashlib.sha256(f"{__version__}\0{TEXTPASS_VERSION}\0{ANALYSES_VERSION}\0{rules.fingerprint}\0{fingerprint(boilerplate)}\0{lexicons}".encode())
    for name in ("articles.csv", "outlets.csv", "events.csv"):
        path = corpus / name
        digest.update(name.encode() + (path.read_bytes() if path.is_file() else b"<missing>"))
    for doc_id, raw_hash in zip(documents["doc_id"], documents["raw_hash"]):
        digest.update(f"{doc_id}\0{raw_hash}\n".encode())
    return digest.hexdigest()


def _switch_current(out: Path, build_id: str) -> None:
    """Point `CURRENT` at the new snapshot with one atomic rename."""
    temporary = out / f".{CURRENT}.{os.getpid()}"
    temporary.write_text(build_id + "\n", encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, out / CURRENT)


def _remove_old_snapshots(out: Path, keep: set[str]) -> None:
    for snapshot in (out / SNAPSHOTS).iterdir():
        if snapshot.name not in keep and not snapshot.name.startswith(".tmp-"):
            shutil.rmtree(snapshot, ignore_errors=True)


def _remove_stale_temporaries(out: Path) -> None:
    """Delete what an interrupted build left behind (never a complete snapshot)."""
    snapshots = out / SNAPSHOTS
    if snapshots.is_dir():
        for leftover in snapshots.glob(".tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.glob(f".{CURRENT}.*"):
        leftover.unlink(missing_ok=True)


def open_build(out: str | Path = "build") -> Corpus:
    """Return the corpus of the current build, with its text-pass tables read from Parquet on demand.

    Raises:
        FileNotFoundError: when `out` holds no complete build (run `python -m framing build`).
    """
    snapshot = current_snapshot(out)
    if snapshot is None:
        raise FileNotFoundError(f"no complete build in {out}: run `python -m framing build --out {out}` first")
    manifest = json.loads((snapshot / "manifest.json").read_text())
    read = {name: _read_parquet(snapshot / f"{name}.parquet") for name in FLAT_TABLES}
    corpus = Corpus(path=Path(manifest["corpus"]), documents=read["documents"], outlets=read["outlets"],
                    events=read["events"], cleaning=read["cleaning"], problems=read["problems"])
    corpus._cache["snapshot"] = snapshot
    corpus._cache["readability"] = read["readability"]
    return corpus


def read_table(name: str, out: str | Path = "build") -> pd.DataFrame:
    """Return one table of the current build (bucketed tables are read whole)."""
    snapshot = current_snapshot(out)
    if snapshot is None:
        raise FileNotFoundError(f"no complete build in {out}: run `python -m framing build --out {out}` first")
    path = snapshot / name if name in BUCKETED_TABLES else snapshot / f"{name}.parquet"
    return pq.read_table(path).to_pandas()
