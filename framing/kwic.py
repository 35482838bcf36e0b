"""Keyword in context: every occurrence of a word, lemma, phrase or pattern, with the words around it.

`kwic(corpus, "Invasion")` lists each match with `window` words of context on
either side, cut from the cleaned text so that punctuation and spacing read as
in the article. Matching follows quanteda's `kwic()`: a pattern with spaces is a
phrase matched on consecutive words; each of its elements is a glob (`*` any
characters, `?` one character), a regular expression or a fixed string.

The word tokens and their per-type codes come from `framing.words`
(`word_tokens`): they are computed once per corpus from `framing.tokens` and
shared with every other analysis that matches words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .corpus import Corpus, outlet_ids
from .words import WordTokens, find_sequences, word_tokens

KWIC_COLUMNS = ["doc_id", "outlet_id", "sentence_id", "left", "match", "right", "start", "end", "pattern"]
UNITS = ("token", "lemma")
VALUETYPES = ("glob", "regex", "fixed")

# Punctuation that opens a quote or bracket: the left context takes it along
# when it sticks to the first context word ("„Es besteht …").
_OPENERS = frozenset("„“‚‘\"'»«›‹([{¿¡")
_SPACE = re.compile(r"\s+")


def _element_matcher(element: str, valuetype: str, case_sensitive: bool, pattern: str) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function that takes an array of types and returns which of them `element` matches."""
    if valuetype == "fixed":
        wanted = element if case_sensitive else element.lower()
        if case_sensitive:
            return lambda types: np.fromiter((t == wanted for t in types), dtype=bool, count=len(types))
        return lambda types: np.fromiter((t.lower() == wanted for t in types), dtype=bool, count=len(types))
    flags = 0 if case_sensitive else re.IGNORECASE
    if valuetype == "glob":
        regex = re.compile(re.escape(element).replace(r"\*", ".*").replace(r"\?", "."), flags | re.DOTALL)
        test = regex.fullmatch
    else:
        try:
            regex = re.compile(element, flags)
        except re.error as error:
            raise ValueError(f"pattern {pattern!r}: {element!r} is not a valid regular expression ({error})") from error
        test = regex.search
    return lambda types: np.fromiter((test(t) is not None for t in types), dtype=bool, count=len(types))


def _contexts(texts: Sequence[str], words: WordTokens, doc_pos: np.ndarray, first: np.ndarray, last: np.ndarray,
              starts: np.ndarray, ends: np.ndarray, window: int) -> tuple[list[str], list[str]]:
    """Return the left and right contexts of matches: `window` words each side, within the document."""
    if window == 0:
        return [""] * len(first), [""] * len(first)
    left_pos = np.maximum(words.doc_start[doc_pos], first - window)
    right_pos = np.minimum(words.doc_stop[doc_pos] - 1, last + window)
    left_start = np.where(left_pos < first, words.start[left_pos], starts)
    right_end = np.where(right_pos > last, words.end[right_pos], ends)
    lefts, rights = [], []
    for d, ls, ms, me, re_ in zip(doc_pos.tolist(), left_start.tolist(), starts.tolist(), ends.tolist(), right_end.tolist()):
        text = texts[d]
        while ls > 0 and text[ls - 1] in _OPENERS:  # an opening quote before the first context word
            ls -= 1
        while re_ < len(text) and not text[re_].isspace() and not text[re_].isalnum():  # closing marks after the last
            re_ += 1
        lefts.append(_SPACE.sub(" ", text[ls:ms]).strip())
        rights.append(_SPACE.sub(" ", text[me:re_]).strip())
    return lefts, rights


def kwic(
    corpus: Corpus,
    pattern: str | Sequence[str],
    *,
    window: int = 8,
    unit: str = "token",
    valuetype: str = "glob",
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Return every occurrence of a word, lemma, phrase or pattern, with the words around it (keyword in context).

    A pattern with spaces is a phrase: its elements must match consecutive
    words of one sentence (punctuation between them is skipped, as are
    punctuation tokens when counting the context window). Each element is
    matched against the whole word (`glob`, `fixed`) or searched in it
    (`regex`, so anchor it with `^…$` to match whole words). Patterns are
    normalised to Unicode NFC, like the cleaned texts, so "Ä" typed as A plus
    a combining mark still matches.

    Args:
        corpus: the corpus to search.
        pattern: a pattern, or a list of patterns (each searched on its own;
            the `pattern` column says which one matched).
        window: how many words of context to show on each side (0 for none);
            the context stops at the start and end of the document but may
            cross sentences and paragraphs.
        unit: "token" matches the words as written; "lemma" matches their lemmas
            ("Invasion" with unit "lemma" finds "Invasionen").
        valuetype: "glob" (`*` any characters, `?` one character; the default),
            "regex" (a Python regular expression) or "fixed" (the exact word).
        case_sensitive: match upper and lower case exactly (default: ignore case).

    Returns:
        One row per match, in document order, then by position: `doc_id`,
        `outlet_id`, `sentence_id` (of the match's first word), `left` (the
        context before, whitespace collapsed to single spaces), `match` (the
        text matched, as in the article), `right` (the context after),
        `start, end` (offsets of the match in the document's cleaned `text`:
        `text[start:end] == match`), `pattern` (the pattern that matched).

    Raises:
        ValueError: for an empty pattern, an invalid regular expression, a
            negative window or an unknown unit or valuetype.

    References:
        Benoit, K. et al. (2018). quanteda: An R package for the quantitative
        analysis of textual data. Journal of Open Source Software 3(30), 774
        (`kwic()`, `phrase()`, `valuetype`).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if valuetype not in VALUETYPES:
        raise ValueError(f"valuetype must be one of {', '.join(VALUETYPES)}, not {valuetype!r}")
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 0:
        raise ValueError(f"window must be a whole number of words, 0 or more, not {window!r}")
    if isinstance(pattern, str):
        patterns = [pattern]
    elif isinstance(pattern, Sequence):
        patterns = list(pattern)
    else:
        raise ValueError(f"pattern must be text or a list of texts, not {type(pattern).__name__} ({pattern!r})")
    if not patterns:
        raise ValueError("no pattern given: pass a word, a lemma, a phrase (words separated by spaces) or a regular expression")
    compiled = []
    for p in patterns:
        if not isinstance(p, str):
            raise ValueError(f"a pattern must be text, not {type(p).__name__} ({p!r})")
        elements = unicodedata.normalize("NFC", p).split()
        if not elements:
            raise ValueError(f"pattern {p!r} is empty: pass a word, a lemma, a phrase (words separated by spaces) or a regular expression")
        compiled.append((p, [_element_matcher(e, valuetype, case_sensitive, p) for e in elements]))

    words = word_tokens(corpus)
    codes, types = words.codes(unit)
    parts = []
    for number, (p, matchers) in enumerate(compiled):
        masks = [matcher(types)[codes] for matcher in matchers]
        rows = find_sequences(masks, words.sentence_key)
        if len(rows):
            parts.append((p, number, rows[:, 0], rows[:, -1]))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "start", "end") else "object") for c in KWIC_COLUMNS})
    first = np.concatenate([part[2] for part in parts])
    last = np.concatenate([part[3] for part in parts])
    number = np.concatenate([np.full(len(part[2]), part[1]) for part in parts])
    doc_pos = words.doc_pos[first]
    starts, ends = words.start[first], words.end[last]
    order = np.lexsort((number, ends, starts, doc_pos))
    first, last, number, doc_pos, starts, ends = (a[order] for a in (first, last, number, doc_pos, starts, ends))
    texts = corpus.documents["text"].fillna("").tolist()
    left, right = _contexts(texts, words, doc_pos, first, last, starts, ends, window)
    doc_ids = corpus.documents["doc_id"].to_numpy(dtype=object)
    return pd.DataFrame({
        "doc_id": doc_ids[doc_pos],
        "outlet_id": outlet_ids(corpus)[doc_pos],
        "sentence_id": words.sentence_id[first],
        "left": left,
        "match": [texts[d][s:e] for d, s, e in zip(doc_pos.tolist(), starts.tolist(), ends.tolist())],
        "right": right,
        "start": starts,
        "end": ends,
        "pattern": [compiled[k][0] for k in number.tolist()],
    }, columns=KWIC_COLUMNS)
