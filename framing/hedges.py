"""Hedges: where a text keeps its distance from a claim, and whose claim it is.

Outlets report the same claim with or without vouching for it: SNA writes of
"angebliche russische Aggressionen", EURACTIV of "angeblich hybride und
Cyberangriffe", Nau.ch of the "sogenannten Nato-Russland-Rat".
`lexicons/hedges.yaml` lists the distance markers in four classes (its header
gives the rationale and sources of each):

- `distancing`: adjectives and adverbs that hand a claim or a name to someone
  else (angeblich, vermeintlich, vorgeblich, mutmaßlich, sogenannt,
  selbsternannt); matched like `framing.naming`'s variants (lemmas, so every
  inflected form counts; phrases; regexes).
- `evidential`: adverbs of the writer's own inference or uncertainty
  (offenbar, anscheinend, scheinbar, vermutlich, möglicherweise). Kept apart:
  they hedge, but do not hand the claim to someone else.
- `reportative`: the modal "sollen" (soll, sollen, solle) with a perfect
  infinitive in the same clause, in either order: "Er soll das Geld genommen
  haben", "…, der das gesagt haben soll". With a present infinitive "sollen"
  is mostly a plan, purpose or order ("Die Gespräche sollen … erweitern"),
  which no rule without a parser tells from a report, so it is not counted.
- `scare_quotes`: quotation marks of one style („…“ “…” "…" »…« «…» ‚…‘ ‘…’
  ›…‹ ‹…›) around one or two words (`max_words`), with no verb of saying or
  naming in the sentence, no title noun before it ("die Zeitung „Iswestija“")
  and not inside a longer quotation; nor a typographic name or mention (two or
  more capitalised words: "Angry Birds"; the first part of a compound:
  "Falter"-Journalistin; no letter first: „-na“).

`hedges(corpus)` returns one row per hit with its sentence and the actor the
hedged claim concerns, where one is named in the sentence: the nearest actor
mention (`framing.actors`, plus the nationality adjectives listed under
`concerns` in hedges.yaml, since actors.yaml lists nouns) found first in the
hedged phrase, else in the same clause, else in the sentence:

- phrase: for an adjective or adverb, the noun phrase it modifies, taken as the
  marker and the words after it up to the first capitalised word (the head
  noun): "angebliche russische Aggressionen" concerns Russia through
  "russische". For a scare quote, the quoted words. The reportative modal has
  no phrase level: its claim is its whole clause.
- clause: the stretch of the sentence between two marks of
  `clause_punctuation` (German puts a comma before every subordinate clause).
- sentence: the whole sentence.

What it measures and what it cannot tell: it finds the listed markers, not
doubt. A hedge says the text does not vouch for a claim, not that the claim is
false or that the outlet doubts it ("mutmaßlich" is a legal convention in crime
reports; "sogenannt" often just introduces a term). A hedge in a quotation
counts like the outlet's own. The actor link is positional: it names the
nearest actor, which may be the target of the claim rather than its subject
("angeblich hybride und Cyberangriffe … auf die EU" links to the EU, the
alleged target, since the sentence does not name Russia), and an actor the
sentence only implies is never found. `concerns_by` says how far the link
reached; read the sentence before quoting it. Counts of a few hedges per
article describe those articles, not the outlets.

References: Hyland, K. (1998), Hedging in Scientific Research Articles,
Amsterdam: Benjamins; Diewald, G. & Smirnova, E. (2010), Evidentiality in
German, Berlin: De Gruyter Mouton; Predelli, S. (2003), Scare quotes and their
relation to other semantic issues, Linguistics and Philosophy 26(1), 1-28;
Klockow, R. (1980), Linguistik der Gänsefüßchen, Frankfurt am Main: Haag +
Herchen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus, outlet_ids
from .lexicon_match import find_matches, matches_head
from .lexicon_rules import (
    DEFAULT_MIN_MODIFIER, ID_PATTERN, NamingConcept, NamingLexicon, NamingVariant, check_fields, check_rationale,
    read_variant, read_word_list,
)
from .lexicons import LexiconError, normalize_word, read_lexicon, text_or_none
from .text import sentences
from .words import WordTokens, word_tokens

HEDGE_COLUMNS = [
    "doc_id", "outlet_id", "sentence_id", "kind", "marker_id", "marker", "start", "end", "sentence",
    "actor_id", "side", "actor_surface", "concerns_by",
]
HEDGE_MARKER_COLUMNS = ["kind", "kind_label", "marker_id", "marker_label", "matched_by", "rationale"]
CONCERNS_LEVELS = ("phrase", "clause", "sentence", "none")
KINDS = ("markers", "modal", "quotes")
#: Longest noun phrase, in words after the marker, that the phrase level looks at.
PHRASE_MAX_WORDS = 6
_TOP_FIELDS = frozenset({"classes", "clause_punctuation", "concerns"})
_CLASS_FIELDS = frozenset({"id", "label", "rationale", "source", "markers", "modal", "quotes"})
_MODAL_FIELDS = frozenset({"forms", "auxiliaries", "participle", "participles", "not_participles", "rationale", "source"})
_QUOTE_FIELDS = frozenset({"max_words", "pairs", "attributing", "name_nouns", "rationale", "source"})
_CONCERN_FIELDS = frozenset({"lemmas", "actor_id", "side", "rationale", "source"})
#: Sentence punctuation inside a quote makes it a quoted sentence, not a scare quote.
_SENTENCE_MARKS = re.compile(r"[.!?…]")


@dataclass(frozen=True)
class ModalRule:
    """The reportative modal: its forms and what counts as a perfect infinitive (all lower-case)."""

    forms: frozenset
    auxiliaries: frozenset
    participle: re.Pattern
    participles: frozenset
    not_participles: frozenset


@dataclass(frozen=True)
class QuoteRule:
    """Scare quotes: the quote pairs, the word limit, and the words that make a quote a speech quote or a name."""

    pairs: tuple[tuple[str, str], ...]
    max_words: int
    attributing: frozenset
    name_nouns: tuple[str, ...]


@dataclass(frozen=True)
class HedgeClass:
    """One class of hedges.yaml: markers (matched like naming variants), a modal rule or a quote rule."""

    id: str
    label: str
    rationale: str
    kind: str
    markers: tuple[NamingVariant, ...] = ()
    modal: ModalRule | None = None
    quotes: QuoteRule | None = None


@dataclass(frozen=True)
class Concern:
    """A word that names a side without being an actor mention: lemmas → actor id and side."""

    lemmas: tuple[str, ...]
    actor_id: str
    side: str


@dataclass(frozen=True)
class HedgeLexicon:
    """The classes of a hedge lexicon, the clause punctuation and the `concerns` words."""

    path: Path
    classes: tuple[HedgeClass, ...]
    clause_punctuation: frozenset
    concerns: tuple[Concern, ...] = ()

    def naming_lexicon(self) -> NamingLexicon:
        """Return the marker classes as a naming lexicon (one concept per class), for `naming`'s matcher."""
        concepts = tuple(
            NamingConcept(id=c.id, label=c.label, description="", rationale=c.rationale, variants=c.markers)
            for c in self.classes if c.kind == "markers"
        )
        return NamingLexicon(path=self.path, concepts=concepts, min_modifier=DEFAULT_MIN_MODIFIER)


# --- the lexicon ------------------------------------------------------------------------------


def _lower_set(value, where: str, field: str) -> frozenset:
    return frozenset(normalize_word(w) for w in read_word_list(value, where, field, allow_spaces=False))


def _read_modal(entry, where: str) -> ModalRule:
    where = f"{where}, modal"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: expected a mapping with forms, auxiliaries and participle")
    check_fields(entry, _MODAL_FIELDS, where)
    for key in ("forms", "auxiliaries", "participle"):
        if key not in entry:
            raise LexiconError(f"{where}: missing {key} (see the header of hedges.yaml)")
    pattern = entry["participle"]
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: participle must be a regular expression as text, not {pattern!r}")
    try:
        participle = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise LexiconError(f"{where}: invalid participle regex {pattern!r}: {error}") from error
    return ModalRule(
        forms=_lower_set(entry["forms"], where, "forms"),
        auxiliaries=_lower_set(entry["auxiliaries"], where, "auxiliaries"),
        participle=participle,
        participles=_lower_set(entry["participles"], where, "participles") if "participles" in entry else frozenset(),
        not_participles=_lower_set(entry["not_participles"], where, "not_participles") if "not_participles" in entry else frozenset(),
    )


def _read_quotes(entry, where: str) -> QuoteRule:
    where = f"{where}, quotes"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: expected a mapping with max_words, pairs, attributing and name_nouns")
    check_fields(entry, _QUOTE_FIELDS, where)
    max_words = entry.get("max_words", 2)
    if not isinstance(max_words, int) or isinstance(max_words, bool) or not 1 <= max_words <= 10:
        raise LexiconError(f"{where}: max_words must be a whole number from 1 to 10, not {max_words!r}")
    pairs = entry.get("pairs")
    if not isinstance(pairs, list) or not pairs:
        raise LexiconError(f"{where}: pairs must be a non-empty list of [opening, closing] marks, e.g. [\"„\", \"“\"]")
    checked = []
    for pair in pairs:
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(m, str) and len(m) == 1 and not m.isalnum() and not m.isspace() for m in pair)):
            raise LexiconError(f"{where}: the pair {pair!r} is not [opening, closing] of one punctuation character each")
        checked.append((pair[0], pair[1]))
    return QuoteRule(
        pairs=tuple(checked), max_words=max_words,
        attributing=_lower_set(entry["attributing"], where, "attributing") if "attributing" in entry else frozenset(),
        name_nouns=tuple(sorted(_lower_set(entry["name_nouns"], where, "name_nouns"))) if "name_nouns" in entry else (),
    )


def _read_class(entry, where: str) -> HedgeClass:
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: expected a mapping with id, label, rationale and markers, modal or quotes")
    check_fields(entry, _CLASS_FIELDS, where)
    for key in ("id", "label"):
        if not text_or_none(entry.get(key)):
            raise LexiconError(f"{where}: missing {key}")
    check_rationale(entry, where)
    if not ID_PATTERN.match(entry["id"]):
        raise LexiconError(f"{where}: the id {entry['id']!r} may hold only lower-case letters a-z, digits and _")
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise LexiconError(f"{where}: give exactly one of markers (words), modal (the reportative modal) or quotes (scare quotes); found {kinds or 'none'}")
    common = dict(id=entry["id"], label=entry["label"], rationale=text_or_none(entry.get("rationale")) or text_or_none(entry.get("source")) or "")
    if kinds[0] == "modal":
        return HedgeClass(kind="modal", modal=_read_modal(entry["modal"], where), **common)
    if kinds[0] == "quotes":
        return HedgeClass(kind="quotes", quotes=_read_quotes(entry["quotes"], where), **common)
    markers_data = entry["markers"]
    if not isinstance(markers_data, list) or not markers_data:
        raise LexiconError(f"{where}: expected a non-empty list under 'markers'")
    markers, ids = [], set()
    for number, m_entry in enumerate(markers_data, start=1):
        m_name = m_entry.get("id", "no id") if isinstance(m_entry, dict) else m_entry
        m_where = f"{where}, marker {number} ({m_name})"
        if not isinstance(m_entry, dict):
            raise LexiconError(f"{m_where}: expected a mapping with id, label, rationale and lemmas, phrases or regex")
        if m_entry.get("ignore"):
            raise LexiconError(f"{m_where}: ignore is not supported for hedge markers; delete the marker instead")
        marker = read_variant({"compounds": False, **m_entry}, m_where, entry["id"])
        if marker.id in ids:
            raise LexiconError(f"{m_where}: the marker id {marker.id!r} is used twice in this class")
        ids.add(marker.id)
        markers.append(marker)
    return HedgeClass(kind="markers", markers=tuple(markers), **common)


def _read_concerns(value, where: str) -> tuple[Concern, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(f"{where}: concerns must be a list of entries with lemmas, actor_id and side")
    concerns = []
    for number, entry in enumerate(value, start=1):
        e_where = f"{where}, concerns entry {number}"
        if not isinstance(entry, dict):
            raise LexiconError(f"{e_where}: expected a mapping with lemmas, actor_id, side and rationale")
        check_fields(entry, _CONCERN_FIELDS, e_where)
        for key in ("actor_id", "side"):
            if not text_or_none(entry.get(key)):
                raise LexiconError(f"{e_where}: missing {key}")
        check_rationale(entry, e_where)
        if "lemmas" not in entry:
            raise LexiconError(f"{e_where}: missing lemmas, e.g. lemmas: [russisch]")
        lemmas = tuple(normalize_word(w) for w in read_word_list(entry["lemmas"], e_where, "lemmas", allow_spaces=False))
        concerns.append(Concern(lemmas=lemmas, actor_id=entry["actor_id"].strip(), side=entry["side"].strip()))
    return tuple(concerns)


def load_hedge_lexicon(path: str | Path) -> HedgeLexicon:
    """Read and validate a hedge lexicon.

    Args:
        path: the YAML file (see `corpus/lexicons/hedges.yaml` for its format).

    Returns:
        The `HedgeLexicon`.

    Raises:
        LexiconError: naming the file, the class and the marker, what is wrong
            and what to write instead.
    """
    path = Path(path)
    data = read_lexicon(path)
    unknown = sorted(map(str, set(data) - _TOP_FIELDS))
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_FIELDS))}")
    entries = data.get("classes")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{path}: expected a non-empty list under 'classes' (each with id, label, rationale and markers, modal or quotes)")
    punctuation = data.get("clause_punctuation", [",", ";", ":"])
    if (not isinstance(punctuation, list)
            or not all(isinstance(p, str) and len(p) == 1 and not p.isalnum() and not p.isspace() for p in punctuation)):
        raise LexiconError(f"{path}: clause_punctuation must be a list of single punctuation characters, e.g. [\",\", \";\"]")
    classes, ids = [], set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("id", "no id") if isinstance(entry, dict) else entry
        hedge_class = _read_class(entry, f"{path}, class {number} ({name})")
        if hedge_class.id in ids:
            raise LexiconError(f"{path}, class {number} ({name}): the class id {hedge_class.id!r} is used twice")
        ids.add(hedge_class.id)
        classes.append(hedge_class)
    return HedgeLexicon(path=path, classes=tuple(classes), clause_punctuation=frozenset(punctuation),
                        concerns=_read_concerns(data.get("concerns"), str(path)))


def hedge_lexicon(corpus: Corpus) -> HedgeLexicon:
    """Return the corpus's hedge lexicon (its own `lexicons/hedges.yaml`, else the shipped one), read once per corpus."""
    return corpus.load_lexicon("hedges", load_hedge_lexicon)


def hedge_markers(corpus: Corpus) -> pd.DataFrame:
    """Return the hedge lexicon as a table: what each class and marker id means.

    Args:
        corpus: the corpus whose lexicon to read (its own, else the shipped one).

    Returns:
        One row per marker (one per class for the modal and quote classes,
        whose marker ids are `reportative_sollen` and `scare_quote`), in
        lexicon order: `kind, kind_label` (the class), `marker_id,
        marker_label`, `matched_by` (lemma, phrase, regex: what the marker
        lists; modal; quotes) and `rationale`.
    """
    rows = []
    for c in hedge_lexicon(corpus).classes:
        if c.kind == "markers":
            for m in c.markers:
                how = "+".join(k for k, v in (("lemma", m.lemmas), ("phrase", m.phrases), ("regex", m.regex)) if v)
                rows.append((c.id, c.label, m.id, m.label, how, m.rationale))
        else:
            rows.append((c.id, c.label, _class_marker_id(c), c.label, c.kind, c.rationale))
    return pd.DataFrame(rows, columns=HEDGE_MARKER_COLUMNS)


def _class_marker_id(hedge_class: HedgeClass) -> str:
    return "reportative_sollen" if hedge_class.kind == "modal" else "scare_quote"


# --- matching ---------------------------------------------------------------------------------

_HIT_COLUMNS = ["doc_pos", "first", "last", "start", "end", "kind", "marker_id", "phrase_end"]


def _lower_types(types: np.ndarray) -> np.ndarray:
    return pd.Series(types, dtype=object).map(normalize_word).to_numpy(dtype=object)


def _marker_hits(corpus: Corpus, words: WordTokens, lexicon: HedgeLexicon) -> list[tuple]:
    """Return the hits of the marker classes (naming's matcher, one concept per class)."""
    naming_lexicon = lexicon.naming_lexicon()
    if not naming_lexicon.concepts:
        return []
    variants = naming_lexicon.variants
    found = find_matches(corpus.documents["text"].fillna("").tolist(), words, naming_lexicon)
    rows = []
    for variant, doc_pos, first, last, start, end in zip(
        found["variant"].tolist(), found["doc_pos"].tolist(), found["first"].tolist(), found["last"].tolist(),
        found["start"].tolist(), found["end"].tolist(),
    ):
        marker = variants[variant]
        rows.append((doc_pos, first, last, start, end, marker.concept, marker.id, _phrase_end(words, last)))
    return rows


def _phrase_end(words: WordTokens, last: int) -> int:
    """Return the end offset of the noun phrase a marker ending at word `last` modifies.

    The words after the marker up to the first capitalised one (the head noun),
    at most `PHRASE_MAX_WORDS`, within the sentence; the marker's own end when
    no capitalised word follows.
    """
    texts = words.text_types
    stop = min(len(words), last + 1 + PHRASE_MAX_WORDS)
    for position in range(last + 1, stop):
        if words.sentence_key[position] != words.sentence_key[last]:
            break
        if texts[words.text_codes[position]][:1].isupper():
            return int(words.end[position])
    return int(words.end[last])


def _breaks_between(text: str, a: int, b: int, punctuation: frozenset) -> bool:
    return any(ch in punctuation for ch in text[a:b])


def _modal_hits(corpus: Corpus, words: WordTokens, lexicon: HedgeLexicon) -> list[tuple]:
    """Return the hits of the reportative modal classes: modal + perfect infinitive in one clause."""
    rows = []
    texts = corpus.documents["text"].fillna("").tolist()
    text_lower = _lower_types(words.text_types)
    for hedge_class in lexicon.classes:
        if hedge_class.kind != "modal":
            continue
        rule = hedge_class.modal
        marker_id = _class_marker_id(hedge_class)

        def surface(position: int) -> str:
            return text_lower[words.text_codes[position]]

        def participle(position: int) -> bool:
            word = surface(position)
            if word in rule.not_participles or not words.text_types[words.text_codes[position]][:1].islower():
                return False
            return word in rule.participles or rule.participle.fullmatch(word) is not None

        for position in np.flatnonzero(np.isin(text_lower, list(rule.forms))[words.text_codes]).tolist():
            doc_pos = int(words.doc_pos[position])
            text = texts[doc_pos]
            lo, hi = int(words.doc_start[doc_pos]), int(words.doc_stop[doc_pos])
            key = words.sentence_key[position]

            def same_clause(a: int, b: int) -> bool:  # word positions a < b
                return (lo <= a and b < hi and words.sentence_key[a] == key == words.sentence_key[b]
                        and not _breaks_between(text, int(words.end[a]), int(words.start[b]), lexicon.clause_punctuation))

            hit = None
            # verb second: "soll … genommen haben" (the first auxiliary after a participle in the clause)
            after = position + 1
            while after < hi and same_clause(after - 1, after):
                if surface(after) in rule.auxiliaries and after - 1 > position and participle(after - 1):
                    hit = (position, after)
                    break
                after += 1
            # verb last: "…, der das Geld genommen haben soll"
            if hit is None and position - 2 >= lo and same_clause(position - 2, position):
                if surface(position - 1) in rule.auxiliaries and participle(position - 2):
                    hit = (position - 2, position)
            if hit is not None:
                first, last = hit
                rows.append((doc_pos, first, last, int(words.start[first]), int(words.end[last]),
                             hedge_class.id, marker_id, int(words.end[last])))
    return rows


def _quote_pattern(opening: str, closing: str) -> re.Pattern:
    """Return the regex of one quote style: the marks hug their words, which hold neither mark nor a line break."""
    o, c = re.escape(opening), re.escape(closing)
    inner = f"[^{o}{c}\\n]" if opening != closing else f"[^{o}\\n]"
    return re.compile(f"{o}(?=[^\\s{o}{c}])({inner}*?)(?<=[^\\s{o}{c}]){c}")


def _name_or_mention(text: str, inner_start: int, inner_end: int, end: int, quoted: np.ndarray) -> bool:
    """Return True when a short quote is typographically a name, a title or a mention, not a scare quote.

    - it does not start with a letter ("„-na“", "„3“"): a word part or a number mentioned;
    - two or more words, every one capitalised ("Angry Birds", "Der Pate"): a title or name;
    - a hyphen right after the closing mark ("Falter"-Journalistin): the quoted word
      is the first part of a compound, nearly always a brand or a title.
    """
    if not text[inner_start].isalpha():
        return True
    if len(quoted) >= 2 and all(word[:1].isupper() for word in quoted):
        return True
    return text[end:end + 1] in ("-", "‐", "‑") and text[end + 1:end + 2].isalpha()


def _quote_hits(corpus: Corpus, words: WordTokens, lexicon: HedgeLexicon) -> list[tuple]:
    """Return the hits of the scare-quote classes."""
    rows = []
    quote_classes = [c for c in lexicon.classes if c.kind == "quotes"]
    if not quote_classes or not len(words):
        return rows
    texts = corpus.documents["text"].fillna("").tolist()
    lemma_lower, text_lower = _lower_types(words.lemma_types), _lower_types(words.text_types)
    for hedge_class in quote_classes:
        rule = hedge_class.quotes
        patterns = [_quote_pattern(o, c) for o, c in rule.pairs]
        marks = "".join(sorted({m for pair in rule.pairs for m in pair}))
        if not marks:
            continue
        attributing = (np.isin(lemma_lower, list(rule.attributing))[words.lemma_codes]
                       | np.isin(text_lower, list(rule.attributing))[words.text_codes])
        name_types = np.zeros(len(lemma_lower), dtype=bool)
        if rule.name_nouns:  # C-speed filter first: only lemmas ending like a name noun can be one
            ends_like = pd.Series(lemma_lower, dtype=object).str.endswith(rule.name_nouns).fillna(False).to_numpy(dtype=bool)
            for code in np.flatnonzero(ends_like).tolist():
                name_types[code] = any(matches_head(lemma_lower[code], noun, DEFAULT_MIN_MODIFIER) for noun in rule.name_nouns)
        is_name_noun = name_types[words.lemma_codes]
        any_mark = re.compile(f"[{re.escape(marks)}]")
        for doc_pos, text in enumerate(texts):
            if not any_mark.search(text):
                continue
            lo, hi = int(words.doc_start[doc_pos]), int(words.doc_stop[doc_pos])
            if lo == hi:
                continue
            starts, ends = words.start[lo:hi], words.end[lo:hi]
            spans = [(m.start(), m.end(), m.start(1), m.end(1)) for p in patterns for m in p.finditer(text)]
            for start, end, inner_start, inner_end in spans:
                if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _, _ in spans):
                    continue  # inside a longer quotation: the quoted speaker's quote
                first = lo + int(np.searchsorted(starts, inner_start, side="left"))
                last = lo + int(np.searchsorted(ends, inner_end, side="right")) - 1
                n_words = last - first + 1
                if not 1 <= n_words <= rule.max_words or _SENTENCE_MARKS.search(text, inner_start, inner_end):
                    continue
                if _name_or_mention(text, inner_start, inner_end, end, words.text_types[words.text_codes[first:last + 1]]):
                    continue
                before = first - 1
                if before >= lo and is_name_noun[before] and words.sentence_key[before] == words.sentence_key[first]:
                    continue  # "die Zeitung „Iswestija“": a name or title
                s_lo = int(np.searchsorted(words.sentence_key, words.sentence_key[first], side="left"))
                s_hi = int(np.searchsorted(words.sentence_key, words.sentence_key[first], side="right"))
                outside = np.r_[s_lo:first, last + 1:s_hi]
                if attributing[outside].any():
                    continue  # a verb of saying or naming: a speech quote
                rows.append((doc_pos, first, last, start, end, hedge_class.id, _class_marker_id(hedge_class), end))
    return rows


# --- which actor the hedged claim concerns ------------------------------------------------------


def _mentions(corpus: Corpus, words: WordTokens, lexicon: HedgeLexicon) -> pd.DataFrame:
    """Return the actor mentions (framing.actors) plus the `concerns` words of hedges.yaml outside them."""
    from .actors import actor_list, actors  # lazily: actors are only needed for the link

    found = actors(corpus)[["doc_id", "actor_id", "side", "surface", "start", "end"]]
    doc_index = pd.Index(corpus.documents["doc_id"])
    found = found.assign(doc_pos=doc_index.get_indexer(found["doc_id"]))
    parts = [found[["doc_pos", "actor_id", "side", "surface", "start", "end"]]]
    if lexicon.concerns and len(words):
        sides = dict(zip(*(actor_list(corpus)[c] for c in ("actor_id", "side"))))
        lemma_lower, text_lower = _lower_types(words.lemma_types), _lower_types(words.text_types)
        texts = corpus.documents["text"].fillna("").tolist()
        for concern in lexicon.concerns:
            wanted = list(concern.lemmas)
            hit = np.flatnonzero(np.isin(lemma_lower, wanted)[words.lemma_codes] | np.isin(text_lower, wanted)[words.text_codes])
            if not len(hit):
                continue
            doc_pos = words.doc_pos[hit]
            starts, ends = words.start[hit], words.end[hit]
            parts.append(pd.DataFrame({
                "doc_pos": doc_pos, "actor_id": concern.actor_id, "side": sides.get(concern.actor_id, concern.side),
                "surface": [texts[d][s:e] for d, s, e in zip(doc_pos.tolist(), starts.tolist(), ends.tolist())],
                "start": starts, "end": ends,
            }))
    table = pd.concat(parts, ignore_index=True)
    n_actor = len(parts[0])
    if len(table) > n_actor:  # a concerns word inside an actor mention ("russische Regierung") counts for the mention
        extra = table.iloc[n_actor:]
        key = parts[0].groupby("doc_pos")
        inside = np.zeros(len(extra), dtype=bool)
        for k, (d, s, e) in enumerate(zip(extra["doc_pos"].tolist(), extra["start"].tolist(), extra["end"].tolist())):
            if d in key.groups:
                group = key.get_group(d)
                inside[k] = bool(((group["start"] < e) & (group["end"] > s)).any())
        table = pd.concat([table.iloc[:n_actor], extra[~inside]], ignore_index=True)
    return table.sort_values(["doc_pos", "start", "end"], kind="stable").reset_index(drop=True)


def _link(hits: pd.DataFrame, mentions: pd.DataFrame, texts: list[str], clause_punctuation: frozenset,
          sentence_spans: dict) -> pd.DataFrame:
    """Return `actor_id, side, actor_surface, concerns_by` for each hit (same order).

    Levels in order: phrase (a mention overlapping the hedged phrase, from the
    hit's start to its `phrase_end`; not for the modal), clause (between two
    clause marks around the hit), sentence; the nearest mention by characters
    wins, the earlier one on a tie.
    """
    by_doc = {doc: part for doc, part in mentions.groupby("doc_pos", sort=False)}
    out = []
    for row in hits.itertuples(index=False):
        part = by_doc.get(row.doc_pos)
        chosen = (None, None, None, "none")
        if part is not None and len(part):
            s_start, s_end = sentence_spans[(row.doc_pos, row.sentence_id)]
            text = texts[row.doc_pos]
            m_start, m_end = part["start"].to_numpy(), part["end"].to_numpy()
            in_sentence = (m_start >= s_start) & (m_end <= s_end)
            c_start = s_start
            for k in range(row.start - 1, s_start - 1, -1):
                if text[k] in clause_punctuation:
                    c_start = k + 1
                    break
            c_end = s_end
            for k in range(row.end, s_end):
                if text[k] in clause_punctuation:
                    c_end = k
                    break
            levels = []
            if row.kind_type != "modal":
                levels.append(("phrase", (m_start < row.phrase_end) & (m_end > row.start)))
            levels.append(("clause", in_sentence & (m_start >= c_start) & (m_end <= c_end)))
            levels.append(("sentence", in_sentence))
            for name, mask in levels:
                if mask.any():
                    distance = np.maximum(np.maximum(row.start - m_end, m_start - row.end), 0)[mask]
                    best = part.iloc[np.flatnonzero(mask)[int(np.argmin(distance))]]
                    chosen = (best["actor_id"], best["side"], best["surface"], name)
                    break
        out.append(chosen)
    return pd.DataFrame(out, columns=["actor_id", "side", "actor_surface", "concerns_by"])


def hedges(corpus: Corpus) -> pd.DataFrame:
    """Return one row per hedge in the corpus, with its sentence and the actor its claim concerns.

    What it measures: where each article keeps its distance from a claim,
    by the markers of `lexicons/hedges.yaml` (distancing adjectives and
    adverbs, evidential adverbs, the reportative "sollen" with a perfect
    infinitive, scare quotes), and which actor or side the hedged claim is
    about when the sentence names one. What it cannot tell: whether the claim
    is true or the outlet doubts it, a marker the lexicon lacks, a reportative
    "sollen" with a present infinitive (not counted: mostly plans), or an
    actor the sentence only implies. The actor link is the nearest mention and
    may be the target of the claim rather than its subject; `concerns_by` says
    how far it reached. See the module docstring.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/hedges.yaml`, else the
            shipped one; actors come from `framing.actors(corpus)`.

    Returns:
        Columns `doc_id, outlet_id` ("" when unknown), `sentence_id` (of the
        marker's first word), `kind` (the class id: distancing, evidential,
        reportative, scare_quotes), `marker_id` (the marker's id, e.g.
        angeblich; reportative_sollen; scare_quote), `marker` (the text
        matched, `text[start:end]`: "angebliche", "soll … genommen haben" as
        written, "„Nichtstarter“" with its marks), `start, end` (character
        offsets into the document's cleaned `text`), `sentence` (its text),
        `actor_id, side, actor_surface` (the actor mention the claim concerns
        and its words, e.g. russia, russia, "russische"; missing when none),
        `concerns_by` (phrase: inside the hedged phrase, i.e. the modified
        noun phrase or the quoted words; clause; sentence; none). The table's
        `attrs["n_words"]` maps every doc_id to its number of words and
        `attrs["outlet_ids"]` every doc_id to its outlet, for rates that count
        articles without hedges. Ordered by document (corpus order), then
        position.

    Raises:
        LexiconError: when hedges.yaml (or actors.yaml) is malformed.

    References:
        Hyland (1998); Diewald & Smirnova (2010); Predelli (2003); Klockow
        (1980): see the module docstring.
    """
    return corpus.memo(("hedges", corpus.lexicons_fingerprint()), lambda: _hedges(corpus)).copy()


def _hedges(corpus: Corpus) -> pd.DataFrame:
    lexicon = hedge_lexicon(corpus)
    words = word_tokens(corpus)
    documents = corpus.documents
    rows = _marker_hits(corpus, words, lexicon) + _modal_hits(corpus, words, lexicon) + _quote_hits(corpus, words, lexicon)
    hits = pd.DataFrame(rows, columns=_HIT_COLUMNS).astype({c: "int64" for c in ("doc_pos", "first", "last", "start", "end", "phrase_end")})
    hits = hits.sort_values(["doc_pos", "start", "end"], kind="stable").reset_index(drop=True)
    kind_type = {c.id: c.kind for c in lexicon.classes}
    hits["kind_type"] = hits["kind"].map(kind_type)
    first = hits["first"].to_numpy(dtype=np.int64)
    hits["sentence_id"] = words.sentence_id[first] if len(first) else np.zeros(0, dtype=np.int64)
    doc_ids = documents["doc_id"].to_numpy(dtype=object)
    texts = documents["text"].fillna("").tolist()
    doc_pos = hits["doc_pos"].to_numpy(dtype=np.int64)
    sentence_table = sentences(corpus)
    wanted = pd.DataFrame({"doc_id": doc_ids[doc_pos], "sentence_id": hits["sentence_id"].to_numpy()})
    spans = wanted.merge(sentence_table[["doc_id", "sentence_id", "start", "end", "text"]], on=["doc_id", "sentence_id"], how="left")
    sentence_spans = {(d, s): (int(a), int(b)) for d, s, a, b in zip(doc_pos.tolist(), hits["sentence_id"].tolist(),
                                                                    spans["start"].tolist(), spans["end"].tolist())}
    if len(hits):
        links = _link(hits, _mentions(corpus, words, lexicon), texts, lexicon.clause_punctuation, sentence_spans)
    else:
        links = pd.DataFrame(columns=["actor_id", "side", "actor_surface", "concerns_by"])
    table = pd.DataFrame({
        "doc_id": doc_ids[doc_pos],
        "outlet_id": outlet_ids(corpus)[doc_pos],
        "sentence_id": hits["sentence_id"].to_numpy(dtype=np.int64),
        "kind": hits["kind"].to_numpy(dtype=object),
        "marker_id": hits["marker_id"].to_numpy(dtype=object),
        "marker": [texts[d][s:e] for d, s, e in zip(doc_pos.tolist(), hits["start"].tolist(), hits["end"].tolist())],
        "start": hits["start"].to_numpy(dtype=np.int64),
        "end": hits["end"].to_numpy(dtype=np.int64),
        "sentence": spans["text"].to_numpy(dtype=object),
        "actor_id": links["actor_id"].to_numpy(dtype=object),
        "side": links["side"].to_numpy(dtype=object),
        "actor_surface": links["actor_surface"].to_numpy(dtype=object),
        "concerns_by": links["concerns_by"].to_numpy(dtype=object),
    }, columns=HEDGE_COLUMNS)
    n_words = np.zeros(len(documents), dtype=np.int64)
    if len(words):
        n_words = np.bincount(words.doc_pos, minlength=len(documents))
    table.attrs["n_words"] = dict(zip(doc_ids.tolist(), n_words.tolist()))
    table.attrs["outlet_ids"] = dict(zip(doc_ids.tolist(), outlet_ids(corpus).tolist()))
    return table
