"""Matching rules of lexicon entries: the data model and the reader shared by naming, frames and hedges.

`naming.yaml`, `frames.yaml` and `hedges.yaml` describe what to find with the
same rules (details in the header of `naming.yaml`): `lemmas` (with their
compounds, unless `compounds: false`; minus `exclude`), `phrases` (word
sequences with up to `max_gap` words between), `regex`, and `ignore` (an idiom
matched only to keep its words from counting). `read_variant` reads and
validates one such entry into a `NamingVariant`; `check_entry` checks the
fields every entry shares (id, label, rationale or source, no unknown keys).
A `NamingLexicon` groups variants into concepts; frames and hedges present
their own lexicons in this form (frame = concept, indicator group = variant)
so that `framing.lexicon_match` can match them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .lexicons import LexiconError, normalize_word, text_or_none

DEFAULT_MIN_MODIFIER = 3
MAX_GAP_LIMIT = 10
#: the keys a variant entry may hold; other lexicons add their own (frames: weight).
VARIANT_FIELDS = frozenset({"id", "label", "rationale", "source", "lemmas", "exclude", "compounds", "phrases", "max_gap", "regex", "ignore"})

#: What an id of a lexicon entry may hold: lower-case letters a-z, digits and _.
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class NamingVariant:
    """One variant of a concept, as read from `naming.yaml` (words lower-cased and NFC-normalised).

    Frames' indicator groups and hedges' markers are read into this form too.
    """

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
    """The concepts of a naming lexicon and the compound rule's minimum modifier length.

    The form `framing.lexicon_match` matches; frames and hedges turn their
    lexicons into it.
    """

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


def read_top_level(data: dict, path, fields: frozenset) -> int:
    """Check the top-level keys of a rule lexicon and return its `compound_min_modifier`.

    Raises:
        LexiconError: naming the file, for an unknown key or a bad minimum.
    """
    unknown = sorted(map(str, set(data) - fields))
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(fields))}")
    min_modifier = data.get("compound_min_modifier", DEFAULT_MIN_MODIFIER)
    if not isinstance(min_modifier, int) or isinstance(min_modifier, bool) or min_modifier < 1:
        raise LexiconError(f"{path}: compound_min_modifier must be a whole number of at least 1, not {min_modifier!r}")
    return min_modifier


def read_word_list(value, where: str, field: str, *, allow_spaces: bool) -> list[str]:
    """Return a YAML list of words as strings, or raise LexiconError saying what to write.

    Args:
        value: the value read from YAML.
        where: the file and entry, for the error message.
        field: the field's name, for the error message.
        allow_spaces: False to reject entries of several words (they belong
            under `phrases`).

    Returns:
        The words, stripped, in file order.

    Raises:
        LexiconError: for an empty or non-list value, an entry that is not
            text, or (unless `allow_spaces`) an entry of several words.
    """
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


def check_fields(entry: dict, fields: frozenset, where: str) -> None:
    """Raise a LexiconError naming `where` when `entry` holds a key outside `fields`."""
    unknown = sorted(map(str, set(entry) - fields))
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(fields))}")


def check_rationale(entry: dict, where: str) -> None:
    """Raise a LexiconError naming `where` when `entry` gives neither a rationale nor a source."""
    if not (text_or_none(entry.get("rationale")) or text_or_none(entry.get("source"))):
        raise LexiconError(f"{where}: missing rationale; say why this entry exists and where it was seen (or give its source:)")


def check_entry(entry: dict, where: str, fields: frozenset, required: tuple[str, ...]) -> None:
    """Check the common fields of a concept or variant: required text, a rationale or source, id form, no unknown keys.

    Args:
        entry: the entry as read from YAML (with an `id`).
        where: the file and entry, for the error message.
        fields: the keys the entry may hold.
        required: the keys that must hold non-empty text.

    Raises:
        LexiconError: naming the first problem found and what to write instead.
    """
    check_fields(entry, fields, where)
    missing = [key for key in required if not text_or_none(entry.get(key))]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    check_rationale(entry, where)
    if not ID_PATTERN.match(entry["id"]):
        raise LexiconError(f"{where}: the id {entry['id']!r} may hold only lower-case letters a-z, digits and _ (write umlauts as ae, oe, ue)")


def read_variant(
    entry: dict, where: str, concept: str, *, fields: frozenset = VARIANT_FIELDS, noun: str = "variant"
) -> NamingVariant:
    """Return one validated variant of a concept.

    `fields` (the keys allowed) and `noun` (what an entry is called in error
    messages) let other lexicons with the same matching rules reuse this
    reader: `frames.yaml` calls its entries indicator groups and adds `weight`.

    Args:
        entry: the entry as read from YAML.
        where: the file, concept and entry, for error messages.
        concept: the id of the concept the variant belongs to.
        fields: the keys the entry may hold (default `VARIANT_FIELDS`).
        noun: what an entry is called in error messages.

    Returns:
        The `NamingVariant`, its words lower-cased and NFC-normalised.

    Raises:
        LexiconError: naming the entry, what is wrong and what to write instead.
    """
    check_entry(entry, where, fields, ("id", "label"))
    if not any(key in entry for key in ("lemmas", "phrases", "regex")):
        raise LexiconError(f"{where}: give at least one of lemmas (single words), phrases (word sequences) or regex")
    lemmas = read_word_list(entry["lemmas"], where, "lemmas", allow_spaces=False) if "lemmas" in entry else []
    exclude = []
    if "exclude" in entry:
        if not lemmas:
            raise LexiconError(f"{where}: exclude applies to lemmas; this {noun} lists none")
        exclude = read_word_list(entry["exclude"], where, "exclude", allow_spaces=False)
    compounds = entry.get("compounds", True)
    if not isinstance(compounds, bool):
        raise LexiconError(f"{where}: compounds must be true or false, not {compounds!r}")
    ignore = entry.get("ignore", False)
    if not isinstance(ignore, bool):
        raise LexiconError(f"{where}: ignore must be true or false, not {ignore!r}")
    phrases = []
    if "phrases" in entry:
        for phrase in read_word_list(entry["phrases"], where, "phrases", allow_spaces=True):
            words = tuple(normalize_word(word) for word in phrase.split())
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
        rationale=text_or_none(entry.get("rationale")) or text_or_none(entry.get("source")) or "",
        lemmas=tuple(dict.fromkeys(normalize_word(w) for w in lemmas)), exclude=tuple(normalize_word(w) for w in exclude),
        compounds=compounds, phrases=tuple(phrases), max_gap=max_gap, regex=tuple(regexes), ignore=ignore,
    )
