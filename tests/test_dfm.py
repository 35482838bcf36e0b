"""Document-feature matrix: words only, stop words, case folding, compounds, numbers, n-grams, grouping."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from scipy import sparse

import framing
from framing.dfm import Dfm, FeatureOptions, dfm, dfm_from_tokens

TWO_OUTLETS = [
    {"outlet_id": "o1", "name": "Eins", "country": "DE", "ownership": "private"},
    {"outlet_id": "o2", "name": "Zwei", "country": "RU", "ownership": "state"},
]


def counts(d: Dfm, row: int | None = None) -> dict[str, int]:
    """Return {feature: count} of one row (or of the whole matrix), leaving out zeros."""
    values = d.matrix.sum(axis=0) if row is None else d.matrix[[row]].toarray()[0]
    return {feature: int(n) for feature, n in zip(d.features, np.asarray(values).ravel()) if n}


@pytest.fixture
def one_doc(make_corpus):
    """Return a function: text -> the loaded corpus of one article with that text."""
    made = []

    def make(text: str):
        made.append(text)
        return framing.load_corpus(make_corpus({"a": text}, folder=f"corpus{len(made)}"))
    return make


# --- what counts as a feature -------------------------------------------------------------


def test_counts_words_only_without_stop_words(one_doc):
    # words: Die Nato tagt . Die Nato tagt in Brüssel . -> stop words die, die, in; punctuation never counts
    d = dfm(one_doc("Die Nato tagt. Die Nato tagt in Brüssel.\n"))
    assert counts(d) == {"Nato": 2, "tagen": 2, "Brüssel": 1}


def test_keeps_stop_words_on_request(one_doc):
    d = dfm(one_doc("Die Nato tagt. Die Nato tagt in Brüssel.\n"), remove_stopwords=False)
    assert counts(d) == {"der": 2, "Nato": 2, "tagen": 2, "in": 1, "Brüssel": 1}


def test_unit_token_counts_surface_forms(one_doc):
    d = dfm(one_doc("Die Nato tagt. Die Nato tagte.\n"), unit="token")
    assert counts(d) == {"Nato": 2, "tagt": 1, "tagte": 1}


def test_nato_and_NATO_are_one_feature_labelled_with_the_commoner_form(one_doc):
    # Nato twice, NATO once: one feature, 3 occurrences, shown as "Nato"
    d = dfm(one_doc("NATO und Nato treffen sich. Die Nato tagt.\n"))
    assert counts(d) == {"Nato": 3, "treffen": 1, "tagen": 1}
    # NATO twice, Nato once: shown as "NATO"
    d = dfm(one_doc("NATO und Nato treffen sich. Die NATO tagt.\n"), unit="token")
    assert counts(d) == {"NATO": 3, "treffen": 1, "tagt": 1}


def test_case_folding_tie_goes_to_the_form_seen_first(one_doc):
    assert counts(dfm(one_doc("NATO tagt. Nato tagt.\n"))) == {"NATO": 2, "tagen": 2}
    assert counts(dfm(one_doc("Nato tagt. NATO tagt.\n"))) == {"Nato": 2, "tagen": 2}


def test_hyphenated_compounds_are_one_feature(one_doc):
    corpus = one_doc("Der Nato-Russland-Rat tagt zur Ukraine-Krise. Die NATO-Russland-Rates Sitzung endet.\n")
    # lemma: "Nato-Russland-Rat" and "NATO-Russland-Rates" have the lemmas Nato-Russland-Rat and
    # NATO-Russland-Rat, one feature after case folding (1:1, so the first form seen labels it)
    lemmas = counts(dfm(corpus))
    assert lemmas == {"Nato-Russland-Rat": 2, "tagen": 1, "Ukraine-Krise": 1, "Sitzung": 1, "enden": 1}
    # surface forms: the genitive is another word form
    tokens = counts(dfm(corpus, unit="token"))
    assert tokens["Nato-Russland-Rat"] == 1 and tokens["NATO-Russland-Rates"] == 1
    assert not {"Nato", "Russland", "Rat", "Ukraine", "Krise"} & set(tokens)


def test_removes_numbers_on_request(one_doc):
    corpus = one_doc("Die Nato hat 30 Mitglieder. Es geht um 100'000 Soldaten im Jahr 2022.\n")
    assert {"30", "100'000", "2022"} <= set(counts(dfm(corpus)))
    kept = counts(dfm(corpus, remove_numbers=True))
    assert not {"30", "100'000", "2022"} & set(kept)
    assert {"Nato", "Mitglied", "Soldat", "Jahr"} <= set(kept)


# --- n-grams ---------------------------------------------------------------------------


def test_bigrams_stay_within_sentences_and_skip_stop_words(one_doc):
    # sentence 1 kept words: Nato tagen Brüssel ("Die", "in" are stop words); sentence 2: Russland drohen
    corpus = one_doc("Die Nato tagt in Brüssel. Russland droht.\n")
    assert counts(dfm(corpus, ngram=2)) == {"Nato tagen": 1, "tagen Brüssel": 1, "Russland drohen": 1}
    assert counts(dfm(corpus, ngram=3)) == {"Nato tagen Brüssel": 1}


def test_ngrams_stay_within_documents(make_corpus):
    # both documents are one sentence (sentence_id 1): no bigram may join "tagen" of a and "Russland" of b
    corpus = framing.load_corpus(make_corpus({"a": "Die Nato tagt.\n", "b": "Russland droht.\n"}))
    d = dfm(corpus, ngram=2)
    assert counts(d, 0) == {"Nato tagen": 1}
    assert counts(d, 1) == {"Russland drohen": 1}


def test_several_ngram_sizes_side_by_side(one_doc):
    d = dfm(one_doc("NATO tagt. Nato tagt. Nato tagt.\n"), ngram=(2, 1))
    assert d.options.ngram == (1, 2)
    # bigrams fold case like words: "NATO tagen" and "Nato tagen" are one, labelled with the words' labels
    assert counts(d) == {"Nato": 3, "tagen": 3, "Nato tagen": 3}


def test_ngrams_of_a_vocabulary_too_large_to_pack_count_the_same(one_doc, monkeypatch):
    # beyond about 1.6 million words, trigram codes no longer fit in one int64; the fallback path
    # (unique rows of word codes) must count the same n-grams
    corpus = one_doc("NATO tagt in Brüssel. Nato tagt. Russland droht, Nato tagt in Brüssel.\n")
    packed = counts(dfm_from_tokens(framing.tokens(corpus), corpus.documents, FeatureOptions(ngram=(2, 3))))
    monkeypatch.setattr(importlib.import_module("framing.dfm"), "_PACKED_BITS", 0)
    unpacked = counts(dfm_from_tokens(framing.tokens(corpus), corpus.documents, FeatureOptions(ngram=(2, 3))))
    assert unpacked == packed
    assert packed["Nato tagen Brüssel"] == 2 and packed["Nato tagen"] == 3


def test_sentence_shorter_than_n_gives_no_ngram(one_doc):
    assert counts(dfm(one_doc("Nato tagt.\n"), ngram=3)) == {}


# --- the matrix and its documents -------------------------------------------------------


def test_matrix_is_sparse_integer_counts_with_rows_in_document_order(make_corpus):
    path = make_corpus({"a": "Nato tagt.\n", "b": "!!!\n", "c": "Russland droht. Russland droht.\n"})
    corpus = framing.load_corpus(path)
    d = dfm(corpus)
    assert isinstance(d.matrix, sparse.csr_array)
    assert d.matrix.dtype == np.int64
    assert d.matrix.shape == (3, 4) == (d.n_documents, d.n_features)
    assert d.docvars["doc_id"].tolist() == corpus.documents["doc_id"].tolist() == ["a", "b", "c"]
    assert counts(d, 1) == {}  # a document without words keeps its row
    assert counts(d, 2) == {"Russland": 2, "drohen": 2}
    assert d.n_tokens.tolist() == [2, 0, 4]
    assert not {"raw_text", "text"} & set(d.docvars.columns)
    assert {"outlet_id", "ownership", "country"} <= set(d.docvars.columns)


def test_is_built_once_per_corpus_and_options(one_doc):
    corpus = one_doc("Nato tagt.\n")
    assert dfm(corpus) is dfm(corpus)
    assert dfm(corpus, unit="token") is not dfm(corpus)


def test_rejects_unknown_options(one_doc):
    corpus = one_doc("Nato tagt.\n")
    with pytest.raises(ValueError, match="unit must be one of 'lemma', 'token'"):
        dfm(corpus, unit="stem")
    with pytest.raises(ValueError, match="ngram must be 1, 2 or 3"):
        dfm(corpus, ngram=4)
    with pytest.raises(ValueError, match="ngram must be 1, 2 or 3"):
        FeatureOptions(ngram=(1, 0))


def test_group_sums_rows_per_value_and_keeps_constant_columns(make_corpus):
    path = make_corpus(
        {"a": "Nato tagt.\n", "b": "Nato droht.\n", "c": "Russland droht.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o1"}, {"doc_id": "c", "outlet_id": "o2"}],
        outlets=TWO_OUTLETS,
    )
    d = dfm(framing.load_corpus(path))
    grouped = d.group("outlet_id")
    assert grouped.docvars["outlet_id"].tolist() == ["o1", "o2"]
    assert grouped.docvars["n_documents"].tolist() == [2, 1]
    assert grouped.docvars["ownership"].tolist() == ["private", "state"]  # constant within each outlet
    assert "doc_id" not in grouped.docvars.columns  # differs within o1
    assert counts(grouped, 0) == {"Nato": 2, "tagen": 1, "drohen": 1}
    assert counts(grouped, 1) == {"Russland": 1, "drohen": 1}
    assert list(grouped.features) == list(d.features)
    # grouping a grouped matrix adds up the documents behind each row
    by_ownership = grouped.group("ownership")
    assert by_ownership.docvars["n_documents"].tolist() == [2, 1]
    assert (by_ownership.matrix != grouped.matrix).nnz == 0
    with pytest.raises(ValueError, match="not a document variable"):
        d.group("party")


# --- the seed corpus ----------------------------------------------------------------------


def test_seed_corpus_counts_every_non_stop_word(seed_corpus):
    d = dfm(seed_corpus)
    tokens = framing.tokens(seed_corpus)
    assert d.matrix.sum() == (tokens["is_word"] & ~tokens["is_stop"]).sum()
    total = counts(d)
    # "Nato" 25× and "NATO" 14× (plus genitives): one feature labelled Nato
    assert total["Nato"] == 39 and "NATO" not in total
    # Nato-Russland-Rat (4), -Rats (1), NATO-Russland-Rat (1), -Rates (1): one feature
    assert total["Nato-Russland-Rat"] == 7
    assert d.group("ownership").docvars["ownership"].tolist() == ["private", "state"]
