"""Keyness: which words one group of documents uses more (or less) than another.

`keyness(corpus, target="sna")` compares the word counts of a target group
(an outlet, an ownership type, a country …) with those of the rest of the
corpus, or of a second group, feature by feature. Counting (`framing.dfm`)
and the formulas are kept apart: `chi2_stat`, `lr_stat` and `logodds_z` take
counts only, and are tested against hand-computed 2×2 tables.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dfm import Dfm, FeatureOptions, dfm

MEASURES = ("logodds", "chi2", "lr")
CORRECTIONS = ("default", "yates", "williams", "none")
KEYNESS_COLUMNS = ["feature", "stat", "p", "n_target", "n_reference"]

# quanteda adds this inside the logarithm of G² ("the same value as R code"), kept for identical results.
LR_EPSILON = 1e-9
# Below this many counted tokens in a group, a warning (see `keyness`, "Small samples").
MIN_GROUP_TOKENS = 1000
# Cochran's rule for the χ² approximation of a 2×2 table: every expected count at least 5.
MIN_EXPECTED = 5.0


class SmallSampleWarning(UserWarning):
    """A group is too small for the keyness statistic to be trusted; the message says which and why."""


def keyness(x, *, target, reference=None, by: str = "outlet_id", measure: str = "logodds",
            min_count: int = 2, prior: str | float = "corpus", correction: str = "default",
            **features) -> pd.DataFrame:
    """Return, for every word, how much more (or less) the target group uses it than the reference.

    What it measures: for each feature (lemma, word form or n-gram), whether
    its share of the target's words is higher than its share of the
    reference's words, and how surprising the difference would be if both
    drew words from the same distribution. A high positive score says the
    target uses the word relatively more; a negative one, relatively less.

    What it cannot tell: why. A word can be key because of a different topic,
    angle, source text, translation or house style, not only a different
    framing; read the sentences behind it (the counts show how few they may
    be). The statistic treats every token as an independent draw, so a word
    repeated within one article counts as much as a word used across many;
    with one article per outlet (the seed corpus) the result describes that
    article, not the outlet. The p-values come from large-sample
    approximations and are not corrected for testing hundreds of words at
    once: read them as a ranking, not as proof.

    Measures (`stat`, sorted from highest):

    - "logodds" (default): the log-odds ratio with a Dirichlet prior of
      Monroe, Colaresi & Quinn (2008), as a z-score δ/√σ² with
      δ = log((y_t+α_w)/(n_t+α₀−y_t−α_w)) − log((y_r+α_w)/(n_r+α₀−y_r−α_w)) and
      σ² = 1/(y_t+α_w) + 1/(y_r+α_w) (y: the feature's count, n: the group's
      token total, t/r: target/reference). The prior shrinks rare words
      towards zero, so a word seen once or twice cannot top the list on luck
      alone. `prior="corpus"` (default) is their informative prior: α_w is
      the feature's count in the whole corpus (all groups, every feature,
      before `min_count`), α₀ = Σα_w the corpus's token total. Monroe et al.
      scale the corpus distribution by a chosen prior size; taking the counts
      themselves (α₀ = corpus size) is the choice of the implementations in
      common use (tidylo's empirical-Bayes default, Kawintiranon's
      log-odds-ratio, Jurafsky et al. 2014), and means the prior weighs as
      much as the data: the z-scores are smaller than with a weak prior but
      rank frequent, consistent differences first. `prior=<float>` is a flat
      prior: α_w = prior for every feature, α₀ = prior × the number of
      features of the matrix (`attrs["n_features"]`). `p` is the two-sided
      normal p-value of z.
    - "chi2": Pearson's χ² of the 2×2 table (the feature's count in target
      and reference against the remaining tokens of each), exactly as
      quanteda's `textstat_keyness` computes it; signed: negative where the
      target uses the feature less than expected.
    - "lr": the likelihood-ratio statistic G² (Dunning 1993) of the same
      table, exactly as quanteda computes it (including its 1e-9 inside the
      logarithm), signed like chi2.

    For chi2 and lr, `p` is the upper tail of the χ² distribution with one
    degree of freedom at |stat|.

    Args:
        x: a `Corpus`, or a `Dfm` from `framing.dfm` (then the feature
            options below must not be given: the matrix already fixes them).
        target: the value (or list of values) of column `by` that forms the
            target group, e.g. "sna", or ["sna", "cnn"].
        reference: the value(s) forming the reference group, for a pairwise
            comparison; None (default) compares with all other documents.
        by: the documents column the groups are values of: `outlet_id`
            (default), `ownership`, `country`, `leaning`, `doc_id` …
        measure: "logodds" (default), "chi2" or "lr".
        min_count: keep features with n_target + n_reference ≥ min_count
            (default 2, which drops words seen once in the two groups). It
            only removes rows: group totals, the prior and the statistics of
            the other features are those of all features. Features absent
            from both groups are never returned.
        prior: for "logodds": "corpus" (informative, default) or a positive
            number (flat). Ignored, with a warning, by chi2 and lr.
        correction: for chi2 and lr, as in quanteda: "default" or "yates"
            (Yates' 0.5, only when |ad−bc| ≥ N/2 and some expected count is
            below 5), "williams" (G² and χ² divided by Williams' q) or "none".
            Ignored, with a warning, by logodds. quanteda multiplies χ² by q
            under "williams" (its C++ divides the denominator by q); this
            function divides, the direction of Williams' correction.
        **features: options of the document-feature matrix when `x` is a
            corpus (see `FeatureOptions`): `unit` ("lemma" default, or
            "token"), `ngram` (1 default, 2, 3 or a tuple), `remove_stopwords`
            (True), `remove_numbers` (False).

    Returns:
        One row per feature, all of them (callers slice), sorted by `stat`
        descending then `feature` ascending, with columns:
        `feature` (label: the commonest written form), `stat` (the measure),
        `p` (its p-value), `n_target`, `n_reference` (the feature's counts in
        each group). `df.attrs` holds what the numbers rest on:
        `measure, correction, prior, by, target, reference` (lists of group
        values; reference lists the groups compared with), `n_target_total,
        n_reference_total` (counted tokens per group), `n_target_documents,
        n_reference_documents`, `n_features` (features of the matrix),
        `alpha0` (logodds: α₀; None otherwise), `n_features_expected_5`
        (returned features whose four expected counts are all ≥ 5),
        `min_count`, `features` (the feature options as a dict) and
        `warnings` (plain-language strings, also emitted as
        `SmallSampleWarning`).

    Small samples: a warning is given when a group has fewer than
    `MIN_GROUP_TOKENS` (1,000) counted tokens, when it is a single document,
    and when no returned feature has all expected counts ≥ 5. Why 1,000: the
    χ² and G² p-values need expected counts of about 5 (Cochran's rule); in a
    group of 1,000 tokens only a word making up 0.5 % of its text reaches 5,
    and after stop-word removal hardly any content word of a news article is
    that frequent, so below 1,000 tokens essentially every p-value rests on
    counts too small for the approximation, and the z-scores of logodds on
    a handful of occurrences.

    Raises:
        ValueError: unknown measure, correction, prior or `by` column; a
            target or reference value that is not a group (the message lists
            the groups); overlapping or empty groups.

    References:
        Dunning, T. (1993). Accurate methods for the statistics of surprise
        and coincidence. *Computational Linguistics* 19(1), 61–74.

        Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words:
        Lexical feature selection and evaluation for identifying the content
        of political conflict. *Political Analysis* 16(4), 372–403.

        Benoit, K. et al. quanteda.textstats: `textstat_keyness` (src/keyness.cpp),
        https://github.com/quanteda/quanteda.textstats.

        Rayson, P., Berridge, D. & Francis, B. (2004). Extending the Cochran
        rule for the comparison of word frequencies between corpora. *JADT 2004*.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(map(repr, MEASURES))}, not {measure!r}")
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(map(repr, CORRECTIONS))}, not {correction!r}")
    if not (prior == "corpus" or (isinstance(prior, (int, float)) and not isinstance(prior, bool) and prior > 0)):
        raise ValueError(f"prior must be 'corpus' (informative) or a positive number (flat), not {prior!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 0:
        raise ValueError(f"min_count must be a whole number ≥ 0, not {min_count!r}")
    if measure == "logodds" and correction != "default":
        warnings.warn(f"correction={correction!r} applies to chi2 and lr only; logodds ignores it", UserWarning, stacklevel=2)
    if measure != "logodds" and prior != "corpus":
        warnings.warn(f"prior={prior!r} applies to logodds only; {measure} ignores it", UserWarning, stacklevel=2)

    from scipy import stats  # here, not at the top: scipy.stats costs ~0.3 s to import, the dashboard's start pays it otherwise

    matrix = _as_dfm(x, features)
    counts = _group_counts(matrix, by=by, target=target, reference=reference)
    a, b = counts.n_target, counts.n_reference
    n_t, n_r = counts.n_target_total, counts.n_reference_total
    present = (a + b) > 0
    alpha0 = None
    if measure == "chi2":
        stat = chi2_stat(a[present], b[present], n_t, n_r, correction=correction)
        p = stats.chi2.sf(np.abs(stat), 1)
    elif measure == "lr":
        stat = lr_stat(a[present], b[present], n_t, n_r, correction=correction)
        p = stats.chi2.sf(np.abs(stat), 1)
    else:
        if prior == "corpus":
            alpha = counts.n_corpus.astype(np.float64)
            alpha0 = float(alpha.sum())
            alpha = alpha[present]
        else:
            alpha = float(prior)
            alpha0 = alpha * matrix.n_features
        stat = logodds_z(a[present], b[present], n_t, n_r, alpha=alpha, alpha0=alpha0)
        p = 2.0 * stats.norm.sf(np.abs(stat))

    result = pd.DataFrame({
        "feature": matrix.features[present],
        "stat": stat,
        "p": p,
        "n_target": a[present],
        "n_reference": b[present],
    }, columns=KEYNESS_COLUMNS)
    result = result[(result["n_target"] + result["n_reference"]) >= min_count]
    result = result.sort_values(["stat", "feature"], ascending=[False, True], kind="stable").reset_index(drop=True)

    expected_ok = _expected_at_least(result["n_target"].to_numpy(), result["n_reference"].to_numpy(), n_t, n_r, MIN_EXPECTED)
    messages = _small_sample_messages(counts, by=by, n_returned=len(result), n_expected_ok=int(expected_ok.sum()), measure=measure)
    for message in messages:
        warnings.warn(SmallSampleWarning(message), stacklevel=2)
    result.attrs.update({
        "measure": measure,
        "correction": correction if measure != "logodds" else None,
        "prior": prior if measure == "logodds" else None,
        "by": by,
        "target": counts.target,
        "reference": counts.reference,
        "n_target_total": n_t,
        "n_reference_total": n_r,
        "n_target_documents": counts.n_target_documents,
        "n_reference_documents": counts.n_reference_documents,
        "n_features": matrix.n_features,
        "alpha0": alpha0,
        "n_features_expected_5": int(expected_ok.sum()),
        "min_count": int(min_count),
        "features": {name: getattr(matrix.options, name) for name in FeatureOptions.names()},
        "warnings": messages,
    })
    return result


# --- the formulas: counts in, statistics out ----------------------------------------------


def _table(a, b, n_target, n_reference):
    """Return the four cells a, b, c, d and N of each feature's 2×2 table, as float arrays."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    c = n_target - a
    d = n_reference - b
    return a, b, c, d, a + b + c + d


def _yates_delta(a, b, c, d, n):
    """Return quanteda's Yates correction: 0.5 where |ad−bc| ≥ N/2 and some expected count is below 5, else 0."""
    small = (((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5)
             | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5))
    return np.where((np.abs(a * d - b * c) >= n / 2) & small, 0.5, 0.0)


def _williams_q(a, b, c, d, n):
    """Return Williams' correction q of each table (1 where a cell is 0, as quanteda)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def _sign(a, b, c, n):
    """Return +1 where the target count exceeds its expected count (a+b)(a+c)/N, else −1."""
    return np.where(a > (a + b) * (a + c) / n, 1.0, -1.0)


def chi2_stat(a, b, n_target: float, n_reference: float, *, correction: str = "default") -> np.ndarray:
    """Return the signed χ² of each feature's 2×2 table, as quanteda's `textstat_keyness`.

    With a, b the feature's counts in target and reference, c = n_target − a,
    d = n_reference − b, N = a+b+c+d:
    χ² = N (|ad − bc| − N·δ)² / ((a+b)(c+d)(a+c)(b+d)), δ the Yates
    correction (0.5 when |ad−bc| ≥ N/2 and an expected count is below 5,
    else 0; always 0 for "none" and "williams"), divided by Williams' q for
    "williams"; negative where a is not above its expected count (a+b)(a+c)/N.

    Args:
        a: the feature counts in the target (array).
        b: the feature counts in the reference (array).
        n_target: the target's token total.
        n_reference: the reference's token total.
        correction: "default" or "yates" (the same), "williams" or "none".

    Returns:
        One signed χ² per feature.

    References:
        quanteda.textstats, src/keyness.cpp (`chisq_lambda`); Yates, F. (1934),
        *Supplement to the JRSS* 1(2), 217–235; Williams, D. A. (1976),
        *Biometrika* 63(1), 33–37.
    """
    a, b, c, d, n = _table(a, b, n_target, n_reference)
    delta = _yates_delta(a, b, c, d, n) if correction in ("default", "yates") else 0.0
    q = _williams_q(a, b, c, d, n) if correction == "williams" else 1.0
    chi2 = n * (np.abs(a * d - b * c) - n * delta) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    return chi2 / q * _sign(a, b, c, n)


def lr_stat(a, b, n_target: float, n_reference: float, *, correction: str = "default") -> np.ndarray:
    """Return the signed likelihood ratio G² of each feature's 2×2 table, as quanteda's `textstat_keyness`.

    G² = 2 Σ O·ln(O/E + ε) over the four cells, ε = 1e-9 (quanteda's guard
    against log 0). Under "default"/"yates" each cell is first moved 0.5
    towards independence when the Yates condition holds (see `chi2_stat`);
    under "williams" G² is divided by q. Signed like `chi2_stat`, by the
    uncorrected counts.

    Args:
        a: the feature counts in the target (array).
        b: the feature counts in the reference (array).
        n_target: the target's token total.
        n_reference: the reference's token total.
        correction: "default" or "yates" (the same), "williams" or "none".

    Returns:
        One signed G² per feature.

    References:
        Dunning, T. (1993), *Computational Linguistics* 19(1), 61–74;
        quanteda.textstats, src/keyness.cpp (`lr_lambda`).
    """
    a0, b0, c0, d0, n = _table(a, b, n_target, n_reference)
    a, b, c, d = a0, b0, c0, d0
    if correction in ("default", "yates"):
        delta = _yates_delta(a0, b0, c0, d0, n)
        step = np.where(a0 * d0 - b0 * c0 > 0, -delta, delta)
        a, b, c, d = a0 + step, b0 - step, c0 - step, d0 + step
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (a * np.log(a / ((a + b) * (a + c) / n) + LR_EPSILON)
                    + b * np.log(b / ((a + b) * (b + d) / n) + LR_EPSILON)
                    + c * np.log(c / ((a + c) * (c + d) / n) + LR_EPSILON)
                    + d * np.log(d / ((b + d) * (c + d) / n) + LR_EPSILON))
    g2 = g2 * _sign(a0, b0, c0, n)
    if correction == "williams":
        g2 = g2 / _williams_q(a0, b0, c0, d0, n)
    return g2


def logodds_z(a, b, n_target: float, n_reference: float, *, alpha, alpha0: float) -> np.ndarray:
    """Return the z-score of the log-odds ratio with a Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    δ = log((a+α)/(n_target+α₀−a−α)) − log((b+α)/(n_reference+α₀−b−α)),
    σ² = 1/(a+α) + 1/(b+α), z = δ/√σ² (their equations 16, 20 and 22).

    Args:
        a: the feature counts in the target (array).
        b: the feature counts in the reference (array).
        n_target: the target's token total.
        n_reference: the reference's token total.
        alpha: the prior count α_w of each feature (array), or one number for all.
        alpha0: the prior's total α₀ (the sum of α_w over all features).

    Returns:
        One z-score per feature: positive where the target uses the feature more.

    References:
        Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words.
        *Political Analysis* 16(4), 372–403.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    alpha = np.asarray(alpha, dtype=np.float64)
    delta = (np.log((a + alpha) / (n_target + alpha0 - a - alpha))
             - np.log((b + alpha) / (n_reference + alpha0 - b - alpha)))
    return delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))


def _expected_at_least(a, b, n_target, n_reference, minimum: float) -> np.ndarray:
    """Return, per feature, whether all four expected counts of its 2×2 table are ≥ `minimum`."""
    a, b, c, d, n = _table(a, b, n_target, n_reference)
    if not len(a):
        return np.zeros(0, dtype=bool)
    row1, row2 = a + b, c + d
    return ((row1 * n_target / n >= minimum) & (row1 * n_reference / n >= minimum)
            & (row2 * n_target / n >= minimum) & (row2 * n_reference / n >= minimum))


# --- counting ----------------------------------------------------------------------------


@dataclass
class _GroupCounts:
    """The feature counts of the two groups of one comparison."""

    target: list
    reference: list
    n_target: np.ndarray
    n_reference: np.ndarray
    n_corpus: np.ndarray
    n_target_total: int
    n_reference_total: int
    n_target_documents: int
    n_reference_documents: int


def _as_dfm(x, features: dict) -> Dfm:
    """Return `x` as a document-feature matrix, building it from a corpus with the feature options."""
    unknown = sorted(set(features) - set(FeatureOptions.names()))
    if unknown:
        raise TypeError(f"keyness() got unknown option(s) {', '.join(unknown)}; feature options are {', '.join(FeatureOptions.names())}")
    if isinstance(x, Dfm):
        if features:
            raise ValueError(f"x is a Dfm, built with {x.options}; pass {', '.join(sorted(features))} to framing.dfm instead")
        return x
    return dfm(x, **features)


def _values(value) -> list:
    """Return a group value or list of values as a list."""
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index)):
        return list(value)
    return [value]


def _group_counts(matrix: Dfm, *, by: str, target, reference) -> _GroupCounts:
    """Return the per-feature counts and token totals of the target and reference groups."""
    docvars = matrix.docvars
    if by not in docvars.columns:
        raise ValueError(f"by={by!r} is not a document variable; available: {', '.join(map(str, docvars.columns))}")
    column = docvars[by]
    groups = [g for g in pd.unique(column) if not pd.isna(g)]
    available = ", ".join(sorted(map(str, groups)))
    targets = _values(target)
    missing = [t for t in targets if t not in set(groups)]
    if not targets or missing:
        raise ValueError(f"target {', '.join(map(repr, missing)) or '(none)'} is not a value of {by}; available groups: {available}")
    is_target = column.isin(targets).to_numpy()
    if reference is None:
        references = sorted((g for g in groups if g not in set(targets)), key=str)
        is_reference = ~is_target
    else:
        references = _values(reference)
        missing = [r for r in references if r not in set(groups)]
        if not references or missing:
            raise ValueError(f"reference {', '.join(map(repr, missing)) or '(none)'} is not a value of {by}; available groups: {available}")
        overlap = sorted(set(targets) & set(references), key=str)
        if overlap:
            raise ValueError(f"{', '.join(map(repr, overlap))} is both target and reference; a group can only be on one side")
        is_reference = column.isin(references).to_numpy()
    if not is_reference.any():
        raise ValueError(f"nothing to compare with: every document has {by} in {targets!r}; available groups: {available}")
    n_documents = docvars["n_documents"].to_numpy() if "n_documents" in docvars.columns else np.ones(len(docvars), dtype=np.int64)
    n_target = np.asarray(matrix.matrix[np.flatnonzero(is_target)].sum(axis=0)).ravel().astype(np.int64)
    n_reference = np.asarray(matrix.matrix[np.flatnonzero(is_reference)].sum(axis=0)).ravel().astype(np.int64)
    n_corpus = np.asarray(matrix.matrix.sum(axis=0)).ravel().astype(np.int64)
    counts = _GroupCounts(
        target=targets, reference=references, n_target=n_target, n_reference=n_reference, n_corpus=n_corpus,
        n_target_total=int(n_target.sum()), n_reference_total=int(n_reference.sum()),
        n_target_documents=int(n_documents[is_target].sum()), n_reference_documents=int(n_documents[is_reference].sum()),
    )
    for side, total in (("target", counts.n_target_total), ("reference", counts.n_reference_total)):
        if total == 0:
            raise ValueError(f"the {side} group has no counted tokens (after stop-word removal); nothing to compare")
    return counts


def _describe(values: list) -> str:
    """Return group values for a message: 'sna' or 'cnn, euractiv and nau'."""
    values = [str(v) if v != "" else "(empty)" for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def _small_sample_messages(counts: _GroupCounts, *, by: str, n_returned: int, n_expected_ok: int, measure: str) -> list[str]:
    """Return the plain-language warnings about group sizes for one comparison."""
    messages = []
    sides = [("target", counts.target, counts.n_target_total, counts.n_target_documents),
             ("reference", counts.reference, counts.n_reference_total, counts.n_reference_documents)]
    for side, values, total, documents in sides:
        if total < MIN_GROUP_TOKENS:
            messages.append(
                f"The {side} ({by} {_describe(values)}) has only {total:,} counted tokens, fewer than "
                f"{MIN_GROUP_TOKENS:,}: almost no word occurs often enough in it for the {measure} scores "
                "and p-values to be reliable. Treat the list as leads to read in the texts, not as findings.")
        if documents == 1 and by != "doc_id":
            messages.append(
                f"The {side} ({by} {_describe(values)}) is a single document: the scores describe that "
                f"article, not {by} {_describe(values)} in general.")
    if n_returned and n_expected_ok == 0:
        messages.append(
            f"None of the {n_returned:,} features listed has an expected count of at least {MIN_EXPECTED:g} in "
            "every cell of its 2×2 table, so every p-value rests on a large-sample approximation that does not "
            "hold here.")
    return messages
