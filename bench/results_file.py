"""bench/RESULTS.md: the sections that keep every recorded run, newest first."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nNewest run first within each section; see bench/README.md.\n"


def add_newest_run(section: str, report: str, path: Path = RESULTS) -> None:
    """Add `report` as the newest run of `section` (e.g. "## Text pass") of RESULTS.md, creating what is missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    head, found, rest = text.partition(section + "\n")
    if not found:
        head, rest = text.rstrip("\n") + "\n\n", ""
    path.write_text(f"{head}{section}\n\n{report.strip()}\n\n{rest.lstrip()}".rstrip("\n") + "\n", encoding="utf-8")
