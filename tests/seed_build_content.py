"""Content hashes of every table of a seed build: what the refactoring of the package must leave unchanged.

`python tests/seed_build_content.py --write` builds the seed corpus and stores
one hash per table and column in `tests/data/seed_build_content.json`; the
test `test_seed_build.py` builds again and compares. Regenerate the file only
on purpose (an analysis whose output is meant to change), and say why in the
commit message.

A column's hash covers its values in row order, canonically written (floats to
12 significant digits, lists as JSON, missing values as one marker), so the
same content hashes the same whatever the Parquet encoding or dtype width.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_FILE = Path(__file__).resolve().parent / "data" / "seed_build_content.json"
# Tables of the build that are bookkeeping, not content: keys embed versions and fingerprints.
NOT_CONTENT = {"event_keys"}
# Columns whose value is where the build ran, not what it found.
NOT_CONTENT_COLUMNS = {("documents", "file")}


def _canonical(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return "\x00NA"
    if isinstance(value, (list, tuple, np.ndarray)):
        return json.dumps([_canonical(item) for item in value], ensure_ascii=False)
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.12g}"
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


def column_hash(values: pd.Series) -> str:
    """Return the hash of a column's values in row order."""
    digest = hashlib.sha256()
    for value in values.tolist():
        digest.update(_canonical(value).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:20]


def snapshot_tables(snapshot: Path) -> dict[str, pd.DataFrame]:
    """Return every table of a build snapshot by name (bucketed tables read whole, in document order)."""
    tables = {}
    for path in sorted(snapshot.iterdir()):
        name = path.name.removesuffix(".parquet")
        if name in NOT_CONTENT or not (path.suffix == ".parquet" or path.is_dir()):
            continue
        frame = pd.read_parquet(path)
        if path.is_dir():  # bucketed: one part per bucket; sort into a stable order
            keys = [c for c in ("doc_id", "sentence_id", "token_id") if c in frame.columns]
            frame = frame.sort_values(keys, kind="stable", ignore_index=True)
        tables[name] = frame
    return tables


def content(snapshot: Path) -> dict[str, dict]:
    """Return `{table: {"n_rows": n, "columns": {column: hash}}}` of a build snapshot."""
    found = {}
    for name, frame in snapshot_tables(snapshot).items():
        columns = {column: column_hash(frame[column]) for column in frame.columns
                   if (name, column) not in NOT_CONTENT_COLUMNS}
        found[name] = {"n_rows": len(frame), "columns": columns}
    return found


def build_seed(out: Path) -> Path:
    """Build the seed corpus into `out` and return the snapshot folder."""
    sys.path.insert(0, str(REPO_ROOT))
    import framing

    framing.build(REPO_ROOT / "corpus", out, progress=False)
    return Path(next(p for p in (Path(out) / "snapshots").iterdir() if p.is_dir()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {CONTENT_FILE.name} (on purpose only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        found = content(build_seed(Path(folder) / "build"))
    text = json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if args.write:
        CONTENT_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {CONTENT_FILE}")
    else:
        print(text)


if __name__ == "__main__":
    main()
