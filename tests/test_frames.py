"""News frames: lexicon validation, sentence scores (weights, compounds, phrases), the lead/body profile, the seed corpus, an unseen corpus."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import charts
from framing.corpus import Corpus
from framing.frames import FRAMES_COLUMNS, INDICATOR_COLUMNS, PROFILE_COLUMNS, SECTIONS, load_frame_lexicon
from framing.lexicons import DEFAULT_LEXICON_DIR, LexiconError

D000 = "000_7a732e72aede7217"  # Nau.ch
D001 = "001_995ea68080aadec1"  # Epoch Times (AFP copy)
D002 = "002_0ff142102c34d304"  # CNN via aggregator
D003 = "003_3ab60e70d12de889"  # EURACTIV via aggregator
D004 = "004_c8f623122158d84d"  # SNA

TINY_LEXICON = """\
frames:
  - id: talk
    label: Talk
    kind: issue
    source: a test
    rationale: a test
    indicators:
      - rationale: strong word
        lemmas: [Dialog]
        weight: 2
      - rationale: weak word
        lemmas: [Gespräch]
        weight: 0.5
      - rationale: a phrase
        phrases: ["am gleichen Tisch"]
  - id: fight
    label: Fight
    kind: generic
    source: a test
    rationale: a test
    indicators:
      - rationale: a word and its compounds
        lemmas: [Konflikt]
"""

# headline (3 words) | lead: 3 + 6 + 2 words | body: 2 + 5 words
TINY_TEXT = (
    "Dialog im Titel\n"
    "Der Dialog beginnt. Gespräche und Dialog am gleichen Tisch. Ein Ukraine-Konflikt. "
    "Nichts hier. Der Konflikt und der Dialog.\n"
)


@pytest.fixture
def frames_corpus(make_corpus):
    """Return a function that writes a corpus with its own frames.yaml and loads it."""

    def make(articles: dict[str, str], lexicon: str = TINY_LEXICON, **kwargs):
        path = make_corpus(articles, **kwargs)
        (path / "lexicons").mkdir(exist_ok=True)
        (path / "lexicons" / "frames.yaml").write_text(textwrap.dedent(lexicon), encoding="utf-8")
        return framing.load_corpus(path)

    return make


def cell(profile: pd.DataFrame, doc_id: str, section: str, frame: str) -> pd.Series:
    rows = profile[(profile["doc_id"] == doc_id) & (profile["section"] == section) & (profile["frame"] == frame)]
    assert len(rows) == 1
    return rows.iloc[0]


# --- tiny corpora counted by hand ----------------------------------------------------------


def test_sentence_scores_sum_the_weights_of_words_compounds_and_phrases(frames_corpus):
    table = framing.frames(frames_corpus({"a": TINY_TEXT}))
    assert list(table.columns) == FRAMES_COLUMNS
    got = {(s, f): (sc, n, m) for s, f, sc, n, m in
           zip(table["sentence_id"], table["frame"], table["score"], table["n_hits"], table["matches"])}
    assert got == {
        (1, "talk"): (2.0, 1, "Dialog"),
        (2, "talk"): (2.0, 1, "Dialog"),
        (3, "talk"): (3.5, 3, "Gespräche; Dialog; am gleichen Tisch"),  # 0.5 + 2 + 1 (default weight)
        (4, "fight"): (1.0, 1, "Ukraine-Konflikt"),  # compound head
        (6, "talk"): (2.0, 1, "Dialog"),
        (6, "fight"): (1.0, 1, "Konflikt"),  # one sentence, two frames
    }
    parts = dict(zip(table["sentence_id"], table["part"]))
    assert parts == {1: "headline", 2: "lead", 3: "lead", 4: "lead", 6: "body"}
    assert table.loc[table["sentence_id"] == 6, "in_lead"].eq(False).all()


def test_profile_splits_lead_and_body_and_normalises_per_1000_words(frames_corpus):
    profile = framing.frame_profile(frames_corpus({"a": TINY_TEXT}))
    assert list(profile.columns) == PROFILE_COLUMNS
    lead = cell(profile, "a", "lead", "talk")
    assert (lead.n_sentences, lead.n_frame_sentences, lead.n_hits, lead.score, lead.n_words) == (4, 3, 5, 7.5, 14)
    assert lead.share_sentences == pytest.approx(3 / 4)
    assert lead.hits_per_1000_words == pytest.approx(5 / 14 * 1000)
    assert lead.score_per_1000_words == pytest.approx(7.5 / 14 * 1000)
    body = cell(profile, "a", "body", "talk")
    assert (body.n_sentences, body.n_frame_sentences, body.n_hits, body.n_words) == (2, 1, 1, 7)
    whole = cell(profile, "a", "all", "fight")
    assert (whole.n_sentences, whole.n_frame_sentences, whole.n_hits, whole.n_words) == (6, 2, 2, 21)
    assert whole.hits_per_1000_words == pytest.approx(2 / 21 * 1000)


def test_profile_keeps_zero_rows_for_every_document_section_and_frame(frames_corpus):
    corpus = frames_corpus({"a": TINY_TEXT, "b": "Nichts davon\nEin Satz ohne Treffer.\n"})
    profile = framing.frame_profile(corpus)
    assert len(profile) == 2 * len(SECTIONS) * 2
    assert list(profile["section"].unique()) == ["lead", "body", "all"]
    empty = profile[profile["doc_id"] == "b"]
    assert (empty["n_hits"] == 0).all() and (empty["score"] == 0).all()
    assert cell(profile, "b", "lead", "talk").share_sentences == 0.0
    # "b" has no body: its share and rates are undefined, not zero
    body = cell(profile, "b", "body", "talk")
    assert body.n_sentences == 0 and np.isnan(body.share_sentences) and np.isnan(body.hits_per_1000_words)


def test_a_metadata_title_missing_from_the_text_is_scored_as_the_headline(frames_corpus):
    corpus = frames_corpus(
        {"t": "Erster Satz ohne Treffer. Zweiter Satz hier.\n"},
        metadata=[{"doc_id": "t", "outlet_id": "o1", "title": "Dialog über alles"}],
    )
    table = framing.frames(corpus)
    assert list(zip(table["sentence_id"], table["part"], table["in_lead"], table["frame"], table["matches"])) == [
        (0, "headline", True, "talk", "Dialog"),
    ]
    lead = cell(framing.frame_profile(corpus), "t", "lead", "talk")
    assert (lead.n_sentences, lead.n_frame_sentences, lead.n_words) == (3, 1, 3 + 7)
    assert framing.frames(corpus, title=False).empty
    assert cell(framing.frame_profile(corpus, title=False), "t", "lead", "talk").n_sentences == 2


def test_a_title_that_is_the_first_line_is_not_counted_twice(frames_corpus):
    corpus = frames_corpus(
        {"h": "Dialog über alles\nEin Satz.\n"},
        metadata=[{"doc_id": "h", "outlet_id": "o1", "title": "Dialog über alles"}],
    )
    table = framing.frames(corpus)
    assert list(zip(table["sentence_id"], table["part"])) == [(1, "headline")]


def test_a_word_counts_once_per_frame_and_the_phrase_wins(frames_corpus):
    lexicon = TINY_LEXICON.replace('phrases: ["am gleichen Tisch"]', 'phrases: ["Dialog am gleichen Tisch"]\n        weight: 3')
    table = framing.frames(frames_corpus({"a": "Kein Titel hier\nDialog am gleichen Tisch.\n"}, lexicon))
    assert list(zip(table["score"], table["n_hits"], table["matches"])) == [(3.0, 1, "Dialog am gleichen Tisch")]


def test_german_forms_swiss_spelling_and_hyphenated_compounds(frames_corpus):
    lexicon = TINY_LEXICON.replace("lemmas: [Konflikt]", "lemmas: [Konflikt, Grossteil]")
    text = "Kein Titel hier\nDer Nato-Russland-Konflikt. Ein Grossteil. Des Ukraine-Konflikts wegen.\n"
    table = framing.frames(frames_corpus({"a": text}, lexicon))
    assert table["matches"].tolist() == ["Nato-Russland-Konflikt", "Grossteil", "Ukraine-Konflikts"]


def test_frame_indicators_lists_each_group_with_weight_and_source(frames_corpus):
    table = framing.frame_indicators(frames_corpus({"a": TINY_TEXT}))
    assert list(table.columns) == INDICATOR_COLUMNS
    assert list(zip(table["frame"], table["indicator"], table["weight"])) == [
        ("talk", "i1", 2.0), ("talk", "i2", 0.5), ("talk", "i3", 1.0), ("fight", "i1", 1.0)]
    assert table.loc[0, "kind"] == "issue" and table.loc[0, "source"] == "a test"


# --- lexicon validation --------------------------------------------------------------------


@pytest.mark.parametrize("change, message", [
    (("kind: issue", "kind: topical"), "kind must be one of generic, issue"),
    (("    kind: issue\n", ""), "missing kind"),
    (("    source: a test\n    rationale: a test\n    indicators:\n      - rationale: strong word",
      "    indicators:\n      - rationale: strong word"), "missing source"),
    (("weight: 2", "weight: 0"), "weight must be a number above 0"),
    (("weight: 2", "weight: heavy"), "weight must be a number above 0"),
    (("      - rationale: weak word\n", "      - id: weak\n"), "missing rationale"),
    (("lemmas: [Gespräch]", "lemmas: [Dialog]"), "listed in group"),
    (('phrases: ["am gleichen Tisch"]', 'phrases: ["Tisch"]'), "is a single word"),
    (('phrases: ["am gleichen Tisch"]', 'phrases: ["am gleichen Tisch"]\n        colour: red'), "unknown field(s) colour"),
    (("lemmas: [Konflikt]", "lemmas: [Konflikt]\n        max_gap: 2"), "this indicator group lists none"),
    (("  - id: fight", "  - id: talk"), "frame id 'talk' is used twice"),
    (("frames:", "framez:"), "unknown top-level key"),
])
def test_malformed_frame_lexicons_raise_lexicon_errors_that_say_what_to_write(tmp_path, change, message):
    old, new = change
    assert old in TINY_LEXICON
    path = tmp_path / "frames.yaml"
    path.write_text(TINY_LEXICON.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=None) as error:
        load_frame_lexicon(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_a_corpus_with_a_broken_frames_yaml_fails_on_frames_only(frames_corpus):
    corpus = frames_corpus({"a": TINY_TEXT}, TINY_LEXICON.replace("kind: issue", "kind: nope"))
    with pytest.raises(LexiconError):
        framing.frames(corpus)
    assert len(framing.naming(corpus)) >= 0  # other analyses keep working


def test_shipped_lexicon_has_the_five_generic_and_six_issue_frames_with_sources():
    lexicon = load_frame_lexicon(DEFAULT_LEXICON_DIR / "frames.yaml")
    kinds = {f.id: f.kind for f in lexicon.frames}
    assert [f for f, k in kinds.items() if k == "generic"] == ["conflict", "responsibility", "economic", "human_interest", "morality"]
    assert [f for f, k in kinds.items() if k == "issue"] == [
        "diplomacy", "military_threat", "deterrence", "security_guarantees", "arms_control", "sanctions"]
    for frame in lexicon.frames:
        assert frame.source and frame.rationale and frame.description
        if frame.kind == "generic":
            assert "Semetko" in frame.source
    assert {w for f in lexicon.frames for w in f.weights} >= {0.5, 1.0, 1.5}


# --- the seed corpus: what a reader of the five articles recognises ---------------------------


@pytest.fixture(scope="module")
def seed_frames(seed_corpus):
    return framing.frames(seed_corpus)


@pytest.fixture(scope="module")
def seed_profile(seed_corpus):
    return framing.frame_profile(seed_corpus)


def values(profile: pd.DataFrame, section: str, frame: str, column: str) -> dict[str, float]:
    part = profile[(profile["section"] == section) & (profile["frame"] == frame)]
    return dict(zip(part["outlet_id"], part[column]))


def test_seed_sna_lead_is_about_dialogue(seed_profile, seed_frames):
    share = values(seed_profile, "lead", "diplomacy", "share_sentences")
    assert share["sna"] == 1.0 and share["sna"] == max(share.values())
    lead = seed_frames[(seed_frames["doc_id"] == D004) & seed_frames["in_lead"] & (seed_frames["frame"] == "diplomacy")]
    assert lead["matches"].str.contains("Dialog").sum() == 3  # "der Dialog ist … notwendig", "den Dialog weiterhin zu führen", "Dialog und Eindämmung"


def test_seed_sna_lead_also_carries_arms_control_and_deterrence(seed_profile):
    assert values(seed_profile, "lead", "arms_control", "n_hits")["sna"] == 2  # headline and lead: "Beschränkungen für Raketenwaffen"
    assert values(seed_profile, "lead", "deterrence", "n_hits")["sna"] == 1  # "Dialog und Eindämmung"


def test_seed_arms_control_is_euractiv_and_sna_only(seed_profile, seed_frames):
    hits = values(seed_profile, "all", "arms_control", "n_hits")
    assert hits["euractiv"] >= 5 and hits["sna"] >= 2
    assert hits["nau"] == hits["cnn"] == hits["epoch_times"] == 0
    euractiv = seed_frames[(seed_frames["doc_id"] == D003) & (seed_frames["frame"] == "arms_control")]
    assert euractiv["matches"].str.contains("Rüstungskontrolle").any()


def test_seed_military_threat_in_cnn_euractiv_and_nau(seed_frames):
    threat = seed_frames[seed_frames["frame"] == "military_threat"]
    words = threat.groupby("doc_id")["matches"].agg("; ".join)
    assert "Invasion" in words[D002] and "Soldaten" in words[D002]
    assert "Invasion" in words[D003] and "Truppen" in words[D003]
    assert "Einmarsch" in words[D000] and "Truppenaufmarsches" in words[D000]
    # CNN puts the threat in its lead ("Befürchtungen …, dass Russland eine Invasion … starten könnte")
    assert threat[(threat["doc_id"] == D002) & threat["in_lead"]]["matches"].str.contains("Invasion").any()


def test_seed_nau_lead_is_two_sides_holding_their_ground(seed_frames):
    row = seed_frames[(seed_frames["doc_id"] == D000) & (seed_frames["sentence_id"] == 4) & (seed_frames["frame"] == "conflict")]
    assert row["matches"].tolist() == ["Beide Seiten; beharren; Standpunkten"]


def test_seed_every_body_discusses_security_guarantees_and_none_economics_or_sanctions(seed_profile):
    assert all(n > 0 for n in values(seed_profile, "body", "security_guarantees", "n_hits").values())
    assert all(n == 0 for n in values(seed_profile, "all", "economic", "n_hits").values())
    assert all(n == 0 for n in values(seed_profile, "all", "sanctions", "n_hits").values())  # the SNA teaser is cleaned away


def test_seed_epoch_times_has_no_headline_so_its_lead_is_three_sentences(seed_profile, seed_frames):
    assert values(seed_profile, "lead", "conflict", "n_sentences")["epoch_times"] == 3
    assert not (seed_frames["sentence_id"] == 0).any()  # its title is its first sentence, already scored


# --- an unseen corpus of other German outlets ----------------------------------------------


def test_runs_on_200_unseen_derstandard_articles_held_in_memory(news_corpus):
    articles = news_corpus.load_articles()[:200]
    n = len(articles)
    documents = pd.DataFrame({
        "doc_id": [f"news_{i:03d}" for i in range(n)],
        "outlet_id": [category for category, _ in articles],
        # every other article gets a metadata title that is not in its text, as scraped articles often do
        "title": [f"{category}: Meldung {i}" if i % 2 else "" for i, (category, _) in enumerate(articles)],
        "title_source": ["metadata" if i % 2 else "first_line" for i in range(n)],
        "text": [text for _, text in articles],
    })
    corpus = Corpus(path=Path("no-such-corpus"), documents=documents, outlets=pd.DataFrame(),
                    events=pd.DataFrame(), cleaning=pd.DataFrame(), problems=pd.DataFrame())
    table = framing.frames(corpus)
    profile = framing.frame_profile(corpus)
    n_frames = len(framing.frame_indicators(corpus)["frame"].unique())
    assert len(profile) == n * 3 * n_frames
    assert profile["share_sentences"].dropna().between(0, 1).all()
    assert (table["score"] > 0).all() and table["part"].notna().all()
    assert set(table.loc[table["sentence_id"] == 0, "doc_id"]) <= set(documents.loc[documents["title_source"] == "metadata", "doc_id"])
    economy = profile[(profile["section"] == "all") & (profile["frame"] == "economic")]
    by_category = economy.groupby("outlet_id")["n_hits"].sum() / economy.groupby("outlet_id")["n_words"].sum()
    assert by_category.idxmax() in {"Wirtschaft", "Web", "Etat"}  # the economic frame belongs to the business desk
    charts.frame_profile(profile)
    charts.frame_profile_lead_body(profile)
