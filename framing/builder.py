"""Build every per-document table as Parquet, incrementally and atomically.

Layout of the output folder (default `build/`):

    build/CURRENT                     name of the complete snapshot to read
    build/snapshots/<build_id>/       one complete build
        manifest.json                 what was built from what, row counts
        documents.parquet outlets.parquet events.parquet
        cleaning.parquet problems.parquet readability.parquet
        sentences/part-NNNNN.parquet  split into buckets of documents
        tokens/part-NNNNN.parquet

Each document carries three keys: `raw_hash` (its file's bytes),
`clean_key` (raw text + boilerplate rules) and `text_hash` (cleaned text,
title, language rules and pass version). A build reuses everything of a
document whose key is unchanged since the previous snapshot, so a second run
with nothing changed does no text processing, and changing one article
reprocesses that one article. A new snapshot is written beside the old one
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
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .cleaning import CLEANING_COLUMNS, clean_text, load_rules
from .corpus import Corpus, _add_titles, read_documents
from .lexicons import fingerprint, lexicon_path
from .readability import readability_from_tokens
from .textpass import TEXTPASS_VERSION, GermanRules, TypeAttributes, run_text_pass

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


def _bucket(doc_id: str, n_buckets: int) -> int:
    return zlib.crc32(doc_id.encode("utf-8")) % n_buckets


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:24]


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write `frame` to `path` (the caller's folder is not yet visible to readers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd")


def _read_parquet(path: Path, doc_ids: list[str] | None = None) -> pd.DataFrame:
    filters = [("doc_id", "in", doc_ids)] if doc_ids is not None else None
    return pq.read_table(path, filters=filters).to_pandas()


class _Previous:
    """The tables of the previous snapshot, read only as far as they are needed."""

    def __init__(self, snapshot: Path | None) -> None:
        self.snapshot = snapshot
        self.manifest = json.loads((snapshot / "manifest.json").read_text()) if snapshot else {}
        self.documents = _read_parquet(snapshot / "documents.parquet") if snapshot else pd.DataFrame(
            columns=["doc_id", "raw_hash", "clean_key", "text_hash", "text"])
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
    rules = load_rules(rules_path) if len(todo) else []
    fresh = []
    for index in _progress(todo, "cleaning", progress):
        text, dropped = clean_text(documents.at[index, "raw_text"], rules)
        texts.at[index] = text
        fresh.extend((documents.at[index, "doc_id"], *entry) for entry in dropped)
    report_parts.append(pd.DataFrame(fresh, columns=CLEANING_COLUMNS))
    documents["text"] = texts.astype(str)
    cleaning = pd.concat([p for p in report_parts if len(p)] or [report_parts[-1]], ignore_index=True)
    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    cleaning = cleaning.sort_values(["doc_id", "line_no"], key=lambda c: c.map(order) if c.name == "doc_id" else c, kind="stable")
    return documents, cleaning.astype({"line_no": "int64"}).reset_index(drop=True), len(todo)


def _progress(items, label: str, enabled: bool):
    if not enabled or len(items) < 50:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=label, unit="doc", file=sys.stderr)


def build(corpus: str | Path = "corpus", out: str | Path = "build", *, progress: bool = True) -> BuildSummary:
    """Build the Parquet tables of a corpus folder into `out`, reusing what is unchanged.

    Args:
        corpus: the corpus folder (articles/, articles.csv, outlets.csv, lexicons/).
        out: the output folder; it gets `CURRENT` and `snapshots/`.
        progress: show progress bars (on stderr) for long runs.

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
    documents = _add_titles(documents)
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
        rows, readability, n_processed = _write_text_tables(documents, reuse_text, previous, rules, staging, progress)
        tables = {
            "documents": documents, "outlets": outlets, "events": events,
            "cleaning": cleaning, "problems": problems, "readability": readability,
        }
        for name, frame in tables.items():
            _write_parquet(frame, staging / f"{name}.parquet")
            rows[name] = len(frame)
        summary = BuildSummary(
            out=out, snapshot=out / SNAPSHOTS / build_id, up_to_date=False,
            n_documents=len(documents),
            n_new=int((~documents["doc_id"].isin(old_ids)).sum()),
            n_changed=int((documents["doc_id"].isin(old_ids) & ~reuse_text).sum()),
            n_unchanged=int(reuse_text.sum()),
            n_removed=len(old_ids - set(documents["doc_id"])),
            n_cleaned=n_cleaned, n_text_processed=n_processed, n_problems=len(problems),
            rows={name: rows[name] for name in ("documents", "sentences", "tokens", "cleaning", "problems")},
        )
        manifest = {
            "build_id": build_id, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "framing_version": __version__, "textpass_version": TEXTPASS_VERSION,
            "corpus": str(corpus.resolve()), "inputs": inputs, "n_buckets": _bucket_count(len(documents)),
            "rows": rows, "summary": {k: getattr(summary, k) for k in ("n_new", "n_changed", "n_unchanged", "n_removed", "n_cleaned", "n_text_processed")},
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


def _write_text_tables(documents, reuse_text, previous: _Previous, rules: GermanRules, staging: Path, progress: bool):
    """Write the bucketed sentences and tokens tables; return row counts, readability and docs processed."""
    n_buckets = _bucket_count(len(documents))
    same_layout = previous.manifest.get("n_buckets") == n_buckets
    buckets = pd.Series([_bucket(d, n_buckets) for d in documents["doc_id"]], index=documents.index)
    prev_docs = previous.documents.set_index("doc_id")["text_hash"] if len(previous.documents) else pd.Series(dtype=object)
    prev_buckets = pd.Series([_bucket(d, previous.manifest["n_buckets"]) for d in prev_docs.index], index=prev_docs.index) if same_layout else None
    old_readability = previous.table("readability")
    types = TypeAttributes(rules)
    rows = {"sentences": 0, "tokens": 0}
    readability_parts = []
    n_processed = 0
    bar = _progress_bar(int((~reuse_text).sum()), progress)
    for bucket in range(n_buckets):
        members = documents[buckets == bucket]
        if members.empty:
            continue
        reused = members[reuse_text[members.index]]
        todo = members[~reuse_text[members.index]]
        unchanged_bucket = same_layout and todo.empty and set(prev_buckets[prev_buckets == bucket].index) == set(members["doc_id"])
        for table in BUCKETED_TABLES:
            target = staging / table / f"part-{bucket:05d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            source = previous.bucket_file(table, bucket)
            if unchanged_bucket and source is not None:
                _link_or_copy(source, target)
                rows[table] += pq.ParquetFile(target).metadata.num_rows
        if unchanged_bucket and all(previous.bucket_file(t, bucket) for t in BUCKETED_TABLES):
            readability_parts.append(old_readability[old_readability["doc_id"].isin(set(members["doc_id"]))])
            continue
        parts = {table: [] for table in BUCKETED_TABLES}
        if len(reused):
            for table in BUCKETED_TABLES:
                parts[table].append(_reuse_rows(previous, table, list(reused["doc_id"]), same_layout, bucket, prev_buckets))
            readability_parts.append(old_readability[old_readability["doc_id"].isin(set(reused["doc_id"]))])
        if len(todo):
            result = run_text_pass(todo, rules, types)
            parts["sentences"].append(result.sentences)
            parts["tokens"].append(result.tokens)
            readability_parts.append(readability_from_tokens(result.tokens, todo))
            n_processed += len(todo)
            if bar is not None:
                bar.update(len(todo))
        order = {doc_id: i for i, doc_id in enumerate(members["doc_id"])}
        for table in BUCKETED_TABLES:
            frame = pd.concat(parts[table], ignore_index=True)
            frame = frame.sort_values(["doc_id", "sentence_id"] + (["token_id"] if table == "tokens" else []),
                                      key=lambda c: c.map(order) if c.name == "doc_id" else c, kind="stable")
            _write_parquet(frame, staging / table / f"part-{bucket:05d}.parquet")
            rows[table] += len(frame)
    if bar is not None:
        bar.close()
    readability = pd.concat(readability_parts, ignore_index=True) if readability_parts else readability_from_tokens(
        pd.DataFrame(columns=["doc_id", "sentence_id", "text", "is_word", "n_syllables"]), documents)
    readability = documents[["doc_id", "outlet_id"]].merge(readability.drop(columns="outlet_id"), on="doc_id", how="left")
    return rows, readability, n_processed


def _reuse_rows(previous: _Previous, table: str, doc_ids: list[str], same_layout: bool, bucket: int, prev_buckets) -> pd.DataFrame:
    """Return the previous snapshot's rows of `table` for `doc_ids`."""
    if same_layout:
        files = [previous.bucket_file(table, bucket)]
    else:
        files = [previous.snapshot / table / name for name in sorted(os.listdir(previous.snapshot / table))]
    return pd.concat([_read_parquet(f, doc_ids) for f in files if f is not None], ignore_index=True)


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
    digest = hashlib.sha256(f"{__version__}\0{TEXTPASS_VERSION}\0{rules.fingerprint}\0{fingerprint(boilerplate)}".encode())
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
