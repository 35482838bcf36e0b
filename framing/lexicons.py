"""Find and read the YAML lexicons that hold the project's language knowledge.

A corpus folder may carry its own `lexicons/`; any lexicon it lacks is taken
from the project's shipped corpus (`corpus/lexicons/` beside the package), so a
new corpus of articles works without copying the lexicons.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON_DIR = PROJECT_ROOT / "corpus" / "lexicons"


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file and entry."""


def lexicon_path(name: str, corpus_dir: str | Path | None = None) -> Path:
    """Return the path of lexicon `name` (without `.yaml`): the corpus's own, else the default."""
    if corpus_dir is not None:
        own = Path(corpus_dir) / "lexicons" / f"{name}.yaml"
        if own.is_file():
            return own
    default = DEFAULT_LEXICON_DIR / f"{name}.yaml"
    if default.is_file():
        return default
    raise LexiconError(
        f"lexicon {name!r} not found: looked for {name}.yaml in "
        f"{Path(corpus_dir) / 'lexicons' if corpus_dir else '(no corpus)'} and {DEFAULT_LEXICON_DIR}"
    )


def read_lexicon(path: str | Path) -> dict[str, Any]:
    """Return the parsed YAML mapping of a lexicon file, or raise LexiconError naming the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: cannot read lexicon: {error}") from error
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level, found {type(data).__name__}")
    return data


def fingerprint(*paths: Path) -> str:
    """Return a short hash of the contents of `paths`: it changes when any of them is edited."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def lexicon_files(corpus_dir: str | Path | None = None) -> list[Path]:
    """Return every lexicon file the analyses may read: the corpus's own, the shipped defaults and facts.yaml."""
    folders = ([Path(corpus_dir) / "lexicons"] if corpus_dir is not None else []) + [DEFAULT_LEXICON_DIR]
    files = {path for folder in folders if folder.is_dir() for path in folder.iterdir() if path.is_file()}
    if corpus_dir is not None and (Path(corpus_dir) / "facts.yaml").is_file():  # the analyst's fact edits
        files.add(Path(corpus_dir) / "facts.yaml")
    return sorted(files)


def normalize_word(word: str) -> str:
    """Return a word (or words) as lexicons compare them: NFC-normalised and lower-cased.

    Args:
        word: a word, a phrase or a word type from the tokens.

    Returns:
        The normalised text ("Ä" typed as A plus a combining mark becomes "ä").
    """
    return unicodedata.normalize("NFC", word).lower()


def text_or_none(value) -> str | None:
    """Return a lexicon field's value as a non-empty string, or None.

    Args:
        value: the value read from YAML (any type).

    Returns:
        The stripped text, or None when `value` is not text or holds only spaces.
    """
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
