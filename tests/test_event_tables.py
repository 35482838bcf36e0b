"""The analyses of the build, computed per event, stored as Parquet and reused while an event is unchanged."""

from __future__ import annotations

import csv
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import event_tables
from framing.builder import CURRENT, build, current_snapshot
from framing.event_tables import EVENT_TABLES, NO_EVENT, read_event_table
from framing.lexicons import DEFAULT_LEXICON_DIR
from framing.results import open_results

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
SEED_EVENT = "nrc_2022_01_12"
# Two events and articles without one: 000 nau, 001 epoch_times stay in the seed's event.
TWO_EVENTS = {"002_0ff142102c34d304": NO_EVENT, "003_3ab60e70d12de889": "other", "004_c8f623122158d84d": "other"}


# --- helpers -------------------------------------------------------------------------------

def copy_seed(target: Path, *, lexicons: bool = False) -> Path:
    """Copy the seed corpus to `target` (without its lexicons: they fall back to the shipped ones)."""
    shutil.copytree(SEED_CORPUS, target, ignore=None if lexicons else shutil.ignore_patterns("lexicons"))
    return target


def edit_articles(corpus: Path, events: dict[str, str] | None = None, keep: set[str] | None = None) -> None:
    """Set the event_id of some articles, and/or keep only the articles in `keep` (deleting the others' files)."""
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    kept = []
    for row in rows:
        if keep is not None and row["doc_id"] not in keep:
            (corpus / "articles" / f"{row['doc_id']}.txt").unlink()
            continue
        if events and row["doc_id"] in events:
            row["event_id"] = events[row["doc_id"]]
        kept.append(row)
    with open(corpus / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)


def two_event_corpus(target: Path) -> Path:
    corpus = copy_seed(target)
    edit_articles(corpus, TWO_EVENTS)
    return corpus


def members(event_id: str) -> set[str]:
    every = {path.stem for path in (SEED_CORPUS / "articles").glob("*.txt")}
    return {doc for doc in every if TWO_EVENTS.get(doc, SEED_EVENT) == event_id}


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop event_id, turn arrays read from Parquet into lists, and sort the rows by all columns."""
    frame = frame.drop(columns=[c for c in ("event_id",) if c in frame.columns]).reset_index(drop=True).copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: list(v) if isinstance(v, np.ndarray) else v)
    if frame.empty:
        return frame
    key = frame.map(repr)
    order = np.lexsort([key[column].to_numpy() for column in reversed(key.columns)])
    return frame.iloc[order].reset_index(drop=True)


def assert_same_table(built: pd.DataFrame, direct: pd.DataFrame, name: str) -> None:
    pd.testing.assert_frame_equal(normalised(built), normalised(direct), check_dtype=False, obj=name)


def direct_tables(corpus) -> dict[str, pd.DataFrame]:
    """Run every analysis of the build on `corpus` (their warnings are not what is tested here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {name: compute(corpus) for name, compute in EVENT_TABLES.items()}


def with_parsed_lexicons(corpus, parsed):
    """Give `corpus` the lexicons `parsed` has already read (the same files: parsing YAML is the slow part)."""
    for key, value in parsed._cache.items():
        if isinstance(key, tuple) and key[0] == "lexicon" and Path(key[2]).parent == DEFAULT_LEXICON_DIR:
            corpus._cache[key] = value
    return corpus


def frames_yaml_with(word: str) -> str:
    """The shipped frames lexicon with `word` added to the conflict frame's first indicator group."""
    text = (SEED_CORPUS / "lexicons" / "frames.yaml").read_text(encoding="utf-8")
    old = "Machtkampf, Zerwürfnis, Zwist]"
    assert old in text
    return text.replace(old, f"Machtkampf, Zerwürfnis, Zwist, {word}]")


# --- shared builds -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed_build") / "build"
    build(SEED_CORPUS, out, progress=False)
    return out


@pytest.fixture(scope="module")
def two_event_build(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("two_events")
    corpus = two_event_corpus(root / "corpus")
    summary = build(corpus, root / "build", progress=False)
    assert (summary.n_events, summary.n_events_computed) == (3, 3)
    return corpus, root / "build"


# --- tests ---------------------------------------------------------------------------------

def test_every_built_table_equals_the_analysis_of_the_loaded_corpus(seed_build, seed_corpus):
    snapshot = current_snapshot(seed_build)
    direct = direct_tables(seed_corpus)
    for name in EVENT_TABLES:
        built = read_event_table(snapshot / f"{name}.parquet")
        assert set(built["event_id"]) == {SEED_EVENT}, name
        assert len(built), name
        assert_same_table(built, direct[name], name)


def test_mixed_value_column_keeps_text_as_text_and_numbers_as_numbers(seed_build, seed_corpus):
    built = read_event_table(current_snapshot(seed_build) / "leaning_profile.parquet").drop(columns="event_id")
    direct = framing.leaning_profile(seed_corpus)
    kinds = direct["value"].map(lambda v: "text" if isinstance(v, str) else "number")
    assert set(kinds) == {"text", "number"}  # the seed exercises both
    built_kinds = built["value"].map(lambda v: "text" if isinstance(v, str) else "number")
    assert built_kinds.tolist() == kinds.tolist()
    assert built.loc[kinds.eq("text").to_numpy(), "value"].tolist() == direct.loc[kinds.eq("text"), "value"].tolist()
    assert "value" + event_tables.MIXED_TEXT_SUFFIX not in built.columns


def test_each_event_is_analysed_on_its_own_articles(two_event_build, tmp_path, seed_build, seed_corpus):
    _, out = two_event_build
    results = open_results(out)
    assert results.event_ids == [SEED_EVENT, "other", NO_EVENT]
    for event_id in results.event_ids:
        corpus_dir = copy_seed(tmp_path / f"only_{event_id or 'none'}")
        edit_articles(corpus_dir, TWO_EVENTS, keep=members(event_id))
        direct = direct_tables(with_parsed_lexicons(framing.load_corpus(corpus_dir), seed_corpus))
        for name in EVENT_TABLES:
            built = read_event_table(results.snapshot / f"{name}.parquet", [event_id])
            assert_same_table(built, direct[name], f"{name} of event {event_id!r}")
    # statistics stay inside an event: they differ from the one-event build
    whole = open_results(seed_build)
    fact_whole = whole.table("fact_coverage", SEED_EVENT)
    fact_part = results.table("fact_coverage", SEED_EVENT)
    assert set(fact_whole["n_event_documents"]) == {5}
    assert set(fact_part["n_event_documents"]) == {2}
    assert set(fact_part["doc_id"]) == members(SEED_EVENT)
    similarity = results.table("similarity", "other")
    assert set(similarity["a"]) | set(similarity["b"]) == {"euractiv", "sna"}
    assert len(whole.table("similarity", SEED_EVENT)) > len(similarity)
    assert results.table("reuse", NO_EVENT).empty  # one article: nothing to share with
    assert set(results.table("sentence_lengths", NO_EVENT)["doc_id"]) == {"002_0ff142102c34d304"}


def test_changing_one_article_recomputes_only_its_event(two_event_build, tmp_path):
    source_corpus, source_out = two_event_build
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    shutil.copytree(source_corpus, corpus)
    shutil.copytree(source_out, out)
    assert build(corpus, out, progress=False).up_to_date  # nothing changed since the shared build

    before = open_results(out)
    unchanged_events = ["other", NO_EVENT]
    before_rows = {(name, event): before.table(name, event) for name in [*EVENT_TABLES, "warnings"]
                   for event in unchanged_events}
    before_lengths = before.table("sentence_lengths", SEED_EVENT)

    article = corpus / "articles" / "000_7a732e72aede7217.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nEin ganz neuer Satz über den Kreml und die Nato.\n",
                       encoding="utf-8")
    summary = build(corpus, out, progress=False)
    assert not summary.up_to_date
    assert (summary.n_events, summary.n_events_computed) == (3, 1)
    after = open_results(out)
    for (name, event), rows in before_rows.items():
        pd.testing.assert_frame_equal(after.table(name, event), rows, obj=f"{name} of event {event!r}")
    assert len(after.table("sentence_lengths", SEED_EVENT)) == len(before_lengths) + 1

    assert build(corpus, out, progress=False).up_to_date

    # a lexicon edit changes every event's analyses
    assert not after.table("frames", "other")["matches"].str.contains("Stoltenberg").any()
    (corpus / "lexicons").mkdir()
    (corpus / "lexicons" / "frames.yaml").write_text(frames_yaml_with("Stoltenberg"), encoding="utf-8")
    summary = build(corpus, out, progress=False)
    assert (summary.n_events, summary.n_events_computed) == (3, 3)
    edited = open_results(out)
    for event in (SEED_EVENT, "other"):
        frames = edited.table("frames", event)
        assert frames.loc[frames["frame"] == "conflict", "matches"].str.contains("Stoltenberg").any(), event


def test_warnings_of_the_analyses_are_kept_in_a_table(make_corpus, tmp_path):
    shared = "Der Nato-Russland-Rat tagte am Mittwoch in Brüssel zum ersten Mal seit 2019.\n"
    corpus = make_corpus({
        "a": "Gespräche in Brüssel\n" + shared + "Moskau fordert Garantien.\n",
        "b": "Treffen der Nato\n" + shared + "Die Allianz lehnt das ab.\n",
    }, metadata=[{"doc_id": "a", "outlet_id": "o1", "event_id": "e1"}, {"doc_id": "b", "outlet_id": "o2", "event_id": "e1"}],
        outlets=[{"outlet_id": "o1", "name": "Eins"}, {"outlet_id": "o2", "name": "Zwei"}])
    (corpus / "facts.yaml").write_text("exclude:\n  - fact: f_nosuchfact\n", encoding="utf-8")
    build(corpus, tmp_path / "build", progress=False)
    results = open_results(tmp_path / "build")
    table = results.table("warnings", "e1")
    assert list(table.columns) == ["event_id", "table", "category", "message"]
    facts = table[table["table"] == "fact_coverage"]
    assert len(facts) == 1
    assert facts["category"].item() == "FactEditWarning"
    assert "f_nosuchfact" in facts["message"].item()
    assert results.warnings("fact_coverage", "e1") == [facts["message"].item()]
    assert results.warnings("frames", "e1") == []


def test_fact_edits_warn_only_when_no_event_has_the_fact(make_corpus, tmp_path):
    """facts.yaml serves every event: an entry naming another event's fact is no mistake in this one."""
    shared = "Der Nato-Russland-Rat tagte am Mittwoch in Brüssel zum ersten Mal seit 2019.\n"
    other = "In Genf sprachen die Vertreter der USA und Russlands über Sicherheitsgarantien.\n"
    corpus = make_corpus({
        "a": "Gespräche in Brüssel\n" + shared, "b": "Treffen der Nato\n" + shared,
        "c": "Gespräche in Genf\n" + other, "d": "Treffen in Genf\n" + other,
    }, metadata=[{"doc_id": d, "outlet_id": o, "event_id": e} for d, o, e in
                 [("a", "o1", "e1"), ("b", "o2", "e1"), ("c", "o1", "e2"), ("d", "o2", "e2")]],
        outlets=[{"outlet_id": "o1", "name": "Eins"}, {"outlet_id": "o2", "name": "Zwei"}])
    build(corpus, tmp_path / "first", progress=False)
    fact_of_e1 = open_results(tmp_path / "first").table("fact_coverage", "e1")["fact_id"].iloc[0]
    (corpus / "facts.yaml").write_text(f"exclude:\n  - fact: {fact_of_e1}\n  - fact: f_nosuchfact\n", encoding="utf-8")
    build(corpus, tmp_path / "build", progress=False)
    results = open_results(tmp_path / "build")
    for event in ("e1", "e2"):
        messages = results.warnings("fact_coverage", event)
        assert any("f_nosuchfact" in m for m in messages), event
        assert not any(fact_of_e1 in m for m in messages), event
    assert fact_of_e1 not in set(results.table("fact_coverage", "e1")["fact_id"])


def test_interrupted_analysis_leaves_the_previous_build_current(seed_build, tmp_path, monkeypatch):
    corpus, out = copy_seed(tmp_path / "corpus"), tmp_path / "build"
    shutil.copytree(seed_build, out)
    current_before = (out / CURRENT).read_text(encoding="utf-8")
    snapshot_before = current_snapshot(out)
    tone_before = open_results(out).table("tone", SEED_EVENT)

    def interrupted(corpus):
        raise KeyboardInterrupt("simulated interruption in an analysis")

    monkeypatch.setitem(EVENT_TABLES, next(iter(EVENT_TABLES)), interrupted)
    article = corpus / "articles" / "003_3ab60e70d12de889.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nGeändert.\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out, progress=False)
    assert (out / CURRENT).read_text(encoding="utf-8") == current_before
    assert current_snapshot(out) == snapshot_before
    assert not list((out / "snapshots").glob(".tmp-*"))
    pd.testing.assert_frame_equal(open_results(out).table("tone", SEED_EVENT), tone_before)



def test_memoised_analyses_follow_lexicon_edits_and_return_copies(tmp_path):
    corpus_dir = copy_seed(tmp_path / "corpus", lexicons=True)
    corpus = framing.load_corpus(corpus_dir)
    first = framing.frames(corpus)
    again = framing.frames(corpus)
    pd.testing.assert_frame_equal(first, again)
    assert first is not again
    first["score"] = -1.0
    first["matches"] = ""
    pd.testing.assert_frame_equal(framing.frames(corpus), again)
    assert not again["matches"].str.contains("Stoltenberg").any()
    profile_before = framing.frame_profile(corpus)

    (corpus_dir / "lexicons" / "frames.yaml").write_text(frames_yaml_with("Stoltenberg"), encoding="utf-8")
    edited = framing.frames(corpus)
    conflict = edited[edited["frame"] == "conflict"]
    assert conflict["matches"].str.contains("Stoltenberg").any()
    assert len(edited) >= len(again)
    profile_after = framing.frame_profile(corpus)
    conflict_hits = lambda p: p.loc[p["frame"] == "conflict", "n_hits"].sum()  # noqa: E731
    assert conflict_hits(profile_after) > conflict_hits(profile_before)

    # facts.yaml is a lexicon file too: an analyst's rename shows at once
    coverage = framing.fact_coverage(corpus)
    fact_id = coverage["fact_id"].iloc[0]
    (corpus_dir / "facts.yaml").write_text(f"rename:\n  - fact: {fact_id}\n    label: Mein Etikett\n", encoding="utf-8")
    renamed = framing.fact_coverage(corpus)
    assert set(renamed.loc[renamed["fact_id"] == fact_id, "label"]) == {"Mein Etikett"}
