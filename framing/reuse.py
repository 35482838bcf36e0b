"""Text reuse (provenance): passages that two articles share word for word, or nearly so.

What it measures: wording that two articles share, after a normalisation that
undoes the small changes an editor makes to agency copy (case, ß/ss, Swiss and
German number formats, hyphenated or closed compounds). A long shared passage
between two outlets most likely comes from common agency copy (dpa, AFP, SDA
…) or from one outlet taking over the other's text; `framing.agencies` shows
which agencies an article credits.

What it cannot tell: who copied whom, or whether both copied a third source
(the same agency text, a press release); a long quote of the same speaker
carried by two outlets matches like agency copy (read the passage); a
translation, or a paraphrase that changes most words, is not found; and a
passage shorter than `min_words` shared words is not reported, so short
stock phrases ("Nato-Generalsekretär Jens Stoltenberg") never count.

How, in four steps:

1. **Words.** Each cleaned text (`documents.text`) is cut into words by one
   regular expression (letters and digits; punctuation and quote marks are
   ignored) and each word is normalised (`normalize_word`): Unicode NFKC,
   case folded (which also turns ß and ẞ into ss: "Außenminister" =
   "Aussenminister"), soft hyphens dropped, and hyphens and dashes inside a
   word removed, so a compound written with a hyphen and the closed compound
   compare equal ("Vize-Außenminister" = "Vizeaussenminister",
   "NATO-Russland-Rat" = "Nato-Russland-Rat"); a compound written as two
   words ("Vize Außenminister") stays two words and does not match. A word
   broken at a line end with a hyphen ("Außen-⏎minister") is one word.
   Numbers grouped by thousands in any of the usual ways are one word without
   separators: "100'000" (Swiss), "100.000" (German), "100 000" and
   "100 000" (space or narrow space) are all "100000"; decimals ("2,5") and
   times ("10.00 Uhr") are left as their digit groups. Umlauts are kept
   ("Grossteil" ≠ "Großteil" only through ß, which folds; "ae" for "ä" is not
   undone).
2. **Shingles.** Every run of `shingle_words` (default 5) consecutive words
   is a shingle. Five words are long enough that two unrelated German news
   texts rarely share one by chance except in stock phrases, and short
   enough that one changed word ("ist" → "war") breaks only five shingles.
3. **Candidates by MinHash LSH.** A reused paragraph is a small part of two
   long articles (the seed's Nau.ch/SNA paragraph is under a tenth of either
   text), so whole-document similarity would miss it. Each document is
   therefore cut into overlapping windows of `WINDOW_SHINGLES` (10) shingles,
   14 words, one every `WINDOW_STRIDE` (5) shingles; each window gets a
   MinHash signature of `NUM_PERM` (32) values with datasketch's permutations
   (`MinHash(num_perm=32, seed=1, scheme="affine32")`, the same values
   `MinHash.update_batch` gives), and windows are banded as datasketch's
   `MinHashLSH(threshold, num_perm)` bands them (for the default threshold
   0.4: 10 bands of 3 values). Two documents are a candidate pair when a
   window of one and a window of the other agree on a whole band: a window
   pair with Jaccard similarity 0.4 becomes a candidate with probability
   0.48, one with 0.6 with 0.91, one with 0.2 with 0.08; a shared passage of
   20 or more words has several window pairs, so it is found with near
   certainty. The banding is done with NumPy sorts instead of MinHashLSH's
   Python dictionaries so that 100,000 articles (millions of windows) fit in
   memory and minutes; it gives the same candidate pairs as inserting the
   windows into `MinHashLSH` (tests/test_reuse.py checks this). No pair of
   documents is ever compared unless LSH proposes it.
4. **Alignment of candidate pairs.** For a candidate pair the exact shared
   shingles are found; consecutive shared shingles on the same diagonal form
   a run (a maximal common word sequence of at least `shingle_words` words);
   runs that follow each other in both texts with at most `max_gap` (12)
   other words between them in each text are one passage, so a passage
   survives small edits ("Es ist das erste Mal" / "Es war das erste Mal", a
   moved clause). Each passage is extended by single equal words at both
   ends. A passage is reported when at least `min_words` (12) of its words
   lie in shared shingles in both texts (`n_words`); its `similarity` is
   difflib's ratio 2·M/T on the normalised words of the two passages (M
   words matched in order, T words in both passages): 1.0 when the passages
   are the same after normalisation, about 0.8 for agency copy with a few
   words changed.

References: Broder, A. Z. (1997), On the resemblance and containment of
documents, *Compression and Complexity of Sequences*; Leskovec, J.,
Rajaraman, A. & Ullman, J. D. (2014), *Mining of Massive Datasets*, ch. 3
(MinHash, LSH banding); Smith, D. A., Cordell, R. & Mullen, A. (2015),
Computational methods for uncovering reprinted texts in antebellum
newspapers, *American Literary History* 27(3) (passim: n-gram seeds, then
alignment of candidate pairs); Zhu, E. et al., datasketch
(https://ekzhu.com/datasketch/).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .corpus import Corpus

#: Words per shingle.
SHINGLE_WORDS = 5
#: Shingles per LSH window (a window of 10 shingles spans 14 words).
WINDOW_SHINGLES = 10
#: Shingles between the starts of two windows (windows overlap by half).
WINDOW_STRIDE = 5
#: MinHash values per window.
NUM_PERM = 32
#: Seed of datasketch's MinHash permutations.
SEED = 1
#: Default LSH threshold on the Jaccard similarity of two windows' shingle sets.
LSH_THRESHOLD = 0.4
#: Default least number of shared words for a passage to be reported.
MIN_WORDS = 12
#: Default most words between two shared runs, in each text, for them to be one passage.
MAX_GAP = 12
#: Most positions of one shingle in a document that alignment pairs up (repeated boilerplate).
_MAX_REPEATS = 20

REUSE_COLUMNS = [
    "doc_a", "doc_b", "outlet_a", "outlet_b", "passage_a", "passage_b", "n_words", "n_words_a", "n_words_b",
    "similarity", "start_a", "end_a", "start_b", "end_b",
]
SHARE_COLUMNS = ["doc_id", "outlet_id", "n_words", "n_words_shared", "share_shared", "n_passages", "n_docs_sharing"]

_DASHES = r"\-" + "\u2010\u2011\u2012\u2013\u2014\u2212"
_WORD_CHAR = r"[^\W_]"
_TOKEN = re.compile(
    # thousands grouped by ' ’ . or a (narrow, no-break) space: 100'000, 100.000, 100 000
    r"(?<![\d.,'’])\d{1,3}(?:['’.\u00a0\u202f\u2009 ]\d{3})+(?![\d])"
    # a word: letters/digits (soft hyphens inside), joined by hyphens or dashes, or a hyphen at a line break
    rf"|{_WORD_CHAR}(?:{_WORD_CHAR}|\u00ad)*(?:(?:[{_DASHES}]|-[ \t]*\r?\n[ \t]*){_WORD_CHAR}(?:{_WORD_CHAR}|\u00ad)*)*"
)
_NUMBER = re.compile(r"\d{1,3}(?:['’.\u00a0\u202f\u2009 ]\d{3})+")
_DROP = re.compile(rf"[\u00ad{_DASHES}\s]")


# --- words and shingles ----------------------------------------------------------------------


def normalize_word(surface: str) -> str:
    """Return the form under which a word is compared for reuse.

    Args:
        surface: one word as `reuse_words` cuts it from a text.

    Returns:
        The word in Unicode NFKC, case folded (ß → ss), without soft hyphens,
        hyphens, dashes or line breaks, and, for a number grouped by
        thousands, without the separators: "Vize-Außenminister" →
        "vizeaussenminister", "100'000" and "100.000" → "100000".
    """
    word = unicodedata.normalize("NFKC", surface)
    if _NUMBER.fullmatch(word):
        return re.sub(r"\D", "", word)
    return _DROP.sub("", word).casefold()


def reuse_words(text: str) -> list[tuple[int, int, str]]:
    """Return the words of `text` as reuse compares them.

    Args:
        text: a document's cleaned text.

    Returns:
        One `(start, end, word)` per word: character offsets into `text` and
        the normalised form (`normalize_word`). Punctuation and quote marks
        are not words.
    """
    return [(m.start(), m.end(), normalize_word(m.group())) for m in _TOKEN.finditer(text)]


def shingles(words: list[str], *, k: int = SHINGLE_WORDS) -> list[tuple[str, ...]]:
    """Return the word shingles of a word sequence: every run of `k` consecutive words, in order.

    Args:
        words: normalised words (the third field of `reuse_words`).
        k: words per shingle.

    Returns:
        `len(words) - k + 1` tuples (none when there are fewer than `k` words).
    """
    return [tuple(words[i:i + k]) for i in range(len(words) - k + 1)]


# --- hashing -------------------------------------------------------------------------------


_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix64(x: np.ndarray) -> np.ndarray:
    """Return splitmix64's finaliser of uint64 values (a bijection that scatters bits)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """Return MurmurHash3's 32-bit finaliser, as datasketch applies it before its affine32 permutations."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def _word_hash(word: str) -> int:
    """Return a stable 64-bit hash of a normalised word (the same in every process and corpus)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _shingle_hashes(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """Return one uint64 hash per shingle of a sequence of word hashes (len - k + 1 of them)."""
    n = len(word_hashes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = _mix64(h * np.uint64(0x9E3779B97F4A7C15) + word_hashes[j:j + n])
    return h


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return datasketch's affine32 permutation parameters (a, b) for `num_perm` and `seed`."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def minhash_values(hashes32: np.ndarray, *, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """Return the per-permutation hash values of 32-bit item hashes, as datasketch's affine32 MinHash computes them.

    The minimum over a set's rows is the set's MinHash signature: it equals
    `MinHash(num_perm, seed=seed, scheme="affine32", hashfunc=int).update_batch(items)`.

    Args:
        hashes32: one uint32 hash per item.
        num_perm: number of permutations.
        seed: datasketch's permutation seed.

    Returns:
        A `(len(hashes32), num_perm)` uint32 array.
    """
    a, b = _permutations(num_perm, seed)
    with np.errstate(over="ignore"):
        return _fmix32(np.asarray(hashes32, dtype=np.uint32))[:, None] * a[None, :] + b[None, :]


def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Return datasketch's `(bands, rows)` for a MinHashLSH of this threshold and size."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


# --- the word index of a corpus -------------------------------------------------------------


@dataclass
class _Index:
    """Every document's normalised words as hashes, in one flat array."""

    doc_ids: list[str]
    outlets: np.ndarray          # outlet code per document
    outlet_names: list[str]
    texts: list[str]
    offsets: np.ndarray          # word offsets: words of document d are [offsets[d], offsets[d + 1])
    words: np.ndarray            # uint64 hash of each normalised word

    def doc_words(self, d: int) -> np.ndarray:
        return self.words[self.offsets[d]:self.offsets[d + 1]]


def _build_index(documents: pd.DataFrame) -> _Index:
    texts = documents["text"].fillna("").astype(str).tolist()
    outlet_values = (documents["outlet_id"] if "outlet_id" in documents.columns else pd.Series([""] * len(documents)))
    outlet_values = outlet_values.fillna("").astype(str).tolist()
    codes, names = pd.factorize(pd.Series(outlet_values, dtype=object))
    type_ids: dict[str, int] = {}
    type_hashes: list[int] = []
    norm_cache: dict[str, int] = {}
    lengths = np.zeros(len(texts), dtype=np.int64)
    chunks: list[np.ndarray] = []
    findall = _TOKEN.findall
    for d, text in enumerate(texts):
        ids = []
        for surface in findall(text):
            t = norm_cache.get(surface)
            if t is None:
                word = normalize_word(surface)
                t = type_ids.get(word)
                if t is None:
                    t = type_ids[word] = len(type_hashes)
                    type_hashes.append(_word_hash(word))
                norm_cache[surface] = t
            ids.append(t)
        lengths[d] = len(ids)
        chunks.append(np.asarray(ids, dtype=np.int32))
    hashes = np.asarray(type_hashes, dtype=np.uint64)
    flat = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return _Index(
        doc_ids=documents["doc_id"].astype(str).tolist(), outlets=codes.astype(np.int32),
        outlet_names=[str(n) for n in names], texts=texts, offsets=offsets,
        words=hashes[flat] if len(flat) else np.zeros(0, dtype=np.uint64),
    )


# --- candidates: MinHash LSH over windows -----------------------------------------------------


def _window_signatures(index: _Index, k: int, *, docs: np.ndarray | None = None,
                       num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return `(window_doc, window_first_shingle, signatures)` of the windows of `docs` (default: all).

    A document with `n` shingles has windows starting at shingles 0, 5, 10 …
    while a window of 10 shingles fits, plus one ending at its last shingle;
    a document with fewer than 10 shingles (but at least one) has one window
    of all its shingles.
    """
    docs = np.arange(len(index.doc_ids)) if docs is None else docs
    a, b = _permutations(num_perm, seed)
    win_doc, win_first, sigs = [], [], []
    for d in docs:
        shingle = _shingle_hashes(index.doc_words(d), k)
        n = len(shingle)
        if n == 0:
            continue
        values = _fmix32((shingle >> np.uint64(32)).astype(np.uint32))
        with np.errstate(over="ignore"):
            phv = values[:, None] * a[None, :] + b[None, :]
        starts = _window_starts(n)
        if n > WINDOW_SHINGLES:
            # minima over blocks of WINDOW_STRIDE shingles; the window starting at block t is blocks t and t + 1
            blocks = np.minimum.reduceat(phv, np.arange(0, n, WINDOW_STRIDE), axis=0)
            full = (n - WINDOW_SHINGLES) // WINDOW_STRIDE + 1
            sig = np.minimum(blocks[:full], blocks[1:full + 1])
            if len(starts) > full:                  # one more window, ending at the last shingle
                sig = np.vstack([sig, phv[starts[-1]:].min(axis=0, keepdims=True)])
        else:
            sig = phv.min(axis=0, keepdims=True)
        win_doc.append(np.full(len(starts), d, dtype=np.int32))
        win_first.append(starts)
        sigs.append(sig)
    if not sigs:
        return np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros((0, num_perm), np.uint32)
    return np.concatenate(win_doc), np.concatenate(win_first), np.vstack(sigs)


def _window_starts(n: int) -> np.ndarray:
    """Return the first shingle of each window of a document with `n` shingles."""
    if n <= WINDOW_SHINGLES:
        return np.zeros(1, dtype=np.int64)
    starts = np.arange(0, n - WINDOW_SHINGLES + 1, WINDOW_STRIDE, dtype=np.int64)
    if starts[-1] != n - WINDOW_SHINGLES:
        starts = np.append(starts, n - WINDOW_SHINGLES)
    return starts


def _band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Return one uint64 key per window and band: equal keys ⇔ equal band values (up to 64-bit collisions)."""
    keys = np.empty((len(sig), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            h = np.full(len(sig), band + 1, dtype=np.uint64)
            for col in range(band * rows, (band + 1) * rows):
                h = _mix64(h * np.uint64(0x100000001B3) + sig[:, col].astype(np.uint64))
            keys[:, band] = h
    return keys


def _candidate_pairs(index: _Index, k: int, threshold: float, same_outlet: bool,
                     chunk_docs: int = 5000) -> np.ndarray:
    """Return the candidate document pairs `(i, j)`, i < j, as an `(n, 2)` array, sorted.

    Signatures are computed chunk by chunk and only the band keys are kept
    (`bands` uint64 per window), so memory grows with the number of windows,
    not with `NUM_PERM`.
    """
    bands, rows = lsh_bands(threshold, NUM_PERM)
    n_docs = len(index.doc_ids)
    key_parts, doc_parts = [], []
    for first in range(0, n_docs, chunk_docs):
        win_doc, _, sig = _window_signatures(index, k, docs=np.arange(first, min(first + chunk_docs, n_docs)))
        key_parts.append(_band_keys(sig, bands, rows))
        doc_parts.append(win_doc)
    if not key_parts:
        return np.zeros((0, 2), dtype=np.int64)
    keys = np.concatenate(key_parts)
    win_doc = np.concatenate(doc_parts).astype(np.int64)
    del key_parts, doc_parts
    codes = []
    for band in range(bands):
        codes.append(_pairs_sharing_key(keys[:, band], win_doc, n_docs))
    codes = np.unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)
    pairs = np.stack([codes // n_docs, codes % n_docs], axis=1)
    if not same_outlet and len(pairs):
        pairs = pairs[index.outlets[pairs[:, 0]] != index.outlets[pairs[:, 1]]]
    return pairs


def _pairs_sharing_key(key: np.ndarray, doc: np.ndarray, n_docs: int) -> np.ndarray:
    """Return the pair codes `i * n_docs + j` (i < j) of documents with a window of the same key."""
    order = np.lexsort((doc, key))
    key, doc = key[order], doc[order]
    keep = np.ones(len(key), dtype=bool)
    keep[1:] = (key[1:] != key[:-1]) | (doc[1:] != doc[:-1])      # one window per document and key
    key, doc = key[keep], doc[keep]
    if len(key) < 2:
        return np.zeros(0, dtype=np.int64)
    new = np.ones(len(key), dtype=bool)
    new[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(key)))
    out = []
    two = starts[sizes == 2]
    if len(two):
        out.append(doc[two] * n_docs + doc[two + 1])            # doc is sorted within a key: doc[s] < doc[s + 1]
    for s, g in zip(starts[sizes > 2], sizes[sizes > 2]):
        i, j = np.triu_indices(int(g), 1)
        members = doc[s:s + g]
        out.append(members[i] * n_docs + members[j])
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


# --- alignment of a candidate pair -----------------------------------------------------------


@dataclass
class _Passage:
    a0: int
    a1: int
    b0: int
    b1: int
    runs: list


def align(words_a: list[str] | np.ndarray, words_b: list[str] | np.ndarray, *, k: int = SHINGLE_WORDS,
          max_gap: int = MAX_GAP, min_words: int = MIN_WORDS) -> list[dict]:
    """Return the passages two word sequences share (the alignment step of `reuse`, for one pair).

    Args:
        words_a, words_b: normalised words (strings) or word hashes of two texts.
        k: words per shingle.
        max_gap: most words between two shared runs, in each text, for them to
            be one passage.
        min_words: least number of words, in each text, inside shared shingles.

    Returns:
        One dict per passage, in order of `a0`: `a0, a1, b0, b1` (word index
        ranges, end exclusive), `n_words` (words inside shared shingles, the
        smaller count of the two texts), `n_words_a, n_words_b` (passage
        lengths) and `similarity` (difflib ratio of the two word sequences).
    """
    wa = _as_hashes(words_a)
    wb = _as_hashes(words_b)
    sa, sb = _shingle_hashes(wa, k), _shingle_hashes(wb, k)
    common = np.intersect1d(sa, sb, assume_unique=False)
    if len(common) == 0:
        return []
    positions_b: dict[int, list[int]] = {}
    for j in np.flatnonzero(np.isin(sb, common)).tolist():
        positions_b.setdefault(int(sb[j]), []).append(j)
    matches = []
    for i in np.flatnonzero(np.isin(sa, common)).tolist():
        for j in positions_b[int(sa[i])][:_MAX_REPEATS]:
            matches.append((i - j, i, j))
    matches.sort()
    runs = []                                   # (a0, a1, b0, b1) in words, end exclusive
    start = prev = matches[0]
    for m in matches[1:]:
        if m[0] == prev[0] and m[1] == prev[1] + 1:
            prev = m
            continue
        runs.append((start[1], prev[1] + k, start[2], prev[2] + k))
        start = prev = m
    runs.append((start[1], prev[1] + k, start[2], prev[2] + k))
    runs.sort(key=lambda r: (r[0], r[2]))
    passages: list[_Passage] = []
    for run in runs:
        for p in reversed(passages):
            # next in text A (runs come in A order); in text B near the passage, before or after:
            # an edited copy may move a clause within the paragraph
            if -k < run[0] - p.a1 <= max_gap and p.b0 - max_gap <= run[2] and run[2] - p.b1 <= max_gap:
                p.a1 = max(p.a1, run[1])
                p.b0, p.b1 = min(p.b0, run[2]), max(p.b1, run[3])
                p.runs.append(run)
                break
        else:
            passages.append(_Passage(run[0], run[1], run[2], run[3], [run]))
    out = []
    for p in passages:
        covered_a = np.zeros(p.a1 - p.a0, dtype=bool)
        covered_b = np.zeros(p.b1 - p.b0, dtype=bool)
        for r in p.runs:
            covered_a[r[0] - p.a0:r[1] - p.a0] = True
            covered_b[r[2] - p.b0:r[3] - p.b0] = True
        n_words = int(min(covered_a.sum(), covered_b.sum()))
        if n_words < min_words:
            continue
        a0, a1, b0, b1 = p.a0, p.a1, p.b0, p.b1
        while a0 > 0 and b0 > 0 and wa[a0 - 1] == wb[b0 - 1]:
            a0, b0 = a0 - 1, b0 - 1
        while a1 < len(wa) and b1 < len(wb) and wa[a1] == wb[b1]:
            a1, b1 = a1 + 1, b1 + 1
        ratio = difflib.SequenceMatcher(None, wa[a0:a1].tolist(), wb[b0:b1].tolist(), autojunk=False).ratio()
        out.append(dict(a0=a0, a1=a1, b0=b0, b1=b1, n_words=n_words, n_words_a=a1 - a0, n_words_b=b1 - b0,
                        similarity=round(ratio, 4)))
    return sorted(out, key=lambda p: (p["a0"], p["b0"]))


def _as_hashes(words) -> np.ndarray:
    if isinstance(words, np.ndarray) and words.dtype == np.uint64:
        return words
    return np.asarray([_word_hash(w) for w in words], dtype=np.uint64)


# --- the statistics ----------------------------------------------------------------------------


def _passages(corpus: Corpus, *, min_words: int, max_gap: int, shingle_words: int, threshold: float,
              same_outlet: bool) -> pd.DataFrame:
    """Return the passages with the internal word ranges `_a0, _a1, _b0, _b1`, cached on the corpus."""
    key = ("reuse", min_words, max_gap, shingle_words, threshold, same_outlet)
    if key in corpus._cache:
        return corpus._cache[key]
    if shingle_words < 1 or min_words < shingle_words:
        raise ValueError(f"need 1 <= shingle_words <= min_words, got shingle_words={shingle_words}, min_words={min_words}")
    index = corpus._cache.get("reuse_index")
    if index is None:
        index = corpus._cache["reuse_index"] = _build_index(corpus.documents)
    pairs = _candidate_pairs(index, shingle_words, threshold, same_outlet)
    rows = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs.tolist():
        found = align(index.doc_words(i), index.doc_words(j), k=shingle_words, max_gap=max_gap, min_words=min_words)
        if not found:
            continue
        for d in (i, j):
            if d not in spans:
                spans[d] = [(s, e) for s, e, _ in _spans(index.texts[d])]
        for p in found:
            sa, sb = spans[i], spans[j]
            start_a, end_a = sa[p["a0"]][0], sa[p["a1"] - 1][1]
            start_b, end_b = sb[p["b0"]][0], sb[p["b1"] - 1][1]
            rows.append((
                index.doc_ids[i], index.doc_ids[j], index.outlet_names[index.outlets[i]],
                index.outlet_names[index.outlets[j]], index.texts[i][start_a:end_a], index.texts[j][start_b:end_b],
                p["n_words"], p["n_words_a"], p["n_words_b"], p["similarity"], start_a, end_a, start_b, end_b,
                p["a0"], p["a1"], p["b0"], p["b1"],
            ))
    table = pd.DataFrame(rows, columns=REUSE_COLUMNS + ["_a0", "_a1", "_b0", "_b1"])
    table = table.astype({c: "int64" for c in REUSE_COLUMNS + ["_a0", "_a1", "_b0", "_b1"]
                          if c.startswith(("n_", "start", "end", "_"))} | {"similarity": "float64"})
    table.attrs["n_candidate_pairs"] = int(len(pairs))
    corpus._cache[key] = table
    return table


def _spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def reuse(corpus: Corpus, *, min_words: int = MIN_WORDS, max_gap: int = MAX_GAP,
          shingle_words: int = SHINGLE_WORDS, threshold: float = LSH_THRESHOLD,
          same_outlet: bool = False) -> pd.DataFrame:
    """Return one row per passage that two documents share (text reuse).

    Plain-language note: a row says that two articles carry the same wording
    for at least `min_words` words, allowing for small edits, case, ß/ss,
    number formats and hyphenation; between outlets that usually means common
    agency copy. It cannot tell who copied whom, or whether both took it from
    a third text; two outlets quoting the same speaker at length also match;
    translated or paraphrased reuse is not found. See the module docstring for
    the method.

    Args:
        corpus: a loaded corpus (`load_corpus` or `open_build`); its cleaned
            `documents.text` is compared.
        min_words: least number of words of a passage, in each text, that lie
            in a shared run of `shingle_words` words (12: about one sentence,
            so stock phrases and names never count).
        max_gap: most words between two shared runs, in each text, for them to
            count as one passage (edits, a moved clause).
        shingle_words: words per shingle (5).
        threshold: LSH threshold on the Jaccard similarity of two 14-word
            windows (0.4); lower finds more heavily edited copies and costs
            more candidate pairs.
        same_outlet: also compare documents of the same outlet (default: only
            pairs of different outlets).

    Returns:
        Columns `doc_a, doc_b` (doc_a comes first in the corpus),
        `outlet_a, outlet_b`, `passage_a, passage_b` (the passages as they
        stand in each cleaned text), `n_words` (words inside shared shingles:
        the smaller count of the two texts), `n_words_a, n_words_b` (words of
        each passage, edits included), `similarity` (difflib ratio 2·M/T of
        the two passages' normalised words, 0-1, 1 = same words in the same
        order), `start_a, end_a, start_b, end_b` (character offsets into each
        document's `text`). `attrs["n_candidate_pairs"]` holds how many
        document pairs LSH proposed.

    References:
        Broder (1997); Leskovec, Rajaraman & Ullman (2014), ch. 3; Smith,
        Cordell & Mullen (2015); datasketch. See the module docstring.
    """
    table = _passages(corpus, min_words=min_words, max_gap=max_gap, shingle_words=shingle_words,
                      threshold=threshold, same_outlet=same_outlet)
    out = table[REUSE_COLUMNS].copy()
    out.attrs = dict(table.attrs)
    return out


def reuse_share(corpus: Corpus, *, min_words: int = MIN_WORDS, max_gap: int = MAX_GAP,
                shingle_words: int = SHINGLE_WORDS, threshold: float = LSH_THRESHOLD) -> pd.DataFrame:
    """Return, per document, the share of its words that lie in a passage shared with another outlet's article.

    Plain-language note: a share of 0.4 says that 40 % of the article's words
    stand, in nearly the same wording, in some other outlet's article of the
    corpus: likely common agency copy. It does not say which text is the
    original, and it depends on which articles the corpus holds.

    Args:
        corpus: a loaded corpus.
        min_words, max_gap, shingle_words, threshold: as for `reuse`; only
            passages shared with a different outlet count.

    Returns:
        One row per document: `doc_id, outlet_id`, `n_words` (words as
        `reuse_words` counts them), `n_words_shared` (of these, the words inside
        at least one passage shared with another outlet), `share_shared`
        (n_words_shared / n_words; 0 for an empty text), `n_passages`
        (passages it shares), `n_docs_sharing` (documents it shares them with).
    """
    table = _passages(corpus, min_words=min_words, max_gap=max_gap, shingle_words=shingle_words,
                      threshold=threshold, same_outlet=False)
    index = corpus._cache["reuse_index"]
    n_words = np.diff(index.offsets)
    masks: dict[str, np.ndarray] = {}
    partners: dict[str, set] = {}
    n_passages: dict[str, int] = {}
    positions = {doc_id: d for d, doc_id in enumerate(index.doc_ids)}
    columns = [table[c].tolist() for c in ("doc_a", "doc_b", "_a0", "_a1", "_b0", "_b1")]
    for doc_a, doc_b, a0, a1, b0, b1 in zip(*columns):
        for doc, other, w0, w1 in ((doc_a, doc_b, a0, a1), (doc_b, doc_a, b0, b1)):
            mask = masks.setdefault(doc, np.zeros(n_words[positions[doc]], dtype=bool))
            mask[w0:w1] = True
            partners.setdefault(doc, set()).add(other)
            n_passages[doc] = n_passages.get(doc, 0) + 1
    shared = np.array([int(masks[d].sum()) if d in masks else 0 for d in index.doc_ids], dtype=np.int64)
    out = pd.DataFrame({
        "doc_id": index.doc_ids,
        "outlet_id": [index.outlet_names[c] for c in index.outlets],
        "n_words": n_words.astype(np.int64),
        "n_words_shared": shared,
    })
    out["share_shared"] = np.where(out["n_words"] > 0, out["n_words_shared"] / out["n_words"].clip(lower=1), 0.0)
    out["n_passages"] = [n_passages.get(d, 0) for d in index.doc_ids]
    out["n_docs_sharing"] = [len(partners.get(d, ())) for d in index.doc_ids]
    return out[SHARE_COLUMNS]
