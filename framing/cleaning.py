"""Drop site chrome from scraped articles, line by line, and report every line dropped.

The rules come from `lexicons/boilerplate.yaml`; this module knows no site or
German phrase itself. The raw text is never changed: cleaning returns a new
text and a report row per dropped line (or per cut span, for `strip` rules).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .lexicons import LexiconError, read_lexicon

CLEANING_COLUMNS = ["doc_id", "line_no", "text", "reason", "rule_id", "action"]

_RULE_FIELDS = frozenset({"id", "reason", "pattern", "flags", "action", "follows", "max_words", "first_line_only", "rationale"})

# Characters that are invisible in a browser but split or glue words for a tokenizer
# (a regex removes them ten times faster than str.translate on long lines).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class BoilerplateRule:
    """One rule of boilerplate.yaml (see that file for what each field means)."""

    id: str
    reason: str
    regex: re.Pattern
    action: str = "drop"
    follows: str | None = None
    max_words: int | None = None
    first_line_only: bool = False

    def applies(self, line: str, *, previous_rule: str | None, is_first_kept: bool) -> bool:
        """Return True when this rule matches `line` in its context."""
        if self.follows is not None and previous_rule != self.follows:
            return False
        if self.first_line_only and not is_first_kept:
            return False
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        return self.regex.search(line) is not None


def load_rules(path: str | Path) -> list[BoilerplateRule]:
    """Return the rules of a boilerplate YAML file, in file order.

    Raises:
        LexiconError: naming the file and the rule when a rule is malformed.
    """
    data = read_lexicon(path)
    entries = data.get("rules")
    if not isinstance(entries, list):
        raise LexiconError(f"{path}: expected a list under 'rules'")
    rules: list[BoilerplateRule] = []
    ids: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}, rule {number} ({entry.get('id', 'no id') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a mapping with id, reason, pattern, rationale")
        missing = [key for key in ("id", "reason", "pattern", "rationale") if not entry.get(key)]
        if missing:
            raise LexiconError(f"{where}: missing {', '.join(missing)}")
        if entry["id"] in ids:
            raise LexiconError(f"{where}: the id {entry['id']!r} is used twice; give each rule its own id")
        action = entry.get("action", "drop")
        if action not in ("drop", "strip"):
            raise LexiconError(f"{where}: action must be 'drop' or 'strip', not {action!r}")
        if entry.get("follows") and entry["follows"] not in ids:
            raise LexiconError(f"{where}: follows {entry['follows']!r}, which must be a rule defined above it")
        unknown = sorted(set(entry) - _RULE_FIELDS)
        if unknown:
            raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_RULE_FIELDS))}")
        max_words = entry.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1):
            raise LexiconError(f"{where}: max_words must be a whole number of at least 1, not {max_words!r}")
        if not isinstance(entry.get("first_line_only", False), bool):
            raise LexiconError(f"{where}: first_line_only must be true or false, not {entry['first_line_only']!r}")
        if str(entry.get("flags", "")) not in ("", "i"):
            raise LexiconError(f"{where}: flags may only be \"i\" (ignore case), not {entry['flags']!r}")
        flags = re.IGNORECASE if entry.get("flags") == "i" else 0
        try:
            regex = re.compile(entry["pattern"], flags)
        except re.error as error:
            raise LexiconError(f"{where}: invalid pattern: {error}") from error
        ids.add(entry["id"])
        rules.append(
            BoilerplateRule(
                id=entry["id"],
                reason=entry["reason"],
                regex=regex,
                action=action,
                follows=entry.get("follows"),
                max_words=max_words,
                first_line_only=entry.get("first_line_only", False),
            )
        )
    return rules


def normalize_line(line: str) -> str:
    """Return `line` in Unicode NFC without invisible characters and outer whitespace."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", line)).strip()


def clean_text(raw_text: str, rules: list[BoilerplateRule]) -> tuple[str, list[tuple[int, str, str, str, str]]]:
    """Return the cleaned text and the dropped lines of one article.

    The cleaned text holds the kept lines, normalised, one paragraph per line
    (blank lines are removed). Each report entry is
    `(line_no, text, reason, rule_id, action)`, with 1-based `line_no` counted
    by `str.splitlines()` on the raw text.
    """
    kept: list[str] = []
    dropped: list[tuple[int, str, str, str, str]] = []
    previous_rule: str | None = None
    for line_no, raw_line in enumerate(raw_text.splitlines(), start=1):
        line = normalize_line(raw_line)
        if not line:
            continue  # blank lines separate paragraphs; they keep the context of the line before
        matched: BoilerplateRule | None = None
        for rule in rules:
            if rule.applies(line, previous_rule=previous_rule, is_first_kept=not kept):
                matched = rule
                break
        if matched is None:
            kept.append(line)
            previous_rule = None
        elif matched.action == "strip":
            cut = matched.regex.search(line)
            dropped.append((line_no, cut.group(0).strip(), matched.reason, matched.id, "strip"))
            remainder = (line[: cut.start()] + line[cut.end() :]).strip()
            if remainder:
                kept.append(remainder)
            previous_rule = None
        else:
            dropped.append((line_no, raw_line.strip(), matched.reason, matched.id, "drop"))
            previous_rule = matched.id
    return "\n".join(kept), dropped


def clean_documents(documents: pd.DataFrame, rules: list[BoilerplateRule]) -> tuple[pd.Series, pd.DataFrame]:
    """Clean every row of `documents` (columns `doc_id`, `raw_text`).

    Returns:
        The cleaned texts (aligned with `documents.index`) and the cleaning
        report with columns `doc_id, line_no, text, reason, rule_id, action`.
    """
    texts: list[str] = []
    report: list[tuple] = []
    for doc_id, raw_text in zip(documents["doc_id"], documents["raw_text"]):
        text, dropped = clean_text(raw_text, rules)
        texts.append(text)
        report.extend((doc_id, *entry) for entry in dropped)
    cleaning = pd.DataFrame(report, columns=CLEANING_COLUMNS).astype({"line_no": "int64"})
    return pd.Series(texts, index=documents.index, dtype="object"), cleaning
