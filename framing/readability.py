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


def readability_from_tokens(tokens: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the readability table for the documents of a tokens table (see `readability`)."""
    words = tokens[tokens["is_word"]]
    letters = words["text"].str.count(r"[^\W\d_]")
    syllables = words["n_syllables"]
    per_doc = pd.DataFrame({
        "doc_id": words["doc_id"],
        "sentence_id": words["sentence_id"],
        "syl": syllables,
        "poly": syllables >= 3,
        "mono": syllables == 1,
        "long": letters > 6,
    })
    grouped = per_doc.groupby("doc_id", sort=False)
    counts = pd.DataFrame({
        "n_sentences": grouped["sentence_id"].nunique(),
        "n_words": grouped.size(),
        "n_syllables": grouped["syl"].sum(),
        "n_polysyllables": grouped["poly"].sum(),
        "n_monosyllables": grouped["mono"].sum(),
        "n_long_words": grouped["long"].sum(),
    })
    folded = words["text"].str.lower()
    diversity = {
        doc_id: (len(set(seq)), len(set(seq)) / len(seq), mattr(seq), mtld(seq))
        for doc_id, seq in folded.groupby(words["doc_id"], sort=False).agg(list).items()
    }
    result = documents[["doc_id", "outlet_id"]].merge(counts, left_on="doc_id", right_index=True, how="left")
    count_columns = ["n_sentences", "n_words", "n_syllables", "n_polysyllables", "n_monosyllables", "n_long_words"]
    result[count_columns] = result[count_columns].fillna(0).astype("int64")
    result["n_types"] = result["doc_id"].map(lambda d: diversity.get(d, (0,))[0]).astype("int64")
    result["words_per_sentence"] = result["n_words"] / result["n_sentences"].replace(0, np.nan)
    result["syllables_per_word"] = result["n_syllables"] / result["n_words"].replace(0, np.nan)
    result["flesch_amstad"] = [
        flesch_amstad(n_words=w, n_sentences=s, n_syllables=y)
        for w, s, y in zip(result["n_words"], result["n_sentences"], result["n_syllables"])
    ]
    for variant in (1, 2, 3, 4):
        result[f"wstf{variant}"] = [
            wiener_sachtextformel(variant=variant, n_words=w, n_sentences=s, n_polysyllables=p, n_long_words=l, n_monosyllables=m)
            for w, s, p, l, m in zip(result["n_words"], result["n_sentences"], result["n_polysyllables"], result["n_long_words"], result["n_monosyllables"])
        ]
    nan = (0, float("nan"), float("nan"), float("nan"))
    result["ttr"] = result["doc_id"].map(lambda d: diversity.get(d, nan)[1]).astype(float)
    result["mattr"] = result["doc_id"].map(lambda d: diversity.get(d, nan)[2]).astype(float)
    result["mtld"] = result["doc_id"].map(lambda d: diversity.get(d, nan)[3]).astype(float)
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
