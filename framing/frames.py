"""News frames: which frames the vocabulary of each sentence points to, and each article's frame profile.

`lexicons/frames.yaml` lists generic news frames after Semetko & Valkenburg
(2000) (conflict, responsibility, economic consequences, human interest,
morality) and issue frames of security-policy coverage (diplomacy and
dialogue, military threat and escalation, deterrence, security guarantees and
NATO enlargement, arms control, sanctions), each with weighted German
indicator words and phrases and the source of the frame. `frames(corpus)`
scores every sentence for every frame; `frame_profile(corpus)` turns the
scores into one profile per article, separately for the headline + lead and
the body, since the lead is where framing happens.

What it measures and what it cannot tell: dictionary indicators measure the
*vocabulary* associated with a frame, not the frame itself. Semetko &
Valkenburg coded frames by reading whole stories against yes/no questions; a
word list cannot read. A sentence that mentions "Dialog" scores for diplomacy
whether it praises dialogue, rejects it or quotes someone who does; negation,
irony, quotation and the outlet's own voice are not told apart (false
positives), and a frame expressed in words the lexicon lacks is missed (false
negatives). One sentence can carry several frames, and one word can point to
two. Scores on one short article describe that article, not its outlet. Read
the `matches` behind every score (and the sentences, `framing.sentences`)
before you quote a number, and extend the lexicon where it misses.

Matching is `framing.naming`'s matcher (`framing.lexicon_match`), unchanged:
each frame is matched like a naming concept and each indicator group like one
of its variants (lemmas with compound heads, phrases with gaps, regexes,
exclusions, ignored idioms; a word counts at most once per frame). See the
header of `frames.yaml`.

The lead: `framing.sentences` marks the headline (the first line, when it is
the title) and the lead (the first three sentences after it). When an
article's text has no headline line but its title comes from the metadata
(`articles.csv`), that title is what a reader saw first, so by default it is
scored too, as sentence 0 of the article (part "headline"; it is not in
`framing.sentences`, which holds the text only). A title that was taken from
the text's first line (`title_source` "first_line", seed 001, whose metadata
has no title) is already a sentence of the text and is not added again.

References:
    Semetko, H. A. & Valkenburg, P. M. (2000), Framing European politics: a
    content analysis of press and television news, Journal of Communication
    50(2), 93-109. Entman, R. M. (1993), Framing: toward clarification of a
    fractured paradigm, Journal of Communication 43(4), 51-58. Further sources
    per frame in `frames.yaml`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus, outlet_ids
from .lexicon_match import find_matches
from .lexicon_rules import (
    DEFAULT_MIN_MODIFIER, VARIANT_FIELDS, NamingConcept, NamingLexicon, NamingVariant, check_entry, read_top_level,
    read_variant,
)
from .lexicons import LexiconError, read_lexicon, text_or_none
from .text import german_rules, sentences
from .textpass import TypeAttributes, run_text_pass
from .words import WordTokens, word_tokens, words_from_tokens

FRAME_KINDS = ("generic", "issue")
SECTIONS = ("lead", "body", "all")
FRAMES_COLUMNS = ["doc_id", "outlet_id", "sentence_id", "part", "in_lead", "frame", "score", "n_hits", "matches"]
PROFILE_COLUMNS = [
    "doc_id", "outlet_id", "section", "frame", "n_sentences", "n_frame_sentences", "share_sentences",
    "n_hits", "score", "n_words", "hits_per_1000_words", "score_per_1000_words",
]
INDICATOR_COLUMNS = [
    "frame", "frame_label", "kind", "indicator", "weight", "lemmas", "exclude", "compounds", "phrases",
    "max_gap", "regex", "ignore", "rationale", "description", "source",
]
DEFAULT_WEIGHT = 1.0
MAX_WEIGHT = 10.0
#: sentence_id of an article's metadata title when its text has no headline line.
TITLE_SENTENCE_ID = 0

_TOP_FIELDS = frozenset({"frames", "compound_min_modifier"})
_FRAME_FIELDS = frozenset({"id", "label", "kind", "description", "source", "rationale", "indicators"})
_INDICATOR_FIELDS = VARIANT_FIELDS | {"weight"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Frame:
    """One frame of `frames.yaml`: its description and its indicator groups (as naming variants) with their weights."""

    id: str
    label: str
    kind: str
    description: str
    source: str
    rationale: str
    indicators: tuple[NamingVariant, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class FrameLexicon:
    """The frames of a frame lexicon, in file order, and the compound rule's minimum modifier length."""

    path: Path
    frames: tuple[Frame, ...]
    min_modifier: int = DEFAULT_MIN_MODIFIER

    def as_naming(self) -> NamingLexicon:
        """Return the lexicon in naming's form (frame = concept, indicator group = variant) for its matcher."""
        concepts = tuple(
            NamingConcept(id=f.id, label=f.label, description=f.description, rationale=f.rationale, variants=f.indicators)
            for f in self.frames
        )
        return NamingLexicon(path=self.path, concepts=concepts, min_modifier=self.min_modifier)

    @property
    def weights(self) -> np.ndarray:
        """Return the weight of every indicator group, in the order of `as_naming().variants`."""
        return np.array([w for f in self.frames for w in f.weights], dtype=float)


def load_frame_lexicon(path: str | Path) -> FrameLexicon:
    """Read and validate a frame lexicon.

    Args:
        path: the YAML file (see `corpus/lexicons/frames.yaml` for its format).

    Returns:
        The `FrameLexicon`.

    Raises:
        LexiconError: naming the file, the frame and the indicator group, what
            is wrong and what to write instead.
    """
    path = Path(path)
    data = read_lexicon(path)
    min_modifier = read_top_level(data, path, _TOP_FIELDS)
    entries = data.get("frames")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{path}: expected a non-empty list under 'frames' (each with id, label, kind, source, rationale, indicators)")
    frames, ids = [], set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("id", "no id") if isinstance(entry, dict) else entry
        where = f"{path}, frame {number} ({name})"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a mapping with id, label, kind, source, rationale and indicators")
        frame = _read_frame(entry, where)
        if frame.id in ids:
            raise LexiconError(f"{where}: the frame id {frame.id!r} is used twice; give each frame its own id")
        ids.add(frame.id)
        frames.append(frame)
    return FrameLexicon(path=path, frames=tuple(frames), min_modifier=min_modifier)


def _read_frame(entry: dict, where: str) -> Frame:
    """Return one validated frame with its indicator groups."""
    check_entry(entry, where, _FRAME_FIELDS, ("id", "label", "kind", "source", "rationale"))
    if entry["kind"] not in FRAME_KINDS:
        raise LexiconError(f"{where}: kind must be one of {', '.join(FRAME_KINDS)}, not {entry['kind']!r}")
    groups = entry.get("indicators")
    if not isinstance(groups, list) or not groups:
        raise LexiconError(f"{where}: expected a non-empty list under 'indicators' (each with rationale and lemmas, phrases or regex)")
    indicators, weights, owners = [], [], {}
    for number, group in enumerate(groups, start=1):
        name = group.get("id", f"i{number}") if isinstance(group, dict) else group
        g_where = f"{where}, indicator group {number} ({name})"
        if not isinstance(group, dict):
            raise LexiconError(f"{g_where}: expected a mapping with rationale and lemmas, phrases or regex")
        group = {"id": f"i{number}", **group}
        group.setdefault("label", group["id"])
        if not text_or_none(group.get("rationale")) and not text_or_none(group.get("source")):
            raise LexiconError(f"{g_where}: missing rationale; say why these words point to the frame and where they were seen")
        weight = group.get("weight", DEFAULT_WEIGHT)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= MAX_WEIGHT or math.isnan(weight):
            raise LexiconError(f"{g_where}: weight must be a number above 0 and at most {MAX_WEIGHT:g} (default {DEFAULT_WEIGHT:g}), not {weight!r}")
        if "weight" in group and group.get("ignore") is True:
            raise LexiconError(f"{g_where}: an ignored group (ignore: true) is never counted, so a weight means nothing; remove it")
        indicator = read_variant(group, g_where, entry["id"], fields=_INDICATOR_FIELDS, noun="indicator group")
        if indicator.id in {i.id for i in indicators}:
            raise LexiconError(f"{g_where}: the indicator group id {indicator.id!r} is used twice in this frame; give each its own id")
        for lemma in indicator.lemmas:
            if lemma in owners:
                raise LexiconError(f"{g_where}: the lemma {lemma!r} is listed in group {owners[lemma]!r} of this frame too; list it once")
            owners[lemma] = indicator.id
        indicators.append(indicator)
        weights.append(float(weight))
    if all(i.ignore for i in indicators):
        raise LexiconError(f"{where}: every indicator group has ignore: true; a frame needs at least one group that counts")
    return Frame(
        id=entry["id"], label=entry["label"], kind=entry["kind"], description=text_or_none(entry.get("description")) or "",
        source=text_or_none(entry["source"]), rationale=text_or_none(entry["rationale"]), indicators=tuple(indicators), weights=tuple(weights),
    )


def frame_lexicon(corpus: Corpus) -> FrameLexicon:
    """Return the corpus's frame lexicon (its own `lexicons/frames.yaml`, else the shipped one)."""
    return corpus.load_lexicon("frames", load_frame_lexicon)


# --- matching ---------------------------------------------------------------------------------


def _title_documents(corpus: Corpus) -> pd.DataFrame:
    """Return the metadata titles to score as sentence 0: documents whose text has no headline line.

    Columns `doc_pos` (row in `corpus.documents`) and `title`.
    """
    docs = corpus.documents
    if "title" not in docs or not len(docs):
        return pd.DataFrame({"doc_pos": pd.Series(dtype="int64"), "title": pd.Series(dtype=object)})
    titles = docs["title"].where(docs["title"].map(lambda t: isinstance(t, str)), "").str.strip()
    source = docs["title_source"] if "title_source" in docs else pd.Series("metadata", index=docs.index)
    has_headline = docs["doc_id"].isin(sentences(corpus).loc[lambda s: s["part"] == "headline", "doc_id"])
    wanted = (titles != "") & (source == "metadata") & ~has_headline
    return pd.DataFrame({"doc_pos": np.flatnonzero(wanted.to_numpy()), "title": titles[wanted].tolist()})


def _title_words(corpus: Corpus, titles: pd.DataFrame) -> tuple[WordTokens, pd.DataFrame]:
    """Return the word tokens of the titles (all as sentence 0) and a documents table holding them as text.

    The titles go through the same text pass as the articles (tokenizer,
    lemmatizer, lemma corrections), so they are matched exactly like text.
    """
    key = ("frame_title_words", tuple(titles["doc_pos"].tolist()), tuple(titles["title"].tolist()))
    if key in corpus._cache:
        return corpus._cache[key]
    doc_ids = corpus.documents["doc_id"].tolist()
    texts = [""] * len(doc_ids)
    for doc_pos, title in zip(titles["doc_pos"].tolist(), titles["title"].tolist()):
        texts[doc_pos] = title
    docs = pd.DataFrame({"doc_id": doc_ids, "text": texts})
    rules = german_rules(corpus)
    table = run_text_pass(docs[docs["text"] != ""], rules, TypeAttributes(rules)).tokens
    table["sentence_id"] = TITLE_SENTENCE_ID
    corpus._cache[key] = (words_from_tokens(table, doc_ids), docs)
    return corpus._cache[key]


def _matches(words: WordTokens, lexicon: NamingLexicon, texts: list[str]) -> pd.DataFrame:
    """Return the surviving indicator matches: `doc_pos, sentence_id, variant, start, surface`."""
    found = find_matches(texts, words, lexicon)
    doc_pos = found["doc_pos"].to_numpy(dtype=np.int64)
    starts, ends = found["start"].to_numpy(dtype=np.int64), found["end"].to_numpy(dtype=np.int64)
    return pd.DataFrame({
        "doc_pos": doc_pos,
        "sentence_id": words.sentence_id[found["first"].to_numpy(dtype=np.int64)],
        "variant": found["variant"].to_numpy(dtype=np.int64),
        "start": starts,
        "surface": [_SPACE.sub(" ", texts[d][s:e]) for d, s, e in zip(doc_pos.tolist(), starts.tolist(), ends.tolist())],
    })


def _frame_matches(corpus: Corpus, lexicon: FrameLexicon, *, title: bool) -> pd.DataFrame:
    """Return every counted indicator match of the corpus (text and, if asked, titles) with its frame and weight."""
    naming_form = lexicon.as_naming()
    texts = corpus.documents["text"].fillna("").tolist()
    parts = [_matches(word_tokens(corpus), naming_form, texts)]
    if title:
        titles = _title_documents(corpus)
        if len(titles):
            words, docs = _title_words(corpus, titles)
            parts.append(_matches(words, naming_form, docs["text"].tolist()))
    found = pd.concat(parts, ignore_index=True)
    frame_of = np.array([k for k, f in enumerate(lexicon.frames) for _ in f.indicators], dtype=np.int64)
    variant = found["variant"].to_numpy(dtype=np.int64)
    found["frame_pos"] = frame_of[variant] if len(variant) else np.zeros(0, dtype=np.int64)
    found["weight"] = lexicon.weights[variant] if len(variant) else np.zeros(0)
    return found.sort_values(["doc_pos", "sentence_id", "frame_pos", "start"], kind="stable")


def _sentence_scores(found: pd.DataFrame) -> pd.DataFrame:
    """Return one row per document position × sentence × frame with matches: score, n_hits, matches."""
    grouped = found.groupby(["doc_pos", "sentence_id", "frame_pos"], sort=True)
    return pd.DataFrame({
        "score": grouped["weight"].sum().round(6),
        "n_hits": grouped.size().astype(np.int64),
        "matches": grouped["surface"].agg("; ".join),
    }).reset_index()


def frames(corpus: Corpus, *, title: bool = True) -> pd.DataFrame:
    """Score every sentence for every frame of `frames.yaml`.

    What it measures: how much of a frame's vocabulary (generic news frames
    after Semetko & Valkenburg 2000, issue frames of security-policy coverage)
    a sentence holds, as the sum of the weights of the indicators found. What
    it cannot tell: whether the sentence is framed that way. Indicators are
    words, not readings: quoted, negated or rejected words count like
    asserted ones, words the lexicon lacks are missed, and one sentence can
    score for several frames. Read `matches` before quoting a score.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/frames.yaml`, else
            the shipped one.
        title: True (default) also scores an article's metadata title as
            sentence 0 when its text has no headline line (see the module
            docstring); False scores the text only.

    Returns:
        One row per sentence × frame with a score above 0 (sentences without
        any indicator do not appear): `doc_id, outlet_id` (outlet_id "" when
        unknown), `sentence_id` (as in `framing.sentences`; 0 = the metadata
        title), `part` (headline / lead / body) and `in_lead` (headline or
        lead) for convenience, `frame` (id from the lexicon), `score` (sum of
        the weights of the indicators matched; a word counts once per frame),
        `n_hits` (indicators matched), `matches` (the matched text, in order,
        joined by "; ", e.g. "Dialog; Diplomatie"). Ordered by document
        (corpus order), sentence, then frame (lexicon order). Labels, kinds
        and sources of the frame ids: `frame_indicators(corpus)`.

    Raises:
        LexiconError: when the frame lexicon is malformed.

    References:
        Semetko, H. A. & Valkenburg, P. M. (2000), Journal of Communication
        50(2), 93-109; Entman, R. M. (1993), Journal of Communication 43(4),
        51-58.
    """
    return corpus.memo(("frames", title, corpus.lexicons_fingerprint()), lambda: _frames(corpus, title=title)).copy()


def _frames(corpus: Corpus, *, title: bool = True) -> pd.DataFrame:
    lexicon = frame_lexicon(corpus)
    scores = _sentence_scores(_frame_matches(corpus, lexicon, title=title))
    doc_ids = corpus.documents["doc_id"].to_numpy(dtype=object)
    doc_pos = scores["doc_pos"].to_numpy(dtype=np.int64)
    parts = _sentence_parts(corpus, title=title)
    table = pd.DataFrame({
        "doc_id": doc_ids[doc_pos],
        "outlet_id": outlet_ids(corpus)[doc_pos],
        "sentence_id": scores["sentence_id"].to_numpy(dtype=np.int64),
        "frame": np.array([f.id for f in lexicon.frames], dtype=object)[scores["frame_pos"].to_numpy(dtype=np.int64)],
        "score": scores["score"].to_numpy(dtype=float),
        "n_hits": scores["n_hits"].to_numpy(dtype=np.int64),
        "matches": scores["matches"].to_numpy(dtype=object),
    })
    table = table.merge(parts[["doc_id", "sentence_id", "part", "in_lead"]], on=["doc_id", "sentence_id"], how="left")
    return table[FRAMES_COLUMNS].reset_index(drop=True)


def _sentence_parts(corpus: Corpus, *, title: bool) -> pd.DataFrame:
    """Return every scored sentence (the text's and, if asked, the titles) with `doc_pos, part, in_lead, n_words`."""
    table = sentences(corpus)[["doc_id", "sentence_id", "part", "in_lead"]]
    doc_index = pd.Index(corpus.documents["doc_id"])
    table = table.assign(doc_pos=doc_index.get_indexer(table["doc_id"]))
    table = table[table["doc_pos"] >= 0]
    words = word_tokens(corpus)
    counted = _word_counts(words)
    if title:
        titles = _title_documents(corpus)
        if len(titles):
            title_words, _ = _title_words(corpus, titles)
            head = pd.DataFrame({
                "doc_id": corpus.documents["doc_id"].to_numpy(dtype=object)[titles["doc_pos"].to_numpy(dtype=np.int64)],
                "sentence_id": TITLE_SENTENCE_ID, "part": "headline", "in_lead": True,
                "doc_pos": titles["doc_pos"].to_numpy(dtype=np.int64),
            })
            table = pd.concat([head, table], ignore_index=True)
            counted = pd.concat([counted, _word_counts(title_words)], ignore_index=True)
    table = table.merge(counted, on=["doc_pos", "sentence_id"], how="left")
    table["n_words"] = table["n_words"].fillna(0).astype(np.int64)
    return table.sort_values(["doc_pos", "sentence_id"], kind="stable").reset_index(drop=True)


def _word_counts(words: WordTokens) -> pd.DataFrame:
    """Return the number of word tokens per document position and sentence."""
    counts = pd.DataFrame({"doc_pos": words.doc_pos, "sentence_id": words.sentence_id})
    return counts.groupby(["doc_pos", "sentence_id"], sort=False).size().rename("n_words").reset_index()


def frame_profile(corpus: Corpus, *, title: bool = True) -> pd.DataFrame:
    """Return each article's frame profile, for its headline + lead, its body and the whole.

    What it measures: per article and frame, the share of sentences that
    hold the frame's vocabulary and the frame's indicators per 1,000 words,
    for the lead (headline and the first three sentences: where framing
    happens) and the body apart. What it cannot tell: see `frames`; in
    addition, a lead has four sentences at most, so a lead share moves in
    steps of a quarter and one word decides it.

    Args:
        corpus: the corpus; the lexicon is its `lexicons/frames.yaml`, else
            the shipped one.
        title: as for `frames` (default True: a metadata title that is not a
            line of the text counts as the lead's headline sentence).

    Returns:
        One row per document × section × frame, zeros included, so that
        profiles are comparable (documents in corpus order, sections in the
        order lead, body, all, frames in lexicon order): `doc_id, outlet_id`,
        `section` (lead = headline + lead sentences; body = the rest; all =
        both), `frame`, `n_sentences` (sentences of the section),
        `n_frame_sentences` (of them, with a score above 0 for the frame),
        `share_sentences` (n_frame_sentences / n_sentences, NaN when the
        section has no sentences), `n_hits` (indicators matched in the
        section), `score` (sum of their weights), `n_words` (word tokens of
        the section), `hits_per_1000_words` and `score_per_1000_words`
        (n_hits and score per 1,000 words; NaN when the section has no
        words). Frame labels and kinds: `frame_indicators(corpus)`.

    Raises:
        LexiconError: when the frame lexicon is malformed.

    References:
        Semetko, H. A. & Valkenburg, P. M. (2000), Journal of Communication
        50(2), 93-109.
    """
    return corpus.memo(("frame_profile", title, corpus.lexicons_fingerprint()), lambda: _frame_profile(corpus, title=title)).copy()


def _frame_profile(corpus: Corpus, *, title: bool = True) -> pd.DataFrame:
    lexicon = frame_lexicon(corpus)
    n_docs, n_frames, n_sections = len(corpus.documents), len(lexicon.frames), len(SECTIONS)
    found = _frame_matches(corpus, lexicon, title=title)
    scores = _sentence_scores(found)
    parts = _sentence_parts(corpus, title=title)
    # section codes: 0 lead, 1 body; every sentence also counts for 2 (all)
    lead_of = parts.set_index(["doc_pos", "sentence_id"])["in_lead"]

    def section_of(doc_pos: np.ndarray, sentence_id: np.ndarray) -> np.ndarray:
        index = pd.MultiIndex.from_arrays([doc_pos, sentence_id])
        return np.where(lead_of.reindex(index).fillna(False).to_numpy(dtype=bool), 0, 1)

    def per_section(doc_pos: np.ndarray, section: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Sum `values` into a (document, section) grid, the 'all' section included."""
        grid = np.zeros(n_docs * n_sections, dtype=float)
        np.add.at(grid, doc_pos * n_sections + section, values)
        np.add.at(grid, doc_pos * n_sections + 2, values)
        return grid

    p_doc = parts["doc_pos"].to_numpy(dtype=np.int64)
    p_section = np.where(parts["in_lead"].to_numpy(dtype=bool), 0, 1)
    n_sentences = per_section(p_doc, p_section, np.ones(len(parts)))
    n_words = per_section(p_doc, p_section, parts["n_words"].to_numpy(dtype=float))

    def per_frame(doc_pos: np.ndarray, section: np.ndarray, frame_pos: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Sum `values` into a (document, section, frame) grid, the 'all' section included."""
        grid = np.zeros(n_docs * n_sections * n_frames, dtype=float)
        np.add.at(grid, (doc_pos * n_sections + section) * n_frames + frame_pos, values)
        np.add.at(grid, (doc_pos * n_sections + 2) * n_frames + frame_pos, values)
        return grid

    s_doc, s_frame = scores["doc_pos"].to_numpy(dtype=np.int64), scores["frame_pos"].to_numpy(dtype=np.int64)
    s_section = section_of(s_doc, scores["sentence_id"].to_numpy(dtype=np.int64))
    n_frame_sentences = per_frame(s_doc, s_section, s_frame, np.ones(len(scores)))
    n_hits = per_frame(s_doc, s_section, s_frame, scores["n_hits"].to_numpy(dtype=float))
    score = per_frame(s_doc, s_section, s_frame, scores["score"].to_numpy(dtype=float))

    cell = np.arange(n_docs * n_sections * n_frames)
    doc_section = cell // n_frames
    doc_pos, section, frame_pos = doc_section // n_sections, doc_section % n_sections, cell % n_frames
    sentences_of = n_sentences[doc_section]
    words_of = n_words[doc_section]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sentences_of > 0, n_frame_sentences / sentences_of, np.nan)
        hits_rate = np.where(words_of > 0, n_hits / words_of * 1000, np.nan)
        score_rate = np.where(words_of > 0, score / words_of * 1000, np.nan)
    return pd.DataFrame({
        "doc_id": corpus.documents["doc_id"].to_numpy(dtype=object)[doc_pos],
        "outlet_id": outlet_ids(corpus)[doc_pos],
        "section": np.array(SECTIONS, dtype=object)[section],
        "frame": np.array([f.id for f in lexicon.frames], dtype=object)[frame_pos],
        "n_sentences": sentences_of.astype(np.int64),
        "n_frame_sentences": n_frame_sentences.astype(np.int64),
        "share_sentences": share,
        "n_hits": n_hits.astype(np.int64),
        "score": score.round(6),
        "n_words": words_of.astype(np.int64),
        "hits_per_1000_words": hits_rate,
        "score_per_1000_words": score_rate,
    }, columns=PROFILE_COLUMNS)


def frame_indicators(corpus: Corpus) -> pd.DataFrame:
    """Return the frame lexicon as a table: what each frame is, where it comes from, and how it is matched.

    Args:
        corpus: the corpus whose lexicon to read (its own, else the shipped one).

    Returns:
        One row per indicator group, in lexicon order: `frame, frame_label,
        kind` (generic / issue), `indicator` (the group's id), `weight`, the
        matching rules `lemmas, exclude` (lists of lower-cased lemmas),
        `compounds` (bool), `phrases` (list), `max_gap`, `regex` (list of
        patterns), `ignore` (True for an idiom matched only to keep its words
        from counting), `rationale` (of the group), and the frame's
        `description` and `source`.

    Raises:
        LexiconError: when the frame lexicon is malformed.
    """
    lexicon = frame_lexicon(corpus)
    return pd.DataFrame([
        (f.id, f.label, f.kind, v.id, w, list(v.lemmas), list(v.exclude), v.compounds, [" ".join(p) for p in v.phrases],
         v.max_gap, [r.pattern for r in v.regex], v.ignore, v.rationale, f.description, f.source)
        for f in lexicon.frames for v, w in zip(f.indicators, f.weights)
    ], columns=INDICATOR_COLUMNS)
