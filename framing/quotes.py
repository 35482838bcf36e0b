"""Voices: who is quoted, in whose words, with which verb, and how much room each side gets.

`quotes(corpus)` lists every quote of every article with its speaker, the
speech verb or marker that attributes it, and the actor and side of the
speaker (from `lexicons/actors.yaml`); `share_of_voice(corpus)` sums the
words quoted per outlet and side; `cue_classes(corpus)` counts the classes of
speech verbs (`lexicons/speech_verbs.yaml`: neutral "sagte", emphatic
"betonte", distancing "behauptete", alarm "warnte" …) per outlet and side.

Three kinds of quote:

- direct: words in quote marks that form a whole utterance: „…“, sagte
  Stoltenberg. / Smith sagte: „…“ / a quoted sentence standing alone. Every
  German and typographic style („…“ “…” "…" »…« «…» ‚…‘), a quote closed
  with another mark than it opened with („…", as scraped texts have), and
  quotes spanning several sentences.
- partial: a quoted fragment inside the author's own sentence: Gruschko hatte
  von einem „Moment der Wahrheit“ gesprochen. A quoted span of fewer than
  `min_quote_words` words (3) is a scare quote or a quoted term
  („Nichtstarter“) and no quote at all; `framing.hedges` looks at those.
- indirect: reported speech without quote marks: a speech verb with a
  dass-clause ("Nato-Diplomaten bestätigten, dass …") or a clause in the
  Konjunktiv I ("Moskau sei bereit …, sagte der Nato-Chef"); a marker ("laut
  Stoltenberg", "ihm zufolge", "nach Angaben der US-Botschafterin", ", so
  Stoltenberg weiter"); and a sentence in the Konjunktiv I that continues the
  reported speech of the sentence before ("Jeder Staat habe demnach das Recht
  …"). Words inside quote marks are never counted again as indirect speech,
  and a word belongs to one indirect quote at most.

How the speaker is found, for a speech verb (the cue): the actor or pronoun
right before the verb ("Smith sagte", "Sie betonen"); else right after it,
before any comma ("sagte Smith", "betonte er", "sagte der Nato-Chef"); else the
first one in the verb's clause ("Peskow gegenüber Reportern und fügte hinzu");
a relative clause ("Gruschko, der das Treffen als „…“ bezeichnete") goes to
the actor named before it; else the first in the sentence. An actor in a
prepositional phrase ("gegenüber EURACTIV", "zwischen Russland und der
NATO") is never the speaker. A direct quote is attributed by the cue right
after it („…“, sagte X), else by the cue before it when a colon introduces it
(X sagte: „…“), else it continues the speaker of the quote just before it
(within two sentences): "continued". A partial quote takes the nearest speech
verb of its sentence. Pronouns ("er", "sie", "ihm") go to the last person of
that gender named before (outside quotes); "sie" with a plural verb ("sie
betonen") to the last group. Role nouns ("der Nato-Chef", "die
US-Botschafterin") are actor entries (`actors.yaml` roles). Anonymous sources
("ein europäischer Nato-Diplomat", "US-Beamte") are actors flagged
`anonymous`: their quotes are kept, with `resolved_by` "anonymous" and the
side their role implies. A speaker the lexicon does not know keeps the words
that name it in `speaker`, with an empty `actor_id`.

What it measures and what it cannot tell: whose words an outlet carries and
how much of them, and with which verb it frames them. It cannot tell whether a
quote is accurate, whether the outlet endorses it, or what a quote means (a
NATO official quoted criticising NATO counts for nato_west). The rules are
heuristics of German news style: unusual word order, a quote spread over
paragraphs without closing marks, nested reported speech or a speaker known
only from an earlier paragraph can be missed or misattributed, so read the
rows before quoting a number. Role nouns name the office holder of January
2022 (see `actors.yaml`). Five articles describe these articles, not the
outlets.

References: Bell, A. (1991), *The Language of News Media*, Blackwell;
Caldas-Coulthard, C. R. (1994), On reporting reporting: the representation of
speech in factual and factional narratives, in Coulthard (ed.), *Advances in
Written Text Analysis*; Krestel, R., Bergler, S. & Witte, R. (2008), Minding
the source: automatic tagging of reported speech in newspaper articles, LREC.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .actors import actor_lexicon, actor_mentions
from .corpus import Corpus, outlet_ids
from .lexicon_rules import ID_PATTERN
from .lexicons import LexiconError, fingerprint, normalize_word, read_lexicon, text_or_none
from .text import sentences
from .words import word_tokens

QUOTE_COLUMNS = [
    "doc_id", "sentence_id", "kind", "quote", "speaker", "actor_id", "side", "cue",
    "start", "end", "n_words", "cue_class", "resolved_by",
]
SHARE_COLUMNS = ["outlet_id", "side", "kind", "n_docs", "n_quotes", "n_words", "n_words_outlet", "share_words"]
SHARE_ACTOR_COLUMNS = ["outlet_id", "side", "actor_id", "kind", "n_docs", "n_quotes", "n_words", "n_words_outlet", "share_words"]
CUE_CLASS_COLUMNS = ["outlet_id", "side", "cue_class", "n", "n_outlet", "share"]
KINDS = ("direct", "partial", "indirect")
RESOLVED_BY = ("name", "alias", "role", "pronoun", "anonymous", "continued", "none")
NO_SIDE = "unattributed"
SPEAKER_RULES = ("after", "before", "within")
CONTINUE_SENTENCES = 2  # a quote without its own attribution continues a speaker at most this many sentences back

_BOUNDARY = frozenset(",;:–—()[]")
_SENTENCE_END = frozenset(".!?…")


# --- the lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A reported-speech marker ("laut", "zufolge", "nach Angaben" …)."""

    id: str
    words: tuple[str, ...]
    speaker: str
    after_comma: bool
    max_distance: int


@dataclass(frozen=True)
class SpeechLexicon:
    """Speech verbs by class, markers and the grammar words of `speech_verbs.yaml` (all lower-cased)."""

    path: Path
    verb_class: dict[str, str]                       # lemma (or joined separable lemma) -> class id
    separable: dict[str, tuple[tuple[str, str], ...]]  # stem lemma -> ((particle, class id), ...)
    classes: tuple[str, ...]
    markers: tuple[Marker, ...]
    complementizers: frozenset
    konjunktiv_i: frozenset
    konjunktiv_ii: frozenset
    relative_pronouns: frozenset
    prepositions: frozenset
    determiners: frozenset
    plural_ending: str
    min_quote_words: int
    open_only: frozenset
    double: frozenset
    single: frozenset


def _words(value, where: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: {field} must be a list of words, e.g. {field}: [sagen]; found {value!r}")
    return [normalize_word(" ".join(v.split())) for v in value]


def load_speech_lexicon(path: str | Path) -> SpeechLexicon:
    """Read and validate a speech-verb lexicon.

    Args:
        path: the YAML file (see `corpus/lexicons/speech_verbs.yaml` for its format).

    Returns:
        The `SpeechLexicon`.

    Raises:
        LexiconError: naming the file and entry, what is wrong and what to write.
    """
    path = Path(path)
    data = read_lexicon(path)
    unknown = sorted(map(str, set(data) - {"classes", "markers", "grammar"}))
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; allowed: classes, markers, grammar")
    classes_data = data.get("classes")
    if not isinstance(classes_data, list) or not classes_data:
        raise LexiconError(f"{path}: expected a non-empty list under 'classes' (each with id, label, rationale, verbs)")
    verb_class: dict[str, str] = {}
    separable: dict[str, list[tuple[str, str]]] = {}
    classes = []
    for number, entry in enumerate(classes_data, start=1):
        where = f"{path}, class {number} ({entry.get('id', 'no id') if isinstance(entry, dict) else entry})"
        if not isinstance(entry, dict) or not text_or_none(entry.get("id")) or not ID_PATTERN.match(str(entry.get("id"))):
            raise LexiconError(f"{where}: expected a mapping with an id of a-z, 0-9 and _, a label, a rationale and verbs")
        if not (text_or_none(entry.get("rationale")) or text_or_none(entry.get("source"))):
            raise LexiconError(f"{where}: missing rationale; say what the class tells about the speaker's act")
        if entry["id"] in classes:
            raise LexiconError(f"{where}: the class id {entry['id']!r} is used twice")
        classes.append(entry["id"])
        for verb in _words(entry.get("verbs"), where, "verbs"):
            parts = verb.split()
            if len(parts) > 2:
                raise LexiconError(f"{where}: {verb!r} has more than two words; write a separable verb as 'stem particle', e.g. 'fügen hinzu'")
            key = verb if len(parts) == 1 else parts[1] + parts[0]
            if key in verb_class and verb_class[key] != entry["id"]:
                raise LexiconError(f"{where}: {verb!r} is listed in class {verb_class[key]!r} too; a verb may stand in one class only")
            verb_class[key] = entry["id"]
            if len(parts) == 2:
                separable.setdefault(parts[0], []).append((parts[1], entry["id"]))
    markers = []
    for number, entry in enumerate(data.get("markers") or [], start=1):
        where = f"{path}, marker {number} ({entry.get('id', 'no id') if isinstance(entry, dict) else entry})"
        if not isinstance(entry, dict) or not text_or_none(entry.get("id")):
            raise LexiconError(f"{where}: expected a mapping with id, words, speaker and rationale")
        if not (text_or_none(entry.get("rationale")) or text_or_none(entry.get("source"))):
            raise LexiconError(f"{where}: missing rationale")
        if entry.get("speaker") not in SPEAKER_RULES:
            raise LexiconError(f"{where}: speaker must be one of {', '.join(SPEAKER_RULES)}, not {entry.get('speaker')!r}")
        distance = entry.get("max_distance", 3)
        if not isinstance(distance, int) or isinstance(distance, bool) or not 0 <= distance <= 8:
            raise LexiconError(f"{where}: max_distance must be a whole number from 0 to 8, not {distance!r}")
        markers.append(Marker(
            id=entry["id"], words=tuple(_words(entry.get("words"), where, "words")), speaker=entry["speaker"],
            after_comma=bool(entry.get("after_comma", False)), max_distance=distance,
        ))
    grammar = data.get("grammar")
    if not isinstance(grammar, dict):
        raise LexiconError(f"{path}: expected a mapping under 'grammar' (complementizers, konjunktiv_i, …)")
    where = f"{path}, grammar"
    marks = grammar.get("quote_marks")
    if not isinstance(marks, dict) or not all(isinstance(marks.get(k), list) for k in ("open_only", "double", "single")):
        raise LexiconError(f"{where}: quote_marks needs lists open_only, double and single of quote characters")
    for key in ("open_only", "double", "single"):
        for mark in marks[key]:
            if not isinstance(mark, str) or len(mark) != 1:
                raise LexiconError(f"{where}: quote_marks.{key} holds {mark!r}; each entry must be one character")
    min_words = grammar.get("min_quote_words", 3)
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
        raise LexiconError(f"{where}: min_quote_words must be a whole number of at least 1, not {min_words!r}")
    ending = grammar.get("plural_verb_ending")
    if not isinstance(ending, str) or not ending:
        raise LexiconError(f"{where}: plural_verb_ending must be text, e.g. en")

    def words(key: str) -> frozenset:
        return frozenset(_words(grammar.get(key), where, key))

    return SpeechLexicon(
        path=path, verb_class=verb_class, separable={k: tuple(v) for k, v in separable.items()}, classes=tuple(classes),
        markers=tuple(markers), complementizers=words("complementizers"), konjunktiv_i=words("konjunktiv_i"),
        konjunktiv_ii=words("konjunktiv_ii"), relative_pronouns=words("relative_pronouns"),
        prepositions=words("prepositions"), determiners=words("determiners"), plural_ending=normalize_word(ending),
        min_quote_words=min_words, open_only=frozenset(marks["open_only"]),
        double=frozenset(marks["double"]) | frozenset(marks["open_only"]) - frozenset(marks["single"]),
        single=frozenset(marks["single"]),
    )


def speech_lexicon(corpus: Corpus) -> SpeechLexicon:
    """Return the corpus's speech-verb lexicon (its own, else the shipped one), read once per corpus."""
    return corpus.load_lexicon("speech_verbs", load_speech_lexicon)


# --- quote marks ------------------------------------------------------------------------------


def find_quote_spans(text: str, lexicon: SpeechLexicon) -> list[tuple[int, int]]:
    """Return the (opening mark, closing mark) offsets of every quote in `text`.

    A mark opens when it follows the start, a space, a bracket or a dash and
    precedes a non-space; it closes when it follows a non-space and precedes
    the end, a space or punctuation ("„" and "‚" only open). Any closing mark
    closes an open double quote (scraped texts close „ with "); single marks
    inside a double quote are part of it. A quote never crosses a line break:
    an opening mark without a closing one before the end of its paragraph is
    dropped.

    Args:
        text: a document's cleaned text.
        lexicon: the speech lexicon (its `quote_marks`).

    Returns:
        (open offset, close offset) pairs in text order; the quoted text is
        `text[open + 1:close]`.
    """
    double, single, open_only = lexicon.double, lexicon.single, lexicon.open_only
    spans = []
    current = None  # (offset, is_single)
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "\n":
            current = None
            continue
        if ch not in double and ch not in single:
            continue
        left = text[i - 1] if i else " "
        right = text[i + 1] if i + 1 < n else " "
        can_open = (left.isspace() or left in "([{–—-/" or left in double or left in single) and not right.isspace()
        can_close = ch not in open_only and not left.isspace() and (right.isspace() or not right.isalnum())
        if ch in single and (left.isalnum() and right.isalnum()):
            continue  # an apostrophe inside a word ("geht’s")
        is_single = ch in single and ch not in double
        if current is None:
            if can_open:
                current = (i, is_single)
            continue
        start, open_single = current
        if is_single and not open_single:
            continue  # a single mark inside a double quote
        if can_close and i > start + 1:
            spans.append((start, i))
            current = None
        elif can_open:
            current = (i, is_single)
    return spans


# --- per-document analysis ----------------------------------------------------------------------


@dataclass
class _Doc:
    """One document's words and annotations, as Python lists indexed by word number in the document."""

    text: str
    start: list
    end: list
    lemma: list
    low: list
    surface: list
    sid: list
    in_quote: list            # index of the quote span holding the word, or -1
    mention_at: dict          # first word -> mention (first, last, actor index, kinds)
    mention_end: dict         # last word -> mention
    mentions: list            # mentions in order


def _gap(doc: _Doc, k: int) -> str:
    """Return the text between word k and word k + 1 ("" after the last word)."""
    return doc.text[doc.end[k]:doc.start[k + 1]] if k + 1 < len(doc.start) else ""


def _boundary_after(doc: _Doc, k: int) -> bool:
    """Return True when a clause boundary (comma, colon, dash, bracket, sentence end) follows word k.

    Quote marks are no boundary: "der das Treffen als „Moment der Wahrheit“
    bezeichnete" is one clause.
    """
    if k + 1 >= len(doc.start) or doc.sid[k + 1] != doc.sid[k]:
        return True
    gap = _gap(doc, k)
    return any(ch in _BOUNDARY or ch in _SENTENCE_END for ch in gap)


class _Analyzer:
    """Finds quotes and their speakers in one document."""

    def __init__(self, doc: _Doc, speech: SpeechLexicon, actors, pronouns: dict, sentence_rows: dict):
        self.doc, self.speech, self.actors, self.pronouns = doc, speech, actors, pronouns
        self.sentence_rows = sentence_rows  # sentence_id -> (start, end) offsets
        self.sentence_first: dict[int, int] = {}
        self.sentence_last: dict[int, int] = {}
        for k, s in enumerate(doc.sid):
            self.sentence_first.setdefault(s, k)
            self.sentence_last[s] = k
        self.cues = self._cues()

    # -- cues --
    def _cues(self) -> dict[int, tuple[str, str, int]]:
        """Return word -> (class, cue text, particle word or -1) for every speech verb outside quotes."""
        doc, speech = self.doc, self.speech
        cues = {}
        for k, lemma in enumerate(doc.lemma):
            if doc.in_quote[k] >= 0:
                continue
            found = None
            for particle, cls in speech.separable.get(lemma, ()):
                j = k + 1
                while j < len(doc.low) and doc.sid[j] == doc.sid[k] and doc.in_quote[j] < 0:
                    if doc.low[j] == particle and _boundary_after(doc, j):
                        found = (cls, f"{doc.surface[k]} … {doc.surface[j]}" if j > k + 1 else f"{doc.surface[k]} {doc.surface[j]}", j)
                        break
                    if _boundary_after(doc, j):
                        break
                    j += 1
                if found:
                    break
            if found is None and lemma in speech.verb_class:
                found = (speech.verb_class[lemma], doc.surface[k], -1)
            if found:
                cues[k] = found
        return cues

    # -- speakers --
    def _is_pronoun(self, k: int, case: str = "subject") -> bool:
        return any(self.doc.low[k] in self.pronouns.get((case, key), ()) for key in ("male", "female", "plural"))

    def _in_pp(self, first: int) -> bool:
        """Return True when the mention starting at `first` stands in a prepositional phrase."""
        doc, speech = self.doc, self.speech
        w = first - 1
        steps = 0
        while w >= 0 and doc.sid[w] == doc.sid[first] and steps < 6 and not _boundary_after(doc, w):
            if doc.low[w] in speech.prepositions:
                return True
            inside = doc.mention_end.get(w)
            if inside is not None:
                w = inside[0] - 1
            elif doc.low[w] in speech.determiners or (doc.surface[w][:1].islower() and not doc.lemma[w] in speech.verb_class):
                w -= 1
            else:
                return False
            steps += 1
        return False

    def _candidate_at(self, k: int, *, case: str = "subject"):
        """Return the speaker candidate starting at word k: ("mention", m) or ("pronoun", k), or None."""
        doc = self.doc
        if doc.in_quote[k] >= 0:
            return None
        m = doc.mention_at.get(k)
        if m is not None and not self._in_pp(k):
            return ("mention", m)
        if self._is_pronoun(k, case):
            return ("pronoun", k)
        return None

    def _candidate_ending(self, k: int):
        """Return the candidate whose last word is k (a mention or a pronoun)."""
        doc = self.doc
        if k < 0 or doc.in_quote[k] >= 0:
            return None
        m = doc.mention_end.get(k)
        if m is not None and not self._in_pp(m[0]):
            return ("mention", m)
        if self._is_pronoun(k):
            return ("pronoun", k)
        return None

    def find_speaker(self, k: int, *, floor: int = -1):
        """Return the speaker candidate of the speech verb at word k (see the module docstring), or None."""
        doc = self.doc
        s = doc.sid[k]
        lo = max(self.sentence_first[s], floor + 1)
        if k - 1 >= lo and not _boundary_after(doc, k - 1):
            found = self._candidate_ending(k - 1)
            if found:
                return found
        particle = self.cues.get(k, (None, None, -1))[2]
        j, steps = k + 1, 0
        while j < len(doc.low) and doc.sid[j] == s and steps < 4 and not _boundary_after(doc, j - 1):
            if j != particle:
                found = self._candidate_at(j)
                if found:
                    return found
            steps += 1
            j += 1
        clause = k
        while clause - 1 >= lo and not _boundary_after(doc, clause - 1):
            clause -= 1
        for j in range(clause, k):
            found = self._candidate_at(j)
            if found:
                return found
        if clause > lo and doc.low[clause] in self.speech.relative_pronouns:
            for j in range(clause - 1, lo - 1, -1):
                m = doc.mention_end.get(j)
                if m is not None and doc.in_quote[j] < 0:
                    return ("mention", m)
        for j in range(lo, clause):
            found = self._candidate_at(j)
            if found:
                return found
        return None

    def _antecedent(self, k: int, key: str):
        """Return the last mention before word k (outside quotes) that a pronoun of `key` can stand for."""
        for m in reversed(self.doc.mentions):
            if m[1] >= k or self.doc.in_quote[m[0]] >= 0:
                continue
            actor = self.actors[m[2]]
            if key == "plural" and actor.type == "group":
                return m
            if key in ("male", "female") and actor.type == "person" and actor.gender == key:
                return m
        return None

    def resolve(self, candidate, cue_word: int | None = None, case: str = "subject") -> tuple[str, str, str, str]:
        """Return (speaker words, actor_id, side, resolved_by) of a speaker candidate."""
        doc = self.doc
        if candidate is None:
            return "", "", "", "none"
        what, value = candidate
        if what == "mention":
            first, last, index, kinds = value
            actor = self.actors[index]
            how = "anonymous" if actor.anonymous else ("name" if "names" in kinds else "role" if "roles" in kinds else "alias")
            return doc.text[doc.start[first]:doc.end[last]], actor.id, actor.side, how
        k = value
        word = doc.low[k]
        keys = [key for key in ("male", "female", "plural") if word in self.pronouns.get((case, key), ())]
        if "plural" in keys and len(keys) > 1 and cue_word is not None:
            plural = doc.low[cue_word].endswith(self.speech.plural_ending)
            keys = ["plural"] if plural else [key for key in keys if key != "plural"]
        for key in keys:
            m = self._antecedent(k, key)
            if m is not None:
                return doc.surface[k], self.actors[m[2]].id, self.actors[m[2]].side, "pronoun"
        return doc.surface[k], "", "", "pronoun"

    def unknown_speaker(self, k: int) -> str:
        """Return the words after a speech verb that name an unknown speaker ("ein Sprecher des Ministeriums")."""
        doc = self.doc
        out, j = [], k + 1
        while j < len(doc.low) and doc.sid[j] == doc.sid[k] and len(out) < 4 and doc.in_quote[j] < 0:
            if (doc.low[j] in self.speech.prepositions and out) or doc.low[j] in self.speech.complementizers:
                break
            if not out and not (doc.surface[j][:1].isupper() or doc.low[j] in self.speech.determiners):
                break
            out.append(j)
            if _boundary_after(doc, j):
                break
            j += 1
        if not any(doc.surface[j][:1].isupper() for j in out):
            return ""  # no noun: not a speaker
        return doc.text[doc.start[out[0]]:doc.end[out[-1]]]


def _doc_table(corpus: Corpus):
    """Yield (doc_pos, _Doc, sentence rows) for every document with words."""
    words = word_tokens(corpus)
    mentions = actor_mentions(corpus)
    texts = corpus.documents["text"].fillna("").tolist()
    low_types = np.array([normalize_word(t) for t in words.text_types], dtype=object)
    lemma_types = np.array([normalize_word(t) for t in words.lemma_types], dtype=object)
    by_doc = {d: part for d, part in mentions.groupby("doc_pos", sort=False)} if len(mentions) else {}
    for doc_pos in range(len(texts)):
        lo, hi = int(words.doc_start[doc_pos]), int(words.doc_stop[doc_pos])
        if lo == hi:
            continue
        part = by_doc.get(doc_pos)
        ms = [] if part is None else [
            (int(f) - lo, int(la) - lo, int(a), kinds)
            for f, la, a, kinds in zip(part["first"], part["last"], part["actor"], part["kinds"])
        ]
        yield doc_pos, texts[doc_pos], lo, hi, words, low_types, lemma_types, ms


def _analyse(corpus: Corpus) -> pd.DataFrame:
    """Return the quotes table (see `quotes`) with an extra `doc_pos` column."""
    speech = speech_lexicon(corpus)
    lexicon = actor_lexicon(corpus)
    actors = lexicon.actors
    sents = sentences(corpus)
    sent_index = {d: part for d, part in sents.groupby("doc_id", sort=False)}
    doc_ids = corpus.documents["doc_id"].tolist()
    rows = []
    for doc_pos, text, lo, hi, words, low_types, lemma_types, ms in _doc_table(corpus):
        start = words.start[lo:hi].tolist()
        end = words.end[lo:hi].tolist()
        spans = find_quote_spans(text, speech)
        in_quote = [-1] * (hi - lo)
        span_words: list[list[int]] = [[] for _ in spans]
        starts_arr = np.asarray(start)
        for q, (o, c) in enumerate(spans):
            a, b = int(np.searchsorted(starts_arr, o, side="right")), int(np.searchsorted(starts_arr, c, side="left"))
            for k in range(a, b):
                if end[k] <= c:
                    in_quote[k] = q
                    span_words[q].append(k)
        doc = _Doc(
            text=text, start=start, end=end,
            lemma=lemma_types[words.lemma_codes[lo:hi]].tolist(), low=low_types[words.text_codes[lo:hi]].tolist(),
            surface=[text[s:e] for s, e in zip(start, end)], sid=words.sentence_id[lo:hi].tolist(), in_quote=in_quote,
            mention_at={m[0]: m for m in ms}, mention_end={m[1]: m for m in ms}, mentions=ms,
        )
        part = sent_index.get(doc_ids[doc_pos])
        sentence_rows = {} if part is None else dict(zip(part["sentence_id"], zip(part["start"], part["end"])))
        analyzer = _Analyzer(doc, speech, actors, lexicon.pronouns, sentence_rows)
        rows.extend((doc_pos, *row) for row in _doc_quotes(analyzer, spans, span_words))
    columns = ["doc_pos", *QUOTE_COLUMNS[1:]]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "n_words": "int64", "doc_pos": "int64"})


def _doc_quotes(an: _Analyzer, spans: list, span_words: list) -> list[tuple]:
    """Return the quote rows (without doc_pos) of one document, ordered by position."""
    doc, speech = an.doc, an.speech
    doc_id_rows: list[dict] = []
    used_cues: set[int] = set()
    quote_ends = [c for _, c in spans]

    def row(kind, sentence, quote, who, cue, cue_class, s, e, n):
        speaker, actor_id, side, how = who
        return {"sentence_id": sentence, "kind": kind, "quote": quote, "speaker": speaker, "actor_id": actor_id,
                "side": side, "cue": cue, "start": s, "end": e, "n_words": n, "cue_class": cue_class, "resolved_by": how}

    def previous(sentence: int, before: int):
        """Return the last attributed row ending before offset `before` within CONTINUE_SENTENCES sentences."""
        for r in sorted(doc_id_rows, key=lambda r: r["start"], reverse=True):
            if r["start"] < before and r["actor_id"] and sentence - r["sentence_id"] <= CONTINUE_SENTENCES:
                return r
        return None

    def continued(r) -> tuple:
        return (r["speaker"], r["actor_id"], r["side"], "continued")

    # direct and partial quotes
    quote_rows = []
    for q, (o, c) in enumerate(spans):
        ws = span_words[q]
        if len(ws) < speech.min_quote_words:
            continue
        fq, lq = ws[0], ws[-1]
        s_open, s_close = doc.sid[fq], doc.sid[lq]
        sent_start = an.sentence_rows.get(s_open, (doc.start[an.sentence_first[s_open]], 0))[0]
        prev_close = max([pc for pc in quote_ends if pc < o] + [-1])
        left = doc.text[max(sent_start, prev_close + 1, doc.text.rfind("\n", 0, o) + 1):o].strip()
        inner = doc.text[o + 1:c].strip()
        after = [k for k in range(lq + 1, an.sentence_last[s_close] + 1) if doc.in_quote[k] < 0]
        next_open = min([po for po, _ in spans if po > c] + [len(doc.text)])
        after = [k for k in after if doc.start[k] < next_open]
        sentence_end = an.sentence_rows.get(s_close, (0, len(doc.text)))[1]
        right = doc.text[c + 1:min(sentence_end, next_open, doc.text.find("\n", c) if "\n" in doc.text[c:] else len(doc.text))].strip()
        first_after = after[0] if after and doc.text[c + 1:doc.start[after[0]]].strip() in ("", ",") else None
        attributed_after = first_after is not None and (first_after in an.cues or _marker_at(an, first_after) is not None)
        right_ok = right == "" or right[0] in _SENTENCE_END or (right.startswith(",") and attributed_after) or inner[-1:] in _SENTENCE_END
        left_ok = left == "" or left.endswith(":") or left in ("-", "–", "—")
        kind = "direct" if left_ok and right_ok else "partial"
        who, cue, cue_class = None, "", ""
        if kind == "direct":
            if attributed_after and first_after in an.cues:
                cue_class, cue, _ = an.cues[first_after]
                used_cues.add(first_after)
                cand = an.find_speaker(first_after, floor=fq)
                who = an.resolve(cand, first_after) if cand else ("", "", "", "none")
                if cand is None:
                    who = (an.unknown_speaker(first_after), "", "", "none")
            elif attributed_after:
                who, cue = _marker_speaker(an, first_after)
            elif left.endswith(":"):
                region_lo = max(an.sentence_first[s_open], *[k + 1 for k in range(fq) if doc.in_quote[k] >= 0], 0)
                before = [k for k in range(region_lo, fq) if k in an.cues]
                if before:
                    k = before[-1]
                    cue_class, cue, _ = an.cues[k]
                    used_cues.add(k)
                    cand = an.find_speaker(k, floor=region_lo - 1)
                    who = an.resolve(cand, k) if cand else ("", "", "", "none")
            if who is None:
                later = [k for k in after if k in an.cues]
                if later:
                    k = later[0]
                    cue_class, cue, _ = an.cues[k]
                    used_cues.add(k)
                    cand = an.find_speaker(k, floor=lq)
                    who = an.resolve(cand, k) if cand else ("", "", "", "none")
        else:
            lo_w, hi_w = an.sentence_first[s_open], an.sentence_last[s_close]
            near = sorted((k for k in range(lo_w, hi_w + 1) if k in an.cues), key=lambda k: min(abs(k - fq), abs(k - lq)))
            if near:
                k = near[0]
                cue_class, cue, _ = an.cues[k]
                cand = an.find_speaker(k)
                who = an.resolve(cand, k) if cand else ("", "", "", "none")
            else:
                for k in range(lo_w, hi_w + 1):
                    if doc.in_quote[k] < 0 and _marker_at(an, k) is not None:
                        who, cue = _marker_speaker(an, k)
                        break
        if who is None or (who[3] == "none" and not who[0]):
            r = previous(s_open, o)
            who = continued(r) if r else ("", "", "", "none")
        r = row(kind, s_open, inner, who, cue, cue_class, o, c + 1, len(ws))
        doc_id_rows.append(r)
        quote_rows.append(r)

    # indirect speech: speech verb + dass / Konjunktiv, markers, Konjunktiv continuation
    claimed: set[int] = set()
    indirect = []

    def add_indirect(sentence, content: list[int], who, cue, cue_class, quote_span=None, also: frozenset = frozenset()):
        free = [k for k in content if doc.in_quote[k] < 0 and k not in claimed]
        claimed.update(also)
        if not free:
            return
        claimed.update(free)
        s, e = quote_span or (doc.start[content[0]], doc.end[content[-1]])
        r = row("indirect", sentence, doc.text[s:e], who, cue, cue_class, s, e, len(free))
        indirect.append(r)
        doc_id_rows.append(r)

    konj = speech.konjunktiv_i | speech.konjunktiv_ii

    def has_konj(ws, forms) -> bool:
        return any(doc.low[k] in forms and doc.in_quote[k] < 0 for k in ws)

    for k in sorted(an.cues):
        cls, cue, particle = an.cues[k]
        s = doc.sid[k]
        first, last = an.sentence_first[s], an.sentence_last[s]
        content = None
        # content after the verb: ", dass …" or a clause in the Konjunktiv
        j = max(k, particle)
        while j < last and not _boundary_after(doc, j):
            j += 1
            if j in an.cues and j != particle:
                j = -1
                break
        if j >= 0 and j < last and "," in _gap(doc, j) and doc.in_quote[j + 1] < 0:
            rest = list(range(j + 1, last + 1))
            if doc.low[j + 1] in speech.complementizers or has_konj(rest, konj):
                content = rest
        # content before the verb: "Moskau sei bereit …, sagte der Nato-Chef"
        if content is None and k > first and "," in _gap(doc, k - 1):
            head = [w for w in range(first, k) if doc.in_quote[w] < 0]
            if head and has_konj(head, konj):
                content = list(range(first, k))
        if content is None:
            continue
        cand = an.find_speaker(k)
        who = an.resolve(cand, k) if cand else (an.unknown_speaker(k), "", "", "none")
        add_indirect(s, content, who, cue, cls)

    for k in range(len(doc.low)):
        if doc.in_quote[k] >= 0:
            continue
        marker = _marker_at(an, k)
        if marker is None:
            continue
        who, cue = _marker_speaker(an, k)
        if who is None:
            continue
        s = doc.sid[k]
        skip = set(range(k, k + len(marker.words))) | _speaker_words(an, who, k)
        content = [w for w in range(an.sentence_first[s], an.sentence_last[s] + 1) if w not in skip]
        sentence_span = an.sentence_rows.get(s)
        add_indirect(s, content, who, cue, "", sentence_span, frozenset(skip))

    # a fragment quoted inside reported speech is the reported speaker's: "Stoltenberg sagte, die Alliierten
    # hätten die „Politik der offenen Tür“ bekräftigt" (the innermost reported clause wins)
    for r in quote_rows:
        if r["kind"] != "partial":
            continue
        holders = [i for i in indirect if i["start"] <= r["start"] and r["end"] <= i["end"] and i["actor_id"]]
        if holders:
            h = min(holders, key=lambda i: i["end"] - i["start"])
            r.update(speaker=h["speaker"], actor_id=h["actor_id"], side=h["side"], cue=h["cue"],
                     cue_class=h["cue_class"], resolved_by=h["resolved_by"])

    done_sentences = {r["sentence_id"] for r in indirect}
    for s in sorted(set(doc.sid)):
        if s in done_sentences:
            continue
        ws = list(range(an.sentence_first[s], an.sentence_last[s] + 1))
        if not has_konj(ws, speech.konjunktiv_i) or any(w in an.cues for w in ws):
            continue
        r = previous(s, doc.start[ws[0]])
        if r is None:
            continue
        add_indirect(s, ws, continued(r), "", "", an.sentence_rows.get(s))

    out = sorted(quote_rows + indirect, key=lambda r: (r["start"], r["end"]))
    return [tuple(r[c] for c in QUOTE_COLUMNS[1:]) for r in out]


def _marker_at(an: _Analyzer, k: int):
    """Return the marker whose words start at word k, or None."""
    doc = an.doc
    for marker in an.speech.markers:
        n = len(marker.words)
        if k + n > len(doc.low) or any(doc.sid[k + i] != doc.sid[k] for i in range(n)):
            continue
        if all(doc.low[k + i] == w for i, w in enumerate(marker.words)):  # surface only: "vor lauter Arbeit" is no "laut"
            if marker.after_comma and (k == 0 or not any(ch in ",–—" for ch in _gap(doc, k - 1))):
                continue
            return marker
    return None


def _marker_speaker(an: _Analyzer, k: int):
    """Return ((speaker, actor_id, side, resolved_by), cue text) for the marker at word k, or (None, "")."""
    doc = an.doc
    marker = _marker_at(an, k)
    n = len(marker.words)
    cue = doc.text[doc.start[k]:doc.end[k + n - 1]]
    s = doc.sid[k]
    if marker.speaker == "within":
        for j in range(k, k + n):
            m = doc.mention_at.get(j)
            if m is not None:
                return an.resolve(("mention", m)), cue
        return None, cue
    if marker.speaker == "after":
        j = k + n
        while j < len(doc.low) and doc.sid[j] == s and j <= k + n + marker.max_distance:
            m = doc.mention_at.get(j)
            if m is not None and doc.in_quote[j] < 0:
                return an.resolve(("mention", m)), cue
            if an._is_pronoun(j, "dative"):
                return an.resolve(("pronoun", j), case="dative"), cue
            if _boundary_after(doc, j):
                break
            j += 1
        words = []
        j = k + n
        while j < len(doc.low) and doc.sid[j] == s and len(words) <= marker.max_distance:
            words.append(j)
            if _boundary_after(doc, j) or doc.surface[j][:1].isupper():
                break
            j += 1
        if words and doc.surface[words[-1]][:1].isupper() and k + n < len(doc.low):
            return (doc.text[doc.start[words[0]]:doc.end[words[-1]]], "", "", "none"), cue
        return None, cue
    j = k - 1
    while j >= 0 and doc.sid[j] == s and j >= k - 1 - marker.max_distance and not _boundary_after(doc, j):
        m = doc.mention_end.get(j)
        if m is not None and doc.in_quote[j] < 0:
            return an.resolve(("mention", m)), cue
        if an._is_pronoun(j, "dative"):
            return an.resolve(("pronoun", j), case="dative"), cue
        j -= 1
    if k > 0 and doc.sid[k - 1] == s and doc.surface[k - 1][:1].isupper():
        return (doc.surface[k - 1], "", "", "none"), cue
    return None, cue


def _speaker_words(an: _Analyzer, who, k: int) -> set[int]:
    """Return the word numbers near word k that spell the speaker (left out of a marker's content)."""
    doc = an.doc
    speaker = who[0]
    if not speaker:
        return set()
    s = doc.sid[k]
    lo, hi = max(an.sentence_first[s], k - 8), min(an.sentence_last[s], k + 10)
    for a in range(lo, hi + 1):
        if doc.text.startswith(speaker, doc.start[a]):
            stop = doc.start[a] + len(speaker)
            return {w for w in range(a, hi + 1) if doc.end[w] <= stop}
    return set()


# --- public API -------------------------------------------------------------------------------


def quotes(corpus: Corpus) -> pd.DataFrame:
    """Return one row per quote (direct, partial or indirect) with its speaker, actor and side.

    What it measures: whose words each article carries, how (in quote marks,
    as a fragment, or reported), with which speech verb, and how the speaker
    was recognised. What it cannot tell: whether the quote is accurate or
    endorsed; the rules are heuristics (see the module docstring), so read
    the rows before quoting a number.

    Args:
        corpus: the corpus; the lexicons are its `lexicons/actors.yaml` and
            `lexicons/speech_verbs.yaml`, else the shipped ones.

    Returns:
        Columns `doc_id, sentence_id` (of the quote's first word, or of the
        marker for indirect speech), `kind` (direct, partial, indirect),
        `quote` (the words quoted, without the quote marks; for indirect
        speech the reported clause, or the sentence for a marker or a
        continuation), `speaker` (the words that name the speaker: "Smith",
        "die US-Botschafterin bei der NATO, Julianne Smith", "er", "ein
        Sprecher"; "" when none was found), `actor_id, side` (from
        `actors.yaml`; "" when unknown), `cue` (the speech verb or marker as
        written: "sagte", "fügte hinzu", "laut", "so"; "" for a continued
        quote), `start, end` (character offsets of the quote in the
        document's `text`, quote marks included for direct and partial
        quotes), `n_words` (words quoted; for indirect speech the words of the
        reported clause that stand outside quote marks and belong to no other
        indirect quote), `cue_class` (the speech verb's class from
        `speech_verbs.yaml`: neutral, emphatic, assertive, distancing, alarm,
        denial, demand; "" for a marker or none), `resolved_by` (name, alias,
        role: the speaker's words are an actor entry of that kind; pronoun:
        "er"/"sie" resolved to the last fitting person; anonymous: an
        anonymous actor; continued: no attribution of its own, the speaker of
        the quote just before; none: no speaker found). Ordered by document
        (corpus order), then position.

    Raises:
        LexiconError: when a lexicon is malformed.

    References:
        Krestel, Bergler & Witte (2008), Minding the source: automatic
        tagging of reported speech in newspaper articles, LREC.
    """
    key = ("quotes", fingerprint(corpus.lexicon("actors")), fingerprint(corpus.lexicon("speech_verbs")))
    if key not in corpus._cache:
        table = _analyse(corpus)
        doc_ids = corpus.documents["doc_id"].to_numpy(dtype=object)
        table.insert(0, "doc_id", doc_ids[table["doc_pos"].to_numpy(dtype=np.int64)] if len(table) else [])
        table = table.sort_values(["doc_pos", "start", "end"], kind="stable").drop(columns="doc_pos").reset_index(drop=True)
        corpus._cache[key] = table[QUOTE_COLUMNS]
    return corpus._cache[key].copy()


def _with_outlets(corpus: Corpus, table: pd.DataFrame) -> pd.DataFrame:
    outlets = dict(zip(corpus.documents["doc_id"], outlet_ids(corpus)))
    table = table.copy()
    table["outlet_id"] = table["doc_id"].map(outlets).fillna("")
    table["side"] = table["side"].replace("", NO_SIDE)
    return table


def share_of_voice(corpus: Corpus, *, by: str = "side") -> pd.DataFrame:
    """Sum, per outlet, the quotes and words quoted of each side (or actor), by kind of quote.

    What it measures: how much room each outlet gives each side's words.
    What it cannot tell: why (availability of speakers, agency copy, the
    outlet's choice), or whether a quote supports its speaker's side. Quotes
    whose speaker was not found count under side "unattributed". With one
    article per outlet a share describes that article.

    Args:
        corpus: the corpus.
        by: "side" (default) or "actor" (adds `actor_id`; "" when unknown).

    Returns:
        One row per outlet × side (× actor) × kind, kinds direct, partial,
        indirect and "all" (the three together): `outlet_id, side` (
        `actor_id`), `kind`, `n_docs` (articles of the outlet),
        `n_quotes`, `n_words` (words quoted), `n_words_outlet` (words quoted
        by the outlet in this kind, the denominator), `share_words`
        (n_words / n_words_outlet, 0-1). Outlets in sorted order; sides in
        the order of `actors.yaml`, then "unattributed".
    """
    if by not in ("side", "actor"):
        raise ValueError(f"by must be 'side' or 'actor', not {by!r}")
    table = _with_outlets(corpus, quotes(corpus))
    both = pd.concat([table, table.assign(kind="all")], ignore_index=True)
    keys = ["outlet_id", "side"] + (["actor_id"] if by == "actor" else []) + ["kind"]
    grouped = both.groupby(keys, sort=False).agg(n_quotes=("quote", "size"), n_words=("n_words", "sum")).reset_index()
    totals = both.groupby(["outlet_id", "kind"])["n_words"].sum().rename("n_words_outlet")
    grouped = grouped.join(totals, on=["outlet_id", "kind"])
    n_docs = pd.Series(outlet_ids(corpus)).value_counts()
    grouped["n_docs"] = grouped["outlet_id"].map(n_docs).fillna(0).astype("int64")
    grouped["share_words"] = np.where(grouped["n_words_outlet"] > 0, grouped["n_words"] / grouped["n_words_outlet"].where(grouped["n_words_outlet"] > 0, 1), 0.0)
    sides = list(actor_lexicon(corpus).sides) + [NO_SIDE]
    grouped["_side"] = grouped["side"].map({s: i for i, s in enumerate(sides)}).fillna(len(sides))
    grouped["_kind"] = grouped["kind"].map({k: i for i, k in enumerate((*KINDS, "all"))})
    grouped = grouped.sort_values(["outlet_id", "_kind", "_side"] + (["actor_id"] if by == "actor" else []), kind="stable")
    columns = SHARE_ACTOR_COLUMNS if by == "actor" else SHARE_COLUMNS
    return grouped[columns].astype({"n_quotes": "int64", "n_words": "int64", "n_words_outlet": "int64"}).reset_index(drop=True)


def cue_classes(corpus: Corpus) -> pd.DataFrame:
    """Count, per outlet and side, the classes of speech verbs that introduce quotes.

    What it measures: with which verbs an outlet frames each side's words
    (neutral "sagte", emphatic "betonte", distancing "behauptete", alarm
    "warnte" …). What it cannot tell: tone beyond the verb's class; quotes
    attributed by a marker ("laut") or by continuation have no verb and are
    left out.

    Args:
        corpus: the corpus.

    Returns:
        One row per outlet × side × class found: `outlet_id, side,
        cue_class, n` (quotes with a verb of that class), `n_outlet` (quotes
        with a speech verb in the outlet), `share` (n / n_outlet).
    """
    table = _with_outlets(corpus, quotes(corpus))
    table = table[table["cue_class"] != ""]
    counts = table.groupby(["outlet_id", "side", "cue_class"]).size().rename("n").reset_index()
    totals = table.groupby("outlet_id").size()
    counts["n_outlet"] = counts["outlet_id"].map(totals).astype("int64")
    counts["share"] = counts["n"] / counts["n_outlet"]
    return counts[CUE_CLASS_COLUMNS].astype({"n": "int64"})
