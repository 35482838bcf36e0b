"""Actors: who is named in each article, and on which side they stand.

`lexicons/actors.yaml` lists the actors of the coverage (persons,
organisations, states, groups, anonymous sources), the side each one stands
on (nato_west, russia, ukraine, media, other: analysts may define their own),
and the words that name them: proper names ("Stoltenberg"), other designations
("Moskau", "Kreml" for Russia) and role nouns ("Nato-Chef" for Stoltenberg).
`actors(corpus)` lists every mention; `framing.quotes` uses the same mentions
to say who speaks.

What it measures and what it cannot tell: it finds the listed words, nothing
else. A person the lexicon does not list, a misspelt name or a pronoun ("er")
is not a mention here (`framing.quotes` resolves pronouns of speakers). Role
nouns name the holder at the time of the seed event ("Nato-Generalsekretär" is
Stoltenberg, January 2022); a metonym names the state whether the text means
the government or the city ("Gesprächspartner aus Moskau", "Vertretung in
Moskau" both count for Russia). Counting mentions says who is talked about,
not who is heard (that is `framing.quotes`) or in what light.

How words are matched (details in the header of `actors.yaml`):

- Each entry (name, alias or role) is a sequence of words; a word matches a
  token whose lemma or surface form equals it, case-insensitively, so "NATO"
  and "Nato" are one, "Russlands" is found through its lemma, and a form the
  lemmatizer does not know can be listed as it is written.
- Words are matched whole: the "Nato" inside the token "Nato-Generalsekretär"
  is no mention of NATO. A role noun names the office holder, not the
  organisation: "Nato-Generalsekretär" and "der Nato-Chef" count for
  Stoltenberg only.
- Overlapping entries: the one with more words wins, then the longer entry,
  then the actor listed first (the rule of `framing.naming`, whose overlap
  resolution this module reuses): "US-Botschafterin bei der Nato" is one
  mention of Smith, not also one of NATO.
- Adjacent mentions of one actor are one mention: "Nato-Generalsekretär Jens
  Stoltenberg", "die US-Botschafterin bei der NATO, Julianne Smith" (only
  punctuation between them).

Matching runs on the distinct word types and the few positions that hold an
entry's word, never token by token, so it scales with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus, outlet_ids
from .lexicon_match import Candidates, resolve_overlaps
from .lexicon_rules import ID_PATTERN
from .lexicons import LexiconError, fingerprint, normalize_word, read_lexicon, text_or_none
from .words import WordTokens, word_tokens

ACTOR_COLUMNS = ["doc_id", "sentence_id", "actor_id", "side", "surface", "start", "end", "type", "alias", "matched_by", "token_id"]
ACTOR_LIST_COLUMNS = ["actor_id", "name", "type", "side", "gender", "anonymous", "names", "aliases", "roles", "rationale"]
ACTOR_TYPES = ("person", "organisation", "state", "group")
GENDERS = ("male", "female")
ENTRY_KINDS = ("names", "aliases", "roles")
# what `matched_by` says for each kind of entry
_MATCHED_BY = {"names": "name", "aliases": "alias", "roles": "role"}

_TOP_FIELDS = frozenset({"sides", "pronouns", "actors"})
_ACTOR_FIELDS = frozenset({"id", "name", "type", "side", "gender", "anonymous", "names", "aliases", "roles", "rationale", "source"})
_PRONOUN_KEYS = ("male", "female", "plural")
_PRONOUN_CASES = ("subject", "dative")


@dataclass(frozen=True)
class Actor:
    """One actor of `actors.yaml` (entries as written; matching lower-cases them)."""

    id: str
    name: str
    type: str
    side: str
    rationale: str
    gender: str = ""
    anonymous: bool = False
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorLexicon:
    """The sides, pronouns and actors of an actor lexicon.

    `pronouns` maps (case, key) to words: case "subject" or "dative", key
    "male", "female" or "plural". `entries` lists every (actor index, kind, words) to match, kind being
    "names", "aliases" or "roles" and words lower-cased and NFC-normalised, in
    file order (the order breaks ties between overlapping entries).
    """

    path: Path
    sides: dict[str, str]
    actors: tuple[Actor, ...]
    pronouns: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @property
    def entries(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """Return (actor index, kind, words) for every name, alias and role, in file order."""
        out = []
        for index, actor in enumerate(self.actors):
            for kind in ENTRY_KINDS:
                for entry in getattr(actor, kind):
                    out.append((index, kind, tuple(normalize_word(word) for word in entry.split())))
        return out

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with id `actor_id` (KeyError when there is none)."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)


def _entries(value, where: str, field_name: str) -> list[str]:
    """Return a YAML list of names as strings, or raise LexiconError saying what to write."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise LexiconError(f"{where}: {field_name} must be a list, e.g. {field_name}: [Stoltenberg]; found {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}: {field_name} holds {item!r}, which is not a name; write each entry as text (quote it if YAML reads it as a number or yes/no)")
        out.append(" ".join(item.split()))
    return out


def load_actor_lexicon(path: str | Path) -> ActorLexicon:
    """Read and validate an actor lexicon.

    Args:
        path: the YAML file (see `corpus/lexicons/actors.yaml` for its format).

    Returns:
        The `ActorLexicon`.

    Raises:
        LexiconError: naming the file and the actor, what is wrong and what to
            write instead (unknown side or type, an entry listed for two
            actors, a missing rationale …).
    """
    path = Path(path)
    data = read_lexicon(path)
    unknown = sorted(map(str, set(data) - _TOP_FIELDS))
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_FIELDS))}")
    sides_data = data.get("sides")
    if not isinstance(sides_data, dict) or not sides_data:
        raise LexiconError(f"{path}: expected a mapping under 'sides', e.g. sides: {{russia: {{label: Russland, rationale: ...}}}}")
    sides = {}
    for side, spec in sides_data.items():
        if not isinstance(side, str) or not ID_PATTERN.match(side):
            raise LexiconError(f"{path}: the side {side!r} may hold only lower-case letters a-z, digits and _")
        label = text_or_none(spec.get("label")) if isinstance(spec, dict) else text_or_none(spec)
        if not label:
            raise LexiconError(f"{path}: side {side!r} needs a label (and a rationale), e.g. {side}: {{label: ..., rationale: ...}}")
        sides[side] = label
    pronouns_data = data.get("pronouns") or {}
    if not isinstance(pronouns_data, dict) or set(map(str, pronouns_data)) - set(_PRONOUN_CASES):
        raise LexiconError(f"{path}: 'pronouns' must be a mapping with keys among {', '.join(_PRONOUN_CASES)}, each mapping male/female/plural to a list of words")
    pronouns = {}
    for case in _PRONOUN_CASES:
        spec = pronouns_data.get(case) or {}
        if not isinstance(spec, dict) or set(map(str, spec)) - set(_PRONOUN_KEYS):
            raise LexiconError(f"{path}: pronouns.{case} must map some of {', '.join(_PRONOUN_KEYS)} to lists of words, e.g. {{male: [er]}}")
        for key in _PRONOUN_KEYS:
            pronouns[(case, key)] = tuple(normalize_word(w) for w in _entries(spec.get(key), f"{path}, pronouns.{case}", key))
    entries_data = data.get("actors")
    if not isinstance(entries_data, list) or not entries_data:
        raise LexiconError(f"{path}: expected a non-empty list under 'actors' (each with id, name, type, side, names, rationale)")
    actors, ids, owners = [], set(), {}
    for number, entry in enumerate(entries_data, start=1):
        name = entry.get("id", "no id") if isinstance(entry, dict) else entry
        where = f"{path}, actor {number} ({name})"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a mapping with id, name, type, side, names and rationale")
        actor = _read_actor(entry, where, sides)
        if actor.id in ids:
            raise LexiconError(f"{where}: the id {actor.id!r} is used twice; give each actor its own id")
        ids.add(actor.id)
        for kind in ENTRY_KINDS:
            for item in getattr(actor, kind):
                key = normalize_word(item)
                if key in owners and owners[key] != actor.id:
                    raise LexiconError(f"{where}: {item!r} is listed for actor {owners[key]!r} too; an entry may name one actor only")
                owners[key] = actor.id
        actors.append(actor)
    return ActorLexicon(path=path, sides=sides, actors=tuple(actors), pronouns=pronouns)


def _read_actor(entry: dict, where: str, sides: dict[str, str]) -> Actor:
    """Return one validated actor."""
    unknown = sorted(map(str, set(entry) - _ACTOR_FIELDS))
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ACTOR_FIELDS))}")
    missing = [key for key in ("id", "name", "type", "side") if not text_or_none(entry.get(key))]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    if not ID_PATTERN.match(entry["id"]):
        raise LexiconError(f"{where}: the id {entry['id']!r} may hold only lower-case letters a-z, digits and _ (write umlauts as ae, oe, ue)")
    rationale = text_or_none(entry.get("rationale")) or text_or_none(entry.get("source"))
    if not rationale:
        raise LexiconError(f"{where}: missing rationale; say who the actor is and where the articles name it (or give its source:)")
    if entry["type"] not in ACTOR_TYPES:
        raise LexiconError(f"{where}: type {entry['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
    if entry["side"] not in sides:
        raise LexiconError(f"{where}: side {entry['side']!r} is not defined under 'sides' ({', '.join(sides)}); add it there or use one of them")
    gender = entry.get("gender") or ""
    if gender and gender not in GENDERS:
        raise LexiconError(f"{where}: gender {gender!r} is not one of {', '.join(GENDERS)} (leave it out for organisations, states and groups)")
    anonymous = entry.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise LexiconError(f"{where}: anonymous must be true or false, not {anonymous!r}")
    lists = {kind: tuple(dict.fromkeys(_entries(entry.get(kind), where, kind))) for kind in ENTRY_KINDS}
    if not lists["names"]:
        raise LexiconError(f"{where}: list at least one name under names (the words that name the actor in the texts)")
    return Actor(
        id=entry["id"], name=entry["name"].strip(), type=entry["type"], side=entry["side"], rationale=rationale,
        gender=gender, anonymous=anonymous, **lists,
    )


def actor_lexicon(corpus: Corpus) -> ActorLexicon:
    """Return the corpus's actor lexicon (its own `lexicons/actors.yaml`, else the shipped one), read once per corpus."""
    return corpus.load_lexicon("actors", load_actor_lexicon)


def actor_list(corpus: Corpus) -> pd.DataFrame:
    """Return the actor lexicon as a table: who each actor id is and which words name it.

    Args:
        corpus: the corpus whose lexicon to read (its own, else the shipped one).

    Returns:
        One row per actor, in lexicon order: `actor_id, name, type` (person,
        organisation, state, group), `side`, `gender` (male / female for
        persons, "" otherwise), `anonymous` (bool), `names, aliases, roles`
        (lists of entries as written) and `rationale`.
    """
    lexicon = actor_lexicon(corpus)
    return pd.DataFrame([
        (a.id, a.name, a.type, a.side, a.gender, a.anonymous, list(a.names), list(a.aliases), list(a.roles), a.rationale)
        for a in lexicon.actors
    ], columns=ACTOR_LIST_COLUMNS)


# --- matching ---------------------------------------------------------------------------------


def _element_positions(words: WordTokens, elements: dict[str, int]) -> list[np.ndarray]:
    """Return, per element id, the sorted word positions whose lemma or surface form is that element."""
    lemma_el = np.array([elements.get(normalize_word(t), -1) for t in words.lemma_types], dtype=np.int64)
    text_el = np.array([elements.get(normalize_word(t), -1) for t in words.text_types], dtype=np.int64)
    by_lemma = lemma_el[words.lemma_codes] if len(words) else np.zeros(0, dtype=np.int64)
    by_text = text_el[words.text_codes] if len(words) else np.zeros(0, dtype=np.int64)
    hit_l, hit_t = np.flatnonzero(by_lemma >= 0), np.flatnonzero(by_text >= 0)
    element = np.concatenate([by_lemma[hit_l], by_text[hit_t]])
    position = np.concatenate([hit_l, hit_t])
    order = np.lexsort((position, element))
    element, position = element[order], position[order]
    bounds = np.searchsorted(element, np.arange(len(elements) + 1))
    return [np.unique(position[bounds[e]:bounds[e + 1]]) for e in range(len(elements))]


def actor_mentions(corpus: Corpus) -> pd.DataFrame:
    """Return every actor mention with its word positions (computed once per corpus and lexicon).

    The positional form that `actors` reports and `framing.quotes` links
    speakers with.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/actors.yaml`, else the
            shipped one.

    Returns:
        Columns `doc_pos` (row in `corpus.documents`), `first, last` (word
        positions of `framing.words.word_tokens`), `actor` (index into the
        lexicon's actors), `start, end` (character offsets into the cleaned
        text), `kinds` (frozenset of the entry kinds merged: names, aliases,
        roles), `alias` (the entries matched, joined by " + "). Ordered by
        document and position. The table is cached: do not change it.
    """
    lexicon = actor_lexicon(corpus)
    key = ("actor_mentions", str(lexicon.path), fingerprint(lexicon.path))
    if key in corpus._cache:
        return corpus._cache[key]
    words = word_tokens(corpus)
    entries = lexicon.entries
    elements: dict[str, int] = {}
    for _, _, entry_words in entries:
        for word in entry_words:
            elements.setdefault(word, len(elements))
    positions = _element_positions(words, elements)
    n = len(words)
    parts, owners, claims = [], [], []
    n_rows = 0
    for index, (_, _, entry_words) in enumerate(entries):
        first = positions[elements[entry_words[0]]]
        for k, word in enumerate(entry_words[1:], start=1):
            if not len(first):
                break
            nxt = first + k
            ok = nxt < n
            ok[ok] = np.isin(nxt[ok], positions[elements[word]]) & (words.sentence_key[nxt[ok]] == words.sentence_key[first[ok]])
            first = first[ok]
        if not len(first):
            continue
        last = first + len(entry_words) - 1
        parts.append(pd.DataFrame({
            "variant": index, "first": first, "last": last, "doc_pos": words.doc_pos[first],
            "start": words.start[first], "end": words.end[last], "n_words": len(entry_words),
            "length": sum(map(len, entry_words)), "matched_by": "",
        }))
        span = np.arange(len(entry_words))
        owners.append(np.repeat(np.arange(len(first)) + n_rows, len(entry_words)))
        claims.append((first[:, None] + span[None, :]).ravel())
        n_rows += len(first)
    columns = ["doc_pos", "first", "last", "actor", "start", "end", "kinds", "alias"]
    if not parts:
        result = pd.DataFrame({c: pd.Series(dtype="object" if c in ("kinds", "alias") else "int64") for c in columns})
        corpus._cache[key] = result
        return result
    candidates = Candidates(pd.concat(parts, ignore_index=True), np.concatenate(owners), np.concatenate(claims))
    found = candidates.table[resolve_overlaps(candidates, np.zeros(len(entries), dtype=np.int64), n)]
    found = found.sort_values(["doc_pos", "first"], kind="stable")
    entry_index = found["variant"].to_numpy(dtype=np.int64)
    actor = np.array([e[0] for e in entries], dtype=np.int64)[entry_index]
    kind = np.array([e[1] for e in entries], dtype=object)[entry_index]
    alias = np.array([" ".join(e[2]) for e in entries], dtype=object)[entry_index]
    first, last = found["first"].to_numpy(dtype=np.int64), found["last"].to_numpy(dtype=np.int64)
    # adjacent mentions of one actor (only punctuation between) are one mention
    joined = np.zeros(len(found), dtype=bool)
    if len(found) > 1:
        joined[1:] = (actor[1:] == actor[:-1]) & (first[1:] == last[:-1] + 1) & (words.sentence_key[first[1:]] == words.sentence_key[last[:-1]])
    group = np.cumsum(~joined) - 1
    table = pd.DataFrame({
        "group": group, "doc_pos": found["doc_pos"].to_numpy(dtype=np.int64), "first": first, "last": last,
        "actor": actor, "start": found["start"].to_numpy(dtype=np.int64), "end": found["end"].to_numpy(dtype=np.int64),
        "kind": kind, "alias": alias,
    })
    result = table.groupby("group", sort=True).agg(
        doc_pos=("doc_pos", "first"), first=("first", "first"), last=("last", "last"), actor=("actor", "first"),
        start=("start", "first"), end=("end", "last"), kinds=("kind", lambda s: frozenset(s)), alias=("alias", " + ".join),
    ).reset_index(drop=True)[columns]
    corpus._cache[key] = result
    return result


def _matched_by(kinds: frozenset) -> str:
    """Return how a (possibly merged) mention names its actor: name beats role beats alias."""
    for kind in ("names", "roles", "aliases"):
        if kind in kinds:
            return _MATCHED_BY[kind]
    return ""


def actors(corpus: Corpus) -> pd.DataFrame:
    """Return one row per mention of an actor of `lexicons/actors.yaml`.

    What it measures: who is named where, under which words (name, other
    designation or role). What it cannot tell: who speaks (see
    `framing.quotes`), a person the lexicon does not list, or a pronoun. See
    the module docstring for the matching rules.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/actors.yaml`, else the
            shipped one.

    Returns:
        Columns `doc_id, sentence_id` (of the mention's first word),
        `actor_id, side` (from the lexicon), `surface` (the text,
        `text[start:end]`, e.g. "Moskaus", "Nato-Generalsekretär Jens
        Stoltenberg"), `start, end` (character offsets into the document's
        cleaned `text`), `type` (person, organisation, state, group),
        `alias` (the lexicon entries matched, lower-cased, joined by " + "
        when adjacent mentions were merged: "nato-generalsekretär + jens
        stoltenberg"), `matched_by` (name, role or alias; name when any part
        of a merged mention is a name), `token_id` (of the first word).
        Ordered by document (corpus order), then position.

    Raises:
        LexiconError: when the actor lexicon is malformed (the message names
            the file and actor).
    """
    lexicon = actor_lexicon(corpus)
    words = word_tokens(corpus)
    found = actor_mentions(corpus)
    texts = corpus.documents["text"].fillna("").tolist()
    doc_pos = found["doc_pos"].to_numpy(dtype=np.int64)
    first = found["first"].to_numpy(dtype=np.int64)
    index = found["actor"].to_numpy(dtype=np.int64)
    starts, ends = found["start"].to_numpy(dtype=np.int64), found["end"].to_numpy(dtype=np.int64)
    people = lexicon.actors
    return pd.DataFrame({
        "doc_id": corpus.documents["doc_id"].to_numpy(dtype=object)[doc_pos],
        "sentence_id": words.sentence_id[first],
        "actor_id": np.array([a.id for a in people], dtype=object)[index] if len(people) else [],
        "side": np.array([a.side for a in people], dtype=object)[index] if len(people) else [],
        "surface": [texts[d][s:e] for d, s, e in zip(doc_pos.tolist(), starts.tolist(), ends.tolist())],
        "start": starts,
        "end": ends,
        "type": np.array([a.type for a in people], dtype=object)[index] if len(people) else [],
        "alias": found["alias"].to_numpy(dtype=object),
        "matched_by": [_matched_by(k) for k in found["kinds"]],
        "token_id": words.token_id[first],
    }, columns=ACTOR_COLUMNS)


def actor_counts(corpus: Corpus) -> pd.DataFrame:
    """Count, per article, how often each actor is mentioned.

    Args:
        corpus: the corpus.

    Returns:
        One row per document × actor mentioned: `doc_id, outlet_id,
        actor_id, side, type, n` (mentions; merged mentions count once).
    """
    table = actors(corpus)
    outlets = dict(zip(corpus.documents["doc_id"], outlet_ids(corpus)))
    counts = table.groupby(["doc_id", "actor_id", "side", "type"], sort=False).size().rename("n").reset_index()
    counts.insert(1, "outlet_id", counts["doc_id"].map(outlets).fillna(""))
    return counts[["doc_id", "outlet_id", "actor_id", "side", "type", "n"]]
