"""load_corpus: the seed corpus loads whole, broken corpora report each problem once and load the rest."""

from __future__ import annotations

import csv
import hashlib
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import CorpusError, CorpusWarning, load_corpus

SEED_IDS = [
    "000_7a732e72aede7217",
    "001_995ea68080aadec1",
    "002_0ff142102c34d304",
    "003_3ab60e70d12de889",
    "004_c8f623122158d84d",
]

# doc_id -> (outlet_id, outlet_name, ownership, country), as SOURCES.md attributes the files.
SEED_OUTLETS = {
    "000_7a732e72aede7217": ("nau", "Nau.ch", "private", "CH"),
    "001_995ea68080aadec1": ("epoch_times", "Epoch Times Deutschland", "private", "DE"),
    "002_0ff142102c34d304": ("cnn", "CNN (via German-language aggregator)", "private", "US"),
    "003_3ab60e70d12de889": ("euractiv", "EURACTIV (German translation via aggregator)", "private", "BE"),
    "004_c8f623122158d84d": ("sna", "SNA News", "state", "RU"),
}


def load_quietly(path):
    """Load a corpus whose warnings the test does not look at."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(path)


def messages(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, CorpusWarning)]


# --- the seed corpus -------------------------------------------------------------


def test_seed_corpus_has_five_documents_with_unique_ids_in_file_order(seed_corpus):
    documents = seed_corpus.documents
    assert documents["doc_id"].tolist() == SEED_IDS
    assert documents["doc_id"].is_unique
    assert seed_corpus.doc_ids == SEED_IDS


def test_seed_corpus_loads_without_problems_or_warnings(seed_corpus_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus = load_corpus(seed_corpus_dir)
    assert corpus.problems.empty
    assert list(corpus.problems.columns) == ["file", "row", "problem", "action"]


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_documents_carry_their_outlets_attributes(seed_corpus, doc_id):
    row = seed_corpus.documents.set_index("doc_id").loc[doc_id]
    assert (row["outlet_id"], row["outlet_name"], row["ownership"], row["country"]) == SEED_OUTLETS[doc_id]


def test_seed_documents_have_the_documented_columns(seed_corpus):
    expected = {
        "doc_id", "outlet_id", "title", "published", "url", "language", "event_id",
        "attribution", "attribution_note", "outlet_name", "country", "ownership",
        "outlet_type", "state_affiliation", "leaning", "leaning_basis",
        "title_source", "raw_text", "text", "raw_hash", "file",
    }
    assert expected <= set(seed_corpus.documents.columns)


def test_seed_state_affiliation_is_given_for_the_state_outlet_only(seed_corpus):
    documents = seed_corpus.documents.set_index("doc_id")
    assert "Rossiya Segodnya" in documents.loc["004_c8f623122158d84d", "state_affiliation"]
    others = documents.drop(index="004_c8f623122158d84d")["state_affiliation"].fillna("")
    assert (others == "").all()


def test_seed_raw_text_is_byte_identical_to_the_file(seed_corpus, seed_corpus_dir):
    for row in seed_corpus.documents.itertuples():
        data = (seed_corpus_dir / "articles" / f"{row.doc_id}.txt").read_bytes()
        assert row.raw_text.encode("utf-8") == data, row.doc_id
        assert row.raw_hash == hashlib.sha256(data).hexdigest()
        assert Path(row.file).resolve() == (seed_corpus_dir / "articles" / f"{row.doc_id}.txt").resolve()


def test_seed_titles_come_from_metadata_else_from_the_first_line(seed_corpus, seed_corpus_dir):
    with open(seed_corpus_dir / "articles.csv", encoding="utf-8", newline="") as handle:
        metadata_titles = {row["doc_id"]: row["title"] for row in csv.DictReader(handle)}
    documents = seed_corpus.documents.set_index("doc_id")
    for doc_id in SEED_IDS:
        row = documents.loc[doc_id]
        if metadata_titles[doc_id]:
            assert row["title_source"] == "metadata"
            assert row["title"] == metadata_titles[doc_id]
        else:
            assert row["title_source"] == "first_line"
            assert row["title"] == row["text"].split("\n")[0]
    # 001 (Epoch Times) was collected without a headline: its first kept line is the lead paragraph.
    assert documents.loc["001_995ea68080aadec1", "title_source"] == "first_line"
    assert documents.loc["001_995ea68080aadec1", "title"].startswith("Vor dem Hintergrund des Ukraine-Konflikts")


def test_seed_attribution_is_inferred_with_its_evidence(seed_corpus):
    documents = seed_corpus.documents
    assert {"attribution", "attribution_note"} <= set(documents.columns)
    assert set(documents["attribution"]) == {"inferred"}
    assert (documents["attribution_note"].str.len() > 20).all()
    assert "EURACTIV.com" in documents.set_index("doc_id").loc["003_3ab60e70d12de889", "attribution_note"]


def test_seed_publication_dates_are_parsed(seed_corpus):
    assert (seed_corpus.documents["published"] == pd.Timestamp("2022-01-12")).all()


def test_seed_outlets_and_events_tables(seed_corpus):
    assert seed_corpus.outlets["outlet_id"].tolist() == ["nau", "epoch_times", "cnn", "euractiv", "sna"]
    assert seed_corpus.events["event_id"].tolist() == ["nrc_2022_01_12"]
    assert set(seed_corpus.documents["event_id"]) == {"nrc_2022_01_12"}


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Return every path under `folder` with its bytes (files) and modification time."""
    snapshot = {}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        content = path.read_bytes() if path.is_file() else None
        snapshot[str(path.relative_to(folder))] = (content, stat.st_mtime_ns)
    snapshot["."] = (None, folder.stat().st_mtime_ns)
    return snapshot


def test_loading_and_analysing_writes_nothing_under_the_corpus_folder(seed_corpus_dir):
    before = _snapshot(seed_corpus_dir)
    corpus = load_corpus(seed_corpus_dir)
    framing.sentences(corpus)
    framing.tokens(corpus)
    framing.readability(corpus)
    after = _snapshot(seed_corpus_dir)
    assert sorted(after) == sorted(before), "files were added or removed under corpus/"
    changed = [path for path in before if before[path] != after[path]]
    assert changed == []


# --- small corpora ---------------------------------------------------------------


def test_a_missing_corpus_folder_raises_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_a_clean_small_corpus_has_no_problems(make_corpus):
    path = make_corpus({"a": "Titel\nEin Satz.\n"}, metadata=[{"doc_id": "a", "outlet_id": "o1", "title": "Titel"}])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus = load_corpus(path)
    assert corpus.problems.empty
    row = corpus.documents.iloc[0]
    assert (row["doc_id"], row["outlet_name"], row["title"], row["title_source"]) == ("a", "Outlet Eins", "Titel", "metadata")


def test_a_stated_attribution_loads_as_stated(make_corpus):
    path = make_corpus(
        {"a": "Titel\nText.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1", "attribution": "stated", "attribution_note": "byline"}],
    )
    corpus = load_corpus(path)
    assert corpus.documents.loc[0, "attribution"] == "stated"
    assert corpus.problems.empty


def test_raw_text_keeps_crlf_line_ends_while_text_is_cleaned(make_corpus):
    raw = "Titel\r\nErster Satz.\r\n\r\nZweiter Satz.\r\n"
    corpus = load_corpus(make_corpus({"a": raw}))
    row = corpus.documents.iloc[0]
    assert row["raw_text"] == raw
    assert row["text"] == "Titel\nErster Satz.\nZweiter Satz."


def _duplicate_doc_id(make_corpus):
    path = make_corpus(
        {"a": "Titel A\nText.\n", "b": "Titel B\nText.\n"},
        metadata=[
            {"doc_id": "a", "outlet_id": "o1", "title": "Erste Zeile"},
            {"doc_id": "b", "outlet_id": "o1", "title": ""},
            {"doc_id": "a", "outlet_id": "o1", "title": "Doppelt"},
        ],
    )
    expected = {"file": "articles.csv", "row": 4, "says": ["repeats doc_id 'a'", "row 2"], "todo": "Give each article its own doc_id"}
    return path, expected, ["a", "b"]


def _missing_file(make_corpus):
    path = make_corpus(
        {"a": "Titel A\nText.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "gone", "outlet_id": "o1"}],
    )
    expected = {"file": "articles.csv", "row": 3, "says": ["gone.txt", "does not exist"], "todo": "Add the file or remove the row"}
    return path, expected, ["a"]


def _cp1252_file(make_corpus):
    path = make_corpus(
        {"a": "Titel A\nText.\n", "w": "Gespräche in Brüssel\nÜber die Lage.\n".encode("cp1252")},
    )
    expected = {"file": "w.txt", "row": None, "says": ["not UTF-8", "cp1252", "Gespräche in Brüssel"], "todo": "Re-save it as UTF-8"}
    return path, expected, ["a"]


@pytest.mark.parametrize("build", [_duplicate_doc_id, _missing_file, _cp1252_file], ids=["duplicate_doc_id", "missing_file", "cp1252_file"])
def test_each_broken_case_gives_exactly_one_clear_problem_and_loads_the_rest(make_corpus, build):
    path, expected, loaded = build(make_corpus)
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 1, messages(record)
    assert len(corpus.problems) == 1
    problem = corpus.problems.iloc[0]
    message = messages(record)[0]
    assert Path(problem["file"]).name == expected["file"]
    assert expected["file"] in message
    if expected["row"] is None:
        assert pd.isna(problem["row"])
    else:
        assert problem["row"] == expected["row"]
        assert f"row {expected['row']}" in message
    for phrase in expected["says"]:
        assert phrase in message
    assert problem["action"].startswith(expected["todo"])
    assert expected["todo"] in message
    assert corpus.documents["doc_id"].tolist() == loaded


def test_three_broken_cases_together_give_three_problems_and_load_the_valid_article(make_corpus):
    path = make_corpus(
        {"a": "Titel A\nText.\n", "w": "Gespräche\n".encode("cp1252")},
        metadata=[
            {"doc_id": "a", "outlet_id": "o1"},
            {"doc_id": "a", "outlet_id": "o1"},
            {"doc_id": "gone", "outlet_id": "o1"},
            {"doc_id": "w", "outlet_id": "o1"},
        ],
    )
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 3
    assert len(corpus.problems) == 3
    assert corpus.documents["doc_id"].tolist() == ["a"]


def test_the_first_of_two_rows_with_one_doc_id_is_the_one_loaded(make_corpus):
    path, _, _ = _duplicate_doc_id(make_corpus)
    corpus = load_quietly(path)
    assert corpus.documents.set_index("doc_id").loc["a", "title"] == "Erste Zeile"


def test_problem_messages_repeat_the_problem_table(make_corpus):
    path, _, _ = _duplicate_doc_id(make_corpus)
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    problem = corpus.problems.iloc[0]
    assert messages(record) == [f"{problem['file']}, row {problem['row']}: {problem['problem']} {problem['action']}"]


def test_unknown_outlet_id_is_reported_and_the_article_loads_without_outlet_details(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=[{"doc_id": "a", "outlet_id": "nowhere"}])
    with pytest.warns(CorpusWarning, match=r"articles\.csv, row 2: names outlet_id 'nowhere', which is not in outlets\.csv"):
        corpus = load_corpus(path)
    assert len(corpus.problems) == 1
    row = corpus.documents.iloc[0]
    assert row["doc_id"] == "a" and row["outlet_id"] == "nowhere"
    assert pd.isna(row["outlet_name"])


def test_empty_outlet_id_is_reported_and_the_article_loads(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=[{"doc_id": "a", "outlet_id": ""}])
    with pytest.warns(CorpusWarning, match=r"row 2: has no outlet_id"):
        corpus = load_corpus(path)
    assert corpus.documents["doc_id"].tolist() == ["a"]


def test_articles_csv_without_doc_id_column_is_reported_and_the_articles_still_load(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=[{"outlet_id": "o1", "title": "Titel"}])
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    header_problems = corpus.problems[corpus.problems["problem"].str.contains("lacks the required column")]
    assert len(header_problems) == 1
    problem = header_problems.iloc[0]
    assert Path(problem["file"]).name == "articles.csv"
    assert problem["row"] == 1
    assert "doc_id" in problem["problem"]
    assert any("articles.csv, row 1: lacks the required column(s) doc_id" in m for m in messages(record))
    assert corpus.documents["doc_id"].tolist() == ["a"]


def test_articles_csv_without_outlet_id_column_keeps_the_other_metadata(make_corpus):
    path = make_corpus({"a": "Erste Zeile\nText.\n"}, metadata=[{"doc_id": "a", "title": "Titel"}])
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    assert len(corpus.problems) == 1, corpus.problems
    problem = corpus.problems.iloc[0]
    assert Path(problem["file"]).name == "articles.csv" and problem["row"] == 1
    assert any("articles.csv, row 1: lacks the column outlet_id" in m for m in messages(record))
    document = corpus.documents.iloc[0]
    assert document["title"] == "Titel" and document["title_source"] == "metadata"
    assert document["outlet_id"] == ""


def test_a_text_file_without_a_metadata_row_loads_without_metadata(make_corpus):
    path = make_corpus(
        {"a": "Titel A\nText.\n", "orphan": "Verwaister Titel\nText.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1"}],
    )
    with pytest.warns(CorpusWarning, match=r"orphan\.txt: has no row in articles\.csv\. Add a row") as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 1
    problem = corpus.problems.iloc[0]
    assert Path(problem["file"]).name == "orphan.txt" and pd.isna(problem["row"])
    orphan = corpus.documents.set_index("doc_id").loc["orphan"]
    assert orphan["outlet_id"] == ""
    assert orphan["title"] == "Verwaister Titel"
    assert orphan["title_source"] == "first_line"


def test_leaning_without_leaning_basis_is_reported_and_the_label_dropped(make_corpus):
    outlets = [
        {"outlet_id": "o1", "name": "Eins", "leaning": "links", "leaning_basis": ""},
        {"outlet_id": "o2", "name": "Zwei", "leaning": "rechts", "leaning_basis": "Analystin X, Codebuch 2024"},
    ]
    path = make_corpus(
        {"a": "Titel\nText.\n", "b": "Titel\nText.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}],
        outlets=outlets,
    )
    with pytest.warns(CorpusWarning, match=r"outlets\.csv, row 2: gives the leaning 'links' without a leaning_basis") as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 1
    assert corpus.outlets.set_index("outlet_id")["leaning"].to_dict() == {"o1": "", "o2": "rechts"}
    assert corpus.documents.set_index("doc_id")["leaning"].to_dict() == {"a": "", "b": "rechts"}


def test_invalid_ownership_is_reported_and_left_empty(make_corpus):
    outlets = [{"outlet_id": "o1", "name": "Eins", "ownership": "staatlich"}]
    path = make_corpus({"a": "Titel\nText.\n"}, outlets=outlets)
    with pytest.warns(CorpusWarning, match=r"outlets\.csv, row 2: has ownership 'staatlich'; expected one of private, public, state") as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 1
    assert corpus.outlets.loc[0, "ownership"] == ""
    assert corpus.documents.loc[0, "ownership"] == ""
    assert corpus.documents.loc[0, "outlet_name"] == "Eins"


def test_invalid_attribution_is_reported_and_left_empty(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=[{"doc_id": "a", "outlet_id": "o1", "attribution": "geraten"}])
    with pytest.warns(CorpusWarning, match=r"row 2: has attribution 'geraten'; expected stated or inferred"):
        corpus = load_corpus(path)
    assert corpus.documents.loc[0, "attribution"] == ""


def test_a_row_with_too_many_fields_is_reported_and_loaded_with_its_first_fields(make_corpus):
    metadata = "doc_id,outlet_id,title\na,o1,Titel, mit Komma\nb,o1,Zweiter\n"
    path = make_corpus({"a": "Titel\nText.\n", "b": "Zweiter\nText.\n"}, metadata=metadata)
    with pytest.warns(CorpusWarning, match=r"articles\.csv, row 2: has 4 fields where the header has 3\. Quote fields") as record:
        corpus = load_corpus(path)
    assert len(messages(record)) == 1
    documents = corpus.documents.set_index("doc_id")
    assert documents.loc["a", "title"] == "Titel"
    assert documents.loc["b", "title"] == "Zweiter"


def test_an_undated_row_reports_the_bad_date(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=[{"doc_id": "a", "outlet_id": "o1", "published": "gestern"}])
    with pytest.warns(CorpusWarning, match=r"row 2: has the date 'gestern', which is not a date"):
        corpus = load_corpus(path)
    assert pd.isna(corpus.documents.loc[0, "published"])


def test_row_numbers_count_records_as_a_spreadsheet_does_when_a_field_spans_lines(make_corpus):
    # Regression guard: `_read_csv` documents "row numbers as a spreadsheet shows them".
    # A quoted attribution_note over two lines is still one spreadsheet row (row 2),
    # so the duplicate below it is row 3, not row 4 (the physical line).
    metadata = (
        "doc_id,outlet_id,attribution_note\n"
        'a,o1,"erste Zeile\nzweite Zeile"\n'
        "a,o1,doppelt\n"
    )
    path = make_corpus({"a": "Titel\nText.\n"}, metadata=metadata)
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(path)
    assert corpus.problems["row"].tolist() == [3]
    assert "repeats doc_id 'a' of row 2" in corpus.problems.loc[0, "problem"]


def test_missing_outlets_csv_is_reported_and_articles_load(make_corpus):
    path = make_corpus({"a": "Titel\nText.\n"}, outlets=None)
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    assert any("outlets.csv: is missing." in m for m in messages(record))
    # the article's outlet is then unknown, which is reported too
    assert any("names outlet_id 'o1', which is not in outlets.csv" in m for m in messages(record))
    assert corpus.documents["doc_id"].tolist() == ["a"]


def test_loading_a_broken_corpus_writes_nothing_into_it(make_corpus):
    path, _, _ = _cp1252_file(make_corpus)
    before = _snapshot(path)
    load_quietly(path)
    assert _snapshot(path) == before


def test_corpus_repr_counts_documents_outlets_and_problems(make_corpus):
    path, _, _ = _missing_file(make_corpus)
    corpus = load_quietly(path)
    assert "1 documents, 1 outlets, 1 problems" in repr(corpus)
    assert os.fspath(corpus.path) == os.fspath(path)
