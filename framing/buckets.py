"""Where a document's rows live in the bucketed tables of a build (sentences, tokens), and reading them back.

A bucketed table is a folder of `part-NNNNN.parquet` files; a document's rows
are all in the file of its bucket, `bucket_of(doc_id, n_buckets)` (a CRC-32 of
the id, so the same document stays in the same bucket from build to build).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


def bucket_of(doc_id: str, n_buckets: int) -> int:
    """Return the bucket that holds a document's rows."""
    return zlib.crc32(doc_id.encode("utf-8")) % n_buckets


def read_bucketed_rows(folder: Path, doc_ids: list[str], n_buckets: int) -> pd.DataFrame:
    """Return the rows of some documents from a bucketed table, reading only their buckets.

    Args:
        folder: the table's folder (`<snapshot>/sentences` or `<snapshot>/tokens`).
        doc_ids: the documents, in the order the rows should come in.
        n_buckets: the build's number of buckets (its manifest's `n_buckets`).

    Returns:
        The rows, in the order of `doc_ids`, then by sentence (and token).
    """
    buckets = sorted({bucket_of(doc_id, n_buckets) for doc_id in doc_ids})
    files = [folder / f"part-{bucket:05d}.parquet" for bucket in buckets]
    parts = [pq.read_table(file, filters=[("doc_id", "in", doc_ids)]).to_pandas() for file in files if file.is_file()]
    if not parts:
        return pq.read_schema(next(folder.glob("*.parquet"))).empty_table().to_pandas()
    frame = pd.concat(parts, ignore_index=True)
    order = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    sort_keys = ["_order", "sentence_id"] + (["token_id"] if "token_id" in frame.columns else [])
    return (frame.assign(_order=frame["doc_id"].map(order)).sort_values(sort_keys, kind="stable")
            .drop(columns="_order").reset_index(drop=True))
