"""Tests of framing.profile: the leaning profile, its evidence, the wide table and correspondence analysis."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import framing
from framing.profile import GROUPS, PROFILE_COLUMNS


@pytest.fixture(scope="module")
def seed_profile(seed_corpus):
    return framing.leaning_profile(seed_corpus)


def test_profile_has_documented_columns_and_groups(seed_profile):
    assert list(seed_profile.columns) == PROFILE_COLUMNS
    assert set(seed_profile["group"]) == set(GROUPS)
    assert set(seed_profile["outlet_id"]) == {"nau", "epoch_times", "cnn", "euractiv", "sna"}
    assert not seed_profile.duplicated(["outlet_id", "indicator"]).any()


def test_every_measured_indicator_traces_to_its_sentences(seed_corpus, seed_profile):
    """The issue's check: every indicator with something counted resolves to at least one sentence."""
    measured = seed_profile[seed_profile["group"] != "declared"]
    assert (measured["basis"].str.startswith("framing.")).all()
    counted = measured[measured["n"].fillna(0) > 0]
    assert len(counted) > 50
    for row in counted.itertuples(index=False):
        assert row.evidence, f"{row.outlet_id} / {row.indicator} has no evidence"
        found = framing.leaning_evidence(seed_corpus, row.outlet_id, row.indicator)
        assert len(found) >= 1 and len(found) == row.n_evidence
        assert (found["text"].str.len() > 0).all(), f"{row.outlet_id} / {row.indicator}: evidence without text"
        assert (found["match"].str.len() > 0).all()
    # a value above 0 always rests on a count above 0
    numeric = measured[measured["unit"] != "text"]
    positive = numeric[pd.to_numeric(numeric["value"], errors="coerce").fillna(0) > 0]
    assert (positive["n"] > 0).all()


def test_evidence_sentences_are_the_corpus_sentences(seed_corpus):
    sents = framing.sentences(seed_corpus).set_index(["doc_id", "sentence_id"])["text"]
    found = framing.leaning_evidence(seed_corpus, "sna", "hedges concerning russia")
    assert len(found) == 1
    row = found.iloc[0]
    assert row["text"] == sents[(row["doc_id"], row["sentence_id"])]
    assert "angebliche" in row["match"]


def test_omissions_of_sna_show_the_other_outlets_sentences(seed_corpus, seed_profile):
    row = seed_profile[(seed_profile["outlet_id"] == "sna")
                       & (seed_profile["indicator"] == "facts omitted that ≥2 other outlets report")].iloc[0]
    coverage = framing.fact_coverage(seed_corpus)
    by_fact = coverage[coverage["present"]].groupby("fact_id")["outlet_id"].agg(set)
    expected = [f for f, outlets in by_fact.items() if "sna" not in outlets and len(outlets) >= 2]
    assert row["value"] == row["n"] == len(expected) > 0
    found = framing.leaning_evidence(seed_corpus, "sna", row["indicator"])
    assert "sna" not in set(found["doc_outlet_id"])
    assert found["match"].str.extract(r"fact (f_\w+)")[0].nunique() == len(expected)


def test_voices_match_share_of_voice(seed_corpus, seed_profile):
    sov = framing.share_of_voice(seed_corpus)
    sov = sov[(sov["kind"] == "all") & (sov["outlet_id"] == "euractiv")].set_index("side")
    rows = seed_profile[(seed_profile["outlet_id"] == "euractiv") & (seed_profile["group"] == "voices")].set_index("indicator")
    for side, r in sov.iterrows():
        assert rows.loc[f"share of quoted words: {side}", "value"] == pytest.approx(r["share_words"])
        assert rows.loc[f"share of quoted words: {side}", "n"] == r["n_words"]
        assert rows.loc[f"quotes of {side}", "n"] == r["n_quotes"]


def test_reuse_row_of_nau_points_to_the_shared_agency_paragraph(seed_corpus, seed_profile):
    row = seed_profile[(seed_profile["outlet_id"] == "nau")
                       & (seed_profile["indicator"] == "share of words in passages shared with another outlet")].iloc[0]
    assert row["value"] == pytest.approx(framing.reuse_share(seed_corpus).set_index("outlet_id").loc["nau", "share_shared"])
    found = framing.leaning_evidence(seed_corpus, "nau", row["indicator"])
    assert found["text"].str.contains("Gruschko").any()


def test_leaning_is_shown_only_with_its_basis(make_corpus):
    outlets = [
        {"outlet_id": "o1", "name": "Eins", "country": "DE", "ownership": "private",
         "leaning": "links", "leaning_basis": "Analystin X, Inhaltsanalyse 2021"},
        {"outlet_id": "o2", "name": "Zwei", "country": "AT", "ownership": "public", "leaning": "rechts", "leaning_basis": ""},
    ]
    path = make_corpus({"a": "Titel\nDie Nato sagte, Russland sei schuld.\n", "b": "Titel\nRussland warnte die Nato.\n"},
                       metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}], outlets=outlets)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = framing.load_corpus(path)
        profile = framing.leaning_profile(corpus)
    declared = profile[profile["group"] == "declared"].set_index(["outlet_id", "indicator"])
    assert declared.loc[("o1", "leaning"), "value"] == "links"
    assert declared.loc[("o1", "leaning"), "basis"] == "Analystin X, Inhaltsanalyse 2021"
    assert ("o2", "leaning") not in declared.index
    assert declared.loc[("o2", "ownership"), "value"] == "public"
    assert (declared["unit"] == "text").all()
    table = framing.leaning_table(corpus)
    assert pd.isna(table.loc[("declared", "leaning", "text"), "o2"])


def test_leaning_table_puts_outlets_side_by_side(seed_corpus, seed_profile):
    table = framing.leaning_table(seed_corpus, outlets=["sna", "euractiv"])
    assert list(table.columns) == ["sna", "euractiv"]
    assert table.index.names == ["group", "indicator", "unit"]
    assert table.index[0] == ("declared", "name", "text")
    assert table.loc[("declared", "ownership", "text"), "sna"] == "state"
    both = framing.leaning_table(seed_corpus, cells="both")
    assert both.loc[("hedges", "hedges concerning russia", "count"), "sna"] == "1 (n=1)"
    with pytest.raises(ValueError):
        framing.leaning_table(seed_corpus, cells="score")


def test_unknown_outlet_or_indicator_is_an_error(seed_corpus):
    with pytest.raises(ValueError, match="no leaning profile"):
        framing.leaning_evidence(seed_corpus, "bild", "facts reported")
    with pytest.raises(ValueError, match="did you mean"):
        framing.leaning_evidence(seed_corpus, "sna", "hedges")


# --- correspondence analysis on tables checked by hand ---------------------------------------


def test_ca_of_a_diagonal_2x2_has_inertia_one():
    result = framing.correspondence(pd.DataFrame([[10, 0], [0, 10]], index=["a", "b"], columns=["x", "y"]))
    assert result.total_inertia == pytest.approx(1.0)     # phi^2 of a perfect association
    assert result.inertia["share"].tolist() == pytest.approx([1.0])
    # equal masses 1/2: principal coordinates ±1, sign normalised (largest |standard coordinate| positive: first one)
    assert result.rows["dim_1"].tolist() == pytest.approx([1.0, -1.0])
    assert result.columns["dim_1"].tolist() == pytest.approx([1.0, -1.0])


def test_ca_of_a_2x2_matches_phi_squared():
    # [[30, 10], [10, 30]]: chi2 = 80 * (30*30 - 10*10)^2 / (40^4) = 20, n = 80, inertia 0.25
    result = framing.correspondence(pd.DataFrame([[30, 10], [10, 30]]))
    assert result.total_inertia == pytest.approx(0.25)
    assert result.rows["dim_1"].abs().tolist() == pytest.approx([0.5, 0.5])


def test_ca_of_proportional_rows_has_zero_inertia():
    result = framing.correspondence(pd.DataFrame([[1, 2, 3], [2, 4, 6], [10, 20, 30]], index=list("abc")))
    assert result.total_inertia == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(result.rows.filter(like="dim_").to_numpy(), 0)


def test_ca_of_a_3x3_agrees_with_chi_square_and_row_distances():
    counts = pd.DataFrame([[20, 5, 3], [4, 18, 9], [6, 7, 25]], index=["r1", "r2", "r3"], columns=["c1", "c2", "c3"])
    result = framing.correspondence(counts)
    chi2 = chi2_contingency(counts.to_numpy(), correction=False)[0]
    assert result.total_inertia == pytest.approx(chi2 / counts.to_numpy().sum())
    assert result.inertia["eigenvalue"].sum() == pytest.approx(result.total_inertia)
    assert result.inertia["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert result.rows["inertia"].sum() == pytest.approx(1.0)
    # with all dimensions, distances between row points are the chi-square distances between row profiles
    P = counts.to_numpy() / counts.to_numpy().sum()
    profiles, c = P / P.sum(axis=1, keepdims=True), P.sum(axis=0)
    F = result.rows[["dim_1", "dim_2"]].to_numpy()
    for i in range(3):
        for j in range(3):
            chi_distance = np.sqrt((((profiles[i] - profiles[j]) ** 2) / c).sum())
            assert np.linalg.norm(F[i] - F[j]) == pytest.approx(chi_distance)
    # deterministic signs: the same table with rows reversed gives the same coordinates per label, up to nothing
    again = framing.correspondence(counts)
    pd.testing.assert_frame_equal(result.rows, again.rows)


def test_ca_drops_empty_rows_and_columns_and_rejects_negatives():
    result = framing.correspondence(pd.DataFrame([[3, 0, 1], [0, 0, 0], [1, 0, 3]], index=list("abc")))
    assert list(result.counts.index) == ["a", "c"] and result.counts.shape == (2, 2)
    with pytest.raises(ValueError):
        framing.correspondence(pd.DataFrame([[1, -1], [2, 3]]))


def test_leaning_map_shows_its_input_and_warns_about_five_articles(seed_corpus):
    with pytest.warns(framing.SmallTableWarning, match="describes these articles"):
        result = framing.leaning_map(seed_corpus)
    counts = framing.leaning_counts(seed_corpus)
    assert set(result.rows["label"]) == set(counts.index)
    assert (result.counts.sum(axis=0) > 0).all()
    assert {c.split(":")[0] for c in result.counts.columns} == {"voices", "naming", "frames", "hedges"}
    assert result.counts.loc["sna", "hedges: russia"] == 1
    assert len(result.inertia) == 2 and 0 < result.inertia["cumulative_share"].iloc[-1] <= 1
