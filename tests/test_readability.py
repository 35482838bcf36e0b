"""Readability: formulas against hand-computed values and textstat, diversity measures, the per-document table."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import textstat

import framing
from framing.readability import flesch_amstad, mattr, mtld, wiener_sachtextformel

READABILITY_COLUMNS = [
    "doc_id", "outlet_id", "n_sentences", "n_words", "n_syllables", "n_polysyllables",
    "n_monosyllables", "n_long_words", "n_types", "words_per_sentence", "syllables_per_word",
    "flesch_amstad", "wstf1", "wstf2", "wstf3", "wstf4", "ttr", "mattr", "mtld",
]
SCORE_COLUMNS = ["words_per_sentence", "syllables_per_word", "flesch_amstad", "wstf1", "wstf2", "wstf3", "wstf4", "ttr", "mattr", "mtld"]


@pytest.fixture
def german_textstat():
    """textstat set to German for one test (its language is global state), reset afterwards."""
    textstat.set_lang("de_DE")
    yield textstat
    textstat.set_lang("en_US")


# --- formulas against hand-computed values -------------------------------------------


@pytest.mark.parametrize(
    "n_words, n_sentences, n_syllables, expected",
    [
        # 180 - 100/5 - 58.5 * 150/100 = 180 - 20 - 87.75 = 72.25
        (100, 5, 150, 72.25),
        # 180 - 12/2 - 58.5 * 24/12 = 180 - 6 - 117 = 57
        (12, 2, 24, 57.0),
        # 180 - 10/1 - 58.5 * 10/10 = 180 - 10 - 58.5 = 111.5 (the scale is not clipped at 100)
        (10, 1, 10, 111.5),
    ],
)
def test_flesch_amstad_matches_hand_computed_values(n_words, n_sentences, n_syllables, expected):
    assert flesch_amstad(n_words=n_words, n_sentences=n_sentences, n_syllables=n_syllables) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "counts, expected",
    [
        # MS = 100*20/100 = 20, SL = 100/5 = 20, IW = 100*30/100 = 30, ES = 100*40/100 = 40
        # 1: 0.1935*20 + 0.1672*20 + 0.1297*30 - 0.0327*40 - 0.875 = 3.87 + 3.344 + 3.891 - 1.308 - 0.875 = 8.922
        # 2: 0.2007*20 + 0.1682*20 + 0.1373*30 - 2.779 = 4.014 + 3.364 + 4.119 - 2.779 = 8.718
        # 3: 0.2963*20 + 0.1905*20 - 1.1144 = 5.926 + 3.81 - 1.1144 = 8.6216
        # 4: 0.2744*20 + 0.2656*20 - 1.693 = 5.488 + 5.312 - 1.693 = 9.107
        (dict(n_words=100, n_sentences=5, n_polysyllables=20, n_long_words=30, n_monosyllables=40), [8.922, 8.718, 8.6216, 9.107]),
        # MS = 100*1/10 = 10, SL = 10/2 = 5, IW = 100*2/10 = 20, ES = 100*5/10 = 50
        # 1: 1.935 + 0.836 + 2.594 - 1.635 - 0.875 = 2.855
        # 2: 2.007 + 0.841 + 2.746 - 2.779 = 2.815
        # 3: 2.963 + 0.9525 - 1.1144 = 2.8011
        # 4: 2.744 + 1.328 - 1.693 = 2.379
        (dict(n_words=10, n_sentences=2, n_polysyllables=1, n_long_words=2, n_monosyllables=5), [2.855, 2.815, 2.8011, 2.379]),
        # MS = 0, SL = 4/1 = 4, IW = 0, ES = 100: 1: 0.6688 - 3.27 - 0.875 = -3.4762; 2: 0.6728 - 2.779 = -2.1062
        # 3: 0.762 - 1.1144 = -0.3524; 4: 1.0624 - 1.693 = -0.6306
        (dict(n_words=4, n_sentences=1, n_polysyllables=0, n_long_words=0, n_monosyllables=4), [-3.4762, -2.1062, -0.3524, -0.6306]),
    ],
    ids=["long_text", "short_text", "all_monosyllables"],
)
def test_wiener_sachtextformel_matches_hand_computed_values(counts, expected):
    for variant, value in zip((1, 2, 3, 4), expected):
        assert wiener_sachtextformel(variant=variant, **counts) == pytest.approx(value, abs=1e-9), variant


@pytest.mark.parametrize("n_words, n_sentences", [(0, 0), (0, 1), (5, 0)])
def test_formulas_are_nan_without_words_or_sentences(n_words, n_sentences):
    assert math.isnan(flesch_amstad(n_words=n_words, n_sentences=n_sentences, n_syllables=0))
    assert math.isnan(wiener_sachtextformel(variant=1, n_words=n_words, n_sentences=n_sentences, n_polysyllables=0, n_long_words=0, n_monosyllables=0))


def test_wiener_sachtextformel_rejects_an_unknown_variant():
    with pytest.raises(ValueError, match="variant"):
        wiener_sachtextformel(variant=5, n_words=10, n_sentences=1, n_polysyllables=1, n_long_words=1, n_monosyllables=1)


# --- equality with textstat on textstat's own counts ----------------------------------------

SIMPLE_GERMAN = (
    "Die Gespräche zwischen Russland und der Nato begannen am Mittwoch in Brüssel. "
    "Beide Seiten beharren auf ihren Standpunkten. Ein Durchbruch wurde nicht erwartet."
)


def test_flesch_amstad_fed_textstats_counts_equals_textstat(german_textstat):
    ts = german_textstat
    counts = dict(
        n_words=ts.lexicon_count(SIMPLE_GERMAN),
        n_sentences=ts.sentence_count(SIMPLE_GERMAN),
        n_syllables=ts.syllable_count(SIMPLE_GERMAN),
    )
    assert counts["n_sentences"] == 3 and counts["n_words"] == 23  # the text is simple enough for textstat
    assert flesch_amstad(**counts) == pytest.approx(ts.flesch_reading_ease(SIMPLE_GERMAN), abs=1e-9)


@pytest.mark.parametrize("variant", [1, 2, 3, 4])
def test_wiener_sachtextformel_fed_textstats_counts_equals_textstat(german_textstat, variant):
    ts = german_textstat
    counts = dict(
        n_words=ts.lexicon_count(SIMPLE_GERMAN),
        n_sentences=ts.sentence_count(SIMPLE_GERMAN),
        n_polysyllables=ts.polysyllabcount(SIMPLE_GERMAN),
        n_long_words=ts.long_word_count(SIMPLE_GERMAN),
        n_monosyllables=ts.monosyllabcount(SIMPLE_GERMAN),
    )
    assert counts["n_polysyllables"] > 0 and counts["n_long_words"] > 0 and counts["n_monosyllables"] > 0
    expected = ts.wiener_sachtextformel(SIMPLE_GERMAN, variant)
    assert wiener_sachtextformel(variant=variant, **counts) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vertreter der Nato trafen sich am 12. Januar in Brüssel.",
        "Das sagte Dr. Müller am Mittwoch in Brüssel.",
    ],
    ids=["date", "abbreviation"],
)
def test_textstat_splits_german_dates_and_abbreviations_where_our_pipeline_does_not(german_textstat, make_corpus, sentence):
    # textstat's counter is the regex r"\b[^.!?]+[.!?]*": it cuts at "12." and "Dr.".
    # (It then discards fragments of two words or fewer, so in "Am 12. Januar trafen sie
    # sich." the cut fragment "Am 12." vanishes and the count happens to be right; the
    # sentences here have longer fragments on both sides of the period.)
    assert german_textstat.sentence_count(sentence) == 2
    corpus = framing.load_corpus(make_corpus({"a": sentence + "\n"}))
    assert framing.readability(corpus).loc[0, "n_sentences"] == 1


# --- lexical diversity on tiny sequences --------------------------------------------------


@pytest.mark.parametrize(
    "words, window, expected",
    [
        # windows [a a] [a b] [b b]: TTR 1/2, 2/2, 1/2 -> mean 2/3
        (["a", "a", "b", "b"], 2, 2 / 3),
        # windows [a b a] [b a b] [a b c]: 2/3, 2/3, 3/3 -> (2/3 + 2/3 + 1) / 3 = 7/9
        (["a", "b", "a", "b", "c"], 3, 7 / 9),
        # shorter than the window: the plain TTR 2/3
        (["a", "a", "b"], 50, 2 / 3),
        # exactly one window: its TTR 2/4
        (["a", "b", "a", "b"], 4, 0.5),
    ],
    ids=["window_2", "window_3", "shorter_than_window", "one_window"],
)
def test_mattr_matches_hand_computed_values(words, window, expected):
    assert mattr(words, window=window) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "words, expected",
    [
        # forward: a (TTR 1), a (1/2 <= 0.72: factor 1, reset), a (1), a (1/2: factor 2, reset);
        # 4 words / 2 factors = 2; backward the same -> 2
        (["a", "a", "a", "a"], 2.0),
        # forward: a 1, b 1, a 2/3 (factor 1), b 1, c 1, c 2/3 (factor 2) -> 6/2 = 3
        # backward c c b a b a: c 1, c 1/2 (factor 1), b 1, a 1, b 2/3 (factor 2), a: rest TTR 1 adds 0 -> 6/2 = 3
        (["a", "b", "a", "b", "c", "c"], 3.0),
        # forward a b c a: TTR 1, 1, 1, 3/4 = 0.75 > 0.72: no full factor;
        # partial factor (1 - 0.75) / (1 - 0.72) = 0.25 / 0.28; 4 / (0.25 / 0.28) = 4.48; backward the same
        (["a", "b", "c", "a"], 4.48),
    ],
    ids=["one_type", "two_full_factors", "partial_factor"],
)
def test_mtld_matches_hand_computed_values(words, expected):
    assert mtld(words) == pytest.approx(expected, abs=1e-12)


def test_diversity_measures_are_nan_for_no_words():
    assert math.isnan(mattr([]))
    assert math.isnan(mtld([]))


# --- the per-document table -------------------------------------------------------------


def test_readability_of_a_tiny_corpus_matches_hand_counts(make_corpus):
    # Die(1) Katze(2) schläft(1) . Der(1) Hund(1) bellt(1) laut(1) .
    # 7 words, 2 sentences, 8 syllables, 0 of 3+, 6 of one syllable, 1 of 7+ letters (schläft)
    # Flesch: 180 - 7/2 - 58.5 * 8/7 = 180 - 3.5 - 66.857142857... = 109.642857142...
    corpus = framing.load_corpus(make_corpus({"a": "Die Katze schläft. Der Hund bellt laut.\n"}))
    row = framing.readability(corpus).iloc[0]
    counts = {column: int(row[column]) for column in ["n_sentences", "n_words", "n_syllables", "n_polysyllables", "n_monosyllables", "n_long_words", "n_types"]}
    assert counts == {"n_sentences": 2, "n_words": 7, "n_syllables": 8, "n_polysyllables": 0, "n_monosyllables": 6, "n_long_words": 1, "n_types": 7}
    assert row["flesch_amstad"] == pytest.approx(180 - 3.5 - 58.5 * 8 / 7, abs=1e-9)
    assert row["words_per_sentence"] == pytest.approx(3.5)
    assert row["ttr"] == pytest.approx(1.0)


def test_readability_has_one_row_per_seed_document_with_the_documented_columns(seed_corpus):
    table = framing.readability(seed_corpus)
    assert list(table.columns) == READABILITY_COLUMNS
    assert table["doc_id"].tolist() == seed_corpus.doc_ids
    assert table["outlet_id"].tolist() == seed_corpus.documents["outlet_id"].tolist()
    assert (table["n_words"] > 100).all()
    assert table[SCORE_COLUMNS].notna().all().all()


def test_seed_readability_counts_agree_with_the_tokens(seed_corpus):
    table = framing.readability(seed_corpus).set_index("doc_id")
    tokens = framing.tokens(seed_corpus)
    for doc_id in seed_corpus.doc_ids:
        words = tokens[(tokens["doc_id"] == doc_id) & tokens["is_word"]]
        row = table.loc[doc_id]
        letters = words["text"].map(lambda w: sum(ch.isalpha() for ch in w))
        assert row["n_words"] == len(words)
        assert row["n_sentences"] == words["sentence_id"].nunique()
        assert row["n_syllables"] == words["n_syllables"].sum()
        assert row["n_polysyllables"] == (words["n_syllables"] >= 3).sum()
        assert row["n_monosyllables"] == (words["n_syllables"] == 1).sum()
        assert row["n_long_words"] == (letters > 6).sum()
        assert row["n_types"] == words["text"].str.lower().nunique()
        assert row["ttr"] == pytest.approx(row["n_types"] / row["n_words"])
        assert row["mattr"] == pytest.approx(mattr(words["text"].str.lower().tolist()))


def test_seed_readability_scores_follow_from_the_counts(seed_corpus):
    for row in framing.readability(seed_corpus).itertuples():
        assert row.flesch_amstad == pytest.approx(flesch_amstad(n_words=row.n_words, n_sentences=row.n_sentences, n_syllables=row.n_syllables))
        assert row.words_per_sentence == pytest.approx(row.n_words / row.n_sentences)
        assert row.syllables_per_word == pytest.approx(row.n_syllables / row.n_words)
        for variant in (1, 2, 3, 4):
            expected = wiener_sachtextformel(
                variant=variant, n_words=row.n_words, n_sentences=row.n_sentences,
                n_polysyllables=row.n_polysyllables, n_long_words=row.n_long_words, n_monosyllables=row.n_monosyllables,
            )
            assert getattr(row, f"wstf{variant}") == pytest.approx(expected)


def test_seed_sentence_count_equals_the_sentences_that_hold_a_word(seed_corpus):
    sentences = framing.sentences(seed_corpus)
    table = framing.readability(seed_corpus).set_index("doc_id")
    # every seed sentence holds a word, so the two counts agree
    assert table["n_sentences"].to_dict() == sentences.groupby("doc_id").size().to_dict()


def test_an_empty_document_gets_zero_counts_and_nan_scores(make_corpus):
    path = make_corpus({"a": "Ein kurzer Satz hier.\n", "empty": "", "chrome": "Abonnieren\n\nNewsticker\n"})
    corpus = framing.load_corpus(path)
    table = framing.readability(corpus).set_index("doc_id")
    assert table.index.tolist() == corpus.doc_ids == ["a", "empty", "chrome"]  # articles.csv order
    for doc_id in ("empty", "chrome"):
        row = table.loc[doc_id]
        assert row[["n_sentences", "n_words", "n_syllables", "n_types"]].tolist() == [0, 0, 0, 0]
        assert row[SCORE_COLUMNS].isna().all(), row[SCORE_COLUMNS].to_dict()
    assert table.loc["a", "n_words"] == 4
    assert pd.api.types.is_integer_dtype(table["n_words"])


def test_vectorised_mattr_equals_the_per_document_definition(make_corpus):
    # documents shorter than, equal to and longer than the 50-word window, with repeats
    texts = {
        "short": "Die Nato und die Nato.",
        "window": " ".join(f"Wort{i % 37}" for i in range(50)) + ".",
        "long": " ".join(f"Wort{(i * 7) % 61}" for i in range(173)) + ".",
    }
    corpus = framing.load_corpus(make_corpus({k: "Titel\n" + v + "\n" for k, v in texts.items()}))
    table = framing.readability(corpus).set_index("doc_id")
    tokens = framing.tokens(corpus)
    for doc_id in texts:
        words = tokens[(tokens["doc_id"] == doc_id) & tokens["is_word"]]["text"].str.lower().tolist()
        assert table.loc[doc_id, "mattr"] == pytest.approx(mattr(words), abs=1e-12)
        assert table.loc[doc_id, "mtld"] == pytest.approx(mtld(words), abs=1e-12, nan_ok=True)
        assert table.loc[doc_id, "n_types"] == len(set(words))


def test_sentence_lengths_count_the_words_of_every_sentence(make_corpus):
    corpus = framing.load_corpus(make_corpus({"a": "Titel der Sache\nEin Satz mit fünf Wörtern. Zwei Wörter.\n"}))
    table = framing.sentence_lengths(corpus)
    assert table[["sentence_id", "part", "n_words"]].values.tolist() == [[1, "headline", 3], [2, "lead", 5], [3, "lead", 2]]
    assert list(table.columns) == ["doc_id", "outlet_id", "sentence_id", "part", "n_words"]


def test_seed_sentence_lengths_add_up_to_the_readability_word_counts(seed_corpus):
    lengths = framing.sentence_lengths(seed_corpus).groupby("doc_id")["n_words"].sum()
    words = framing.readability(seed_corpus).set_index("doc_id")["n_words"]
    assert lengths.to_dict() == words.to_dict()
