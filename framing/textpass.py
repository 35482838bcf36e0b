"""The one German text pass: sentences, tokens, lemmas, stop words and syllables.

Every later analysis reads the two tidy tables made here, so the pass is
written for speed (see `bench/textpass.py`):

- tokens come from one compiled regular expression per document (C speed),
  and their offsets from array arithmetic, not from one match object each;
- sentence boundaries are decided only at the few sentence-final marks;
- lemma, stop word flag and syllable count are computed once per word *type*
  and shared across documents, then spread to tokens by array indexing;
- string columns are built once per type (or document) and spread with
  `take`, not converted from one Python object per token.

Token offsets index the cleaned `text` of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .lexicons import fingerprint, lexicon_path, read_lexicon
from .syllables import count_syllables

# Bump when the pass's output changes for the same text; it is part of every cache key.
TEXTPASS_VERSION = "2"

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text", "part", "in_lead"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token_id", "start", "end", "text", "lemma", "is_word", "is_stop", "n_syllables"]
LEAD_SENTENCES = 3

_TERMINALS = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = frozenset('"“”»«\'’‘)]')
_NO_SENTENCE_START = frozenset(",;:)]")
_HEADLINE_MAX_WORDS = 25


@dataclass(frozen=True)
class GermanRules:
    """The language knowledge of the text pass, read from the lexicons `sentences`, `stopwords` and `lemmas`."""

    abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    months: frozenset[str]
    stopwords: frozenset[str]
    lemma_corrections: dict[str, str]
    fingerprint: str

    @classmethod
    def from_lexicons(cls, corpus_dir: str | Path | None = None) -> "GermanRules":
        """Return the rules from the corpus's lexicons (or the shipped defaults)."""
        sentences_file = lexicon_path("sentences", corpus_dir)
        stopwords_file = lexicon_path("stopwords", corpus_dir)
        lemmas_file = lexicon_path("lemmas", corpus_dir)
        sentences = read_lexicon(sentences_file)
        return cls(
            abbreviations=frozenset(map(str, sentences.get("abbreviations", []))),
            sentence_final_abbreviations=frozenset(f"{a}." for a in sentences.get("sentence_final_abbreviations", [])),
            months=frozenset(map(str, sentences.get("months", []))),
            stopwords=frozenset(_read_stopwords(stopwords_file)),
            lemma_corrections=_read_lemma_corrections(lemmas_file),
            fingerprint=fingerprint(sentences_file, stopwords_file, lemmas_file),
        )

    @cached_property
    def token_pattern(self) -> re.Pattern:
        """Return the tokenizer's regular expression (alternatives tried in order).

        It has no capturing group, never matches whitespace and matches at every
        other character, so the tokens of a text are its non-space characters,
        cut into pieces (`_tokenize` relies on this).
        """
        abbreviations = "|".join(sorted(map(re.escape, self.abbreviations), key=len, reverse=True))
        months = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        abbreviation = [rf"\b(?:{abbreviations})\.(?!\w)"] if abbreviations else []  # Dr., Nr.
        # E-mail addresses, domains, dotted abbreviations and abbreviations all need a "." or "@"
        # right after a run of word characters, "+" and "-". One look-ahead for that skips the four
        # at an ordinary word (most positions), which makes the pattern about 2.5 times faster
        # and changes no token: where the look-ahead fails, none of the four could match.
        needs_dot = [
            r"[\w.+-]+@\w+(?:[.-]\w+)*\.[a-z]{2,}",  # e-mail address
            r"\w+(?:-\w+)*\.(?:com|org|net|info|eu|de|at|ch|ru|uk|fr|io)\b",  # domain: EURACTIV.com
            r"(?:[^\W\d_]{1,6}\.){2,}(?![^\W\d_])",  # dotted abbreviation: z.B., Anm.d.Red., U.S.
        ]
        # an abbreviation of the lexicon with another mark before its first "." ("Co&KG") stays outside
        if all(_DOT_GUARD.fullmatch(f"{a}.") for a in self.abbreviations):
            needs_dot, abbreviation = needs_dot + abbreviation, []
        # No token starts with a space, so "(?=\S)" turns each space away at once instead of
        # trying every alternative there (about 20% faster). Not if an abbreviation starts with one.
        not_at_space = "" if any(a[:1].isspace() for a in self.abbreviations) else r"(?=\S)"
        alternatives = [
            r"(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]]",  # URL
            rf"(?=[\w+-]*+[.@])(?:{'|'.join(needs_dot)})",
            *abbreviation,
            rf"\d{{1,3}}\.(?=[ \t\u00a0]+(?:(?:{months})\b|[a-zäöüß]))" if months else r"\d{1,3}\.(?=[ \t]+[a-zäöüß])",  # ordinal: 12. Januar
            r"\d+(?:[.,'’]\d+)+(?:-\w+)*",  # number with separators: 100.000, 100'000, 10.00, 2,5
            r"\w+(?:[-‐‑'’]\w+)*(?:-(?=[ \t]))?",  # word, hyphenated compound, Ergänzungsstrich: "Nato- und"
            r"\.\.\.|[^\w\s]",  # ellipsis or any other single mark
        ]
        return re.compile(f"{not_at_space}(?:{'|'.join(alternatives)})")


# What the look-ahead of the token pattern demands of a token before it tries the four
# alternatives that need a "." or "@": a run of [\w+-] ending at one of those marks.
_DOT_GUARD = re.compile(r"[\w+-]*[.@].*", re.DOTALL)


def _read_stopwords(path: Path) -> set[str]:
    """Return the stop words of a stopwords lexicon: its base list, plus `add`, minus `remove`."""
    data = read_lexicon(path)
    words: set[str] = set()
    base = data.get("base")
    if base:
        package, _, language = str(base).partition(":")
        if package != "stop-words":
            raise ValueError(f"{path}: unknown base list {base!r}; use 'stop-words:<language>' or list the words under add")
        from stop_words import get_stop_words

        words.update(word.lower() for word in get_stop_words(language or "german"))
    words.update(_entry_words(data.get("add")))
    words.difference_update(_entry_words(data.get("remove")))
    return words


def _read_lemma_corrections(path: Path) -> dict[str, str]:
    """Return the surface form -> lemma corrections of a lemmas lexicon."""
    entries = read_lexicon(path).get("lemmas") or {}
    corrections = {}
    for form, entry in entries.items():
        lemma = entry.get("lemma") if isinstance(entry, dict) else entry
        if not lemma:
            raise ValueError(f"{path}: the entry {form!r} needs a lemma: {form}: {{lemma: ..., reason: ...}}")
        corrections[str(form)] = str(lemma)
    return corrections


def _entry_words(entries) -> list[str]:
    """Return the lower-cased words of add/remove entries (plain strings or {word, reason})."""
    return [str(entry["word"] if isinstance(entry, dict) else entry).lower() for entry in entries or []]


class TypeAttributes:
    """Lemma, word flag, stop word flag and syllable count per word type, each computed once."""

    def __init__(self, rules: GermanRules) -> None:
        self.rules = rules
        self._index: dict[str, int] = {}
        self.lemma: list[str] = []
        self.is_word: list[bool] = []
        self.is_stop: list[bool] = []
        self.n_syllables: list[int] = []

    def codes(self, types: np.ndarray) -> np.ndarray:
        """Return the row of each type in the attribute lists, adding the types not yet seen."""
        index = self._index
        types = list(types)
        missing = [t for t in types if t not in index]
        if missing:
            self._add(missing)
        return np.fromiter(map(index.__getitem__, types), dtype=np.int64, count=len(types))

    def _add(self, types: list[str]) -> None:
        from simplemma import lemmatize

        stopwords = self.rules.stopwords
        corrections = self.rules.lemma_corrections
        for token in types:
            self._index[token] = len(self.lemma)
            has_letter = token.isalpha() or any(ch.isalpha() for ch in token)
            word = has_letter or any(ch.isdigit() for ch in token)
            self.lemma.append(corrections.get(token) or (lemmatize(token, lang="de") if has_letter else token))
            self.is_word.append(word)
            self.is_stop.append(token.lower() in stopwords)
            self.n_syllables.append(count_syllables(token) if word else 0)


# str.isspace() (what `\s` means to `re`) per code point; U+3000 is the highest space of Unicode
_LAST_SPACE = 0x3000
_SPACE_TABLE = np.array([chr(code).isspace() for code in range(_LAST_SPACE + 1)], dtype=bool)


class _Tokens(NamedTuple):
    """The tokens of one document, as `_tokenize` finds them."""

    words: list[str]
    starts: np.ndarray  # offset of each token's first character
    ends: np.ndarray  # offset after each token's last character
    paragraphs: np.ndarray  # 1-based line of the text holding each token
    last_characters: np.ndarray  # code point of each token's last character


def _tokenize(text: str, pattern: re.Pattern) -> _Tokens:
    """Return the tokens of `text` with their offsets and paragraphs.

    The token pattern cuts the non-space characters of the text into pieces
    (see `GermanRules.token_pattern`), so the k-th token starts at the
    non-space character that follows the characters of the tokens before it:
    offsets come from array arithmetic, not from a match object per token.
    """
    words = pattern.findall(text)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    is_space = _SPACE_TABLE[np.minimum(codes, _LAST_SPACE)] & (codes <= _LAST_SPACE)
    non_space = np.flatnonzero(~is_space)
    if lengths.sum() == len(non_space):
        starts = non_space[np.cumsum(lengths) - lengths]
    else:  # some token holds a space (a lexicon abbreviation such as "z. B"): locate every match
        starts = np.fromiter((m.start() for m in pattern.finditer(text)), dtype=np.int64, count=len(words))
    ends = starts + lengths
    paragraphs = np.searchsorted(np.flatnonzero(codes == ord("\n")), starts) + 1
    return _Tokens(words, starts, ends, paragraphs, codes[ends - 1])


def _is_sentence_start(token: str) -> bool:
    """Return True when `token` can begin a sentence (not lower-case, not a continuing mark)."""
    first = token[0]
    return not first.islower() and token not in _NO_SENTENCE_START


def _sentence_ends(tokens: _Tokens, rules: GermanRules) -> np.ndarray:
    """Return the index of the last token of every sentence of one document's tokens.

    A sentence never crosses a paragraph: the last token of each paragraph
    ends one. Inside a paragraph only the sentence-final marks are looked at.
    """
    words, starts, ends, paragraphs = tokens.words, tokens.starts, tokens.ends, tokens.paragraphs
    if not words:
        return np.zeros(0, dtype=np.int64)
    paragraph_last = np.flatnonzero(np.append(paragraphs[1:] != paragraphs[:-1], True))
    stopwords = rules.stopwords
    final_abbreviations = rules.sentence_final_abbreviations
    marks = _TERMINALS | final_abbreviations
    # only tokens that end like a mark can be one: find those by their last character, in C
    mark_endings = np.array(sorted({ord(mark[-1]) for mark in marks}), dtype=np.uint32)
    candidates = np.flatnonzero(np.isin(tokens.last_characters, mark_endings, kind="sort"))
    stops = paragraph_last[np.searchsorted(paragraph_last, candidates)] + 1  # one past the paragraph's last token
    ends_found: list[int] = []
    for i, n in zip(candidates.tolist(), stops.tolist()):
        token = words[i]
        if token not in marks:
            continue
        final_abbreviation = token in final_abbreviations
        if i + 1 < n and words[i + 1] in _TERMINALS:
            continue  # "?!" or "..": the last mark of a run decides
        last = i
        while last + 1 < n and words[last + 1] in _CLOSERS and starts[last + 1] == ends[last]:
            last += 1  # a closing quote or bracket right after the mark belongs to this sentence
        following = last + 1
        if following >= n:
            continue  # the paragraph ends here anyway
        if starts[following] == ends[last]:
            continue  # no space before the next token: "Red.)zu", "Sicht.Die"
        nxt = words[following]
        if not _is_sentence_start(nxt):
            continue
        if final_abbreviation or token in ("…", "...") or (token == "." and i > 0 and words[i - 1].isdigit() and len(words[i - 1]) <= 3):
            # ambiguous mark: a new sentence only if a capitalised function word follows
            if nxt.lower() not in stopwords or nxt in rules.months:
                continue
        elif token == "." and i > 0 and len(words[i - 1]) == 1 and words[i - 1].isalpha():
            continue  # an initial or a spaced abbreviation: "Alexander F. Fomin", "z. B.", "v. u. Z."
        elif token == "." and i > 0 and "-" in words[i - 1] and words[i - 1].rsplit("-", 1)[1] in rules.abbreviations:
            continue  # a compound ending in an abbreviation: "ATP-Nr. 221"
        ends_found.append(last)
    is_end = np.zeros(len(words), dtype=bool)
    is_end[paragraph_last] = True
    is_end[ends_found] = True
    return np.flatnonzero(is_end)


def _is_headline(first_line: str, title: str, title_source: str) -> bool:
    """Return True when the first paragraph of a text is its headline."""
    if title_source == "metadata":
        wanted = " ".join(str(title).split()).casefold()
        if not wanted:
            return False
        line = " ".join(first_line.split()).casefold()
        return line.startswith(wanted) or wanted.startswith(line)
    line = " ".join(first_line.split()).casefold()
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith((".", "!", "?"))


def _parts(paragraph_ids: np.ndarray, headline: bool) -> list[str]:
    """Return headline / lead / body for each sentence, given its paragraph."""
    parts = []
    body_seen = 0
    for paragraph_id in paragraph_ids.tolist():
        if headline and paragraph_id == 1:
            parts.append("headline")
        else:
            body_seen += 1
            parts.append("lead" if body_seen <= LEAD_SENTENCES else "body")
    return parts


def process_document(doc_id: str, text: str, rules: GermanRules, *, title: str = "", title_source: str = "metadata") -> tuple[dict, dict]:
    """Split and tokenize one cleaned text.

    Returns:
        Two dicts of columns (lists or arrays), for the sentences
        (`SENTENCE_COLUMNS`) and the tokens (all of `TOKEN_COLUMNS` except the
        per-type attributes, which `run_text_pass` adds).
    """
    tokens = _tokenize(text, rules.token_pattern)
    words, starts, ends, paragraphs = tokens.words, tokens.starts, tokens.ends, tokens.paragraphs
    last = _sentence_ends(tokens, rules)
    first = np.concatenate(([0], last[:-1] + 1)).astype(np.int64) if len(last) else last
    n_sentences = len(last)
    sentence_start, sentence_end, paragraph_id = starts[first], ends[last], paragraphs[first]
    headline = n_sentences > 0 and _is_headline(text.split("\n", 1)[0], title, title_source)
    parts = _parts(paragraph_id, headline)
    sentences = {
        "doc_id": [doc_id] * n_sentences,
        "sentence_id": np.arange(1, n_sentences + 1),
        "paragraph_id": paragraph_id,
        "start": sentence_start,
        "end": sentence_end,
        "text": [text[s:e] for s, e in zip(sentence_start.tolist(), sentence_end.tolist())],
        "part": parts,
        "in_lead": np.array([part != "body" for part in parts], dtype=bool),
    }
    token_columns = {
        "doc_id": [doc_id] * len(words),
        "sentence_id": np.repeat(np.arange(1, n_sentences + 1), last - first + 1),
        "token_id": np.arange(1, len(words) + 1),
        "start": starts,
        "end": ends,
        "text": words,
    }
    return sentences, token_columns


@dataclass
class TextPassResult:
    """The tables of one text pass: `sentences` and `tokens` (see `SENTENCE_COLUMNS`, `TOKEN_COLUMNS`)."""

    sentences: pd.DataFrame
    tokens: pd.DataFrame


def run_text_pass(documents: pd.DataFrame, rules: GermanRules, types: TypeAttributes | None = None) -> TextPassResult:
    """Run the text pass over `documents` (columns `doc_id, text`, optional `title, title_source`).

    Args:
        documents: the documents to process.
        rules: the language knowledge (abbreviations, months, stop words).
        types: per-type attributes to reuse across calls (a new one if None).

    Returns:
        The sentences and tokens tables of all documents, in document order.
    """
    types = types or TypeAttributes(rules)
    titles = documents["title"] if "title" in documents else pd.Series("", index=documents.index)
    sources = documents["title_source"] if "title_source" in documents else pd.Series("metadata", index=documents.index)
    sentence_parts, token_parts = [], []
    for doc_id, text, title, source in zip(documents["doc_id"], documents["text"], titles, sources):
        text = text if isinstance(text, str) else ""  # a missing text (NaN) is an empty document
        title = title if isinstance(title, str) else ""
        sentences, tokens = process_document(doc_id, text, rules, title=title, title_source=source)
        sentence_parts.append(sentences)
        token_parts.append(tokens)
    doc_ids = pd.Series(documents["doc_id"].tolist())
    sentences = {"doc_id": _spread(doc_ids, _owner(sentence_parts, "sentence_id")), **_join(sentence_parts, SENTENCE_COLUMNS[1:])}
    token_columns = _join(token_parts, TOKEN_COLUMNS[1:6])
    token_codes, unique_tokens = pd.factorize(np.asarray(token_columns.pop("text"), dtype=object))
    rows = types.codes(unique_tokens).tolist()
    tokens = {
        "doc_id": _spread(doc_ids, _owner(token_parts, "token_id")),
        **token_columns,
        "text": _spread(pd.Series(list(unique_tokens)), token_codes),
        # (an empty lemma column has kept type object, unlike the float64 pandas gives the other empty columns)
        "lemma": _spread(pd.Series([types.lemma[r] for r in rows]), token_codes) if rows else np.zeros(0, dtype=object),
        "is_word": np.array([types.is_word[r] for r in rows], dtype=bool)[token_codes],
        "is_stop": np.array([types.is_stop[r] for r in rows], dtype=bool)[token_codes],
        "n_syllables": np.array([types.n_syllables[r] for r in rows], dtype=np.int16)[token_codes],
    }
    return TextPassResult(
        sentences=_typed(pd.DataFrame(sentences, columns=SENTENCE_COLUMNS), _SENTENCE_TYPES),
        tokens=_typed(pd.DataFrame(tokens, columns=TOKEN_COLUMNS), _TOKEN_TYPES),
    )


def _join(parts: list[dict], columns: list[str]) -> dict:
    """Return the columns of the documents' `parts` joined end to end (lists stay lists)."""
    joined = {}
    for column in columns:
        pieces = [part[column] for part in parts]
        if not pieces:
            joined[column] = []
        elif isinstance(pieces[0], list):
            joined[column] = list(chain.from_iterable(pieces))
        else:
            joined[column] = np.concatenate(pieces)
    return joined


def _owner(parts: list[dict], column: str) -> np.ndarray:
    """Return, for every row of the joined `parts`, the position of the document it came from."""
    return np.repeat(np.arange(len(parts)), [len(part[column]) for part in parts])


def _spread(values: pd.Series, positions: np.ndarray):
    """Return `values` taken at `positions`: pandas converts each distinct value once, not once per row.

    The column type is the one pandas gives `values` (str for strings); an empty
    column is an empty list, typed as pandas types it.
    """
    return values.array.take(positions) if len(positions) else []


_SENTENCE_TYPES = {"doc_id": "str", "text": "str", "part": "str", "sentence_id": "int32", "paragraph_id": "int32", "start": "int64", "end": "int64", "in_lead": "bool"}
_TOKEN_TYPES = {"doc_id": "str", "text": "str", "lemma": "str", "sentence_id": "int32", "token_id": "int32", "start": "int64", "end": "int64", "is_word": "bool", "is_stop": "bool", "n_syllables": "int16"}


def _typed(frame: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    """Return `frame` with fixed integer and boolean column types (stable Parquet schemas)."""
    return frame.astype(types)
