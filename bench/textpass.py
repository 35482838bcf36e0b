"""Benchmark the text pass against the straightforward per-document pipeline.

Both run in this one process, on one core, over the 1,028 articles of the
10kGNAD test split (read from ../shared/data/, never copied into the repo):

- baseline: for each document, spaCy `blank("de")` + `sentencizer`, simplemma
  `lemmatize(token, lang="de")` for every non-space token, and textstat's German
  metrics (`flesch_reading_ease`, `wiener_sachtextformel` 1-4);
- project: `framing.textpass.run_text_pass` on all documents, then
  `framing.readability.readability_from_tokens`.

Every measured run starts cold: the per-token and per-text caches of
simplemma, textstat and pyphen are emptied and the project gets a new
`TypeAttributes`. What stays loaded is what any long-lived process keeps
after its first call: simplemma's German dictionary, pyphen's hyphenation
patterns, the spaCy pipeline object and the compiled token regex.

Usage (see bench/README.md):
    .venv/bin/python bench/textpass.py [--data PATH] [--repeat 3] [--limit N] [--no-memory] [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## Text pass"
TARGET_RATIO = 10.0

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from news_corpus import DEFAULT_DATA  # noqa: E402
from news_corpus import load_articles as read_articles  # noqa: E402
from results_file import add_newest_run, command, machine  # noqa: E402


@dataclass
class Measurement:
    """Median time and peak traced memory of one pipeline (or one step of it) over the corpus."""

    name: str
    seconds: list[float]
    peak_bytes: int | None  # Python and NumPy allocations, from tracemalloc
    rss_bytes: int | None  # largest growth of the process's resident memory during a timed run
    n_bytes: int
    is_step: bool = False

    @property
    def median(self) -> float:
        """Return the median wall time in seconds."""
        return statistics.median(self.seconds)

    @property
    def mb_per_s(self) -> float:
        """Return the throughput in MB (10^6 bytes of UTF-8 input) per second."""
        return self.n_bytes / 1e6 / self.median


def load_articles(path: Path) -> pd.DataFrame:
    """Return the 10kGNAD articles as a documents table (`doc_id, outlet_id, text`), ids as in bench/news_corpus.py."""
    texts = [text for _, text in read_articles(path)]
    return pd.DataFrame({
        "doc_id": [f"gnad_{i:06d}" for i in range(len(texts))],
        "outlet_id": "derstandard",
        "text": texts,
    })


# --- caches -----------------------------------------------------------------


def reset_caches() -> None:
    """Empty the per-token and per-text caches of simplemma, textstat and pyphen.

    Loaded resources (simplemma's dictionary, pyphen's patterns, nltk data)
    stay loaded: both pipelines would load them once per process.
    """
    import pyphen
    import simplemma.lemmatizer
    import textstat.backend  # noqa: F401 (loads the modules whose caches are emptied)

    simplemma.lemmatizer._legacy_lemmatizer_for.cache_clear()  # a new Lemmatizer: empty token cache
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend.") and not name.startswith("textstat.backend.utils"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    for hyphenator in pyphen.hdcache.values():
        hyphenator.cache.clear()
    gc.collect()


def warm_up(nlp, rules) -> None:
    """Load every lazily loaded resource once, outside the measurements."""
    import textstat
    from simplemma import lemmatize

    lemmatize("Häuser", lang="de")
    textstat.set_lang("de_DE")
    sample = "Der Hund bellt. Die Katze schläft am 12. Januar nicht."
    textstat.flesch_reading_ease(sample)
    textstat.wiener_sachtextformel(sample, 1)
    list(nlp(sample).sents)
    rules.token_pattern  # noqa: B018 (compiles the regex)


# --- the two pipelines ------------------------------------------------------


def baseline(documents: pd.DataFrame, nlp) -> dict[str, float]:
    """Process each document the usual way: spaCy sentences, simplemma per token, textstat.

    Returns:
        No steps timed apart (an empty dict); the rows are computed and dropped.
    """
    import textstat
    from simplemma import lemmatize

    textstat.set_lang("de_DE")
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        doc = nlp(text)
        n_sentences = sum(1 for _ in doc.sents)
        lemmas = [lemmatize(token.text, lang="de") for token in doc if not token.is_space]
        rows.append({
            "doc_id": doc_id,
            "n_sentences": n_sentences,
            "n_lemmas": len(lemmas),
            "flesch": textstat.flesch_reading_ease(text),
            **{f"wstf{v}": textstat.wiener_sachtextformel(text, v) for v in (1, 2, 3, 4)},
        })
    return {}


def project(documents: pd.DataFrame, rules) -> dict[str, float]:
    """Run the project's text pass with fresh per-type attributes, then readability.

    Returns:
        The seconds of each of the two steps.
    """
    from framing.readability import readability_from_tokens
    from framing.textpass import TypeAttributes, run_text_pass

    started = time.perf_counter()
    result = run_text_pass(documents, rules, TypeAttributes(rules))
    passed = time.perf_counter()
    readability_from_tokens(result.tokens, documents)
    return {"run_text_pass": passed - started, "readability_from_tokens": time.perf_counter() - passed}


# --- measuring --------------------------------------------------------------


def reset_peak_rss() -> bool:
    """Reset the process's peak resident set size (Linux: /proc/self/clear_refs); return False where impossible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _status_bytes(field: str) -> int | None:
    """Return a memory field of /proc/self/status ("VmRSS", "VmHWM") in bytes (Linux), else None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def time_once(run: Callable[[], dict[str, float]]) -> tuple[float, dict[str, float], int | None]:
    """Return the wall time of one cold run of `run`, the times of its steps and its resident-memory growth.

    The growth is the peak resident set size during the run minus the one at
    its start; memory freed by earlier runs and kept by the allocator is
    reused first, so it is a lower bound.
    """
    reset_caches()
    can_reset = reset_peak_rss()
    rss_before = _status_bytes("VmRSS")
    start = time.perf_counter()
    steps = run()
    seconds = time.perf_counter() - start
    peak = _status_bytes("VmHWM")
    growth = peak - rss_before if can_reset and peak is not None and rss_before is not None else None
    return seconds, steps, growth


def peak_memory(run: Callable[[], object]) -> int:
    """Return the peak of Python-traced allocations during one cold run (untimed: tracing slows it)."""
    reset_caches()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(runs: dict[str, Callable[[], dict[str, float]]], n_bytes: int, *, repeat: int, memory: bool) -> list[Measurement]:
    """Time each run `repeat` times, interleaved so drift hits all alike; optionally trace memory.

    Returns:
        One measurement per run, each followed by one per step the run timed apart.
    """
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    steps: dict[str, dict[str, list[float]]] = {name: {} for name in runs}
    rss: dict[str, list[int]] = {name: [] for name in runs}
    for i in range(repeat):
        for name, run in runs.items():
            total, parts, run_rss = time_once(run)
            seconds[name].append(total)
            if run_rss is not None:
                rss[name].append(run_rss)
            for step, step_seconds in parts.items():
                steps[name].setdefault(step, []).append(step_seconds)
            print(f"  run {i + 1}/{repeat} {name}: {total:.2f} s", file=sys.stderr)
    measurements = []
    for name, run in runs.items():
        peak_rss_bytes = max(rss[name]) if rss[name] else None
        measurements.append(Measurement(name, seconds[name], peak_memory(run) if memory else None, peak_rss_bytes, n_bytes))
        measurements += [Measurement(f"… of which {step}", times, None, None, n_bytes, is_step=True) for step, times in steps[name].items()]
    return measurements


# --- reporting --------------------------------------------------------------




def versions() -> str:
    """Return the versions of the libraries that are measured."""
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("spacy", "simplemma", "textstat", "pyphen", "pandas", "numpy"))


def _megabytes(n_bytes: int | None) -> str:
    """Return `n_bytes` in MB for the table, or a dash when not measured."""
    return f"{n_bytes / 1e6:.0f}" if n_bytes is not None else "–"


def table(measurements: list[Measurement], n_docs: int) -> str:
    """Return the results as a Markdown table, the ratio to the baseline in the last column."""
    base = measurements[0]
    lines = [
        f"| pipeline ({n_docs} docs, {base.n_bytes / 1e6:.2f} MB of UTF-8) | median s | runs (s) | MB/s | peak traced MB | RSS growth MB | speed vs baseline |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for m in measurements:
        runs = ", ".join(f"{s:.2f}" for s in m.seconds)
        ratio = f"{m.mb_per_s / base.mb_per_s:.1f}×"
        lines.append(f"| {m.name} | {m.median:.2f} | {runs} | {m.mb_per_s:.2f} | {_megabytes(m.peak_bytes)} | {_megabytes(m.rss_bytes)} | {ratio} |")
    return "\n".join(lines)




def record(report: str, path: Path = RESULTS) -> None:
    """Add `report` as the newest run of the "Text pass" section of RESULTS.md (newest first)."""
    add_newest_run(SECTION, report, path)


def report_text(measurements: list[Measurement], n_docs: int, repeat: int) -> str:
    """Return the Markdown block of one run: date, machine, command, table, ratio."""
    baseline_run, project_run = [m for m in measurements if not m.is_step]
    ratio = project_run.mb_per_s / baseline_run.mb_per_s
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    return "\n".join([
        f"### {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"- machine: {machine()}",
        f"- libraries: {versions()}",
        f"- command: `{command()}`",
        f"- median of {repeat} cold runs each, interleaved; caches emptied before every run (see the script's docstring);"
        " peak traced memory from one extra run under tracemalloc (Python, NumPy and spaCy allocations; not the"
        " Arrow buffers of pandas' string columns); RSS growth is the largest rise of the process's resident memory"
        " during a timed run (a lower bound: memory freed by earlier runs is reused first)",
        "",
        table(measurements, n_docs),
        "",
        f"Project pass / baseline: **{ratio:.1f}×** ({verdict} the {TARGET_RATIO:.0f}× target).",
        "",
    ])


# --- main -------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="10kGNAD csv (default: ../shared/data/10kgnad-test.csv)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per pipeline; the median is reported")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (quick checks; not for recording)")
    parser.add_argument("--no-memory", dest="memory", action="store_false", help="skip the traced-memory run")
    parser.add_argument("--record", action="store_true", help="add the result to bench/RESULTS.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: data not found at {args.data}")
        return 0
    import spacy

    from framing.textpass import GermanRules

    documents = load_articles(args.data)
    if args.limit:
        documents = documents.head(args.limit)
    n_bytes = sum(len(text.encode("utf-8")) for text in documents["text"])
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    rules = GermanRules.from_lexicons(None)
    warm_up(nlp, rules)
    print(f"{len(documents)} documents, {n_bytes / 1e6:.2f} MB; {args.repeat} runs each", file=sys.stderr)
    runs = {
        "baseline: spaCy sentencizer + simplemma per token + textstat, per document": lambda: baseline(documents, nlp),
        "project: run_text_pass + readability_from_tokens": lambda: project(documents, rules),
    }
    measurements = measure(runs, n_bytes, repeat=args.repeat, memory=args.memory)
    report = report_text(measurements, len(documents), args.repeat)
    print(report)
    if args.record:
        if args.limit:
            print("not recorded: --limit runs are for quick checks", file=sys.stderr)
        else:
            record(report)
            print(f"recorded in {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
