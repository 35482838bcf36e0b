"""Benchmark the document-feature matrix and keyness against a straightforward per-token implementation.

Both run in this one process, on one core, over the 1,028 articles of the
10kGNAD test split (read from ../shared/data/, never copied into the repo),
starting from the same tokens table (the text pass runs once, untimed):

- baseline: what one writes without thinking about arrays: a
  `collections.Counter` per document over the rows of the tokens table
  (words only, stop words out, lower-cased lemma as the feature, the commonest
  written form as its label), Counters added up per group, then one Python
  loop over the features per measure computing quanteda's χ² and G² and
  Monroe et al.'s log-odds z with `math`, p-values with `math.erfc`, and a
  sort;
- project: `framing.dfm.dfm_from_tokens` (the work behind `framing.dfm`,
  without its per-corpus cache) once, then `framing.keyness` per measure.

Groups are the articles' 10kGNAD categories; the target is "Sport" against
all other categories. The two implementations must give the same features,
counts and statistics (to 1e-9), which the script checks before timing.

Usage (see bench/README.md):
    .venv/bin/python bench/keyness.py [--data PATH] [--n 1028] [--repeat 3] [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from build import record  # noqa: E402
from news_corpus import DEFAULT_DATA, OUTLETS, SEED, _synthetic_articles, data_path, load_articles  # noqa: E402

from framing.dfm import FeatureOptions, dfm_from_tokens  # noqa: E402
from framing.keyness import SmallSampleWarning, keyness  # noqa: E402
from framing.textpass import GermanRules, TypeAttributes, run_text_pass  # noqa: E402

MEASURES = ("chi2", "lr", "logodds")
BY, TARGET = "category", "Sport"
EPSILON = 1e-9


def load_documents(n: int, data: str | None) -> pd.DataFrame:
    """Return a documents table of n 10kGNAD articles (`doc_id, outlet_id, category, text`), ids as bench/news_corpus.py."""
    import random

    articles = load_articles(data)
    categories = [category for category, _ in articles][:n]
    texts = [text for _, text in articles][:n]
    if n > len(texts):  # recombined articles, as bench/news_corpus.py's write_corpus makes them; category unknown
        extra = _synthetic_articles([text for _, text in articles], n - len(texts), random.Random(SEED))
        texts += extra
        categories += ["synthetic"] * len(extra)
    return pd.DataFrame({
        "doc_id": [f"gnad_{i:06d}" for i in range(len(texts))],
        "outlet_id": [OUTLETS[i % len(OUTLETS)] for i in range(len(texts))],
        "category": categories,
        "text": texts,
    })


# --- the baseline ------------------------------------------------------------------------


def baseline_counts(tokens: pd.DataFrame) -> tuple[dict, dict]:
    """Return {doc_id: Counter of lower-cased lemmas} and {lower-cased lemma: label}, one token at a time."""
    per_document: dict[str, Counter] = {}
    forms: Counter = Counter()
    for doc_id, rows in tokens.groupby("doc_id", sort=False):
        counter: Counter = Counter()
        for row in rows.itertuples(index=False):
            if row.is_word and not row.is_stop:
                counter[row.lemma.lower()] += 1
                forms[row.lemma] += 1
        per_document[doc_id] = counter
    labels: dict[str, str] = {}
    best: dict[str, int] = {}
    for form, count in forms.items():  # first seen first: a tie keeps the earlier form
        key = form.lower()
        if count > best.get(key, 0):
            labels[key], best[key] = form, count
    return per_document, labels


def baseline_keyness(per_document: dict, labels: dict, documents: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return the keyness table of TARGET vs the rest, one feature at a time."""
    target, reference = Counter(), Counter()
    for doc_id, group in zip(documents["doc_id"], documents[BY]):
        (target if group == TARGET else reference).update(per_document.get(doc_id, {}))
    n_t, n_r = sum(target.values()), sum(reference.values())
    corpus = target + reference
    alpha0 = sum(corpus.values())
    rows = []
    for key in corpus:
        a, b = target.get(key, 0), reference.get(key, 0)
        if measure == "chi2":
            stat = _chi2(a, b, n_t, n_r)
            p = math.erfc(math.sqrt(abs(stat) / 2))
        elif measure == "lr":
            stat = _lr(a, b, n_t, n_r)
            p = math.erfc(math.sqrt(abs(stat) / 2))
        else:
            alpha = corpus[key]
            delta = math.log((a + alpha) / (n_t + alpha0 - a - alpha)) - math.log((b + alpha) / (n_r + alpha0 - b - alpha))
            stat = delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha))
            p = math.erfc(abs(stat) / math.sqrt(2))
        if a + b >= 2:
            rows.append((labels[key], stat, p, a, b))
    rows.sort(key=lambda row: (-row[1], row[0]))
    return pd.DataFrame(rows, columns=["feature", "stat", "p", "n_target", "n_reference"])


def _yates(a, b, c, d, n):
    small = min((a + b) * (a + c) / n, (a + b) * (b + d) / n, (a + c) * (c + d) / n, (c + d) * (b + d) / n) < 5
    return 0.5 if abs(a * d - b * c) >= n / 2 and small else 0.0


def _chi2(a, b, n_t, n_r):
    c, d = n_t - a, n_r - b
    n = a + b + c + d
    value = n * (abs(a * d - b * c) - n * _yates(a, b, c, d, n)) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    return value if a > (a + b) * (a + c) / n else -value


def _lr(a, b, n_t, n_r):
    c, d = n_t - a, n_r - b
    n = a + b + c + d
    delta = _yates(a, b, c, d, n)
    step = -delta if a * d - b * c > 0 else delta
    aa, bb, cc, dd = a + step, b - step, c - step, d + step
    g2 = 2 * (aa * math.log(aa / ((aa + bb) * (aa + cc) / n) + EPSILON) + bb * math.log(bb / ((aa + bb) * (bb + dd) / n) + EPSILON)
              + cc * math.log(cc / ((aa + cc) * (cc + dd) / n) + EPSILON) + dd * math.log(dd / ((bb + dd) * (cc + dd) / n) + EPSILON))
    return g2 if a > (a + b) * (a + c) / n else -g2


# --- timing --------------------------------------------------------------------------------


def run_baseline(tokens, documents) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    times, results = {}, {}
    started = time.perf_counter()
    per_document, labels = baseline_counts(tokens)
    times["count"] = time.perf_counter() - started
    for measure in MEASURES:
        started = time.perf_counter()
        results[measure] = baseline_keyness(per_document, labels, documents, measure)
        times[measure] = time.perf_counter() - started
    return times, results


def run_project(tokens, documents) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    times, results = {}, {}
    started = time.perf_counter()
    matrix = dfm_from_tokens(tokens, documents, FeatureOptions())
    times["count"] = time.perf_counter() - started
    for measure in MEASURES:
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmallSampleWarning)
            results[measure] = keyness(matrix, target=TARGET, by=BY, measure=measure)
        times[measure] = time.perf_counter() - started
    return times, results


def check_same(baseline: dict[str, pd.DataFrame], project: dict[str, pd.DataFrame]) -> None:
    """Raise AssertionError unless both give the same rows, counts and statistics (to 1e-9)."""
    for measure in MEASURES:
        left, right = baseline[measure], project[measure]
        assert left["feature"].tolist() == right["feature"].tolist(), measure
        assert (left[["n_target", "n_reference"]].to_numpy() == right[["n_target", "n_reference"]].to_numpy()).all(), measure
        np.testing.assert_allclose(left["stat"], right["stat"], rtol=0, atol=1e-9, err_msg=measure)
        np.testing.assert_allclose(left["p"], right["p"], rtol=0, atol=1e-9, err_msg=measure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help=f"path of 10kgnad-test.csv (default: {DEFAULT_DATA})")
    parser.add_argument("--n", type=int, default=1028, help="articles (default 1,028, the real ones; more are recombined as in bench/news_corpus.py)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per implementation; the median is reported")
    parser.add_argument("--record", action="store_true", help="write the result into bench/RESULTS.md (section Keyness)")
    args = parser.parse_args(argv)
    if data_path(args.data) is None:
        print(f"skipped: 10kGNAD data not found at {args.data or DEFAULT_DATA}")
        return 0

    documents = load_documents(args.n, args.data)
    n_bytes = sum(len(text.encode("utf-8")) for text in documents["text"])
    rules = GermanRules.from_lexicons(None)
    started = time.perf_counter()
    tokens = run_text_pass(documents, rules, TypeAttributes(rules)).tokens
    text_pass_seconds = time.perf_counter() - started
    docs = documents.drop(columns=["text"])
    n_counted = int((tokens["is_word"] & ~tokens["is_stop"]).sum())
    print(f"{len(documents):,} documents, {n_bytes / 1e6:.2f} MB, {len(tokens):,} tokens ({n_counted:,} counted); "
          f"text pass {text_pass_seconds:.2f} s (untimed below); {args.repeat} runs each", file=sys.stderr)

    _, base_results = run_baseline(tokens, docs)
    _, project_results = run_project(tokens, docs)
    check_same(base_results, project_results)
    print("baseline and project agree: same features, counts and statistics (1e-9)", file=sys.stderr)

    base_runs, project_runs = [], []
    for _ in range(args.repeat):  # taking turns, so drift affects both
        base_runs.append(run_baseline(tokens, docs)[0])
        project_runs.append(run_project(tokens, docs)[0])

    def median(runs, step):
        return statistics.median(run[step] if step != "total" else sum(run.values()) for run in runs)

    steps = [("count", "count features (Counters / `dfm_from_tokens`)")] + [(m, f"keyness {m} (Sport vs rest)") for m in MEASURES] + [("total", "total: count + 3 measures")]
    lines = ["| step | baseline s | project s | speed-up |", "|---|---:|---:|---:|"]
    for step, name in steps:
        base, proj = median(base_runs, step), median(project_runs, step)
        bold = "**" if step == "total" else ""
        lines.append(f"| {name} | {base:.3f} | {proj:.3f} | {bold}{base / proj:.0f}×{bold} |")
    table = "\n".join(lines)
    matrix = dfm_from_tokens(tokens, docs, FeatureOptions())
    top = []
    for measure in MEASURES:
        head = project_results[measure].head(8)
        top.append(f"- {measure}: " + ", ".join(f"{f} ({a}/{b})" for f, a, b in zip(head["feature"], head["n_target"], head["n_reference"])))
    summary = (f"{len(documents):,} articles ({n_bytes / 1e6:.2f} MB), {n_counted:,} counted tokens "
               f"(words without stop words), {matrix.n_features:,} lemma features; median of {args.repeat} runs each, "
               f"taking turns; both start from the same tokens table (text pass: {text_pass_seconds:.2f} s, not included).")
    print(summary)
    print(table)
    print("\nSport's top features (n_target/n_reference):\n" + "\n".join(top))
    if args.record:
        command = " ".join([".venv/bin/python bench/keyness.py"] + (argv if argv is not None else sys.argv[1:]))
        record("Keyness", (
            f"Recorded {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
            f"({platform.machine()}, Python {platform.python_version()}, {platform.system()} {platform.release()}; "
            f"pandas {pd.__version__}, numpy {np.__version__}, scipy {__import__('scipy').__version__}), with\n"
            f"`{command}`\n\n{summary}\n\n{table}\n\n"
            "Baseline: a Counter per document over the tokens table's rows, a Python loop per feature and measure\n"
            "(see the script). The two give identical tables (checked to 1e-9 before timing). Sport's top features\n"
            "(n_target/n_reference), as a sanity check of the statistics:\n\n" + "\n".join(top) + "\n"
        ))
        print("recorded in bench/RESULTS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
