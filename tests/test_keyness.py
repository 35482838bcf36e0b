"""Keyness: formulas against hand-computed 2×2 tables and an independent reimplementation of quanteda's,
Monroe et al.'s log-odds, sign and sort conventions, groups, errors and the small-sample warning."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import framing
from framing.dfm import dfm
from framing.keyness import KEYNESS_COLUMNS, SmallSampleWarning, chi2_stat, keyness, logodds_z, lr_stat

THREE_OUTLETS = [
    {"outlet_id": "o1", "name": "Eins", "country": "DE", "ownership": "private"},
    {"outlet_id": "o2", "name": "Zwei", "country": "DE", "ownership": "private"},
    {"outlet_id": "o3", "name": "Drei", "country": "RU", "ownership": "state"},
]


def quiet_keyness(*args, **kwargs) -> pd.DataFrame:
    """Return keyness(...) with its small-sample warnings silenced (tiny test corpora always trigger them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return keyness(*args, **kwargs)


@pytest.fixture
def three_outlets(make_corpus):
    """Three outlets, one article each, counts easy to read:

    o1: Nato ×3, Russland ×1, tagen ×1   (5 counted tokens)
    o2: Nato ×1, Russland ×2, drohen ×1  (4)
    o3: Russland ×3, drohen ×2, Dialog ×1 (6)
    """
    path = make_corpus(
        {
            "a": "Nato tagt. Nato Nato Russland.\n",
            "b": "Nato droht. Russland Russland.\n",
            "c": "Russland droht. Russland droht. Russland Dialog.\n",
        },
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}, {"doc_id": "c", "outlet_id": "o3"}],
        outlets=THREE_OUTLETS,
    )
    return framing.load_corpus(path)


# --- the formulas on hand-computed tables ----------------------------------------------------
#
# Table of one feature: a, b = its count in target and reference; c = target total − a,
# d = reference total − b, N = a+b+c+d; expected count of cell a: E = (a+b)(a+c)/N.


def test_chi2_hand_computed_with_yates():
    # a=10, b=2, totals 20 and 40: c=10, d=38, N=60, ad−bc = 380−20 = 360 ≥ N/2 = 30,
    # expected a = 12·20/60 = 4 < 5 -> Yates δ = 0.5.
    # χ² = 60·(360 − 60·0.5)² / (12·48·20·40) = 60·330²/460800 = 6534000/460800 = 14.1796875, a > E: positive
    assert chi2_stat([10], [2], 20, 40)[0] == pytest.approx(14.1796875, abs=1e-12)
    assert chi2_stat([10], [2], 20, 40, correction="yates")[0] == pytest.approx(14.1796875, abs=1e-12)
    # without correction: 60·360²/460800 = 7776000/460800 = 16.875
    assert chi2_stat([10], [2], 20, 40, correction="none")[0] == pytest.approx(16.875, abs=1e-12)
    # Williams: q = 1 + (60/12 + 60/48 − 1)(60/20 + 60/40 − 1)/(6·60) = 1 + 5.25·3.5/360 = 1.0510416…,
    # 16.875/q = 16.0555005 (divided, as Williams' correction does; quanteda's C++ would multiply)
    assert chi2_stat([10], [2], 20, 40, correction="williams")[0] == pytest.approx(16.875 / (1 + 5.25 * 3.5 / 360), abs=1e-12)


def test_chi2_hand_computed_negative_and_without_yates():
    # a=1, b=9, totals 50 and 50: c=49, d=41, N=100, |ad−bc| = |41−441| = 400.
    # Expected counts 10·50/100 = 5, 5, 90·50/100 = 45, 45: none below 5 -> no Yates even by default.
    # χ² = 100·400²/(10·90·50·50) = 16000000/2250000 = 7.1111…; a=1 < E=5: negative
    assert chi2_stat([1], [9], 50, 50)[0] == pytest.approx(-64 / 9, abs=1e-12)


def test_chi2_yates_needs_a_large_enough_difference():
    # a=1, b=1, totals 10 and 12: c=9, d=11, N=22; expected a = 2·10/22 = 0.91 < 5, but
    # |ad−bc| = |11−9| = 2 < N/2 = 11 -> no Yates. χ² = 22·2²/(2·20·10·12) = 88/4800 = 0.018333…;
    # a=1 > E=0.91: positive
    assert chi2_stat([1], [1], 10, 12)[0] == pytest.approx(88 / 4800, abs=1e-12)


def test_lr_hand_computed():
    # quanteda adds ε = 1e-9 inside each log: O·ln(O/E + ε) ≈ O·ln(O/E) + ε·E, so G² grows by 2·ε·ΣE = 2e-9·N
    # a=10, b=2, c=10, d=38 (totals 20, 40), expected 4, 8, 16, 32, no correction:
    # G² = 2(10 ln(10/4) + 2 ln(2/8) + 10 ln(10/16) + 38 ln(38/32))
    #    = 2(9.16290732 − 2.77258872 − 4.70003629 + 6.53030976) = 2·8.22059207 = 16.44118414
    assert lr_stat([10], [2], 20, 40, correction="none")[0] == pytest.approx(16.44118414 + 2e-9 * 60, abs=1e-7)
    # default: Yates applies (see the χ² example), ad−bc > 0 so a, d move down and b, c up by 0.5:
    # G² = 2(9.5 ln(9.5/4) + 2.5 ln(2.5/8) + 10.5 ln(10.5/16) + 37.5 ln(37.5/32))
    #    = 2(8.21747566 − 2.90787702 − 4.42274138 + 5.94768863) = 2·6.83454589 = 13.66909178
    assert lr_stat([10], [2], 20, 40)[0] == pytest.approx(13.66909178 + 2e-9 * 60, abs=1e-7)
    # Williams: G² / q with q = 1.05104167 (see the χ² example): 16.44118426/1.05104167 = 15.64275211
    assert lr_stat([10], [2], 20, 40, correction="williams")[0] == pytest.approx(15.64275211, abs=1e-7)
    # a=1, b=9, c=49, d=41, expected 5, 5, 45, 45, no Yates (all expected ≥ 5):
    # G² = 2(ln(1/5) + 9 ln(9/5) + 49 ln(49/45) + 41 ln(41/45))
    #    = 2(−1.60943791 + 5.29007998 + 4.17273261 − 3.81670735) = 2·4.03666733 = 8.07333467, negative
    assert lr_stat([1], [9], 50, 50)[0] == pytest.approx(-(8.07333467 + 2e-9 * 100), abs=1e-7)


def test_logodds_hand_computed():
    # a=2, b=0, totals 4 and 4, flat prior α=1 over 3 features: α₀ = 3.
    # δ = ln((2+1)/(4+3−2−1)) − ln((0+1)/(4+3−0−1)) = ln(3/4) − ln(1/6) = ln 4.5 = 1.5040774
    # σ² = 1/3 + 1/1 = 4/3; z = 1.5040774/√(4/3) = 1.5040774/1.1547005 = 1.3025692
    assert logodds_z([2], [0], 4, 4, alpha=1.0, alpha0=3.0)[0] == pytest.approx(1.3025692, abs=1e-7)
    # the same table mirrored: the sign flips
    assert logodds_z([0], [2], 4, 4, alpha=1.0, alpha0=3.0)[0] == pytest.approx(-1.3025692, abs=1e-7)


# --- independent reimplementations, checked on every feature of the seed corpus ---------------


def quanteda_chi2(a: float, b: float, n_target: float, n_reference: float, correction: str) -> float:
    """χ² of one table, written out as quanteda's chisq_lambda (Williams: divided by q, see keyness())."""
    c, d = n_target - a, n_reference - b
    n = a + b + c + d
    expected = (a + b) * (a + c) / n
    delta = 0.0
    if correction in ("default", "yates") and abs(a * d - b * c) >= n / 2:
        if min((a + b) * (a + c) / n, (a + b) * (b + d) / n, (a + c) * (c + d) / n, (c + d) * (b + d) / n) < 5:
            delta = 0.5
    q = 1.0
    if correction == "williams" and a * b * c * d != 0:
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    value = n * (abs(a * d - b * c) - n * delta) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d)) / q
    return value if a > expected else -value


def quanteda_lr(a: float, b: float, n_target: float, n_reference: float, correction: str) -> float:
    """G² of one table, written out as quanteda's lr_lambda."""
    c, d = n_target - a, n_reference - b
    n = a + b + c + d
    expected = (a + b) * (a + c) / n
    aa, bb, cc, dd = a, b, c, d
    if correction in ("default", "yates"):
        delta = 0.0
        if abs(a * d - b * c) >= n / 2 and min((a + b) * (a + c) / n, (a + b) * (b + d) / n,
                                                (a + c) * (c + d) / n, (c + d) * (b + d) / n) < 5:
            delta = 0.5
        if a * d - b * c > 0:
            aa, bb, cc, dd = a - delta, b + delta, c + delta, d - delta
        else:
            aa, bb, cc, dd = a + delta, b - delta, c - delta, d + delta
    eps = 1e-9
    g2 = 2 * (aa * math.log(aa / ((aa + bb) * (aa + cc) / n) + eps)
              + bb * math.log(bb / ((aa + bb) * (bb + dd) / n) + eps)
              + cc * math.log(cc / ((aa + cc) * (cc + dd) / n) + eps)
              + dd * math.log(dd / ((bb + dd) * (cc + dd) / n) + eps))
    g2 = g2 if a > expected else -g2
    if correction == "williams" and a * b * c * d != 0:
        g2 /= 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    return g2


def monroe_z(y_i: float, y_j: float, n_i: float, n_j: float, alpha: float, alpha0: float) -> float:
    """Monroe, Colaresi & Quinn (2008): the z-score of the log-odds ratio, as published."""
    delta = math.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - math.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
    return delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))


@pytest.mark.parametrize("measure, formula", [("chi2", quanteda_chi2), ("lr", quanteda_lr)])
@pytest.mark.parametrize("correction", ["default", "yates", "williams", "none"])
@pytest.mark.parametrize("target", ["sna", "euractiv"])
def test_chi2_and_lr_agree_with_quanteda_on_every_seed_feature(seed_corpus, measure, formula, correction, target):
    result = quiet_keyness(seed_corpus, target=target, measure=measure, correction=correction, min_count=0)
    n_t, n_r = result.attrs["n_target_total"], result.attrs["n_reference_total"]
    assert len(result) == dfm(seed_corpus).n_features  # one vs the rest: every feature is in one of the groups
    expected = [formula(a, b, n_t, n_r, correction) for a, b in zip(result["n_target"], result["n_reference"])]
    np.testing.assert_allclose(result["stat"], expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(result["p"], [1 - stats.chi2.cdf(abs(s), 1) for s in expected], rtol=0, atol=1e-9)


@pytest.mark.parametrize("prior", [0.01, 0.5, 1.0])
def test_logodds_with_flat_prior_agrees_with_monroe_on_every_seed_feature(seed_corpus, prior):
    result = quiet_keyness(seed_corpus, target="sna", measure="logodds", prior=prior, min_count=0)
    n_t, n_r = result.attrs["n_target_total"], result.attrs["n_reference_total"]
    alpha0 = prior * result.attrs["n_features"]
    assert result.attrs["alpha0"] == pytest.approx(alpha0)
    expected = [monroe_z(a, b, n_t, n_r, prior, alpha0) for a, b in zip(result["n_target"], result["n_reference"])]
    np.testing.assert_allclose(result["stat"], expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(result["p"], [2 * stats.norm.sf(abs(z)) for z in expected], rtol=0, atol=1e-9)


def test_logodds_informative_prior_is_the_corpus_count_of_each_feature(three_outlets):
    # Pairwise o1 vs o2; the prior comes from all three outlets (15 tokens):
    # α(Nato) = 4, α(Russland) = 6, α(tagen) = 1, α(drohen) = 3, α(Dialog) = 1; α₀ = 15
    result = quiet_keyness(three_outlets, target="o1", reference="o2", min_count=0).set_index("feature")
    assert result.attrs["alpha0"] == 15
    alpha = {"Nato": 4, "Russland": 6, "tagen": 1, "drohen": 3}
    assert set(result.index) == set(alpha)  # Dialog occurs in neither o1 nor o2
    for feature, a in alpha.items():
        row = result.loc[feature]
        assert row["stat"] == pytest.approx(monroe_z(row["n_target"], row["n_reference"], 5, 4, a, 15), abs=1e-12)


# --- conventions -------------------------------------------------------------------------


def test_columns_types_and_attrs(three_outlets):
    result = quiet_keyness(three_outlets, target="o1", measure="chi2", min_count=0)
    assert list(result.columns) == KEYNESS_COLUMNS
    assert result["n_target"].dtype == np.int64 and result["n_reference"].dtype == np.int64
    attrs = result.attrs
    assert (attrs["target"], attrs["reference"], attrs["by"]) == (["o1"], ["o2", "o3"], "outlet_id")
    assert (attrs["n_target_total"], attrs["n_reference_total"]) == (5, 10)
    assert (attrs["n_target_documents"], attrs["n_reference_documents"]) == (1, 2)
    assert attrs["measure"] == "chi2" and attrs["correction"] == "default" and attrs["prior"] is None
    assert attrs["features"] == {"unit": "lemma", "ngram": 1, "remove_stopwords": True, "remove_numbers": False}


def test_sign_follows_more_or_less_use_than_expected(three_outlets):
    # o1 vs rest: Nato 3 of 5 tokens vs 1 of 10 -> positive; Russland 1 of 5 vs 5 of 10 -> negative
    for measure in ("chi2", "lr", "logodds"):
        result = quiet_keyness(three_outlets, target="o1", measure=measure, min_count=0).set_index("feature")
        assert result.loc["Nato", "stat"] > 0, measure
        assert result.loc["Russland", "stat"] < 0, measure
        assert (result.loc["Nato", "n_target"], result.loc["Nato", "n_reference"]) == (3, 1)


def test_sorted_by_stat_then_feature(three_outlets):
    result = quiet_keyness(three_outlets, target="o3", measure="chi2", min_count=0)
    assert result["stat"].is_monotonic_decreasing
    # Dialog (1 vs 0) and tagen (0 vs 1) have their own values; equal stats are ordered by feature
    key = list(zip(-result["stat"], result["feature"]))
    assert key == sorted(key)


def test_ties_are_ordered_by_feature_name(make_corpus):
    path = make_corpus({"a": "Zebra Apfel Mond.\n", "b": "Haus Baum Wald.\n"},
                       metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}],
                       outlets=THREE_OUTLETS)
    # without correction (Yates would bring every 1-vs-0 table here to 0): +1.2 three times, −1.2 three times
    result = quiet_keyness(framing.load_corpus(path), target="o1", measure="chi2", correction="none", min_count=0)
    assert result["feature"].tolist() == ["Apfel", "Mond", "Zebra", "Baum", "Haus", "Wald"]


def test_pairwise_reference_leaves_other_groups_out(three_outlets):
    result = quiet_keyness(three_outlets, target="o1", reference="o2", measure="lr", min_count=0).set_index("feature")
    assert result.attrs["reference"] == ["o2"]
    assert (result.attrs["n_target_total"], result.attrs["n_reference_total"]) == (5, 4)
    assert result.loc["Russland", "n_reference"] == 2  # o3's three are not counted
    assert "Dialog" not in result.index  # only in o3
    assert result.loc["Nato", "stat"] == pytest.approx(quanteda_lr(3, 1, 5, 4, "default"), abs=1e-12)


def test_lists_of_groups_on_either_side(three_outlets):
    result = quiet_keyness(three_outlets, target=["o1", "o2"], reference=["o3"], min_count=0).set_index("feature")
    assert (result.attrs["n_target_total"], result.attrs["n_reference_total"]) == (9, 6)
    assert (result.loc["Nato", "n_target"], result.loc["Nato", "n_reference"]) == (4, 0)


def test_groups_by_ownership(seed_corpus):
    # SNA is the only state-owned outlet of the seed corpus: state vs private is SNA vs the rest
    by_ownership = quiet_keyness(seed_corpus, target="state", by="ownership", measure="lr")
    by_outlet = quiet_keyness(seed_corpus, target="sna", measure="lr")
    pd.testing.assert_frame_equal(by_ownership, by_outlet)
    assert by_ownership.attrs["reference"] == ["private"]
    assert by_ownership.attrs["n_reference_documents"] == 4


def test_min_count_filters_rows_but_not_totals(three_outlets):
    everything = quiet_keyness(three_outlets, target="o1", measure="chi2", min_count=0)
    kept = quiet_keyness(three_outlets, target="o1", measure="chi2", min_count=4)
    # n_target + n_reference: Nato 3+1, Russland 1+5, tagen 1+0, drohen 0+3, Dialog 0+1
    assert sorted(kept["feature"]) == ["Nato", "Russland"]
    assert len(everything) == 5
    assert kept.attrs["n_target_total"] == everything.attrs["n_target_total"] == 5
    pd.testing.assert_frame_equal(kept, everything[everything["feature"].isin(["Nato", "Russland"])].reset_index(drop=True))


def test_dfm_instead_of_corpus_gives_the_same_result(seed_corpus):
    for measure in ("chi2", "lr", "logodds"):
        from_corpus = quiet_keyness(seed_corpus, target="sna", measure=measure, unit="token", ngram=2)
        from_dfm = quiet_keyness(dfm(seed_corpus, unit="token", ngram=2), target="sna", measure=measure)
        pd.testing.assert_frame_equal(from_corpus, from_dfm)
        assert from_corpus.attrs == from_dfm.attrs
        assert from_dfm.attrs["features"]["unit"] == "token" and from_dfm.attrs["features"]["ngram"] == 2


def test_grouped_dfm_gives_the_same_result(seed_corpus):
    grouped = dfm(seed_corpus).group("outlet_id")
    for measure in ("chi2", "logodds"):
        pd.testing.assert_frame_equal(quiet_keyness(grouped, target="sna", measure=measure),
                                      quiet_keyness(seed_corpus, target="sna", measure=measure))
    assert quiet_keyness(grouped.group("ownership"), target="state", by="ownership").attrs["n_reference_documents"] == 4


# --- errors --------------------------------------------------------------------------------


def test_unknown_group_lists_the_available_ones(three_outlets):
    with pytest.raises(ValueError, match=r"target 'o9' is not a value of outlet_id; available groups: o1, o2, o3"):
        keyness(three_outlets, target="o9")
    with pytest.raises(ValueError, match=r"reference 'o9' is not a value of outlet_id; available groups: o1, o2, o3"):
        keyness(three_outlets, target="o1", reference="o9")
    with pytest.raises(ValueError, match="available groups: private, state"):
        keyness(three_outlets, target="public", by="ownership")


def test_other_errors(three_outlets, seed_corpus):
    with pytest.raises(ValueError, match="measure must be one of 'logodds', 'chi2', 'lr'"):
        keyness(three_outlets, target="o1", measure="pmi")
    with pytest.raises(ValueError, match="correction must be one of"):
        keyness(three_outlets, target="o1", measure="chi2", correction="bonferroni")
    with pytest.raises(ValueError, match="prior must be 'corpus'"):
        keyness(three_outlets, target="o1", prior=0)
    with pytest.raises(ValueError, match="is not a document variable"):
        keyness(three_outlets, target="o1", by="party")
    with pytest.raises(ValueError, match="'o1' is both target and reference"):
        keyness(three_outlets, target="o1", reference=["o1", "o2"])
    with pytest.raises(ValueError, match="nothing to compare with"):
        keyness(three_outlets, target=["o1", "o2", "o3"])
    with pytest.raises(ValueError, match="x is a Dfm"):
        keyness(dfm(three_outlets), target="o1", unit="token")
    with pytest.raises(TypeError, match="unknown option"):
        keyness(three_outlets, target="o1", stem=True)
    # the seed corpus has no leaning labels: one empty group, nothing to compare it with
    with pytest.raises(ValueError, match="nothing to compare with"):
        keyness(seed_corpus, target="", by="leaning")


# --- small-sample honesty ---------------------------------------------------------------------


def test_warns_on_the_seed_corpus(seed_corpus):
    with pytest.warns(SmallSampleWarning) as caught:
        result = keyness(seed_corpus, target="sna", measure="lr")
    messages = result.attrs["warnings"]
    assert [str(w.message) for w in caught] == messages
    assert any("only 273 counted tokens, fewer than 1,000" in m for m in messages)  # 275 before Anm.d.Red. (twice in SNA) became a stop word
    assert any("single document" in m and "not outlet_id sna in general" in m for m in messages)


def test_no_warning_for_large_enough_groups(make_corpus):
    # two outlets of two articles each, 600 counted tokens per article: 1,200 per group,
    # four features each with expected counts far above 5
    text = "Nato tagt. Russland droht. " * 150 + "\n"
    other = "Nato tagt. Russland droht. Nato droht. " * 100 + "\n"
    path = make_corpus({"a": text, "b": text, "c": other, "d": other},
                       metadata=[{"doc_id": d, "outlet_id": o} for d, o in zip("abcd", ["o1", "o1", "o2", "o2"])],
                       outlets=THREE_OUTLETS)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SmallSampleWarning)
        result = keyness(framing.load_corpus(path), target="o1", measure="chi2")
    assert result.attrs["warnings"] == []
    assert result.attrs["n_features_expected_5"] == 4


def test_warns_when_no_feature_reaches_expected_count_5(three_outlets):
    result = quiet_keyness(three_outlets, target="o1", measure="chi2", min_count=0)
    assert result.attrs["n_features_expected_5"] == 0
    assert any("expected count of at least 5" in m for m in result.attrs["warnings"])


def test_the_editors_note_marker_is_a_stop_word_not_a_key_feature(seed_corpus):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = framing.keyness(seed_corpus, target="sna")
    assert "Anm.d.Red." not in set(table["feature"])
