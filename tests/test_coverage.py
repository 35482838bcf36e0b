"""Fact coverage: sentences clustered into facts, the fact × document table, analyst edits, and the seed facts."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import framing
from framing.coverage import FACT_COLUMNS, FactEditWarning, compound_parts

OUTLETS = [{"outlet_id": o, "name": o.upper()} for o in ("o1", "o2", "o3", "o4")]

# Three articles about one event. Hand-counted facts:
#   troops  — a, b, c (written 100.000 / 100'000 / 100 000)
#   Geneva  — a, b
#   zoo (a), farmers (b), football (c): each reported by one article only.
ARTICLES = {
    "a": "Bericht aus Wien\n"
         "Russland hat 100.000 Soldaten an der Grenze zur Ukraine stationiert. "
         "Die Außenminister treffen sich am Montag in Genf zu Gesprächen über Sicherheit. "
         "Der Zoo in Basel bekommt einen neuen Elefanten aus Indien.\n",
    "b": "Meldung des Tages\n"
         "Nach Angaben der Nato stehen 100'000 Soldaten Russlands an der Grenze zur Ukraine. "
         "Am Montag beginnen in Genf die Gespräche der Außenminister über Sicherheit. "
         "Die Bauern protestieren in Bern gegen die tiefen Milchpreise.\n",
    "c": "Kurz notiert\n"
         "Russland hat rund 100 000 Soldaten an die Grenze zur Ukraine verlegt. "
         "Die Fußballmannschaft aus Zürich gewann das Finale im Stadion deutlich.\n",
}
TITLES = {"a": "Bericht aus Wien", "b": "Meldung des Tages", "c": "Kurz notiert", "z": "Wetter"}


def metadata(doc_ids):
    return [{"doc_id": d, "outlet_id": f"o{k + 1}", "title": TITLES[d], "event_id": "e1"} for k, d in enumerate(doc_ids)]


@pytest.fixture
def tiny(make_corpus):
    return make_corpus(ARTICLES, metadata=metadata(ARTICLES), outlets=OUTLETS)


def fact_of(table: pd.DataFrame, doc_id: str, needle: str) -> pd.DataFrame:
    """Return the rows of the fact whose sentence in `doc_id` contains `needle`."""
    hit = table[(table["doc_id"] == doc_id) & table["sentence"].str.contains(needle, regex=False)]
    assert len(hit) == 1, f"no single fact with {needle!r} in {doc_id}"
    return table[table["fact_id"] == hit["fact_id"].iloc[0]]


def present(rows: pd.DataFrame) -> set[str]:
    return set(rows.loc[rows["present"], "doc_id"])


def test_the_same_fact_in_three_articles_is_one_fact_whatever_the_number_format(tiny):
    table = framing.fact_coverage(framing.load_corpus(tiny))
    troops = fact_of(table, "a", "Soldaten")
    assert present(troops) == {"a", "b", "c"}
    assert troops["n_documents"].iloc[0] == 3
    assert "100'000" in troops.set_index("doc_id").at["b", "sentence"]
    assert "100 000" in troops.set_index("doc_id").at["c", "sentence"]


def test_a_fact_two_articles_report_is_absent_in_the_third(tiny):
    table = framing.fact_coverage(framing.load_corpus(tiny))
    geneva = fact_of(table, "a", "Genf").set_index("doc_id")
    assert present(geneva.reset_index()) == {"a", "b"}
    assert not geneva.at["c", "present"] and geneva.at["c", "sentence"] == "" and geneva.at["c", "sentence_ids"] == []
    assert geneva.at["a", "sentence_ids"] == [3] and geneva.at["a", "n_sentences"] == 1  # 1 is the headline


def test_a_sentence_no_other_article_matches_is_its_outlets_unique_fact(tiny):
    table = framing.fact_coverage(framing.load_corpus(tiny))
    for doc_id, needle in (("a", "Elefanten"), ("b", "Bauern"), ("c", "Fußballmannschaft")):
        rows = fact_of(table, doc_id, needle)
        assert present(rows) == {doc_id} and (rows["n_documents"] == 1).all()
        assert rows.loc[rows["present"], "label"].iloc[0] == rows.loc[rows["present"], "sentence"].iloc[0]


def test_the_table_has_one_row_per_fact_and_document_sorted_by_reach(tiny):
    table = framing.fact_coverage(framing.load_corpus(tiny))
    assert list(table.columns) == FACT_COLUMNS
    assert table.groupby("fact_id").size().eq(3).all()  # every fact × every article of the event
    assert table["present"].dtype == bool
    reach = table.drop_duplicates("fact_id")["n_documents"].tolist()
    assert reach == sorted(reach, reverse=True) and reach[0] == 3
    assert (table["n_event_documents"] == 3).all()
    assert set(table["outlet_id"]) == {"o1", "o2", "o3"}
    # short headlines ("Kurz notiert": two content words) are not facts
    assert not table["sentence"].str.contains("Kurz notiert").any()


def test_fact_sentences_lists_the_references_analysts_write(tiny):
    rows = framing.fact_sentences(framing.load_corpus(tiny))
    assert {"fact_id", "ref", "doc_id", "sentence_id", "centrality", "is_label"} <= set(rows.columns)
    assert "a:3" in set(rows["ref"])
    assert rows.groupby("fact_id")["is_label"].sum().eq(1).all()  # one label sentence per fact


def test_fact_ids_are_stable_across_runs_and_when_an_unrelated_article_is_added(tiny, make_corpus):
    first = framing.fact_coverage(framing.load_corpus(tiny))
    again = framing.fact_coverage(framing.load_corpus(tiny))
    assert first["fact_id"].tolist() == again["fact_id"].tolist()
    more = dict(ARTICLES, z="Wetter\nIn Hamburg regnet es den ganzen Tag über kräftig.\n")
    bigger = framing.fact_coverage(framing.load_corpus(make_corpus(more, metadata=metadata(more), outlets=OUTLETS, folder="more")))
    for doc_id, needle in (("a", "Soldaten"), ("a", "Genf"), ("b", "Bauern")):
        assert fact_of(first, doc_id, needle)["fact_id"].iloc[0] == fact_of(bigger, doc_id, needle)["fact_id"].iloc[0]
    assert present(fact_of(bigger, "a", "Soldaten")) == {"a", "b", "c"}


def test_compound_parts_split_closed_and_hyphenated_compounds_but_not_names():
    assert compound_parts("Raketenwaffe") == ("rakete", "waffe")
    assert compound_parts("Nato-Diplomat") == ("nato", "diplomat")
    assert compound_parts("Russland") == ()  # a head of four letters ("land") is not split off
    assert compound_parts("verhandeln") == ()  # only nouns


# --- analyst edits (facts.yaml) -------------------------------------------------------------


def write_edits(path, text: str) -> None:
    (path / "facts.yaml").write_text(text, encoding="utf-8")


def test_facts_yaml_merges_renames_and_the_matrix_updates(tiny):
    before = framing.fact_coverage(framing.load_corpus(tiny))
    zoo = fact_of(before, "a", "Elefanten")["fact_id"].iloc[0]
    write_edits(tiny, f"""
merge:
  - facts: [{zoo}, "b:4"]
    label: Vermischtes aus der Schweiz
    reason: both are local news, kept together for the test
rename:
  - fact: "c:2"
    label: Truppen an der Grenze
""")
    after = framing.fact_coverage(framing.load_corpus(tiny))
    merged = after[after["label"] == "Vermischtes aus der Schweiz"]
    assert present(merged) == {"a", "b"} and merged["edited"].all() and merged["n_documents"].iloc[0] == 2
    assert merged["fact_id"].iloc[0] == zoo  # the merged fact keeps the id of its first sentence's fact
    troops = fact_of(after, "a", "Soldaten")
    assert troops["label"].iloc[0] == "Truppen an der Grenze" and present(troops) == {"a", "b", "c"}
    assert after["fact_id"].nunique() == before["fact_id"].nunique() - 1


def test_facts_yaml_splits_and_excludes_sentences(tiny):
    write_edits(tiny, """
split:
  - sentence: "b:2"
exclude:
  - "c:3"
""")
    table = framing.fact_coverage(framing.load_corpus(tiny))
    assert present(fact_of(table, "a", "Soldaten")) == {"a", "c"}
    alone = fact_of(table, "b", "Soldaten")
    assert present(alone) == {"b"} and alone["edited"].all()
    assert not table["sentence"].str.contains("Fußballmannschaft").any()
    # the same file, applied twice, gives the same table
    assert table.equals(framing.fact_coverage(framing.load_corpus(tiny)))


def test_an_unknown_fact_in_facts_yaml_is_warned_about_and_skipped(tiny):
    write_edits(tiny, "merge:\n  - facts: [f_00000000, \"a:3\"]\nexclude:\n  - \"a:99\"\n")
    with pytest.warns(FactEditWarning) as caught:
        table = framing.fact_coverage(framing.load_corpus(tiny))
    assert any("f_00000000" in str(w.message) for w in caught) and any("a:99" in str(w.message) for w in caught)
    assert present(fact_of(table, "a", "Genf")) == {"a", "b"}


def test_edits_false_ignores_the_file_and_a_mapping_works_like_the_file(tiny):
    write_edits(tiny, "exclude:\n  - \"a:2\"\n")
    corpus = framing.load_corpus(tiny)
    assert "a:2" in set(framing.fact_sentences(corpus, edits=False)["ref"])
    assert "a:2" not in set(framing.fact_sentences(corpus)["ref"])
    assert "a:2" not in set(framing.fact_sentences(corpus, edits={"exclude": ["a:2"]})["ref"])


def test_threshold_outside_zero_to_one_is_refused(tiny):
    with pytest.raises(ValueError, match="threshold"):
        framing.fact_coverage(framing.load_corpus(tiny), threshold=0)


def test_articles_of_different_events_are_never_one_fact(make_corpus):
    meta = metadata(ARTICLES)
    meta[2]["event_id"] = "e2"
    table = framing.fact_coverage(framing.load_corpus(make_corpus(ARTICLES, metadata=meta, outlets=OUTLETS)))
    troops = fact_of(table, "a", "Soldaten")
    assert present(troops) == {"a", "b"} and set(troops["doc_id"]) == {"a", "b"}
    assert set(table.loc[table["event_id"] == "e2", "doc_id"]) == {"c"}


# --- the seed corpus --------------------------------------------------------------------------

# Each fact below was checked against the five texts (doc ids 000-004):
#   troops: 000 "rund 100'000 Soldaten", 002 "bis zu 100.000 Soldaten", 003 "etwa 100.000 Soldaten";
#       001 only says "Abzug der russischen Truppen" and 004 gives no number: absent there.
#   Geneva: 001 "Gespräche mit Russland in Genf zu Wochenbeginn", 002 "in Genf zu mehr als
#       siebenstündigen Gesprächen", 003 "am Montag (12. Januar) in Genf begonnen"; 000 and 004 never name Geneva.
#   OSCE in Vienna: 002 "in Wien … (OSZE)", 003 "(OSZE) nach Wien"; nobody else.
#   missile arms control: 004 headline "Beschränkungen für Raketenwaffen in Europa",
#       003 "Rüstungskontrolle in Bezug auf Raketen in Europa"; nobody else.
#   first council meeting since 2019: 000 and 004 "das erste Mal seit Juli 2019", 003 "die ersten
#       Gespräche im NATO-Russland-Rat seit 2019", 001 "hatte 2019 letztmals getagt"; 002 gives no date.
# The clustering finds all five on its own: the seed corpus has no facts.yaml.
SEED_FACTS = [
    ("troops", "000", "100'000 Soldaten", {"nau", "cnn", "euractiv"}),
    ("geneva", "002", "in Genf zu mehr als", {"epoch_times", "cnn", "euractiv"}),
    ("osce", "002", "OSZE", {"cnn", "euractiv"}),
    ("missiles", "004", "Raketenwaffen in Europa diskutieren", {"euractiv", "sna"}),
    ("since_2019", "000", "seit Juli 2019", {"nau", "epoch_times", "euractiv", "sna"}),
]


@pytest.fixture(scope="module")
def seed_facts(seed_corpus):
    assert not (seed_corpus.path / "facts.yaml").exists(), "the seed expectations must hold without analyst edits"
    return framing.fact_coverage(seed_corpus)


@pytest.mark.parametrize("name, doc_prefix, needle, outlets", SEED_FACTS, ids=[f[0] for f in SEED_FACTS])
def test_seed_facts_are_found_with_the_right_outlets_present_and_absent(seed_facts, name, doc_prefix, needle, outlets):
    doc_id = next(d for d in seed_facts["doc_id"].unique() if d.startswith(doc_prefix))
    rows = fact_of(seed_facts, doc_id, needle)
    assert set(rows.loc[rows["present"], "outlet_id"]) == outlets
    assert set(rows.loc[~rows["present"], "outlet_id"]) == {"nau", "epoch_times", "cnn", "euractiv", "sna"} - outlets


def test_seed_headline_is_part_of_a_fact(seed_facts):
    missiles = fact_of(seed_facts, "004_c8f623122158d84d", "Raketenwaffen in Europa diskutieren")
    assert 1 in missiles.set_index("doc_id").at["004_c8f623122158d84d", "sentence_ids"]  # sentence 1: the headline


def test_seed_fact_ids_do_not_change_between_runs(seed_corpus, seed_facts):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert framing.fact_coverage(seed_corpus)["fact_id"].tolist() == seed_facts["fact_id"].tolist()


def test_a_metadata_title_that_is_not_a_line_of_the_text_is_clustered_as_sentence_0(make_corpus):
    articles = dict(ARTICLES, c="Russland hat rund 100 000 Soldaten an die Grenze zur Ukraine verlegt.\n")
    meta = metadata(articles)
    meta[2]["title"] = "Genf: Außenminister beginnen am Montag Gespräche über Sicherheit"
    table = framing.fact_coverage(framing.load_corpus(make_corpus(articles, metadata=meta, outlets=OUTLETS)))
    geneva = fact_of(table, "a", "Genf").set_index("doc_id")
    assert geneva.at["c", "present"] and geneva.at["c", "sentence_ids"] == [0]
