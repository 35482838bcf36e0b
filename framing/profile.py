"""Leaning profile: each outlet's declared metadata beside what the analyses measured in its articles.

Plain-language note: a leaning profile puts, for each outlet, what is
*declared* about it (`outlets.csv`: ownership, country, state affiliation and
an analyst's leaning label, shown only with the basis of that label) beside
what the other analyses *measure* in its articles: whose words it quotes, how
it names the situation, which frames its lead carries, where it hedges and
about whom, with which verbs it introduces each side's words, which facts the
others report and it does not, the tone of the words around each side's
actors, and how much of its text is shared with another outlet. Every
measured row names the function that computes it, carries the count it rests
on (`n`, and `n_total` for a share), and keys the sentences behind it
(`evidence`; `leaning_evidence` returns them with their text and the words
matched). The profile computes nothing of its own: it regroups the results of
`share_of_voice`, `naming`, `frame_profile`, `hedges`, `cue_classes`,
`fact_coverage`, `tone_profile` and `reuse_share` / `agencies`.

What it cannot tell: the measured rows are not a leaning label and add up to
no score; they describe the articles in the corpus (with one article per
outlet, one article), and each inherits the limits of the analysis behind it
(read that function's note). A summary position, where one is wanted, comes
from `leaning_map`: a correspondence analysis of the outlet × count-indicator
table, returned with its input counts.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .corpus import Corpus
from .coverage import fact_coverage
from .frames import frame_indicators, frame_profile, frames
from .hedges import hedges
from .naming import naming, naming_matches, naming_variants
from .quotes import cue_classes, quotes, share_of_voice
from .agencies import agencies
from .reuse import reuse, reuse_share
from .text import sentences
from .tone import tone, tone_profile

#: The groups of a profile, in display order.
GROUPS = ["declared", "voices", "naming", "frames", "hedges", "speech_verbs", "omissions", "tone", "reuse"]
PROFILE_COLUMNS = ["outlet_id", "group", "indicator", "value", "unit", "n", "n_total", "n_documents", "basis",
                   "evidence", "n_evidence"]
EVIDENCE_COLUMNS = ["outlet_id", "indicator", "doc_id", "doc_outlet_id", "sentence_id", "text", "match"]
#: Declared columns of outlets.csv shown in a profile, with their indicator names.
DECLARED = {"name": "name", "country": "country", "ownership": "ownership", "outlet_type": "outlet type",
            "state_affiliation": "state affiliation", "leaning": "leaning", "note": "note"}
#: Groups whose `n` enters the correspondence analysis (counts of one kind of thing per indicator).
MAP_GROUPS = ("voices", "naming", "frames", "hedges")
_FRAME_HITS = "frame hits per 1,000 words: "
_QUOTES = "quotes of "
NO_ACTOR = "no actor named"
_CACHE_KEY = "leaning_indicators"


def _ref(doc_id: str, sentence_id) -> str:
    return f"{doc_id}:{sentence_id}"


class _Builder:
    """Collects indicator rows and, with each, the evidence rows behind it."""

    def __init__(self, n_documents: dict[str, int]):
        self.rows: list[dict] = []
        self.evidence: list[dict] = []
        self.n_documents = n_documents

    def add(self, outlet_id: str, group: str, indicator: str, value, unit: str, n, n_total, basis: str,
            evidence: list[tuple] = ()) -> None:
        """Add one indicator; `evidence` holds (doc_id, doc_outlet_id, sentence_id, match, text or None)."""
        self.rows.append(dict(outlet_id=outlet_id, group=group, indicator=indicator, value=value, unit=unit,
                              n=n, n_total=n_total, n_documents=self.n_documents.get(outlet_id, 0), basis=basis))
        for doc_id, doc_outlet, sentence_id, match, text in evidence:
            self.evidence.append(dict(outlet_id=outlet_id, indicator=indicator, doc_id=doc_id,
                                      doc_outlet_id=doc_outlet, sentence_id=sentence_id, text=text, match=match))


def _share(n: float, total: float) -> float:
    return float(n) / float(total) if total else np.nan


def _declared(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    table = corpus.outlets.set_index("outlet_id")
    for outlet in outlets:
        if outlet not in table.index:
            continue
        row = table.loc[outlet]
        for column, indicator in DECLARED.items():
            value = row.get(column, "")
            value = value.strip() if isinstance(value, str) else ""
            if not value:
                continue
            if column == "leaning":
                basis = row.get("leaning_basis", "")
                basis = basis.strip() if isinstance(basis, str) else ""
                if not basis:      # loading already drops such a label; never show one without its basis
                    continue
            else:
                basis = "outlets.csv"
            b.add(outlet, "declared", indicator, value, "text", pd.NA, pd.NA, basis)


def _voices(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    shares = share_of_voice(corpus)
    shares = shares[shares["kind"] == "all"]
    found = quotes(corpus).merge(corpus.documents[["doc_id", "outlet_id"]], on="doc_id", how="left")
    found["outlet_id"] = found["outlet_id"].fillna("")
    sides = list(dict.fromkeys(shares["side"]))
    basis = "framing.share_of_voice(corpus), kind 'all': words quoted of the side / all words the outlet quotes"
    for outlet in outlets:
        part = shares[shares["outlet_id"] == outlet].set_index("side")
        total = int(part["n_words"].sum())
        for side in sides:
            n = int(part.loc[side, "n_words"]) if side in part.index else 0
            rows = found[(found["outlet_id"] == outlet) & (found["side"] == side)]
            evidence = [(d, outlet, s, f"{k}: {q}", None) for d, s, k, q in
                        zip(rows["doc_id"], rows["sentence_id"], rows["kind"], rows["quote"])]
            b.add(outlet, "voices", f"share of quoted words: {side}", _share(n, total), "share", n, total, basis, evidence)
            n_quotes = int(part.loc[side, "n_quotes"]) if side in part.index else 0
            b.add(outlet, "voices", f"quotes of {side}", n_quotes, "count", n_quotes, int(part["n_quotes"].sum()),
                  "framing.share_of_voice(corpus), kind 'all': quotes (direct, partial, indirect) of the side",
                  evidence)


def _naming(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    counts = naming(corpus, complete=True)
    labels = naming_variants(corpus)
    labels = labels[~labels["ignore"]]
    matches = naming_matches(corpus)
    per = counts.groupby(["outlet_id", "concept", "variant"], sort=False)["n"].sum()
    basis = "framing.naming(corpus): matches of the variant / matches of all variants of the concept"
    for outlet in outlets:
        for concept, group in labels.groupby("concept", sort=False):
            total = int(sum(per.get((outlet, concept, v), 0) for v in group["variant"]))
            for variant, concept_label, variant_label in zip(group["variant"], group["concept_label"], group["variant_label"]):
                n = int(per.get((outlet, concept, variant), 0))
                rows = matches[(matches["outlet_id"] == outlet) & (matches["concept"] == concept)
                               & (matches["variant"] == variant)]
                evidence = [(d, outlet, s, m, None) for d, s, m in zip(rows["doc_id"], rows["sentence_id"], rows["surface"])]
                b.add(outlet, "naming", f"naming of {concept_label}: {variant_label}", _share(n, total), "share",
                      n, total, basis, evidence)


def _frames(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    profile = frame_profile(corpus)
    found = frames(corpus)
    order = list(dict.fromkeys(frame_indicators(corpus)["frame"]))
    sums = profile.groupby(["outlet_id", "section", "frame"])[["n_sentences", "n_frame_sentences", "n_hits", "n_words"]].sum()
    for outlet in outlets:
        for frame in order:
            for section in ("lead", "all"):
                key = (outlet, section, frame)
                row = sums.loc[key] if key in sums.index else pd.Series(0, index=sums.columns)
                rows = found[(found["outlet_id"] == outlet) & (found["frame"] == frame)]
                if section == "lead":
                    rows = rows[rows["in_lead"]]
                    n, total = int(row["n_frame_sentences"]), int(row["n_sentences"])
                    value, unit, name = _share(n, total), "share", f"frame share in lead: {frame}"
                    basis = ("framing.frame_profile(corpus), section 'lead' (headline + first three sentences): "
                             "sentences holding the frame's indicators / sentences")
                else:
                    n, total = int(row["n_hits"]), int(row["n_words"])
                    value, unit, name = (1000 * n / total if total else np.nan), "per 1,000 words", _FRAME_HITS + frame
                    basis = "framing.frame_profile(corpus), section 'all': frame indicators matched per 1,000 words"
                evidence = [(d, outlet, s, m, None) for d, s, m in zip(rows["doc_id"], rows["sentence_id"], rows["matches"])]
                b.add(outlet, "frames", name, value, unit, n, total, basis, evidence)


def _hedges(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    found = hedges(corpus)
    side = found["side"].fillna("").replace("", NO_ACTOR)
    sides = list(dict.fromkeys(side))
    basis = "framing.hedges(corpus): hedges whose claim concerns an actor of the side / all the outlet's hedges"
    for outlet in outlets:
        mine = found[found["outlet_id"] == outlet]
        for s in sides:
            rows = mine[side[mine.index] == s]
            evidence = [(d, outlet, i, f"{k}: {m}" + (f" → {a}" if a else ""), None) for d, i, k, m, a in
                        zip(rows["doc_id"], rows["sentence_id"], rows["kind"], rows["marker"], rows["actor_surface"].fillna(""))]
            b.add(outlet, "hedges", f"hedges concerning {s}", len(rows), "count", len(rows), len(mine), basis, evidence)


def _speech_verbs(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    counts = cue_classes(corpus)
    found = quotes(corpus).merge(corpus.documents[["doc_id", "outlet_id"]], on="doc_id", how="left")
    found = found[found["cue_class"] != ""]
    combos = list(dict.fromkeys(zip(counts["side"], counts["cue_class"])))
    basis = "framing.cue_classes(corpus): quotes of the side introduced by a verb of the class / quotes with a speech verb"
    for outlet in outlets:
        part = counts[counts["outlet_id"] == outlet].set_index(["side", "cue_class"])
        total = int(part["n_outlet"].iloc[0]) if len(part) else 0
        for side, cue_class in combos:
            n = int(part.loc[(side, cue_class), "n"]) if (side, cue_class) in part.index else 0
            rows = found[(found["outlet_id"] == outlet) & (found["side"] == side) & (found["cue_class"] == cue_class)]
            evidence = [(d, outlet, s, f"{c} ({sp})", None) for d, s, c, sp in
                        zip(rows["doc_id"], rows["sentence_id"], rows["cue"], rows["speaker"])]
            b.add(outlet, "speech_verbs", f"speech verbs for {side}: {cue_class}", _share(n, total), "share",
                  n, total, basis, evidence)


def _omissions(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    table = fact_coverage(corpus)
    basis = "framing.fact_coverage(corpus)"
    if not len(table):
        return
    reported = table[table["present"]]
    # per fact: the outlets reporting it, and their sentences
    by_fact = {fact: set(group["outlet_id"]) for fact, group in reported.groupby("fact_id", sort=False)}
    events_of = table.groupby("outlet_id")["event_id"].agg(set)
    facts = table.drop_duplicates("fact_id")[["fact_id", "event_id", "label"]]

    def sentence_rows(rows: pd.DataFrame, label_of: dict) -> list[tuple]:
        return [(d, o, int(s), f"fact {f}: {label_of[f]}", None)
                for d, o, f, ids in zip(rows["doc_id"], rows["outlet_id"], rows["fact_id"], rows["sentence_ids"]) for s in ids]

    label_of = dict(zip(facts["fact_id"], facts["label"]))
    for outlet in outlets:
        mine = facts[facts["event_id"].isin(events_of.get(outlet, set()))]
        if not len(mine):
            continue
        has = {f for f in mine["fact_id"] if outlet in by_fact.get(f, set())}
        others = {f: by_fact.get(f, set()) - {outlet} for f in mine["fact_id"]}
        wide = [f for f in mine["fact_id"] if len(others[f]) >= 2]
        omitted = [f for f in wide if f not in has]
        unique = [f for f in has if not others[f]]
        rows = reported[reported["fact_id"].isin(omitted) & (reported["outlet_id"] != outlet)]
        b.add(outlet, "omissions", "facts omitted that ≥2 other outlets report", len(omitted), "count", len(omitted),
              len(wide), basis + ": facts ≥2 other outlets report that none of the outlet's articles reports "
              "(evidence: the other outlets' sentences)", sentence_rows(rows, label_of))
        rows = reported[reported["fact_id"].isin(has) & (reported["outlet_id"] == outlet)]
        b.add(outlet, "omissions", "facts reported", len(has), "count", len(has), len(mine),
              basis + ": facts of the event the outlet's articles report / all facts of the event", sentence_rows(rows, label_of))
        rows = reported[reported["fact_id"].isin(unique) & (reported["outlet_id"] == outlet)]
        b.add(outlet, "omissions", "facts no other outlet reports", len(unique), "count", len(unique), len(has),
              basis + ": facts only this outlet reports / facts it reports", sentence_rows(rows, label_of))


def _tone(b: _Builder, corpus: Corpus, outlets: list[str]) -> None:
    profile = tone_profile(corpus)
    found = tone(corpus)
    basis = ("framing.tone_profile(corpus), voice 'outlet': mean polarity of the outlet's own words per sentence "
             "naming an actor of the side (below 0 = more negative words)")
    for outlet in outlets:
        part = profile[profile["outlet_id"] == outlet]
        for side, n, mean in zip(part["side"], part["n_sentences"], part["mean_score"]):
            rows = found[(found["outlet_id"] == outlet) & (found["side"] == side)]
            rows = rows.groupby(["doc_id", "sentence_id"], sort=False).agg(
                words=("words", lambda w: sorted({str(x) for ws in w for x in ws})),
                score=("score", "first")).reset_index()
            evidence = [(d, outlet, s, f"score {sc:+.2f}: " + (", ".join(w) if w else "no evaluative word"), None)
                        for d, s, w, sc in zip(rows["doc_id"], rows["sentence_id"], rows["words"], rows["score"])]
            b.add(outlet, "tone", f"tone toward {side}: mean score per sentence", float(mean) if n else np.nan,
                  "score", int(n), int(n), basis, evidence)


def _reuse(b: _Builder, corpus: Corpus, outlets: list[str], sents: pd.DataFrame) -> None:
    shares = reuse_share(corpus)
    passages = reuse(corpus)
    spans = []
    for side, other in (("a", "b"), ("b", "a")):
        spans.append(pd.DataFrame({"doc_id": passages[f"doc_{side}"], "start": passages[f"start_{side}"],
                                   "end": passages[f"end_{side}"], "other": passages[f"outlet_{other}"]}))
    spans = pd.concat(spans, ignore_index=True)
    credits = agencies(corpus)
    for outlet in outlets:
        part = shares[shares["outlet_id"] == outlet]
        n, total = int(part["n_words_shared"].sum()), int(part["n_words"].sum())
        evidence = []
        for doc_id, start, end, other in spans[spans["doc_id"].isin(part["doc_id"])].itertuples(index=False):
            doc_sents = sents[(sents["doc_id"] == doc_id) & (sents["start"] < end) & (sents["end"] > start)]
            evidence += [(doc_id, outlet, s, f"passage shared with {other}", None) for s in doc_sents["sentence_id"]]
        b.add(outlet, "reuse", "share of words in passages shared with another outlet", _share(n, total), "share", n,
              total, "framing.reuse_share(corpus): words inside a passage shared with another outlet / words", evidence)
        rows = credits[credits["outlet_id"] == outlet]
        evidence = []
        for r in rows.itertuples(index=False):
            # agencies() gives raw-text offsets; find the cleaned sentence that stands in the raw line and holds the name
            doc_sents = sents[sents["doc_id"] == r.doc_id] if r.where != "caption" else sents.iloc[0:0]
            inside = doc_sents[[r.surface in t and t in r.line for t in doc_sents["text"]]]
            if len(inside):
                sentence_id, text = inside["sentence_id"].iloc[0], None
            else:             # a line cleaning dropped (photo credit): show the raw line
                sentence_id, text = pd.NA, r.line
            evidence.append((r.doc_id, outlet, sentence_id, f"{r.agency} ({r.where}, line {r.line_no}): {r.surface}", text))
        b.add(outlet, "reuse", "agency credits and mentions", len(rows), "count", len(rows), pd.NA,
              "framing.agencies(corpus): agency names in the raw text, by where they stand "
              "(sign-off, credit, caption dropped by cleaning, mention)", evidence)


def _indicators(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (profile rows, evidence rows), computed together so that they always agree (cached per corpus)."""
    if _CACHE_KEY in corpus._cache:
        return corpus._cache[_CACHE_KEY]
    docs = corpus.documents
    outlet_of_doc = docs["outlet_id"].fillna("").astype(str)
    n_documents = outlet_of_doc[outlet_of_doc != ""].value_counts().to_dict()
    outlets = sorted(n_documents)
    sents = sentences(corpus)
    b = _Builder(n_documents)
    _declared(b, corpus, outlets)
    _voices(b, corpus, outlets)
    _naming(b, corpus, outlets)
    _frames(b, corpus, outlets)
    _hedges(b, corpus, outlets)
    _speech_verbs(b, corpus, outlets)
    _omissions(b, corpus, outlets)
    _tone(b, corpus, outlets)
    _reuse(b, corpus, outlets, sents)

    evidence = pd.DataFrame(b.evidence, columns=EVIDENCE_COLUMNS)
    evidence["sentence_id"] = evidence["sentence_id"].astype("Int64")
    texts = dict(zip(zip(sents["doc_id"], sents["sentence_id"].astype(int)), sents["text"]))
    titles = dict(zip(docs["doc_id"], docs["title"].fillna(""))) if "title" in docs else {}
    filled = []
    for doc_id, sentence_id, text in zip(evidence["doc_id"], evidence["sentence_id"], evidence["text"]):
        if isinstance(text, str):
            filled.append(text)
        elif pd.isna(sentence_id):
            filled.append("")
        else:   # sentence 0 is a metadata title that is not a line of the text (frames, fact_coverage)
            filled.append(texts.get((doc_id, int(sentence_id)), titles.get(doc_id, "") if int(sentence_id) == 0 else ""))
    evidence["text"] = filled
    evidence = evidence.drop_duplicates(["outlet_id", "indicator", "doc_id", "sentence_id", "match"]).reset_index(drop=True)

    profile = pd.DataFrame(b.rows)
    refs = evidence.assign(
        _ref=[_ref(d, s) if pd.notna(s) else f"{d}:line" for d, s in zip(evidence["doc_id"], evidence["sentence_id"])]
    ).groupby(["outlet_id", "indicator"], sort=False)["_ref"].agg(lambda r: "; ".join(dict.fromkeys(r)))
    counts = evidence.groupby(["outlet_id", "indicator"], sort=False).size()
    keys = list(zip(profile["outlet_id"], profile["indicator"]))
    profile["evidence"] = [refs.get(k, "") for k in keys]
    profile["n_evidence"] = np.array([counts.get(k, 0) for k in keys], dtype=np.int64)
    profile["n"] = profile["n"].astype("Int64")
    profile["n_total"] = profile["n_total"].astype("Int64")
    profile["_group"] = profile["group"].map({g: i for i, g in enumerate(GROUPS)})
    profile = profile.sort_values(["outlet_id", "_group"], kind="stable").drop(columns="_group").reset_index(drop=True)
    result = (profile[PROFILE_COLUMNS], evidence)
    corpus._cache[_CACHE_KEY] = result
    return result


def leaning_profile(corpus: Corpus) -> pd.DataFrame:
    """Return every outlet's declared metadata and measured indicators: one row per outlet × indicator.

    What it measures: see the module note; each measured row regroups the
    result of one analysis (named in `basis`) per outlet, pooling the
    outlet's articles. What it cannot tell: a leaning. The rows are not
    weighted or added into a score; with one article per outlet each row
    describes that article (`n_documents`).

    Args:
        corpus: a loaded corpus.

    Returns:
        Columns `outlet_id` (outlets with at least one article, sorted),
        `group` (declared, voices, naming, frames, hedges, speech_verbs,
        omissions, tone, reuse: `GROUPS`), `indicator` (e.g. "share of quoted
        words: russia", "naming of the situation: Konflikt", "frame share in
        lead: diplomacy", "hedges concerning russia", "facts omitted that ≥2
        other outlets report", "tone toward russia: mean score per
        sentence"), `value` (a number, or text for declared rows; NaN when
        the share has no denominator), `unit` (share, count, per 1,000 words,
        score, text), `n` (the count the value rests on: words quoted, matches
        of the variant, lead sentences with the frame, indicator hits,
        hedges, quotes, facts, sentences naming the side, words shared,
        agency names), `n_total` (the denominator of a share or rate, or the
        whole the count is part of), `n_documents` (the outlet's articles),
        `basis` (declared rows: "outlets.csv", or for `leaning` the
        analyst's `leaning_basis`, without which no leaning row appears;
        measured rows: the function and how the value is formed),
        `evidence` (the sentences behind the row as "doc_id:sentence_id"
        refs joined by "; ", "doc_id:line" for a raw line dropped by
        cleaning; for omissions the other outlets' sentences; empty when
        there are none) and `n_evidence` (rows `leaning_evidence` returns).
    """
    return _indicators(corpus)[0].copy()


def leaning_evidence(corpus: Corpus, outlet_id: str, indicator: str | None = None) -> pd.DataFrame:
    """Return the sentences behind one indicator of an outlet's leaning profile (or behind all of them).

    Args:
        corpus: a loaded corpus.
        outlet_id: the outlet.
        indicator: the `indicator` of a `leaning_profile` row; None for every
            indicator of the outlet.

    Returns:
        One row per sentence (× thing matched) behind the indicator: `outlet_id,
        indicator`, `doc_id` and `doc_outlet_id` (the article's outlet: for
        "facts omitted …" the other outlets that report the fact),
        `sentence_id` (Int64; <NA> for a raw line that cleaning dropped, e.g.
        a photo credit), `text` (the sentence, or that line), `match` (what
        was found there: the quote and its kind, the naming variant as
        written, the frame indicators, the hedge marker and the actor it
        concerns, the speech verb and speaker, the fact, the evaluative words
        and the sentence's score, the shared passage, the agency name).

    Raises:
        ValueError: when the outlet or the indicator is not in the profile.
    """
    profile, evidence = _indicators(corpus)
    if outlet_id not in set(profile["outlet_id"]):
        raise ValueError(f"outlet {outlet_id!r} has no leaning profile; outlets: {', '.join(sorted(set(profile['outlet_id'])))}")
    rows = evidence[evidence["outlet_id"] == outlet_id]
    if indicator is not None:
        known = profile.loc[profile["outlet_id"] == outlet_id, "indicator"]
        if indicator not in set(known):
            close = [k for k in known if indicator.lower() in k.lower()][:8]
            raise ValueError(f"{outlet_id!r} has no indicator {indicator!r}"
                             + (f"; did you mean: {'; '.join(close)}" if close else "; see leaning_profile(corpus)['indicator']"))
        rows = rows[rows["indicator"] == indicator]
    return rows.reset_index(drop=True)


def leaning_table(corpus: Corpus, *, cells: str = "value", outlets: list[str] | None = None) -> pd.DataFrame:
    """Return the leaning profiles side by side: one row per indicator, one column per outlet.

    Args:
        corpus: a loaded corpus.
        cells: "value" (numbers and declared text), "n" (the counts) or
            "both" (text "0.25 (n=3)"; declared text as is).
        outlets: the outlets to show, in this order (default: all).

    Returns:
        A DataFrame indexed by `group, indicator, unit`, columns the outlet
        ids; empty cells (NaN) where an outlet has no such row (e.g. no
        declared state affiliation).
    """
    if cells not in ("value", "n", "both"):
        raise ValueError(f"cells must be 'value', 'n' or 'both', not {cells!r}")
    profile = leaning_profile(corpus)
    if outlets is not None:
        profile = profile[profile["outlet_id"].isin(outlets)]
    if cells == "n":
        profile = profile.assign(_cell=profile["n"])
    elif cells == "both":
        def cell(value, unit, n):
            if unit == "text":
                return value
            shown = "n/a" if pd.isna(value) else (f"{value:.0f}" if unit == "count" else f"{value:.2f}")
            return f"{shown} (n={n})" if pd.notna(n) else shown
        profile = profile.assign(_cell=[cell(v, u, n) for v, u, n in zip(profile["value"], profile["unit"], profile["n"])])
    else:
        profile = profile.assign(_cell=profile["value"])
    seen = list(dict.fromkeys(zip(profile["group"], profile["indicator"], profile["unit"])))
    declared = list(DECLARED.values())
    order = sorted(seen, key=lambda k: (GROUPS.index(k[0]) if k[0] in GROUPS else len(GROUPS),
                                        declared.index(k[1]) if k[0] == "declared" and k[1] in declared else seen.index(k)))
    wide = profile.pivot_table(index=["group", "indicator", "unit"], columns="outlet_id", values="_cell",
                               aggfunc="first", dropna=False, sort=False)
    wide = wide.reindex(pd.MultiIndex.from_tuples(order, names=["group", "indicator", "unit"]))
    columns = outlets if outlets is not None else sorted(profile["outlet_id"].unique())
    wide = wide.reindex(columns=[c for c in columns if c in wide.columns])
    wide.columns.name = None
    return wide


# --- correspondence analysis ----------------------------------------------------------------


class SmallTableWarning(UserWarning):
    """A correspondence analysis of so few rows describes those rows (articles), not a population."""


@dataclass
class Correspondence:
    """The result of `correspondence`.

    Attributes:
        counts: the input table (rows × columns of counts) after dropping
            all-zero rows and columns.
        rows: one row per row label: `label, mass` (row share of the grand
            total), `inertia` (its share of the total inertia), `dim_1, dim_2 …`
            (principal coordinates).
        columns: the same for the column labels.
        inertia: one row per dimension: `dim, eigenvalue` (principal inertia),
            `share` (of the total inertia), `cumulative_share`.
        total_inertia: the sum of the eigenvalues (= chi-square / n).
    """

    counts: pd.DataFrame
    rows: pd.DataFrame
    columns: pd.DataFrame
    inertia: pd.DataFrame
    total_inertia: float


def correspondence(table: pd.DataFrame, *, n_dims: int | None = None) -> Correspondence:
    """Correspondence analysis of a table of counts (rows × columns, e.g. outlets × indicators).

    What it measures: which rows have similar profiles (relative
    distributions over the columns) and which columns make them differ; the
    map places rows close together when their profiles are similar and
    towards the columns they use more than average. Total inertia is the
    table's chi-square divided by its grand total (0 when all rows have
    proportional counts). What it cannot tell: anything with few rows: the
    dimensions describe these rows, and a map of 5 articles is a picture of
    5 articles; distances between a row point and a column point are not
    interpretable as such (read the direction from the origin).

    Method: P = N / n, row masses r, column masses c,
    S = D_r^-1/2 (P − r cᵀ) D_c^-1/2, S = U Σ Vᵀ (numpy SVD); principal
    coordinates F = D_r^-1/2 U Σ (rows), G = D_c^-1/2 V Σ (columns). Each
    dimension's sign is normalised so that the row (standard) coordinate of
    largest absolute value (the first row among ties) is positive, so the
    result is deterministic.

    Args:
        table: non-negative counts; index = row labels, columns = column
            labels. All-zero rows and columns are dropped.
        n_dims: dimensions to return (default: all non-trivial ones, at most
            min(rows, columns) − 1).

    Returns:
        A `Correspondence` with the input `counts`, `rows`, `columns`,
        `inertia` and `total_inertia`.

    Raises:
        ValueError: for negative or missing counts, or fewer than 2 non-empty
            rows or columns.

    References:
        Greenacre, M. (2007), *Correspondence Analysis in Practice*, 2nd ed.,
        Chapman & Hall/CRC, ch. 4 and the computational appendix A.
    """
    numbers = table.astype(float)
    if numbers.isna().to_numpy().any() or (numbers.to_numpy() < 0).any():
        raise ValueError("correspondence needs non-negative counts without missing values")
    keep_rows, keep_cols = numbers.sum(axis=1) > 0, numbers.sum(axis=0) > 0
    counts = table.loc[keep_rows, keep_cols]
    numbers = numbers.loc[keep_rows, keep_cols]
    if counts.shape[0] < 2 or counts.shape[1] < 2:
        raise ValueError(f"correspondence needs at least 2 non-empty rows and columns; got {counts.shape}")
    N = numbers.to_numpy()
    P = N / N.sum()
    r, c = P.sum(axis=1), P.sum(axis=0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, sv, Vt = np.linalg.svd(S, full_matrices=False)
    k = min(counts.shape) - 1
    eig = sv[:k] ** 2
    keep = max(1, int((eig > 1e-12 * max(1.0, eig.max(initial=0))).sum()))
    if n_dims is not None:
        keep = min(keep, n_dims)
    U, sv, V = U[:, :keep], sv[:keep], Vt[:keep].T
    for d in range(keep):   # sign: the row standard coordinate of largest |value| (first of ties) is positive
        size = np.abs(U[:, d])
        j = int(np.flatnonzero(size >= size.max() - 1e-9)[0])
        if U[j, d] < 0:
            U[:, d], V[:, d] = -U[:, d], -V[:, d]
    F = U * sv / np.sqrt(r)[:, None]
    G = V * sv / np.sqrt(c)[:, None]
    total = float(eig.sum())
    dims = [f"dim_{d + 1}" for d in range(keep)]

    def points(labels, mass, coords, chi):
        out = pd.DataFrame(coords, columns=dims)
        out.insert(0, "inertia", chi / total if total > 0 else 0.0)
        out.insert(0, "mass", mass)
        out.insert(0, "label", list(map(str, labels)))
        return out

    Z = S ** 2
    rows = points(counts.index, r, F, Z.sum(axis=1))
    cols = points(counts.columns, c, G, Z.sum(axis=0))
    eig_kept = eig[:keep] if total > 0 else np.zeros(keep)
    inertia = pd.DataFrame({"dim": dims, "eigenvalue": eig_kept,
                            "share": eig_kept / total if total > 0 else 0.0})
    inertia["cumulative_share"] = inertia["share"].cumsum()
    return Correspondence(counts=counts, rows=rows, columns=cols, inertia=inertia, total_inertia=total)


def leaning_counts(corpus: Corpus, *, groups: tuple[str, ...] = MAP_GROUPS) -> pd.DataFrame:
    """Return the outlet × count-indicator table that `leaning_map` analyses (the `n` of profile rows).

    Counts per group: voices = quotes of each side (quotes, not words, so
    that each count is one occurrence, as in the other groups: words quoted
    would outweigh everything else in the masses); naming = matches of
    each variant; frames = frame indicators matched (whole article); hedges =
    hedges concerning each side. Columns are prefixed with their group
    ("voices: russia", "naming: …: Konflikt", "frames: diplomacy",
    "hedges: russia"); shares, scores and lead shares are left out, as CA
    needs counts of comparable things within a row.

    Args:
        corpus: a loaded corpus.
        groups: the profile groups to include.

    Returns:
        A DataFrame of int counts: index `outlet_id`, one column per indicator.
    """
    return leaning_counts_from_profile(leaning_profile(corpus), groups=groups)


def leaning_counts_from_profile(profile: pd.DataFrame, *, groups: tuple[str, ...] = MAP_GROUPS) -> pd.DataFrame:
    """Return `leaning_counts` from a `leaning_profile` table already computed (or read from a build)."""
    rows = profile[profile["group"].isin(groups)]
    rows = rows[((rows["group"] != "frames") | rows["indicator"].str.startswith(_FRAME_HITS))
                & ((rows["group"] != "voices") | rows["indicator"].str.startswith(_QUOTES))]

    def column(group, indicator):
        short = indicator
        for prefix in (_QUOTES, _FRAME_HITS, "hedges concerning ", "naming of "):
            short = short.removeprefix(prefix)
        return f"{group}: {short}"

    rows = rows.assign(column=[column(g, i) for g, i in zip(rows["group"], rows["indicator"])])
    order = list(dict.fromkeys(rows["column"]))
    wide = rows.pivot_table(index="outlet_id", columns="column", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=order).fillna(0).astype("int64")
    wide.columns.name = None
    return wide


def leaning_map(corpus: Corpus, *, groups: tuple[str, ...] = MAP_GROUPS, n_dims: int = 2) -> Correspondence:
    """Place outlets on a map by correspondence analysis of their count indicators (input counts included).

    The input is `leaning_counts(corpus, groups=groups)` (in `.counts` of the
    result, all-zero columns dropped): the map is a published method applied
    to visible counts, not a leaning score. Warns (`SmallTableWarning`) when
    an outlet rests on one article or there are fewer than 10 outlets: the
    map then describes these articles.

    Args:
        corpus: a loaded corpus.
        groups: the profile groups whose counts enter the table (default
            voices, naming, frames, hedges).
        n_dims: dimensions to return.

    Returns:
        A `Correspondence` (see `correspondence`).

    References:
        Greenacre, M. (2007), *Correspondence Analysis in Practice*, 2nd ed.
    """
    counts = leaning_counts(corpus, groups=groups)
    docs = corpus.documents["outlet_id"].fillna("").value_counts()
    if len(counts) < 10 or (docs.reindex(counts.index).fillna(0) <= 1).any():
        warnings.warn(SmallTableWarning(
            f"correspondence analysis of {len(counts)} outlets, {int((docs.reindex(counts.index) <= 1).sum())} of them "
            "with one article: the map describes these articles, not the outlets' leaning."), stacklevel=2)
    return correspondence(counts, n_dims=n_dims)
