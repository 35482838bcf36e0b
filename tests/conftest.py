"""Shared fixtures: the seed corpus, and a factory for small (possibly broken) corpora.

`make_corpus` writes a corpus folder under pytest's `tmp_path` from plain
Python values, so a test states its whole input in a few lines:

    path = make_corpus(
        {"a": "Titel\\nEin Satz.\\n"},                      # articles/a.txt (str: UTF-8, bytes: as is)
        metadata=[{"doc_id": "a", "outlet_id": "o1"}],     # articles.csv (list of dicts, raw str, or None)
        outlets=[{"outlet_id": "o1", "name": "Eins"}],     # outlets.csv (list of dicts, raw str, or None)
    )
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(REPO_ROOT))

import framing  # noqa: E402

SEED_CORPUS_DIR = REPO_ROOT / "corpus"

# Marks "write the default file" for make_corpus (None means "write no file").
DEFAULT = object()

DEFAULT_OUTLETS = [
    {"outlet_id": "o1", "name": "Outlet Eins", "country": "DE", "ownership": "private"},
]


def _csv_text(rows: list[dict]) -> str:
    """Return CSV text with a header made of the keys of `rows`, in first-seen order."""
    header = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _write_table(path: Path, table) -> None:
    if table is None:
        return
    text = table if isinstance(table, str) else _csv_text(table)
    path.write_bytes(text.encode("utf-8"))


@pytest.fixture(scope="session")
def seed_corpus_dir() -> Path:
    """Return the project's seed corpus folder (read-only: never write under it)."""
    return SEED_CORPUS_DIR


@pytest.fixture(scope="session")
def seed_corpus(seed_corpus_dir):
    """Return the seed corpus, loaded once for the whole test session."""
    return framing.load_corpus(seed_corpus_dir)


@pytest.fixture
def make_corpus(tmp_path):
    """Return a function that writes a small corpus folder and returns its path.

    Args of the returned function:
        articles: doc_id -> text of articles/<doc_id>.txt (str is written as
            UTF-8 without newline translation; bytes are written as given).
        metadata: articles.csv as a list of dicts (header = their keys), as raw
            CSV text, or None for no file. Default: one row per article with
            outlet_id "o1".
        outlets: outlets.csv in the same forms. Default: one outlet "o1".
        folder: name of the corpus folder under tmp_path (to build several).
    """

    def make(articles: dict[str, str | bytes], metadata=DEFAULT, outlets=DEFAULT, *, folder: str = "corpus") -> Path:
        path = tmp_path / folder
        (path / "articles").mkdir(parents=True)
        for doc_id, text in articles.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (path / "articles" / f"{doc_id}.txt").write_bytes(data)
        if metadata is DEFAULT:
            metadata = [{"doc_id": doc_id, "outlet_id": "o1"} for doc_id in articles]
        if outlets is DEFAULT:
            outlets = DEFAULT_OUTLETS
        _write_table(path / "articles.csv", metadata)
        _write_table(path / "outlets.csv", outlets)
        return path

    return make


@pytest.fixture(scope="session")
def news_corpus():
    """The module bench/news_corpus.py, or skip when the shared news data (10kGNAD) is absent."""
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        import news_corpus as module
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))
    if module.data_path() is None:
        pytest.skip(f"unseen-corpus check: the shared news data is absent ({module.DEFAULT_DATA})")
    return module


@pytest.fixture(scope="session")
def unseen_corpus_dir(news_corpus, tmp_path_factory) -> Path:
    """A corpus folder of 200 derStandard articles: other outlets than the seed corpus, no quote marks."""
    return news_corpus.write_corpus(tmp_path_factory.mktemp("unseen") / "corpus", 200)
