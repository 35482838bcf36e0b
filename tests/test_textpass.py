"""The text pass: German sentence splitting, tokens, offsets, parts of an article, lemmas and word attributes."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.textpass import GermanRules, run_text_pass

D000 = "000_7a732e72aede7217"
D001 = "001_995ea68080aadec1"
D003 = "003_3ab60e70d12de889"
D004 = "004_c8f623122158d84d"


@pytest.fixture(scope="module")
def rules() -> GermanRules:
    return GermanRules.from_lexicons()


def run(text: str, rules: GermanRules, **columns):
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text], **{k: [v] for k, v in columns.items()}})
    return run_text_pass(documents, rules)


def split(text: str, rules: GermanRules) -> list[str]:
    return run(text, rules).sentences["text"].tolist()


def tokenize(text: str, rules: GermanRules) -> list[str]:
    return run(text, rules).tokens["text"].tolist()


# --- sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die Gespräche finden am 12. Januar in Brüssel statt.",
        "Am Mittwoch (12. Januar) werden sich Vertreter in Brüssel treffen.",
        "Es ist zum 2. Mal so gekommen.",
        "Die 30 Verbündeten (der Allianz – Anm.d.Red.) entscheiden allein.",
        "Das sagte Dr. Müller am Mittwoch.",
        "Es gibt z.B. Raketen in Europa.",
        "Wir wollen, dass … Russland seine Truppen zurückzieht.",
        "„Das ist klar“, sagte er.",
        "Sie trafen sich am 13. Jänner in Wien.",
        "Der stellvertretende Minister Alexander F. Fomin war dabei.",
    ],
    ids=[
        "date_12_januar", "date_in_brackets", "ordinal_zum_2_mal", "anm_d_red", "dr",
        "z_b", "ellipsis_before_noun", "quote_then_sagte", "austrian_jaenner", "initial",
    ],
)
def test_one_sentence_is_not_split(rules, text):
    assert split(text, rules) == [text]


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Er wurde 3. Die Mannschaft jubelte.", ["Er wurde 3.", "Die Mannschaft jubelte."]),
        ("Am Mittwoch (12. Januar) trafen sie sich. Dann redeten sie.", ["Am Mittwoch (12. Januar) trafen sie sich.", "Dann redeten sie."]),
        ("Er hat es gesagt.“ Dann ging er.", ["Er hat es gesagt.“", "Dann ging er."]),
        ("Ist das klar? Ja! Gut.", ["Ist das klar?", "Ja!", "Gut."]),
        ("Er wählt seinen Weg ... Die Alliierten sind sich einig.", ["Er wählt seinen Weg ...", "Die Alliierten sind sich einig."]),
        ("Die Verbündeten (der Allianz – Anm.d.Red.) entscheiden. Russland nicht.", ["Die Verbündeten (der Allianz – Anm.d.Red.) entscheiden.", "Russland nicht."]),
        ("Kiew, Moskau usw. Die Nato bleibt hart.", ["Kiew, Moskau usw.", "Die Nato bleibt hart."]),
        ("Das war Ende 2021. Russland fordert Garantien.", ["Das war Ende 2021.", "Russland fordert Garantien."]),
    ],
    ids=["ordinal_then_article", "after_date_sentence", "closing_quote_stays", "question_exclamation", "three_dots_then_article", "after_anm_d_red", "usw_then_article", "year_then_name"],
)
def test_sentences_are_split_where_they_end(rules, text, sentences):
    assert split(text, rules) == sentences


QUOTE_STYLES = [("„", "“"), ('"', '"'), ("“", "”"), ("»", "«"), ("«", "»"), ("‚", "‘")]
QUOTE_IDS = ["german_low_high", "ascii", "english_curly", "guillemets_inward", "guillemets_swiss", "german_single"]


@pytest.mark.parametrize("opening, closing", QUOTE_STYLES, ids=QUOTE_IDS)
def test_a_closing_quote_stays_with_the_sentence_it_ends(rules, opening, closing):
    text = f"Er sagte: {opening}Das ist klar.{closing} Dann ging er."
    assert split(text, rules) == [f"Er sagte: {opening}Das ist klar.{closing}", "Dann ging er."]


@pytest.mark.parametrize("opening, closing", QUOTE_STYLES, ids=QUOTE_IDS)
def test_a_quote_followed_by_its_speech_verb_is_one_sentence(rules, opening, closing):
    for text in (f"{opening}Das ist klar{closing}, sagte er.", f"{opening}Ist das klar?{closing}, fragte er.", f"{opening}Ist das klar?{closing} fragte er."):
        assert split(text, rules) == [text]


def test_a_quote_of_two_sentences_is_split_inside_the_quote(rules):
    text = "„Lass es uns klar sagen: Russische Aktionen haben diese Krise ausgelöst. Wir sind entschlossen“, sagte Smith."
    assert split(text, rules) == [
        "„Lass es uns klar sagen: Russische Aktionen haben diese Krise ausgelöst.",
        "Wir sind entschlossen“, sagte Smith.",
    ]


def test_a_paragraph_always_ends_a_sentence(rules):
    result = run("Zwischenüberschrift ohne Punkt\nDer erste Satz des Absatzes\nnoch ein Satz.", rules)
    assert result.sentences["text"].tolist() == ["Zwischenüberschrift ohne Punkt", "Der erste Satz des Absatzes", "noch ein Satz."]
    assert result.sentences["paragraph_id"].tolist() == [1, 2, 3]


def test_no_sentence_starts_after_a_period_without_space(rules):
    # a scraping glitch ("Sicht.Die") is not taken as a sentence end
    assert split("Mitglied (der Nato – Anm.d.Red.)zu werden, niemand sonst.", rules) == ["Mitglied (der Nato – Anm.d.Red.)zu werden, niemand sonst."]


# --- tokens -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, token",
    [
        ("Rund 100'000 Soldaten.", "100'000"),
        ("Rund 100’000 Soldaten.", "100’000"),
        ("Bis zu 100.000 Soldaten.", "100.000"),
        ("Um 10.00 Uhr begannen sie.", "10.00"),
        ("Für 13.30 Uhr angesetzt.", "13.30"),
        ("Es sind 2,5 Prozent.", "2,5"),
        ("Der Nato-Russland-Rat tagte.", "Nato-Russland-Rat"),
        ("Die US-Botschafterin sprach.", "US-Botschafterin"),
        ("Des Nato-Russland-Rats Treffen.", "Nato-Russland-Rats"),
        ("Am Mittwoch werden sich NATO- und russische Vertreter treffen.", "NATO-"),
        ("Das sagte er gegenüber EURACTIV.com gestern.", "EURACTIV.com"),
        ("Es gibt z.B. Raketen.", "z.B."),
        ("Die Allianz – Anm.d.Red. – entscheidet.", "Anm.d.Red."),
        ("Mit Dr. Müller.", "Dr."),
        ("Am 12. Januar 2022.", "12."),
        ("Datum 12.01.2022 im Bild.", "12.01.2022"),
    ],
    ids=[
        "swiss_thousands", "swiss_thousands_typographic", "german_thousands", "time_10_00", "time_13_30",
        "decimal_comma", "compound_nato_russland_rat", "compound_us_botschafterin", "compound_genitive",
        "ergaenzungsstrich", "domain", "z_b", "anm_d_red", "dr", "ordinal_date", "numeric_date",
    ],
)
def test_a_unit_of_german_text_is_one_token(rules, text, token):
    assert token in tokenize(text, rules)


def test_ergaenzungsstrich_keeps_the_hyphen_and_the_next_word_apart(rules):
    assert tokenize("NATO- und russische Vertreter", rules) == ["NATO-", "und", "russische", "Vertreter"]


def test_a_dash_between_spaces_and_a_list_hyphen_are_tokens_of_their_own(rules):
    assert tokenize("- In Brüssel – sagte er", rules) == ["-", "In", "Brüssel", "–", "sagte", "er"]


def test_punctuation_and_quotes_are_separate_tokens(rules):
    assert tokenize("„Moment der Wahrheit“, sagte er.", rules) == ["„", "Moment", "der", "Wahrheit", "“", ",", "sagte", "er", "."]


def test_tokens_of_a_tiny_text_are_numbered_and_located(rules):
    text = "Er kam.\nSie ging."
    tokens = run(text, rules).tokens
    assert tokens["text"].tolist() == ["Er", "kam", ".", "Sie", "ging", "."]
    assert tokens["token_id"].tolist() == [1, 2, 3, 4, 5, 6]
    assert tokens["sentence_id"].tolist() == [1, 1, 1, 2, 2, 2]
    assert list(zip(tokens["start"], tokens["end"])) == [(0, 2), (3, 6), (6, 7), (8, 11), (12, 16), (16, 17)]


def test_an_empty_text_has_no_sentences_and_no_tokens(rules):
    result = run("", rules)
    assert result.sentences.empty and result.tokens.empty
    assert list(result.tokens.columns) == ["doc_id", "sentence_id", "token_id", "start", "end", "text", "lemma", "is_word", "is_stop", "n_syllables"]


# --- the seed corpus: offsets, ids, parts ------------------------------------------


def test_seed_token_offsets_index_the_cleaned_text(seed_corpus):
    texts = seed_corpus.documents.set_index("doc_id")["text"]
    tokens = framing.tokens(seed_corpus)
    assert len(tokens) > 2000
    for doc_id, group in tokens.groupby("doc_id"):
        text = texts[doc_id]
        for start, end, token in zip(group["start"], group["end"], group["text"]):
            assert text[start:end] == token


def test_seed_tokens_cover_every_non_space_character_once(seed_corpus):
    texts = seed_corpus.documents.set_index("doc_id")["text"]
    tokens = framing.tokens(seed_corpus)
    for doc_id, group in tokens.groupby("doc_id"):
        text = texts[doc_id]
        covered = [False] * len(text)
        previous_end = 0
        for start, end in zip(group["start"], group["end"]):
            assert start >= previous_end  # in order, no overlap
            covered[start:end] = [True] * (end - start)
            previous_end = end
        uncovered = {ch for ch, hit in zip(text, covered) if not hit}
        assert all(ch.isspace() for ch in uncovered), (doc_id, uncovered)


def test_seed_sentence_offsets_index_the_cleaned_text(seed_corpus):
    texts = seed_corpus.documents.set_index("doc_id")["text"]
    sentences = framing.sentences(seed_corpus)
    for row in sentences.itertuples():
        text = texts[row.doc_id]
        assert text[row.start:row.end] == row.text
        assert "\n" not in row.text  # never across a paragraph
        assert row.text == row.text.strip()


def test_seed_ids_are_one_based_and_contiguous_per_document(seed_corpus):
    sentences = framing.sentences(seed_corpus)
    tokens = framing.tokens(seed_corpus)
    for doc_id in seed_corpus.doc_ids:
        sentence_ids = sentences.loc[sentences["doc_id"] == doc_id, "sentence_id"].tolist()
        doc_tokens = tokens[tokens["doc_id"] == doc_id]
        assert sentence_ids == list(range(1, len(sentence_ids) + 1))
        assert doc_tokens["token_id"].tolist() == list(range(1, len(doc_tokens) + 1))
        assert doc_tokens["sentence_id"].is_monotonic_increasing
        assert sorted(set(doc_tokens["sentence_id"])) == sentence_ids  # no sentence without tokens


def test_seed_tokens_lie_inside_their_sentence(seed_corpus):
    sentences = framing.sentences(seed_corpus)[["doc_id", "sentence_id", "start", "end"]]
    tokens = framing.tokens(seed_corpus)
    joined = tokens.merge(sentences, on=["doc_id", "sentence_id"], how="left", suffixes=("", "_sentence"), validate="many_to_one")
    assert len(joined) == len(tokens)
    assert ((joined["start"] >= joined["start_sentence"]) & (joined["end"] <= joined["end_sentence"])).all()


def test_seed_covers_every_document(seed_corpus):
    assert list(dict.fromkeys(framing.sentences(seed_corpus)["doc_id"])) == seed_corpus.doc_ids
    assert list(dict.fromkeys(framing.tokens(seed_corpus)["doc_id"])) == seed_corpus.doc_ids


def test_seed_003_first_sentence_is_the_headline_then_three_lead_sentences(seed_corpus):
    sentences = framing.sentences(seed_corpus)
    doc = sentences[sentences["doc_id"] == D003]
    assert doc["part"].tolist()[:5] == ["headline", "lead", "lead", "lead", "body"]
    assert doc.iloc[0]["text"] == "NATO trifft Russland im Tauziehen um die Ukraine"
    assert set(doc["part"].iloc[4:]) == {"body"}
    assert doc["in_lead"].tolist() == [part != "body" for part in doc["part"]]


def test_seed_001_has_no_headline_and_its_first_three_sentences_are_the_lead(seed_corpus):
    sentences = framing.sentences(seed_corpus)
    doc = sentences[sentences["doc_id"] == D001]
    assert "headline" not in set(doc["part"])
    assert doc["part"].tolist()[:4] == ["lead", "lead", "lead", "body"]
    assert doc.iloc[0]["text"] == "Vor dem Hintergrund des Ukraine-Konflikts ist erstmals seit mehr als zwei Jahren der Nato-Russland-Rat zusammengekommen."
    assert doc.iloc[2]["text"] == "Gruschko hatte von einem „Moment der Wahrheit“ in den Beziehungen zur Nato gesprochen."


def test_seed_every_other_document_opens_with_its_headline(seed_corpus):
    sentences = framing.sentences(seed_corpus)
    first = sentences[sentences["sentence_id"] == 1].set_index("doc_id")["part"]
    assert first.to_dict() == {
        D000: "headline", D001: "lead", "002_0ff142102c34d304": "headline", D003: "headline", D004: "headline",
    }
    assert (sentences.groupby("doc_id")["part"].apply(lambda p: (p == "headline").sum()) <= 1).all()


@pytest.mark.parametrize(
    "doc_id, sentence",
    [
        (D003, "Am Mittwoch (12. Januar) werden sich NATO- und russische Vertreter zu Gesprächen in Brüssel treffen, um über die militärische Aufrüstung Moskaus entlang der ukrainischen Grenze und die europäische Sicherheit zu diskutieren."),
        (D003, "„Wir wollen, dass … Russland seine Truppen zurückzieht“, sagte sie über die nahe der Ukraine stationierten russischen Truppen."),
        (D004, "Die Alliierten sind sich auch einig, dass nur die Ukraine und die 30 Verbündeten (der Allianz – Anm.d.Red.) entscheiden können, wann die Ukraine bereit ist, Mitglied (der Nato – Anm.d.Red.)zu werden, niemand sonst."),
        (D000, "Die Gespräche begannen um kurz nach 10.00 Uhr."),
        (D000, "Nach US-Angaben hat Russland mittlerweile rund 100'000 Soldaten in der Nähe der Ukraine zusammengezogen."),
    ],
    ids=["date_in_brackets_003", "ellipsis_003", "anm_d_red_004", "time_000", "swiss_number_000"],
)
def test_seed_sentences_that_must_stay_whole(seed_corpus, doc_id, sentence):
    sentences = framing.sentences(seed_corpus)
    assert sentence in sentences.loc[sentences["doc_id"] == doc_id, "text"].tolist()


# --- lemmas, stop words, syllables ----------------------------------------------------


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("Gesprächen", "Gespräch"),
        ("sagte", "sagen"),
        ("Nato-Russland-Rats", "Nato-Russland-Rat"),
        ("Truppen", "Truppe"),
        ("hatte", "haben"),
        ("Moskaus", "Moskau"),
        ("Russlands", "Russland"),
    ],
)
def test_inflected_forms_get_their_lemma(rules, word, lemma):
    tokens = run(f"Wegen {word} kam es.", rules).tokens.set_index("text")
    assert tokens.loc[word, "lemma"] == lemma


def test_stop_words_are_matched_in_any_case(rules):
    tokens = run("Die Nato und die Ukraine.", rules).tokens
    flags = dict(zip(tokens["text"] + "@" + tokens["token_id"].astype(str), tokens["is_stop"]))
    assert flags == {"Die@1": True, "Nato@2": False, "und@3": True, "die@4": True, "Ukraine@5": False, ".@6": False}


def test_stop_word_list_applies_the_lexicons_removals(rules):
    assert "die" in rules.stopwords
    assert "weg" not in rules.stopwords and "machen" not in rules.stopwords


def test_punctuation_is_no_word_and_has_no_syllables(rules):
    tokens = run("„Ja“, sagte er – (wirklich)?", rules).tokens
    marks = tokens[tokens["text"].isin(["„", "“", ",", "–", "(", ")", "?"])]
    assert len(marks) == 7
    assert not marks["is_word"].any()
    assert (marks["n_syllables"] == 0).all()
    assert not marks["is_stop"].any()


def test_words_and_numbers_are_words_with_syllables(rules):
    tokens = run("Rund 100'000 Soldaten", rules).tokens.set_index("text")
    assert tokens["is_word"].all()
    assert tokens["n_syllables"].to_dict() == {"Rund": 1, "100'000": 1, "Soldaten": 3}


# --- cases found on the 10kGNAD benchmark articles (derStandard) ----------------


@pytest.mark.parametrize(
    "text",
    [
        "In diesem Sinne ist z. B. ein bewaffnetes Vorgehen möglich.",
        "Das war um 578 v. u. Z. in Babylon.",
        "Aktueller Assistenz-Coach von Wr. Neustadt will wieder selbst kicken.",
        "Die Gemeinden (Bez. Innsbruck Land) stimmen ab.",
        "Der Maler (geb. 1938 in Riga) stellt aus.",
        "Der Spieler (ATP-Nr. 221) gewann.",
    ],
    ids=["spaced_z_b", "spaced_v_u_z", "wr_neustadt", "bez", "geb", "compound_ending_in_nr"],
)
def test_austrian_and_spaced_abbreviations_do_not_end_a_sentence(rules, text):
    assert split(text, rules) == [text]


def test_a_sentence_can_end_with_mio_before_a_function_word(rules):
    assert split("Die Kosten betragen 5 Mio. Die Nato zahlt.", rules) == ["Die Kosten betragen 5 Mio.", "Die Nato zahlt."]


def test_lemma_corrections_come_from_the_lemmas_lexicon(rules):
    tokens = run("Russlands Truppen und Putins Pläne.", rules).tokens.set_index("text")
    assert tokens.loc["Russlands", "lemma"] == "Russland"
    assert tokens.loc["Putins", "lemma"] == "Putin"
    assert rules.lemma_corrections["Russlands"] == "Russland"


def test_a_corpus_lemmas_lexicon_overrides_the_shipped_one(make_corpus):
    path = make_corpus({"a": "Titel\nDie Schweizs Haltung.\n"})
    (path / "lexicons").mkdir()
    (path / "lexicons" / "lemmas.yaml").write_text("lemmas:\n  Schweizs: {lemma: Schweiz, reason: test}\n", encoding="utf-8")
    corpus = framing.load_corpus(path)
    tokens = framing.tokens(corpus).set_index("text")
    assert tokens.loc["Schweizs", "lemma"] == "Schweiz"


def test_a_missing_text_is_an_empty_document(rules):
    result = run_text_pass(pd.DataFrame({"doc_id": ["a", "b"], "text": [float("nan"), "Ein Satz."]}), rules)
    assert result.tokens["doc_id"].unique().tolist() == ["b"]


def test_empty_tables_keep_their_column_types(rules):
    result = run("", rules)
    assert str(result.tokens["doc_id"].dtype) == str(result.tokens["lemma"].dtype) == "str"
    assert str(result.sentences["part"].dtype) == "str"
    assert result.tokens["n_syllables"].dtype == "int16"
