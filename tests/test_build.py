"""The incremental, atomic Parquet build and the command line that runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import builder as build_module
from framing.builder import build, current_snapshot, open_build, read_table

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the seed corpus (articles and metadata; lexicons fall back to the shipped ones)."""
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns("lexicons"))
    return target


@pytest.fixture
def count_text_pass(monkeypatch) -> list[int]:
    """Record how many documents each call of the text pass processes."""
    calls: list[int] = []
    original = build_module.run_text_pass

    def counting(documents, rules, types=None):
        calls.append(len(documents))
        return original(documents, rules, types)

    monkeypatch.setattr(build_module, "run_text_pass", counting)
    return calls


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    names = ["documents", "cleaning", "readability", "sentences", "tokens"]
    return {name: read_table(name, out) for name in names}


def _assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    for name in left:
        drop = [c for c in ("raw_hash", "clean_key", "text_hash", "file") if c in left[name]]
        pd.testing.assert_frame_equal(
            left[name].drop(columns=drop).reset_index(drop=True),
            right[name].drop(columns=drop).reset_index(drop=True),
            check_dtype=False, obj=name,
        )


def test_first_build_writes_every_table_as_parquet(corpus_copy, tmp_path):
    out = tmp_path / "build"
    summary = build(corpus_copy, out, progress=False)
    snapshot = current_snapshot(out)
    assert snapshot == summary.snapshot
    for name in ("documents", "outlets", "events", "cleaning", "problems", "readability"):
        assert (snapshot / f"{name}.parquet").is_file(), name
    assert list((snapshot / "tokens").glob("part-*.parquet"))
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert manifest["rows"]["documents"] == 5
    assert summary.n_new == 5 and summary.n_text_processed == 5


def test_built_tables_equal_the_in_memory_analysis(corpus_copy, tmp_path):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    corpus = framing.load_corpus(corpus_copy)
    pd.testing.assert_frame_equal(read_table("tokens", out), framing.tokens(corpus), check_dtype=False)
    pd.testing.assert_frame_equal(read_table("sentences", out), framing.sentences(corpus), check_dtype=False)
    pd.testing.assert_frame_equal(read_table("readability", out), framing.readability(corpus), check_dtype=False)


def test_rebuild_with_nothing_changed_does_no_text_processing(corpus_copy, tmp_path, count_text_pass):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    first_snapshot = current_snapshot(out)
    count_text_pass.clear()
    summary = build(corpus_copy, out, progress=False)
    assert summary.up_to_date
    assert count_text_pass == []
    assert current_snapshot(out) == first_snapshot


def test_changing_one_article_reprocesses_only_that_article(corpus_copy, tmp_path, count_text_pass):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    article = corpus_copy / "articles" / "002_0ff142102c34d304.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("Moskau hat solche", "Der Kreml hat solche"), encoding="utf-8")
    count_text_pass.clear()
    summary = build(corpus_copy, out, progress=False)
    assert count_text_pass == [1]
    assert (summary.n_changed, summary.n_unchanged, summary.n_cleaned) == (1, 4, 1)
    tokens = read_table("tokens", out)
    assert "Kreml" in set(tokens.loc[tokens["doc_id"] == "002_0ff142102c34d304", "text"])


def test_incremental_result_equals_a_build_from_scratch(corpus_copy, tmp_path):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    article = corpus_copy / "articles" / "004_c8f623122158d84d.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nEin zusätzlicher Satz am Ende.\n", encoding="utf-8")
    (corpus_copy / "articles" / "000_7a732e72aede7217.txt").unlink()  # removed article: reported, dropped
    with pytest.warns(framing.CorpusWarning, match="000_7a732e72aede7217.txt does not exist"):
        build(corpus_copy, out, progress=False)
    fresh = tmp_path / "fresh"
    with pytest.warns(framing.CorpusWarning):
        build(corpus_copy, fresh, progress=False)
    _assert_same_tables(_tables(out), _tables(fresh))


def test_metadata_change_updates_titles_without_cleaning_again(corpus_copy, tmp_path, count_text_pass):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    articles = (corpus_copy / "articles.csv").read_text(encoding="utf-8")
    (corpus_copy / "articles.csv").write_text(articles.replace(",nau,", ",nau_ch,").replace("\nnau,", "\nnau_ch,"), encoding="utf-8")
    outlets = (corpus_copy / "outlets.csv").read_text(encoding="utf-8")
    (corpus_copy / "outlets.csv").write_text(outlets.replace("\nnau,", "\nnau_ch,"), encoding="utf-8")
    count_text_pass.clear()
    summary = build(corpus_copy, out, progress=False)
    assert summary.n_cleaned == 0 and count_text_pass == []
    documents = read_table("documents", out)
    assert documents.loc[documents["doc_id"] == "000_7a732e72aede7217", "outlet_id"].item() == "nau_ch"
    readability = read_table("readability", out)
    assert readability.loc[readability["doc_id"] == "000_7a732e72aede7217", "outlet_id"].item() == "nau_ch"


def test_many_buckets_reuse_unchanged_buckets(corpus_copy, tmp_path, monkeypatch, count_text_pass):
    monkeypatch.setattr(build_module, "DOCS_PER_BUCKET", 1)  # 5 documents -> 8 buckets
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    snapshot = current_snapshot(out)
    parts = sorted(p.name for p in (snapshot / "tokens").glob("*.parquet"))
    assert len(parts) > 1
    article = corpus_copy / "articles" / "001_995ea68080aadec1.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    count_text_pass.clear()
    build(corpus_copy, out, progress=False)
    assert count_text_pass == [1]
    fresh = tmp_path / "fresh"
    build(corpus_copy, fresh, progress=False)
    _assert_same_tables(_tables(out), _tables(fresh))


def test_interrupted_build_leaves_previous_results_readable(corpus_copy, tmp_path, monkeypatch):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    before = _tables(out)
    before_snapshot = current_snapshot(out)

    writes = {"n": 0}
    original = build_module._write_parquet

    def failing_write(frame, path):
        writes["n"] += 1
        if writes["n"] == 3:
            raise KeyboardInterrupt("simulated interruption")
        original(frame, path)

    monkeypatch.setattr(build_module, "_write_parquet", failing_write)
    article = corpus_copy / "articles" / "003_3ab60e70d12de889.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nGeändert.\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build(corpus_copy, out, progress=False)
    assert current_snapshot(out) == before_snapshot
    _assert_same_tables(before, _tables(out))
    assert not list((out / "snapshots").glob(".tmp-*"))

    monkeypatch.setattr(build_module, "_write_parquet", original)
    summary = build(corpus_copy, out, progress=False)
    assert summary.n_changed == 1


def test_leftovers_of_a_killed_build_are_removed_and_ignored(corpus_copy, tmp_path):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    leftover = out / "snapshots" / ".tmp-20000101T000000000000Z"
    (leftover / "tokens").mkdir(parents=True)
    (leftover / "tokens" / "part-00000.parquet").write_bytes(b"half a file")
    assert current_snapshot(out).name != leftover.name
    article = corpus_copy / "articles" / "003_3ab60e70d12de889.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nGeändert.\n", encoding="utf-8")
    build(corpus_copy, out, progress=False)
    assert not leftover.exists()


def test_build_keeps_only_current_and_previous_snapshot(corpus_copy, tmp_path):
    out = tmp_path / "build"
    article = corpus_copy / "articles" / "003_3ab60e70d12de889.txt"
    for round_ in range(3):
        article.write_text(article.read_text(encoding="utf-8") + f"\nRunde {round_}.\n", encoding="utf-8")
        build(corpus_copy, out, progress=False)
    assert len([p for p in (out / "snapshots").iterdir()]) == 2


def test_build_never_writes_under_the_corpus(corpus_copy, tmp_path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_copy.rglob("*") if p.is_file()}
    build(corpus_copy, tmp_path / "build", progress=False)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_copy.rglob("*") if p.is_file()}
    assert before == after


def test_open_build_serves_the_analyses_from_parquet(corpus_copy, tmp_path):
    out = tmp_path / "build"
    build(corpus_copy, out, progress=False)
    built = open_build(out)
    fresh = framing.load_corpus(corpus_copy)
    assert built.documents["doc_id"].tolist() == fresh.documents["doc_id"].tolist()
    pd.testing.assert_frame_equal(framing.tokens(built), framing.tokens(fresh), check_dtype=False)
    pd.testing.assert_frame_equal(framing.readability(built), framing.readability(fresh), check_dtype=False)


def test_open_build_without_a_build_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m framing build"):
        open_build(tmp_path / "nothing")


def test_command_line_builds_and_prints_a_summary(corpus_copy, tmp_path):
    out = tmp_path / "build"
    command = [sys.executable, "-m", "framing", "build", "--corpus", str(corpus_copy), "--out", str(out)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True)
    assert "Built 5 documents" in first.stdout and "5 new" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True)
    assert "up to date" in second.stdout


def test_command_line_reports_corpus_problems_and_builds_the_rest(corpus_copy, tmp_path):
    (corpus_copy / "articles" / "001_995ea68080aadec1.txt").write_bytes("Ein Satz über Moskaus Pläne.".encode("cp1252"))
    result = subprocess.run(
        [sys.executable, "-m", "framing", "build", "--corpus", str(corpus_copy), "--out", str(tmp_path / "build"), "--quiet"],
        capture_output=True, text=True, cwd=REPO, check=True,
    )
    assert "001_995ea68080aadec1.txt" in result.stderr and "not UTF-8" in result.stderr
    assert "Built 4 documents" in result.stdout
    problems = read_table("problems", tmp_path / "build")
    assert len(problems) == 1


def test_command_line_fails_clearly_on_a_missing_corpus(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "framing", "build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "b")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_parallel_build_through_dask_processes_equals_the_serial_build(corpus_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "DOCS_PER_BUCKET", 2)  # 5 documents -> 4 buckets, several busy
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(corpus_copy, serial, progress=False, scheduler="synchronous")
    summary = build(corpus_copy, parallel, progress=False, scheduler="processes")
    assert summary.n_text_processed == 5
    _assert_same_tables(_tables(serial), _tables(parallel))
