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
looked at once), then spreads to tokens by array indexing. The rules are read
by `framing.lexicon_rules` and matched by `framing.lexicon_match`, which
`framing.frames` and `framing.hedges` share.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus, outlet_ids
from .lexicon_match import find_matches
from .lexicon_rules import NamingConcept, NamingLexicon, check_entry, read_top_level, read_variant
from .lexicons import LexiconError, read_lexicon, text_or_none
from .words import word_tokens

NAMING_COLUMNS = ["concept", "variant", "doc_id", "outlet_id", "n"]
MATCH_COLUMNS = ["concept", "variant", "doc_id", "outlet_id", "sentence_id", "start", "end", "surface", "token_id", "matched_by"]
VARIANT_COLUMNS = [
    "concept", "concept_label", "variant", "variant_label", "lemmas", "exclude", "compounds", "phrases",
    "max_gap", "regex", "ignore", "rationale",
]
_TOP_FIELDS = frozenset({"concepts", "compound_min_modifier"})
_CONCEPT_FIELDS = frozenset({"id", "label", "description", "rationale", "source", "variants"})


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
    min_modifier = read_top_level(data, path, _TOP_FIELDS)
    entries = data.get("concepts")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{path}: expected a non-empty list under 'concepts' (each with id, label, rationale, variants)")
    concepts, concept_ids = [], set()
    for number, entry in enumerate(entries, start=1):
        concept_name = entry.get("id", "no id") if isinstance(entry, dict) else entry
        where = f"{path}, concept {number} ({concept_name})"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a mapping with id, label, rationale and variants")
        check_entry(entry, where, _CONCEPT_FIELDS, ("id", "label"))
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
            variant = read_variant(v_entry, v_where, entry["id"])
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
            id=entry["id"], label=entry["label"], description=text_or_none(entry.get("description")) or "",
            rationale=text_or_none(entry.get("rationale")) or text_or_none(entry.get("source")) or "", variants=tuple(variants),
        ))
    return NamingLexicon(path=path, concepts=tuple(concepts), min_modifier=min_modifier)


def naming_lexicon(corpus: Corpus) -> NamingLexicon:
    """Return the corpus's naming lexicon (its own `lexicons/naming.yaml`, else the shipped one)."""
    return corpus.load_lexicon("naming", load_naming_lexicon)


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
    texts = corpus.documents["text"].fillna("").tolist()
    found = find_matches(texts, words, lexicon)
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
        "outlet_id": outlet_ids(corpus)[doc_pos],
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
    return corpus.memo(("naming", complete, corpus.lexicons_fingerprint()), lambda: _naming(corpus, complete=complete)).copy()


def _naming(corpus: Corpus, *, complete: bool = False) -> pd.DataFrame:
    lexicon = naming_lexicon(corpus)
    variants = lexicon.variants
    found = find_matches(corpus.documents["text"].fillna("").tolist(), word_tokens(corpus), lexicon)
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
        "outlet_id": outlet_ids(corpus)[doc_pos],
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
