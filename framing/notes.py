"""Method notes: one plain-language paragraph to show beside every chart.

The Streamlit dashboard and the HTML reports put a short note next to each
chart for readers who do not code: what the chart shows, how its numbers are
computed, what it cannot tell, and the published method it rests on. The notes
distil the README's "Methods, and what they cannot tell" and the docstrings of
the analysis and chart functions; they add no claim of their own, and every
reference is one those texts already cite. Where a method is the project's own
(a rule list, a lexicon, a plain count), the reference says so.

`NOTES` is keyed by the chart function names of `framing.charts` (every chart
there has a note), plus the tables and views that have no chart of their own:
`kwic` (the concordance), `actors` (the mention table), `quotes` (the quote
table) and `highlight` (the Read page's highlighted article).

    from framing.notes import note
    st.markdown(note("keyness").markdown())
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MethodNote", "NOTES", "note"]


@dataclass(frozen=True)
class MethodNote:
    """A plain-language note on one chart or table: four short parts and a reference."""

    title: str
    shows: str
    computed: str
    cannot_tell: str
    reference: str

    def markdown(self) -> str:
        """Return the note as one Markdown paragraph with bold headings."""
        return (
            f"**What it shows.** {self.shows} "
            f"**How it is computed.** {self.computed} "
            f"**What it cannot tell.** {self.cannot_tell} "
            f"**Reference:** {self.reference}"
        )

    def text(self) -> str:
        """Return the note as one plain-text paragraph (the Markdown without its bold marks)."""
        return (
            f"What it shows. {self.shows} "
            f"How it is computed. {self.computed} "
            f"What it cannot tell. {self.cannot_tell} "
            f"Reference: {self.reference}"
        )


# References, in the short form the README and the docstrings cite them.
_READABILITY_REFS = (
    "Amstad (1978), Wie verständlich sind unsere Zeitungen?; Bamberger & Vanecek (1984), "
    "Lesen – Verstehen – Lernen – Schreiben; Covington & McFall (2010), Journal of Quantitative "
    "Linguistics 17(2); McCarthy & Jarvis (2010), Behavior Research Methods 42(2)"
)
_KEYNESS_REFS = (
    "Monroe, Colaresi & Quinn (2008), Political Analysis 16(4); Dunning (1993), Computational "
    "Linguistics 19(1); Benoit et al. (2018), quanteda, Journal of Open Source Software 3(30)"
)
_FRAME_REFS = (
    "Semetko & Valkenburg (2000), Journal of Communication 50(2); Entman (1993), Journal of "
    "Communication 43(4); sources per frame in frames.yaml"
)
_QUOTE_REFS = (
    "Krestel, Bergler & Witte (2008), Minding the source, LREC; Bell (1991), The Language of News "
    "Media; Caldas-Coulthard (1994), On reporting reporting, in Advances in Written Text Analysis"
)
_HEDGE_REFS = (
    "Hyland (1998), Hedging in Scientific Research Articles; Diewald & Smirnova (2010), "
    "Evidentiality in German; Predelli (2003), Linguistics and Philosophy 26(1); Klockow (1980), "
    "Linguistik der Gänsefüßchen"
)
_REUSE_REFS = (
    "Broder (1997), On the resemblance and containment of documents; Leskovec, Rajaraman & Ullman "
    "(2014), Mining of Massive Datasets, ch. 3; Smith, Cordell & Mullen (2015), American Literary "
    "History 27(3)"
)
_SIMILARITY_REFS = (
    "Salton & Buckley (1988), Information Processing & Management 24(5); Manning, Raghavan & "
    "Schütze (2008), Introduction to Information Retrieval, ch. 6 and 17; Bar-Joseph, Gifford & "
    "Jaakkola (2001), Bioinformatics 17 (order of the rows)"
)
_TONE_REFS = (
    "Taboada et al. (2011), Lexicon-based methods for sentiment analysis, Computational "
    "Linguistics 37(2); Clematide & Klenner (2010), a polarity lexicon for German, WASSA"
)
_PROFILE_REF = (
    "The project's own arrangement, no published method; each indicator keeps the reference of "
    "the analysis behind it (see that chart's note)."
)
_ONE_PER_OUTLET = "With one article per outlet it describes that article, not the outlet."


NOTES: dict[str, MethodNote] = {
    # Corpus overview -----------------------------------------------------------------------
    "readability": MethodNote(
        title="Readability and vocabulary variety",
        shows=(
            "One bar per article with a readability score (Flesch-Amstad: 0-100, higher = easier; "
            "Wiener Sachtextformel: a school grade, higher = harder) or a measure of how varied its "
            "vocabulary is (MATTR, MTLD: higher = more varied)."
        ),
        computed=(
            "The German formulas combine average sentence length with average word length in "
            "syllables, counted by the project's own sentence splitter and a vowel-based syllable "
            "counter (right on 23 of 25 hand-counted words). Vocabulary variety uses MATTR "
            "(a moving 50-word window) and MTLD, which, unlike the plain share of distinct words, "
            "do not fall as texts get longer."
        ),
        cannot_tell=(
            "The formulas measure word and sentence length only, not whether a text is clear, true "
            "or balanced. " + _ONE_PER_OUTLET + " Scores of texts under 100 words are unstable."
        ),
        reference=_READABILITY_REFS,
    ),
    "lengths": MethodNote(
        title="Article lengths",
        shows="How long each article is in words, with its number of sentences at the end of the bar.",
        computed=(
            "Words and sentences are counted by the project's own tokenizer and sentence splitter, "
            "which keep compounds, German and Swiss numbers and abbreviations whole and never split "
            "inside a date such as \"12. Januar\"."
        ),
        cannot_tell=(
            "Length says nothing about quality, but it matters for every other chart: a short "
            "article has fewer chances to name an actor, use a frame or report a fact. A sentence "
            "ending in a short number or a single capital letter can be joined to the next one."
        ),
        reference="No published method: plain counts by the project's own tokenizer and sentence splitter.",
    ),
    "sentence_lengths": MethodNote(
        title="Sentence lengths per outlet",
        shows=(
            "How long each outlet's sentences are: one box per outlet with every sentence drawn as "
            "a dot, so a few very long sentences stand out instead of hiding in an average."
        ),
        computed=(
            "The words of each sentence (tokens holding a letter or digit) are counted, using the "
            "project's own sentence splitter; hovering a dot shows the sentence and whether it is in "
            "the headline, the lead or the body."
        ),
        cannot_tell=(
            "A long sentence is not necessarily a hard or a bad one, and the splitter joins two "
            "sentences when the first ends in a short number or a single capital letter. "
            + _ONE_PER_OUTLET
        ),
        reference="No published method: plain counts by the project's own sentence splitter.",
    ),
    "cleaning": MethodNote(
        title="Cleaning report",
        shows=(
            "How many lines of website clutter (photo captions and credits, teasers of other "
            "articles, comment prompts, widgets, aggregator footers) were dropped from each article, "
            "by reason; hovering shows the dropped text itself."
        ),
        computed=(
            "A whole line is dropped when a rule of the analysts' rule list (boilerplate.yaml) "
            "matches it, and a site name is cut from the end of the headline. The collected text is "
            "never changed, and every dropped line is reported with its rule, so a wrong drop is visible."
        ),
        cannot_tell=(
            "Every line no rule matches is kept, so clutter from a site without rules stays in the "
            "text until an analyst adds a rule: an empty bar means no rule matched, not that the "
            "article had no clutter."
        ),
        reference="No published method: the project's own rule list (boilerplate.yaml), each rule with its reason.",
    ),
    # Word choice ----------------------------------------------------------------------------
    "keyness": MethodNote(
        title="Keyness: words one outlet uses more",
        shows=(
            "The words one outlet (or group) uses relatively more than the comparison group, and "
            "those it uses relatively less; bars of words whose difference could well be chance "
            "(p ≥ 0.05) are faded."
        ),
        computed=(
            "For every word (in its dictionary form, common function words removed), its share of "
            "the target's words is compared with its share of the comparison group's words. The "
            "default score is the log-odds ratio with an informative prior, which keeps a word seen "
            "once or twice from topping the list by luck; chi-squared and the likelihood ratio G² "
            "are computed exactly as the quanteda package does."
        ),
        cannot_tell=(
            "A key word shows that a group uses it more, not why: topic, sources, translation and "
            "house style count as much as framing. " + _ONE_PER_OUTLET + " The p-values are not "
            "corrected for testing hundreds of words at once: read them as a ranking, not as proof."
        ),
        reference=_KEYNESS_REFS,
    ),
    "keyness_scatter": MethodNote(
        title="Keyness: every word, target against reference",
        shows=(
            "Every word at once: how often the comparison group uses it (across) against how often "
            "the target uses it (up). Words both use equally often lie on the diagonal; the most "
            "distinctive words of each side are labelled."
        ),
        computed=(
            "Both axes are uses per 10,000 words on a logarithmic scale, and the colour is the same "
            "keyness score as in the keyness bars (by default the log-odds ratio with an informative "
            "prior); a word missing from one group is drawn at that axis's floor and says so on hover."
        ),
        cannot_tell=(
            "It shows who uses a word more, not why: topic, sources, translation and house style "
            "count as much as framing. " + _ONE_PER_OUTLET + " A word far from the diagonal may "
            "rest on two or three uses: hover to see the counts."
        ),
        reference=_KEYNESS_REFS,
    ),
    "naming": MethodNote(
        title="Naming: competing words for the same thing",
        shows=(
            "Which of the competing words for the same thing each outlet uses (the situation: "
            "Krieg, Konflikt or Krise; the feared action: Invasion, Einmarsch or angebliche "
            "Aggression …), as a share of the outlet's mentions of that concept, with the count in "
            "each segment and the outlet's total next to its name."
        ),
        computed=(
            "The variants listed in naming.yaml are matched by dictionary form, by compound ending "
            "(\"Ukraine-Konflikt\" counts for Konflikt), as phrases with gaps (\"angebliche … "
            "Aggressionen\") or as patterns; a word counts once per concept."
        ),
        cannot_tell=(
            "It counts words, not stance: a quoted, negated or rejected word counts like the "
            "outlet's own, and a synonym the list lacks is missed. A share of two or three mentions "
            "describes those sentences; read the matches and the concordance before quoting a share."
        ),
        reference="No published method: the project's own word lists (naming.yaml), each variant with its reason.",
    ),
    "kwic": MethodNote(
        title="Concordance (keyword in context)",
        shows=(
            "Every occurrence of a word, dictionary form, phrase or pattern, with the words before "
            "and after it, so that a count can be read in context."
        ),
        computed=(
            "Matching follows the quanteda package's kwic: a pattern with spaces is a phrase matched "
            "on consecutive words, each part a wildcard pattern, a regular expression or an exact "
            "word. The context is cut from the cleaned article text, so it reads as in the article."
        ),
        cannot_tell=(
            "It lists occurrences; it neither counts nor interprets them. A form the pattern does "
            "not cover (another spelling, or an inflected form when searching words as written "
            "rather than dictionary forms) is missed."
        ),
        reference="Benoit et al. (2018), quanteda, Journal of Open Source Software 3(30)",
    ),
    # Frames ---------------------------------------------------------------------------------
    "frame_profile": MethodNote(
        title="Frames per outlet",
        shows=(
            "For each outlet and news frame (five generic frames such as conflict or "
            "responsibility, six frames of security-policy coverage such as diplomacy or "
            "deterrence), how much of the frame's vocabulary its articles hold: indicator words "
            "per 1,000 words, or the share of sentences holding them."
        ),
        computed=(
            "Each sentence is scored by the weighted indicator words and phrases that frames.yaml "
            "lists for each frame, matched like the naming variants. An outlet's articles are pooled "
            "by adding up their counts, and the headline with lead can be shown apart from the body."
        ),
        cannot_tell=(
            "Frames here are lexicon matches, not a reading: Semetko and Valkenburg coded frames by "
            "reading whole stories, while here a quoted, negated or rejected word counts like an "
            "asserted one and a frame put in words the list lacks is missed. One sentence can carry "
            "several frames, and with one article per outlet a cell describes that article."
        ),
        reference=_FRAME_REFS,
    ),
    "frame_profile_lead_body": MethodNote(
        title="Frames: lead against body",
        shows=(
            "For each frame and outlet, the headline and lead (red dot) beside the rest of the "
            "article (blue dot): a long line between them means the opening frames the story "
            "differently from the body."
        ),
        computed=(
            "The lead is the headline plus the first three sentences (a title taken from the "
            "article list counts as the headline). The value is by default the share of the "
            "section's sentences holding the frame's indicator words, from the same frame lexicon "
            "as the frames heatmap."
        ),
        cannot_tell=(
            "A lead has at most four sentences, so its share moves in steps of a quarter and one "
            "word can decide it. Frames here are lexicon matches, not a reading: quoted or negated "
            "words count, and a frame put in other words is missed."
        ),
        reference=_FRAME_REFS,
    ),
    # Actors and voices ----------------------------------------------------------------------
    "actors": MethodNote(
        title="Actors named (mention table)",
        shows=(
            "Every mention of a listed actor (person, organisation, state, group or anonymous "
            "source), with the words used (a name, another designation such as Moskau or Kreml, or "
            "a role such as Nato-Chef) and the side the actor stands on."
        ),
        computed=(
            "The names, other designations and role nouns listed in actors.yaml are matched as "
            "whole words, by dictionary form or as written. Where entries overlap the longest wins "
            "(\"US-Botschafterin bei der Nato\" is Smith, not also NATO), and adjacent mentions of "
            "one actor count once."
        ),
        cannot_tell=(
            "Being named is not being heard (see the quotes), and it says nothing about in what "
            "light. People the list lacks, misspelt names and pronouns are not found; role nouns "
            "name the office holder of January 2022, and a city such as Moskau counts for the state."
        ),
        reference="No published method: the project's own lexicon matching (actors.yaml), each actor with its reason.",
    ),
    "quotes": MethodNote(
        title="Quotes (table)",
        shows=(
            "Every quote of each article: direct (in quote marks), partial (a quoted fragment of "
            "three or more words inside the author's sentence) or indirect (reported speech), with "
            "its speaker, the speaker's side, the speech verb or marker, and how the speaker was found."
        ),
        computed=(
            "Rules of German news style find the quotes (quote marks, a speech verb with a "
            "dass-clause or the subjunctive, markers such as laut or zufolge) and take the speaker "
            "next to the speech verb. \"Er\" and \"sie\" go to the last person of that gender named "
            "before, and a quote with no attribution of its own continues the previous speaker."
        ),
        cannot_tell=(
            "It cannot tell whether a quote is accurate, fair or endorsed by the outlet. The rules "
            "are heuristics: unusual word order or a speaker named only in an earlier paragraph can "
            "be missed or misattributed, so read the rows before quoting a number."
        ),
        reference=_QUOTE_REFS,
    ),
    "share_of_voice": MethodNote(
        title="Share of voice",
        shows=(
            "For each outlet, how the words it quotes divide among the sides (NATO and the West, "
            "Russia, Ukraine …), with the word count in each segment and the outlet's total next to "
            "its name."
        ),
        computed=(
            "Each quote found (direct, partial or indirect, or only one kind) is given a speaker and "
            "the speaker's side from actors.yaml; the words quoted per side are added up per outlet "
            "and divided by all the words the outlet quotes. Quotes whose speaker was not found "
            "count as unattributed."
        ),
        cannot_tell=(
            "It shows whose words an outlet carries, not why (who was available, agency copy, the "
            "outlet's choice) or whether a quote supports its speaker's side. A share of a few dozen "
            "words means little, and with one article per outlet it describes that article."
        ),
        reference=_QUOTE_REFS,
    ),
    "cue_classes": MethodNote(
        title="Speech verbs by class",
        shows=(
            "With which kinds of speech verb each outlet introduces each side's words: neutral "
            "(sagte), emphatic (betonte), distancing (behauptete), alarm (warnte) and others, as "
            "shares of the quotes that have a speech verb."
        ),
        computed=(
            "The speech verb that attributes each quote is looked up in the classes of the "
            "speech-verb lexicon and counted per outlet and speaker's side; each segment gives its count."
        ),
        cannot_tell=(
            "It shows the verb's class, not any tone beyond it. Quotes attributed by a marker (laut, "
            "zufolge) or continuing an earlier quote have no verb and are left out; read the counts "
            "before comparing shares."
        ),
        reference=_QUOTE_REFS,
    ),
    "hedges": MethodNote(
        title="Hedges: where an outlet keeps its distance",
        shows=(
            "How often each outlet keeps its distance from a claim, per 1,000 words: by kind of "
            "marker (left) and by the side the hedged claim concerns (right)."
        ),
        computed=(
            "The markers of hedges.yaml are found: distancing words (angeblich, sogenannt, "
            "mutmaßlich), evidential words kept apart as the writer's own uncertainty (offenbar, "
            "vermutlich), the reportative \"soll\" with a perfect infinitive, and scare quotes "
            "around one or two words. Each is linked to the nearest actor named in the hedged "
            "phrase, else in its clause, else in its sentence."
        ),
        cannot_tell=(
            "A marker says the text does not vouch for a claim, not that the claim is false or that "
            "the outlet doubts it, and a hedge inside a quotation counts like the outlet's own. The "
            "actor link is by position, not a reading (it can name the target of the claim rather "
            "than its author), and a handful of hedges describes those sentences, not the outlet."
        ),
        reference=_HEDGE_REFS,
    ),
    # Outlet comparison ----------------------------------------------------------------------
    "reuse": MethodNote(
        title="Text reuse: shared passages",
        shows=(
            "Which articles share passages of wording with an article of another outlet: a cell "
            "gives how many words of the row's article lie in passages it shares with the column's "
            "article."
        ),
        computed=(
            "Words are compared after undoing small editorial changes (case, ß/ss, number formats, "
            "hyphens). Candidate pairs are found quickly with MinHash fingerprints of short "
            "overlapping windows, then aligned; a passage counts when at least 12 of its words lie "
            "in shared five-word runs in both texts, allowing edited gaps of up to 12 words."
        ),
        cannot_tell=(
            "Shared wording most likely means common agency copy, but it cannot tell who copied whom "
            "or whether both used a third text, and two outlets quoting one speaker at length also "
            "match. MinHash finds near-identical wording only: a translation or a thorough "
            "paraphrase is missed, as is a shared phrase shorter than 12 words."
        ),
        reference=_REUSE_REFS,
    ),
    "reuse_passages": MethodNote(
        title="Text reuse: two articles' passages side by side",
        shows=(
            "The passages two articles share, side by side, with the words that differ in bold, the "
            "number of shared words and a similarity from 0 to 1 (1 = the same words in the same order)."
        ),
        computed=(
            "The passages are those of the reuse matrix: shared five-word runs aligned and joined "
            "across small edits. The similarity is the share of the two passages' words that match "
            "in order (Python's difflib ratio), after normalising case, ß/ss, numbers and hyphens."
        ),
        cannot_tell=(
            "It shows shared wording, not who copied whom or whether both used a third text such as "
            "an agency report. A clause moved within the passage shows as differing, and paraphrased "
            "or translated reuse never appears."
        ),
        reference=(
            "Smith, Cordell & Mullen (2015), American Literary History 27(3) (seeds, then alignment); "
            "Broder (1997), On the resemblance and containment of documents"
        ),
    ),
    "fact_coverage": MethodNote(
        title="Fact coverage: who reports what",
        shows=(
            "Which facts about the event each article reports: rows are facts, columns articles; "
            "dark when every article reports the fact, red when only this article does (its "
            "outlet's unique fact), light blue when some do, grey when it does not. Hovering shows "
            "the article's own sentence."
        ),
        computed=(
            "The sentences of the event's articles are compared by their content words (nouns, "
            "names and numbers weigh most, shared rare names and numbers add a bonus) and grouped "
            "into facts by average-linkage clustering. Analysts can merge, rename, split or exclude "
            "facts in facts.yaml."
        ),
        cannot_tell=(
            "A fact worded very differently or split over two sentences can be missed, a cluster can "
            "mix two facts that share names and numbers, and absence may come from length or "
            "publication time rather than a choice. The thresholds were tuned on the five seed "
            "articles, so check the clustered sentences on a new event."
        ),
        reference=(
            "The project's own combination and thresholds, tuned on the five seed articles; built on "
            "Salton & Buckley (1988), Information Processing & Management 24(5); Koehn & Knight "
            "(2003), Empirical methods for compound splitting, EACL; Manning, Raghavan & Schütze "
            "(2008), Introduction to Information Retrieval, ch. 17"
        ),
    ),
    "similarity": MethodNote(
        title="Text similarity",
        shows=(
            "How alike every pair of articles (or outlets) is in vocabulary, from 0 (no word in "
            "common) to 1, as a heatmap ordered so that texts that read alike stand together, under "
            "a tree of that grouping."
        ),
        computed=(
            "Each text becomes its dictionary-form words without common function words, weighted by "
            "TF-IDF (words frequent in this text but rare in the others count most), and each pair "
            "is compared by the cosine of these weights; the order comes from average-linkage clustering."
        ),
        cannot_tell=(
            "It says which texts share vocabulary, not whether they agree: two articles can use the "
            "same words to say opposite things. Shared agency copy and translation make texts alike "
            "or apart for reasons that are not the outlet's, and with one article per outlet it "
            "describes these articles."
        ),
        reference=_SIMILARITY_REFS,
    ),
    "tone_profile": MethodNote(
        title="Tone toward each side",
        shows=(
            "For each outlet and side, whether the words around that side's actors lean positive "
            "(right of 0) or negative (left), with the number of sentences on each bar; bars "
            "resting on fewer than five sentences are hatched."
        ),
        computed=(
            "Every sentence naming an actor is searched for the evaluative words of a German "
            "polarity lexicon, each flipped when a negator such as nicht or kein stands up to three "
            "words before it; the mean score per sentence is taken per outlet and side. Words inside "
            "quotes are the speaker's and are counted apart from the outlet's own voice."
        ),
        cannot_tell=(
            "It measures evaluative vocabulary near an actor, not an attitude toward it: every actor "
            "named in a sentence shares its words, irony and evaluation without evaluative words are "
            "missed, and descriptive war words such as Angriff or Invasion count as negative. Read "
            "the words behind a score before quoting it."
        ),
        reference=_TONE_REFS,
    ),
    "leaning_profile": MethodNote(
        title="Leaning profile of one outlet",
        shows=(
            "One outlet's declared facts (ownership, country, state affiliation, and a leaning label "
            "only with who judged it and on what basis) above bars of what the other analyses "
            "measured in its articles: voices, naming, frames, hedges, speech verbs, omitted facts, "
            "tone and shared wording."
        ),
        computed=(
            "The profile computes nothing of its own: each bar regroups one analysis's result for "
            "the outlet, pooling its articles, and carries the count it rests on and the sentences "
            "behind it."
        ),
        cannot_tell=(
            "It is not a leaning score: the bars are not weighted or added up. They describe "
            "behaviour in these articles (with one article per outlet, that article), and each "
            "inherits the limits of the analysis behind it."
        ),
        reference=_PROFILE_REF,
    ),
    "leaning_comparison": MethodNote(
        title="Leaning profiles of two outlets side by side",
        shows=(
            "Two outlets' profiles as paired bars per indicator (voices, naming, frames, hedges, "
            "speech verbs, omitted facts, tone, shared wording), with the declared facts of both above."
        ),
        computed=(
            "Nothing new is computed: each pair of bars regroups one analysis's result per outlet, "
            "pooling each outlet's articles, with the counts the values rest on."
        ),
        cannot_tell=(
            "A difference between the bars is not a difference in leaning, and the bars add up to no "
            "score. They describe these articles (with one article per outlet, one article each), "
            "and each inherits the limits of the analysis behind it."
        ),
        reference=_PROFILE_REF,
    ),
    "leaning_map": MethodNote(
        title="Map of outlets (correspondence analysis)",
        shows=(
            "A map placing outlets by how their count profiles differ (quotes per side, naming "
            "variants, frame indicators, hedges per side), with the indicators as small grey points "
            "and, on each axis, its share of the total variation (inertia)."
        ),
        computed=(
            "Correspondence analysis of the outlet × indicator table of counts, a published method "
            "that decomposes how each cell departs from what equal profiles would give; the input "
            "counts come with the map."
        ),
        cannot_tell=(
            "It describes how these count profiles differ, not an outlet's leaning; with one article "
            "per outlet (or fewer than ten outlets) it is a picture of these articles. Read "
            "directions from the centre, not distances between an outlet and an indicator point."
        ),
        reference="Greenacre (2007), Correspondence Analysis in Practice, 2nd ed., Chapman & Hall/CRC",
    ),
    # The Read page ----------------------------------------------------------------------------
    "highlight": MethodNote(
        title="Highlighted article",
        shows=(
            "One article's text with what the analyses found marked in place: sentences holding a "
            "frame's vocabulary, actor mentions, quotes and hedges, each with a tooltip saying what "
            "was found and why."
        ),
        computed=(
            "No new analysis: the marks are the positions the frame, actor, quote and hedge tables "
            "already hold for this article, drawn as separate layers."
        ),
        cannot_tell=(
            "Each layer keeps the limits of its analysis: frames are lexicon matches, not a reading; "
            "actors are listed words only; quote attribution is heuristic; a hedge signals distance, "
            "not doubt, and its actor link is by position. A frame found only in a title that is not "
            "part of the text has no place to be marked."
        ),
        reference=(
            "Semetko & Valkenburg (2000), Journal of Communication 50(2) (frames); Krestel, Bergler "
            "& Witte (2008), LREC (quotes); Hyland (1998), Hedging in Scientific Research Articles "
            "(hedges); actors: the project's own lexicon (actors.yaml)."
        ),
    ),
}


def note(name: str) -> MethodNote:
    """Return the method note of a chart or table by name; KeyError lists the known names."""
    try:
        return NOTES[name]
    except KeyError:
        known = ", ".join(sorted(NOTES))
        raise KeyError(f"no method note named {name!r}; known notes: {known}") from None
