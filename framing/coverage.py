"""Fact coverage: which facts each outlet reports about an event, and which it leaves out.

The sentences of the articles about one event are grouped into *facts*:
clusters of sentences, from different articles, that report the same thing
("Russland hat rund 100'000 Soldaten nahe der Ukraine"). A fact table then
says, for every fact and every article, whether the article reports it and in
which sentence(s). A fact that only one article reports is that outlet's
unique fact; a fact most articles report and one leaves out is an omission
worth reading.

How sentences become facts (`fact_coverage`):

1. **Sentence vectors.** Each sentence (a headline too; a metadata title
   that is not a line of the text as sentence 0) is a bag of its content
   words: lemmas without the stop words of `lexicons/stopwords.yaml`,
   case-folded, numbers normalised so that "100'000", "100.000", "100 000"
   and "100000" are one feature. Compounds also count their parts at half
   weight (`PART_WEIGHT`), so that "Raketenwaffen" meets "Raketen" and
   "NATO-Diplomaten" meets "Diplomat": hyphenated compounds are split at the
   hyphen, closed noun compounds into a modifier and a head that simplemma's
   German dictionary knows (`compound_parts`); a part is kept only where the
   same word stands on its own in another sentence of the event, as in Koehn
   & Knight's corpus-based splitting. Capitalised words (nouns, names) and
   numbers carry the facts, so lower-case words (verbs, adjectives) count at
   `LOWER_CASE_WEIGHT`. The weights are multiplied by the smooth IDF over
   the event's sentences (`ln((1 + n) / (1 + df)) + 1`) and each vector is
   scaled to length 1.
2. **Similarity.** The cosine of two sentence vectors, plus `ANCHOR_BONUS`
   for each *anchor* both hold: a number ("2019", "100000") or a capitalised
   word that occurs in at most `ANCHOR_MAX_SHARE` of the event's sentences
   ("Genf", "OSZE", "Raketen"), in two articles or more. The bonus makes up
   for the cosine's length normalisation, which lets a long sentence that
   shares the one telling name with a short one look unrelated. Two
   sentences of the same article count at `SAME_DOCUMENT_WEIGHT` of their
   similarity: an article rarely reports one fact twice, and its sentences
   share the article's own vocabulary, so without this an article's
   sentences would form facts of their own (a headline and a lead that say
   the same thing can still meet through a third article).
3. **Clustering.** Average-linkage agglomerative clustering (scipy) on the
   distance `1 - similarity`, cut where the average similarity between two
   groups falls below `SIMILARITY_THRESHOLD`. Average linkage asks a sentence
   to resemble the fact's sentences on average, not only its nearest one, so
   one long sentence that touches two facts does not chain them together
   (single linkage, or the connected components of a similarity graph, would).
   Then any member whose average similarity to the others is below
   `PRUNE_RATIO` times theirs is taken out into a fact of its own (see
   `_prune`). Sentences with fewer than `MIN_CONTENT_WORDS` content words
   (sign-offs such as "(afp/dl)", short subheadings) are left out.
   The constants were set on the seed corpus: its five checked facts (see
   tests/test_coverage.py) come out for thresholds 0.2 and 0.25 with an
   anchor share of 0.05 (at 0.2 also 0.03) and any same-document weight from
   0 to 0.5; at 0.3 the missile offer, whose two sentences share only
   "Rakete" and "Europa", falls apart, and an anchor share of 0.1 makes
   "Nato-Russland-Rat" an anchor, so the sentences naming the council form a
   fact of their own and take 001 and 003 out of "first meeting since 2019". 0.25 is the stricter of the two working
   cuts. Check `fact_sentences` on a new event.
4. **Analyst edits.** `facts.yaml` in the corpus folder (see
   `load_fact_edits`) merges, renames, splits and excludes; it is applied
   after clustering, in a fixed order, so the same file always gives the same
   table.

Fact ids are `f_` plus eight hex digits of the SHA-1 of the fact's *anchor*:
the key `doc_id:sentence_id` of its first member sentence in (doc_id,
sentence_id) order. An id therefore does not depend on the run, and stays the
same when articles are added, as long as the fact's first sentence stays in
the fact and no new article that sorts before it joins the fact. Adding
articles changes the IDF weights, so clusters can still gain or lose
sentences; references by `doc_id:sentence_id` in `facts.yaml` are the most
robust, since they name a sentence, not a cluster.

What it cannot tell: a fact worded very differently in two articles (other
words, no shared name or number) is missed, and a fact split over two
sentences is matched by whichever sentence is closer; one cluster can mix
two facts that share their names and numbers; and absence may be a matter
of length or of publication time (an article written before the meeting
ended cannot report its outcome), not a choice to leave something out.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from .corpus import Corpus
from .lexicons import read_lexicon
from .text import german_rules, sentences as corpus_sentences, tokens as corpus_tokens
from .textpass import TypeAttributes, run_text_pass

#: Average similarity at which two groups of sentences are still one fact (the clustering's cut).
SIMILARITY_THRESHOLD = 0.25
#: Factor on the similarity of two sentences of the same article (1 = no penalty, 0 = never together).
SAME_DOCUMENT_WEIGHT = 0.25
#: Bonus added to the similarity for each rare number or name two sentences share.
ANCHOR_BONUS = 0.1
#: A capitalised word is an anchor when it occurs in at most this share of the event's sentences.
ANCHOR_MAX_SHARE = 0.05
#: A member of a fact is taken out when its average similarity to the others is below this share of theirs.
PRUNE_RATIO = 0.5
#: Sentences with fewer content words than this are not clustered into facts.
MIN_CONTENT_WORDS = 3
#: Weight of each part of a compound, relative to the whole word (1).
PART_WEIGHT = 0.5
#: Weight of a word written in lower case (verbs, adjectives …) relative to a capitalised one (nouns, names) or a number.
LOWER_CASE_WEIGHT = 0.5
#: The file in a corpus folder with the analyst's edits of the facts.
FACTS_FILE = "facts.yaml"
#: sentence_id of a metadata title that is not a line of the text (as in `framing.frames`).
TITLE_SENTENCE_ID = 0

FACT_COLUMNS = [
    "event_id", "fact_id", "label", "doc_id", "outlet_id", "present", "sentence", "sentence_ids",
    "n_sentences", "n_documents", "n_outlets", "n_event_documents", "cohesion", "edited",
]

_LINKS = ("", "s", "es", "n", "en", "e", "er")
_NUMBER_SEPARATORS = re.compile(r"[.'’\u2009\u202f\u00a0 ]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_REF = re.compile(r"^(?P<doc>[\w.-]+):(?P<sentence>\d+)$")


class FactEditWarning(UserWarning):
    """An entry of facts.yaml could not be applied; the message names the entry and what to do."""


# --- sentence features -----------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _is_known(word: str) -> bool:
    from simplemma import is_known

    return is_known(word, lang="de")


@lru_cache(maxsize=200_000)
def compound_parts(lemma: str) -> tuple[str, ...]:
    """Return the parts of a compound lemma, lower-cased ("Raketenwaffe" → ("rakete", "waffe")).

    A hyphenated compound is split at its hyphens ("NATO-Diplomat" → ("nato",
    "diplomat")). A closed compound is split once, into the longest head and a
    modifier that simplemma's German dictionary both know, allowing a linking
    element (-s-, -es-, -n-, -en-, -e-, -er-) after the modifier; only nouns
    (capitalised lemmas) of 8 letters or more are tried, heads have 5 letters
    or more and modifiers 3 or more (so "Russland" and "Zusammenstoß" stay whole). A word that is not a compound gives ().

    Args:
        lemma: a lemma as the text pass gives it.

    Returns:
        The parts, lower-cased and lemmatised (each part's own lemma), in order.
    """
    from simplemma import lemmatize

    if "-" in lemma:
        parts = [p for p in lemma.split("-") if p]
        if len(parts) < 2:
            return ()
        return tuple(_number_key(p) if not _HAS_LETTER.search(p) else lemmatize(p, lang="de").lower() for p in parts)
    if len(lemma) < 8 or not lemma[0].isupper() or not lemma.isalpha():
        return ()
    for cut in range(3, len(lemma) - 4):  # longest head first
        head = lemma[cut:].capitalize()
        if not _is_known(head):
            continue
        modifier = lemma[:cut]
        for link in _LINKS:
            if link and not modifier.endswith(link):
                continue
            base = modifier[: len(modifier) - len(link)] if link else modifier
            if len(base) >= 3 and _is_known(base.capitalize()):
                return (lemmatize(base.capitalize(), lang="de").lower(), lemmatize(head, lang="de").lower())
    return ()


def _number_key(text: str) -> str:
    """Return a number written with thousands separators or a trailing dot as plain digits."""
    return _NUMBER_SEPARATORS.sub("", text).rstrip(".") or text


def _event_sentences(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the sentences to cluster (with metadata titles as sentence 0) and their content tokens.

    Returns:
        `sentences`: `event_id, doc_id, outlet_id, sentence_id, part, text`,
        in corpus order; `words`: one row per content word or compound part:
        `row` (position in `sentences`), `key` (the feature: lower-cased
        lemma, lower-cased part or normalised number), `capitalised` (a noun,
        name or number), `is_part`, `weight` (`PART_WEIGHT` for a part times
        `LOWER_CASE_WEIGHT` for a lower-case word).
    """
    docs = corpus.documents
    sents = corpus_sentences(corpus)[["doc_id", "sentence_id", "part", "text"]]
    toks = corpus_tokens(corpus)[["doc_id", "sentence_id", "start", "end", "text", "lemma", "is_word", "is_stop"]]
    titles = _untold_titles(corpus, sents)
    if len(titles):
        rules = german_rules(corpus)
        extra = run_text_pass(titles[["doc_id", "text"]], rules, TypeAttributes(rules)).tokens
        extra["sentence_id"] = TITLE_SENTENCE_ID
        toks = pd.concat([extra[toks.columns], toks], ignore_index=True)
        sents = pd.concat([titles.assign(sentence_id=TITLE_SENTENCE_ID, part="headline")[sents.columns], sents],
                          ignore_index=True)
    order = {doc_id: k for k, doc_id in enumerate(docs["doc_id"])}
    sents = sents.assign(_pos=sents["doc_id"].map(order)).sort_values(["_pos", "sentence_id"], kind="stable")
    sents = sents.drop(columns="_pos").reset_index(drop=True)
    info = docs.set_index("doc_id")
    event = info["event_id"] if "event_id" in info else pd.Series("", index=info.index)
    outlet = info["outlet_id"] if "outlet_id" in info else pd.Series("", index=info.index)
    sents.insert(0, "event_id", sents["doc_id"].map(event.fillna("").astype(str)).fillna(""))
    sents.insert(2, "outlet_id", sents["doc_id"].map(outlet.fillna("").astype(str)).fillna(""))

    words = _sentence_words(toks, sents, german_rules(corpus).stopwords)
    return sents, words


def _sentence_words(toks: pd.DataFrame, sents: pd.DataFrame, stopwords: set[str]) -> pd.DataFrame:
    """Return the content words of each sentence as features (see `_event_sentences`)."""
    toks = toks.reset_index(drop=True)
    text = toks["text"].astype(str)
    is_number = toks["is_word"].to_numpy(dtype=bool) & ~text.str.contains(_HAS_LETTER).to_numpy(dtype=bool)
    keys = np.where(is_number, text.map(_number_key), toks["lemma"].astype(str).str.lower()).astype(object)
    # "100 000": a group of three digits right after a number (one space between) continues it
    previous = np.r_[-1, np.arange(len(toks) - 1)]
    continues = (
        is_number & np.r_[False, is_number[:-1]] & text.str.fullmatch(r"\d{3}").to_numpy(dtype=bool)
        & (toks["start"].to_numpy() == np.r_[-10, toks["end"].to_numpy()[:-1]] + 1)
        & (toks["doc_id"].to_numpy() == np.r_[None, toks["doc_id"].to_numpy()[:-1]])
        & (toks["sentence_id"].to_numpy() == np.r_[-1, toks["sentence_id"].to_numpy()[:-1]])
    )
    for k in np.flatnonzero(continues)[::-1]:  # from the end, so "1 000 000" joins up
        keys[previous[k]] = keys[previous[k]] + keys[k]
    keep = toks["is_word"].to_numpy(dtype=bool) & ~toks["is_stop"].to_numpy(dtype=bool) & ~continues
    row_of = pd.Series(np.arange(len(sents)), index=pd.MultiIndex.from_frame(sents[["doc_id", "sentence_id"]]))
    rows = row_of.reindex(pd.MultiIndex.from_frame(toks[["doc_id", "sentence_id"]])).to_numpy()
    keep &= ~pd.isna(rows)
    whole = pd.DataFrame({
        "row": rows[keep].astype(np.int64),
        "key": keys[keep],
        "lemma": toks["lemma"].to_numpy()[keep],
        "capitalised": (text.str[:1].str.isupper().to_numpy(dtype=bool) | is_number)[keep],
        "is_part": False,
    })
    lemmas = pd.Series(whole["lemma"].unique())
    parts = pd.DataFrame({"lemma": lemmas, "key": lemmas.map(lambda l: list(compound_parts(str(l))))}).explode("key").dropna()
    parts = parts[~parts["key"].isin(stopwords) & (parts["key"] != "")]
    parts = whole.drop(columns=["key", "is_part"]).merge(parts, on="lemma").assign(is_part=True)
    words = pd.concat([whole, parts[whole.columns]], ignore_index=True).sort_values(["row", "is_part"], kind="stable")
    weight = np.where(words["is_part"], PART_WEIGHT, 1.0) * np.where(words["capitalised"], 1.0, LOWER_CASE_WEIGHT)
    return words.assign(weight=weight).drop(columns="lemma").reset_index(drop=True)


def _untold_titles(corpus: Corpus, sents: pd.DataFrame) -> pd.DataFrame:
    """Return `doc_id, text` of metadata titles that are not a line of their article's text."""
    docs = corpus.documents
    if "title" not in docs or not len(docs):
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "text": pd.Series(dtype=object)})
    titles = docs["title"].where(docs["title"].map(lambda t: isinstance(t, str)), "").str.strip()
    source = docs["title_source"] if "title_source" in docs else pd.Series("metadata", index=docs.index)
    has_headline = docs["doc_id"].isin(sents.loc[sents["part"] == "headline", "doc_id"])
    wanted = (titles != "") & (source == "metadata") & ~has_headline
    return pd.DataFrame({"doc_id": docs.loc[wanted, "doc_id"].tolist(), "text": titles[wanted].tolist()})


def _sentence_matrix(words: pd.DataFrame, n_rows: int) -> tuple[sparse.csr_array, pd.Index]:
    """Return the L2-normalised TF-IDF matrix (sentences × features) and the feature keys."""
    codes, keys = pd.factorize(words["key"])
    counts = sparse.coo_array((words["weight"].to_numpy(), (words["row"].to_numpy(), codes)),
                              shape=(n_rows, len(keys))).tocsr()
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(keys))
    idf = np.log((1 + n_rows) / (1 + df)) + 1
    weighted = sparse.csr_array(counts @ sparse.diags_array(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_array(sparse.diags_array(1 / norms) @ weighted), pd.Index(keys)


def _similarities(matrix: sparse.csr_array, words: pd.DataFrame, doc_codes: np.ndarray, *,
                  same_document_weight: float, anchor_bonus: float) -> np.ndarray:
    """Return the sentences' pairwise similarity as the clustering uses it (dense, symmetric, 1 on the diagonal).

    Cosine of the TF-IDF vectors, plus `anchor_bonus` per shared anchor (a
    number, or a capitalised word in at most `ANCHOR_MAX_SHARE` of the
    sentences and in two documents or more), capped at 1; pairs from the same
    document are multiplied by `same_document_weight`.
    """
    n = matrix.shape[0]
    similarity = (matrix @ matrix.T).toarray()
    if anchor_bonus and n:
        similarity = similarity + anchor_bonus * _shared_anchors(words, doc_codes, n)
    np.minimum(similarity, 1.0, out=similarity)
    same = doc_codes[:, None] == doc_codes[None, :]
    similarity[same] *= same_document_weight
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _shared_anchors(words: pd.DataFrame, doc_codes: np.ndarray, n: int) -> np.ndarray:
    """Return how many anchors each pair of sentences shares (dense n × n).

    Anchors are numbers, and capitalised words (nouns, names) that occur in at
    most `ANCHOR_MAX_SHARE` of the sentences (at least 2), in two documents or
    more. A word counts when both sentences hold it as a whole word, or one
    as a whole word and the other as part of a compound ("Raketen" and
    "Raketenwaffen"); two compounds that only share a part do not count, so
    "Zusammenarbeit" is one anchor, not three.
    """
    capital = words[words["capitalised"].to_numpy(dtype=bool)]
    sentence_count = capital.groupby("key")["row"].nunique()
    doc_count = capital.assign(doc=doc_codes[capital["row"].to_numpy()]).groupby("key")["doc"].nunique()
    keys = sentence_count.index
    is_number = ~np.asarray(keys.str.contains(_HAS_LETTER), dtype=bool)
    rare = sentence_count.to_numpy() <= max(2, ANCHOR_MAX_SHARE * n)
    anchors = keys[(doc_count.reindex(keys).to_numpy() >= 2) & (is_number | rare)]
    held = capital[capital["key"].isin(anchors)].drop_duplicates(["row", "key", "is_part"])
    if not len(held):
        return np.zeros((n, n))
    codes, uniques = pd.factorize(held["key"])
    part = held["is_part"].to_numpy(dtype=bool)
    rows = held["row"].to_numpy()

    def indicator(mask: np.ndarray) -> sparse.csr_array:
        return sparse.csr_array((np.ones(int(mask.sum())), (rows[mask], codes[mask])), shape=(n, len(uniques)))

    whole_m, part_m = indicator(~part), indicator(part)
    part_m = sparse.csr_array(part_m - part_m.multiply(whole_m))  # a sentence holding the word whole: not again as a part
    shared = whole_m @ whole_m.T + whole_m @ part_m.T + part_m @ whole_m.T
    return shared.toarray()


def _clusters(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Return a cluster number per sentence: average linkage on `1 - similarity`, cut at `1 - threshold`."""
    n = len(similarity)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.ones(1, dtype=np.int64)
    distance = np.clip(1.0 - similarity, 0.0, None)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    from scipy.cluster.hierarchy import fcluster, linkage  # imported when used: slow to import (see keyness)
    from scipy.spatial.distance import squareform

    tree = linkage(squareform(distance, checks=False), method="average")
    clusters = fcluster(tree, t=1.0 - threshold, criterion="distance").astype(np.int64)
    return _prune(clusters, similarity)


def _prune(clusters: np.ndarray, similarity: np.ndarray) -> np.ndarray:
    """Return the clusters with weakly attached members taken out, each into a cluster of its own.

    In a cluster of three or more sentences, the member least similar to the
    others (on average) is taken out when that average is below
    `PRUNE_RATIO` times the average similarity among the remaining members;
    this repeats until no member is taken out. Average linkage can attach a
    sentence that shares one rare word with a tight group ("Zusammenarbeit"
    with two sentences on the OSCE, "Organisation für Sicherheit und
    Zusammenarbeit in Europa"); pruning removes it.
    """
    clusters = clusters.copy()
    next_id = clusters.max() + 1 if len(clusters) else 1
    for cluster in np.unique(clusters):
        members = list(np.flatnonzero(clusters == cluster))
        while len(members) >= 3:
            block = similarity[np.ix_(members, members)]
            k = len(members)
            mean_to_others = (block.sum(axis=1) - 1.0) / (k - 1)
            worst = int(np.argmin(mean_to_others))
            rest = [m for i, m in enumerate(members) if i != worst]
            inner = similarity[np.ix_(rest, rest)]
            core = (inner.sum() - len(rest)) / (len(rest) * (len(rest) - 1))
            if mean_to_others[worst] >= PRUNE_RATIO * core:
                break
            clusters[members[worst]] = next_id
            next_id += 1
            members = rest
    return clusters


def _fact_id(anchor: str) -> str:
    """Return the fact id of a fact whose first sentence is `anchor` ("doc_id:sentence_id")."""
    return "f_" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]


def _ref(doc_id: str, sentence_id: int) -> str:
    return f"{doc_id}:{int(sentence_id)}"


# --- analyst edits -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FactEdits:
    """The analyst's edits of the facts, as read from `facts.yaml` (see `load_fact_edits`).

    Attributes:
        exclude: fact ids or sentence references ("doc_id:sentence_id") to
            leave out of every fact.
        split: sentence references to take out of their fact, each into a
            fact of its own.
        merge: groups of fact ids or sentence references to join into one
            fact, each with an optional label: `(items, label or None)`.
        rename: `(fact id or sentence reference, label)` pairs.
        source: where the edits were read from (for messages).
    """

    exclude: tuple[str, ...] = ()
    split: tuple[str, ...] = ()
    merge: tuple[tuple[tuple[str, ...], str | None], ...] = ()
    rename: tuple[tuple[str, str], ...] = ()
    source: str = "(no file)"

    @property
    def is_empty(self) -> bool:
        """Return True when there is nothing to apply."""
        return not (self.exclude or self.split or self.merge or self.rename)


def load_fact_edits(source: str | Path | dict | None) -> FactEdits:
    """Return the analyst's fact edits from a YAML file (or an already parsed mapping).

    The file (`facts.yaml` in the corpus folder) holds up to four lists; each
    entry may carry a `reason`, which is kept for the reader and not used::

        merge:                       # join facts: ids (f_…) or sentences (doc_id:sentence_id)
          - facts: [f_3a9c1e02, "003_3ab60e70d12de889:7"]
            label: NATO offers talks on missile limits in Europe
            reason: same offer, worded apart
        rename:                      # give a fact a label of one's own
          - fact: f_3a9c1e02         # or a sentence reference: the fact holding it
            label: Russia's troops near Ukraine
        split:                       # take a sentence out of its fact, into a fact of its own
          - sentence: "004_c8f623122158d84d:4"
        exclude:                     # leave a sentence (or a whole fact) out of the facts
          - sentence: "001_995ea68080aadec1:15"
          - fact: f_0b1c2d3e

    A plain string is accepted in place of each mapping of `split`, `exclude`
    and `rename` (`rename` then needs the mapping form `{id: label}`).

    Args:
        source: a path to the YAML file, a parsed mapping, or None (no edits).

    Returns:
        A `FactEdits`. A file that is missing gives no edits; a malformed
        entry is skipped with a `FactEditWarning` naming it.
    """
    if source is None:
        return FactEdits()
    if isinstance(source, dict):
        data, where = source, "(mapping)"
    else:
        path = Path(source)
        if not path.is_file():
            return FactEdits(source=str(path))
        data, where = read_lexicon(path), str(path)

    def items(value, key: str, entry_no: int) -> list[str]:
        found = value if isinstance(value, list) else [value]
        good = [str(v).strip() for v in found if isinstance(v, (str, int)) and str(v).strip()]
        if not good:
            _warn(where, f"{key} entry {entry_no} names no fact or sentence", "Give fact ids (f_…) or doc_id:sentence_id references.")
        return good

    def single(section: str) -> tuple[str, ...]:
        out = []
        for n, entry in enumerate(data.get(section) or [], start=1):
            if isinstance(entry, dict):
                value = entry.get("sentence", entry.get("fact", entry.get("facts")))
            else:
                value = entry
            out.extend(items(value, section, n))
        return tuple(out)

    merge = []
    for n, entry in enumerate(data.get("merge") or [], start=1):
        value = entry.get("facts") if isinstance(entry, dict) else entry
        group = items(value, "merge", n)
        label = entry.get("label") if isinstance(entry, dict) else None
        if len(group) < 2 and not label:
            _warn(where, f"merge entry {n} names fewer than two facts", "List two or more facts or sentences to merge.")
            continue
        merge.append((tuple(group), str(label).strip() if label else None))
    rename = []
    renames = data.get("rename") or []
    if isinstance(renames, dict):
        renames = [{"fact": k, "label": v} for k, v in renames.items()]
    for n, entry in enumerate(renames, start=1):
        if not isinstance(entry, dict) or not entry.get("label") or not (entry.get("fact") or entry.get("sentence")):
            _warn(where, f"rename entry {n} needs a fact (or sentence) and a label", "Write it as {fact: f_…, label: …}.")
            continue
        rename.append((str(entry.get("fact") or entry.get("sentence")).strip(), str(entry["label"]).strip()))
    return FactEdits(exclude=single("exclude"), split=single("split"), merge=tuple(merge), rename=tuple(rename), source=where)


def _warn(where: str, problem: str, action: str) -> None:
    warnings.warn(FactEditWarning(f"{where}: {problem}. {action}"), stacklevel=3)


def _apply_edits(members: dict[str, int], anchors_before: dict[str, str], edits: FactEdits) -> tuple[dict[str, int], dict[int, str], set[int]]:
    """Return the sentence → fact assignment after the edits, the labels set by them, and the facts they touched.

    Args:
        members: sentence reference → fact number, as clustered.
        anchors_before: fact id as clustered → its anchor sentence reference.
        edits: the analyst's edits.

    Order: exclude, split, merge, rename; a reference (fact id or sentence)
    is resolved against the assignment as it stands at that step, and a
    fact id as clustered stays valid throughout (it names its anchor
    sentence).
    """
    members = dict(members)
    labels: dict[int, str] = {}
    touched: set[int] = set()
    next_fact = max(members.values(), default=0) + 1

    def current_ids() -> dict[str, str]:
        groups: dict[int, list[str]] = {}
        for ref, fact in members.items():
            groups.setdefault(fact, []).append(ref)
        ids = {_fact_id(min(refs, key=_ref_order)): min(refs, key=_ref_order) for refs in groups.values()}
        return {**anchors_before, **ids}

    def resolve(item: str, what: str) -> list[str]:
        """Return the sentence references an item names (a sentence, or every sentence of a fact)."""
        if _REF.match(item):
            if item in members:
                return [item]
            _warn(edits.source, f"{what}: no clustered sentence {item}", "Check the doc_id and sentence_id in framing.fact_sentences(corpus); the entry was skipped.")
            return []
        anchor = current_ids().get(item)
        if anchor is None or anchor not in members:
            _warn(edits.source, f"{what}: no fact {item}", "Check the id in framing.fact_coverage(corpus); the entry was skipped.")
            return []
        fact = members[anchor]
        return [ref for ref, f in members.items() if f == fact]

    for item in edits.exclude:
        for ref in resolve(item, "exclude"):
            touched.add(members.pop(ref))
    for item in edits.split:
        if not _REF.match(item):
            _warn(edits.source, f"split: {item} is not a sentence reference", "Write doc_id:sentence_id; the entry was skipped.")
            continue
        for ref in resolve(item, "split"):
            touched.add(members[ref])
            members[ref] = next_fact
            touched.add(next_fact)
            next_fact += 1
    for group, label in edits.merge:
        facts = sorted({members[ref] for item in group for ref in resolve(item, "merge") if ref in members})
        if not facts:
            continue
        target = facts[0]
        for ref, fact in members.items():
            if fact in facts:
                members[ref] = target
        touched.add(target)
        if label:
            labels[target] = label
    for item, label in edits.rename:
        refs = resolve(item, "rename")
        if refs:
            labels[members[refs[0]]] = label
            touched.add(members[refs[0]])
    return members, labels, touched


def _ref_order(ref: str) -> tuple[str, int]:
    doc_id, _, sentence_id = ref.rpartition(":")
    return doc_id, int(sentence_id)


# --- the statistics ----------------------------------------------------------------------------


def fact_sentences(corpus: Corpus, *, edits: str | Path | dict | FactEdits | None | bool = None,
                   threshold: float = SIMILARITY_THRESHOLD) -> pd.DataFrame:
    """Return every clustered sentence with the fact it belongs to: the table behind `fact_coverage`.

    Use it to find the references (`ref`) to write in `facts.yaml`.

    Args:
        corpus: a loaded corpus.
        edits: the analyst's edits: None (the default) reads `facts.yaml` in
            the corpus folder when there is one; False applies none; a path,
            a parsed mapping or a `FactEdits` applies those.
        threshold: the clustering's cut, an average similarity between 0 and 1
            (default `SIMILARITY_THRESHOLD`); higher gives smaller, tighter facts.

    Returns:
        One row per sentence that belongs to a fact (sentences with fewer
        than `MIN_CONTENT_WORDS` content words and excluded ones are not
        listed), in corpus order: `event_id, fact_id, label` (the analyst's
        label, else the text of the fact's most central sentence),
        `doc_id, outlet_id, sentence_id` (as in `framing.sentences`; 0 is a
        metadata title that is not a line of the text), `ref`
        ("doc_id:sentence_id"), `part` (headline / lead / body), `text`,
        `centrality` (the sentence's average similarity to the fact's other
        sentences; NaN for a fact of one sentence), `is_label` (the sentence
        that labels the fact: the most central, among equals the shortest), `n_content_words`, `edited` (an edit in
        `facts.yaml` changed this fact).

    References:
        Salton, G. & Buckley, C. (1988). Term-weighting approaches in
        automatic text retrieval. *Information Processing & Management*
        24(5) (TF-IDF and the cosine); Koehn, P. & Knight, K. (2003).
        Empirical methods for compound splitting. *EACL* (splitting compounds
        into parts that occur as words); Manning, C. D., Raghavan, P. &
        Schütze, H. (2008). *Introduction to Information Retrieval*, ch. 17
        (average-linkage agglomerative clustering).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be above 0 and at most 1, not {threshold!r}")
    edit_set = _resolve_edits(corpus, edits)
    sents, words = _event_sentences(corpus)
    n_content = words[~words["is_part"]].groupby("row").size().reindex(range(len(sents)), fill_value=0).to_numpy()
    sents = sents.assign(n_content_words=n_content)
    parts = []
    for event_id, rows in sents.groupby("event_id", sort=False).indices.items():
        rows = rows[n_content[rows] >= MIN_CONTENT_WORDS]
        if not len(rows):
            continue
        parts.append(_cluster_event(sents.iloc[rows].reset_index(drop=True), words, rows, threshold, edit_set))
    columns = ["event_id", "fact_id", "label", "doc_id", "outlet_id", "sentence_id", "ref", "part", "text",
               "centrality", "is_label", "n_content_words", "edited"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def _resolve_edits(corpus: Corpus, edits) -> FactEdits:
    if edits is False:
        return FactEdits()
    if isinstance(edits, FactEdits):
        return edits
    if edits is None or edits is True:
        return load_fact_edits(Path(corpus.path) / FACTS_FILE) if corpus.path is not None else FactEdits()
    return load_fact_edits(edits)


def _cluster_event(sents: pd.DataFrame, words: pd.DataFrame, rows: np.ndarray, threshold: float, edits: FactEdits) -> pd.DataFrame:
    """Return the fact of each sentence of one event (`sents` are its clusterable sentences, `rows` their rows in `words`)."""
    local = pd.Series(np.arange(len(rows)), index=rows)
    event_words = words[words["row"].isin(rows)].assign(row=lambda w: local[w["row"]].to_numpy())
    # a part counts only where the same word stands on its own in this event
    whole_keys = set(event_words.loc[~event_words["is_part"], "key"])
    event_words = event_words[~event_words["is_part"] | event_words["key"].isin(whole_keys)]
    matrix, _ = _sentence_matrix(event_words, len(sents))
    doc_codes, _ = pd.factorize(sents["doc_id"])
    similarity = _similarities(matrix, event_words, doc_codes,
                               same_document_weight=SAME_DOCUMENT_WEIGHT, anchor_bonus=ANCHOR_BONUS)
    clusters = _clusters(similarity, threshold)
    refs = [_ref(d, s) for d, s in zip(sents["doc_id"], sents["sentence_id"])]
    members = dict(zip(refs, clusters.tolist()))
    groups: dict[int, list[str]] = {}
    for ref, fact in members.items():
        groups.setdefault(fact, []).append(ref)
    anchors_before = {_fact_id(min(g, key=_ref_order)): min(g, key=_ref_order) for g in groups.values()}
    labels: dict[int, str] = {}
    touched: set[int] = set()
    if not edits.is_empty:
        members, labels, touched = _apply_edits(members, anchors_before, edits)
    position = {ref: k for k, ref in enumerate(refs)}
    kept = [position[ref] for ref in refs if ref in members]
    out = sents.iloc[kept].copy()
    out["ref"] = [refs[k] for k in kept]
    fact_number = np.array([members[refs[k]] for k in kept], dtype=np.int64)
    centrality = np.full(len(kept), np.nan)
    is_label = np.zeros(len(kept), dtype=bool)
    fact_ids = np.empty(len(kept), dtype=object)
    label_text = {}
    for fact in np.unique(fact_number):
        at = np.flatnonzero(fact_number == fact)
        idx = np.asarray(kept)[at]
        anchor = min((refs[k] for k in idx), key=_ref_order)
        fact_ids[at] = _fact_id(anchor)
        if len(at) > 1:
            block = similarity[np.ix_(idx, idx)]
            centrality[at] = (block.sum(axis=1) - 1.0) / (len(at) - 1)
            # the most central sentence; among equals (always so for two) the shortest, then the first
            lengths = out["text"].iloc[at].str.len().to_numpy()
            best = at[np.lexsort((np.arange(len(at)), lengths, -np.round(centrality[at], 9)))[0]]
        else:
            best = at[0]
        is_label[best] = True
        label_text[fact] = labels.get(fact) or str(out["text"].iloc[best])
    out["fact_id"] = fact_ids
    out["centrality"] = centrality
    out["is_label"] = is_label
    out["edited"] = [f in touched for f in fact_number]
    out["label"] = [label_text[f] for f in fact_number]
    return out.reset_index(drop=True)


def fact_coverage(corpus: Corpus, *, edits: str | Path | dict | FactEdits | None | bool = None,
                  threshold: float = SIMILARITY_THRESHOLD) -> pd.DataFrame:
    """Return which facts about an event each article reports: one row per fact × article of the event.

    Sentences of the articles of one event (`event_id` of articles.csv; all
    articles form one event when the column is empty) are clustered into
    facts as the module documentation describes; `facts.yaml` in the corpus
    folder, when present, merges, renames, splits and excludes (see
    `load_fact_edits`). A fact that only one article reports is that
    outlet's unique fact.

    Args:
        corpus: a loaded corpus.
        edits: the analyst's edits (see `fact_sentences`): None reads
            `facts.yaml` of the corpus folder if there is one, False applies none.
        threshold: the clustering's cut (average similarity, 0-1).

    Returns:
        One row per fact × document of the fact's event, facts ordered by how
        many documents report them (most first), then by first appearance:
        `event_id, fact_id, label` (the analyst's label, else the fact's most
        central sentence), `doc_id, outlet_id, present` (bool), `sentence`
        (the document's sentences in the fact, joined by " … "; empty when
        absent), `sentence_ids` (list of int), `n_sentences` (in this
        document), `n_documents` (documents of the event reporting the fact),
        `n_outlets`, `n_event_documents` (documents of the event), `cohesion`
        (average similarity between the fact's sentences; NaN for one
        sentence), `edited` (changed by `facts.yaml`).

    References:
        See `fact_sentences`.
    """
    if edits is None:  # the default, read from the corpus's facts.yaml: remembered until a lexicon changes
        return corpus.memo(("fact_coverage", threshold, corpus.lexicons_fingerprint()),
                           lambda: _fact_coverage(corpus, edits=None, threshold=threshold)).copy()
    return _fact_coverage(corpus, edits=edits, threshold=threshold)


def _fact_coverage(corpus: Corpus, *, edits, threshold: float) -> pd.DataFrame:
    facts = fact_sentences(corpus, edits=edits, threshold=threshold)
    docs = corpus.documents
    doc_event = (docs["event_id"].fillna("").astype(str) if "event_id" in docs else pd.Series("", index=docs.index))
    doc_outlet = (docs["outlet_id"].fillna("").astype(str) if "outlet_id" in docs else pd.Series("", index=docs.index))
    event_docs = pd.DataFrame({"event_id": doc_event.to_numpy(), "doc_id": docs["doc_id"].to_numpy(),
                               "outlet_id": doc_outlet.to_numpy(), "_doc_pos": np.arange(len(docs))})
    if not len(facts):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FACT_COLUMNS})
    label_rows = facts[facts["is_label"]].set_index("fact_id")
    summary = facts.groupby("fact_id", sort=False).agg(
        event_id=("event_id", "first"), n_documents=("doc_id", "nunique"), n_outlets=("outlet_id", "nunique"),
        edited=("edited", "any"), _first=("ref", lambda r: min(r, key=_ref_order)),
    )
    summary["label"] = label_rows["label"].reindex(summary.index)
    cohesion = {}
    for fact_id, group in facts.groupby("fact_id", sort=False):
        cohesion[fact_id] = group["centrality"].mean() if len(group) > 1 else np.nan
    summary["cohesion"] = pd.Series(cohesion)
    order = {doc: k for k, doc in enumerate(docs["doc_id"])}
    summary["_first_pos"] = [(order.get(_ref_order(r)[0], 0), _ref_order(r)[1]) for r in summary["_first"]]
    summary = summary.sort_values("_first_pos", kind="stable").sort_values("n_documents", ascending=False, kind="stable")
    n_event_docs = event_docs.groupby("event_id").size()
    summary["n_event_documents"] = summary["event_id"].map(n_event_docs).fillna(0).astype(np.int64)

    per_doc = facts.groupby(["fact_id", "doc_id"], sort=False).agg(
        sentence=("text", lambda t: " … ".join(t)), sentence_ids=("sentence_id", lambda s: [int(x) for x in s]),
        n_sentences=("sentence_id", "size"),
    ).reset_index()
    grid = summary.reset_index()[["fact_id", "event_id", "label", "n_documents", "n_outlets", "n_event_documents",
                                  "cohesion", "edited"]]
    grid["_fact_pos"] = np.arange(len(grid))
    grid = grid.merge(event_docs, on="event_id", how="left").merge(per_doc, on=["fact_id", "doc_id"], how="left")
    grid["present"] = grid["n_sentences"].notna()
    grid["sentence"] = grid["sentence"].fillna("")
    grid["sentence_ids"] = [v if isinstance(v, list) else [] for v in grid["sentence_ids"]]
    grid["n_sentences"] = grid["n_sentences"].fillna(0).astype(np.int64)
    grid = grid.sort_values(["_fact_pos", "_doc_pos"], kind="stable").reset_index(drop=True)
    grid["n_documents"] = grid["n_documents"].astype(np.int64)
    grid["n_outlets"] = grid["n_outlets"].astype(np.int64)
    grid["edited"] = grid["edited"].astype(bool)
    return grid[FACT_COLUMNS]
