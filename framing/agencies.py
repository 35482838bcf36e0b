"""News agencies an article credits or names: sign-offs, credits, photo captions and mentions.

What it measures: where an article says that material came from a news
agency: a sign-off ("(afp/dl)", "(dpa)"), a dateline or credit line
("Brüssel (dpa) -", "Mit Material von Reuters", "Quelle: AFP"), a photo
credit (often in a caption that cleaning dropped: "© AP Photo / …"), or a
plain mention ("sagte der Nachrichtenagentur AFP"). Together with
`framing.reuse` it helps read shared passages: two outlets that both sign off
with "(afp)" share AFP copy.

What it cannot tell: an article that prints agency copy without a credit
(common on portals) has no detection; a photo credit says where the picture,
not the words, came from; a mention may only cite the agency as the source of
one quote; agencies and forms not in `lexicons/agencies.yaml` are not found.

The raw text (`documents.raw_text`) is scanned, not the cleaned text, because
captions and credit lines are among what cleaning drops; a name in a line
that cleaning dropped (`corpus.cleaning`, action "drop") is where=caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .lexicons import LexiconError, read_lexicon

AGENCY_COLUMNS = ["doc_id", "outlet_id", "agency", "surface", "where", "form", "line_no", "start", "end", "line"]
WHERE_VALUES = ("sign-off", "credit", "caption", "mention")
_FORM_PRIORITY = {"sign-off": 0, "credit": 1, "caption": 2}


@dataclass(frozen=True)
class AgencyLexicon:
    """The agencies of agencies.yaml and the credit forms, compiled."""

    names: re.Pattern                 # every surface, longest first, as whole words
    surface_to_agency: dict[str, str]
    lower_only_in_forms: frozenset[str]
    forms: tuple[tuple[str, str, re.Pattern], ...]     # (form id, where, pattern)
    agencies: pd.DataFrame


def load_agency_lexicon(path: str | Path) -> AgencyLexicon:
    """Return the compiled agency lexicon of `path`, or raise LexiconError naming the entry at fault.

    Args:
        path: an agencies.yaml file.

    Returns:
        An `AgencyLexicon`; its `agencies` table has `agency, name, surfaces, rationale`.
    """
    data = read_lexicon(path)
    surface_to_agency: dict[str, str] = {}
    rows = []
    for n, entry in enumerate(data.get("agencies") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("surfaces"):
            raise LexiconError(f"{path}: agencies entry {n} needs an id and a list of surfaces")
        for surface in entry["surfaces"]:
            surface_to_agency[str(surface)] = str(entry["id"])
        rows.append((entry["id"], entry.get("name", ""), list(entry["surfaces"]), entry.get("rationale", "")))
    if not surface_to_agency:
        raise LexiconError(f"{path}: no agencies")
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(surface_to_agency, key=len, reverse=True))
    names = re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)")
    forms = []
    for n, entry in enumerate(data.get("forms") or [], start=1):
        where = entry.get("where") if isinstance(entry, dict) else None
        if where not in ("sign-off", "credit", "caption"):
            raise LexiconError(f"{path}: forms entry {n} needs where: sign-off, credit or caption")
        try:
            forms.append((str(entry.get("id", f"form_{n}")), where, re.compile(entry["pattern"], re.MULTILINE)))
        except (KeyError, re.error) as error:
            raise LexiconError(f"{path}: forms entry {n} ({entry.get('id')}): bad or missing pattern: {error}") from error
    return AgencyLexicon(
        names=names, surface_to_agency=surface_to_agency,
        lower_only_in_forms=frozenset(data.get("lower_case_only_in_forms") or []),
        forms=tuple(forms),
        agencies=pd.DataFrame(rows, columns=["agency", "name", "surfaces", "rationale"]),
    )


def find_agencies(text: str, lexicon: AgencyLexicon, *, dropped_lines: set[int] = frozenset()) -> list[dict]:
    """Return the agency names in one text, each classified by where it stands.

    Args:
        text: an article's raw text.
        lexicon: from `load_agency_lexicon`.
        dropped_lines: 1-based numbers of the lines that cleaning dropped.

    Returns:
        One dict per name found: `agency, surface, where` (sign-off, credit,
        caption or mention), `form` (the forms entry, "dropped_line" or ""),
        `line_no` (1-based), `start, end` (offsets into `text`), `line`.
    """
    regions = []
    for form_id, where, pattern in lexicon.forms:
        regions += [(m.start(), m.end(), where, form_id) for m in pattern.finditer(text)]
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    out = []
    for m in lexicon.names.finditer(text):
        surface = re.sub(r"\s+", " ", m.group())
        agency = lexicon.surface_to_agency.get(surface)
        if agency is None:
            continue
        line_no = _line_of(line_starts, m.start())
        inside = sorted((_FORM_PRIORITY[w], w, f) for s, e, w, f in regions if s <= m.start() and m.end() <= e)
        if line_no in dropped_lines:            # a caption or credit line that cleaning dropped
            where, form = "caption", inside[0][2] if inside else "dropped_line"
        elif inside:
            where, form = inside[0][1], inside[0][2]
        elif surface in lexicon.lower_only_in_forms:
            continue
        else:
            where, form = "mention", ""
        line_end = line_starts[line_no] - 1 if line_no < len(line_starts) else len(text)
        out.append(dict(agency=agency, surface=surface, where=where, form=form, line_no=line_no,
                        start=m.start(), end=m.end(), line=text[line_starts[line_no - 1]:line_end].strip()))
    return out


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


def _lexicon(corpus: Corpus) -> AgencyLexicon:
    if "agency_lexicon" not in corpus._cache:
        corpus._cache["agency_lexicon"] = load_agency_lexicon(corpus.lexicon("agencies"))
    return corpus._cache["agency_lexicon"]


def agencies(corpus: Corpus) -> pd.DataFrame:
    """Return one row per news agency named in an article, and how it is named.

    Plain-language note: a row says the article credits or names an agency:
    `sign-off` and `credit` mean the text says it uses the agency's copy,
    `caption` that a picture is the agency's, `mention` that the agency is
    named in the text (often as the source of a quote). Uncredited agency copy
    is not found; compare `framing.reuse` for shared wording.

    Args:
        corpus: a loaded corpus; its `raw_text` is scanned (captions and credit
            lines dropped by cleaning still count, as where=caption).

    Returns:
        Columns `doc_id, outlet_id, agency` (id from agencies.yaml),
        `surface` (as written), `where` (sign-off / credit / caption /
        mention), `form` (the forms entry of agencies.yaml that matched,
        "dropped_line" for a caption found only by cleaning's drop, "" for a
        mention), `line_no` (1-based line of the raw text), `start, end`
        (offsets into `raw_text`), `line` (the raw line).
    """
    lexicon = _lexicon(corpus)
    docs = corpus.documents
    dropped: dict[str, set[int]] = {}
    cleaning = corpus.cleaning
    if len(cleaning):
        drops = cleaning[cleaning["action"].fillna("drop") == "drop"]
        for doc_id, line_no in zip(drops["doc_id"], drops["line_no"]):
            dropped.setdefault(str(doc_id), set()).add(int(line_no))
    raw = docs["raw_text"] if "raw_text" in docs.columns else docs["text"]
    outlets = docs["outlet_id"] if "outlet_id" in docs.columns else pd.Series([""] * len(docs))
    rows = []
    for doc_id, outlet_id, text in zip(docs["doc_id"], outlets, raw):
        for hit in find_agencies(text if isinstance(text, str) else "", lexicon, dropped_lines=dropped.get(str(doc_id), set())):
            rows.append({"doc_id": doc_id, "outlet_id": outlet_id, **hit})
    table = pd.DataFrame(rows, columns=AGENCY_COLUMNS)
    return table.astype({"line_no": "int64", "start": "int64", "end": "int64"})


def documents_with_agencies(corpus: Corpus) -> pd.DataFrame:
    """Return the documents table with the agencies each article credits, as columns.

    Args:
        corpus: a loaded corpus.

    Returns:
        `corpus.documents` plus `agencies` (agencies credited for the text:
        sign-offs and credit lines, ids sorted and joined with ", ", "" when
        none), `agencies_caption` (photo and caption credits) and
        `agencies_mentioned` (agencies only named in the text).
    """
    hits = agencies(corpus)
    out = corpus.documents.copy()
    for column, wheres in (("agencies", ("sign-off", "credit")), ("agencies_caption", ("caption",)),
                           ("agencies_mentioned", ("mention",))):
        chosen = hits[hits["where"].isin(wheres)]
        joined = chosen.groupby("doc_id")["agency"].agg(lambda s: ", ".join(sorted(set(s))))
        out[column] = out["doc_id"].map(joined).fillna("").astype(str)
    return out
