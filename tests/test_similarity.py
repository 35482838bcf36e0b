"""Document similarity: cosine of lemma TF-IDF, hand-checked on tiny matrices and corpora, and on the seed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import sparse

import framing
from framing.similarity import SIMILARITY_COLUMNS, similarity_from_counts, tfidf

OUTLETS = [{"outlet_id": o, "name": o.upper()} for o in ("o1", "o2", "o3")]


def test_tfidf_and_cosine_match_a_hand_computation():
    # counts: d0 = {x: 1, y: 1}, d1 = {x: 1, z: 1}, d2 = {z: 2}
    counts = sparse.csr_array(np.array([[1, 1, 0], [1, 0, 1], [0, 0, 2]]))
    idf_xz, idf_y = math.log(4 / 3) + 1, math.log(4 / 2) + 1  # smooth idf, n = 3, df(x) = df(z) = 2, df(y) = 1
    tf_2 = 1 + math.log(2)  # sublinear tf of a count of 2
    d0, d1, d2 = np.array([idf_xz, idf_y, 0]), np.array([idf_xz, 0, idf_xz]), np.array([0, 0, tf_2 * idf_xz])
    cos = lambda u, v: u @ v / np.linalg.norm(u) / np.linalg.norm(v)  # noqa: E731
    table = similarity_from_counts(counts, ["d0", "d1", "d2"]).set_index(["a", "b"])["similarity"]
    assert table[("d0", "d1")] == pytest.approx(cos(d0, d1)) == pytest.approx(0.4280, abs=1e-4)
    assert table[("d1", "d2")] == pytest.approx(cos(d1, d2)) == pytest.approx(math.sqrt(0.5))  # d1 = (w, 0, w), d2 = (0, 0, w')
    assert table[("d0", "d2")] == 0
    assert np.allclose(np.sqrt(tfidf(counts).multiply(tfidf(counts)).sum(axis=1)), 1)


def test_table_is_symmetric_with_one_on_the_diagonal_and_counts():
    counts = sparse.csr_array(np.array([[1, 1, 0], [1, 0, 1], [0, 0, 2]]))
    table = similarity_from_counts(counts, ["d0", "d1", "d2"])
    assert list(table.columns) == SIMILARITY_COLUMNS and len(table) == 9
    square = table.pivot(index="a", columns="b", values="similarity").to_numpy()
    assert np.allclose(square, square.T) and np.allclose(np.diag(square), 1)
    row = table.set_index(["a", "b"]).loc[("d1", "d2")]
    assert (row["n_shared_features"], row["n_features_a"], row["n_tokens_b"]) == (1, 2, 2)


@pytest.fixture
def tiny(make_corpus):
    articles = {
        "a": "Genfer Gespräche\nDie Minister sprechen in Genf über Raketen und Truppen.\n",
        "b": "Genfer Runde\nDie Minister sprechen in Genf über Raketen und Truppen.\n",
        "c": "Zoo Basel\nDer Zoo in Basel bekommt einen Elefanten.\n",
    }
    meta = [{"doc_id": d, "outlet_id": o, "title": t} for d, o, t in
            (("a", "o1", "Genfer Gespräche"), ("b", "o1", "Genfer Runde"), ("c", "o2", "Zoo Basel"))]
    return framing.load_corpus(make_corpus(articles, metadata=meta, outlets=OUTLETS))


def test_documents_with_the_same_words_are_alike_and_unrelated_ones_are_not(tiny):
    table = framing.similarity(tiny).set_index(["a", "b"])
    assert table.at[("a", "b"), "similarity"] > 0.7  # all words but the headlines' "Gespräche"/"Runde"
    assert table.at[("a", "c"), "similarity"] == 0  # no lemma in common once stop words are gone
    assert table.at[("a", "c"), "n_shared_features"] == 0
    order = framing.similarity_order(framing.similarity(tiny))
    assert abs(order.index("a") - order.index("b")) == 1


def test_by_outlet_pools_the_articles_of_each_outlet(tiny):
    table = framing.similarity(tiny, by="outlet_id")
    assert set(table["a"]) == {"o1", "o2"}
    row = table.set_index(["a", "b"]).loc[("o1", "o2")]
    assert row["n_documents_a"] == 2 and row["n_documents_b"] == 1
    with pytest.raises(ValueError, match="by must be"):
        framing.similarity(tiny, by="ownership")


def test_seed_similarity_is_a_proper_similarity_matrix(seed_corpus):
    table = framing.similarity(seed_corpus)
    square = framing.similarity_matrix(table).to_numpy()
    assert square.shape == (5, 5)
    assert np.allclose(square, square.T) and np.allclose(np.diag(square), 1)
    assert ((square >= 0) & (square <= 1)).all()
    assert (table["n_tokens_a"] > 100).all() and (table["n_features_a"] > 50).all()
    order = framing.similarity_order(table)
    assert sorted(order) == sorted(seed_corpus.doc_ids)


def test_seed_outlets_that_share_agency_copy_read_alike(seed_corpus):
    # Nau.ch (000) and SNA (004) share a paragraph of agency copy word for word (Gruschko, Fomin, the ambassadors):
    # SNA's most similar article is Nau.ch's, and the clustering puts them side by side.
    table = framing.similarity(seed_corpus, by="outlet_id")
    others = table[(table["a"] == "sna") & (table["b"] != "sna")].set_index("b")["similarity"]
    assert others.idxmax() == "nau"
    order = framing.similarity_order(table)
    assert abs(order.index("nau") - order.index("sna")) == 1
