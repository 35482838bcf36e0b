"""Actors: lexicon validation, alias matching (inflection, hyphens, roles, longest wins, merging), the seed corpus."""

from __future__ import annotations

import textwrap

import pytest

import framing
from framing.actors import ACTOR_COLUMNS, ACTOR_LIST_COLUMNS, load_actor_lexicon
from framing.lexicons import LexiconError

D000 = "000_7a732e72aede7217"  # Nau.ch
D001 = "001_995ea68080aadec1"  # Epoch Times (AFP copy)
D002 = "002_0ff142102c34d304"  # CNN via aggregator
D003 = "003_3ab60e70d12de889"  # EURACTIV via aggregator
D004 = "004_c8f623122158d84d"  # SNA


def mentions(text: str, make_corpus) -> list[tuple[str, str, str]]:
    """Return (actor_id, surface, matched_by) of every mention in one article (shipped lexicon)."""
    corpus = framing.load_corpus(make_corpus({"a": text}))
    table = framing.actors(corpus)
    return list(zip(table["actor_id"], table["surface"], table["matched_by"]))


def test_actors_returns_documented_columns_with_offsets_into_text(seed_corpus):
    table = framing.actors(seed_corpus)
    assert list(table.columns) == ACTOR_COLUMNS
    texts = dict(zip(seed_corpus.documents["doc_id"], seed_corpus.documents["text"]))
    for doc_id, start, end, surface in zip(table["doc_id"], table["start"], table["end"], table["surface"]):
        assert texts[doc_id][start:end] == surface


def test_inflected_names_are_found_through_their_lemma(make_corpus):
    found = mentions("Titel\nDie Forderungen Russlands und Moskaus Truppen.\n", make_corpus)
    assert found == [("russia", "Russlands", "name"), ("russia", "Moskaus", "alias")]


def test_case_does_not_matter_nato_and_NATO(make_corpus):
    found = mentions("Titel\nDie NATO und die Nato trafen sich.\n", make_corpus)
    assert [a for a, _, _ in found] == ["nato", "nato"]


def test_role_noun_names_the_office_holder_not_the_organisation(make_corpus):
    found = mentions("Titel\nDas sagte der Nato-Chef. Der Nato-Generalsekretär kam.\n", make_corpus)
    assert found == [("stoltenberg", "Nato-Chef", "role"), ("stoltenberg", "Nato-Generalsekretär", "role")]


def test_longest_alias_wins_and_the_nato_inside_is_not_counted(make_corpus):
    found = mentions("Titel\nDie US-Botschafterin bei der NATO widersprach.\n", make_corpus)
    assert found == [("smith", "US-Botschafterin bei der NATO", "role")]


def test_adjacent_mentions_of_one_actor_merge_into_one(make_corpus):
    found = mentions("Titel\nNato-Generalsekretär Jens Stoltenberg kam. Die US-Botschafterin bei der NATO, Julianne Smith, auch.\n", make_corpus)
    assert found == [
        ("stoltenberg", "Nato-Generalsekretär Jens Stoltenberg", "name"),
        ("smith", "US-Botschafterin bei der NATO, Julianne Smith", "name"),
    ]


def test_hyphenated_compound_with_an_actor_name_is_not_a_mention_unless_listed(make_corpus):
    found = mentions("Titel\nDie Nato-Sicht und die Nato-Staaten.\n", make_corpus)
    assert found == [("nato_allies", "Nato-Staaten", "name")]


def test_anonymous_source_is_an_actor_of_its_own(make_corpus):
    found = mentions("Titel\nEin europäischer Nato-Diplomat sagte das.\n", make_corpus)
    assert found == [("nato_diplomats", "europäischer Nato-Diplomat", "name")]


def test_seed_corpus_counts_by_hand(seed_corpus):
    table = framing.actors(seed_corpus)
    per_doc = table.groupby(["doc_id", "actor_id"]).size()
    # 004 (SNA): Stoltenberg named 9 times (1 headline, "Nato-Generalsekretär Jens Stoltenberg", "der Nato-Chef",
    # "laut Stoltenberg", "so Stoltenberg", "sagte Stoltenberg", "betonte Stoltenberg" twice, "Stoltenberg sagte").
    assert per_doc[(D004, "stoltenberg")] == 9
    assert per_doc[(D003, "peskow")] == 2
    assert per_doc[(D003, "liik")] == 3
    assert per_doc[(D001, "nato_diplomats")] == 1
    assert per_doc[(D003, "us_officials")] == 1
    nato_in_role = table[(table["doc_id"] == D001) & table["surface"].str.contains("Botschafterin")]
    assert nato_in_role["actor_id"].tolist() == ["smith"]


def test_actor_list_has_a_side_and_rationale_for_every_actor(seed_corpus):
    table = framing.actor_list(seed_corpus)
    assert list(table.columns) == ACTOR_LIST_COLUMNS
    assert table["rationale"].str.len().min() > 10
    for actor_id in ["stoltenberg", "gruschko", "fomin", "sherman", "smith", "ryabkov", "peskow", "putin", "liik",
                     "michaelis", "nato", "russia", "usa", "ukraine", "eu", "osce", "ecfr", "afp", "cnn", "euractiv",
                     "georgia", "germany", "nato_diplomats", "us_officials"]:
        assert actor_id in set(table["actor_id"]), actor_id
    assert set(table.loc[table["type"] == "person", "gender"]) <= {"male", "female"}


def test_every_person_named_in_the_seed_corpus_is_found(seed_corpus):
    found = set(framing.actors(seed_corpus)["actor_id"])
    assert {"stoltenberg", "gruschko", "fomin", "sherman", "smith", "ryabkov", "peskow", "liik", "michaelis"} <= found


@pytest.mark.parametrize("lexicon, message", [
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: person, side: b, names: [X], rationale: r}\n", "side 'b' is not defined"),
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: people, side: a, names: [X], rationale: r}\n", "type 'people'"),
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: person, side: a, names: [X]}\n", "missing rationale"),
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: person, side: a, rationale: r}\n", "at least one name"),
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: person, side: a, names: [X], rationale: r}\n"
     "  - {id: y, name: Y, type: person, side: a, names: [x], rationale: r}\n", "listed for actor 'x' too"),
    ("sides: {a: {label: A}}\nactors:\n  - {id: x, name: X, type: person, side: a, gender: m, names: [X], rationale: r}\n", "gender 'm'"),
])
def test_malformed_lexicon_names_the_problem(tmp_path, lexicon, message):
    path = tmp_path / "actors.yaml"
    path.write_text(textwrap.dedent(lexicon), encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_actor_lexicon(path)


def test_a_corpus_lexicon_replaces_the_shipped_one(make_corpus):
    path = make_corpus({"a": "Titel\nDer Bundeskanzler kam.\n"})
    (path / "lexicons").mkdir()
    (path / "lexicons" / "actors.yaml").write_text(
        "sides: {de: {label: Deutschland}}\nactors:\n"
        "  - {id: scholz, name: Olaf Scholz, type: person, side: de, gender: male, names: [Scholz], roles: [Bundeskanzler], rationale: test}\n",
        encoding="utf-8")
    table = framing.actors(framing.load_corpus(path))
    assert table[["actor_id", "side", "matched_by"]].values.tolist() == [["scholz", "de", "role"]]


def test_empty_corpus_gives_empty_table(make_corpus):
    table = framing.actors(framing.load_corpus(make_corpus({"a": "Titel\nNichts hier.\n"})))
    assert list(table.columns) == ACTOR_COLUMNS and len(table) == 0
