"""Make benchmark corpora from the shared news articles (10kGNAD, read from ../shared/data, never copied here).

`load_articles()` reads the 1,028 derStandard articles; `write_corpus(out, n)`
writes a corpus folder in the project's format. For n above 1,028 the extra
articles are made by sampling and recombining sentences of the real ones with
a fixed seed (the recipe is `_synthetic_articles`), so a run can be repeated.

    python bench/news_corpus.py --n 5000 --out /tmp/news-5000
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "10kgnad-test.csv"
SEED = 20220112
OUTLETS = ["standard_a", "standard_b", "standard_c", "standard_d"]


def data_path(path: str | Path | None = None) -> Path | None:
    """Return the path of the 10kGNAD CSV, or None when it is absent."""
    path = Path(path) if path else DEFAULT_DATA
    return path if path.is_file() else None


def load_articles(path: str | Path | None = None) -> list[tuple[str, str]]:
    """Return (category, text) of every article of the 10kGNAD test split."""
    path = data_path(path)
    if path is None:
        raise FileNotFoundError(f"10kGNAD data not found at {DEFAULT_DATA}")
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) >= 2]


def _synthetic_articles(texts: list[str], n: int, rng: random.Random) -> list[str]:
    """Return n articles of 8-30 sentences drawn at random from the sentences of `texts`."""
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", text) if len(s) > 20]
    return [" ".join(rng.choices(sentences, k=rng.randint(8, 30))) for _ in range(n)]


def write_corpus(out: str | Path, n: int, *, data: str | Path | None = None, seed: int = SEED,
                 docs_per_event: int | None = None) -> Path:
    """Write a corpus folder of n articles (real ones first, then recombined ones); return its path.

    All articles belong to the one event "gnad", unless `docs_per_event` is
    given: then consecutive runs of that many articles form events
    "gnad_e00000", "gnad_e00001" … (as a collection of many events would).
    """
    out = Path(out)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    articles = load_articles(data)
    texts = [text for _, text in articles][:n]
    texts += _synthetic_articles([text for _, text in articles], n - len(texts), rng) if n > len(texts) else []
    with open(out / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "outlet_id", "title", "published", "url", "language", "event_id", "attribution", "attribution_note"])
        for i, text in enumerate(texts):
            doc_id = f"gnad_{i:06d}"
            (out / "articles" / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
            event_id = f"gnad_e{i // docs_per_event:05d}" if docs_per_event else "gnad"
            writer.writerow([doc_id, OUTLETS[i % len(OUTLETS)], "", "", "", "de-AT", event_id, "stated",
                             "10kGNAD test split (derStandard); outlets are arbitrary groups for benchmarks"])
    with open(out / "outlets.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["outlet_id", "name", "country", "ownership", "outlet_type"])
        for outlet in OUTLETS:
            writer.writerow([outlet, f"derStandard ({outlet})", "AT", "private", "news portal"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1028)
    parser.add_argument("--out", required=True)
    parser.add_argument("--data")
    parser.add_argument("--docs-per-event", type=int, help="split the articles into events of this many (default: one event)")
    args = parser.parse_args()
    if data_path(args.data) is None:
        print(f"skipped: 10kGNAD data not found at {args.data or DEFAULT_DATA}")
        return 0
    print(write_corpus(args.out, args.n, data=args.data, docs_per_event=args.docs_per_event))
    return 0


if __name__ == "__main__":
    sys.exit(main())
