"""Tone toward actors: evaluative words in the sentences that name an actor.

`tone_words(corpus)` finds every evaluative word of the polarity lexicon
(`lexicons/polarity.tsv`) in the articles, with its polarity, whether a
negator flips it (`lexicons/negation.yaml`) and whether it stands inside a
quote. `tone(corpus)` gives one row per sentence and actor named in it, with
the evaluative words of that sentence; `tone_profile(corpus)` adds them up per
outlet and side (or actor).

What it measures: how much positive and negative vocabulary surrounds the
mention of an actor, in the outlet's own words and, apart, in the words it
quotes. What it cannot tell:

- whose evaluation it is, or at whom it is aimed: every actor named in a
  sentence gets the sentence's words ("Russland warf der Nato aggressives
  Verhalten vor" is negative for both); `n_actors` says how many share it;
- irony, sarcasm and evaluation without evaluative words ("Die Nato hat
  wieder Truppen verlegt");
- descriptive domain words: the shipped lexicon was built for general
  language, so "Angriff", "Krieg", "Invasion" count as negative although news
  use them to report, and some senses are off for politics; edit the lexicon
  (set a word to 0) before comparing outlets on such words;
- words the lexicon lacks, including most compounds ("Kriegsgefahr");
- negation after the word ("Das gefällt ihm nicht") and double negation
  (see `negation.yaml`).

Quotes: an evaluative word inside a quote (direct, partial, or the reported
clause of indirect speech, as `framing.quotes` finds them) is the speaker's,
not the outlet's. It is kept apart: `score` and its counts are the outlet's own
voice, `score_quoted` and its counts the quoted voice. The words that name an
actor ("Friedensnobelpreisträger") are never counted as evaluation.

The lexicon: `polarity.tsv` of the corpus's `lexicons/` folder, else the
shipped one (German Polarity Lexicon of Klenner et al., via textblob-de,
Apache-2.0; see the file's header), or any file passed as `lexicon=`.
Formats (one entry per word; `polarity` a number in [-1, 1]):

- `.tsv` / `.csv`: a header line with at least `lemma` and `polarity`
  (optional `pos`, `source`, `note`), lines starting with `#` are comments;
- `.yaml`: a mapping with `entries:`, a list of `{lemma, polarity, source}`,
  or a mapping from lemma to polarity.

Matching: the lemma of each word (simplemma corrected by `lemmas.yaml`),
exactly; a capitalised lemma not found (a sentence start) is looked up again
lower-cased, and if still not found at a sentence start (or after a quote
mark) the word itself is lemmatized again lower-cased (simplemma reads "Gute" as the noun "Guter"). So "einfachen"
counts as "einfach", "Gute" at a sentence start as "gut", while the verb
"bleiben" does not take the polarity of the noun "Bleiben". Compounds are not
split.

References:
    Taboada, M., Brooke, J., Tofiloski, M., Voll, K. & Stede, M. (2011),
    Lexicon-based methods for sentiment analysis, Computational Linguistics
    37(2), 267-307. Clematide, S. & Klenner, M. (2010), Evaluation and
    extension of a polarity lexicon for German, Proceedings of the 1st
    Workshop on Computational Approaches to Subjectivity and Sentiment
    Analysis (WASSA), 7-13.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .actors import actors
from .corpus import Corpus
from .lexicons import DEFAULT_LEXICON_DIR, LexiconError, fingerprint, read_lexicon
from .quotes import quotes
from .text import sentences, tokens

#: File names looked for, in this order, in a corpus's `lexicons/` folder and then in the shipped one.
POLARITY_FILES = ("polarity.tsv", "polarity.csv", "polarity.yaml")
#: The ways `tone_profile` can count quoted words.
VOICES = ("outlet", "quoted", "all")
#: The groupings `tone_profile` offers.
TONE_BY = ("side", "actor")
#: Quote kinds, strongest first: a word inside several quote spans takes the first.
_QUOTE_KINDS = ("direct", "partial", "indirect")

WORD_COLUMNS = [
    "doc_id", "outlet_id", "sentence_id", "token_id", "start", "end", "text", "lemma", "prior",
    "negated", "negator", "polarity", "voice", "quote_kind",
]
TONE_COLUMNS = [
    "doc_id", "outlet_id", "sentence_id", "actor_id", "side", "n_mentions", "n_actors",
    "n_positive", "n_negative", "n_negated", "score", "words",
    "n_positive_quoted", "n_negative_quoted", "n_negated_quoted", "score_quoted", "words_quoted",
    "sentence",
]
PROFILE_COLUMNS = [
    "outlet_id", "actor_id", "side", "voice", "n_documents", "n_sentences", "n_sentences_evaluative",
    "n_positive", "n_negative", "n_negated", "score_sum", "mean_score",
]


# --- lexicons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolarityLexicon:
    """Evaluative words and their prior polarity.

    Attributes:
        path: the file read.
        exact: lemma as written -> polarity.
        lower: lower-cased lemma -> polarity, for capitalised sentence starts
            (the first entry wins where two differ only in case: "Wagen"/"wagen").
        sources: lemma -> the entry's `source` ("" when not given).
    """

    path: Path
    exact: dict[str, float]
    lower: dict[str, float]
    sources: dict[str, str]

    def __len__(self) -> int:
        return len(self.exact)


@dataclass(frozen=True)
class NegationRules:
    """The negators of `negation.yaml` and the reach of their scope.

    Attributes:
        path: the file read.
        negators: lower-cased word forms (or lemmas) that negate.
        window: a negator flips an evaluative word at most this many words after it.
        clause_punctuation: marks a negator's scope does not cross.
    """

    path: Path
    negators: frozenset[str]
    window: int
    clause_punctuation: frozenset[str]


def _polarity_value(value, where: str) -> float:
    try:
        number = float(str(value).strip().replace(",", ".")) if not isinstance(value, (int, float)) else float(value)
    except ValueError:
        raise LexiconError(f"{where}: polarity {value!r} is not a number (expected a number in [-1, 1])") from None
    if math.isnan(number) or not -1.0 <= number <= 1.0:
        raise LexiconError(f"{where}: polarity {value!r} is outside [-1, 1]")
    return number


def _table_entries(path: Path) -> list[tuple[str, float, str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read polarity lexicon: {error}") from error
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    lines = [(no, line) for no, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise LexiconError(f"{path}: no header line (expected columns lemma{delimiter!r}polarity)")
    header = [h.strip().lower() for h in lines[0][1].split(delimiter)]
    for column in ("lemma", "polarity"):
        if column not in header:
            raise LexiconError(
                f"{path}, line {lines[0][0]}: the header needs the columns lemma and polarity "
                f"(separated by {'a tab' if delimiter == chr(9) else 'commas'}); found {', '.join(header)}"
            )
    entries = []
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL  # a TSV note may hold quote marks
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines[1:])), delimiter=delimiter, quoting=quoting)
    for (no, _), row in zip(lines[1:], reader):
        values = dict(zip(header, (v.strip() for v in row)))
        where = f"{path}, line {no}"
        lemma = values.get("lemma", "")
        if not lemma:
            raise LexiconError(f"{where}: empty lemma")
        entries.append((lemma, _polarity_value(values.get("polarity", ""), where), values.get("source", ""), where))
    return entries


def _yaml_entries(path: Path) -> list[tuple[str, float, str, str]]:
    data = read_lexicon(path)
    raw = data.get("entries", data)
    entries = []
    if isinstance(raw, dict):
        for lemma, value in raw.items():
            where = f"{path}, entry {lemma!r}"
            if isinstance(value, dict):
                entries.append((str(lemma), _polarity_value(value.get("polarity"), where), str(value.get("source") or ""), where))
            else:
                entries.append((str(lemma), _polarity_value(value, where), "", where))
    elif isinstance(raw, list):
        for k, entry in enumerate(raw, start=1):
            where = f"{path}, entry {k}"
            if not isinstance(entry, dict) or not str(entry.get("lemma") or "").strip():
                raise LexiconError(f"{where}: expected a mapping with lemma and polarity, found {entry!r}")
            entries.append((str(entry["lemma"]).strip(), _polarity_value(entry.get("polarity"), where),
                            str(entry.get("source") or ""), where))
    else:
        raise LexiconError(f"{path}: `entries` must be a list of {{lemma, polarity}} or a mapping lemma: polarity")
    return entries


def load_polarity_lexicon(path: str | Path) -> PolarityLexicon:
    """Read a polarity lexicon file (TSV, CSV or YAML; see the module docstring).

    Args:
        path: the file; its suffix (.tsv, .csv, .yaml or .yml) says the format.

    Returns:
        A `PolarityLexicon`. A lemma listed twice keeps its last polarity.

    Raises:
        LexiconError: when the file is missing, has no lemma/polarity columns,
            or a polarity is not a number in [-1, 1] (the message names the
            file and line).
    """
    path = Path(path)
    if not path.is_file():
        raise LexiconError(f"polarity lexicon not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".csv", ".txt"):
        entries = _table_entries(path)
    elif suffix in (".yaml", ".yml"):
        entries = _yaml_entries(path)
    else:
        raise LexiconError(f"{path}: unknown polarity lexicon format {suffix!r} (use .tsv, .csv or .yaml)")
    exact: dict[str, float] = {}
    lower: dict[str, float] = {}
    sources: dict[str, str] = {}
    for lemma, polarity, source, _ in entries:
        exact[lemma] = polarity
        lower.setdefault(lemma.lower(), polarity)
        sources[lemma] = source
    return PolarityLexicon(path=path, exact=exact, lower=lower, sources=sources)


def load_negation_lexicon(path: str | Path) -> NegationRules:
    """Read `negation.yaml`: the negators, their window and the clause punctuation.

    Args:
        path: the YAML file.

    Returns:
        The `NegationRules`.

    Raises:
        LexiconError: when the file is malformed (the message names the file and entry).
    """
    path = Path(path)
    data = read_lexicon(path)
    window = data.get("window", 3)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise LexiconError(f"{path}: window must be a whole number of words >= 1, found {window!r}")
    negators: set[str] = set()
    for k, entry in enumerate(data.get("negators") or [], start=1):
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(words, list) or not words:
            raise LexiconError(f"{path}, negator {k}: expected `words:` with a list of words")
        if not (entry.get("rationale") or entry.get("source")):
            raise LexiconError(f"{path}, negator {k} ({words[0]}): give a rationale or source")
        negators.update(str(w).strip().lower() for w in words if str(w).strip())
    punctuation = data.get("clause_punctuation") or []
    if not isinstance(punctuation, list):
        raise LexiconError(f"{path}: clause_punctuation must be a list of marks")
    return NegationRules(path=path, negators=frozenset(negators), window=window,
                         clause_punctuation=frozenset(str(p) for p in punctuation))


def polarity_lexicon_path(corpus: Corpus) -> Path:
    """Return the polarity lexicon a corpus uses: its own `lexicons/polarity.*`, else the shipped one.

    Args:
        corpus: the corpus.

    Returns:
        The path of the first of `POLARITY_FILES` found in the corpus's
        `lexicons/` folder, else in the shipped `corpus/lexicons/`.

    Raises:
        LexiconError: when neither folder has one.
    """
    for folder in (Path(corpus.path) / "lexicons", DEFAULT_LEXICON_DIR):
        for name in POLARITY_FILES:
            if (folder / name).is_file():
                return folder / name
    raise LexiconError(f"no polarity lexicon ({', '.join(POLARITY_FILES)}) in {corpus.path}/lexicons or {DEFAULT_LEXICON_DIR}")


def _lexicons(corpus: Corpus, lexicon: str | Path | None) -> tuple[PolarityLexicon, NegationRules, tuple]:
    path = Path(lexicon) if lexicon is not None else polarity_lexicon_path(corpus)
    if not path.is_file():
        raise LexiconError(f"polarity lexicon not found: {path}")
    negation_path = corpus.lexicon("negation")
    key = ("tone_lexicons", str(path), fingerprint(path), str(negation_path), fingerprint(negation_path))
    if key not in corpus._cache:
        corpus._cache[key] = (load_polarity_lexicon(path), load_negation_lexicon(negation_path))
    polarity, negation = corpus._cache[key]
    return polarity, negation, key


# --- evaluative words -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _lower_lemma(word: str) -> str:
    """Return the lemma of a lower-cased word (simplemma, the text pass's lemmatizer)."""
    from simplemma import lemmatize

    return lemmatize(word, lang="de")


def _spans_cover(doc_pos: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 spans: dict[int, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Return, per word, True when a span of its document covers it (spans sorted by start)."""
    out = np.zeros(len(doc_pos), dtype=bool)
    for k in range(len(doc_pos)):
        found = spans.get(int(doc_pos[k]))
        if found is None:
            continue
        span_starts, span_ends = found
        i = int(np.searchsorted(span_starts, starts[k], side="right"))
        if i and (span_ends[:i] >= ends[k]).any():
            out[k] = True
    return out


def _span_index(table: pd.DataFrame, doc_index: dict[str, int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    spans: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    if not len(table):
        return spans
    table = table.assign(_doc=table["doc_id"].map(doc_index)).sort_values(["_doc", "start"], kind="stable")
    for doc, part in table.groupby("_doc", sort=False):
        spans[int(doc)] = (part["start"].to_numpy(dtype=np.int64), part["end"].to_numpy(dtype=np.int64))
    return spans


def _word_table(corpus: Corpus, polarity: PolarityLexicon, negation: NegationRules) -> pd.DataFrame:
    toks = tokens(corpus)
    doc_ids = corpus.documents["doc_id"].tolist()
    doc_index = {d: k for k, d in enumerate(doc_ids)}
    outlets = dict(zip(doc_ids, corpus.documents["outlet_id"].fillna("").astype(str))) \
        if "outlet_id" in corpus.documents else {}
    if not len(toks):
        return pd.DataFrame(columns=WORD_COLUMNS)
    toks = toks.reset_index(drop=True)
    text = toks["text"].astype(str)
    lemma = toks["lemma"].fillna(text).astype(str)
    is_word = toks["is_word"].to_numpy(dtype=bool)

    # Negators and clause breaks.
    lower_text, lower_lemma = text.str.lower(), lemma.str.lower()
    is_negator = (lower_text.isin(negation.negators) | lower_lemma.isin(negation.negators)).to_numpy() & is_word
    is_break = (~is_word) & text.isin(negation.clause_punctuation).to_numpy()

    sentence_key = toks["doc_id"].map(doc_index).to_numpy(dtype=np.int64) * (1 << 32) \
        + toks["sentence_id"].to_numpy(dtype=np.int64)

    # Prior polarity: the lemma as written; a capitalised lemma not found (a sentence start:
    # "Einfache Lösungen") again lower-cased. A lower-case lemma is not looked up capitalised,
    # so the verb "bleiben" does not take the noun "Bleiben"'s polarity. Negators never count.
    prior = lemma.map(polarity.exact)
    capitalised = lemma.str[:1].str.isupper().fillna(False)
    prior = prior.where(prior.notna() | ~capitalised, lower_lemma.map(polarity.lower))
    # The lemmatizer reads a capitalised adjective as a noun ("Gute" -> "Guter"): as a last resort,
    # a capitalised word not found is lemmatized again lower-cased (once per word type).
    # Only where a capital may be a sentence start: first token of the sentence, or after a mark („, :, -).
    after_mark = np.r_[True, ~is_word[:-1]]
    starts_here = np.r_[True, sentence_key[1:] != sentence_key[:-1]]
    retry = (prior.isna() & capitalised & text.str[:1].str.isupper()).to_numpy() & is_word & (after_mark | starts_here)
    if retry.any():
        types = {t: _lower_lemma(t) for t in set(lower_text[retry])}
        prior[retry] = lower_text[retry].map(types).map(polarity.exact)
    prior = prior.astype(float)
    candidate = is_word & ~is_negator & prior.notna().to_numpy() & (prior.fillna(0).to_numpy() != 0)

    # Words are numbered within their sentence; a clause number changes at each clause mark.
    clause = np.cumsum(starts_here | is_break)
    word_no = np.cumsum(is_word)
    # The word number of the last negator before each token in the same clause.
    last_neg = pd.Series(np.where(is_negator, word_no, np.nan)).groupby(clause).ffill().to_numpy()
    last_neg_row = pd.Series(np.where(is_negator, np.arange(len(toks)), np.nan)).groupby(clause).ffill().to_numpy()
    # A token's own negator flag is excluded: it was taken out of the candidates above.
    distance = word_no - last_neg
    negated = candidate & ~np.isnan(distance) & (distance >= 1) & (distance <= negation.window)

    rows = np.flatnonzero(candidate)
    words = toks.loc[rows, ["doc_id", "sentence_id", "token_id", "start", "end"]].reset_index(drop=True)
    words["outlet_id"] = words["doc_id"].map(outlets).fillna("") if outlets else ""
    words["text"] = text.to_numpy(dtype=object)[rows]
    words["lemma"] = lemma.to_numpy(dtype=object)[rows]
    words["prior"] = prior.to_numpy()[rows]
    words["negated"] = negated[rows]
    neg_rows = last_neg_row[rows]
    words["negator"] = [text.iat[int(r)] if flag else "" for r, flag in zip(neg_rows, words["negated"])]
    words["polarity"] = np.where(words["negated"], -words["prior"], words["prior"])

    # Leave out the words that name an actor; mark the words inside quotes.
    doc_pos = words["doc_id"].map(doc_index).to_numpy(dtype=np.int64)
    starts, ends = words["start"].to_numpy(dtype=np.int64), words["end"].to_numpy(dtype=np.int64)
    in_actor = _spans_cover(doc_pos, starts, ends, _span_index(actors(corpus), doc_index))
    found_quotes = quotes(corpus)
    quote_kind = np.full(len(words), "", dtype=object)
    for kind in reversed(_QUOTE_KINDS):  # the strongest kind is written last and wins
        part = found_quotes[found_quotes["kind"] == kind]
        quote_kind[_spans_cover(doc_pos, starts, ends, _span_index(part, doc_index))] = kind
    words["quote_kind"] = quote_kind
    words["voice"] = np.where(quote_kind != "", "quoted", "outlet")
    words = words[~in_actor].reset_index(drop=True)
    return words[WORD_COLUMNS]


def tone_words(corpus: Corpus, *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Return every evaluative word of the polarity lexicon in the corpus, with negation and voice.

    The basis of `tone`: read these rows to see which words make a score.
    Words that are part of an actor's name or role are left out.

    Args:
        corpus: the corpus.
        lexicon: a polarity lexicon file (.tsv, .csv or .yaml, lemma and
            polarity in [-1, 1]); default: the corpus's
            `lexicons/polarity.*`, else the shipped `polarity.tsv`.

    Returns:
        Columns `doc_id, outlet_id, sentence_id, token_id, start, end` (the
        word's offsets in the document's cleaned `text`), `text` (as
        written), `lemma`, `prior` (the lexicon's polarity), `negated` (True
        when a negator of `negation.yaml` stands at most `window` words before
        it in the same clause), `negator` (that negator as written, "" when
        none), `polarity` (the prior, sign flipped when negated), `voice`
        ("outlet": the outlet's own words; "quoted": inside a quote),
        `quote_kind` (direct, partial, indirect; "" for the outlet's words).
        Ordered by document (corpus order) and position.

    Raises:
        LexiconError: when a lexicon file is missing or malformed.

    References:
        Taboada et al. (2011), Lexicon-based methods for sentiment analysis,
        Computational Linguistics 37(2) (negation as polarity shift).
    """
    polarity, negation, key = _lexicons(corpus, lexicon)
    cache_key = ("tone_words", *key, fingerprint(corpus.lexicon("actors")), fingerprint(corpus.lexicon("speech_verbs")))
    if cache_key not in corpus._cache:
        corpus._cache[cache_key] = _word_table(corpus, polarity, negation)
    return corpus._cache[cache_key].copy()


# --- tone per actor mention -----------------------------------------------------------------------


def _word_label(row) -> str:
    label = f"{row.negator} … {row.text}" if row.negated else row.text
    return f"{label} {row.polarity:+.2g}"


def _sentence_sums(words: pd.DataFrame, suffix: str) -> pd.DataFrame:
    keys = ["doc_id", "sentence_id"]
    columns = [f"n_positive{suffix}", f"n_negative{suffix}", f"n_negated{suffix}", f"score{suffix}", f"words{suffix}"]
    if not len(words):
        return pd.DataFrame(columns=keys + columns)
    words = words.assign(_pos=words["polarity"] > 0, _neg=words["polarity"] < 0,
                         _label=[_word_label(r) for r in words.itertuples(index=False)])
    grouped = words.groupby(keys, sort=False)
    out = pd.DataFrame({
        columns[0]: grouped["_pos"].sum(),
        columns[1]: grouped["_neg"].sum(),
        columns[2]: grouped["negated"].sum(),
        columns[3]: grouped["polarity"].sum(),
        columns[4]: grouped["_label"].agg(list),
    }).reset_index()
    return out


def tone(corpus: Corpus, *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Return the evaluative words around each actor: one row per sentence and actor named in it.

    What it measures: the positive and negative vocabulary of the sentences
    that name an actor, in the outlet's own voice and, apart, inside quotes.
    What it cannot tell: whose evaluation it is or whom it targets (all actors
    of a sentence share its words: see `n_actors`), irony, descriptive words
    the general-language lexicon rates ("Angriff"), words it lacks; see the
    module docstring.

    Args:
        corpus: the corpus; actors from its `lexicons/actors.yaml`, quotes
            from `framing.quotes`, negators from `lexicons/negation.yaml`.
        lexicon: a polarity lexicon file (.tsv, .csv or .yaml with lemma and
            polarity in [-1, 1]); default: the corpus's `lexicons/polarity.*`,
            else the shipped `polarity.tsv`.

    Returns:
        Columns `doc_id, outlet_id, sentence_id, actor_id, side`,
        `n_mentions` (mentions of the actor in the sentence), `n_actors`
        (different actors named in the sentence: all share its words),
        `n_positive, n_negative` (evaluative words in the outlet's own voice
        whose polarity, after negation, is above / below 0), `n_negated` (of
        those, how many a negator flipped), `score` (the sum of their
        polarities, after negation; 0 when none), `words` (list of the words
        behind it, "einfachen +0.7", "keine … einfachen -0.7"), and the same
        for words inside quotes: `n_positive_quoted, n_negative_quoted,
        n_negated_quoted, score_quoted, words_quoted`; `sentence` (its text).
        Ordered by document (corpus order), sentence, first mention.

    Raises:
        LexiconError: when a lexicon file is missing or malformed.

    References:
        Taboada et al. (2011), Lexicon-based methods for sentiment analysis,
        Computational Linguistics 37(2); Clematide & Klenner (2010),
        Evaluation and extension of a polarity lexicon for German, WASSA.
    """
    words = tone_words(corpus, lexicon=lexicon)
    mentions = actors(corpus)
    if not len(mentions):
        return pd.DataFrame(columns=TONE_COLUMNS)
    doc_ids = corpus.documents["doc_id"].tolist()
    outlets = dict(zip(doc_ids, corpus.documents["outlet_id"].fillna("").astype(str))) \
        if "outlet_id" in corpus.documents else {}
    mentions = mentions.assign(_order=np.arange(len(mentions)))
    keys = ["doc_id", "sentence_id", "actor_id", "side"]
    rows = mentions.groupby(keys, sort=False).agg(n_mentions=("start", "size"), _order=("_order", "min")).reset_index()
    n_actors = mentions.groupby(["doc_id", "sentence_id"])["actor_id"].nunique().rename("n_actors").reset_index()
    rows = rows.merge(n_actors, on=["doc_id", "sentence_id"], how="left")
    own = _sentence_sums(words[words["voice"] == "outlet"], "")
    quoted = _sentence_sums(words[words["voice"] == "quoted"], "_quoted")
    rows = rows.merge(own, on=["doc_id", "sentence_id"], how="left").merge(quoted, on=["doc_id", "sentence_id"], how="left")
    for suffix in ("", "_quoted"):
        for column in (f"n_positive{suffix}", f"n_negative{suffix}", f"n_negated{suffix}"):
            rows[column] = rows[column].fillna(0).astype(np.int64)
        rows[f"score{suffix}"] = rows[f"score{suffix}"].fillna(0.0).astype(float).round(6)
        rows[f"words{suffix}"] = [w if isinstance(w, list) else [] for w in rows[f"words{suffix}"]]
    text = sentences(corpus)[["doc_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    rows = rows.merge(text, on=["doc_id", "sentence_id"], how="left")
    rows["sentence"] = rows["sentence"].fillna("")
    rows["outlet_id"] = rows["doc_id"].map(outlets).fillna("") if outlets else ""
    rows = rows.sort_values("_order", kind="stable").reset_index(drop=True)
    return rows[TONE_COLUMNS]


# --- aggregate --------------------------------------------------------------------------------------


def tone_profile(corpus: Corpus, *, by: str = "side", voice: str = "outlet",
                 lexicon: str | Path | None = None) -> pd.DataFrame:
    """Add up the tone around actors per outlet and side (or per outlet and actor).

    A sentence counts once per group: a sentence naming Stoltenberg and the
    NATO counts once for the side nato_west (by="side"), once for each actor
    (by="actor"). `mean_score` is the mean over these sentences of their
    score, sentences without evaluative words included (as 0).

    Args:
        corpus: the corpus.
        by: "side" (one row per outlet × side; every outlet of the corpus
            gets a row for every side found, with zero counts where the outlet
            names no actor of that side) or "actor" (outlet × actor, the rows
            found).
        voice: "outlet" (the outlet's own words: the default), "quoted" (only
            words inside quotes) or "all" (both added up).
        lexicon: a polarity lexicon file, as for `tone`.

    Returns:
        Columns `outlet_id, actor_id` ("" when by="side"), `side`, `voice`,
        `n_documents` (articles with a sentence in the group), `n_sentences`
        (sentences naming an actor of the group), `n_sentences_evaluative`
        (of those, the ones with at least one evaluative word in `voice`),
        `n_positive, n_negative, n_negated` (evaluative words, after
        negation), `score_sum` (sum of the sentence scores), `mean_score`
        (`score_sum / n_sentences`; NaN when n_sentences is 0; below 0 =
        more negative vocabulary). Counts are always present, whatever the
        score: read them before comparing means.

    Raises:
        ValueError: for an unknown `by` or `voice`.
        LexiconError: when a lexicon file is missing or malformed.
    """
    if by not in TONE_BY:
        raise ValueError(f"by must be one of {', '.join(TONE_BY)}; got {by!r}")
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICES)}; got {voice!r}")
    table = tone(corpus, lexicon=lexicon)
    parts = {"outlet": [""], "quoted": ["_quoted"], "all": ["", "_quoted"]}[voice]
    for name in ("n_positive", "n_negative", "n_negated", "score"):
        table[f"_{name}"] = sum(table[f"{name}{s}"] for s in parts) if len(table) else pd.Series(dtype=float)
    if by == "side":
        table = table.drop_duplicates(["doc_id", "sentence_id", "side"]).assign(actor_id="")
    group = ["outlet_id", "actor_id", "side"]
    table = table.assign(_evaluative=(table["_n_positive"] + table["_n_negative"]) > 0)
    grouped = table.groupby(group, sort=True)
    out = pd.DataFrame({
        "n_documents": grouped["doc_id"].nunique(),
        "n_sentences": grouped["sentence_id"].size(),
        "n_sentences_evaluative": grouped["_evaluative"].sum(),
        "n_positive": grouped["_n_positive"].sum(),
        "n_negative": grouped["_n_negative"].sum(),
        "n_negated": grouped["_n_negated"].sum(),
        "score_sum": grouped["_score"].sum(),
    }).reset_index() if len(table) else pd.DataFrame(columns=group + PROFILE_COLUMNS[4:11])
    if by == "side":
        all_outlets = sorted(set(corpus.documents["outlet_id"].fillna("").astype(str))) \
            if "outlet_id" in corpus.documents else [""]
        sides = sorted(set(out["side"]))
        grid = pd.MultiIndex.from_product([all_outlets, [""], sides], names=group).to_frame(index=False)
        out = grid.merge(out, on=group, how="left")
    for column in ("n_documents", "n_sentences", "n_sentences_evaluative", "n_positive", "n_negative", "n_negated"):
        out[column] = out[column].fillna(0).astype(np.int64)
    out["score_sum"] = out["score_sum"].fillna(0.0).astype(float).round(6)
    n = out["n_sentences"].to_numpy(dtype=float)
    out["mean_score"] = np.divide(out["score_sum"].to_numpy(dtype=float), n,
                                  out=np.full(len(out), np.nan), where=n > 0)
    out["voice"] = voice
    return out[PROFILE_COLUMNS].sort_values(["outlet_id", "side", "actor_id"], kind="stable").reset_index(drop=True)
