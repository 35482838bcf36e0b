"""Find a rule lexicon's matches in the word tokens: lemmas and their compounds, phrases, regexes, overlaps.

The matcher behind `framing.naming`, `framing.frames` and `framing.hedges`
(whose lexicons it takes in the form of a `NamingLexicon`, see
`framing.lexicon_rules`). `find_matches` does it all: `find_candidates` lists
every match of every variant, overlapping ones included, and
`resolve_overlaps` keeps, of the matches of one concept that share a word, the
one with more words, then the longer lexicon entry, then the variant listed
first. `framing.actors` resolves its own candidates with `resolve_overlaps`.

Matching is case-insensitive and runs per word type (each distinct lemma is
looked at once), then spreads to tokens by array indexing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .lexicon_rules import NamingLexicon
from .lexicons import normalize_word
from .words import WordTokens, find_sequences


def matches_head(word: str, head: str, min_modifier: int) -> bool:
    """Return True when `head` is `word` or the head of the compound `word` (both lower-case).

    Hyphenated compounds need any modifier ("eu-erweiterung"); closed ones at
    least `min_modifier` characters before the head ("truppenaufmarsch", not
    "anlage" for "lage" with the default 3).

    Args:
        word: the word (a lemma), lower-cased.
        head: the lexicon's word, lower-cased.
        min_modifier: the fewest characters a closed compound's modifier may have.

    Returns:
        True for the word itself or a compound with this head.
    """
    if word == head:
        return True
    if not word.endswith(head):
        return False
    modifier = word[: len(word) - len(head)]
    if modifier.endswith("-"):
        return len(modifier) > 1
    return len(modifier) >= min_modifier


def lemma_type_matches(types: np.ndarray, lexicon: NamingLexicon) -> pd.DataFrame:
    """Return the (type, variant) pairs where a lemma type matches a variant's lemmas.

    Works on the distinct lemmas only; exclusions and `compounds: false` are
    applied here.

    Args:
        types: the distinct lemmas (`WordTokens.lemma_types`).
        lexicon: the lexicon whose variants' `lemmas` to match.

    Returns:
        Columns `code` (the type's index in `types`), `variant` (index into
        `lexicon.variants`), `length` (characters of the lexicon entry
        matched), `matched_by` ("lemma" or "compound").
    """
    variants = lexicon.variants
    heads: dict[str, list[int]] = {}
    for index, variant in enumerate(variants):
        for lemma in variant.lemmas:
            heads.setdefault(lemma, []).append(index)
    columns = ["code", "variant", "length", "matched_by"]
    if not heads or not len(types):
        return pd.DataFrame({c: pd.Series(dtype="object" if c == "matched_by" else "int64") for c in columns})
    lowered = pd.Series(types, dtype=object).map(normalize_word)
    # C-speed filter first: only lemmas ending like some head can match one
    candidates = np.flatnonzero(lowered.str.endswith(tuple(heads)).fillna(False).to_numpy(dtype=bool))
    rows = []
    min_modifier = lexicon.min_modifier
    for code in candidates.tolist():
        word = lowered.iat[code]
        for head, owners in heads.items():
            if not matches_head(word, head, min_modifier):
                continue
            exact = word == head
            for index in owners:
                variant = variants[index]
                if not exact and not variant.compounds:
                    continue
                if word.endswith(variant.exclude):  # an excluded word, or any word ending in one
                    continue
                rows.append((code, index, len(head), "lemma" if exact else "compound"))
    return pd.DataFrame(rows, columns=columns)


CANDIDATE_COLUMNS = ["variant", "first", "last", "doc_pos", "start", "end", "n_words", "length", "matched_by"]


@dataclass
class Candidates:
    """Matches before overlaps are resolved, and the word positions each one claims.

    `table` has one row per candidate: `variant` (index into the lexicon's
    variants), `first, last` (word positions), `doc_pos`, `start, end`
    (character offsets), `n_words` (words matched), `length` (characters of
    the lexicon entry or regex match), `matched_by`. Candidate `claim_owner[i]`
    claims word position `claim_position[i]`.
    """

    table: pd.DataFrame
    claim_owner: np.ndarray
    claim_position: np.ndarray


def find_candidates(texts: Sequence[str], words: WordTokens, lexicon: NamingLexicon) -> Candidates:
    """Return every match of every variant of the lexicon, overlapping ones included.

    Args:
        texts: the cleaned text of each document, indexed like `words.doc_pos`
            (only regexes read it).
        words: the word tokens to match.
        lexicon: the lexicon whose lemmas, phrases and regexes to find.

    Returns:
        The `Candidates`, ignored variants included (they still claim words).
    """
    variants = lexicon.variants
    parts: list[pd.DataFrame] = []
    owners: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    n_rows = 0

    def add(part: pd.DataFrame, claim_rows: np.ndarray, claim_positions: np.ndarray) -> None:
        nonlocal n_rows
        parts.append(part)
        owners.append(claim_rows + n_rows)
        positions.append(claim_positions)
        n_rows += len(part)

    type_matches = lemma_type_matches(words.lemma_types, lexicon)
    if len(type_matches):
        hit = np.flatnonzero(np.isin(words.lemma_codes, type_matches["code"].unique()))
        hits = pd.DataFrame({"position": hit, "code": words.lemma_codes[hit]}).merge(type_matches, on="code")
        position = hits["position"].to_numpy(dtype=np.int64)
        add(pd.DataFrame({
            "variant": hits["variant"].to_numpy(dtype=np.int64), "first": position, "last": position,
            "doc_pos": words.doc_pos[position], "start": words.start[position], "end": words.end[position],
            "n_words": 1, "length": hits["length"].to_numpy(dtype=np.int64), "matched_by": hits["matched_by"].to_numpy(dtype=object),
        }), np.arange(len(position)), position)

    lemma_lower = pd.Series(words.lemma_types, dtype=object).map(normalize_word).to_numpy(dtype=object)
    text_lower = pd.Series(words.text_types, dtype=object).map(normalize_word).to_numpy(dtype=object)
    element_masks: dict[str, np.ndarray] = {}

    def mask(element: str) -> np.ndarray:
        if element not in element_masks:
            element_masks[element] = (lemma_lower == element)[words.lemma_codes] | (text_lower == element)[words.text_codes]
        return element_masks[element]

    for index, variant in enumerate(variants):
        for phrase in variant.phrases:
            rows = find_sequences([mask(e) for e in phrase], words.sentence_key, max_gap=variant.max_gap)
            if not len(rows):
                continue
            first, last = rows[:, 0], rows[:, -1]
            add(pd.DataFrame({
                "variant": index, "first": first, "last": last, "doc_pos": words.doc_pos[first],
                "start": words.start[first], "end": words.end[last], "n_words": len(phrase),
                "length": sum(map(len, phrase)), "matched_by": "phrase",
            }), np.repeat(np.arange(len(rows)), len(phrase)), rows.ravel())

    regex_variants = [(index, v) for index, v in enumerate(variants) if v.regex]
    if regex_variants:
        add(*regex_candidates(texts, words, regex_variants))

    if not parts:
        empty = pd.DataFrame({c: pd.Series(dtype="object" if c == "matched_by" else "int64") for c in CANDIDATE_COLUMNS})
        return Candidates(empty, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return Candidates(
        table=pd.concat(parts, ignore_index=True)[CANDIDATE_COLUMNS],
        claim_owner=np.concatenate(owners).astype(np.int64),
        claim_position=np.concatenate(positions).astype(np.int64),
    )


def regex_candidates(texts: Sequence[str], words: WordTokens, regex_variants: list) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Return the matches of the variants' regular expressions in the cleaned texts, and the words they claim.

    One search per document and expression. A match claims every word it
    overlaps; a match that overlaps no word (only punctuation) is ignored.

    Args:
        texts: the cleaned text of each document, indexed like `words.doc_pos`.
        words: the word tokens of those texts.
        regex_variants: `(index into the lexicon's variants, variant)` pairs of
            the variants with regexes.

    Returns:
        `(table, claim_owner, claim_position)`: the matches as rows of
        `CANDIDATE_COLUMNS` and the words they claim, as in `Candidates`.
    """
    rows, owners, positions = [], [], []
    for doc_pos, text in enumerate(texts):
        lo, hi = int(words.doc_start[doc_pos]), int(words.doc_stop[doc_pos])
        if lo == hi:
            continue
        starts, ends = words.start[lo:hi], words.end[lo:hi]
        for index, variant in regex_variants:
            for regex in variant.regex:
                for match in regex.finditer(text):
                    s, e = match.span()
                    first = lo + int(np.searchsorted(ends, s, side="right"))
                    last = lo + int(np.searchsorted(starts, e, side="left")) - 1
                    if first > last:
                        continue
                    owners.append(np.full(last - first + 1, len(rows), dtype=np.int64))
                    positions.append(np.arange(first, last + 1, dtype=np.int64))
                    rows.append((index, first, last, doc_pos, s, e, last - first + 1, e - s, "regex"))
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS).astype({c: "int64" for c in CANDIDATE_COLUMNS[:-1]})
    if not rows:
        return table, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return table, np.concatenate(owners), np.concatenate(positions)


def resolve_overlaps(candidates: Candidates, concept_of: np.ndarray, n_positions: int) -> np.ndarray:
    """Return which candidates survive: a word counts at most once per concept.

    Candidates are ranked by more words, then the longer lexicon entry, then
    the variant listed first, then position; a candidate is kept when none of
    its words is claimed by a better-ranked one of the same concept. Candidates
    that share no word with another of their concept are kept at once (nearly
    all of them); only the contested ones are decided one by one.

    Args:
        candidates: the candidates and the word positions they claim.
        concept_of: per variant (the `variant` column's values), its concept's
            number; candidates of different concepts never compete.
        n_positions: the number of word positions (`len(words)`).

    Returns:
        A boolean array over `candidates.table`'s rows: True for the kept ones.
    """
    table = candidates.table
    keep = np.ones(len(table), dtype=bool)
    if not len(table):
        return keep
    owner = candidates.claim_owner
    concept = concept_of[table["variant"].to_numpy(dtype=np.int64)]
    key = concept[owner] * (n_positions + 1) + candidates.claim_position
    _, inverse, key_counts = np.unique(key, return_inverse=True, return_counts=True)
    contested = np.unique(owner[key_counts[inverse] > 1])
    if not len(contested):
        return keep
    part = table.iloc[contested]
    ranked = contested[np.lexsort((
        part["start"].to_numpy(), part["doc_pos"].to_numpy(), part["variant"].to_numpy(),
        -part["length"].to_numpy(), -part["n_words"].to_numpy(),
    ))]
    in_contest = np.isin(owner, contested)
    claims = pd.Series(key[in_contest]).groupby(owner[in_contest]).agg(list)
    taken: set[int] = set()
    for index in ranked.tolist():
        mine = claims[index]
        if any(k in taken for k in mine):
            keep[index] = False
        else:
            taken.update(mine)
    return keep


def find_matches(texts: Sequence[str], words: WordTokens, lexicon: NamingLexicon) -> pd.DataFrame:
    """Return the matches of a lexicon that survive overlap resolution, ignored variants dropped.

    Args:
        texts: the cleaned text of each document, indexed like `words.doc_pos`
            (e.g. `corpus.documents["text"].fillna("").tolist()`).
        words: the word tokens of those texts (`framing.words.word_tokens`).
        lexicon: the lexicon to match (naming's, or frames' or hedges' in
            naming's form).

    Returns:
        One row per match, with the columns of `CANDIDATE_COLUMNS` (see
        `Candidates`), ordered by document, position and lexicon order.
    """
    concept_index = {concept.id: k for k, concept in enumerate(lexicon.concepts)}
    concept_of = np.array([concept_index[v.concept] for v in lexicon.variants], dtype=np.int64)
    ignored = np.array([v.ignore for v in lexicon.variants], dtype=bool)
    candidates = find_candidates(texts, words, lexicon)
    found = candidates.table[resolve_overlaps(candidates, concept_of, len(words))]
    found = found[~ignored[found["variant"].to_numpy(dtype=np.int64)]]  # they took their words; now drop them
    return found.sort_values(["doc_pos", "start", "end", "variant"], kind="stable")
