"""Word choice: keyness (measure, target and reference selectable), naming variants, a concordance search."""

import streamlit as st

from common import method_note, outlet_label, show_chart, show_sections, show_table, start_page, with_warnings
from framing import charts

SCATTER_FEATURES = 1_000  # plotting every word of a large event makes the page slow to redraw
TABLE_ROWS = 200
ALL_OTHERS = "(all other selected outlets)"
MEASURES = {"logodds": "log-odds with prior (Monroe et al.)", "chi2": "chi-squared", "lr": "likelihood ratio G²"}

found, event_id, outlets, documents = start_page("Word choice", min_outlets=2)


def keyness_scores():
    """Draw the keyness options (target, reference, measure); return the scores, their warnings, target and measure.

    The Key words and Word scatter tabs share these options (only one tab is drawn at a time).
    """
    left, middle, right = st.columns(3)
    target = left.selectbox("Target outlet", outlets, format_func=lambda o: outlet_label(found, o),
                            key="keyness_target")
    reference = middle.selectbox("Reference", [ALL_OTHERS, *[o for o in outlets if o != target]],
                                 format_func=lambda o: o if o == ALL_OTHERS else outlet_label(found, o),
                                 key="keyness_reference")
    measure = right.selectbox("Measure", list(MEASURES), key="keyness_measure", format_func=MEASURES.get)
    scores, warned = with_warnings(found.keyness, event_id, target=target,
                                   reference=None if reference == ALL_OTHERS else reference,
                                   outlets=outlets, measure=measure)
    return scores, warned, target, measure


def key_words() -> None:
    st.caption("Which words one outlet uses more than the others.")
    scores, warned, target, measure = keyness_scores()
    show_chart(charts.keyness(scores, n=20), "keyness", warnings=warned)
    show_table(scores, f"keyness_{target}_{measure}", event_id=event_id, key="csv_keyness", max_rows=TABLE_ROWS)


def word_scatter() -> None:
    st.caption("Every word's frequency in the target and the reference, coloured by its score.")
    scores, warned, _, _ = keyness_scores()
    frequent = scores.assign(_n=scores["n_target"] + scores["n_reference"]).nlargest(SCATTER_FEATURES, "_n",
                                                                                     keep="first")
    show_chart(charts.keyness_scatter(scores.loc[sorted(frequent.index)], n_labels=12), "keyness_scatter",
               warnings=warned)
    if len(scores) > SCATTER_FEATURES:
        st.caption(f"The scatter shows the {SCATTER_FEATURES:,} most frequent of {len(scores):,} words; the Key "
                   "words tab's table and its CSV have all of them.")


def naming() -> None:
    st.caption("Which word each outlet uses for the same thing.")
    names = found.table("naming", event_id, outlets)
    if names.empty:
        st.info("No naming variant of naming.yaml occurs in these articles.")
        return
    show_chart(charts.naming(names, documents=documents, variants=found.naming_variants()), "naming")
    show_table(names, "naming", event_id=event_id)


def concordance() -> None:
    st.caption("Every occurrence in context: check any claim about word choice here. `*` matches any letters "
               "(Krieg* finds Kriegs, Kriegen); with 'lemma' the search covers inflected forms.")
    query_column, unit_column, window_column = st.columns([3, 1, 1])
    query = query_column.text_input("Search word or phrase", key="kwic_query",
                                    placeholder="e.g. Nato*, angeblich*, Krieg")
    unit = unit_column.radio("Match", ["token", "lemma"], horizontal=True, key="kwic_unit")
    window = window_column.slider("Words of context", 3, 20, 8, key="kwic_window")
    if not query.strip():
        return
    try:
        lines = found.kwic(event_id, query.strip(), outlets=outlets, unit=unit, window=window)
    except ValueError as error:
        st.error(f"The search could not run: {error}")
        return
    st.caption(f"{len(lines)} occurrence(s) of “{query.strip()}” in {lines['doc_id'].nunique()} article(s).")
    show_table(lines, "concordance", event_id=event_id)
    method_note("kwic")


show_sections({"Key words": key_words, "Word scatter": word_scatter, "Naming": naming, "Concordance": concordance},
              key="word_choice_tab")
