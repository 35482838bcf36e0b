"""Naming variants: which of the competing words for the same thing each article uses.

Outlets name the same thing differently: the situation around Ukraine is a
"Konflikt", a "Krise" or a "Krieg"; Russia's troops a "Truppenaufmarsch" or
"100.000 Soldaten"; NATO enlargement an "Osterweiterung" or a "Politik der
offenen Tür". `lexicons/naming.yaml` lists the concepts and their variants
(with the reason for each); `naming(corpus)` counts the variants per article
and `naming_matches(corpus)` lists every match with its sentence, so each count
can be read in context.

What it measures and what it cannot tell: it counts words, not stance. A word
in a quotation counts like the outlet's own, a negated or rejected word ("Moskau
weist Behauptungen einer Invasion zurück") counts like an asserted one, and a
lexicon finds only what it lists: a synonym or a typo it lacks is silently
missed, so read the matches and extend the lexicon. A count of one or two
words in one article describes that article, not the outlet.

How words are matched (details in the header of `naming.yaml`):

- `lemmas`: a word counts when its lemma equals a listed lemma, or is a
  compound whose head is one ("Ukraine-Konflikt" for Konflikt; "Militäraufmarsch"
  for Aufmarsch when at least `compound_min_modifier` letters precede the head),
  unless it is listed under `exclude` or ends in an excluded word.
- `phrases`: word sequences within a sentence, each word matched by lemma or
  surface form, with up to `max_gap` other words between two of them.
- `regex`: regular expressions searched in the cleaned text.
- `ignore`: a variant for an idiom that holds a variant's word without naming
  the concept ("in der Lage sein", to be able to); it wins its words by the
  overlap rule below and is then dropped, so they count nowhere.
- Overlaps: a token counts at most once per concept. Of the matches of one
  concept that share a token, the one with more words wins, then the longer
  lexicon entry, then the variant listed first: "angebliche russische
  Aggressionen" counts once, as 'angebliche Aggression'; "Truppenaufmarsch"
  counts as Truppenaufmarsch, not also as Aufmarsch. Different concepts count
  independently.

All matching is case-insensitive and runs per word type (each distinct lemma is
looked at once), then spreads to tokens by array indexing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus
from .kwic import WordTokens, _outlet_ids, find_sequences, word_tokens
from .lexicons import LexiconError, read_lexicon

NAMING_COLUMNS = ["concept", "variant", "doc_id", "outlet_id", "n"]
MATCH_COLUMNS = ["concept", "variant", "doc_id", "outlet_id", "sentence_id", "start", "end", "surface", "token_id", "matched_by"]
VARIANT_COLUMNS = [
    "concept", "concept_label", "variant", "variant_label", "lemmas", "exclude", "compounds", "phrases",
    "max_gap", "regex", "ignore", "rationale",
]
DEFAULT_MIN_MODIFIER = 3
MAX_GAP_LIMIT = 10

_ID = re.compile(r"^[a-z0-9_]+$")
_TOP_FIELDS = frozenset({"concepts", "compound_min_modifier"})
_CONCEPT_FIELDS = frozenset({"id", "label", "description", "rationale", "source", "variants"})
_VARIANT_FIELDS = frozenset({"id", "label", "rationale", "source", "lemmas", "exclude", "compounds", "phrases", "max_gap", "regex", "ignore"})


@dataclass(frozen=True)
class NamingVariant:
    """One variant of a concept, as read from `naming.yaml` (words lower-cased and NFC-normalised)."""

    concept: str
    id: str
    label: str
    rationale: str
    lemmas: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    compounds: bool = True
    phrases: tuple[tuple[str, ...], ...] = ()
    max_gap: int = 0
    regex: tuple[re.Pattern, ...] = ()
    ignore: bool = False


@dataclass(frozen=True)
class NamingConcept:
    """One concept of `naming.yaml` with its variants, in file order."""

    id: str
    label: str
    description: str
    rationale: str
    variants: tuple[NamingVariant, ...]


@dataclass(frozen=True)
class NamingLexicon:
    """The concepts of a naming lexicon and the compound rule's minimum modifier length."""

    path: Path
    concepts: tuple[NamingConcept, ...]
    min_modifier: int = DEFAULT_MIN_MODIFIER

    @property
    def variants(self) -> list[NamingVariant]:
        """Return every variant, concept by concept, in file order (ignored ones included)."""
        return [variant for concept in self.concepts for variant in concept.variants]

    @property
    def counted(self) -> list[int]:
        """Return the positions in `variants` of the variants that are counted (not `ignore`)."""
        return [k for k, variant in enumerate(self.variants) if not variant.ignore]


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def _text(value) -> str | None:
    """Return `value` as a non-empty string, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _word_list(value, where: str, field: str, *, allow_spaces: bool) -> list[str]:
    """Return a YAML list of words as strings, or raise LexiconError saying what to write."""
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where}: {field} must be a non-empty list, e.g. {field}: [Konflikt]; found {value!r}")
    words = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}: {field} holds {item!r}, which is not a word; write each entry as text (quote it if YAML reads it as a number or yes/no)")
        if not allow_spaces and len(item.split()) > 1:
            raise LexiconError(f"{where}: {field} entry {item!r} has several words; list word sequences under phrases")
        words.append(item.strip())
    return words


def load_naming_lexicon(path: str | Path) -> NamingLexicon:
    """Read and validate a naming lexicon.

    Args:
        path: the YAML file (see `corpus/lexicons/naming.yaml` for its format).

    Returns:
        The `NamingLexicon`.

    Raises:
        LexiconError: naming the file, the concept and the variant, what is
            wrong and what to write instead.
    """
    path = Path(path)
    data = read_lexicon(path)
    unknown = sorted(set(data) - _TOP_FIELDS)
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(map(str, unknown))}; allowed: {', '.join(sorted(_TOP_FIELDS))}")
    min_modifier = data.get("compound_min_modifier", DEFAULT_MIN_MODIFIER)
    if not isinstance(min_modifier, int) or isinstance(min_modifier, bool) or min_modifier < 1:
        raise LexiconError(f"{path}: compound_min_modifier must be a whole number of at least 1, not {min_modifier!r}")
    entries = data.get("concepts")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{path}: expected a non-empty list under 'concepts' (each with id, label, rationale, variants)")
    concepts, concept_ids = [], set()
    for number, entry in enumerate(entries, start=1):
        concept_name = entry.get("id", "no id") if isinstance(entry, dict) else entry
        where = f"{path}, concept {number} ({concept_name})"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a mapping with id, label, rationale and variants")
        _check_entry(entry, where, _CONCEPT_FIELDS, ("id", "label"))
        if entry["id"] in concept_ids:
            raise LexiconError(f"{where}: the concept id {entry['id']!r} is used twice; give each concept its own id")
        concept_ids.add(entry["id"])
        variants_data = entry.get("variants")
        if not isinstance(variants_data, list) or not variants_data:
            raise LexiconError(f"{where}: expected a non-empty list under 'variants'")
        variants, variant_ids, owners = [], set(), {}
        for v_number, v_entry in enumerate(variants_data, start=1):
            v_name = v_entry.get("id", "no id") if isinstance(v_entry, dict) else v_entry
            v_where = f"{where}, variant {v_number} ({v_name})"
            if not isinstance(v_entry, dict):
                raise LexiconError(f"{v_where}: expected a mapping with id, label, rationale and lemmas, phrases or regex")
            variant = _read_variant(v_entry, v_where, entry["id"])
            if variant.id in variant_ids:
                raise LexiconError(f"{v_where}: the variant id {variant.id!r} is used twice in this concept; give each variant its own id")
            variant_ids.add(variant.id)
            for lemma in variant.lemmas:
                if lemma in owners:
                    raise LexiconError(f"{v_where}: the lemma {lemma!r} is listed in variant {owners[lemma]!r} too; list it in one variant only")
                owners[lemma] = variant.id
            variants.append(variant)
        if all(variant.ignore for variant in variants):
            raise LexiconError(f"{where}: every variant has ignore: true; a concept needs at least one variant that counts")
        concepts.append(NamingConcept(
            id=entry["id"], label=entry["label"], description=_text(entry.get("description")) or "",
            rationale=_text(entry.get("rationale")) or _text(entry.get("source")) or "", variants=tuple(variants),
        ))
    return NamingLexicon(path=path, concepts=tuple(concepts), min_modifier=min_modifier)


def _check_entry(entry: dict, where: str, fields: frozenset, required: tuple[str, ...]) -> None:
    """Check the common fields of a concept or variant: required text, a rationale or source, id form, no unknown keys."""
    unknown = sorted(map(str, set(entry) - fields))
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(fields))}")
    missing = [key for key in required if not _text(entry.get(key))]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    if not (_text(entry.get("rationale")) or _text(entry.get("source"))):
        raise LexiconError(f"{where}: missing rationale; say why this entry exists and where it was seen (or give its source:)")
    if not _ID.match(entry["id"]):
        raise LexiconError(f"{where}: the id {entry['id']!r} may hold only lower-case letters a-z, digits and _ (write umlauts as ae, oe, ue)")


def _read_variant(
    entry: dict, where: str, concept: str, *, fields: frozenset = _VARIANT_FIELDS, noun: str = "variant"
) -> NamingVariant:
    """Return one validated variant of a concept.

    `fields` (the keys allowed) and `noun` (what an entry is called in error
    messages) let other lexicons with the same matching rules reuse this
    reader: `frames.yaml` calls its entries indicator groups and adds `weight`.
    """
    _check_entry(entry, where, fields, ("id", "label"))
    if not any(key in entry for key in ("lemmas", "phrases", "regex")):
        raise LexiconError(f"{where}: give at least one of lemmas (single words), phrases (word sequences) or regex")
    lemmas = _word_list(entry["lemmas"], where, "lemmas", allow_spaces=False) if "lemmas" in entry else []
    exclude = []
    if "exclude" in entry:
        if not lemmas:
            raise LexiconError(f"{where}: exclude applies to lemmas; this {noun} lists none")
        exclude = _word_list(entry["exclude"], where, "exclude", allow_spaces=False)
    compounds = entry.get("compounds", True)
    if not isinstance(compounds, bool):
        raise LexiconError(f"{where}: compounds must be true or false, not {compounds!r}")
    ignore = entry.get("ignore", False)
    if not isinstance(ignore, bool):
        raise LexiconError(f"{where}: ignore must be true or false, not {ignore!r}")
    phrases = []
    if "phrases" in entry:
        for phrase in _word_list(entry["phrases"], where, "phrases", allow_spaces=True):
            words = tuple(_norm(word) for word in phrase.split())
            if len(words) < 2:
                raise LexiconError(f"{where}: the phrase {phrase!r} is a single word; list it under lemmas (then its compounds count too)")
            phrases.append(words)
    max_gap = entry.get("max_gap", 0)
    if not isinstance(max_gap, int) or isinstance(max_gap, bool) or not 0 <= max_gap <= MAX_GAP_LIMIT:
        raise LexiconError(f"{where}: max_gap must be a whole number from 0 to {MAX_GAP_LIMIT}, not {max_gap!r}")
    if max_gap and not phrases:
        raise LexiconError(f"{where}: max_gap applies to phrases; this {noun} lists none")
    regexes = []
    if "regex" in entry:
        raw = entry["regex"]
        patterns = [raw] if isinstance(raw, str) else raw
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise LexiconError(f"{where}: regex must be a regular expression or a list of them, not {raw!r}")
        for pattern in patterns:
            try:
                regex = re.compile(unicodedata.normalize("NFC", pattern), re.IGNORECASE)
            except re.error as error:
                raise LexiconError(f"{where}: invalid regex {pattern!r}: {error}") from error
            if regex.search(""):
                raise LexiconError(f"{where}: the regex {pattern!r} matches empty text; make it require at least one character")
            regexes.append(regex)
    return NamingVariant(
        concept=concept, id=entry["id"], label=entry["label"],
        rationale=_text(entry.get("rationale")) or _text(entry.get("source")) or "",
        lemmas=tuple(dict.fromkeys(_norm(w) for w in lemmas)), exclude=tuple(_norm(w) for w in exclude),
        compounds=compounds, phrases=tuple(phrases), max_gap=max_gap, regex=tuple(regexes), ignore=ignore,
    )


def naming_lexicon(corpus: Corpus) -> NamingLexicon:
    """Return the corpus's naming lexicon (its own `lexicons/naming.yaml`, else the shipped one)."""
    return load_naming_lexicon(corpus.lexicon("naming"))


# --- matching ---------------------------------------------------------------------------------


def _is_head(word: str, head: str, min_modifier: int) -> bool:
    """Return True when `head` is `word` or the head of the compound `word` (both lower-case).

    Hyphenated compounds need any modifier ("eu-erweiterung"); closed ones at
    least `min_modifier` characters before the head ("truppenaufmarsch", not
    "anlage" for "lage" with the default 3).
    """
    if word == head:
        return True
    if not word.endswith(head):
        return False
    modifier = word[: len(word) - len(head)]
    if modifier.endswith("-"):
        return len(modifier) > 1
    return len(modifier) >= min_modifier


def _lemma_type_matches(types: np.ndarray, lexicon: NamingLexicon) -> pd.DataFrame:
    """Return the (type, variant) pairs where a lemma type matches a variant's lemmas.

    Works on the distinct lemmas only. Columns: `code` (the type), `variant`
    (index into `lexicon.variants`), `length` (characters of the lexicon entry
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
    lowered = pd.Series(types, dtype=object).map(_norm)
    # C-speed filter first: only lemmas ending like some head can match one
    candidates = np.flatnonzero(lowered.str.endswith(tuple(heads)).fillna(False).to_numpy(dtype=bool))
    rows = []
    min_modifier = lexicon.min_modifier
    for code in candidates.tolist():
        word = lowered.iat[code]
        for head, owners in heads.items():
            if not _is_head(word, head, min_modifier):
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


_CANDIDATE_COLUMNS = ["variant", "first", "last", "doc_pos", "start", "end", "n_words", "length", "matched_by"]


@dataclass
class _Candidates:
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


def _candidates(corpus: Corpus, words: WordTokens, lexicon: NamingLexicon) -> _Candidates:
    """Return every match of every variant of the lexicon, overlapping ones included."""
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

    type_matches = _lemma_type_matches(words.lemma_types, lexicon)
    if len(type_matches):
        hit = np.flatnonzero(np.isin(words.lemma_codes, type_matches["code"].unique()))
        hits = pd.DataFrame({"position": hit, "code": words.lemma_codes[hit]}).merge(type_matches, on="code")
        position = hits["position"].to_numpy(dtype=np.int64)
        add(pd.DataFrame({
            "variant": hits["variant"].to_numpy(dtype=np.int64), "first": position, "last": position,
            "doc_pos": words.doc_pos[position], "start": words.start[position], "end": words.end[position],
            "n_words": 1, "length": hits["length"].to_numpy(dtype=np.int64), "matched_by": hits["matched_by"].to_numpy(dtype=object),
        }), np.arange(len(position)), position)

    lemma_lower = pd.Series(words.lemma_types, dtype=object).map(_norm).to_numpy(dtype=object)
    text_lower = pd.Series(words.text_types, dtype=object).map(_norm).to_numpy(dtype=object)
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
        add(*_regex_candidates(corpus, words, regex_variants))

    if not parts:
        empty = pd.DataFrame({c: pd.Series(dtype="object" if c == "matched_by" else "int64") for c in _CANDIDATE_COLUMNS})
        return _Candidates(empty, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return _Candidates(
        table=pd.concat(parts, ignore_index=True)[_CANDIDATE_COLUMNS],
        claim_owner=np.concatenate(owners).astype(np.int64),
        claim_position=np.concatenate(positions).astype(np.int64),
    )


def _regex_candidates(corpus: Corpus, words: WordTokens, regex_variants: list) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Return the matches of the variants' regular expressions in the cleaned texts, and the words they claim.

    One search per document and expression. A match claims every word it
    overlaps; a match that overlaps no word (only punctuation) is ignored.
    """
    rows, owners, positions = [], [], []
    texts = corpus.documents["text"].fillna("").tolist()
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
    table = pd.DataFrame(rows, columns=_CANDIDATE_COLUMNS).astype({c: "int64" for c in _CANDIDATE_COLUMNS[:-1]})
    if not rows:
        return table, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return table, np.concatenate(owners), np.concatenate(positions)


def _resolve(candidates: _Candidates, concept_of: np.ndarray, n_positions: int) -> np.ndarray:
    """Return which candidates survive: a word counts at most once per concept.

    Candidates are ranked by more words, then the longer lexicon entry, then
    the variant listed first, then position; a candidate is kept when none of
    its words is claimed by a better-ranked one of the same concept. Candidates
    that share no word with another of their concept are kept at once (nearly
    all of them); only the contested ones are decided one by one.
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


def _found(corpus: Corpus, words: WordTokens, lexicon: NamingLexicon) -> pd.DataFrame:
    """Return the candidates that survive overlap resolution, ordered by document, position and lexicon order."""
    concept_index = {concept.id: k for k, concept in enumerate(lexicon.concepts)}
    concept_of = np.array([concept_index[v.concept] for v in lexicon.variants], dtype=np.int64)
    ignored = np.array([v.ignore for v in lexicon.variants], dtype=bool)
    candidates = _candidates(corpus, words, lexicon)
    found = candidates.table[_resolve(candidates, concept_of, len(words))]
    found = found[~ignored[found["variant"].to_numpy(dtype=np.int64)]]  # they took their words; now drop them
    return found.sort_values(["doc_pos", "start", "end", "variant"], kind="stable")


def naming_matches(corpus: Corpus) -> pd.DataFrame:
    """Return one row per naming variant found in the corpus, with where it stands.

    Every count of `naming` comes from these rows: filter by `concept` and
    `variant` and read `surface` and the sentence (`framing.sentences`, joined
    on `doc_id, sentence_id`) to see what each match says. See the module
    docstring for what is matched and how overlaps are resolved.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/naming.yaml`, else the
            shipped one.

    Returns:
        Columns `concept, variant` (ids from the lexicon), `doc_id, outlet_id`,
        `sentence_id` (of the match's first word), `start, end` (character
        offsets into the document's cleaned `text`), `surface` (the text
        matched, `text[start:end]`, e.g. "Ukraine-Konflikts", or "angebliche
        russische Aggressionen" for a phrase with a gap), `token_id` (of the
        first word), `matched_by` (lemma: the lemma itself; compound: the
        lemma is a compound with this head; phrase; regex). Ordered by
        document (corpus order), then position, then lexicon order.

    Raises:
        LexiconError: when the naming lexicon is malformed (the message names
            the file, concept and variant).
    """
    lexicon = naming_lexicon(corpus)
    words = word_tokens(corpus)
    variants = lexicon.variants
    found = _found(corpus, words, lexicon)
    texts = corpus.documents["text"].fillna("").tolist()
    doc_pos = found["doc_pos"].to_numpy(dtype=np.int64)
    first = found["first"].to_numpy(dtype=np.int64)
    variant = found["variant"].to_numpy(dtype=np.int64)
    starts, ends = found["start"].to_numpy(dtype=np.int64), found["end"].to_numpy(dtype=np.int64)
    concept_ids = np.array([v.concept for v in variants], dtype=object)
    variant_ids = np.array([v.id for v in variants], dtype=object)
    return pd.DataFrame({
        "concept": concept_ids[variant],
        "variant": variant_ids[variant],
        "doc_id": corpus.documents["doc_id"].to_numpy(dtype=object)[doc_pos],
        "outlet_id": _outlet_ids(corpus)[doc_pos],
        "sentence_id": words.sentence_id[first],
        "start": starts,
        "end": ends,
        "surface": [texts[d][s:e] for d, s, e in zip(doc_pos.tolist(), starts.tolist(), ends.tolist())],
        "token_id": words.token_id[first],
        "matched_by": found["matched_by"].to_numpy(dtype=object),
    }, columns=MATCH_COLUMNS)


def naming(corpus: Corpus, *, complete: bool = False) -> pd.DataFrame:
    """Count, per article, how often each naming variant of each concept occurs.

    What it measures: which of the competing words for the same thing
    (`lexicons/naming.yaml`: the situation, Russia's military moves, the feared
    action, NATO enlargement, Russia's demands …) an article uses, and how
    often. What it cannot tell: stance (a quoted, rejected or negated word
    counts like an asserted one) or any word the lexicon does not list. The
    sentences behind every count are in `naming_matches(corpus)`.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/naming.yaml`, else the
            shipped one.
        complete: False (default) returns only the variants found (n ≥ 1), the
            compact form for large corpora. True adds a row with n = 0 for
            every concept × variant × document not found, so that shares and
            means are taken over all articles, and variants no article uses
            still show.

    Returns:
        One row per concept × variant × document (with n ≥ 1 unless
        `complete`; 100,000 articles × 40 variants would be 4 million rows,
        mostly zeros): `concept, variant` (ids from the lexicon, in lexicon
        order), `doc_id, outlet_id` (documents in corpus order; outlet_id ""
        when unknown), `n` (matches; a token counts at most once per concept).
        Labels and rationales of the ids: `naming_variants(corpus)`.

    Raises:
        LexiconError: when the naming lexicon is malformed.
    """
    lexicon = naming_lexicon(corpus)
    variants = lexicon.variants
    found = _found(corpus, word_tokens(corpus), lexicon)
    n_docs, n_variants = len(corpus.documents), len(variants)
    # one cell per variant x document, in lexicon order, then corpus order
    cells = np.bincount(found["variant"].to_numpy(dtype=np.int64) * n_docs + found["doc_pos"].to_numpy(dtype=np.int64),
                        minlength=n_variants * n_docs)
    if complete:
        keep = (np.array(lexicon.counted, dtype=np.int64)[:, None] * n_docs + np.arange(n_docs)).ravel()
    else:
        keep = np.flatnonzero(cells)
    variant, doc_pos = keep // max(n_docs, 1), keep % max(n_docs, 1)
    return pd.DataFrame({
        "concept": np.array([v.concept for v in variants], dtype=object)[variant],
        "variant": np.array([v.id for v in variants], dtype=object)[variant],
        "doc_id": corpus.documents["doc_id"].to_numpy(dtype=object)[doc_pos],
        "outlet_id": _outlet_ids(corpus)[doc_pos],
        "n": cells[keep].astype(np.int64),
    }, columns=NAMING_COLUMNS)


def naming_variants(corpus: Corpus) -> pd.DataFrame:
    """Return the naming lexicon as a table: what each concept and variant id means and how it is matched.

    Args:
        corpus: the corpus whose lexicon to read (its own, else the shipped one).

    Returns:
        One row per variant, in lexicon order: `concept, concept_label,
        variant, variant_label`, the matching rules `lemmas, exclude` (lists
        of lower-cased lemmas), `compounds` (bool), `phrases` (list of
        phrases), `max_gap`, `regex` (list of patterns), `ignore` (True for
        an idiom that is matched only to keep its words from counting, e.g.
        "in der Lage sein"), and `rationale`.
    """
    lexicon = naming_lexicon(corpus)
    labels = {concept.id: concept.label for concept in lexicon.concepts}
    return pd.DataFrame([
        (v.concept, labels[v.concept], v.id, v.label, list(v.lemmas), list(v.exclude), v.compounds,
         [" ".join(p) for p in v.phrases], v.max_gap, [r.pattern for r in v.regex], v.ignore, v.rationale)
        for v in lexicon.variants
    ], columns=VARIANT_COLUMNS)
