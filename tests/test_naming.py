"""Naming variants: lexicon loading and validation, lemma/compound/phrase/gap/regex matching, overlaps, the seed corpus."""

from __future__ import annotations

import textwrap
import unicodedata

import pandas as pd
import pytest

import framing
from framing.lexicons import LexiconError
from framing.naming import MATCH_COLUMNS, NAMING_COLUMNS, VARIANT_COLUMNS, load_naming_lexicon

D000 = "000_7a732e72aede7217"  # Nau.ch
D001 = "001_995ea68080aadec1"  # Epoch Times (AFP copy)
D002 = "002_0ff142102c34d304"  # CNN via aggregator
D003 = "003_3ab60e70d12de889"  # EURACTIV via aggregator
D004 = "004_c8f623122158d84d"  # SNA


@pytest.fixture
def lexicon_corpus(make_corpus):
    """Return a function that writes a corpus with its own naming.yaml and loads it."""

    def make(articles: dict[str, str], lexicon: str, **kwargs):
        path = make_corpus(articles, **kwargs)
        (path / "lexicons").mkdir(exist_ok=True)
        (path / "lexicons" / "naming.yaml").write_text(textwrap.dedent(lexicon), encoding="utf-8")
        return framing.load_corpus(path)

    return make


def counts(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Return {(doc_id, variant): n} of a naming table."""
    return {(d, v): int(n) for d, v, n in zip(table["doc_id"], table["variant"], table["n"])}


def surfaces(matches: pd.DataFrame, variant: str) -> list[str]:
    return matches.loc[matches["variant"] == variant, "surface"].tolist()


# --- the seed corpus: the checks of the issue ---------------------------------------------


@pytest.fixture(scope="module")
def seed_naming(seed_corpus):
    return framing.naming(seed_corpus)


@pytest.fixture(scope="module")
def seed_matches(seed_corpus):
    return framing.naming_matches(seed_corpus)


def seed_n(table: pd.DataFrame, variant: str) -> dict[str, int]:
    part = table[table["variant"] == variant]
    return dict(zip(part["doc_id"], part["n"].astype(int)))


def test_seed_ukraine_konflikt_counts_for_konflikt_in_nau_and_epoch_times(seed_matches, seed_naming):
    hits = seed_matches[seed_matches["surface"].str.startswith("Ukraine-Konflikt")]
    assert list(zip(hits["doc_id"], hits["surface"], hits["variant"], hits["matched_by"])) == [
        (D000, "Ukraine-Konflikt", "konflikt", "compound"),  # bullet: "Thema ist der Ukraine-Konflikt"
        (D001, "Ukraine-Konflikts", "konflikt", "compound"),  # "Vor dem Hintergrund des Ukraine-Konflikts"
        (D001, "Ukraine-Konflikt", "konflikt", "compound"),  # "über den Ukraine-Konflikt"
    ]
    # 001 also has "in dem Konflikt"; 003 "Konflikte", 004 "bewaffneten Konflikt"
    assert seed_n(seed_naming, "konflikt") == {D000: 1, D001: 3, D003: 1, D004: 1}


def test_seed_ukraine_krise_in_the_cnn_headline(seed_matches, seed_naming):
    hits = seed_matches[seed_matches["surface"] == "Ukraine-Krise"]
    assert list(zip(hits["doc_id"], hits["variant"], hits["sentence_id"])) == [(D002, "krise", 1)]
    assert seed_n(seed_naming, "krise") == {D002: 1, D003: 1}  # 003: "diese Krise ausgelöst"


def test_seed_invasion_in_cnn_and_euractiv(seed_naming):
    assert seed_n(seed_naming, "invasion") == {D002: 1, D003: 1}


def test_seed_einmarsch_in_nau(seed_naming):
    assert seed_n(seed_naming, "einmarsch") == {D000: 1}


def test_seed_angebliche_aggressionen_in_sna_count_once_as_qualified_naming(seed_matches, seed_naming):
    assert surfaces(seed_matches, "angebliche_aggression") == ["angebliche russische Aggressionen"]
    assert seed_n(seed_naming, "angebliche_aggression") == {D004: 1}
    assert seed_n(seed_naming, "aggression") == {}  # not also counted as plain Aggression


def test_seed_compounds_and_exclusions(seed_matches, seed_naming):
    # 000 "Truppenaufmarsches": the exact lemma Truppenaufmarsch wins over the head Aufmarsch
    assert seed_n(seed_naming, "truppenaufmarsch") == {D000: 1}
    assert seed_n(seed_naming, "aufmarsch") == {D003: 1}
    # 003 "Truppenabzügen" is no Truppe (head Abzug); "Cyberangriffe" is excluded from Angriff
    assert "Truppenabzügen" not in seed_matches["surface"].tolist()
    assert seed_n(seed_naming, "angriff") == {}
    # 001 "Osterweiterung" counts once, as osterweiterung; 003 "NATO-Erweiterung" as erweiterung
    assert seed_n(seed_naming, "osterweiterung") == {D001: 1}
    assert surfaces(seed_matches, "erweiterung") == ["Erweiterung", "NATO-Erweiterung"]
    # 004 "Kriegsgefahr" is a Gefahr, not a Krieg
    assert seed_n(seed_naming, "krieg") == {D000: 1}


def test_seed_phrases_with_and_without_gap(seed_matches):
    # 000 writes "Ausdehnung nach Ostenu" (a typo that lemmas.yaml corrects); 004 has a gap of 2
    assert surfaces(seed_matches, "ausdehnung_nach_osten") == ["Ausdehnung nach Ostenu", "Ausdehnung der Nato nach Osten"]
    assert surfaces(seed_matches, "expansion_nach_osten") == ["nach Osten expandiert"]  # 002
    tuer = seed_matches[seed_matches["variant"] == "politik_der_offenen_tuer"]
    assert tuer["doc_id"].value_counts().to_dict() == {D003: 3, D004: 1}


def test_seed_matches_link_to_their_text_and_sentence(seed_corpus, seed_matches):
    texts = seed_corpus.documents.set_index("doc_id")["text"]
    assert list(seed_matches.columns) == MATCH_COLUMNS
    for doc_id, start, end, surface in zip(seed_matches["doc_id"], seed_matches["start"], seed_matches["end"], seed_matches["surface"]):
        assert texts[doc_id][start:end] == surface
    sentences = framing.sentences(seed_corpus)
    joined = seed_matches.merge(sentences, on=["doc_id", "sentence_id"], suffixes=("", "_sentence"))
    assert len(joined) == len(seed_matches)
    assert ((joined["start_sentence"] <= joined["start"]) & (joined["end"] <= joined["end_sentence"])).all()


def test_seed_outlet_ids_come_from_the_documents(seed_naming):
    outlets = dict(zip(seed_naming["doc_id"], seed_naming["outlet_id"]))
    assert outlets == {D000: "nau", D001: "epoch_times", D002: "cnn", D003: "euractiv", D004: "sna"}


def test_complete_adds_a_zero_row_for_every_concept_variant_and_document(seed_corpus, seed_naming):
    full = framing.naming(seed_corpus, complete=True)
    variants = framing.naming_variants(seed_corpus)
    n_variants = int((~variants["ignore"]).sum())  # idioms marked ignore are never counted
    assert list(full.columns) == NAMING_COLUMNS
    assert len(full) == n_variants * 5
    assert full["n"].sum() == seed_naming["n"].sum()
    assert (full["n"] == 0).sum() == len(full) - len(seed_naming)
    assert full[["concept", "variant", "doc_id"]].duplicated().sum() == 0


def test_shipped_lexicon_is_valid_and_every_entry_has_a_rationale(seed_corpus):
    table = framing.naming_variants(seed_corpus)
    assert list(table.columns) == VARIANT_COLUMNS
    assert {"situation", "military_moves", "feared_action", "nato_enlargement", "russian_demands"} <= set(table["concept"])
    assert table["rationale"].str.len().min() > 20
    lexicon = load_naming_lexicon(seed_corpus.lexicon("naming"))
    assert all(concept.rationale for concept in lexicon.concepts)


# --- matching on tiny corpora ------------------------------------------------------------

KONFLIKT = """
concepts:
  - id: situation
    label: situation
    rationale: test
    variants:
      - id: konflikt
        label: Konflikt
        lemmas: [konflikt]
        rationale: test
      - id: lage
        label: Lage
        lemmas: [Lage]
        exclude: [Grundlage]
        rationale: test
"""


def test_compound_heads_count_but_modifiers_do_not(lexicon_corpus):
    corpus = lexicon_corpus(
        {"a": "Der Ukraine-Konflikt, ein Grenzkonflikt und KONFLIKT. Ein Konfliktforscher sprach über Konflikte."},
        KONFLIKT,
    )
    matches = framing.naming_matches(corpus)
    assert surfaces(matches, "konflikt") == ["Ukraine-Konflikt", "Grenzkonflikt", "KONFLIKT", "Konflikte"]
    assert matches["matched_by"].tolist() == ["compound", "compound", "lemma", "lemma"]


def test_short_modifier_and_excluded_false_compounds_do_not_count(lexicon_corpus):
    corpus = lexicon_corpus(
        {"a": "Die Lage ist ernst. Die Anlage ist alt. Die Sicherheitslage, die Grundlage und die Lebensgrundlage."},
        KONFLIKT,
    )
    # "Anlage": "An" is shorter than compound_min_modifier (3); Grundlage is excluded, and so is
    # Lebensgrundlage, whose head is the excluded Grundlage
    assert surfaces(framing.naming_matches(corpus), "lage") == ["Lage", "Sicherheitslage"]


def test_exclude_covers_every_word_ending_in_the_excluded_one(lexicon_corpus):
    lexicon = KONFLIKT.replace("exclude: [Grundlage]", "exclude: [Klage]")
    corpus = lexicon_corpus({"a": "Die Anklage, die Sammelklage und die Notlage."}, lexicon)
    # "Anklage" ends in Klage although "An" is shorter than the minimum modifier
    assert surfaces(framing.naming_matches(corpus), "lage") == ["Notlage"]


IDIOM = KONFLIKT + """\
      - id: in_der_lage_idiom
        label: in der Lage sein
        phrases: ["in der Lage", "in die Lage"]
        ignore: true
        rationale: test
"""


def test_ignored_idiom_takes_its_word_away_and_is_counted_nowhere(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Russland ist in der Lage, das zu tun. Die Lage ist ernst. Das versetzt ihn in die Lage."}, IDIOM)
    matches = framing.naming_matches(corpus)
    assert list(zip(matches["variant"], matches["sentence_id"])) == [("lage", 2)]
    assert framing.naming(corpus, complete=True)["variant"].unique().tolist() == ["konflikt", "lage"]
    assert framing.naming_variants(corpus)["ignore"].tolist() == [False, False, True]


def test_compounds_false_matches_the_listed_lemma_only(lexicon_corpus):
    lexicon = KONFLIKT.replace("lemmas: [konflikt]", "lemmas: [konflikt]\n        compounds: false")
    corpus = lexicon_corpus({"a": "Der Ukraine-Konflikt ist ein Konflikt."}, lexicon)
    assert surfaces(framing.naming_matches(corpus), "konflikt") == ["Konflikt"]


def test_compound_min_modifier_is_read_from_the_lexicon(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Die Anlage und die Lage."}, "compound_min_modifier: 2\n" + KONFLIKT)
    assert surfaces(framing.naming_matches(corpus), "lage") == ["Anlage", "Lage"]


def test_lexicon_words_in_decomposed_unicode_match_umlauts(lexicon_corpus):
    lexicon = KONFLIKT.replace("lemmas: [konflikt]", f"lemmas: [{unicodedata.normalize('NFD', 'Aufrüstung')}]")
    corpus = lexicon_corpus({"a": "Die militärische Aufrüstung Moskaus und die Nachaufrüstung."}, lexicon)
    assert surfaces(framing.naming_matches(corpus), "konflikt") == ["Aufrüstung", "Nachaufrüstung"]


AGGRESSION = """
concepts:
  - id: action
    label: action
    rationale: test
    variants:
      - id: aggression
        label: Aggression
        lemmas: [Aggression]
        rationale: test
      - id: angebliche_aggression
        label: angebliche Aggression
        phrases: ["angeblich Aggression"]
        max_gap: 2
        rationale: test
  - id: actor
    label: who acts
    rationale: test
    variants:
      - id: aggression_as_actor
        label: Aggression
        lemmas: [Aggression]
        rationale: a second concept counts the same word independently
"""


def test_gap_phrase_wins_over_the_lemma_inside_it(lexicon_corpus):
    corpus = lexicon_corpus({"a": (
        "Sie wollen angebliche russische Aggressionen abschrecken. "
        "Es gab angebliche Aggressionen. "
        "Es gab angebliche neue harte russische Aggressionen. "  # three words between: too far for max_gap 2
        "Und Aggressionen."
    )}, AGGRESSION)
    matches = framing.naming_matches(corpus)
    action = matches[matches["concept"] == "action"]
    assert list(zip(action["variant"], action["surface"])) == [
        ("angebliche_aggression", "angebliche russische Aggressionen"),
        ("angebliche_aggression", "angebliche Aggressionen"),
        ("aggression", "Aggressionen"),
        ("aggression", "Aggressionen"),
    ]
    # the other concept counts every Aggression, untouched by the first concept's phrase
    assert counts(framing.naming(corpus)) == {("a", "aggression"): 2, ("a", "angebliche_aggression"): 2, ("a", "aggression_as_actor"): 4}


def test_phrase_does_not_cross_a_sentence_end(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Das war angeblich. Aggressionen gab es."}, AGGRESSION)
    matches = framing.naming_matches(corpus)
    assert matches.loc[matches["concept"] == "action", "variant"].tolist() == ["aggression"]


TUER = """
concepts:
  - id: enlargement
    label: enlargement
    rationale: test
    variants:
      - id: offene_tuer
        label: Politik der offenen Tür
        phrases: ["Politik der offenen Tür"]
        rationale: test
      - id: tuer
        label: Tür
        lemmas: [Tür]
        rationale: test
"""


def test_phrase_matches_lemmas_or_surface_and_skips_punctuation(lexicon_corpus):
    corpus = lexicon_corpus({"a": (
        "Die „Politik der offenen Tür“ gilt. Die Politik der offenen Türen gilt. "
        "Die Politik, der offenen Tür treu, gilt. Eine Tür."
    )}, TUER)
    matches = framing.naming_matches(corpus)
    assert list(zip(matches["variant"], matches["surface"])) == [
        ("offene_tuer", "Politik der offenen Tür"),
        ("offene_tuer", "Politik der offenen Türen"),
        ("offene_tuer", "Politik, der offenen Tür"),
        ("tuer", "Tür"),
    ]


AUFMARSCH = """
concepts:
  - id: moves
    label: moves
    rationale: test
    variants:
      - id: aufmarsch
        label: Aufmarsch
        lemmas: [Aufmarsch]
        rationale: listed first, still loses to the longer entry
      - id: truppenaufmarsch
        label: Truppenaufmarsch
        lemmas: [Truppenaufmarsch]
        rationale: test
      - id: soldaten
        label: Soldaten
        lemmas: [Soldat]
        rationale: test
      - id: zahl_soldaten
        label: 100.000 Soldaten
        regex: ["100[.'’]000 Soldaten"]
        rationale: the number written in German and Swiss style
"""


def test_longer_lexicon_entry_wins_for_one_token(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Der Truppenaufmarsch, der Militäraufmarsch und der Aufmarsch."}, AUFMARSCH)
    matches = framing.naming_matches(corpus)
    assert list(zip(matches["variant"], matches["surface"])) == [
        ("truppenaufmarsch", "Truppenaufmarsch"), ("aufmarsch", "Militäraufmarsch"), ("aufmarsch", "Aufmarsch"),
    ]


def test_regex_matches_swiss_and_german_numbers_and_wins_over_the_word_inside(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Rund 100'000 Soldaten stehen dort. 100.000 Soldaten, sagt die Nato. Soldaten."}, AUFMARSCH)
    matches = framing.naming_matches(corpus)
    assert list(zip(matches["variant"], matches["surface"], matches["matched_by"], matches["sentence_id"])) == [
        ("zahl_soldaten", "100'000 Soldaten", "regex", 1),
        ("zahl_soldaten", "100.000 Soldaten", "regex", 2),
        ("soldaten", "Soldaten", "lemma", 3),
    ]


def test_counts_per_document_with_outlets_and_zero_rows(lexicon_corpus):
    corpus = lexicon_corpus(
        {"a": "Die Lage und die Lage.", "b": "Ein Konflikt.", "c": "Nichts davon."},
        KONFLIKT,
        metadata=[{"doc_id": "a", "outlet_id": "o1"}, {"doc_id": "b", "outlet_id": "o2"}, {"doc_id": "c", "outlet_id": "o1"}],
        outlets=[{"outlet_id": "o1", "name": "Eins"}, {"outlet_id": "o2", "name": "Zwei"}],
    )
    table = framing.naming(corpus)
    assert table.to_dict("records") == [
        {"concept": "situation", "variant": "konflikt", "doc_id": "b", "outlet_id": "o2", "n": 1},
        {"concept": "situation", "variant": "lage", "doc_id": "a", "outlet_id": "o1", "n": 2},
    ]
    full = framing.naming(corpus, complete=True)
    assert list(zip(full["variant"], full["doc_id"], full["n"])) == [
        ("konflikt", "a", 0), ("konflikt", "b", 1), ("konflikt", "c", 0),
        ("lage", "a", 2), ("lage", "b", 0), ("lage", "c", 0),
    ]


def test_no_match_gives_empty_tables_with_the_columns(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Nichts davon."}, KONFLIKT)
    assert framing.naming(corpus).empty and list(framing.naming(corpus).columns) == NAMING_COLUMNS
    assert framing.naming_matches(corpus).empty and list(framing.naming_matches(corpus).columns) == MATCH_COLUMNS
    assert framing.naming(corpus, complete=True)["n"].tolist() == [0, 0]


def test_corpus_with_its_own_naming_lexicon_overrides_the_shipped_one(lexicon_corpus, make_corpus):
    own = lexicon_corpus({"a": "Der Ukraine-Konflikt und die Invasion."}, KONFLIKT)
    assert set(framing.naming_variants(own)["concept"]) == {"situation"}
    assert counts(framing.naming(own)) == {("a", "konflikt"): 1}
    shipped = framing.load_corpus(make_corpus({"a": "Der Ukraine-Konflikt und die Invasion."}, folder="other"))
    assert counts(framing.naming(shipped)) == {("a", "konflikt"): 1, ("a", "invasion"): 1}


# --- malformed lexicons ----------------------------------------------------------------

VARIANT = "      - id: v\n        label: V\n        rationale: r\n"


def concept(variant_lines: str = VARIANT, head: str = "  - id: c\n    label: C\n    rationale: r\n") -> str:
    return "concepts:\n" + head + "    variants:\n" + variant_lines


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("concepts: []\n", "non-empty list under 'concepts'"),
        ("concept: []\n", "unknown top-level key(s) concept"),
        ("compound_min_modifier: 0\n" + concept(VARIANT + "        lemmas: [X]\n"), "compound_min_modifier must be"),
        (concept(VARIANT + "        lemmas: [X]\n", head="  - id: c\n    label: C\n"), "concept 1 (c): missing rationale"),
        (concept(VARIANT + "        lemmas: [X]\n", head="  - id: C-1\n    label: C\n    rationale: r\n"), "may hold only lower-case"),
        (concept(VARIANT), "concept 1 (c), variant 1 (v): give at least one of lemmas"),
        (concept("      - id: v\n        label: V\n        lemmas: [X]\n"), "variant 1 (v): missing rationale"),
        (concept(VARIANT + "        lemmas: X\n"), "lemmas must be a non-empty list"),
        (concept(VARIANT + "        lemmas: [Ausdehnung nach Osten]\n"), "list word sequences under phrases"),
        (concept(VARIANT + "        lemmas: [123]\n"), "is not a word"),
        (concept(VARIANT + "        phrases: [Osterweiterung]\n"), "is a single word; list it under lemmas"),
        (concept(VARIANT + "        phrases: [a b]\n        max_gap: -1\n"), "max_gap must be a whole number"),
        (concept(VARIANT + "        lemmas: [X]\n        max_gap: 2\n"), "max_gap applies to phrases"),
        (concept(VARIANT + "        phrases: [a b]\n        exclude: [Y]\n"), "exclude applies to lemmas"),
        (concept(VARIANT + "        regex: '(unclosed'\n"), "invalid regex '(unclosed'"),
        (concept(VARIANT + "        regex: 'x*'\n"), "matches empty text"),
        (concept(VARIANT + "        lemmas: [X]\n        compounds: maybe\n"), "compounds must be true or false"),
        (concept(VARIANT + "        lemmas: [X]\n        ignore: 1\n"), "ignore must be true or false"),
        (concept(VARIANT + "        lemmas: [X]\n        ignore: true\n"), "concept 1 (c): every variant has ignore: true"),
        (concept(VARIANT + "        lemmas: [X]\n        lemma: [Y]\n"), "unknown field(s) lemma"),
        (concept(VARIANT + "        lemmas: [X]\n" + VARIANT + "        lemmas: [Y]\n"), "variant 2 (v): the variant id 'v' is used twice"),
        (concept(VARIANT + "        lemmas: [X]\n" + VARIANT.replace("id: v", "id: w") + "        lemmas: [x]\n"),
         "variant 2 (w): the lemma 'x' is listed in variant 'v' too"),
    ],
    ids=[
        "no_concepts", "unknown_top_key", "min_modifier_zero", "concept_without_rationale", "bad_concept_id",
        "variant_without_words", "variant_without_rationale", "lemmas_not_a_list", "lemma_with_spaces",
        "lemma_not_text", "one_word_phrase", "negative_gap", "gap_without_phrases", "exclude_without_lemmas",
        "invalid_regex", "regex_matching_nothing", "compounds_not_bool", "ignore_not_bool", "only_ignored_variants",
        "unknown_variant_field",
        "duplicate_variant_id", "lemma_in_two_variants",
    ],
)
def test_malformed_lexicon_raises_lexicon_error_naming_file_and_entry(tmp_path, text, message):
    path = tmp_path / "naming.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_naming_lexicon(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_malformed_corpus_lexicon_stops_naming_with_the_error(lexicon_corpus):
    corpus = lexicon_corpus({"a": "Ein Konflikt."}, concept(VARIANT))
    with pytest.raises(LexiconError, match="give at least one of lemmas"):
        framing.naming(corpus)
