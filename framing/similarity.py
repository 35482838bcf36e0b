"""Document similarity: which articles (or outlets) use the same words.

`similarity(corpus)` compares every pair of documents (or of outlets, their
articles pooled) by the cosine of their lemma TF-IDF vectors without stop
words, from `framing.dfm`. `similarity_order(table)` gives the order of a
hierarchical clustering (scipy, average linkage on 1 − similarity), so that a
heatmap puts the ones that read alike next to each other.

What it measures: shared vocabulary, weighted towards words that not every
document uses. What it cannot tell: two articles can use the same words to
say opposite things, agency copy makes outlets alike without any choice of
theirs, and a translated or machine-translated text (CNN via an aggregator)
differs in wording for reasons that are not the outlet's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from .corpus import Corpus
from .dfm import dfm

SIMILARITY_BY = ("doc_id", "outlet_id")
SIMILARITY_COLUMNS = ["a", "b", "similarity", "n_shared_features", "n_features_a", "n_features_b",
                      "n_tokens_a", "n_tokens_b", "n_documents_a", "n_documents_b"]


def tfidf(counts: sparse.csr_array) -> sparse.csr_array:
    """Return the L2-normalised TF-IDF weights of a count matrix (rows are documents).

    Weighting: term frequency `1 + ln(count)` (sublinear, so a word used ten
    times does not count ten times as much) times the smooth inverse
    document frequency `ln((1 + n) / (1 + df)) + 1` (n rows, df rows holding
    the word: a word in every row keeps weight 1, not 0, as in
    scikit-learn's `TfidfVectorizer(sublinear_tf=True)`); each row is then
    scaled to length 1, so the dot product of two rows is their cosine.

    Args:
        counts: sparse counts, rows × features.

    Returns:
        A `scipy.sparse.csr_array` of float weights of the same shape.
    """
    counts = sparse.csr_array(counts, dtype=float)
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]) if counts.nnz else np.zeros(counts.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    weights = counts.copy()
    weights.data = 1 + np.log(weights.data)
    weights = sparse.csr_array(weights @ sparse.diags_array(idf))
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_array(sparse.diags_array(1 / norms) @ weights)


def similarity(corpus: Corpus, *, by: str = "doc_id") -> pd.DataFrame:
    """Return the cosine similarity of every pair of documents (or outlets) on lemma TF-IDF without stop words.

    Features are the lemmas of `framing.dfm(corpus)` (stop words of
    `lexicons/stopwords.yaml` removed, case-folded); weights as `tfidf`
    describes, with the document frequency counted over the rows compared
    (documents, or outlets when `by="outlet_id"`, whose articles are pooled).

    Args:
        corpus: a loaded corpus.
        by: "doc_id" (every article) or "outlet_id" (each outlet's articles
            pooled into one text).

    Returns:
        One row per ordered pair, the diagonal included (so it pivots into a
        full square matrix): `a, b` (doc ids or outlet ids), `similarity`
        (cosine, 0 = no word in common, 1 = the same weighted vocabulary;
        symmetric), `n_shared_features` (lemmas both use), `n_features_a,
        n_features_b` (distinct lemmas), `n_tokens_a, n_tokens_b` (lemma
        tokens counted), `n_documents_a, n_documents_b` (articles pooled).

    References:
        Salton, G. & Buckley, C. (1988). Term-weighting approaches in
        automatic text retrieval. *Information Processing & Management*
        24(5); Manning, C. D., Raghavan, P. & Schütze, H. (2008).
        *Introduction to Information Retrieval*, ch. 6.
    """
    if by not in SIMILARITY_BY:
        raise ValueError(f"by must be one of {', '.join(map(repr, SIMILARITY_BY))}, not {by!r}")
    matrix = dfm(corpus)
    if by == "outlet_id":
        matrix = matrix.group("outlet_id")
        labels = matrix.docvars["outlet_id"].fillna("").astype(str).tolist()
        n_documents = matrix.docvars["n_documents"].to_numpy(dtype=np.int64)
    else:
        labels = matrix.docvars["doc_id"].astype(str).tolist()
        n_documents = np.ones(len(labels), dtype=np.int64)
    counts = sparse.csr_array(matrix.matrix)
    return similarity_from_counts(counts, labels, n_documents=n_documents)


def similarity_from_counts(counts: sparse.csr_array, labels: list[str], *, n_documents: np.ndarray | None = None) -> pd.DataFrame:
    """Return the similarity table (see `similarity`) of a count matrix whose rows are named by `labels`.

    Args:
        counts: sparse counts, rows × features.
        labels: one name per row.
        n_documents: how many documents each row pools (default 1 each).

    Returns:
        The columns of `similarity`.
    """
    counts = sparse.csr_array(counts)
    n = counts.shape[0]
    if len(labels) != n:
        raise ValueError(f"{len(labels)} labels for {n} rows")
    n_documents = np.ones(n, dtype=np.int64) if n_documents is None else np.asarray(n_documents, dtype=np.int64)
    weights = tfidf(counts)
    cosine = np.clip((weights @ weights.T).toarray(), 0.0, 1.0)
    present = sparse.csr_array((counts > 0).astype(np.int64))
    shared = (present @ present.T).toarray()
    n_features = np.asarray(present.sum(axis=1)).ravel().astype(np.int64)
    n_tokens = np.asarray(counts.sum(axis=1)).ravel().astype(np.int64)
    for k in range(n):  # a document with words is identical to itself; one without has no similarity to measure
        cosine[k, k] = 1.0 if n_features[k] else np.nan
    a, b = np.divmod(np.arange(n * n), n) if n else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    labels = np.asarray(labels, dtype=object)
    return pd.DataFrame({
        "a": labels[a], "b": labels[b], "similarity": cosine[a, b],
        "n_shared_features": shared[a, b].astype(np.int64),
        "n_features_a": n_features[a], "n_features_b": n_features[b],
        "n_tokens_a": n_tokens[a], "n_tokens_b": n_tokens[b],
        "n_documents_a": n_documents[a], "n_documents_b": n_documents[b],
    }, columns=SIMILARITY_COLUMNS)


def similarity_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Return the similarity table as a square DataFrame (rows and columns in first-appearance order).

    Args:
        table: the table `similarity` returns.

    Returns:
        A square DataFrame indexed by `a`, columns `b`.
    """
    names = list(dict.fromkeys(table["a"].tolist()))
    square = table.pivot(index="a", columns="b", values="similarity")
    return square.reindex(index=names, columns=names)


def similarity_linkage(table: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Return the hierarchical clustering of the similarity table and the names of its leaves.

    Average linkage (UPGMA) on the distance `1 - similarity`, with the
    leaves put in optimal order (Bar-Joseph et al. 2001), so neighbours in
    the order are as alike as the tree allows.

    Args:
        table: the table `similarity` returns.

    Returns:
        `(linkage, names)`: scipy's linkage matrix (empty for fewer than two
        rows) and the names in the order of the matrix's rows.

    References:
        Bar-Joseph, Z., Gifford, D. K. & Jaakkola, T. S. (2001). Fast optimal
        leaf ordering for hierarchical clustering. *Bioinformatics* 17(suppl 1).
    """
    square = similarity_matrix(table)
    names = [str(n) for n in square.index]
    if len(names) < 2:
        return np.zeros((0, 4)), names
    distance = 1.0 - square.to_numpy(dtype=float)
    distance = np.nan_to_num(distance, nan=1.0)
    distance = np.clip((distance + distance.T) / 2, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    from scipy.cluster.hierarchy import linkage, optimal_leaf_ordering  # imported when used: slow to import (see keyness)
    from scipy.spatial.distance import squareform

    condensed = squareform(distance, checks=False)
    tree = linkage(condensed, method="average")
    if len(names) > 2:
        tree = optimal_leaf_ordering(tree, condensed)
    return tree, names


def similarity_order(table: pd.DataFrame) -> list[str]:
    """Return the names (doc ids or outlet ids) in the order of their hierarchical clustering.

    Args:
        table: the table `similarity` returns.

    Returns:
        The names, those that read alike next to each other (see `similarity_linkage`).
    """
    tree, names = similarity_linkage(table)
    if len(names) < 2:
        return names
    from scipy.cluster.hierarchy import leaves_list

    return [names[k] for k in leaves_list(tree)]
