"""Downloads: CSV bytes neutralised against formula (CSV) injection, with BOM; safe file names."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import framing
from framing.export import FORMULA_TRIGGERS, csv_bytes, csv_filename


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_trigger_gets_a_leading_quote(trigger):
    cell = f"{trigger}HYPERLINK(\"http://x\",\"klick\")"
    data = csv_bytes(pd.DataFrame({"text": [cell, "harmlos"]}))
    assert read_back(data)["text"].tolist() == ["'" + cell, "harmlos"]


def test_the_trigger_list_is_owasps():
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}


def test_only_the_first_character_counts():
    table = pd.DataFrame({"text": ["a=1", " x", "Nato-Russland-Rat", "E-Mail@x"]})
    assert read_back(csv_bytes(table))["text"].tolist() == ["a=1", " x", "Nato-Russland-Rat", "E-Mail@x"]


def test_numbers_stay_numbers():
    table = pd.DataFrame({"z": [-1.5, 2.25], "n": [-3, 4], "ok": [True, False]})
    data = csv_bytes(table)
    assert b"'" not in data
    back = read_back(data)
    assert back["z"].tolist() == [-1.5, 2.25]
    assert back["n"].tolist() == [-3, 4]
    assert back["ok"].tolist() == [True, False]


def test_column_names_are_neutralised_too():
    data = csv_bytes(pd.DataFrame({"=cmd": [1], "-diff": [2], "doc_id": [3]}))
    assert list(read_back(data).columns) == ["'=cmd", "'-diff", "doc_id"]


def test_string_categorical_and_object_columns_with_missing_values():
    table = pd.DataFrame({
        "s": pd.array(["=1+1", None, "b"], dtype="string"),
        "c": pd.Categorical(["@a", "b", "@a"]),
        "o": [-1, "-2", None],  # a number in an object column stays a number; the string is neutralised
    })
    back = read_back(csv_bytes(table))
    assert back["s"].tolist() == ["'=1+1", "", "b"]
    assert back["c"].tolist() == ["'@a", "b", "'@a"]
    assert back["o"].astype(str).tolist() == ["-1", "'-2", ""]
    assert table["s"].tolist()[0] == "=1+1"  # the caller's table is unchanged


def test_bom_umlauts_and_no_index():
    data = csv_bytes(pd.DataFrame({"wort": ["Größe", "Russlands"]}, index=[7, 8]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["wort", "Größe", "Russlands"]


def test_commas_quotes_and_newlines_round_trip():
    cell = 'Er sagte: "nein, niemals"\nund ging.'
    assert read_back(csv_bytes(pd.DataFrame({"text": [cell]})))["text"].tolist() == [cell]


def test_seed_keyness_round_trips(seed_corpus):
    table = framing.keyness(seed_corpus, target="sna")
    back = pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig")
    assert list(back.columns) == list(table.columns)
    assert len(back) == len(table)
    numeric = table.select_dtypes("number").columns
    pd.testing.assert_frame_equal(back[numeric], table[numeric].reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize(("name", "event_id", "expected"), [
    ("keyness", "nato-russia-2022-01-12", "keyness_nato-russia-2022-01-12.csv"),
    ("keyness", None, "keyness.csv"),
    ("quotes.csv", "nrc_2022_01_12", "quotes_nrc_2022_01_12.csv"),
    ("Größe der Wörter", "", "Groesse-der-Woerter.csv"),
    ("../../etc/passwd", "a/b", "etc-passwd_a-b.csv"),
    ("...", None, "table.csv"),
    ('x"<script>', "é", "x-script_e.csv"),
])
def test_csv_filename_is_safe(name, event_id, expected):
    out = csv_filename(name, event_id)
    assert out == expected
    assert set(out) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
