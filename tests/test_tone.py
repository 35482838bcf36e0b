"""Tone toward actors: evaluative words, negation, quotes, lexicon files, aggregates, seed and unseen corpora.

Tiny corpora use a small lexicon written by the test (`LEXICON`), so every
score can be counted by hand; the shipped actors.yaml names "Russland"
(russia), "Nato" (nato), "Stoltenberg" (stoltenberg).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.lexicons import DEFAULT_LEXICON_DIR, LexiconError
from framing.tone import PROFILE_COLUMNS, TONE_COLUMNS, WORD_COLUMNS, polarity_lexicon_path

LEXICON = """\
# a test lexicon
lemma\tpolarity\tsource
gut\t1\ttest
einfach\t0.7\ttest
leicht\t0.5\ttest
überwinden\t1\ttest
Veto\t-0.5\ttest
schwierig\t-0.7\ttest
Nato\t1\ttest
Bleiben\t0.7\ttest
"""


@pytest.fixture
def lexicon_file(tmp_path) -> Path:
    path = tmp_path / "my_polarity.tsv"
    path.write_text(LEXICON, encoding="utf-8")
    return path


@pytest.fixture
def one(make_corpus, lexicon_file):
    """Return a function: the tone rows of one article made of `text` (titled "Titel"), with the test lexicon."""

    def run(text: str) -> pd.DataFrame:
        corpus = framing.load_corpus(make_corpus({"a": f"Titel\n{text}\n"}))
        return framing.tone(corpus, lexicon=lexicon_file)

    return run


def row(table: pd.DataFrame, actor_id: str) -> pd.Series:
    found = table[table["actor_id"] == actor_id]
    assert len(found) == 1, table[["sentence_id", "actor_id"]]
    return found.iloc[0]


# --- counting, by hand ---------------------------------------------------------------------------


def test_evaluative_word_in_a_sentence_naming_an_actor_scores_for_it(one):
    table = one("Russland führt gute Gespräche.")
    russia = row(table, "russia")
    assert (russia.n_positive, russia.n_negative, russia.n_negated, russia.score) == (1, 0, 0, 1.0)
    assert russia.words == ["gute +1"]
    assert russia.side == "russia" and russia.outlet_id == "o1"
    assert russia.sentence == "Russland führt gute Gespräche."


def test_keine_einfachen_verhandlungen_flips_einfach(one):
    russia = row(one("Mit Russland gab es keine einfachen Verhandlungen."), "russia")
    assert (russia.n_positive, russia.n_negative, russia.n_negated) == (0, 1, 1)
    assert russia.score == pytest.approx(-0.7)
    assert russia.words == ["keine … einfachen -0.7"]


def test_nicht_leicht_zu_ueberwinden_flips_both_words_within_three_words(one):
    # nicht → leicht: 1 word, nicht → überwinden: 3 words (leicht, zu, überwinden): both flipped
    nato = row(one("Die Differenzen mit der Nato sind nicht leicht zu überwinden."), "nato")
    assert (nato.n_positive, nato.n_negative, nato.n_negated) == (0, 2, 2)
    assert nato.score == pytest.approx(-0.5 - 1.0)


def test_kein_veto_turns_a_negative_word_positive(one):
    russia = row(one("Russland hat kein Veto."), "russia")
    assert (russia.n_positive, russia.n_negative, russia.n_negated, russia.score) == (1, 0, 1, 0.5)


def test_negation_does_not_cross_a_comma(one):
    nato = row(one("Die Nato kam nicht, es war gut."), "nato")
    assert (nato.n_positive, nato.n_negated, nato.score) == (1, 0, 1.0)


def test_negation_reaches_three_words_only(one):
    # nicht → gut: in, diesem, Jahr, sehr, gut = 5 words
    nato = row(one("Die Nato war nicht in diesem Jahr sehr gut."), "nato")
    assert (nato.n_positive, nato.n_negated, nato.score) == (1, 0, 1.0)


def test_the_negation_window_comes_from_the_lexicon_file(make_corpus, lexicon_file):
    path = make_corpus({"a": "Titel\nDie Nato war nicht in diesem Jahr sehr gut.\n"})
    (path / "lexicons").mkdir()
    text = (DEFAULT_LEXICON_DIR / "negation.yaml").read_text(encoding="utf-8").replace("window: 3", "window: 5")
    (path / "lexicons" / "negation.yaml").write_text(text, encoding="utf-8")
    nato = row(framing.tone(framing.load_corpus(path), lexicon=lexicon_file), "nato")
    assert (nato.n_negative, nato.n_negated, nato.score) == (1, 1, -1.0)


def test_words_inside_a_quote_are_the_speakers_and_kept_apart(one):
    table = one("„Die Gespräche mit Russland waren gut“, sagte der schwierige Stoltenberg.")
    for actor in ("russia", "stoltenberg"):
        r = row(table, actor)
        # outlet's voice: schwierig -0.7; quoted: gut +1
        assert (r.n_positive, r.n_negative, r.score) == (0, 1, -0.7)
        assert (r.n_positive_quoted, r.n_negative_quoted, r.score_quoted) == (1, 0, 1.0)
        assert r.words_quoted == ["gut +1"]
        assert r.n_actors == 2


def test_tone_words_mark_voice_and_quote_kind(make_corpus, lexicon_file):
    corpus = framing.load_corpus(make_corpus({"a": "Titel\n„Die Gespräche mit Russland waren gut“, sagte der schwierige Stoltenberg.\n"}))
    words = framing.tone_words(corpus, lexicon=lexicon_file)
    assert list(words["lemma"]) == ["gut", "schwierig"]
    assert list(words["voice"]) == ["quoted", "outlet"]
    assert list(words["quote_kind"]) == ["direct", ""]
    assert list(words.columns) == WORD_COLUMNS


def test_an_actors_own_words_are_not_evaluation(one):
    # the test lexicon rates "Nato" +1: it names the actor, so it does not count
    nato = row(one("Die Nato tagt."), "nato")
    assert (nato.n_positive, nato.score, nato.words) == (0, 0.0, [])


def test_inflected_and_sentence_initial_forms_match_by_lemma(one):
    russia = row(one("Gute Gespräche mit Russland."), "russia")
    assert russia.n_positive == 1


def test_a_verb_does_not_take_the_polarity_of_a_noun_spelt_alike(one):
    # the test lexicon has the noun "Bleiben"; the verb "bleiben" is not it
    russia = row(one("Russland will bleiben."), "russia")
    assert russia.n_positive == 0


def test_one_row_per_sentence_and_actor_with_mentions_counted(one):
    table = one("Russland und Russland sind gut. Die Nato auch.")
    assert list(zip(table["sentence_id"], table["actor_id"], table["n_mentions"])) == [(2, "russia", 2), (3, "nato", 1)]
    assert list(table["score"]) == [1.0, 0.0]
    assert list(table.columns) == TONE_COLUMNS


def test_no_actor_no_rows(one):
    table = one("Das Wetter ist gut.")
    assert len(table) == 0
    assert list(table.columns) == TONE_COLUMNS


# --- lexicon files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, text", [
    ("lex.csv", "# comment\nlemma,polarity,source\ngut,1,test\nschwierig,-0.7,test\n"),
    ("lex.yaml", "entries:\n  - {lemma: gut, polarity: 1, source: test}\n  - {lemma: schwierig, polarity: -0.7}\n"),
    ("lex2.yaml", "gut: 1\nschwierig: -0.7\n"),
])
def test_custom_lexicon_in_csv_and_yaml(make_corpus, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    corpus = framing.load_corpus(make_corpus({"a": "Titel\nRussland ist gut und schwierig.\n"}))
    russia = row(framing.tone(corpus, lexicon=path), "russia")
    assert (russia.n_positive, russia.n_negative, russia.score) == (1, 1, pytest.approx(0.3))


def test_a_corpus_own_polarity_file_overrides_the_shipped_one(make_corpus):
    path = make_corpus({"a": "Titel\nRussland ist gut.\n"})
    (path / "lexicons").mkdir()
    (path / "lexicons" / "polarity.tsv").write_text("lemma\tpolarity\ngut\t-0.25\n", encoding="utf-8")
    corpus = framing.load_corpus(path)
    assert polarity_lexicon_path(corpus) == path / "lexicons" / "polarity.tsv"
    assert row(framing.tone(corpus), "russia").score == -0.25
    # the shipped lexicon rates gut +1
    shipped = framing.load_corpus(make_corpus({"a": "Titel\nRussland ist gut.\n"}, folder="other"))
    assert row(framing.tone(shipped), "russia").score == 1.0


@pytest.mark.parametrize("text, message", [
    ("lemma\tpolarity\ngut\t2\n", "line 2: polarity '2' is outside [-1, 1]"),
    ("lemma\tpolarity\ngut\tsehr\n", "line 2: polarity 'sehr' is not a number"),
    ("wort\twert\ngut\t1\n", "needs the columns lemma and polarity"),
])
def test_a_malformed_lexicon_names_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message.replace("[", r"\[").replace("]", r"\]")):
        framing.load_polarity_lexicon(path)


def test_a_missing_lexicon_file_is_an_error(seed_corpus, tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        framing.tone(seed_corpus, lexicon=tmp_path / "nope.tsv")


def test_shipped_lexicon_states_source_and_licence():
    path = DEFAULT_LEXICON_DIR / "polarity.tsv"
    header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    for needed in ("Apache License, Version 2.0", "Klenner", "textblob-de", "polarity.LICENSE.txt", "Changes made here"):
        assert needed in header
    licence = (DEFAULT_LEXICON_DIR / "polarity.LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in licence


def test_shipped_lexicon_entries_are_valid_and_sourced():
    table = pd.read_csv(DEFAULT_LEXICON_DIR / "polarity.tsv", sep="\t", comment="#", quoting=3, keep_default_na=False)
    assert list(table.columns) == ["lemma", "polarity", "pos", "source", "note"]
    assert table["polarity"].between(-1, 1).all()
    assert set(table["source"]) == {"klenner2010", "framing"}
    assert not table["source"].str.contains("sentiws", case=False).any()
    changed = table[table["source"] == "framing"]
    assert (changed["note"].str.contains("Was ")).all()  # every correction keeps the source's value
    assert len(framing.load_polarity_lexicon(DEFAULT_LEXICON_DIR / "polarity.tsv")) == len(table)


def test_negators_live_in_the_lexicon_file():
    rules = framing.load_negation_lexicon(DEFAULT_LEXICON_DIR / "negation.yaml")
    assert {"nicht", "kein", "keine", "nie", "niemals", "ohne", "weder"} <= rules.negators
    assert rules.window == 3 and "," in rules.clause_punctuation


# --- the aggregate ---------------------------------------------------------------------------------


@pytest.fixture
def two_outlets(make_corpus):
    path = make_corpus(
        {
            "a": "Titel\nDie Nato und Stoltenberg sind gut. Russland ist schwierig.\n",
            "b": "Titel\nRussland ist gut. Russland ist da.\n",
        },
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}],
        outlets=[{"outlet_id": "o1", "name": "Eins"}, {"outlet_id": "o2", "name": "Zwei"}],
    )
    return framing.load_corpus(path)


def test_profile_by_side_counts_a_sentence_once_per_side(two_outlets, lexicon_file):
    profile = framing.tone_profile(two_outlets, lexicon=lexicon_file).set_index(["outlet_id", "side"])
    nato = profile.loc[("o1", "nato_west")]
    # one sentence names Nato and Stoltenberg: once for the side
    assert (nato.n_sentences, nato.n_positive, nato.score_sum, nato.mean_score) == (1, 1, 1.0, 1.0)
    assert profile.loc[("o1", "russia")].mean_score == pytest.approx(-0.7)
    o2 = profile.loc[("o2", "russia")]
    # two sentences, one of them without evaluative words: mean (1 + 0) / 2
    assert (o2.n_sentences, o2.n_sentences_evaluative, o2.score_sum, o2.mean_score) == (2, 1, 1.0, 0.5)
    # every outlet gets every side: o2 names no nato_west actor
    empty = profile.loc[("o2", "nato_west")]
    assert (empty.n_sentences, empty.n_positive, empty.n_documents) == (0, 0, 0) and math.isnan(empty.mean_score)
    assert list(framing.tone_profile(two_outlets, lexicon=lexicon_file).columns) == PROFILE_COLUMNS


def test_profile_by_actor_keeps_each_actor(two_outlets, lexicon_file):
    profile = framing.tone_profile(two_outlets, by="actor", lexicon=lexicon_file)
    o1 = profile[profile["outlet_id"] == "o1"].set_index("actor_id")
    assert set(o1.index) == {"nato", "stoltenberg", "russia"}
    assert o1.loc["stoltenberg", "n_sentences"] == 1 and o1.loc["stoltenberg", "score_sum"] == 1.0


def test_profile_voice_counts_quoted_words_on_request(make_corpus, lexicon_file):
    corpus = framing.load_corpus(make_corpus({"a": "Titel\n„Die Gespräche mit Russland waren gut“, sagte der schwierige Stoltenberg.\n"}))
    scores = {voice: framing.tone_profile(corpus, voice=voice, lexicon=lexicon_file).set_index("side").loc["russia", "score_sum"]
              for voice in ("outlet", "quoted", "all")}
    assert scores == {"outlet": pytest.approx(-0.7), "quoted": 1.0, "all": pytest.approx(0.3)}


def test_profile_rejects_unknown_options(two_outlets):
    with pytest.raises(ValueError, match="by must be"):
        framing.tone_profile(two_outlets, by="outlet")
    with pytest.raises(ValueError, match="voice must be"):
        framing.tone_profile(two_outlets, voice="author")


# --- the seed corpus, read by hand -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tone(seed_corpus):
    return framing.tone(seed_corpus)


def seed_row(seed_tone, prefix: str, sentence_id: int, actor_id: str) -> pd.Series:
    found = seed_tone[seed_tone["doc_id"].str.startswith(prefix) & (seed_tone["sentence_id"] == sentence_id)
                      & (seed_tone["actor_id"] == actor_id)]
    assert len(found) == 1
    return found.iloc[0]


def test_seed_sna_stoltenberg_keine_einfachen_verhandlungen(seed_tone):
    # „Das waren keine einfachen Verhandlungen, aber gerade deshalb war dieses Treffen so wichtig“, betonte Stoltenberg.
    r = seed_row(seed_tone, "004", 11, "stoltenberg")
    assert r.words_quoted == ["keine … einfachen -0.7", "wichtig +0.7"]
    assert (r.n_negated_quoted, r.score_quoted) == (1, 0.0)
    assert (r.score, r.words) == (0.0, [])  # SNA's own words: none evaluative


def test_seed_sna_nicht_leicht_zu_ueberwinden(seed_tone):
    # Es gebe gravierende Meinungsverschiedenheiten …, diese seien nicht leicht zu überwinden, aber es sei
    # wichtig, einen Dialog zu beginnen, so Stoltenberg weiter. (indirect speech: the quoted voice)
    r = seed_row(seed_tone, "004", 7, "stoltenberg")
    assert r.words_quoted == ["Meinungsverschiedenheiten -0.7", "nicht … überwinden -1", "wichtig +0.7"]
    assert r.score_quoted == pytest.approx(-1.0)


def test_seed_epoch_times_keinen_grund_zum_optimismus(seed_tone):
    # „Es gibt keinen Grund zum Optimismus, aber die Russen sind ernsthaft in die diplomatischen Abläufe eingebunden.“
    r = seed_row(seed_tone, "001", 6, "russia")
    assert r.words_quoted == ["keinen … Optimismus -1", "ernsthaft +0.7"]
    assert r.score_quoted == pytest.approx(-0.3)


def test_seed_cnn_fears_of_invasion_in_the_outlets_own_words(seed_tone):
    # … die Befürchtungen zunehmen, dass Russland eine Invasion in die Ukraine starten könnte.
    # ("Invasion" is descriptive here: the limit the README names)
    r = seed_row(seed_tone, "002", 2, "russia")
    assert r.words == ["Befürchtungen -1", "Invasion -0.7"]
    assert r.score == pytest.approx(-1.7) and r.score_quoted == 0.0


def test_seed_corrected_entries_do_not_fire(seed_corpus):
    words = framing.tone_words(seed_corpus)
    # "fügte … hinzu" (fügen) and "Rat" were +1 in the source; the shipped file sets them to 0
    assert not words["lemma"].isin(["fügen", "Rat"]).any()


def test_seed_profile_is_plausible(seed_corpus):
    profile = framing.tone_profile(seed_corpus)
    assert set(profile["outlet_id"]) == {"nau", "epoch_times", "cnn", "euractiv", "sna"}
    assert (profile["n_sentences"] >= profile["n_sentences_evaluative"]).all()
    shown = profile[profile["n_sentences"] > 0]
    assert shown["mean_score"].between(-2, 2).all()
    sna = profile.set_index(["outlet_id", "side"]).loc["sna"]
    # SNA's own sentences naming Russia hold no evaluative word: it reports Stoltenberg, in his words
    assert sna.loc["russia", "n_sentences"] == 11 and sna.loc["russia", "n_positive"] + sna.loc["russia", "n_negative"] == 0
    quoted = framing.tone_profile(seed_corpus, voice="quoted").set_index(["outlet_id", "side"])
    assert quoted.loc[("sna", "nato_west"), "n_positive"] > 0


# --- an unseen corpus -----------------------------------------------------------------------------------


def test_unseen_corpus_runs(unseen_corpus_dir):
    corpus = framing.load_corpus(unseen_corpus_dir)
    table = framing.tone(corpus)
    assert list(table.columns) == TONE_COLUMNS
    assert len(table) > 0 and (table["n_positive"] + table["n_negative"]).sum() > 0
    assert table["score"].map(math.isfinite).all()
    profile = framing.tone_profile(corpus)
    assert profile["n_sentences"].sum() > 0
    assert ((profile["n_sentences"] == 0) == profile["mean_score"].isna()).all()
