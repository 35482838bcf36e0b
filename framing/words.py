"""Word tokens as arrays: the shared word positions that kwic, naming, frames, hedges, actors and quotes match on.

`word_tokens(corpus)` turns `framing.tokens` into one `WordTokens` per corpus
(computed once, then kept in the corpus's cache): the tokens with a letter or
digit, in document order, their lemmas and surface forms factorised into
codes per type, so that matching runs once per distinct word and spreads to
tokens by array indexing. `find_sequences` finds a sequence of word
conditions (a phrase) within sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .corpus import Corpus
from .text import tokens


@dataclass(frozen=True)
class WordTokens:
    """The word tokens of a corpus (tokens with a letter or digit), in document order, as arrays.

    Punctuation tokens are left out, so positions count words: position `i + 1`
    is the next word after `i`. Strings are stored once per type: `lemma_codes`
    indexes `lemma_types`, `text_codes` indexes `text_types`.

    Attributes:
        doc_pos: row of the word's document in `corpus.documents`.
        sentence_id, token_id, start, end: as in `framing.tokens`.
        sentence_key: equal for two words exactly when they share a sentence.
        doc_start, doc_stop: per document (row of `corpus.documents`), the
            position of its first word and one past its last (equal when it
            has no words).
        lemma_codes, lemma_types, text_codes, text_types: factorised lemmas and surface forms.
    """

    doc_pos: np.ndarray
    sentence_id: np.ndarray
    token_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence_key: np.ndarray
    doc_start: np.ndarray
    doc_stop: np.ndarray
    lemma_codes: np.ndarray
    lemma_types: np.ndarray
    text_codes: np.ndarray
    text_types: np.ndarray

    def __len__(self) -> int:
        return len(self.doc_pos)

    def codes(self, unit: str) -> tuple[np.ndarray, np.ndarray]:
        """Return `(codes, types)` for `unit` "lemma" or "token" (surface form)."""
        return (self.lemma_codes, self.lemma_types) if unit == "lemma" else (self.text_codes, self.text_types)


def word_tokens(corpus: Corpus) -> WordTokens:
    """Return the corpus's word tokens as arrays (computed once per corpus, then remembered).

    Args:
        corpus: a loaded corpus (or one opened from a build).

    Returns:
        A `WordTokens`, ordered by document (corpus order) and token position.
    """
    if "word_tokens" not in corpus._cache:
        corpus._cache["word_tokens"] = words_from_tokens(tokens(corpus), corpus.documents["doc_id"].tolist())
    return corpus._cache["word_tokens"]


def words_from_tokens(table: pd.DataFrame, doc_ids: list[str]) -> WordTokens:
    """Return the word tokens of a tokens table, in the order of `doc_ids`.

    Columns are factorised whole (fast on pandas' string columns) and then
    cut to the word tokens by one index array, never row by row.

    Args:
        table: a tokens table with the columns of `framing.tokens` (`doc_id,
            sentence_id, token_id, start, end, text, lemma, is_word`), in any
            order of documents; tokens of documents not in `doc_ids` are left out.
        doc_ids: the documents, in the order that `doc_pos` counts.

    Returns:
        A `WordTokens`, ordered by document (as in `doc_ids`) and token position.
    """
    doc_codes, doc_uniques = pd.factorize(table["doc_id"])
    doc_of_code = pd.Index(doc_ids).get_indexer(pd.Index(doc_uniques, dtype=object)).astype(np.int64)
    doc_pos_all = doc_of_code[doc_codes] if len(doc_codes) else np.zeros(0, dtype=np.int64)
    # word tokens of documents in the corpus (a built table may hold tokens of documents since removed)
    index = np.flatnonzero(table["is_word"].to_numpy(dtype=bool) & (doc_pos_all >= 0))
    doc_pos = doc_pos_all[index]
    token_id = table["token_id"].to_numpy(dtype=np.int64)[index]
    order_key = doc_pos * (int(token_id.max(initial=0)) + 1) + token_id
    if len(order_key) and not np.all(np.diff(order_key) > 0):  # a build's buckets may come in any order
        order = np.argsort(order_key, kind="stable")
        index, doc_pos, token_id = index[order], doc_pos[order], token_id[order]
    sentence_id = table["sentence_id"].to_numpy(dtype=np.int64)[index]
    sentence_key = doc_pos * (int(sentence_id.max(initial=0)) + 1) + sentence_id
    documents = np.arange(len(doc_ids))
    lemma_codes, lemma_types = pd.factorize(table["lemma"])
    text_codes, text_types = pd.factorize(table["text"])
    return WordTokens(
        doc_pos=doc_pos,
        sentence_id=sentence_id,
        token_id=token_id,
        start=table["start"].to_numpy(dtype=np.int64)[index],
        end=table["end"].to_numpy(dtype=np.int64)[index],
        sentence_key=sentence_key,
        doc_start=np.searchsorted(doc_pos, documents, side="left"),
        doc_stop=np.searchsorted(doc_pos, documents, side="right"),
        lemma_codes=lemma_codes[index].astype(np.int64),
        lemma_types=np.asarray(lemma_types, dtype=object),
        text_codes=text_codes[index].astype(np.int64),
        text_types=np.asarray(text_types, dtype=object),
    )


def find_sequences(masks: Sequence[np.ndarray], sentence_key: np.ndarray, *, max_gap: int = 0) -> np.ndarray:
    """Return the word positions of every match of a sequence of word conditions.

    Element `k` of a match is a word where `masks[k]` is True; between element
    `k` and `k + 1` stand at most `max_gap` other words; all elements lie in one
    sentence. Every way of matching is returned (a start with two possible
    continuations gives two rows); callers resolve overlaps.

    Args:
        masks: one boolean array per element, over the word positions.
        sentence_key: per word position, equal within a sentence.
        max_gap: how many words may stand between two consecutive elements.

    Returns:
        An integer array of shape `(n_matches, len(masks))`: the word position
        of each element, rows ordered by first position.
    """
    n = len(sentence_key)
    rows = np.flatnonzero(masks[0])[:, None]
    for mask in masks[1:]:
        if not len(rows):
            break
        previous, first = rows[:, -1], rows[:, 0]
        found = []
        for gap in range(max_gap + 1):
            nxt = previous + 1 + gap
            ok = nxt < n
            ok[ok] = mask[nxt[ok]] & (sentence_key[nxt[ok]] == sentence_key[first[ok]])
            if ok.any():
                found.append(np.column_stack([rows[ok], nxt[ok]]))
        rows = np.concatenate(found) if found else np.zeros((0, rows.shape[1] + 1), dtype=np.int64)
    if len(rows):
        rows = rows[np.lexsort(rows.T[::-1])]
    return rows.astype(np.int64).reshape(-1, len(masks))
