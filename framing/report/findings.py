"""The report's summary: generated sentences about one event, each with the numbers it rests on.

Every finding is computed from a table of the build (never from the article
texts again) and says what it counts, with the counts, so that a reader can
check it in the section it links to. Where an outlet has few articles the
sentence says how many ("SNA News (1 article)") and the first finding says
what that means for every comparison.

    from framing.report.findings import findings, findings_table
    findings_table(findings(view))     # one row per finding: topic, sentence, numbers, section, source
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..charts import MIN_SENTENCES
from .view import SMALL_GROUP, EventView, join, percent

#: Outlets listed by name in one sentence; beyond this the sentence names the first ones and counts the rest.
OUTLETS_LISTED = 6
#: Characters of an article sentence (a fact's label) quoted in a finding.
QUOTED_CHARS = 140
#: Hedges listed one by one; above this they are counted per outlet.
HEDGES_LISTED = 10
#: Concepts of the naming lexicon summarised (those with the most matches).
NAMING_CONCEPTS = 2
#: Key words named per outlet.
KEY_WORDS = 3
SIGNIFICANCE = 0.05
#: Cosines closer than this are "about the same" (the finding says the order means little).
CLOSE_SIMILARITY = 0.05
QUOTE_MARKS = "„“”\"»«‚‘’'"
HEDGE_KINDS = {"distancing": "distancing", "evidential": "evidential", "reportative": "reportative soll",
               "scare_quotes": "scare quotes"}


@dataclass(frozen=True)
class Finding:
    """One sentence of the summary.

    Attributes:
        topic: what it is about ("Voices", "Facts" …).
        sentence: the sentence, plain text (the report escapes it).
        numbers: the counts and values it rests on, label → value; labels
            name the outlet ids and sides as the report's tables show them.
        section: the anchor of the report section with the chart and table behind it.
        source: the build table(s) it is computed from.
    """

    topic: str
    sentence: str
    numbers: dict
    section: str
    source: str


def findings(view: EventView) -> list[Finding]:
    """Return the summary findings of an event, in reading order.

    Args:
        view: the event of a build (`framing.report.view.EventView`).

    Returns:
        A list of `Finding`; analyses with nothing to report say so in one
        finding rather than being left out.
    """
    found: list[Finding] = []
    for make in (_articles, _voices, _facts, _hedges, _naming, _frames, _reuse, _agencies, _similarity, _tone,
                 _keyness, _lengths):
        found += make(view)
    return found


def findings_table(found: list[Finding]) -> pd.DataFrame:
    """Return findings as a table.

    Returns:
        One row per finding: `topic, sentence, numbers` (the numbers as
        "label = value; …"), `section, source`.
    """
    return pd.DataFrame([
        {"topic": f.topic, "sentence": f.sentence, "numbers": numbers_text(f.numbers), "section": f.section,
         "source": f.source}
        for f in found
    ], columns=["topic", "sentence", "numbers", "section", "source"])


def numbers_text(numbers: dict) -> str:
    """Return a finding's numbers as one line ("sna: quotes = 17; …"), shares as percentages with 3 digits."""
    return "; ".join(f"{label} = {_value(value)}" for label, value in numbers.items())


def _value(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        return "n/a" if np.isnan(value) else f"{value:,.3f}".rstrip("0").rstrip(".")
    return str(value)


def _quoted(text: str) -> str:
    text = " ".join(str(text).split())
    return "“" + (text if len(text) <= QUOTED_CHARS else text[: QUOTED_CHARS - 1].rstrip() + "…") + "”"


def _listed(parts: list[str], what: str = "outlets") -> str:
    """Return parts joined with "; ", the ones beyond `OUTLETS_LISTED` counted ("… and 3 more outlets")."""
    if len(parts) <= OUTLETS_LISTED:
        return "; ".join(parts)
    return "; ".join(parts[:OUTLETS_LISTED]) + f"; and {len(parts) - OUTLETS_LISTED} more {what} (see the chart)"


# --- the findings, one function per analysis --------------------------------------------------


def _articles(view: EventView) -> list[Finding]:
    counts = view.n_articles
    numbers = {f"{o}: articles": n for o, n in counts.items()}
    listed = [view.outlet_n(o) for o in view.outlets]
    if len(listed) > OUTLETS_LISTED:
        listed = [f"{len(listed)} outlets with {min(counts.values()):,} to {max(counts.values()):,} articles each"]
    sentence = (f"The report covers {len(view.documents):,} article{'s' if len(view.documents) != 1 else ''} about "
                f"the event “{view.label}” from {len(counts)} outlet{'s' if len(counts) != 1 else ''}: {join(listed)}.")
    if counts and max(counts.values()) == 1:
        sentence += (" Each outlet is represented by a single article, so every comparison below describes these "
                     "articles, not how the outlets cover the event in general.")
    elif view.small:
        small = [view.outlet(o) for o, n in counts.items() if n < SMALL_GROUP]
        sentence += (f" {join(small)} {'has' if len(small) == 1 else 'have'} fewer than {SMALL_GROUP} articles: "
                     "their numbers describe those articles, not the outlet's coverage.")
    return [Finding("Articles", sentence, numbers, "event", "documents")]


def _voices(view: EventView) -> list[Finding]:
    quotes = view.table("quotes")
    if quotes.empty:
        return [Finding("Voices", "No quote (direct, partial or indirect) was found in these articles.", {"quotes": 0},
                        "voices", "quotes")]
    kinds = quotes["kind"].value_counts()
    unattributed = int((quotes["side"].fillna("").isin(["", "unattributed"])).sum())
    known = ("every quote has a speaker it knows" if unattributed == 0 else
             f"{unattributed:,} {'has' if unattributed == 1 else 'have'} no speaker it knows (side “unattributed”)")
    overview = (f"The articles hold {len(quotes):,} quotes ({int(kinds.get('direct', 0)):,} direct, "
                f"{int(kinds.get('partial', 0)):,} partial, {int(kinds.get('indirect', 0)):,} indirect) with "
                f"{int(quotes['n_words'].sum()):,} quoted words; a quote counts for the side the actor lexicon gives "
                f"its speaker, and {known}.")
    found = [Finding("Voices", overview, {"quotes": len(quotes), "direct": int(kinds.get("direct", 0)),
                                          "partial": int(kinds.get("partial", 0)),
                                          "indirect": int(kinds.get("indirect", 0)),
                                          "quoted words": int(quotes["n_words"].sum()),
                                          "unattributed": unattributed}, "voices", "quotes")]
    share = view.table("share_of_voice")
    share = share[share["kind"] == "all"]
    per_outlet = share.groupby("outlet_id").agg(n_words_outlet=("n_words_outlet", "first"), n_quotes=("n_quotes", "sum"))
    silent = [o for o in view.outlets if o not in per_outlet.index or per_outlet.at[o, "n_words_outlet"] == 0]
    few = [o for o in per_outlet.index if per_outlet.at[o, "n_quotes"] < SMALL_GROUP]
    sides = share.groupby("side")["n_words"].sum().sort_values(ascending=False, kind="stable")
    for side in [s for s in sides.index if sides[s] > 0]:
        rows = share[share["side"] == side].sort_values(["share_words", "n_words"], ascending=False, kind="stable")
        parts, numbers = [], {}
        for row in rows.itertuples():
            parts.append(f"{view.outlet_n(row.outlet_id)} {percent(row.share_words)} ({row.n_words:,} of "
                         f"{row.n_words_outlet:,} quoted words, {row.n_quotes} quote{'s' if row.n_quotes != 1 else ''})")
            numbers[f"{row.outlet_id}: quoted words of {side}"] = int(row.n_words)
            numbers[f"{row.outlet_id}: quoted words"] = int(row.n_words_outlet)
            numbers[f"{row.outlet_id}: quotes of {side}"] = int(row.n_quotes)
        without = [o for o in per_outlet.index if o not in set(rows["outlet_id"]) and o not in silent]
        sentence = f"Share of an outlet's quoted words given to speakers of the side “{view.side(side)}”: {_listed(parts)}"
        if without:
            sentence += f"; {join([view.outlet(o) for o in without])} quote{'s' if len(without) == 1 else ''} no speaker of this side"
        found.append(Finding("Voices", sentence + ".", numbers, "voices", "share_of_voice"))
    notes = []
    if silent:
        notes.append(f"{join([view.outlet(o) for o in silent])} quote{'s' if len(silent) == 1 else ''} no one")
    if few:
        notes.append(f"{join([view.outlet(o) for o in few])} {'has' if len(few) == 1 else 'have'} fewer than "
                     f"{SMALL_GROUP} quotes, so one more quote would change {'its' if len(few) == 1 else 'their'} shares a lot")
    if notes:
        found.append(Finding("Voices", "; ".join(notes) + ".",
                             {f"{o}: quotes": int(per_outlet.at[o, "n_quotes"]) if o in per_outlet.index else 0
                              for o in [*silent, *few]}, "voices", "share_of_voice"))
    return found


def _facts(view: EventView) -> list[Finding]:
    coverage = view.facts
    caveat = (" A fact worded very differently or spread over two sentences is not matched, and a missing fact may "
              "come from an article's length or publication time rather than a choice: read the fact table before "
              "saying an outlet leaves a fact out.")
    if coverage.empty:
        return [Finding("Facts", "No fact is reported by two or more of these articles (sentences grouped by "
                        "similarity)." + caveat, {"facts": 0}, "comparison", "fact_coverage")]
    reported = coverage.groupby("fact_id")["outlet_id"].agg(lambda s: sorted(set(s)))
    facts = coverage.drop_duplicates("fact_id").set_index("fact_id")[["label", "cohesion"]]
    facts["outlets"] = reported.reindex(facts.index).apply(lambda v: v if isinstance(v, list) else [])
    facts["n_outlets"] = facts["outlets"].str.len()
    facts = facts.sort_values(["n_outlets", "cohesion"], ascending=False, kind="stable")
    top = facts.iloc[0]
    found = [Finding(
        "Facts",
        f"{len(facts):,} facts are reported by two or more articles (their sentences grouped by similarity); the most "
        f"widely reported is {_quoted(top['label'])} ({top['n_outlets']} of {len(view.outlets)} outlets: "
        f"{join([view.outlet(o) for o in top['outlets']])})." + caveat,
        {"facts reported by 2+ articles": len(facts), f"{facts.index[0]}: outlets": int(top["n_outlets"])},
        "comparison", "fact_coverage")]
    for outlet in view.outlets:
        others = facts["outlets"].apply(lambda v: len([o for o in v if o != outlet]))
        shared = facts[others >= 2]
        missing = shared[~shared["outlets"].apply(lambda v: outlet in v)]
        if missing.empty:
            continue
        example = missing.iloc[0]
        found.append(Finding(
            "Facts",
            f"No sentence of {view.outlet_n(outlet)} matches {len(missing):,} of the {len(shared):,} facts that at least "
            f"two other outlets report; the most widely reported of them is {_quoted(example['label'])} "
            f"({join([view.outlet(o) for o in example['outlets']])}).",
            {f"{outlet}: facts omitted that ≥2 other outlets report": len(missing),
             f"{outlet}: facts ≥2 other outlets report": len(shared)},
            "comparison", "fact_coverage"))
    return found


def _hedges(view: EventView) -> list[Finding]:
    hedges = view.table("hedges")
    words = view.table("readability").groupby("outlet_id")["n_words"].sum()
    if hedges.empty:
        return [Finding("Hedges", "No distance marker (angeblich, sogenannt, reportative soll, scare quotes …) was "
                        "found in these articles.", {"hedges": 0}, "voices", "hedges")]
    with_hedges = hedges["doc_id"].nunique()
    head = (f"{len(hedges):,} distance marker{'s' if len(hedges) != 1 else ''} in {with_hedges:,} of "
            f"{len(view.documents):,} articles")
    numbers = {"hedges": len(hedges)}
    if len(hedges) <= HEDGES_LISTED:
        parts = []
        for row in hedges.sort_values(["outlet_id", "doc_id", "start"], kind="stable").itertuples():
            actor = (f"linked to “{row.actor_surface}” ({view.side(row.side)})"
                     if isinstance(row.actor_surface, str) and row.actor_surface else "linked to no actor")
            marker = row.marker if str(row.marker)[:1] in QUOTE_MARKS else f"“{row.marker}”"
            parts.append(f"{view.outlet(row.outlet_id)} {marker} ({HEDGE_KINDS.get(row.kind, row.kind)}, {actor})")
        body = "; ".join(parts)
    else:
        per_outlet = hedges.groupby("outlet_id").size().sort_values(ascending=False, kind="stable")
        body = _listed([f"{view.outlet_n(o)} {n:,} ({n / words[o] * 1000:.2f} per 1,000 words)"
                        for o, n in per_outlet.items() if words.get(o, 0) > 0])
        marker = hedges["marker_id"].value_counts()
        body += f"; the most frequent marker is {str(marker.index[0]).replace('_', ' ')} ({int(marker.iloc[0]):,}×)"
    for outlet, n in hedges.groupby("outlet_id").size().items():
        numbers[f"{outlet}: hedges"] = int(n)
    return [Finding("Hedges", f"{head}: {body}. A marker signals distance, not that the claim is false, and its link "
                    "to an actor is by position in the sentence.", numbers, "voices", "hedges")]


def _naming(view: EventView) -> list[Finding]:
    naming = view.table("naming")
    if naming.empty:
        return [Finding("Naming", "No word of the naming lexicon occurs in these articles.", {"matches": 0},
                        "word-choice", "naming")]
    concepts, variants = view.naming_labels
    totals = naming.groupby("concept", sort=False)["n"].sum().sort_values(ascending=False, kind="stable")
    found = []
    for concept in totals.index[:NAMING_CONCEPTS]:
        rows = naming[naming["concept"] == concept].groupby(["outlet_id", "variant"], sort=False)["n"].sum()
        parts, numbers = [], {}
        for outlet in view.outlets:
            if outlet not in rows.index.get_level_values(0):
                continue
            used = rows.loc[outlet].sort_values(ascending=False, kind="stable")
            parts.append(f"{view.outlet(outlet)} " + ", ".join(
                f"{variants.get((concept, v), v)} ({int(n)})" for v, n in used.items()))
            numbers.update({f"{outlet}: {v}": int(n) for v, n in used.items()})
        without = [view.outlet(o) for o in view.outlets if o not in rows.index.get_level_values(0)]
        sentence = (f"Words for {concepts.get(concept, concept)} (as the naming lexicon lists them, with counts): "
                    f"{_listed(parts)}" + (f"; {join(without)} use{'s' if len(without) == 1 else ''} none of them"
                                           if without else "")
                    + ". A count is a word, not a stance: read the concordance before quoting it.")
        found.append(Finding("Naming", sentence, numbers, "word-choice", "naming"))
    return found


def _frames(view: EventView) -> list[Finding]:
    profile = view.table("frame_profile")
    profile = profile[profile["section"] == "all"]
    if profile.empty or profile["n_hits"].sum() == 0:
        return [Finding("Frames", "No frame indicator of the frame lexicon occurs in these articles.", {"hits": 0},
                        "frames", "frame_profile")]
    words = profile.drop_duplicates("doc_id").groupby("outlet_id")["n_words"].sum()
    hits = profile.groupby(["outlet_id", "frame"])["n_hits"].sum()
    parts, numbers = [], {}
    for outlet in view.outlets:
        if outlet not in hits.index.get_level_values(0) or words.get(outlet, 0) == 0:
            continue
        frame_hits = hits.loc[outlet]
        frame = frame_hits.idxmax()
        n = int(frame_hits.max())
        if n == 0:
            continue
        rate = n / words[outlet] * 1000
        parts.append(f"{view.outlet(outlet)} {view.frame_labels.get(frame, frame)} ({n} indicator word"
                     f"{'s' if n != 1 else ''} in {int(words[outlet]):,} words, {rate:.1f} per 1,000)")
        numbers[f"{outlet}: {frame} hits"] = n
        numbers[f"{outlet}: words"] = int(words[outlet])
    return [Finding("Frames", f"The frame with the most indicator words in each outlet: {_listed(parts)}. Indicators "
                    "count a frame's vocabulary, not the frame: a quoted, negated or rejected word counts too.",
                    numbers, "frames", "frame_profile")]


def _reuse(view: EventView) -> list[Finding]:
    passages = view.table("reuse")
    if passages.empty:
        return [Finding("Reuse", "No two articles of different outlets share a passage (12 or more words in shared "
                        "5-word sequences).", {"passages": 0}, "comparison", "reuse")]
    pairs = passages.assign(pair=[tuple(sorted(p)) for p in zip(passages["outlet_a"], passages["outlet_b"])])
    pairs = pairs.groupby("pair").agg(n_passages=("n_words", "size"), n_words=("n_words", "sum"),
                                      similarity=("similarity", "mean")).sort_values("n_words", ascending=False)
    shares = view.table("reuse_share").groupby("outlet_id")[["n_words", "n_words_shared"]].sum()
    parts, numbers = [], {"passages": len(passages)}
    for (a, b), row in zip(pairs.index[:3], pairs.head(3).itertuples()):
        parts.append(f"{view.outlet_n(a)} and {view.outlet_n(b)} share {row.n_passages} passage"
                     f"{'s' if row.n_passages != 1 else ''} of {int(row.n_words):,} words (similarity "
                     f"{row.similarity:.2f})")
        numbers[f"{a}–{b}: passages"] = int(row.n_passages)
        numbers[f"{a}–{b}: shared words"] = int(row.n_words)
    outlets = [o for o in shares.index if shares.at[o, "n_words_shared"] > 0]
    share_parts = []
    for outlet in outlets:
        shared, total = int(shares.at[outlet, "n_words_shared"]), int(shares.at[outlet, "n_words"])
        share_parts.append(f"{percent(shared / total)} of the words of {view.outlet(outlet)} ({shared:,} of {total:,})")
        numbers[f"{outlet}: words in shared passages"] = shared
        numbers[f"{outlet}: words"] = total
    more = f" ({len(pairs) - 3} more pairs in the table)" if len(pairs) > 3 else ""
    return [Finding("Reuse", f"{'; '.join(parts)}{more}. Words inside passages shared with another outlet: "
                    f"{_listed(share_parts)}. Shared wording is most likely common agency copy; it cannot tell who "
                    "copied whom.", numbers, "comparison", "reuse, reuse_share")]


def _agencies(view: EventView) -> list[Finding]:
    agencies = view.table("agencies")
    if agencies.empty:
        return [Finding("Reuse", "No article names a news agency (sign-off, credit, caption or mention).",
                        {"agency names": 0}, "comparison", "agencies")]
    parts, numbers = [], {}
    for outlet, rows in agencies.groupby("outlet_id", sort=True):
        named = []
        for agency, found in rows.groupby("agency", sort=True):
            places = ", ".join(dict.fromkeys(found["where"].astype(str)))
            named.append(f"{agency.upper()} ({places})")
            numbers[f"{outlet}: {agency}"] = len(found)
        parts.append(f"{view.outlet(outlet)}: {', '.join(named)}")
    without = [view.outlet(o) for o in view.outlets if o not in set(agencies["outlet_id"])]
    sentence = f"Agency names in the raw text: {_listed(parts)}"
    if without:
        sentence += f"; {join(without)} name{'s' if len(without) == 1 else ''} no agency"
    return [Finding("Reuse", sentence + ". A caption credit is about the picture, not the words; an article without a "
                    "credit may still be agency copy.", numbers, "comparison", "agencies")]


def _similarity(view: EventView) -> list[Finding]:
    pairs = view.table("similarity")
    pairs = pairs[pairs["a"] < pairs["b"]].sort_values("similarity", ascending=False, kind="stable")
    if len(pairs) < 2:
        return []
    most, least = pairs.iloc[0], pairs.iloc[-1]
    close = (" The pairs differ little, so the order says little."
             if most["similarity"] - least["similarity"] < CLOSE_SIMILARITY else "")
    return [Finding(
        "Similarity",
        f"The outlets' vocabulary is most alike between {view.outlet(most['a'])} and {view.outlet(most['b'])} "
        f"(cosine {most['similarity']:.2f}, {int(most['n_shared_features']):,} lemmas in common) and least alike "
        f"between {view.outlet(least['a'])} and {view.outlet(least['b'])} (cosine {least['similarity']:.2f}, "
        f"{int(least['n_shared_features']):,} in common). Shared vocabulary is not agreement: shared agency copy and "
        "translation move it too." + close,
        {f"{most['a']}–{most['b']}: cosine": float(most["similarity"]),
         f"{least['a']}–{least['b']}: cosine": float(least["similarity"])},
        "comparison", "similarity")]


def _tone(view: EventView) -> list[Finding]:
    tone = view.table("tone_profile")
    if "voice" in tone:
        tone = tone[tone["voice"] == "outlet"]
    if tone.empty or tone["n_sentences"].sum() == 0:
        return []
    n_sentences, n_evaluative = int(tone["n_sentences"].sum()), int(tone["n_sentences_evaluative"].sum())
    sentence = (f"Tone: of {n_sentences:,} sentences naming an actor (counted once per side they name), "
                f"{n_evaluative:,} ({percent(n_evaluative / n_sentences)}) hold an evaluative word in the outlet's own "
                "voice.")
    numbers = {"sentences naming an actor (per side)": n_sentences, "with an evaluative word": n_evaluative}
    solid = tone[(tone["n_sentences"] >= MIN_SENTENCES) & tone["mean_score"].notna()]
    if len(solid) >= 2:
        low = solid.loc[solid["mean_score"].idxmin()]
        high = solid.loc[solid["mean_score"].idxmax()]
        sentence += (f" The mean scores resting on {MIN_SENTENCES} or more sentences lie between "
                     f"{low['mean_score']:+.2f} ({view.outlet(low['outlet_id'])} on {view.side(low['side'])}, "
                     f"{int(low['n_sentences'])} sentences) and {high['mean_score']:+.2f} "
                     f"({view.outlet(high['outlet_id'])} on {view.side(high['side'])}, {int(high['n_sentences'])} "
                     "sentences).")
        numbers[f"{low['outlet_id']}/{low['side']}: mean score"] = float(low["mean_score"])
        numbers[f"{high['outlet_id']}/{high['side']}: mean score"] = float(high["mean_score"])
    sentence += (" The lexicon counts descriptive words of war reporting (Angriff, Invasion) as negative and cannot "
                 "tell at whom a word is aimed: read the words behind a score.")
    return [Finding("Tone", sentence, numbers, "voices", "tone_profile")]


def _keyness(view: EventView) -> list[Finding]:
    if len(view.outlets) < 2:
        return []
    parts, numbers, significant = [], {}, 0
    for outlet in view.outlets[:OUTLETS_LISTED]:
        scores = view.keyness(outlet)
        top = scores[scores["stat"] > 0].nlargest(KEY_WORDS, "stat", keep="first")
        if top.empty:
            continue
        significant += int(((scores["stat"] > 0) & (scores["p"] < SIGNIFICANCE)).sum())
        parts.append(f"{view.outlet(outlet)} " + ", ".join(
            f"{row.feature} ({int(row.n_target)} vs {int(row.n_reference)})" for row in top.itertuples()))
        numbers.update({f"{outlet}: {row.feature}": f"{int(row.n_target)} vs {int(row.n_reference)}"
                        for row in top.itertuples()})
    if not parts:
        return []
    more = (f" (the first {OUTLETS_LISTED} of {len(view.outlets)} outlets)" if len(view.outlets) > OUTLETS_LISTED else "")
    sentence = (f"Words each outlet uses relatively more than all the others together (log-odds z; count in the outlet "
                f"vs in the others){more}: {'; '.join(parts)}.")
    sentence += (f" {significant:,} word{'s' if significant != 1 else ''} over all outlets reach p < {SIGNIFICANCE}."
                 if significant else f" None reaches p < {SIGNIFICANCE}: treat them as leads to read, not findings.")
    return [Finding("Word choice", sentence, numbers, "word-choice", "term_counts (keyness)")]


def _lengths(view: EventView) -> list[Finding]:
    scores = view.table("readability")
    if scores.empty:
        return []
    per = scores.groupby("outlet_id").agg(n_words=("n_words", "mean"), flesch=("flesch_amstad", "mean"),
                                          wps=("words_per_sentence", "mean"), n=("doc_id", "size"))
    mean = "" if per["n"].max() == 1 else " (means over each outlet's articles)"
    longest, shortest = per["n_words"].idxmax(), per["n_words"].idxmin()
    easiest, hardest = per["flesch"].idxmax(), per["flesch"].idxmin()
    sentence = (f"Length{mean}: {view.outlet_n(longest)} has the most words per article ({per.at[longest, 'n_words']:,.0f}), "
                f"{view.outlet_n(shortest)} the fewest ({per.at[shortest, 'n_words']:,.0f}); a short article has fewer "
                f"chances to quote, name or frame. By Flesch-Amstad (0-100, higher = easier), {view.outlet(easiest)} "
                f"reads easiest ({per.at[easiest, 'flesch']:.1f}) and {view.outlet(hardest)} hardest "
                f"({per.at[hardest, 'flesch']:.1f}), with {per.at[easiest, 'wps']:.1f} and {per.at[hardest, 'wps']:.1f} "
                "words per sentence; the formula measures word and sentence length only.")
    numbers = {f"{longest}: words per article": float(per.at[longest, "n_words"]),
               f"{shortest}: words per article": float(per.at[shortest, "n_words"]),
               f"{easiest}: Flesch-Amstad": float(per.at[easiest, "flesch"]),
               f"{hardest}: Flesch-Amstad": float(per.at[hardest, "flesch"])}
    return [Finding("Length and readability", sentence, numbers, "event", "readability")]
