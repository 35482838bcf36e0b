"""The seed build's tables keep their content: a guard for refactoring the package.

The stored hashes (`tests/data/seed_build_content.json`) are regenerated only
on purpose, with `python tests/seed_build_content.py --write`.
"""

from __future__ import annotations

import json

import pytest

from seed_build_content import CONTENT_FILE, build_seed, content

# Columns renamed on purpose (table, old name) → new name: their content must not change.
RENAMED: dict[tuple[str, str], str] = {}
# Columns added on purpose, by table: new information, not a change of what was there.
ADDED: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    return content(build_seed(tmp_path_factory.mktemp("seed") / "build"))


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


def test_seed_build_has_the_same_tables(built, stored):
    assert sorted(built) == sorted(stored)


@pytest.mark.parametrize("table", sorted(json.loads(CONTENT_FILE.read_text(encoding="utf-8"))))
def test_seed_build_table_content_is_unchanged(built, stored, table):
    expected = stored[table]
    found = built[table]
    assert found["n_rows"] == expected["n_rows"]
    columns = {RENAMED.get((table, name), name): value for name, value in expected["columns"].items()}
    changed = {name for name, value in columns.items() if found["columns"].get(name) != value}
    assert not changed, f"{table}: columns whose content changed: {sorted(changed)}"
    extra = set(found["columns"]) - set(columns) - ADDED.get(table, set())
    assert not extra, f"{table}: new columns {sorted(extra)}; list them in ADDED (on purpose) or remove them"
