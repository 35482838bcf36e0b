"""The one German text pass: sentences, tokens, lemmas, stop words and syllables.

Every later analysis reads the two tidy tables made here, so the pass is
written for speed (see `bench/textpass.py`):

- tokens come from one compiled regular expression per document (C speed);
- sentence boundaries are decided only at the few sentence-final marks;
- lemma, stop word flag and syllable count are computed once per word *type*
  and shared across documents, then spread to tokens by array indexing.

Token offsets index the cleaned `text` of the document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .lexicons import fingerprint, lexicon_path, read_lexicon
from .syllables import count_syllables

# Bump when the pass's output changes for the same text; it is part of every cache key.
TEXTPASS_VERSION = "1"

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text", "part", "in_lead"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token_id", "start", "end", "text", "lemma", "is_word", "is_stop", "n_syllables"]
LEAD_SENTENCES = 3

_TERMINALS = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = frozenset('"“”»«\'’‘)]')
_NO_SENTENCE_START = frozenset(",;:)]")
_HEADLINE_MAX_WORDS = 25


@dataclass(frozen=True)
class GermanRules:
    """The language knowledge of the text pass, read from the lexicons `sentences` and `stopwords`."""

    abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    months: frozenset[str]
    stopwords: frozenset[str]
    fingerprint: str

    @classmethod
    def from_lexicons(cls, corpus_dir: str | Path | None = None) -> "GermanRules":
        """Return the rules from the corpus's lexicons (or the shipped defaults)."""
        sentences_file = lexicon_path("sentences", corpus_dir)
        stopwords_file = lexicon_path("stopwords", corpus_dir)
        sentences = read_lexicon(sentences_file)
        return cls(
            abbreviations=frozenset(map(str, sentences.get("abbreviations", []))),
            sentence_final_abbreviations=frozenset(f"{a}." for a in sentences.get("sentence_final_abbreviations", [])),
            months=frozenset(map(str, sentences.get("months", []))),
            stopwords=frozenset(_read_stopwords(stopwords_file)),
            fingerprint=fingerprint(sentences_file, stopwords_file),
        )

    @cached_property
    def token_pattern(self) -> re.Pattern:
        """Return the tokenizer's regular expression (alternatives tried in order)."""
        abbreviations = "|".join(sorted(map(re.escape, self.abbreviations), key=len, reverse=True))
        months = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        return re.compile(
            "|".join(
                [
                    r"(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]]",  # URL
                    r"[\w.+-]+@\w+(?:[.-]\w+)*\.[a-z]{2,}",  # e-mail address
                    r"\w+(?:-\w+)*\.(?:com|org|net|info|eu|de|at|ch|ru|uk|fr|io)\b",  # domain: EURACTIV.com
                    r"(?:[^\W\d_]{1,6}\.){2,}(?![^\W\d_])",  # dotted abbreviation: z.B., Anm.d.Red., U.S.
                    rf"\b(?:{abbreviations})\.(?!\w)" if abbreviations else r"(?!x)x",  # Dr., Nr.
                    rf"\d{{1,3}}\.(?=[ \t\u00a0]+(?:(?:{months})\b|[a-zäöüß]))" if months else r"\d{1,3}\.(?=[ \t]+[a-zäöüß])",  # ordinal: 12. Januar
                    r"\d+(?:[.,'’]\d+)+(?:-\w+)*",  # number with separators: 100.000, 100'000, 10.00, 2,5
                    r"\w+(?:[-‐‑'’]\w+)*(?:-(?=[ \t]))?",  # word, hyphenated compound, Ergänzungsstrich: "Nato- und"
                    r"\.\.\.|[^\w\s]",  # ellipsis or any other single mark
                ]
            )
        )


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
        missing = [t for t in types if t not in index]
        if missing:
            self._add(missing)
        return np.fromiter((index[t] for t in types), dtype=np.int64, count=len(types))

    def _add(self, types: list[str]) -> None:
        from simplemma import lemmatize

        stopwords = self.rules.stopwords
        for token in types:
            self._index[token] = len(self.lemma)
            has_letter = any(ch.isalpha() for ch in token)
            word = has_letter or any(ch.isdigit() for ch in token)
            self.lemma.append(lemmatize(token, lang="de") if has_letter else token)
            self.is_word.append(word)
            self.is_stop.append(token.lower() in stopwords)
            self.n_syllables.append(count_syllables(token) if word else 0)


def _is_sentence_start(token: str) -> bool:
    """Return True when `token` can begin a sentence (not lower-case, not a continuing mark)."""
    first = token[0]
    return not first.islower() and token not in _NO_SENTENCE_START


def _sentence_ends(text: str, spans: list[tuple[int, int]], words: list[str], rules: GermanRules) -> list[int]:
    """Return the index of the last token of every sentence of one paragraph's tokens."""
    ends: list[int] = []
    n = len(words)
    stopwords = rules.stopwords
    for i, token in enumerate(words):
        final_abbreviation = token in rules.sentence_final_abbreviations
        if token not in _TERMINALS and not final_abbreviation:
            continue
        if i + 1 < n and words[i + 1] in _TERMINALS:
            continue  # "?!" or "..": the last mark of a run decides
        last = i
        while last + 1 < n and words[last + 1] in _CLOSERS and spans[last + 1][0] == spans[last][1]:
            last += 1  # a closing quote or bracket right after the mark belongs to this sentence
        following = last + 1
        if following >= n:
            break  # the paragraph ends here anyway
        if spans[following][0] == spans[last][1]:
            continue  # no space before the next token: "Red.)zu", "Sicht.Die"
        nxt = words[following]
        if not _is_sentence_start(nxt):
            continue
        if final_abbreviation or token in ("…", "...") or (token == "." and i > 0 and words[i - 1].isdigit() and len(words[i - 1]) <= 3):
            # ambiguous mark: a new sentence only if a capitalised function word follows
            if nxt.lower() not in stopwords or nxt in rules.months:
                continue
        elif token == "." and i > 0 and len(words[i - 1]) == 1 and words[i - 1].isupper():
            continue  # an initial: "Alexander F. Fomin"
        ends.append(last)
    if not ends or ends[-1] != n - 1:
        ends.append(n - 1)
    return ends


def _is_headline(first_line: str, title: str, title_source: str) -> bool:
    """Return True when the first paragraph of a text is its headline."""
    line = " ".join(first_line.split()).casefold()
    if title_source == "metadata":
        wanted = " ".join(str(title).split()).casefold()
        return bool(wanted) and (line.startswith(wanted) or wanted.startswith(line))
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith((".", "!", "?"))


def process_document(doc_id: str, text: str, rules: GermanRules, *, title: str = "", title_source: str = "metadata") -> tuple[dict, dict]:
    """Split and tokenize one cleaned text.

    Returns:
        Two dicts of columns, for the sentences (`SENTENCE_COLUMNS`) and the
        tokens (all of `TOKEN_COLUMNS` except the per-type attributes, which
        `annotate` adds).
    """
    pattern = rules.token_pattern
    sentence_rows = {column: [] for column in ("sentence_id", "paragraph_id", "start", "end")}
    token_text: list[str] = []
    token_start: list[int] = []
    token_end: list[int] = []
    token_sentence: list[int] = []
    sentence_id = 0
    offset = 0
    for paragraph_id, paragraph in enumerate(text.split("\n")):
        matches = list(pattern.finditer(paragraph))
        if matches:
            spans = [(m.start() + offset, m.end() + offset) for m in matches]
            words = [m.group() for m in matches]
            first = 0
            for last in _sentence_ends(text, spans, words, rules):
                sentence_id += 1
                sentence_rows["sentence_id"].append(sentence_id)
                sentence_rows["paragraph_id"].append(paragraph_id + 1)
                sentence_rows["start"].append(spans[first][0])
                sentence_rows["end"].append(spans[last][1])
                token_sentence.extend([sentence_id] * (last - first + 1))
                first = last + 1
            token_text.extend(words)
            token_start.extend(s for s, _ in spans)
            token_end.extend(e for _, e in spans)
        offset += len(paragraph) + 1

    n_sentences = len(sentence_rows["sentence_id"])
    first_paragraph = text.split("\n", 1)[0]
    headline = n_sentences > 0 and _is_headline(first_paragraph, title, title_source)
    parts = []
    body_seen = 0
    for paragraph_id in sentence_rows["paragraph_id"]:
        if headline and paragraph_id == 1:
            parts.append("headline")
        else:
            body_seen += 1
            parts.append("lead" if body_seen <= LEAD_SENTENCES else "body")
    sentences = {
        "doc_id": [doc_id] * n_sentences,
        **sentence_rows,
        "text": [text[s:e] for s, e in zip(sentence_rows["start"], sentence_rows["end"])],
        "part": parts,
        "in_lead": [part != "body" for part in parts],
    }
    tokens = {
        "doc_id": [doc_id] * len(token_text),
        "sentence_id": token_sentence,
        "token_id": list(range(1, len(token_text) + 1)),
        "start": token_start,
        "end": token_end,
        "text": token_text,
    }
    return sentences, tokens


def _concat_columns(parts: list[dict], columns: list[str]) -> dict[str, list]:
    """Return the column lists of `parts` joined end to end."""
    joined: dict[str, list] = {column: [] for column in columns}
    for part in parts:
        for column in columns:
            joined[column].extend(part[column])
    return joined


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
        sentences, tokens = process_document(doc_id, text or "", rules, title=title or "", title_source=source)
        sentence_parts.append(sentences)
        token_parts.append(tokens)
    sentences = pd.DataFrame(_concat_columns(sentence_parts, SENTENCE_COLUMNS), columns=SENTENCE_COLUMNS)
    token_columns = _concat_columns(token_parts, TOKEN_COLUMNS[:6])
    token_codes, unique_tokens = pd.factorize(np.asarray(token_columns["text"], dtype=object))
    rows = types.codes(unique_tokens)[token_codes] if len(token_codes) else np.zeros(0, dtype=np.int64)
    token_columns["lemma"] = np.asarray(types.lemma, dtype=object)[rows]
    token_columns["is_word"] = np.asarray(types.is_word, dtype=bool)[rows]
    token_columns["is_stop"] = np.asarray(types.is_stop, dtype=bool)[rows]
    token_columns["n_syllables"] = np.asarray(types.n_syllables, dtype=np.int16)[rows]
    tokens = pd.DataFrame(token_columns, columns=TOKEN_COLUMNS)
    return TextPassResult(sentences=_typed(sentences, _SENTENCE_TYPES), tokens=_typed(tokens, _TOKEN_TYPES))


_SENTENCE_TYPES = {"sentence_id": "int32", "paragraph_id": "int32", "start": "int64", "end": "int64", "in_lead": "bool"}
_TOKEN_TYPES = {"sentence_id": "int32", "token_id": "int32", "start": "int64", "end": "int64", "is_word": "bool", "is_stop": "bool", "n_syllables": "int16"}


def _typed(frame: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    """Return `frame` with fixed integer and boolean column types (stable Parquet schemas)."""
    return frame.astype(types)


def text_hash(text: str, rules: GermanRules) -> str:
    """Return the cache key of a cleaned text: it changes with the text, the rules or the pass version."""
    return hashlib.sha256(f"{TEXTPASS_VERSION}\0{rules.fingerprint}\0{text}".encode()).hexdigest()[:24]
