"""Readability and lexical diversity per document, from the text pass's counts.

The formulas are textstat's German ones (Amstad's Flesch adaptation and the
four Wiener Sachtextformeln) written as pure functions of counts. They are fed
with the pipeline's own counts rather than textstat's, because textstat's
regex sentence counter splits German dates ("12. Januar") and abbreviations
into extra sentences, which inflates the readability of German news.

Syllables are counted by vowel nuclei (`framing.syllables`), not by pyphen as
in textstat; on hand-syllabified words of the seed corpus the vowel count was
right more often.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

READABILITY_COLUMNS = [
    "doc_id", "outlet_id", "n_sentences", "n_words", "n_syllables", "n_polysyllables",
    "n_monosyllables", "n_long_words", "n_types", "words_per_sentence", "syllables_per_word",
    "flesch_amstad", "wstf1", "wstf2", "wstf3", "wstf4", "ttr", "mattr", "mtld",
]
MATTR_WINDOW = 50
MTLD_THRESHOLD = 0.72


def flesch_amstad(*, n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Return Amstad's Flesch Reading Ease for German (0-100, higher = easier).

    180 − words per sentence − 58.5 × syllables per word; textstat's constants
    for `de` (`fre_base`, `fre_sentence_length`, `fre_syll_per_word`).

    References:
        Amstad, T. (1978). Wie verständlich sind unsere Zeitungen? Dissertation, Universität Zürich.
    """
    if n_words == 0 or n_sentences == 0:
        return float("nan")
    return 180.0 - n_words / n_sentences - 58.5 * n_syllables / n_words


def wiener_sachtextformel(
    *, variant: int, n_words: int, n_sentences: int, n_polysyllables: int,
    n_long_words: int, n_monosyllables: int,
) -> float:
    """Return the Wiener Sachtextformel (school grade 4-15, higher = harder).

    MS = % words of three or more syllables, SL = words per sentence,
    IW = % words of more than six letters, ES = % one-syllable words:
    1st: 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875;
    2nd: 0.2007·MS + 0.1682·SL + 0.1373·IW − 2.779;
    3rd: 0.2963·MS + 0.1905·SL − 1.1144;
    4th: 0.2744·MS + 0.2656·SL − 1.693 (as textstat computes them).

    References:
        Bamberger, R. & Vanecek, E. (1984). Lesen – Verstehen – Lernen – Schreiben.
        Wien: Jugend und Volk.
    """
    if n_words == 0 or n_sentences == 0:
        return float("nan")
    ms = 100.0 * n_polysyllables / n_words
    sl = n_words / n_sentences
    iw = 100.0 * n_long_words / n_words
    es = 100.0 * n_monosyllables / n_words
    if variant == 1:
        return 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875
    if variant == 2:
        return 0.2007 * ms + 0.1682 * sl + 0.1373 * iw - 2.779
    if variant == 3:
        return 0.2963 * ms + 0.1905 * sl - 1.1144
    if variant == 4:
        return 0.2744 * ms + 0.2656 * sl - 1.693
    raise ValueError(f"variant must be 1, 2, 3 or 4, not {variant!r}")


def mattr(words: list[str], window: int = MATTR_WINDOW) -> float:
    """Return the moving-average type-token ratio (0-1, higher = more varied).

    The mean type-token ratio of every window of `window` consecutive words;
    the plain TTR when the text is shorter than one window. Unlike the TTR it
    does not fall with text length.

    References:
        Covington, M. A. & McFall, J. D. (2010). Cutting the Gordian knot: The
        moving-average type-token ratio (MATTR). Journal of Quantitative
        Linguistics 17(2), 94-100.
    """
    n = len(words)
    if n == 0:
        return float("nan")
    if n <= window:
        return len(set(words)) / n
    counts: dict[str, int] = {}
    for word in words[:window]:
        counts[word] = counts.get(word, 0) + 1
    total = len(counts)
    for i in range(window, n):
        old, new = words[i - window], words[i]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / (window * (n - window + 1))


def _mtld_pass(words: list[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    length = 0
    for word in words:
        length += 1
        types.add(word)
        if len(types) / length <= threshold:
            factors += 1
            types, length = set(), 0
    if length:
        ttr = len(types) / length
        factors += (1 - ttr) / (1 - threshold) if ttr < 1 else 0.0
    return len(words) / factors if factors else float("nan")


def mtld(words: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Return the measure of textual lexical diversity (mean length of word runs
    that keep the TTR above `threshold`; higher = more varied), averaged over a
    forward and a backward pass. Unstable below about 100 words.

    References:
        McCarthy, P. M. & Jarvis, S. (2010). MTLD, vocd-D, and HD-D. Behavior
        Research Methods 42(2), 381-392.
    """
    passes = [value for value in (_mtld_pass(words, threshold), _mtld_pass(words[::-1], threshold)) if not math.isnan(value)]
    return sum(passes) / len(passes) if passes else float("nan")


_LETTER = re.compile(r"[^\W\d_]")


def _mattr_per_document(codes: np.ndarray, doc_starts: np.ndarray, doc_ends: np.ndarray, window: int) -> np.ndarray:
    """Return `mattr` of every document at once, from the words' type codes (vectorised).

    The number of distinct types in a window is the number of its positions j
    whose previous occurrence of the same type lies before the window start.
    Summed over all windows, position j counts once for every window start i
    with max(prev[j] + 1, j - window + 1, doc_start) <= i <= min(j, doc_end - window).
    """
    n = len(codes)
    lengths = doc_ends - doc_starts
    result = np.full(len(doc_starts), np.nan)
    if n == 0:
        return result
    doc_of = np.repeat(np.arange(len(doc_starts)), lengths)
    order = np.lexsort((np.arange(n), codes, doc_of))  # by document, type, position
    previous = np.full(n, -1, dtype=np.int64)
    same = (codes[order][1:] == codes[order][:-1]) & (doc_of[order][1:] == doc_of[order][:-1])
    previous[order[1:][same]] = order[:-1][same]
    start_of, end_of = doc_starts[doc_of], doc_ends[doc_of]
    positions = np.arange(n)
    first_start = np.maximum.reduce([previous + 1, positions - window + 1, start_of])
    last_start = np.minimum(positions, end_of - window)
    distinct_sum = np.bincount(doc_of, weights=np.clip(last_start - first_start + 1, 0, None), minlength=len(doc_starts))
    long_enough = lengths > window
    result[long_enough] = distinct_sum[long_enough] / (window * (lengths[long_enough] - window + 1))
    short = (lengths > 0) & ~long_enough
    first_seen = np.bincount(doc_of, weights=(previous < start_of), minlength=len(doc_starts))
    result[short] = first_seen[short] / lengths[short]
    return result


def readability_from_tokens(tokens: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the readability table for the documents of a tokens table (see `readability`).

    Letters and lower-case forms are computed once per word type; the tokens
    of each document must be contiguous (as the text pass writes them).
    """
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)]
    type_codes, types = pd.factorize(words["text"].to_numpy(dtype=object))
    letters = np.array([len(_LETTER.findall(t)) for t in types], dtype=np.int64)[type_codes]
    folded, _ = pd.factorize(np.array([t.lower() for t in types], dtype=object))
    folded = folded[type_codes] if len(type_codes) else np.zeros(0, dtype=np.int64)
    syllables = words["n_syllables"].to_numpy(dtype=np.int64)
    doc_codes, doc_ids = pd.factorize(words["doc_id"].to_numpy(dtype=object))
    n_docs = len(doc_ids)
    sentence_change = np.ones(len(words), dtype=bool)
    sentence_change[1:] = (doc_codes[1:] != doc_codes[:-1]) | (words["sentence_id"].to_numpy()[1:] != words["sentence_id"].to_numpy()[:-1])

    def per_doc(values) -> np.ndarray:
        return np.bincount(doc_codes, weights=values, minlength=n_docs).astype(np.int64)

    counts = pd.DataFrame({
        "doc_id": doc_ids,
        "n_sentences": per_doc(sentence_change),
        "n_words": np.bincount(doc_codes, minlength=n_docs),
        "n_syllables": per_doc(syllables),
        "n_polysyllables": per_doc(syllables >= 3),
        "n_monosyllables": per_doc(syllables == 1),
        "n_long_words": per_doc(letters > 6),
    })
    starts = np.searchsorted(doc_codes, np.arange(n_docs), side="left") if n_docs else np.zeros(0, dtype=np.int64)
    if n_docs and not (np.diff(doc_codes) >= 0).all():
        raise ValueError("the tokens of each document must be contiguous")
    ends = np.append(starts[1:], len(doc_codes))
    sequences = [folded[s:e].tolist() for s, e in zip(starts, ends)]
    counts["n_types"] = [len(set(seq)) for seq in sequences]
    counts["mattr"] = _mattr_per_document(folded, starts, ends, MATTR_WINDOW)
    counts["mtld"] = [mtld(seq) for seq in sequences]

    result = documents[["doc_id", "outlet_id"]].merge(counts, on="doc_id", how="left")
    count_columns = ["n_sentences", "n_words", "n_syllables", "n_polysyllables", "n_monosyllables", "n_long_words", "n_types"]
    result[count_columns] = result[count_columns].fillna(0).astype("int64")
    n_words = result["n_words"].replace(0, np.nan)
    result["words_per_sentence"] = result["n_words"] / result["n_sentences"].replace(0, np.nan)
    result["syllables_per_word"] = result["n_syllables"] / n_words
    result["flesch_amstad"] = [
        flesch_amstad(n_words=w, n_sentences=s, n_syllables=y)
        for w, s, y in zip(result["n_words"], result["n_sentences"], result["n_syllables"])
    ]
    for variant in (1, 2, 3, 4):
        result[f"wstf{variant}"] = [
            wiener_sachtextformel(variant=variant, n_words=w, n_sentences=s, n_polysyllables=p, n_long_words=l, n_monosyllables=m)
            for w, s, p, l, m in zip(result["n_words"], result["n_sentences"], result["n_polysyllables"], result["n_long_words"], result["n_monosyllables"])
        ]
    result["ttr"] = result["n_types"] / n_words
    result[["mattr", "mtld"]] = result[["mattr", "mtld"]].astype(float)
    return result[READABILITY_COLUMNS].reset_index(drop=True)


def readability(corpus) -> pd.DataFrame:
    """Return readability, sentence length and lexical diversity per document.

    Counts come from the text pass: words are tokens holding a letter or digit,
    sentences are those holding at least one word, syllables are vowel nuclei.

    Args:
        corpus: a loaded `Corpus`.

    Returns:
        One row per document with columns `doc_id, outlet_id, n_sentences,
        n_words, n_syllables, n_polysyllables` (3+ syllables),
        `n_monosyllables, n_long_words` (7+ letters), `n_types` (distinct
        lower-cased words), `words_per_sentence, syllables_per_word`,
        `flesch_amstad` (0-100, higher = easier), `wstf1`-`wstf4` (school grade,
        higher = harder), `ttr` (types / words: falls with length, compare only
        texts of similar length), `mattr` (window of 50 words) and `mtld`
        (higher = more varied). Scores are NaN for a document without words.

    References:
        See `flesch_amstad`, `wiener_sachtextformel`, `mattr` and `mtld`.
    """
    from .text import tokens

    if "readability" in corpus._cache:
        return corpus._cache["readability"]
    return readability_from_tokens(tokens(corpus), corpus.documents)


def sentence_lengths(corpus) -> pd.DataFrame:
    """Return the length of every sentence in words.

    Args:
        corpus: a loaded `Corpus`.

    Returns:
        One row per sentence with columns `doc_id, outlet_id, sentence_id,
        part` (headline / lead / body) and `n_words` (tokens holding a letter
        or digit). A sentence of marks only has `n_words` 0 here and is not
        counted in `readability`'s `n_sentences`.
    """
    from .text import sentences, tokens

    words = tokens(corpus)
    counts = words[words["is_word"]].groupby(["doc_id", "sentence_id"], sort=False).size().rename("n_words")
    table = sentences(corpus)[["doc_id", "sentence_id", "part"]].merge(
        counts, left_on=["doc_id", "sentence_id"], right_index=True, how="left")
    table["n_words"] = table["n_words"].fillna(0).astype("int64")
    table = table.merge(corpus.documents[["doc_id", "outlet_id"]], on="doc_id", how="left")
    return table[["doc_id", "outlet_id", "sentence_id", "part", "n_words"]]
