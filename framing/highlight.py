"""Highlighted article text: frames, actors, quotes and hedges marked in one document, as safe HTML.

`article_spans` gathers the spans of one document from the analysis tables
the package already produces (`framing.sentences`, `frames`, `actors`,
`quotes`, `hedges`); every span is a pair of character offsets into the
document's cleaned `text` (the documents table's column `text`).
`article_html` turns the text and its spans into an HTML fragment in which
each layer has its own CSS class (`hl-frame`, `hl-actor`, `hl-quote`,
`hl-hedge`) and a `title` tooltip that says what was found and why. Spans may
nest and even cross (an indirect quote can end inside a partial quote that
ends one character later); the text is split at every span boundary and the
elements are closed and reopened so that the HTML stays well formed.

Everything that comes from an article (its text, speakers, matched words,
labels) is untrusted: it is escaped with `html.escape(..., quote=True)`, so an
article holding `<script>` shows it as text. `HIGHLIGHT_CSS` holds the
styles (readable colours, and a second cue per layer that survives greyscale
printing: background for frames, border for quotes, underline for actors,
wavy underline for hedges); inject it once per page. `legend_html` explains
the layers in plain words.

No Streamlit here: the dashboard calls these functions and renders the result.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

#: The highlight layers, outermost first (the nesting order of spans with equal offsets).
LAYERS = ("frame", "quote", "hedge", "actor")
SPAN_COLUMNS = ["layer", "start", "end", "label", "title", "side"]

#: Styles of the highlight classes (CSS text without a <style> element); inject once per page.
HIGHLIGHT_CSS = """\
.hl-article { line-height: 1.9; }
.hl-article p { margin: 0 0 0.8em 0; }
mark.hl { background: transparent; color: inherit; padding: 0; }
mark.hl-frame { background: #fff1b8; }
mark.hl-quote {
  border: 1.5px solid #1f5fa8; border-radius: 3px; padding: 0 1px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
mark.hl-actor {
  font-weight: 600; text-decoration: underline solid #0b7a3b;
  text-decoration-thickness: 2px; text-underline-offset: 2px;
}
mark.hl-hedge {
  text-decoration: underline wavy #b3261e;
  text-decoration-thickness: 1.5px; text-underline-offset: 5px; text-decoration-skip-ink: none;
}
.hl-legend { list-style: none; padding: 0; margin: 0 0 1em 0; }
.hl-legend li { margin: 0.3em 0; }
"""

_LEGEND = {
    "frame": ("frame", "The sentence uses words that the frame lexicon links to a news frame (hover to see the frame and the words)."),
    "quote": ("quote", "Someone's words are reported here, in quote marks or as indirect speech (hover for the speaker and the speech verb)."),
    "hedge": ("hedge", "The outlet keeps its distance from a claim here, e.g. with \"angeblich\", a reportative \"soll\" or scare quotes."),
    "actor": ("actor", "A person, organisation or state from the actor list is named here (hover for who it is and their side)."),
}


def _layers(layers: Iterable[str] | None) -> tuple[str, ...]:
    if layers is None:
        return LAYERS
    if isinstance(layers, str):
        layers = [layers]
    chosen = tuple(dict.fromkeys(layers))
    unknown = [layer for layer in chosen if layer not in LAYERS]
    if unknown:
        raise ValueError(f"unknown highlight layer(s) {unknown}; choose from {list(LAYERS)}")
    return chosen


def _text(value) -> str:
    """Return a table cell as text: "" for missing values."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _get(row, name: str) -> str:
    """Return a row's column as text: "" when the column is absent or the value missing."""
    return _text(getattr(row, name, ""))


def _rows(table: pd.DataFrame | None, doc_id: str) -> pd.DataFrame | None:
    if table is None or table.empty:
        return None
    rows = table[table["doc_id"] == doc_id]
    return rows if len(rows) else None


def article_spans(
    doc_id: str,
    *,
    sentences: pd.DataFrame,
    frames: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    hedges: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Collect the highlight spans of one document from the analysis tables.

    A frame is found per sentence, so its span is the sentence's `start, end`
    from `sentences`; a frame row whose sentence is not in `sentences` (the
    metadata title scored as sentence 0 by `framing.frames`, which is not
    part of the text) has no place in the text and is left out. Actors,
    quotes and hedges carry their own offsets. Pass None (the default) for a
    layer you do not want.

    Args:
        doc_id: the document.
        sentences: `framing.sentences(corpus)` (all documents or just this one).
        frames: `framing.frames(corpus)`, or None.
        actors: `framing.actors(corpus)`, or None.
        quotes: `framing.quotes(corpus)`, or None.
        hedges: `framing.hedges(corpus)`, or None.

    Returns:
        One row per span: `layer` (frame, quote, hedge, actor), `start, end`
        (character offsets into the document's cleaned `text`), `label`
        (frame id; "direct quote: Smith"; the hedge's marker as written; the
        actor_id), `title` (tooltip text: what was found and why: the frame's
        matched indicator words and score, the quote's speaker, cue and how
        the speaker was found, the hedge's kind and whom it concerns, the
        actor's words and how they matched), `side` (the actor's or speaker's
        side from actors.yaml; "" when unknown or for frames). Ordered by
        `start`, longer spans first, then layer (outermost first).
    """
    rows: list[dict] = []
    frame_rows = _rows(frames, doc_id)
    if frame_rows is not None:
        sentence_rows = _rows(sentences, doc_id)
        bounds = {} if sentence_rows is None else {
            int(s): (int(a), int(b))
            for s, a, b in zip(sentence_rows["sentence_id"], sentence_rows["start"], sentence_rows["end"])
        }
        for r in frame_rows.itertuples(index=False):
            if int(r.sentence_id) not in bounds:
                continue  # the metadata title (sentence 0): not in the text
            start, end = bounds[int(r.sentence_id)]
            frame = _get(r, "frame")
            score = getattr(r, "score", None)
            scored = "" if score is None or pd.isna(score) else f" (score {float(score):g})"
            title = f"Frame: {frame}{scored}; indicator words: {_get(r, 'matches') or 'none listed'}"
            rows.append(dict(layer="frame", start=start, end=end, label=frame, title=title, side=""))
    quote_rows = _rows(quotes, doc_id)
    if quote_rows is not None:
        for r in quote_rows.itertuples(index=False):
            kind, speaker = _get(r, "kind"), _get(r, "speaker")
            who = speaker or "unknown speaker"
            details = [f"{kind.capitalize()} quote, speaker: {who}"]
            if _get(r, "actor_id"):
                details.append(f"actor {_get(r, 'actor_id')}, side {_get(r, 'side') or 'unknown'}")
            cue = _get(r, "cue")
            cue_class = _get(r, "cue_class")
            if cue:
                details.append(f"cue: {cue}" + (f" ({cue_class})" if cue_class else ""))
            resolved = _get(r, "resolved_by")
            if resolved:
                details.append(f"speaker found by: {resolved}")
            rows.append(dict(
                layer="quote", start=int(r.start), end=int(r.end), label=f"{kind} quote: {who}",
                title="; ".join(details), side=_get(r, "side"),
            ))
    hedge_rows = _rows(hedges, doc_id)
    if hedge_rows is not None:
        for r in hedge_rows.itertuples(index=False):
            marker = _get(r, "marker")
            title = f"Hedge ({_get(r, 'kind')}, {_get(r, 'marker_id')}): {marker}"
            if _get(r, "actor_id"):
                title += (
                    f"; concerns {_get(r, 'actor_id')} (\"{_get(r, 'actor_surface')}\", side {_get(r, 'side') or 'unknown'},"
                    f" found in the {_get(r, 'concerns_by')})"
                )
            else:
                title += "; concerns no named actor"
            rows.append(dict(layer="hedge", start=int(r.start), end=int(r.end), label=marker, title=title,
                             side=_get(r, "side")))
    actor_rows = _rows(actors, doc_id)
    if actor_rows is not None:
        for r in actor_rows.itertuples(index=False):
            actor_id = _get(r, "actor_id")
            title = (
                f"Actor: {actor_id} ({_get(r, 'type')}, side {_get(r, 'side') or 'unknown'});"
                f" \"{_get(r, 'surface')}\" matched by {_get(r, 'matched_by')}: {_get(r, 'alias')}"
            )
            rows.append(dict(layer="actor", start=int(r.start), end=int(r.end), label=actor_id, title=title,
                             side=_get(r, "side")))
    table = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    if table.empty:
        return table.astype({"start": "int64", "end": "int64"})
    table["order"] = table["layer"].map(LAYERS.index)
    table["length"] = table["end"] - table["start"]
    table = table.sort_values(["start", "length", "order"], ascending=[True, False, True], kind="stable")
    return table[SPAN_COLUMNS].reset_index(drop=True).astype({"start": "int64", "end": "int64"})


def _merged(text: str, spans: pd.DataFrame, layers: tuple[str, ...]) -> list[tuple[int, int, int, str, str]]:
    """Return the spans to draw as (start, end, layer order, layer, title): one per layer × offsets, titles joined."""
    if spans is None or spans.empty:
        return []
    missing = [c for c in ("layer", "start", "end") if c not in spans.columns]
    if missing:
        raise ValueError(f"spans lack the column(s) {missing}")
    grouped: dict[tuple[int, int, str], list[str]] = {}
    for r in spans.itertuples(index=False):
        layer = _get(r, "layer")
        if layer not in layers:
            continue
        start, end = int(r.start), int(r.end)
        if not 0 <= start <= end <= len(text):
            raise ValueError(
                f"{layer} span {start}:{end} lies outside the text (length {len(text)}); "
                "spans are offsets into the document's cleaned `text`"
            )
        if start == end:
            continue
        title = _get(r, "title") or _get(r, "label") or layer
        titles = grouped.setdefault((start, end, layer), [])
        if title not in titles:
            titles.append(title)
    return [(s, e, LAYERS.index(layer), layer, "\n".join(titles)) for (s, e, layer), titles in grouped.items()]


def _render_line(text: str, offset: int, spans: list[tuple[int, int, int, str, str]]) -> str:
    """Return one line of text (starting at `offset` of the document) as escaped HTML with nested marks."""
    line_end = offset + len(text)
    inside = [
        (max(s, offset), min(e, line_end), order, layer, title, i)
        for i, (s, e, order, layer, title) in enumerate(spans)
        if s < line_end and e > offset
    ]
    if not inside:
        return html.escape(text, quote=True)
    cuts = sorted({offset, line_end, *(s for s, *_ in inside), *(e for _, e, *_ in inside)})
    out: list[str] = []
    stack: list[tuple] = []
    for left, right in zip(cuts, cuts[1:]):
        if left == right:
            continue
        # outermost first: earliest start, then longest, then layer order
        wanted = sorted(
            (span for span in inside if span[0] <= left and span[1] >= right),
            key=lambda span: (span[0], -span[1], span[2], span[5]),
        )
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</mark>" for _ in range(len(stack) - keep))
        del stack[keep:]
        for span in wanted[keep:]:
            out.append(f'<mark class="hl hl-{span[3]}" title="{html.escape(span[4], quote=True)}">')
            stack.append(span)
        out.append(html.escape(text[left - offset:right - offset], quote=True))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def article_html(text: str, spans: pd.DataFrame | None, *, layers: Iterable[str] | None = None) -> str:
    """Return the article text as an HTML fragment with its spans highlighted.

    Each span becomes `<mark class="hl hl-<layer>" title="…">`; spans of one
    layer with the same offsets (several frames of one sentence) are drawn
    once with their titles joined by newlines. Nested and crossing spans are
    split at every boundary and closed and reopened in order, so the HTML is
    well formed. Each line of the text becomes a `<p>` (an empty line stays a
    bare newline); the newlines are kept between the paragraphs, so the
    fragment's visible text is the text itself. Text, labels and titles are
    escaped with `html.escape(..., quote=True)`. Style it with
    `HIGHLIGHT_CSS`.

    Args:
        text: the document's cleaned `text` (the offsets' reference).
        spans: `article_spans(...)` for that document (columns `layer, start,
            end`, and `title` for the tooltip, else `label`), or None.
        layers: the layers to show (any of frame, quote, hedge, actor);
            None shows all.

    Returns:
        The fragment: `<div class="hl-article">` holding one `<p>` per
        non-empty line.

    Raises:
        ValueError: for an unknown layer, or a span outside the text (the
            spans belong to another text).
    """
    text = _text(text)
    drawn = _merged(text, spans, _layers(layers))
    parts: list[str] = []
    offset = 0
    for line in text.split("\n"):
        parts.append(f"<p>{_render_line(line, offset, drawn)}</p>" if line else "")
        offset += len(line) + 1
    return '<div class="hl-article">' + "\n".join(parts) + "</div>"


def legend_html(layers: Iterable[str] | None = None) -> str:
    """Return an HTML legend explaining each highlight layer in one plain sentence.

    Args:
        layers: the layers to explain (any of frame, quote, hedge, actor);
            None explains all.

    Returns:
        A `<ul class="hl-legend">` with one item per layer: a sample of the
        layer's highlight and its sentence. Style it with `HIGHLIGHT_CSS`.
    """
    items = []
    for layer in _layers(layers):
        name, sentence = _LEGEND[layer]
        items.append(
            f'<li><mark class="hl hl-{layer}">{html.escape(name, quote=True)}</mark> '
            f"{html.escape(sentence, quote=True)}</li>"
        )
    return '<ul class="hl-legend">' + "".join(items) + "</ul>"
