"""The text pass as the analyses see it: `sentences(corpus)` and `tokens(corpus)`.

The pass runs once per corpus object and is remembered on it; a corpus opened
from a build (`framing.open_build`) brings its tables along and runs nothing.
"""

from __future__ import annotations

import pandas as pd

from .corpus import Corpus
from .textpass import GermanRules, TextPassResult, TypeAttributes, run_text_pass


def german_rules(corpus: Corpus) -> GermanRules:
    """Return the corpus's language rules (read once per corpus)."""
    if "rules" not in corpus._cache:
        corpus._cache["rules"] = GermanRules.from_lexicons(corpus.path)
    return corpus._cache["rules"]


def text_pass(corpus: Corpus) -> TextPassResult:
    """Return the sentences and tokens of every document, computing them on first use."""
    if "text_pass" not in corpus._cache and "snapshot" in corpus._cache:
        corpus._cache["text_pass"] = _read_built_text_pass(corpus._cache["snapshot"])
    if "text_pass" not in corpus._cache:
        rules = german_rules(corpus)
        corpus._cache["text_pass"] = run_text_pass(corpus.documents, rules, TypeAttributes(rules))
    return corpus._cache["text_pass"]


def _read_built_text_pass(snapshot) -> TextPassResult:
    """Return the sentences and tokens tables of a build snapshot."""
    import pyarrow.parquet as pq

    return TextPassResult(
        sentences=pq.read_table(snapshot / "sentences").to_pandas(),
        tokens=pq.read_table(snapshot / "tokens").to_pandas(),
    )


def sentences(corpus: Corpus) -> pd.DataFrame:
    """Return one row per sentence of the cleaned texts.

    Sentences never cross a paragraph (a line of the cleaned text); the
    splitter knows German abbreviations, dates ("12. Januar") and dotted forms
    ("Anm.d.Red."), from `lexicons/sentences.yaml`.

    Returns:
        Columns `doc_id, sentence_id` (1-based within the document),
        `paragraph_id` (1-based line of the cleaned text), `start, end`
        (character offsets into the document's `text`), `text`, `part`
        (headline / lead / body: the headline is the first line when it is
        the title; the lead is the first three sentences after it) and
        `in_lead` (headline or lead).
    """
    return text_pass(corpus).sentences


def tokens(corpus: Corpus) -> pd.DataFrame:
    """Return one row per token of the cleaned texts.

    Hyphenated compounds ("Nato-Russland-Rat"), numbers in German and Swiss
    formats ("100.000", "100'000"), dotted abbreviations and URLs stay single
    tokens. Lemmas are simplemma's; stop words come from
    `lexicons/stopwords.yaml`; syllables from `framing.syllables`.

    Returns:
        Columns `doc_id, sentence_id, token_id` (1-based within the document),
        `start, end` (offsets into `text`), `text` (surface form), `lemma`,
        `is_word` (holds a letter or digit), `is_stop`, `n_syllables` (0 for
        punctuation).
    """
    return text_pass(corpus).tokens
