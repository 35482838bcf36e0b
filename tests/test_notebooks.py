"""Tests of notebooks/: committed without outputs, and each runs top to bottom in a fresh kernel.

The kernel is the `python3` kernelspec. In the project's .venv that spec lives
in `.venv/share/jupyter/kernels/python3` (installed by ipykernel), which
jupyter finds before any user-wide spec, and its command is `python`, which
jupyter_client replaces by the `sys.executable` of the process starting the
kernel: the tests' own interpreter. `test_notebook_kernel_is_the_tests_python`
checks that this holds, so a notebook never silently runs in another
environment (with another `framing` or another pandas).
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL_NAME = "python3"
#: Seconds each notebook may take from first to last cell (also the limit for any one cell).
TIMEOUTS = {"01_corpus_overview.ipynb": 120, "02_word_choice.ipynb": 120, "03_frames_and_voices.ipynb": 120,
            "04_outlet_comparison.ipynb": 120, "05_report_walkthrough.ipynb": 120}
DEFAULT_TIMEOUT = 120
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
#: Notebooks whose executed outputs must hold at least one plotly figure.
WITH_FIGURES = {"01_corpus_overview.ipynb", "02_word_choice.ipynb", "03_frames_and_voices.ipynb",
                "04_outlet_comparison.ipynb", "05_report_walkthrough.ipynb"}
#: Appended (in memory only) to every notebook run: reports which Python and folder the kernel used.
PROBE = "import os as _os, sys as _sys\nprint(_sys.executable)\nprint(_os.getcwd())"


@functools.cache
def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook, plus `PROBE` as a last cell, in a fresh kernel with cwd = notebooks/ (once per session)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    timeout = TIMEOUTS.get(path.name, DEFAULT_TIMEOUT)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    started = time.monotonic()
    client.execute()
    elapsed = time.monotonic() - started
    assert elapsed < timeout, f"{path.name} took {elapsed:.0f} s, over its {timeout} s budget"
    return notebook


def outputs(notebook: nbformat.NotebookNode):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def test_there_is_a_notebook_to_test():
    assert (NOTEBOOK_DIR / "01_corpus_overview.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_or_execution_counts(path):
    notebook = nbformat.read(path, as_version=4)
    dirty = [
        index for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, (
        f"{path.name}: code cells {dirty} hold outputs or execution counts; clear them before committing "
        f"(jupyter nbconvert --clear-output --inplace {path.relative_to(REPO_ROOT)})"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path):
    notebook = execute(path)  # raises CellExecutionError naming the cell on any error
    errors = [output for output in outputs(notebook) if output.output_type == "error"]
    assert not errors
    if path.name in WITH_FIGURES:
        figures = [output for output in outputs(notebook) if PLOTLY_MIMETYPE in output.get("data", {})]
        assert figures, f"{path.name} showed no plotly figure ({PLOTLY_MIMETYPE})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_kernel_is_the_tests_python_in_notebooks_folder(path):
    notebook = execute(path)
    executable, cwd = "".join(output.get("text", "") for output in notebook.cells[-1].outputs).splitlines()
    assert Path(executable) == Path(sys.executable), (
        f"the {KERNEL_NAME!r} kernel runs {executable}, not the tests' {sys.executable}; "
        "check `jupyter kernelspec list` with the project's .venv"
    )
    assert Path(cwd).resolve() == NOTEBOOK_DIR.resolve()


def test_notebook_uses_this_checkouts_package():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import framing\nprint(framing.__file__)")])
    NotebookClient(notebook, timeout=60, kernel_name=KERNEL_NAME,
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
    package = Path(notebook.cells[0].outputs[0]["text"].strip())
    assert package.resolve().is_relative_to((REPO_ROOT / "framing").resolve()), (
        f"the kernel imported framing from {package}, not from this checkout; run `make setup` (pip install -e .)"
    )
