"""Keyword in context: glob, regex, fixed, lemma and phrase patterns, the context window, offsets, errors."""

from __future__ import annotations

import unicodedata

import pytest

import framing
from framing.kwic import KWIC_COLUMNS

D000 = "000_7a732e72aede7217"  # Nau.ch
D001 = "001_995ea68080aadec1"  # Epoch Times
D002 = "002_0ff142102c34d304"  # CNN via aggregator
D003 = "003_3ab60e70d12de889"  # EURACTIV via aggregator
D004 = "004_c8f623122158d84d"  # SNA


@pytest.fixture
def tiny(make_corpus):
    """Return a function that loads a corpus of the given articles."""
    return lambda articles, **kwargs: framing.load_corpus(make_corpus(articles, **kwargs))


def assert_offsets(corpus, table):
    texts = corpus.documents.set_index("doc_id")["text"]
    for doc_id, start, end, match in zip(table["doc_id"], table["start"], table["end"], table["match"]):
        assert texts[doc_id][start:end] == match


# --- the seed corpus ---------------------------------------------------------------------


def test_seed_invasion_with_context(seed_corpus):
    table = framing.kwic(seed_corpus, "Invasion")
    assert list(table.columns) == KWIC_COLUMNS
    assert table[["doc_id", "outlet_id", "sentence_id", "match"]].values.tolist() == [
        [D002, "cnn", 2, "Invasion"], [D003, "euractiv", 13, "Invasion"],
    ]
    assert table["left"].iloc[1] == "hat, ein Aufmarsch, der die Angst vor einer"
    assert table["right"].iloc[1] == "geschürt hat. „Lass es uns klar sagen: Russische"
    assert_offsets(seed_corpus, table)


def test_seed_glob_finds_every_konflikt_in_document_order(seed_corpus):
    table = framing.kwic(seed_corpus, "*konflikt*", window=2)
    assert table["match"].tolist() == [
        "Ukraine-Konflikt", "Ukraine-Konflikts", "Ukraine-Konflikt", "Konflikt", "Konflikte", "Konflikt",
    ]
    assert table["doc_id"].tolist() == [D000, D001, D001, D001, D003, D004]
    assert table["start"].is_monotonic_increasing is False  # restarts per document
    assert all(group["start"].is_monotonic_increasing for _, group in table.groupby("doc_id"))
    assert_offsets(seed_corpus, table)


def test_seed_phrase_moment_der_wahrheit_keeps_quotes_in_context(seed_corpus):
    table = framing.kwic(seed_corpus, "Moment der Wahrheit", window=3)
    assert table["doc_id"].tolist() == [D001, D003]
    assert table["left"].tolist() == ["hatte von einem „", "das Treffen als „"]
    assert table["right"].iloc[0] == "“ in den Beziehungen"
    assert_offsets(seed_corpus, table)


def test_seed_lemma_unit_finds_inflected_forms(seed_corpus):
    assert framing.kwic(seed_corpus, "Aggression")["match"].tolist() == []
    table = framing.kwic(seed_corpus, "Aggression", unit="lemma", window=2)
    assert table[["doc_id", "left", "match"]].values.tolist() == [[D004, "angebliche russische", "Aggressionen"]]


def test_seed_gap_free_phrase_with_glob_element(seed_corpus):
    table = framing.kwic(seed_corpus, "Politik der offenen T*", window=0)
    assert table["doc_id"].value_counts().to_dict() == {D003: 3, D004: 1}
    assert set(table["match"]) == {"Politik der offenen Tür"}
    assert set(table["left"]) == {""} and set(table["right"]) == {""}


def test_seed_umlauts_and_case(seed_corpus):
    # "Ängste" (000) in upper case, and typed with a combining diaeresis (NFD)
    assert framing.kwic(seed_corpus, "ÄNGSTE")["doc_id"].tolist() == [D000]
    assert framing.kwic(seed_corpus, unicodedata.normalize("NFD", "Ängste"))["match"].tolist() == ["Ängste"]
    assert framing.kwic(seed_corpus, "vize-außen*")["match"].tolist() == ["Vize-Außenminister", "Vize-Außenministerin", "Vize-Außenminister"]


# --- tiny corpora ------------------------------------------------------------------------

TEN = "Eins zwei drei vier fünf sechs Ziel sieben acht neun zehn elf."


def test_window_counts_words_not_punctuation(tiny):
    corpus = tiny({"a": "Eins, zwei, drei, Ziel, vier, fünf, sechs."})
    table = framing.kwic(corpus, "ziel", window=2)
    assert table[["left", "match", "right"]].values.tolist() == [["zwei, drei,", "Ziel", ", vier, fünf,"]]


def test_window_cut_and_document_edges(tiny):
    corpus = tiny({"a": TEN})
    assert framing.kwic(corpus, "Ziel", window=2)[["left", "right"]].values.tolist() == [["fünf sechs", "sieben acht"]]
    first = framing.kwic(corpus, "Eins", window=3)
    assert first[["left", "match", "right", "start"]].values.tolist() == [["", "Eins", "zwei drei vier", 0]]
    last = framing.kwic(corpus, "elf", window=3)
    assert last[["left", "match", "right"]].values.tolist() == [["acht neun zehn", "elf", "."]]  # the final mark is kept
    assert last["end"].tolist() == [len(TEN) - 1]
    assert_offsets(corpus, last)


def test_context_stays_within_the_document_but_crosses_sentences_and_paragraphs(tiny):
    corpus = tiny({"a": "Erster Satz hier.\nZweiter Satz mit Ziel. Dritter Satz.", "b": "Anderes Dokument."})
    table = framing.kwic(corpus, "Ziel", window=5)
    assert table[["left", "right", "sentence_id"]].values.tolist() == [["Satz hier. Zweiter Satz mit", ". Dritter Satz.", 2]]


def test_glob_regex_and_fixed(tiny):
    corpus = tiny({"a": "Die Ukraine-Krise und die Ukraine. Ukrainer sind keine Ukr."})
    assert framing.kwic(corpus, "Ukr*")["match"].tolist() == ["Ukraine-Krise", "Ukraine", "Ukrainer", "Ukr"]
    assert framing.kwic(corpus, "Ukrain?")["match"].tolist() == ["Ukraine"]
    assert framing.kwic(corpus, "Ukr*", valuetype="fixed").empty  # "*" is no wildcard here
    assert framing.kwic(corpus, "ukraine", valuetype="fixed")["match"].tolist() == ["Ukraine"]
    assert framing.kwic(corpus, "krise", valuetype="regex")["match"].tolist() == ["Ukraine-Krise"]  # searched, not anchored
    assert framing.kwic(corpus, "^krise$", valuetype="regex").empty
    assert framing.kwic(corpus, r"^Ukraine(-\w+)?$", valuetype="regex")["match"].tolist() == ["Ukraine-Krise", "Ukraine"]


def test_case_sensitivity(tiny):
    corpus = tiny({"a": "Die Lage. Die lage. DIE LAGE."})
    assert framing.kwic(corpus, "lage")["match"].tolist() == ["Lage", "lage", "LAGE"]
    assert framing.kwic(corpus, "lage", case_sensitive=True)["match"].tolist() == ["lage"]
    assert framing.kwic(corpus, "LAGE", valuetype="fixed", case_sensitive=True)["match"].tolist() == ["LAGE"]
    assert framing.kwic(corpus, "l*", valuetype="glob", case_sensitive=True)["match"].tolist() == ["lage"]


def test_swiss_spelling_is_matched_as_written(tiny):
    corpus = tiny({"a": "Der Vizeaussenminister kam. Rund 100'000 Soldaten."})
    assert framing.kwic(corpus, "*aussen*")["match"].tolist() == ["Vizeaussenminister"]
    assert framing.kwic(corpus, "100'000 Soldaten", window=1)[["left", "match", "right"]].values.tolist() == [["Rund", "100'000 Soldaten", "."]]


def test_phrase_skips_punctuation_but_not_sentence_ends(tiny):
    corpus = tiny({"a": "Er kam, der Tag begann. Er kam. Der Tag endete."})
    table = framing.kwic(corpus, "kam der", window=1)
    assert table[["match", "sentence_id"]].values.tolist() == [["kam, der", 1]]


def test_several_patterns_are_searched_each_and_named(tiny):
    corpus = tiny({"a": "Eine Invasion, ein Einmarsch und eine Invasion."})
    table = framing.kwic(corpus, ["Invasion", "Einmarsch"], window=0)
    assert table[["match", "pattern"]].values.tolist() == [
        ["Invasion", "Invasion"], ["Einmarsch", "Einmarsch"], ["Invasion", "Invasion"],
    ]


def test_no_match_returns_empty_table_with_columns(tiny):
    table = framing.kwic(tiny({"a": TEN}), "Invasion")
    assert table.empty and list(table.columns) == KWIC_COLUMNS


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pattern": ""}, "is empty"),
        ({"pattern": "   "}, "is empty"),
        ({"pattern": []}, "no pattern given"),
        ({"pattern": ["Lage", ""]}, "is empty"),
        ({"pattern": "(", "valuetype": "regex"}, "not a valid regular expression"),
        ({"pattern": "Lage", "window": -1}, "window must be"),
        ({"pattern": "Lage", "unit": "stem"}, "unit must be one of token, lemma"),
        ({"pattern": "Lage", "valuetype": "wildcard"}, "valuetype must be one of glob, regex, fixed"),
        ({"pattern": 5}, "must be text"),
    ],
    ids=["empty", "only_spaces", "empty_list", "empty_in_list", "invalid_regex", "negative_window",
         "unknown_unit", "unknown_valuetype", "not_text"],
)
def test_invalid_arguments_raise_value_error(tiny, kwargs, message):
    corpus = tiny({"a": TEN})
    pattern = kwargs.pop("pattern")
    with pytest.raises(ValueError, match=message):
        framing.kwic(corpus, pattern, **kwargs)
