"""Copies of the seed corpus with articles added, for tests that need one more (hostile or odd) article."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed_corpus_plus(folder: Path, articles: list[dict], *, events: dict[str, str] | None = None) -> Path:
    """Copy the seed corpus to `folder/corpus`, add `articles`, and return the copy's folder.

    Each article is a dict with `doc_id` and `text` (written to articles/<doc_id>.txt) and any
    articles.csv columns (the others are left empty). `events` moves the seed articles of an
    outlet to another event: {outlet_id: event_id}.
    """
    corpus = Path(folder) / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    with (corpus / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    for row in rows:
        if events and row["outlet_id"] in events:
            row["event_id"] = events[row["outlet_id"]]
    for article in articles:
        (corpus / "articles" / f"{article['doc_id']}.txt").write_text(article["text"], encoding="utf-8")
        rows.append({column: article.get(column, "") for column in columns})
    with (corpus / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return corpus
