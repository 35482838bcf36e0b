"""Tests of framing.notes: a plain-language method note for every chart, complete and honestly referenced."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest

from framing import charts
from framing.notes import NOTES, MethodNote, note

REPO_ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["title", "shows", "computed", "cannot_tell", "reference"]
HEADINGS = ["**What it shows.**", "**How it is computed.**", "**What it cannot tell.**", "**Reference:**"]
# Tables and views with no chart function of their own that must still have a note.
NON_CHART_NOTES = ["kwic", "actors", "quotes", "highlight"]


def chart_functions() -> list[str]:
    """Return the public chart functions of framing.charts (not helpers such as outlet_colors)."""
    return sorted(
        name for name, obj in vars(charts).items()
        if not name.startswith("_") and inspect.isfunction(obj)
        and obj.__module__.startswith("framing.charts.") and obj.__module__ != "framing.charts._common"
    )


def test_chart_functions_found():
    found = chart_functions()
    assert {"readability", "keyness", "naming", "hedges", "reuse", "leaning_map"} <= set(found)
    assert "outlet_colors" not in found


@pytest.mark.parametrize("name", chart_functions())
def test_every_chart_has_a_note(name):
    assert name in NOTES, f"framing.charts.{name} has no method note in framing.notes.NOTES"


def test_notes_for_tables_and_views():
    for name in NON_CHART_NOTES:
        assert name in NOTES


@pytest.mark.parametrize("name", sorted(NOTES))
def test_note_fields_complete(name):
    n = NOTES[name]
    assert isinstance(n, MethodNote)
    for field in FIELDS:
        value = getattr(n, field)
        assert isinstance(value, str) and value.strip(), f"{name}.{field} is empty"
        assert value == value.strip()
        # Plain text that Markdown (and Streamlit's $…$ maths) leaves as it is.
        assert not set(value) & set("*_$`<>"), f"{name}.{field} holds a Markdown or HTML character"


@pytest.mark.parametrize("name", sorted(NOTES))
def test_note_parts_are_short(name):
    n = NOTES[name]
    for field in ["shows", "computed", "cannot_tell"]:
        value = getattr(n, field)
        sentences = re.split(r'(?<=[a-zäöüß)"%][.?!])\s+(?=[A-ZÄÖÜ"„])', value)
        assert 1 <= len(sentences) <= 3, f"{name}.{field} has {len(sentences)} sentences"
        assert len(value) <= 600, f"{name}.{field} is too long for a note"


@pytest.mark.parametrize("name", sorted(NOTES))
def test_reference_has_year_or_says_own_method(name):
    ref = NOTES[name].reference
    assert re.search(r"\b(19|20)\d\d\b", ref) or "project's own" in ref, (
        f"{name}: the reference needs a year, or must say the method is the project's own"
    )


def _sources_text() -> str:
    """Return the README and the package's source (docstrings included), whitespace collapsed."""
    parts = [(REPO_ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "framing").rglob("*.py"))
              if p.name != "notes.py"]
    return re.sub(r"\s+", " ", "\n".join(parts))


def test_references_are_cited_in_readme_or_docstrings():
    """Every 'Author (year)' of a note is already cited in the README or a docstring: none invented."""
    sources = _sources_text()
    for name, n in NOTES.items():
        for piece in n.reference.split(";"):
            year = re.search(r"\((\d{4})\)", piece)
            if not year:
                continue
            author = re.search(r"[A-ZÄÖÜ][\w-]+", piece[:year.start()])
            assert author, f"{name}: no author before the year in {piece!r}"
            pattern = re.escape(author.group()) + r".{0,200}?" + year.group(1)
            assert re.search(pattern, sources), (
                f"{name}: {author.group()} ({year.group(1)}) is cited in neither the README nor a docstring"
            )


@pytest.mark.parametrize("name", sorted(NOTES))
def test_markdown_and_text(name):
    n = NOTES[name]
    md = n.markdown()
    positions = [md.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "\n" not in md  # one paragraph
    for field in ["shows", "computed", "cannot_tell", "reference"]:
        assert getattr(n, field) in md
    text = n.text()
    assert "*" not in text and "\n" not in text
    for heading in HEADINGS:
        assert heading.strip("*") in text
    assert text == md.replace("**", "")


def test_note_lookup():
    assert note("keyness") is NOTES["keyness"]
    assert "Monroe, Colaresi & Quinn (2008)" in note("keyness").reference


def test_unknown_note_names_the_known_ones():
    with pytest.raises(KeyError) as info:
        note("nonexistent")
    message = str(info.value)
    assert "nonexistent" in message
    assert "keyness" in message and "leaning_map" in message and "highlight" in message


def test_notes_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        NOTES["keyness"].title = "changed"  # type: ignore[misc]


def test_honest_limits_stated():
    """The limits the README insists on reach the notes."""
    assert "not the outlet" in NOTES["keyness"].cannot_tell
    assert "lexicon matches, not a reading" in NOTES["frame_profile"].cannot_tell
    assert "not a leaning score" in NOTES["leaning_profile"].cannot_tell
    assert "paraphrase" in NOTES["reuse"].cannot_tell and "MinHash" in NOTES["reuse"].cannot_tell
    assert "tuned on the five seed articles" in NOTES["fact_coverage"].cannot_tell
    assert "project's own" in NOTES["fact_coverage"].reference
