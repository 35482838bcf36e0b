"""The build's tables served per event and outlets (`framing.open_results`), equal to the direct analyses."""

from __future__ import annotations

import csv
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import builder as build_module
from framing.builder import build
from framing.event_tables import EVENT_TABLES, NO_EVENT
from framing.results import PAIR_COLUMNS, open_results

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
SEED_EVENT = "nrc_2022_01_12"
OUTLETS = ["cnn", "epoch_times", "euractiv", "nau", "sna"]
MEASURES = ["logodds", "chi2", "lr"]


def copy_seed(target: Path) -> Path:
    """Copy the seed corpus without its lexicons (they fall back to the shipped ones)."""
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns("lexicons"))
    return target


def rewrite_articles(corpus: Path, change) -> None:
    """Rewrite articles.csv: `change(rows)` returns the new list of rows (dicts)."""
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    rows = change(rows)
    with open(corpus / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def keep_outlets(corpus: Path, outlets: set[str]) -> Path:
    """Delete the articles of every other outlet from a corpus copy."""
    def change(rows):
        for row in rows:
            if row["outlet_id"] not in outlets:
                (corpus / "articles" / f"{row['doc_id']}.txt").unlink()
        return [row for row in rows if row["outlet_id"] in outlets]

    rewrite_articles(corpus, change)
    return corpus


def quietly(function, *args, **kwargs):
    """Call `function` ignoring its warnings (keyness warns about the seed's small samples)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@pytest.fixture(scope="module")
def seed_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("results_seed") / "build"
    build(SEED_CORPUS, out, progress=False)
    return open_results(out)


@pytest.fixture(scope="module")
def two_event_results(tmp_path_factory):
    """A build where 003 (euractiv) and 004 (sna) cover event "other" and 002 (cnn) names no event."""
    corpus = copy_seed(tmp_path_factory.mktemp("results_two") / "corpus")
    events = {"002_0ff142102c34d304": "", "003_3ab60e70d12de889": "other", "004_c8f623122158d84d": "other"}

    def change(rows):
        for row in rows:
            row["event_id"] = events.get(row["doc_id"], row["event_id"])
        return rows

    rewrite_articles(corpus, change)
    build(corpus, corpus.parent / "build", progress=False)
    return open_results(corpus.parent / "build")


def test_table_keeps_rows_of_the_chosen_outlets(seed_results):
    chosen = ["cnn", "nau", "sna"]
    for name in [*EVENT_TABLES, "warnings", "readability", "cleaning"]:
        every = seed_results.table(name, SEED_EVENT)
        some = seed_results.table(name, SEED_EVENT, chosen)
        if name in PAIR_COLUMNS:
            first, second = PAIR_COLUMNS[name]
            assert some[first].isin(chosen).all() and some[second].isin(chosen).all(), name
            expected = every[every[first].isin(chosen) & every[second].isin(chosen)]
        elif "outlet_id" in every.columns:
            assert set(some["outlet_id"]) <= set(chosen), name
            expected = every[every["outlet_id"].isin(chosen)]
        else:
            expected = every
        pd.testing.assert_frame_equal(some, expected.reset_index(drop=True), obj=name)
    actors = seed_results.table("actors", SEED_EVENT, ["sna"])  # gives doc_id only: outlet_id is added
    assert len(actors) and set(actors["outlet_id"]) == {"sna"}
    similarity = seed_results.table("similarity", SEED_EVENT, ["cnn", "sna"])
    assert len(similarity) and set(similarity["a"]) | set(similarity["b"]) == {"cnn", "sna"}
    assert len(similarity) < len(seed_results.table("similarity", SEED_EVENT))
    assert seed_results.table("frames", SEED_EVENT, []).empty


def test_table_keeps_rows_of_the_chosen_event(two_event_results):
    results = two_event_results
    docs = {event: set(results.event_documents(event)["doc_id"]) for event in results.event_ids}
    assert docs == {SEED_EVENT: {"000_7a732e72aede7217", "001_995ea68080aadec1"},
                    "other": {"003_3ab60e70d12de889", "004_c8f623122158d84d"},
                    NO_EVENT: {"002_0ff142102c34d304"}}
    for event, doc_ids in docs.items():
        for name in ("sentence_lengths", "frames", "tone", "readability", "cleaning"):
            table = results.table(name, event)
            assert len(table) and set(table["doc_id"]) <= doc_ids, (name, event)
            if "event_id" in table.columns:
                assert set(table["event_id"]) == {event}
        assert set(results.table("share_of_voice", event)["outlet_id"]) <= set(results.event_outlets(event))
    lengths = results.table("sentence_lengths", "other")
    assert set(lengths["doc_id"]) == docs["other"]
    assert results.table("frames", "no_such_event").empty


def test_unknown_table_raises_a_key_error_naming_the_tables(seed_results):
    with pytest.raises(KeyError, match="no table 'framez'.*frames"):
        seed_results.table("framez", SEED_EVENT)


@pytest.mark.parametrize("measure", MEASURES)
def test_keyness_from_built_counts_equals_keyness_of_the_corpus(seed_results, seed_corpus, measure):
    built = quietly(seed_results.keyness, SEED_EVENT, target="sna", measure=measure)
    direct = quietly(framing.keyness, seed_corpus, target="sna", measure=measure)
    assert len(built) > 50
    pd.testing.assert_frame_equal(built, direct, check_dtype=False, rtol=1e-9, atol=1e-9)
    assert built.attrs["n_target_total"] == direct.attrs["n_target_total"]
    assert built.attrs["n_reference_total"] == direct.attrs["n_reference_total"]

    built = quietly(seed_results.keyness, SEED_EVENT, target="sna", reference="cnn", measure=measure)
    direct = quietly(framing.keyness, seed_corpus, target="sna", reference="cnn", measure=measure)
    pd.testing.assert_frame_equal(built, direct, check_dtype=False, rtol=1e-9, atol=1e-9)


@pytest.fixture(scope="module")
def subset_corpora(tmp_path_factory):
    """Corpora of some outlets only: one where every label is the seed's, one where "NATO" outnumbers "Nato"."""
    root = tmp_path_factory.mktemp("subsets")
    return {tuple(sorted(outlets)): framing.load_corpus(keep_outlets(copy_seed(root / "_".join(sorted(outlets))), outlets))
            for outlets in ({"cnn", "nau", "sna"}, {"cnn", "euractiv"})}


def test_keyness_of_some_outlets_equals_keyness_of_a_corpus_of_those_outlets(seed_results, subset_corpora):
    for outlets, corpus in subset_corpora.items():
        for measure in MEASURES:
            built = quietly(seed_results.keyness, SEED_EVENT, target="cnn", outlets=list(outlets), measure=measure)
            direct = quietly(framing.keyness, corpus, target="cnn", measure=measure)
            pd.testing.assert_frame_equal(built, direct, check_dtype=False, rtol=1e-9, atol=1e-9,
                                          obj=f"keyness {measure} of {outlets}")
    # cnn and euractiv write "NATO" more often than "Nato": the feature is labelled as they write it
    labels = set(quietly(seed_results.keyness, SEED_EVENT, target="cnn", outlets=["cnn", "euractiv"])["feature"])
    assert "NATO" in labels and "Nato" not in labels
    assert "Nato" in set(quietly(seed_results.keyness, SEED_EVENT, target="cnn")["feature"])


def test_kwic_and_sentences_equal_the_direct_computation(seed_results, seed_corpus):
    pd.testing.assert_frame_equal(seed_results.kwic(SEED_EVENT, "Nato*"), framing.kwic(seed_corpus, "Nato*"))
    direct = framing.kwic(seed_corpus, "Nato*")
    some = seed_results.kwic(SEED_EVENT, "Nato*", outlets=["sna", "cnn"])
    assert len(some) and set(some["outlet_id"]) == {"sna", "cnn"}
    pd.testing.assert_frame_equal(some, direct[direct["outlet_id"].isin(["sna", "cnn"])].reset_index(drop=True))
    sentences = framing.sentences(seed_corpus)
    for doc_id in seed_corpus.doc_ids:
        expected = sentences[sentences["doc_id"] == doc_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(seed_results.sentences(doc_id), expected, check_dtype=False)


def test_open_results_without_a_build_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m framing build"):
        framing.results.open_results(tmp_path / "nothing")


def test_event_labels_and_outlets(seed_results, two_event_results):
    assert seed_results.event_ids == [SEED_EVENT]
    assert seed_results.event_label(SEED_EVENT) == "NATO-Russia Council meeting (2022-01-12)"
    assert seed_results.event_outlets(SEED_EVENT) == OUTLETS
    assert two_event_results.event_ids == [SEED_EVENT, "other", NO_EVENT]
    assert two_event_results.event_outlets(SEED_EVENT) == ["epoch_times", "nau"]
    assert two_event_results.event_outlets("other") == ["euractiv", "sna"]
    assert two_event_results.event_outlets(NO_EVENT) == ["cnn"]
    assert two_event_results.event_label("other") == "other"  # not in events.csv
    assert two_event_results.event_label(NO_EVENT) == "(articles without an event)"


def test_kwic_and_sentences_read_from_many_buckets(tmp_path, monkeypatch):
    """Ten articles in two events, about two per bucket: every event's articles lie in several buckets."""
    corpus = copy_seed(tmp_path / "corpus")
    for path in sorted((corpus / "articles").glob("*.txt")):
        shutil.copy(path, corpus / "articles" / f"copy_{path.name}")

    def change(rows):
        return rows + [{**row, "doc_id": f"copy_{row['doc_id']}", "event_id": "copies"} for row in rows]

    rewrite_articles(corpus, change)
    monkeypatch.setattr(build_module, "DOCS_PER_BUCKET", 2)  # 10 documents -> 8 buckets
    build(corpus, tmp_path / "build", progress=False, scheduler="synchronous")
    results = open_results(tmp_path / "build")
    n_buckets = results.manifest["n_buckets"]
    assert n_buckets == 8
    assert len(list((results.snapshot / "tokens").glob("part-*.parquet"))) > 2

    loaded = framing.load_corpus(corpus)
    direct = framing.kwic(loaded, "Nato*")
    sentences = framing.sentences(loaded)
    for event in ("copies", SEED_EVENT, "copies"):  # switching events and back
        doc_ids = set(results.event_documents(event)["doc_id"])
        assert len({build_module._bucket(doc_id, n_buckets) for doc_id in doc_ids}) > 1
        expected = direct[direct["doc_id"].isin(doc_ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(results.kwic(event, "Nato*"), expected, obj=f"kwic of {event}")
        some = results.kwic(event, "Nato*", outlets=["sna"])
        assert len(some) and set(some["outlet_id"]) == {"sna"}
    for doc_id in loaded.doc_ids:
        expected = sentences[sentences["doc_id"] == doc_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(results.sentences(doc_id), expected, check_dtype=False, obj=doc_id)


def test_fact_coverage_read_from_the_build_is_the_full_grid_of_shared_facts(seed_results, seed_corpus):
    """The build stores the present cells only; Results adds the absent ones back, as framing.fact_coverage has them."""
    direct = framing.fact_coverage(seed_corpus)
    direct = direct[direct["n_documents"] >= 2].reset_index(drop=True)
    built = seed_results.table("fact_coverage", "nrc_2022_01_12").drop(columns="event_id")
    assert len(built) == len(direct) == direct["fact_id"].nunique() * 5
    key = ["fact_id", "doc_id"]
    left = built.sort_values(key, ignore_index=True)
    right = direct.drop(columns="event_id").sort_values(key, ignore_index=True)
    left["sentence_ids"] = left["sentence_ids"].map(list)
    pd.testing.assert_frame_equal(left[right.columns], right, check_dtype=False)
