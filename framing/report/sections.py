"""The report's sections: per analysis, the same figures the dashboard draws, its tables (aggregated, capped) and notes.

Each chart is called as the dashboard's page calls it (`dashboard/views/*.py`),
with the dashboard's default choices, so a reader sees the same figure in
both. What the report adds is a cap: a chart drawn per article (lengths,
readability, cleaning, the reuse matrix) or per sentence is replaced by a
per-outlet table above `CHART_ARTICLES` articles or `SENTENCE_POINTS`
sentences, which keeps the file small enough to e-mail.
"""

from __future__ import annotations

import pandas as pd

from .. import charts
from ..charts import SENTENCE_POINTS
from ..chart_articles import CHART_ARTICLES, articles_reporting_most, articles_sharing_most
from ..event_tables import recorded_warnings
from ..results import fact_grid
from .blocks import TABLE_ROWS, Chart, Section, Text, table
from .view import EventView

# CHART_ARTICLES: charts with one bar or column per article are drawn up to this many articles; above it,
# per-outlet tables, or (reuse and fact coverage matrices) the articles that matter most (framing.chart_articles).
# SENTENCE_POINTS (framing.charts): the sentence-length chart is drawn up to this many sentences; above it,
# a per-outlet table.
#: Charts drawn once per outlet (keyness, leaning profile) are drawn for at most this many outlets.
OUTLET_CHARTS = 8
#: Pairs of articles whose shared passages are drawn side by side.
REUSE_PAIRS = 3
DASHBOARD = "the dashboard (`make dashboard`) and its CSV downloads"


def sections(view: EventView) -> list[Section]:
    """Return the report's analysis sections for one event, in reading order (the summary comes before them)."""
    return [make(view) for make in (_event, _word_choice, _frames, _voices, _comparison, _profiles, _cleaning)]


def _outlets_charted(view: EventView) -> list[str]:
    """Return the outlets that get a chart of their own: all, or the `OUTLET_CHARTS` with the most articles."""
    ranked = sorted(view.outlets, key=lambda o: (-view.n_articles.get(o, 0), o))
    return sorted(ranked[:OUTLET_CHARTS])


def _capped_outlets(view: EventView) -> str:
    charted = _outlets_charted(view)
    if len(charted) == len(view.outlets):
        return ""
    return (f" One chart per outlet is drawn for the {len(charted)} outlets with the most articles of "
            f"{len(view.outlets)}; the others are in {DASHBOARD}.")


# --- sections ------------------------------------------------------------------------------------


def _event(view: EventView) -> Section:
    section = Section("event", "The event and the outlets",
                      "What the articles are about, who published them and how long and readable they are.")
    about = [view.event[key] for key in ("description",) if key in view.event]
    details = ", ".join(f"{key}: {view.event[key]}" for key in ("date", "place") if key in view.event)
    if details:
        about.append(details[0].upper() + details[1:] + ".")
    if about:
        section.blocks.append(Text(tuple(about)))
    outlets = view.results.outlets[view.results.outlets["outlet_id"].isin(view.outlets)].copy()
    outlets["n_articles"] = outlets["outlet_id"].map(view.n_articles).fillna(0).astype(int)
    if "leaning" in outlets and "leaning_basis" in outlets:  # a leaning label only with who judged it and on what
        outlets["leaning"] = outlets["leaning"].where(outlets["leaning_basis"].fillna("") != "", "")
    section.blocks.append(table(outlets, "Outlets (declared in outlets.csv)", max_rows=len(outlets), columns=[
        "outlet_id", "name", "country", "ownership", "outlet_type", "state_affiliation", "leaning", "leaning_basis",
        "n_articles", "note"]))
    documents = view.documents.sort_values(["outlet_id", "doc_id"], kind="stable")
    section.blocks.append(table(documents, "Articles", columns=["doc_id", "outlet_id", "title", "published",
                                                                "attribution"],
                                order="by outlet, then doc_id", where=DASHBOARD))
    scores = view.table("readability")
    if len(view.documents) <= CHART_ARTICLES:
        section.blocks.append(Chart("lengths", charts.lengths(scores, documents=view.documents)))
        section.blocks.append(Chart("readability", charts.readability(scores, metric="flesch_amstad",
                                                                      documents=view.documents)))
    else:
        section.blocks.append(Text((f"With {len(view.documents):,} articles, lengths and readability are summarised "
                                    f"per outlet (medians over its articles) instead of drawn per article "
                                    f"(up to {CHART_ARTICLES} articles).",)))
        section.blocks.append(table(_readability_per_outlet(scores), "Length and readability per outlet (medians)",
                                    max_rows=len(view.outlets)))
    sentences = view.table("sentence_lengths")
    if len(sentences) <= SENTENCE_POINTS:
        section.blocks.append(Chart("sentence_lengths", charts.sentence_lengths(sentences, documents=view.documents)))
    else:
        section.blocks.append(table(_sentence_lengths_per_outlet(sentences), "Sentence length per outlet (words)",
                                    max_rows=len(view.outlets)))
    if len(view.documents) <= CHART_ARTICLES:
        section.blocks.append(table(scores, "Readability per article", columns=[
            "doc_id", "outlet_id", "n_words", "n_sentences", "words_per_sentence", "flesch_amstad", "wstf1", "mattr",
            "mtld"], order="in document order", where=DASHBOARD))
    return section


def _readability_per_outlet(scores: pd.DataFrame) -> pd.DataFrame:
    grouped = scores.groupby("outlet_id")
    return pd.DataFrame({
        "articles": grouped.size(),
        "words (median)": grouped["n_words"].median(),
        "words (fewest)": grouped["n_words"].min(),
        "words (most)": grouped["n_words"].max(),
        "words per sentence (median)": grouped["words_per_sentence"].median(),
        "Flesch-Amstad (median; higher = easier)": grouped["flesch_amstad"].median(),
        "Wiener Sachtextformel 1 (median; school grade)": grouped["wstf1"].median(),
        "MATTR (median)": grouped["mattr"].median(),
    }).reset_index()


def _sentence_lengths_per_outlet(sentences: pd.DataFrame) -> pd.DataFrame:
    grouped = sentences.groupby("outlet_id")["n_words"]
    return pd.DataFrame({
        "sentences": grouped.size(), "articles": sentences.groupby("outlet_id")["doc_id"].nunique(),
        "mean": grouped.mean(), "lower quartile": grouped.quantile(0.25), "median": grouped.median(),
        "upper quartile": grouped.quantile(0.75), "longest": grouped.max(),
    }).reset_index()


def _word_choice(view: EventView) -> Section:
    section = Section("word-choice", "Word choice",
                      "Which words each outlet uses more than the others, and which of the competing words for the "
                      "same thing it chooses." + _capped_outlets(view)
                      + " The dashboard's Word choice page also compares any two outlets, draws every word as a "
                      "scatter and searches a concordance.")
    if len(view.outlets) < 2:
        section.blocks.append(Text(("Keyness compares outlets: this event has articles of one outlet only.",)))
    else:
        for outlet in _outlets_charted(view):
            section.blocks.append(Chart("keyness", charts.keyness(view.keyness(outlet), n=20),
                                        caption=f"{view.outlet(outlet)} against all other outlets of the event."))
    names = view.table("naming")
    if names.empty:
        section.blocks.append(Text(("No naming variant of naming.yaml occurs in these articles.",)))
    else:
        section.blocks.append(Chart("naming", charts.naming(names, documents=view.documents,
                                                            variants=view.results.naming_variants()),
                                    warnings=tuple(view.warnings("naming"))))
        counts = (names.groupby(["concept", "variant", "outlet_id"], sort=False)
                  .agg(n=("n", "sum"), n_articles=("doc_id", "nunique")).reset_index()
                  .sort_values(["concept", "n"], ascending=[True, False], kind="stable"))
        section.blocks.append(table(counts, "Naming variants per outlet", order="by concept, most matches first",
                                    where=DASHBOARD))
    return section


def _frames(view: EventView) -> Section:
    section = Section("frames", "Frames",
                      "How much of the vocabulary of each news frame the outlets use, in the whole article and in "
                      "the headline and lead against the body.")
    profile = view.table("frame_profile")
    indicators = view.results.frame_indicators()
    section.blocks.append(Chart("frame_profile", charts.frame_profile(
        profile, section="all", value="hits_per_1000_words", indicators=indicators, documents=view.documents),
        warnings=tuple(view.warnings("frame_profile"))))
    section.blocks.append(Chart("frame_profile_lead_body", charts.frame_profile_lead_body(
        profile, indicators=indicators, documents=view.documents)))
    found = view.table("frames")
    if len(found):
        labels = view.frame_labels
        words = found.assign(match=found["matches"].astype(str).str.split("; ")).explode("match")
        top_words = (words.groupby(["frame", "outlet_id"])["match"]
                     .agg(lambda s: ", ".join(s.value_counts().head(6).index)))
        per = (found.groupby(["frame", "outlet_id"]).agg(n_sentences=("sentence_id", "size"), n_hits=("n_hits", "sum"))
               .join(top_words.rename("most frequent indicators")).reset_index()
               .sort_values(["n_hits"], ascending=False, kind="stable"))
        per["frame"] = per["frame"].map(lambda f: labels.get(f, f))
        section.blocks.append(table(per, "Frame sentences per outlet, with the indicator words matched",
                                    order="most indicators first", where=DASHBOARD))
    return section


def _voices(view: EventView) -> Section:
    section = Section("voices", "Voices",
                      "Who is named and quoted, how quotes are introduced, how much room each side's words get, where "
                      "an outlet keeps its distance from a claim, and the evaluative words near each side.")
    actors = view.table("actor_counts")
    if len(actors):
        mentions = (actors.groupby(["outlet_id", "actor_id", "side"]).agg(n_mentions=("n", "sum"),
                                                                           n_articles=("doc_id", "nunique"))
                    .reset_index().sort_values("n_mentions", ascending=False, kind="stable"))
        section.blocks.append(table(mentions, "Actors mentioned, per outlet", order="most mentions first",
                                    where=DASHBOARD))
    quotes = view.table("quotes")
    if len(quotes):
        quotes = quotes.sort_values(["outlet_id", "doc_id", "start"], kind="stable")
        section.blocks.append(table(quotes, "Quotes", columns=[
            "outlet_id", "doc_id", "kind", "speaker", "side", "cue", "cue_class", "quote", "n_words"],
            order="by outlet and article, in text order", where=DASHBOARD))
    section.blocks.append(Chart("share_of_voice", charts.share_of_voice(view.table("share_of_voice"),
                                                                        documents=view.documents, kind="all"),
                                warnings=tuple(view.warnings("share_of_voice"))))
    section.blocks.append(Chart("cue_classes", charts.cue_classes(view.table("cue_classes"), documents=view.documents),
                                warnings=tuple(view.warnings("cue_classes"))))
    hedges = view.table("hedges")
    section.blocks.append(Chart("hedges", charts.hedges(hedges, documents=view.documents,
                                                        words=view.table("readability")),
                                warnings=tuple(view.warnings("hedges"))))
    if len(hedges):
        section.blocks.append(table(hedges.sort_values(["outlet_id", "doc_id", "start"], kind="stable"), "Hedges",
                                    columns=["outlet_id", "doc_id", "kind", "marker", "actor_surface", "side",
                                             "concerns_by", "sentence"],
                                    order="by outlet and article, in text order", where=DASHBOARD))
    section.blocks.append(Chart("tone_profile", charts.tone_profile(view.table("tone_profile"),
                                                                    documents=view.documents),
                                warnings=tuple(view.warnings("tone_profile"))))
    return section


def _comparison(view: EventView) -> Section:
    section = Section("comparison", "Comparison",
                      "Passages two outlets share (agency copy), which facts each article reports, and how alike the "
                      "outlets' vocabulary is.")
    if len(view.outlets) < 2:
        section.blocks.append(Text(("Comparisons need two outlets: this event has articles of one outlet only.",)))
        return section
    passages = view.table("reuse")
    shares = view.table("reuse_share")
    section.blocks += _reuse_blocks(view, passages, shares)
    agencies = view.table("agencies")
    if len(agencies):
        section.blocks.append(table(agencies.sort_values(["outlet_id", "doc_id", "start"], kind="stable"),
                                    "News agencies named in the raw text", columns=[
                                        "outlet_id", "doc_id", "agency", "surface", "where", "form", "line"],
                                    order="by outlet and article", where=DASHBOARD))
    reported = view.facts
    if reported.empty:
        section.blocks.append(Text(("No fact is reported by two or more of these articles.",)))
    else:
        most = int(reported["n_documents"].max())
        # as the dashboard's slider starts: facts of at least a quarter of the articles, for a readable matrix
        min_documents = min(most, max(2, -(-len(view.documents) // 4)))
        chosen = reported[reported["n_documents"] >= min_documents]
        drawn = articles_reporting_most(chosen, len(view.documents))
        documents = drawn.documents(view.documents)
        caption = f"Facts reported by at least {min_documents} articles. {drawn.caption}".strip()
        grid = fact_grid(chosen, documents)  # the table `Results.table("fact_coverage")` gives, for these facts and articles
        section.blocks.append(Chart("fact_coverage", charts.fact_coverage(grid, documents=view.documents,
                                                                          min_documents=min_documents),
                                    warnings=tuple(view.warnings("fact_coverage")), caption=caption))
        facts = (reported.groupby(["fact_id", "label"], sort=False)
                 .agg(n_documents=("doc_id", "nunique"), n_outlets=("outlet_id", "nunique"),
                      outlets=("outlet_id", lambda s: ", ".join(sorted(set(s)))))
                 .reset_index().sort_values(["n_documents"], ascending=False, kind="stable"))
        section.blocks.append(table(facts, "Facts reported by two or more articles", order="most articles first",
                                    where=DASHBOARD))
    section.blocks.append(Chart("similarity", charts.similarity(view.table("similarity"), documents=view.documents),
                                warnings=tuple(view.warnings("similarity"))))
    return section


def _reuse_blocks(view: EventView, passages: pd.DataFrame, shares: pd.DataFrame) -> list:
    """Return the reuse matrix, the aligned passages of the pairs sharing most, and the passage table."""
    blocks: list = []
    drawn = articles_sharing_most(shares, len(view.documents))
    blocks.append(Chart("reuse", charts.reuse(drawn.pairs(passages), shares=drawn.documents(shares),
                                              documents=drawn.documents(view.documents)),
                        warnings=tuple(view.warnings("reuse")), caption=drawn.caption))
    if passages.empty:
        return blocks
    pairs = (passages.groupby(["doc_a", "doc_b"], sort=False)["n_words"].sum()
             .sort_values(ascending=False, kind="stable").head(REUSE_PAIRS))
    for doc_a, doc_b in pairs.index:
        blocks.append(Chart("reuse_passages", charts.reuse_passages(passages, doc_a, doc_b)))
    blocks.append(table(passages.sort_values("n_words", ascending=False, kind="stable"), "Shared passages", columns=[
        "outlet_a", "doc_a", "outlet_b", "doc_b", "n_words", "similarity", "passage_a"],
        order="longest first", where=DASHBOARD))
    return blocks


def _profiles(view: EventView) -> Section:
    section = Section("profiles", "Outlet profiles",
                      "Per outlet, what it declares about itself and what its articles measurably do, indicator by "
                      "indicator; and a map of how the outlets' count profiles differ." + _capped_outlets(view))
    profile = view.table("leaning_profile")
    warned = tuple(view.warnings("leaning_profile"))
    for outlet in _outlets_charted(view):
        section.blocks.append(Chart("leaning_profile", charts.leaning_profile(profile, outlet, documents=view.documents),
                                    warnings=warned))
    if len(view.outlets) >= 3:
        result, seen = recorded_warnings(view.results.leaning_map, view.event_id, view.outlets)
        section.blocks.append(Chart("leaning_map", charts.leaning_map(result, documents=view.documents),
                                    warnings=tuple(dict.fromkeys(str(w.message) for w in seen))))
        section.blocks.append(table(result.counts.reset_index(), "The counts the map is computed from",
                                    max_rows=TABLE_ROWS, where=DASHBOARD))
    return section


def _cleaning(view: EventView) -> Section:
    section = Section("cleaning", "Cleaning",
                      "Lines removed from the articles before analysis (site chrome, captions, teasers), by rule.")
    cleaning = view.table("cleaning")
    if cleaning.empty:
        section.blocks.append(Text(("Cleaning removed nothing from these articles.",)))
    else:
        if len(view.documents) <= CHART_ARTICLES:
            section.blocks.append(Chart("cleaning", charts.cleaning(cleaning, documents=view.documents)))
        per = (cleaning.groupby(["reason", "outlet_id"])
               .agg(n_lines=("line_no", "size"), n_articles=("doc_id", "nunique"),
                    rules=("rule_id", lambda s: ", ".join(sorted(set(s.astype(str))))))
               .reset_index().sort_values("n_lines", ascending=False, kind="stable"))
        section.blocks.append(table(per, "Lines removed per reason and outlet", order="most lines first",
                                    where=DASHBOARD))
    problems = view.results.problems
    if len(problems):
        section.blocks.append(table(problems, "Problems found while loading the corpus files", where=DASHBOARD))
    return section
