"""bench/RESULTS.md: the sections that keep every recorded run, newest first."""

from __future__ import annotations

import os
import platform
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
HEADER = "# Benchmark results\n\nNewest run first within each section; see bench/README.md.\n"


def add_newest_run(section: str, report: str, path: Path = RESULTS) -> None:
    """Add `report` as the newest run of `section` (e.g. "## Text pass") of RESULTS.md, creating what is missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    head, found, rest = text.partition(section + "\n")
    if not found:
        head, rest = text.rstrip("\n") + "\n\n", ""
    path.write_text(f"{head}{section}\n\n{report.strip()}\n\n{rest.lstrip()}".rstrip("\n") + "\n", encoding="utf-8")


def machine() -> str:
    """Return a one-line description of this machine."""
    return (f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {platform.machine()}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def command() -> str:
    """Return the command line that produced this run, relative to the repository."""
    exe = Path(sys.executable)
    exe_text = str(exe.relative_to(REPO)) if exe.is_relative_to(REPO) else "python"
    script = Path(sys.argv[0]).resolve()
    script_text = str(script.relative_to(REPO)) if script.is_relative_to(REPO) else str(script)
    return shlex.join([exe_text, script_text, *sys.argv[1:]])
