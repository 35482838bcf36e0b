"""Highlighting: spans from the analysis tables, nested and crossing marks as well-formed HTML, escaping, legend."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pandas as pd
import pytest

import framing
from framing.highlight import HIGHLIGHT_CSS, LAYERS, SPAN_COLUMNS, article_html, article_spans, legend_html

D003 = "003_3ab60e70d12de889"  # EURACTIV via aggregator: nested and crossing quotes, a scare quote
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


class Reader(HTMLParser):
    """Collect the visible text, the tags (checking they balance) and the marks with their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.marks: list[dict] = []  # class, title, text (the visible text inside)
        self.open_marks: list[dict] = []
        self.covered: list[tuple[dict, ...]] = []  # per visible character: the marks open around it

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "mark":
            mark = dict(attrs) | {"text": ""}
            self.marks.append(mark)
            self.open_marks.append(mark)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data):
        self.text.append(data)
        self.covered.extend([tuple(self.open_marks)] * len(data))
        for mark in self.open_marks:
            mark["text"] += data


def read(fragment: str) -> Reader:
    reader = Reader()
    reader.feed(fragment)
    reader.close()
    assert reader.errors == []
    assert reader.stack == []
    return reader


def visible(fragment: str) -> str:
    return "".join(read(fragment).text)


def spans(*rows) -> pd.DataFrame:
    """Spans table from (layer, start, end, title) tuples."""
    return pd.DataFrame(
        [dict(layer=layer, start=s, end=e, label=title, title=title, side="") for layer, s, e, title in rows],
        columns=SPAN_COLUMNS,
    )


def marked(fragment: str, layer: str) -> list[str]:
    """Return the text of each mark of a layer, joining the pieces of a mark that was split."""
    return [m["text"] for m in read(fragment).marks if f"hl-{layer}" in m["class"].split()]


# --- article_html on hand-made spans ---------------------------------------------------------


def test_plain_text_without_spans_is_escaped_paragraphs():
    out = article_html("Erste Zeile.\nZweite & letzte.", None)
    assert out == '<div class="hl-article"><p>Erste Zeile.</p>\n<p>Zweite &amp; letzte.</p></div>'


def test_nested_actor_in_quote_in_frame_sentence_is_well_formed_and_keeps_the_text():
    text = 'Lawrow sagte, „Moskau will Garantien“, dann ging er.'  # Lawrow=0:6, Moskau=15:21
    quote_start, quote_end = text.index("„"), text.index("“") + 1
    table = spans(
        ("frame", 0, len(text), "Frame: security_guarantees"),
        ("quote", quote_start, quote_end, "Direct quote, speaker: Lawrow"),
        ("actor", 0, 6, "Actor: lavrov"),
        ("actor", 15, 21, "Actor: russia"),
    )
    out = article_html(text, table)
    assert visible(out) == text
    assert marked(out, "frame") == [text]
    assert marked(out, "quote") == ["„Moskau will Garantien“"]
    assert marked(out, "actor") == ["Lawrow", "Moskau"]
    # nesting: the frame opens first, the actor mark sits inside the quote mark
    assert out.index("hl-frame") < out.index("hl-quote") < out.index('title="Actor: russia"')
    assert out.count("<mark") == out.count("</mark>") == 4


def test_crossing_spans_are_closed_and_reopened():
    # like seed 003: an indirect quote ending one character before the partial quote inside it
    text = "abcdefghij"
    table = spans(("quote", 0, 6, "indirect"), ("quote", 3, 8, "partial"), ("hedge", 5, 10, "hedge"))
    out = article_html(text, table)
    reader = read(out)
    assert "".join(reader.text) == text
    pieces = {}
    for mark in reader.marks:
        pieces.setdefault(mark["title"], []).append(mark["text"])
    assert "".join(pieces["indirect"]) == "abcdef"
    assert "".join(pieces["partial"]) == "defgh"
    assert "".join(pieces["hedge"]) == "fghij"


def test_span_across_a_newline_is_split_into_both_paragraphs():
    text = "eins zwei\ndrei vier"
    out = article_html(text, spans(("quote", 5, 14, "q")))
    assert visible(out) == text
    assert marked(out, "quote") == ["zwei", "drei"]
    assert out.count("<p>") == 2


def test_empty_lines_stay_newlines_and_the_visible_text_is_exact():
    text = "Titel\n\nAbsatz eins.\n"
    out = article_html(text, spans(("frame", 7, 19, "f")))
    assert visible(out) == text
    assert "<p></p>" not in out


def test_identical_spans_of_one_layer_are_drawn_once_with_both_titles():
    text = "Dialog und Sanktionen."
    out = article_html(text, spans(("frame", 0, 22, "Frame: diplomacy"), ("frame", 0, 22, "Frame: sanctions")))
    marks = read(out).marks
    assert len(marks) == 1
    assert marks[0]["title"] == "Frame: diplomacy\nFrame: sanctions"


def test_layers_selects_what_is_shown():
    text = "Moskau sagte nein."
    table = spans(("actor", 0, 6, "a"), ("frame", 0, 18, "f"))
    out = article_html(text, table, layers=["actor"])
    assert "hl-frame" not in out and marked(out, "actor") == ["Moskau"]
    assert "<mark" not in article_html(text, table, layers=[])
    with pytest.raises(ValueError, match="unknown highlight layer"):
        article_html(text, table, layers=["tone"])


def test_span_outside_the_text_is_an_error_not_a_silent_shift():
    with pytest.raises(ValueError, match="outside the text"):
        article_html("kurz", spans(("actor", 2, 9, "a")))


def test_zero_length_spans_are_skipped():
    out = article_html("abc", spans(("hedge", 1, 1, "h")))
    assert "<mark" not in out and visible(out) == "abc"


# --- escaping: the article is untrusted ------------------------------------------------------


XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.mark.parametrize("attack", XSS)
def test_markup_in_the_article_comes_out_as_visible_text(attack):
    text = f"Er schrieb {attack} und ging."
    start = text.index(attack)
    out = article_html(text, spans(("quote", start, start + len(attack), "q"), ("frame", 0, len(text), "f")))
    reader = read(out)
    assert "".join(reader.text) == text
    assert set(reader.tags) <= {"div", "p", "mark"}
    assert "<script" not in out and "<img" not in out
    assert html.escape(attack, quote=True) in out


def test_title_with_a_double_quote_stays_inside_its_attribute():
    title = 'Direct quote, speaker: x"><script>alert(1)</script>'
    out = article_html("Ein Satz.", spans(("quote", 0, 9, title)))
    reader = read(out)
    assert set(reader.tags) <= {"div", "p", "mark"}
    assert "<script" not in out
    assert reader.marks[0]["title"] == title  # the parser reads back exactly the title
    assert reader.marks[0]["text"] == "Ein Satz."


def test_untrusted_values_in_the_tables_are_escaped_in_titles():
    sentences = pd.DataFrame({"doc_id": ["a"], "sentence_id": [1], "start": [0], "end": [9]})
    quotes = pd.DataFrame([{
        "doc_id": "a", "sentence_id": 1, "kind": "direct", "quote": "x", "speaker": '"><img src=x onerror=alert(1)>',
        "actor_id": "", "side": "", "cue": "sagte", "start": 0, "end": 9, "cue_class": "neutral", "resolved_by": "none",
    }])
    table = article_spans("a", sentences=sentences, quotes=quotes)
    out = article_html("Ein Satz.", table)
    assert "<img" not in out
    assert read(out).marks[0]["title"].startswith('Direct quote, speaker: "><img')


# --- article_spans on hand-made tables -------------------------------------------------------


@pytest.fixture
def tables():
    text = "Titel\nLawrow sagte: „Die Nato soll angeblich drohen.“"
    #       Titel=0:5, sentence 2=6:53, Lawrow=6:12, „=20, Nato=25:29, angeblich=35:44, “=52
    sentences = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sentence_id": [1, 2, 1], "start": [0, 6, 0], "end": [5, 53, 3],
        "text": ["Titel", text[6:53], "xyz"],
    })
    frames = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"], "sentence_id": [0, 2, 2, 1], "frame": ["conflict", "conflict", "military_threat", "x"],
        "score": [1.0, 1.0, 2.0, 1.0], "matches": ["Krieg", "drohen", "Nato; drohen", "y"],
    })
    actors = pd.DataFrame({
        "doc_id": ["a", "a"], "sentence_id": [2, 2], "actor_id": ["lavrov", "nato"], "side": ["russia", "nato_west"],
        "surface": ["Lawrow", "Nato"], "start": [6, 25], "end": [12, 29], "type": ["person", "organisation"],
        "alias": ["lawrow", "nato"], "matched_by": ["name", "name"],
    })
    quotes = pd.DataFrame({
        "doc_id": ["a"], "sentence_id": [2], "kind": ["direct"], "quote": ["Die Nato soll angeblich drohen."],
        "speaker": ["Lawrow"], "actor_id": ["lavrov"], "side": ["russia"], "cue": ["sagte"], "start": [20], "end": [53],
        "cue_class": ["neutral"], "resolved_by": ["name"],
    })
    hedges = pd.DataFrame({
        "doc_id": ["a"], "sentence_id": [2], "kind": ["distancing"], "marker_id": ["angeblich"], "marker": ["angeblich"],
        "start": [35], "end": [44], "actor_id": [None], "side": [None], "actor_surface": [None], "concerns_by": ["none"],
    })
    return text, dict(sentences=sentences, frames=frames, actors=actors, quotes=quotes, hedges=hedges)


def test_article_spans_counts_and_offsets_by_hand(tables):
    text, kw = tables
    table = article_spans("a", **kw)
    assert list(table.columns) == SPAN_COLUMNS
    # 2 frames of sentence 2 (the title frame, sentence 0, is not in the text), 1 quote, 1 hedge, 2 actors
    assert table["layer"].value_counts().to_dict() == {"frame": 2, "actor": 2, "quote": 1, "hedge": 1}
    got = {(r.layer, r.label): text[r.start:r.end] for r in table.itertuples()}
    assert got == {
        ("frame", "conflict"): text[6:53],
        ("frame", "military_threat"): text[6:53],
        ("actor", "lavrov"): "Lawrow",
        ("actor", "nato"): "Nato",
        ("quote", "direct quote: Lawrow"): "„Die Nato soll angeblich drohen.“",
        ("hedge", "angeblich"): "angeblich",
    }
    assert table[["layer", "start"]].values.tolist() == [
        ["frame", 6], ["frame", 6], ["actor", 6], ["quote", 20], ["actor", 25], ["hedge", 35],
    ]


def test_article_spans_titles_say_what_and_why(tables):
    _, kw = tables
    table = article_spans("a", **kw).set_index("label")
    assert "Nato; drohen" in table.loc["military_threat", "title"]
    assert "score 2" in table.loc["military_threat", "title"]
    quote = table.loc["direct quote: Lawrow", "title"]
    assert "Lawrow" in quote and "sagte" in quote and "neutral" in quote
    assert "distancing" in table.loc["angeblich", "title"]
    assert "concerns no named actor" in table.loc["angeblich", "title"]
    assert table.loc["lavrov", "side"] == "russia"
    assert table.loc["angeblich", "side"] == ""  # missing → ""
    assert table.loc["conflict", "side"] == ""


def test_article_spans_skips_missing_layers_and_other_documents(tables):
    _, kw = tables
    only_actors = article_spans("a", sentences=kw["sentences"], actors=kw["actors"])
    assert set(only_actors["layer"]) == {"actor"}
    empty = article_spans("zzz", **kw)
    assert empty.empty and list(empty.columns) == SPAN_COLUMNS


def test_article_spans_into_html_nest_actor_hedge_in_quote_in_frame(tables):
    text, kw = tables
    out = article_html(text, article_spans("a", **kw))
    assert visible(out) == text
    assert marked(out, "quote") == ["„Die Nato soll angeblich drohen.“"]
    assert marked(out, "actor") == ["Lawrow", "Nato"]
    assert marked(out, "hedge") == ["angeblich"]
    assert marked(out, "frame") == [text[6:53]]  # two frames of one sentence: one mark


def test_frames_of_the_metadata_title_are_left_out(make_corpus):
    # no headline line in the text: frames() scores the metadata title as sentence 0, which has no offsets
    path = make_corpus(
        {"a": "Die Diplomatie beginnt. Dialog in Brüssel.\n"},
        metadata=[{"doc_id": "a", "outlet_id": "o1", "title": "Krieg und Dialog in Europa"}],
    )
    corpus = framing.load_corpus(path)
    frames = framing.frames(corpus)
    assert 0 in set(frames["sentence_id"])
    table = article_spans("a", sentences=framing.sentences(corpus), frames=frames)
    text = corpus.documents["text"].iloc[0]
    assert [text[r.start:r.end] for r in table.itertuples()] == ["Die Diplomatie beginnt.", "Dialog in Brüssel."]
    assert table["title"].str.contains("Krieg").sum() == 0


# --- the seed corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(seed_corpus):
    return dict(
        sentences=framing.sentences(seed_corpus), frames=framing.frames(seed_corpus),
        actors=framing.actors(seed_corpus), quotes=framing.quotes(seed_corpus), hedges=framing.hedges(seed_corpus),
    )


def test_seed_offsets_point_into_the_cleaned_text(seed_corpus, seed_tables):
    texts = dict(zip(seed_corpus.documents["doc_id"], seed_corpus.documents["text"]))
    for r in seed_tables["actors"].itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.surface
    for r in seed_tables["hedges"].itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.marker
    for r in seed_tables["quotes"].itertuples():
        assert r.quote in texts[r.doc_id][r.start:r.end]


@pytest.mark.parametrize("doc_id", [D003, "004_c8f623122158d84d"])
def test_seed_article_html_holds_every_span_and_the_exact_text(seed_corpus, seed_tables, doc_id):
    text = seed_corpus.documents.set_index("doc_id").loc[doc_id, "text"]
    table = article_spans(doc_id, **seed_tables)
    assert set(table["layer"]) == set(LAYERS)
    out = article_html(text, table)
    reader = read(out)
    assert "".join(reader.text) == text
    # every span's characters, and only those, sit inside a mark of its layer carrying its title
    for r in table.itertuples():
        def inside(pos):
            return any(
                f"hl-{r.layer}" in m["class"].split() and r.title in m["title"].split("\n") for m in reader.covered[pos]
            )
        assert all(inside(pos) for pos in range(r.start, r.end)), (r.layer, r.label)
        assert not (r.start > 0 and inside(r.start - 1)) or r.layer == "frame"  # frames of adjacent sentences
        assert not (r.end < len(text) and inside(r.end)) or r.layer == "frame"
    # every quote's words appear in the HTML, at its offsets, inside quote marks
    quotes = seed_tables["quotes"][seed_tables["quotes"]["doc_id"] == doc_id]
    assert len(quotes) >= 5
    shown = "".join(reader.text)
    for r in quotes.itertuples():
        assert r.quote in shown[r.start:r.end]
        assert all(any("hl-quote" in m["class"].split() for m in reader.covered[pos]) for pos in range(r.start, r.end))
    # every actor mention is one mark of its own
    actors = seed_tables["actors"][seed_tables["actors"]["doc_id"] == doc_id]
    assert sorted(marked(out, "actor")) == sorted(actors["surface"])


def test_seed_crossing_quotes_of_003_stay_well_formed(seed_corpus, seed_tables):
    text = seed_corpus.documents.set_index("doc_id").loc[D003, "text"]
    quotes = article_spans(D003, sentences=seed_tables["sentences"], quotes=seed_tables["quotes"])
    crossing = [
        (a.start, a.end, b.start, b.end)
        for a in quotes.itertuples() for b in quotes.itertuples()
        if a.start < b.start < a.end < b.end
    ]
    assert crossing  # the indirect clause ends one character before the partial quote's closing mark
    out = article_html(text, quotes)
    assert visible(out) == text
    assert "„Nichtstarter“" in "".join(marked(article_html(text, article_spans(D003, **seed_tables)), "hedge"))


# --- legend and CSS -----------------------------------------------------------------------------


def test_legend_explains_each_layer_with_its_class():
    out = legend_html()
    reader = read(out)
    assert [m["class"] for m in reader.marks] == [f"hl hl-{layer}" for layer in LAYERS]
    assert reader.text[1].strip().endswith(".")
    assert read(legend_html(["hedge"])).marks[0]["text"] == "hedge"


def test_css_styles_every_layer_with_a_cue_besides_colour():
    for layer, cue in [("frame", "background"), ("quote", "border"), ("actor", "underline"), ("hedge", "wavy")]:
        block = HIGHLIGHT_CSS.split(f"mark.hl-{layer}")[1].split("}")[0]
        assert cue in block
