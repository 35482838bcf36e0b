"""Cleaning: the seed corpus loses exactly its site chrome, and each rule feature does what boilerplate.yaml says."""

from __future__ import annotations

import textwrap

import pytest

from framing.cleaning import clean_text, load_rules, normalize_line
from framing.lexicons import LexiconError, lexicon_path

D000 = "000_7a732e72aede7217"
D001 = "001_995ea68080aadec1"
D002 = "002_0ff142102c34d304"
D003 = "003_3ab60e70d12de889"
D004 = "004_c8f623122158d84d"

# Every line of the seed files read by hand (`cat -n`); these, and only these, are chrome.
EXPECTED_DROPS = {
    # Nau.ch: the fixed label of its summary box; the three bullet points below it are kept.
    (D000, 2, "site_label"),
    # Epoch Times: photo caption with the "date 2022-01" scrape artefact and "Foto: … via Getty Images".
    (D001, 1, "photo_caption"),
    # CNN via aggregator: two photo captions inside the body ("(rechts) … (Mitte)", "links, … Mitte, … rechts,").
    (D002, 7, "photo_caption"),
    (D002, 18, "photo_caption"),
    # … and the aggregator footer: a lone "." and "source site-40".
    (D002, 24, "stray_punctuation"),
    (D002, 25, "aggregator_footer"),
    # EURACTIV via aggregator: the site suffix of the title is cut (action strip), then the footers.
    (D003, 1, "site_suffix"),
    (D003, 60, "aggregator_footer"),  # "source site"
    (D003, 62, "comment_widget"),  # "Leave a Reply"
    # SNA: account widget, image credit and captions, subscribe button, teasers, newsticker and chat widgets.
    (D004, 1, "registration_prompt"),  # "Registrierung erfolgreich abgeschlossen!"
    (D004, 2, "registration_prompt"),  # "Klicken Sie bitte den Link aus der E-Mail …"
    (D004, 6, "photo_credit"),  # "© AP Photo / Francisco Seco…"
    (D004, 7, "photo_caption"),  # "… - SNA, 1920, 12.01.2022"
    (D004, 8, "subscription_prompt"),  # "Abonnieren"
    (D004, 17, "photo_caption"),  # teaser image
    (D004, 18, "teaser"),  # "Peskow zu Nato-Treffen: …"
    (D004, 27, "photo_caption"),  # teaser image
    (D004, 28, "teaser"),  # "Gegen Russland und Putin persönlich: …"
    (D004, 29, "widget"),  # "Newsticker"
    (D004, 30, "widget"),  # "0"
    (D004, 31, "widget"),  # "Neueste obenÄlteste oben"
    (D004, 32, "widget"),  # "loader"
    (D004, 33, "widget"),  # "Live"
    (D004, 34, "widget"),  # "Заголовок открываемого материала"
    (D004, 35, "comment_widget"),  # "Um an der Diskussion teilzunehmen,"
    (D004, 36, "comment_widget"),  # "loggen Sie sich ein oder registrieren Sie sich"
    (D004, 37, "widget"),  # "loader"
    (D004, 38, "widget"),  # "Chats"
    (D004, 39, "widget"),  # "Заголовок открываемого материала"
}

# Lines that are not cut whole: line -> what stays of it.
EXPECTED_REMAINDERS = {(D003, 1): "NATO trifft Russland im Tauziehen um die Ukraine"}


def test_seed_cleaning_drops_exactly_the_chrome_lines(seed_corpus):
    cleaning = seed_corpus.cleaning
    assert list(cleaning.columns) == ["doc_id", "line_no", "text", "reason", "rule_id", "action"]
    found = set(zip(cleaning["doc_id"], cleaning["line_no"], cleaning["reason"]))
    assert found == EXPECTED_DROPS
    assert len(cleaning) == len(EXPECTED_DROPS)  # no line reported twice


def test_seed_cleaning_report_quotes_the_dropped_line_or_the_cut_span(seed_corpus):
    raw = {row.doc_id: row.raw_text.splitlines() for row in seed_corpus.documents.itertuples()}
    for row in seed_corpus.cleaning.itertuples():
        line = raw[row.doc_id][row.line_no - 1]
        if row.action == "drop":
            assert row.text == line.strip()
        else:
            assert (row.doc_id, row.line_no, row.action) == (D003, 1, "strip")
            assert row.text == "– EURACTIV.com"
            assert line.endswith(row.text)


def test_seed_teasers_are_dropped_by_the_teaser_rule_after_their_image(seed_corpus):
    teasers = seed_corpus.cleaning[seed_corpus.cleaning["reason"] == "teaser"]
    assert teasers["line_no"].tolist() == [18, 28]
    assert set(teasers["rule_id"]) == {"sna_teaser_headline"}


@pytest.mark.parametrize("doc_id", [D000, D001, D002, D003, D004])
def test_seed_cleaning_keeps_every_other_non_blank_line_in_order(seed_corpus, doc_id):
    row = seed_corpus.documents.set_index("doc_id").loc[doc_id]
    dropped = {line_no for d, line_no, _ in EXPECTED_DROPS if d == doc_id}
    expected = []
    for line_no, line in enumerate(row["raw_text"].splitlines(), start=1):
        if (doc_id, line_no) in EXPECTED_REMAINDERS:
            expected.append(EXPECTED_REMAINDERS[(doc_id, line_no)])
        elif line.strip() and line_no not in dropped:
            expected.append(line.strip())
    assert row["text"].split("\n") == expected


@pytest.mark.parametrize(
    "doc_id, line",
    [
        (D000, "Forderungen aus Nato-Sicht inakzpetabel"),
        (D004, "Nato will Kiew weiterhin unterstützen"),
        (D002, 'Der US-Botschafter bei der NATO sagt, dass die NATO und Russland "zum Dialog verpflichtet"  vor den Gesprächen Mittwoch'),
        (D000, "- In Brüssel treffen sich Vertreter Russlands und der Nato-Staaten zu Gesprächen."),
        (D001, "Der Nato-Russland-Rat war 2002 als regelmäßige Gesprächsplattform ins Leben gerufen worden. Nach der Annexion der Krim-Halbinsel durch Russland 2014 setzte die Nato die praktische Zusammenarbeit mit Moskau aus. Der Nato-Russland-Rat hatte 2019 letztmals getagt. (afp/dl)"),
        (D004, "Nato will mit Russland über Beschränkungen für Raketenwaffen in Europa diskutieren – Stoltenberg"),
        (D004, "Die Nato hat sich zudem für die Wiederaufnahme der Arbeit ihrer Vertretung in Moskau sowie der russischen Vertretung in Brüssel ausgesprochen."),
    ],
    ids=["subheading_000", "subheading_004", "unpunctuated_002_line_11", "bullet_000", "sign_off_001", "headline_004", "short_paragraph_004"],
)
def test_seed_cleaning_keeps_subheadings_and_short_body_lines(seed_corpus, doc_id, line):
    text = seed_corpus.documents.set_index("doc_id").loc[doc_id, "text"]
    assert line in text.split("\n")


def test_seed_headline_of_003_loses_only_its_site_suffix(seed_corpus):
    text = seed_corpus.documents.set_index("doc_id").loc[D003, "text"]
    assert text.split("\n")[0] == "NATO trifft Russland im Tauziehen um die Ukraine"
    assert "EURACTIV.com" not in text.split("\n")[0]
    assert "sagte gegenüber EURACTIV, dass" in text  # the outlet's name in the body stays


# --- rule features on tiny texts ---------------------------------------------------


def write_rules(tmp_path, body: str, name: str = "boilerplate.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def rules_from(tmp_path, body: str):
    return load_rules(write_rules(tmp_path, body))


CAPTION_AND_TEASER = """\
    rules:
      - id: caption
        reason: photo_caption
        pattern: 'Foto:'
        rationale: test
      - id: teaser
        reason: teaser
        follows: caption
        pattern: '[^.]$'
        rationale: test
    """


def test_follows_drops_a_line_only_right_after_a_line_dropped_by_the_named_rule(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    text, report = clean_text("Kopfzeile\nBild. Foto: AFP\nAnderer Artikel\nNoch ein Absatz ohne Punkt\n", rules)
    assert text == "Kopfzeile\nNoch ein Absatz ohne Punkt"
    assert [(line_no, reason) for line_no, _, reason, _, _ in report] == [(2, "photo_caption"), (3, "teaser")]


def test_follows_keeps_its_context_across_blank_lines(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    text, report = clean_text("Bild. Foto: AFP\n\n   \nAnderer Artikel\nAbsatz\n", rules)
    assert text == "Absatz"
    assert [(line_no, rule_id) for line_no, _, _, rule_id, _ in report] == [(1, "caption"), (4, "teaser")]


def test_follows_context_ends_at_a_kept_line(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    text, report = clean_text("Bild. Foto: AFP\nEin Satz.\nAbsatz ohne Punkt\n", rules)
    assert text == "Ein Satz.\nAbsatz ohne Punkt"
    assert [line_no for line_no, *_ in report] == [1]


def test_follows_does_not_chain_from_a_line_the_rule_itself_dropped(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    text, report = clean_text("Foto: AFP\nTeaser eins\nTeaser zwei\n", rules)
    assert text == "Teaser zwei"
    assert [rule_id for _, _, _, rule_id, _ in report] == ["caption", "teaser"]


def test_max_words_limits_a_rule_to_short_lines(tmp_path):
    rules = rules_from(tmp_path, """\
        rules:
          - id: short_unpunctuated
            reason: teaser
            max_words: 3
            pattern: '[^.]$'
            rationale: test
        """)
    text, report = clean_text("Drei Wörter hier\nVier Wörter sind hier\nZwei Wörter\n", rules)
    assert text == "Vier Wörter sind hier"
    assert [line_no for line_no, *_ in report] == [1, 3]


SUFFIX = """\
    rules:
      - id: caption
        reason: photo_caption
        pattern: '^Foto:'
        rationale: test
      - id: suffix
        reason: site_suffix
        action: strip
        first_line_only: true
        pattern: '\\s+–\\s+Site\\.com\\s*$'
        rationale: test
    """


def test_first_line_only_applies_to_the_first_line_only(tmp_path):
    rules = rules_from(tmp_path, SUFFIX)
    text, report = clean_text("Kopf – Site.com\nZitat – Site.com\n", rules)
    assert text == "Kopf\nZitat – Site.com"
    assert [(line_no, action) for line_no, _, _, _, action in report] == [(1, "strip")]


def test_first_line_only_means_the_first_kept_line(tmp_path):
    rules = rules_from(tmp_path, SUFFIX)
    text, report = clean_text("Foto: AFP\n\nKopf – Site.com\nText – Site.com\n", rules)
    assert text == "Kopf\nText – Site.com"
    assert [(line_no, rule_id) for line_no, _, _, rule_id, _ in report] == [(1, "caption"), (3, "suffix")]


def test_strip_cuts_only_the_matched_span_and_reports_the_span(tmp_path):
    rules = rules_from(tmp_path, SUFFIX)
    text, report = clean_text("NATO trifft Russland – Site.com\nText.\n", rules)
    assert text == "NATO trifft Russland\nText."
    assert report == [(1, "– Site.com", "site_suffix", "suffix", "strip")]


def test_strip_that_leaves_nothing_keeps_no_empty_line(tmp_path):
    rules = rules_from(tmp_path, """\
        rules:
          - id: bullet
            reason: stray_punctuation
            action: strip
            pattern: '^[•·]\\s*'
            rationale: test
        """)
    text, report = clean_text("• Erster Punkt\n•\nText.\n", rules)
    assert text == "Erster Punkt\nText."
    assert [(line_no, action) for line_no, _, _, _, action in report] == [(1, "strip"), (2, "strip")]


@pytest.mark.parametrize("first, reason", [("credit", "photo_credit"), ("caption", "photo_caption")])
def test_the_first_matching_rule_in_file_order_gives_the_reason(tmp_path, first, reason):
    entries = {
        "credit": "  - id: credit\n    reason: photo_credit\n    pattern: '^©'\n    rationale: test\n",
        "caption": "  - id: caption\n    reason: photo_caption\n    pattern: 'Foto'\n    rationale: test\n",
    }
    second = "caption" if first == "credit" else "credit"
    path = tmp_path / "boilerplate.yaml"
    path.write_text("rules:\n" + entries[first] + entries[second], encoding="utf-8")
    _, report = clean_text("© AP Foto\n", load_rules(path))
    assert [(r[2], r[3]) for r in report] == [(reason, first)]


def test_blank_and_whitespace_only_lines_are_not_reported(tmp_path):
    rules = rules_from(tmp_path, """\
        rules:
          - id: anything_short
            reason: widget
            pattern: '^\\W*$'
            rationale: test
        """)
    text, report = clean_text("Text.\n\n   \n\t\n\u00a0\n\u200b\nMehr.\n", rules)
    assert text == "Text.\nMehr."
    assert report == []


def test_line_numbers_follow_str_splitlines_with_crlf_line_ends(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    raw = "Kopf\r\n\r\nBild. Foto: AFP\r\nText.\r\n"
    text, report = clean_text(raw, rules)
    assert text == "Kopf\nText."
    assert [line_no for line_no, *_ in report] == [3]
    assert raw.splitlines()[3 - 1] == "Bild. Foto: AFP"


def test_line_numbers_count_a_blank_first_line(tmp_path):
    rules = rules_from(tmp_path, CAPTION_AND_TEASER)
    text, report = clean_text("\nBild. Foto: AFP\nText.\n", rules)
    assert text == "Text."
    assert [line_no for line_no, *_ in report] == [2]


def test_seed_style_caption_in_a_crlf_file_is_reported_at_its_line(make_corpus):
    import framing

    raw = "\r\nKopfzeile des Artikels\r\n\r\nAbonnieren\r\nEin Satz.\r\n"
    corpus = framing.load_corpus(make_corpus({"a": raw}))
    assert corpus.cleaning[["line_no", "reason"]].values.tolist() == [[4, "subscription_prompt"]]
    assert corpus.documents.loc[0, "text"] == "Kopfzeile des Artikels\nEin Satz."


def test_kept_lines_are_nfc_normalised_without_invisible_characters():
    assert normalize_line("  Gespra\u0308che\u00ad in Br\u00fc\u200bssel \u00a0") == "Gespräche in Brüssel"
    text, report = clean_text("Gespra\u0308che\nNa\u00adto\n", [])
    assert text == "Gespräche\nNato"
    assert report == []


def test_the_shipped_rule_file_loads_with_known_reasons():
    rules = load_rules(lexicon_path("boilerplate"))
    reasons = {
        "photo_caption", "photo_credit", "teaser", "registration_prompt", "subscription_prompt",
        "widget", "comment_widget", "aggregator_footer", "site_label", "site_notice", "stray_punctuation", "site_suffix",
    }
    assert {rule.reason for rule in rules} <= reasons
    assert len({rule.id for rule in rules}) == len(rules)


# --- malformed rule files --------------------------------------------------------


GOOD_RULE = """\
  - id: caption
    reason: photo_caption
    pattern: 'Foto:'
    rationale: test
"""


@pytest.mark.parametrize(
    "second_rule, complaint",
    [
        ("  - id: broken\n    reason: teaser\n    pattern: 'x'\n", "missing rationale"),
        ("  - id: broken\n    reason: teaser\n    rationale: test\n", "missing pattern"),
        ("  - id: caption\n    reason: teaser\n    pattern: 'x'\n    rationale: test\n", "used twice"),
        ("  - id: broken\n    reason: teaser\n    pattern: 'x'\n    action: cut\n    rationale: test\n", "action must be 'drop' or 'strip'"),
        ("  - id: broken\n    reason: teaser\n    pattern: 'x'\n    follows: later\n    rationale: test\n", "must be a rule defined above it"),
        ("  - id: broken\n    reason: teaser\n    pattern: '(unclosed'\n    rationale: test\n", "invalid pattern"),
    ],
    ids=["no_rationale", "no_pattern", "duplicate_id", "unknown_action", "follows_unknown_rule", "bad_regex"],
)
def test_a_malformed_rule_raises_lexicon_error_naming_file_and_rule(tmp_path, second_rule, complaint):
    path = tmp_path / "boilerplate.yaml"
    path.write_text("rules:\n" + GOOD_RULE + second_rule, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_rules(path)
    message = str(error.value)
    rule_id = "caption" if complaint == "used twice" else "broken"
    assert str(path) in message
    assert f"rule 2 ('{rule_id}')" in message
    assert complaint in message


@pytest.mark.parametrize(
    "second_rule",
    [
        "  - id: broken\n    reason: teaser\n    pattern: '\\w$'\n    max_words: many\n    rationale: test\n",
        "  - id: broken\n    reason: teaser\n    pattern: '\\w$'\n    first_line_only: maybe\n    rationale: test\n",
        # a misspelt `follows` would make this catch-all teaser pattern drop every body line
        "  - id: broken\n    reason: teaser\n    pattern: '\\w$'\n    folows: caption\n    rationale: test\n",
    ],
    ids=["max_words_not_an_integer", "first_line_only_not_a_boolean", "unknown_field_folows"],
)
def test_a_rule_with_an_invalid_field_value_or_unknown_field_raises_lexicon_error(tmp_path, second_rule):
    path = tmp_path / "boilerplate.yaml"
    path.write_text("rules:\n" + GOOD_RULE + second_rule, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_rules(path)
    assert str(path) in str(error.value)
    assert "rule 2" in str(error.value) and "broken" in str(error.value)


@pytest.mark.parametrize(
    "content, complaint",
    [
        ("rules: {caption: x}\n", "expected a list under 'rules'"),
        ("other: []\n", "expected a list under 'rules'"),
        ("- just a list\n", "expected a mapping at the top level"),
        ("rules:\n  - just text\n", "rule 1"),
        ("rules: [unclosed\n", "cannot read lexicon"),
    ],
    ids=["rules_not_a_list", "no_rules_key", "top_level_list", "rule_not_a_mapping", "yaml_syntax_error"],
)
def test_a_malformed_rule_file_raises_lexicon_error_naming_the_file(tmp_path, content, complaint):
    path = tmp_path / "boilerplate.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_rules(path)
    assert str(path) in str(error.value)
    assert complaint in str(error.value)


def test_a_corpus_with_its_own_malformed_rule_file_fails_to_load_naming_it(make_corpus):
    import framing

    path = make_corpus({"a": "Titel\nText.\n"})
    (path / "lexicons").mkdir()
    bad = path / "lexicons" / "boilerplate.yaml"
    bad.write_text("rules:\n  - id: x\n    reason: widget\n    pattern: 'y'\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing rationale") as error:
        framing.load_corpus(path)
    assert str(bad) in str(error.value)


def test_derstandards_withdrawn_text_notice_is_cut_and_the_teaser_kept():
    rules = load_rules(lexicon_path("boilerplate"))
    notice = "Der Volltext dieses auf Agenturmeldungen basierenden Artikels steht aus rechtlichen Gründen nicht mehr zur Verfügung."
    text, report = clean_text(f"Wien – Ein kurzer Teaser. {notice}\n", rules)
    assert text == "Wien – Ein kurzer Teaser."
    assert [(reason, action) for _, _, reason, _, action in report] == [("site_notice", "strip")]
