"""Document-feature matrices: how often each word (lemma, surface form or n-gram) occurs in each document.

`dfm(corpus)` counts the tokens of the one text pass (`framing.tokens`), so
words are exactly the text pass's words: hyphenated compounds
("Nato-Russland-Rat", "Ukraine-Krise") are single features, stop words are
the ones of `lexicons/stopwords.yaml`, lemmas those of simplemma corrected by
`lexicons/lemmas.yaml`.

Everything is done on whole arrays (pandas `factorize`, NumPy indexing, a
SciPy sparse matrix), never one token at a time: work that depends on the word
itself (lower-casing, "is this a number?", choosing the label) is done once
per distinct form, so building the matrix of 100,000 articles costs seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from .corpus import Corpus
from .text import tokens as corpus_tokens

UNITS = ("lemma", "token")
MAX_NGRAM = 3
# Columns of the documents table that hold whole texts: not document variables.
TEXT_COLUMNS = ("raw_text", "text")
# A form with a letter (any script) is a word; one without is a number ("2022", "100.000", "12.").
_HAS_LETTER = r"[^\W\d_]"
# An n-gram's word codes are packed into one int64 while n·log2(vocabulary) stays below this.
_PACKED_BITS = 62


@dataclass(frozen=True)
class FeatureOptions:
    """What counts as a feature of a document-feature matrix.

    Attributes:
        unit: "lemma" (the default: "Gesprächen" and "Gespräch" are one
            feature) or "token" (the surface form as written).
        ngram: 1, 2 or 3 (unigrams, bigrams, trigrams), or several of them
            ((1, 2) counts unigrams and bigrams side by side). N-grams are
            formed within a sentence, over the words that remain after
            stop-word (and number) removal, and joined by a space, as
            quanteda's `tokens_ngrams` does after `tokens_remove`: "Treffen
            der Nato" gives the bigram "Treffen Nato".
        remove_stopwords: leave out the stop words of `lexicons/stopwords.yaml`.
        remove_numbers: leave out words without a letter ("2022", "100'000", "12.").
    """

    unit: str = "lemma"
    ngram: int | tuple[int, ...] = 1
    remove_stopwords: bool = True
    remove_numbers: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(map(repr, UNITS))}, not {self.unit!r}")
        sizes = (self.ngram,) if isinstance(self.ngram, (int, np.integer)) else tuple(self.ngram)
        if not sizes or any(isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_NGRAM for n in sizes):
            raise ValueError(f"ngram must be 1, 2 or 3, or a tuple of them such as (1, 2); got {self.ngram!r}")
        sizes = tuple(sorted({int(n) for n in sizes}))
        object.__setattr__(self, "ngram", sizes[0] if len(sizes) == 1 else sizes)

    @property
    def ngram_sizes(self) -> tuple[int, ...]:
        """Return the n-gram sizes as a tuple, even for a single size."""
        return self.ngram if isinstance(self.ngram, tuple) else (self.ngram,)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Return the names of the options (the keyword arguments of `framing.dfm`)."""
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, eq=False)
class Dfm:
    """A document-feature matrix: integer counts, one row per document (or group), one column per feature.

    Attributes:
        matrix: `scipy.sparse.csr_array` of int64 counts, documents × features.
        features: the feature labels (a pandas Index of str, one per column):
            the most frequent written form of the feature in the corpus
            ("Nato" if it occurs more often than "NATO"); n-grams are the
            labels of their words joined by a space.
        docvars: the documents table without its text columns, one row per
            matrix row, in the same order (`doc_id, outlet_id, ownership,
            country, leaning …`). A grouped matrix has the grouping column,
            `n_documents` and every column that is constant within each group.
        options: the `FeatureOptions` the matrix was built with.
    """

    matrix: sparse.csr_array
    features: pd.Index
    docvars: pd.DataFrame
    options: FeatureOptions

    @property
    def n_documents(self) -> int:
        """Return the number of rows (documents, or groups for a grouped matrix)."""
        return self.matrix.shape[0]

    @property
    def n_features(self) -> int:
        """Return the number of features (columns)."""
        return self.matrix.shape[1]

    @cached_property
    def n_tokens(self) -> np.ndarray:
        """Return the number of counted tokens (n-grams) of each row."""
        return np.asarray(self.matrix.sum(axis=1)).ravel().astype(np.int64)

    def group(self, by: str) -> "Dfm":
        """Return the matrix with the rows of each value of docvars column `by` summed into one.

        Args:
            by: a docvars column: `outlet_id`, `ownership`, `country`,
                `leaning`, or any other.

        Returns:
            A `Dfm` with one row per value of `by`, in sorted order (a missing
            value is a group of its own, last), the same features, and docvars
            `by`, `n_documents` (how many documents each row sums) and every
            other column whose value is the same for all documents of each
            group (grouping by `outlet_id` keeps `ownership` and `country`).
        """
        if by not in self.docvars.columns:
            raise ValueError(f"cannot group by {by!r}: it is not a document variable; available: {', '.join(map(str, self.docvars.columns))}")
        codes, values = pd.factorize(self.docvars[by], sort=True, use_na_sentinel=False)
        n_groups = len(values)
        n_rows = self.n_documents
        indicator = sparse.csr_array((np.ones(n_rows, dtype=np.int64), (codes, np.arange(n_rows))), shape=(n_groups, n_rows))
        matrix = sparse.csr_array(indicator @ self.matrix)
        matrix.sort_indices()
        if "n_documents" in self.docvars.columns:  # grouping a grouped matrix: add up what each row already sums
            n_documents = np.bincount(codes, weights=self.docvars["n_documents"].to_numpy(), minlength=n_groups).astype(np.int64)
        else:
            n_documents = np.bincount(codes, minlength=n_groups).astype(np.int64)
        docvars = pd.DataFrame({by: values, "n_documents": n_documents})
        others = [column for column in self.docvars.columns if column not in (by, "n_documents")]
        if others and n_rows:
            grouped = self.docvars[others].groupby(codes, sort=True, dropna=False)
            constant = grouped.nunique(dropna=False).le(1).all()
            kept = [column for column in others if constant[column]]
            if kept:
                docvars = pd.concat([docvars, grouped[kept].first().reset_index(drop=True)], axis=1)
        return Dfm(matrix=matrix, features=self.features, docvars=docvars, options=self.options)

    def __repr__(self) -> str:
        return (f"Dfm({self.n_documents} documents × {self.n_features} features, "
                f"{int(self.matrix.sum())} tokens; {self.options})")


def dfm(corpus: Corpus, *, unit: str = "lemma", ngram: int | tuple[int, ...] = 1,
        remove_stopwords: bool = True, remove_numbers: bool = False) -> Dfm:
    """Return the document-feature matrix of a corpus: how often each feature occurs in each document.

    Only words count (tokens with a letter or digit; punctuation never).
    Features are case-folded: "NATO" and "Nato" are one feature, shown under
    the form written more often in the corpus (on a tie, the form that occurs
    first). Hyphenated compounds stay one feature ("Nato-Russland-Rat" and
    "NATO-Russland-Rates" are both the lemma feature "Nato-Russland-Rat").
    The matrix is computed once per corpus and options, then reused.

    Args:
        corpus: a loaded corpus (`framing.load_corpus` or `framing.open_build`).
        unit: "lemma" or "token" (the surface form).
        ngram: 1, 2 or 3, or a tuple of them; n-grams stay within a sentence
            and are formed after stop words are removed (see `FeatureOptions`).
        remove_stopwords: leave out the stop words of `lexicons/stopwords.yaml`.
        remove_numbers: leave out words without a letter ("2022", "100'000").

    Returns:
        A `Dfm`: `matrix` (sparse int64 counts, documents × features, rows in
        the order of `corpus.documents`), `features` (labels), `docvars` (the
        documents table without `raw_text` and `text`) and `options`.

    References:
        Benoit, K. et al. (2018). quanteda: An R package for the quantitative
        analysis of textual data. *Journal of Open Source Software* 3(30), 774
        (the corpus → tokens → dfm design and its n-gram convention).
    """
    options = FeatureOptions(unit=unit, ngram=ngram, remove_stopwords=remove_stopwords, remove_numbers=remove_numbers)
    key = ("dfm", options)
    if key not in corpus._cache:
        corpus._cache[key] = dfm_from_tokens(corpus_tokens(corpus), corpus.documents, options)
    return corpus._cache[key]


def dfm_from_tokens(tokens: pd.DataFrame, documents: pd.DataFrame, options: FeatureOptions | None = None) -> Dfm:
    """Return the document-feature matrix of a tokens table (the work behind `dfm`, without its cache).

    Args:
        tokens: the text pass's tokens table (columns `doc_id, sentence_id,
            text, lemma, is_word, is_stop` are used), in document and token
            order.
        documents: the documents table; its rows become the matrix's rows (a
            document without tokens gets a row of zeros).
        options: what counts as a feature (default `FeatureOptions()`).

    Returns:
        A `Dfm` (see `dfm`).
    """
    options = options or FeatureOptions()
    docvars = documents.drop(columns=[c for c in TEXT_COLUMNS if c in documents.columns]).reset_index(drop=True)
    keep = tokens["is_word"].to_numpy(dtype=bool, copy=True)
    if options.remove_stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    keep_at = np.flatnonzero(keep)
    column = "lemma" if options.unit == "lemma" else "text"

    # distinct written forms, counted once each; from here on a token is an integer
    form_of_token, forms = pd.factorize(tokens[column].array.take(keep_at))
    forms = pd.Index(forms, dtype="str")
    if options.remove_numbers:
        is_number = ~np.asarray(forms.str.contains(_HAS_LETTER, regex=True), dtype=bool)
        if is_number.any():
            words = ~is_number[form_of_token]
            keep_at, form_of_token = keep_at[words], form_of_token[words]
            form_of_token, used = pd.factorize(form_of_token)
            forms = forms[used]
    form_counts = np.bincount(form_of_token, minlength=len(forms))

    # case folding: the lower-cased form is the identity, the commonest written form the label
    key_of_form, keys = pd.factorize(forms.str.lower())
    order = np.lexsort((np.arange(len(forms)), -form_counts, key_of_form))  # by key, most frequent first, then first seen
    best = order[np.r_[True, key_of_form[order][1:] != key_of_form[order][:-1]]] if len(order) else order
    labels = forms[best]  # best[k] is the label form of key k (keys come out of the sort in code order)
    word_of_token = key_of_form[form_of_token]

    doc_codes, doc_ids = pd.factorize(tokens["doc_id"].array.take(keep_at))
    row_of_doc = pd.Index(docvars["doc_id"]).get_indexer(doc_ids)
    if (row_of_doc < 0).any():
        missing = [str(d) for d in np.asarray(doc_ids)[row_of_doc < 0][:5]]
        raise ValueError(f"the tokens table has documents that are not in the documents table: {', '.join(missing)}")
    row_of_token = row_of_doc[doc_codes]

    rows, columns, label_parts = [], [], []
    n_features = 0
    for n in options.ngram_sizes:
        if n == 1:
            row, feature, feature_labels = row_of_token, word_of_token, labels
        else:
            sentence = tokens["sentence_id"].to_numpy()[keep_at]
            row, feature, feature_labels = _ngrams(n, row_of_token, sentence, word_of_token, labels)
        rows.append(row)
        columns.append(feature + n_features)
        label_parts.append(feature_labels)
        n_features += len(feature_labels)

    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    column = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    matrix = sparse.coo_array((np.ones(len(row), dtype=np.int64), (row, column)), shape=(len(docvars), n_features)).tocsr()
    matrix.sum_duplicates()
    features = pd.Index(np.concatenate([np.asarray(part, dtype=object) for part in label_parts]) if label_parts else [], dtype="str")
    return Dfm(matrix=matrix, features=features, docvars=docvars, options=options)


def _ngrams(n: int, row: np.ndarray, sentence: np.ndarray, word: np.ndarray, labels: pd.Index) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Return the row, feature code and feature labels of every n-gram of n consecutive kept words.

    An n-gram starts at every kept word whose n-1th successor is in the same
    document and sentence (kept words are in text order, so every word between
    is too). Its identity combines the word codes into one integer when that
    fits in 63 bits, else rows of codes are made unique.
    """
    m = len(word) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), pd.Index([], dtype="str")
    starts = np.flatnonzero((row[: m] == row[n - 1:]) & (sentence[: m] == sentence[n - 1:]))
    parts = [word[starts + j].astype(np.int64) for j in range(n)]
    n_words = max(len(labels), 1)
    if n * np.log2(n_words) < _PACKED_BITS:
        combined = np.zeros(len(starts), dtype=np.int64)
        for part in parts:
            combined = combined * n_words + part
        feature, unique = pd.factorize(combined)
        components = []
        for _ in range(n):
            unique, component = np.divmod(unique, n_words)
            components.append(component)
        components.reverse()
    else:
        unique_rows, feature = np.unique(np.stack(parts, axis=1), axis=0, return_inverse=True)
        feature = feature.ravel()
        components = [unique_rows[:, j] for j in range(n)]
    label_series = pd.Series(labels.take(components[0]), dtype="str")
    feature_labels = label_series.str.cat([pd.Series(labels.take(c), dtype="str") for c in components[1:]], sep=" ")
    return row[starts], feature, pd.Index(feature_labels, dtype="str")
