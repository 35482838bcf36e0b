"""Text reuse and agency credits: normalisation, shingles, MinHash/LSH, alignment, the seed corpus."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

import framing
from framing.agencies import AGENCY_COLUMNS, find_agencies, load_agency_lexicon
from framing.lexicons import DEFAULT_LEXICON_DIR

R = importlib.import_module("framing.reuse")   # the module (framing.reuse is the function)

NAU, EPOCH, CNN, EURACTIV, SNA = (
    "000_7a732e72aede7217", "001_995ea68080aadec1", "002_0ff142102c34d304",
    "003_3ab60e70d12de889", "004_c8f623122158d84d",
)

# --- normalisation and shingles --------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Außenminister", "Aussenminister"),          # ß / ss (Swiss spelling)
    ("STRASSE", "Straße"),                        # case, ß
    ("100'000", "100.000"),                       # Swiss and German thousands
    ("100’000", "100\u202f000"),                  # typographic apostrophe, narrow no-break space
    ("Vize-Außenminister", "Vizeaussenminister"),  # hyphenated and closed compound
    ("NATO-Russland-Rat", "Nato–Russland–Rat"),   # case, en dash inside a compound
    ("Verteidi\u00adgungsminister", "Verteidigungsminister"),  # soft hyphen
])
def test_normalisation_makes_editorial_variants_equal(a, b):
    assert R.normalize_word(a) == R.normalize_word(b)


@pytest.mark.parametrize("a, b", [
    ("Grossteil", "Großteile"),      # a different word stays different
    ("100.000", "100.001"),
    ("Gespräche", "Gesprache"),      # umlauts are kept
])
def test_normalisation_keeps_different_words_apart(a, b):
    assert R.normalize_word(a) != R.normalize_word(b)


def test_words_keep_grouped_numbers_whole_and_join_a_word_broken_at_a_line_end():
    text = "Rund 100 000 Soldaten, 2,5 Prozent; Außen-\nminister um 10.00 Uhr."
    words = R.reuse_words(text)
    assert [w for _, _, w in words] == ["rund", "100000", "soldaten", "2", "5", "prozent", "aussenminister",
                                        "um", "10", "00", "uhr"]
    start, end, _ = words[6]
    assert text[start:end] == "Außen-\nminister"


def test_a_year_before_a_number_is_not_taken_for_a_thousands_group():
    assert [w for _, _, w in R.reuse_words("seit 2019 100 Soldaten")] == ["seit", "2019", "100", "soldaten"]


def test_shingles_are_every_run_of_k_words():
    words = "a b c d e f g".split()
    assert R.shingles(words, k=5) == [tuple("abcde"), tuple("bcdef"), tuple("cdefg")]
    assert R.shingles(words[:4], k=5) == []


def test_minhash_values_are_datasketchs_affine32_minhash():
    items = [3, 17, 2**31 + 5, 4_000_000_000]
    reference = MinHash(num_perm=32, seed=1, scheme="affine32", hashfunc=lambda x: x)
    reference.update_batch(items)
    ours = R.minhash_values(np.array(items, dtype=np.uint32)).min(axis=0)
    assert np.array_equal(ours, reference.hashvalues)


def test_numpy_banding_proposes_the_same_pairs_as_datasketch_minhashlsh(seed_corpus):
    index = R._build_index(seed_corpus.documents)
    win_doc, _, sig = R._window_signatures(index, R.SHINGLE_WORDS)
    lsh = MinHashLSH(threshold=R.LSH_THRESHOLD, num_perm=R.NUM_PERM)
    sketches = [LeanMinHash(seed=R.SEED, hashvalues=s, scheme="affine32") for s in sig]
    for w, sketch in enumerate(sketches):
        lsh.insert(w, sketch)
    expected = set()
    for w, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            a, b = sorted((int(win_doc[w]), int(win_doc[other])))
            if a != b:
                expected.add((a, b))
    ours = {tuple(p) for p in R._candidate_pairs(index, R.SHINGLE_WORDS, R.LSH_THRESHOLD, same_outlet=True).tolist()}
    assert ours == expected
    assert (0, 4) in ours        # Nau.ch and SNA


# --- alignment on tiny hand-made texts --------------------------------------------------------

AGENCY = ("Für die russische Regierung nahm unter anderem Vize-Außenminister Alexander Gruschko "
          "an dem Treffen im Nato-Hauptquartier teil. Die Nato-Staaten wurden von ihren Botschaftern "
          "beim Militärbündnis oder von Vertretern aus den Hauptstädten repräsentiert. "
          "Russland hat rund 100.000 Soldaten an der Grenze.")
REWORDED = ("Für die russische Regierung nahm unter anderem Vizeaussenminister Alexander Gruschko "
            "an dem Treffen im Nato-Hauptquartier teil. Die Nato-Staaten werden von ihren Botschaftern "
            "beim Militärbündnis oder von Vertretern aus den Hauptstädten repräsentiert. "
            "Russland hat rund 100'000 Soldaten an der Grenze.")
INTRO_A = "Ein ganz anderer Anfang über Wetter und Sport steht hier.\n"
INTRO_B = "Die Zeitung beginnt mit einem eigenen Satz zur Lage in Genf.\n"


def tiny(make_corpus, articles: dict[str, str], outlets: dict[str, str]):
    path = make_corpus(
        articles,
        metadata=[{"doc_id": d, "outlet_id": outlets[d]} for d in articles],
        outlets=[{"outlet_id": o, "name": o.upper()} for o in sorted(set(outlets.values()))],
    )
    return framing.load_corpus(path)


def test_a_reworded_agency_paragraph_is_found_with_its_offsets(make_corpus):
    corpus = tiny(make_corpus, {"a": INTRO_A + AGENCY + "\n", "b": INTRO_B + REWORDED + "\n"}, {"a": "x", "b": "y"})
    table = framing.reuse(corpus)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.doc_a, row.doc_b, row.outlet_a, row.outlet_b) == ("a", "b", "x", "y")
    text_a = corpus.documents.set_index("doc_id").loc["a", "text"]
    text_b = corpus.documents.set_index("doc_id").loc["b", "text"]
    # the whole paragraph, from its first word to its last, in both texts
    assert row.passage_a == AGENCY[:-1] and row.passage_b == REWORDED[:-1]
    assert text_a[row.start_a:row.end_a] == row.passage_a and row.start_a == len(INTRO_A)
    assert text_b[row.start_b:row.end_b] == row.passage_b and row.start_b == len(INTRO_B)
    # 10 + 6 + 15 + 8 = 39 words each; "wurden"/"werden" is the only difference after normalisation:
    # the 5 shingles holding it are not shared, so 39 - 1 = 38 words lie in shared shingles
    assert (row.n_words_a, row.n_words_b) == (39, 39)
    assert row.n_words == 38
    assert row.similarity == pytest.approx(38 / 39, abs=1e-4)


def test_shares_count_the_words_inside_shared_passages(make_corpus):
    corpus = tiny(make_corpus, {"a": INTRO_A + AGENCY + "\n", "b": INTRO_B + REWORDED + "\n"}, {"a": "x", "b": "y"})
    shares = framing.reuse_share(corpus).set_index("doc_id")
    assert list(shares.columns) == ["outlet_id", "n_words", "n_words_shared", "share_shared", "n_passages", "n_docs_sharing"]
    # a: 10 intro words + 39; b: 11 intro words + 39
    assert shares.loc["a", ["n_words", "n_words_shared", "n_passages", "n_docs_sharing"]].tolist() == [49, 39, 1, 1]
    assert shares.loc["b", ["n_words", "n_words_shared"]].tolist() == [50, 39]
    assert shares.loc["a", "share_shared"] == pytest.approx(39 / 49)


def test_an_unrelated_pair_sharing_names_and_a_stock_phrase_is_not_reuse(make_corpus):
    a = ("Nato-Generalsekretär Jens Stoltenberg sagte am Mittwoch in Brüssel, die Gespräche seien schwierig gewesen. "
         "Russland hat etwa 100.000 Soldaten in der Nähe der Ukraine zusammengezogen, heißt es aus Washington.")
    b = ("Nach dem Treffen trat Nato-Generalsekretär Jens Stoltenberg vor die Presse. Die Allianz schätzt, "
         "dass Russland 100'000 Soldaten in der Nähe der Ukraine stationiert hat. Ein Ergebnis gab es nicht.")
    corpus = tiny(make_corpus, {"a": a, "b": b}, {"a": "x", "b": "y"})
    assert framing.reuse(corpus).empty
    assert framing.reuse_share(corpus)["n_words_shared"].tolist() == [0, 0]


def test_same_outlet_pairs_only_on_request(make_corpus):
    corpus = tiny(make_corpus, {"a": INTRO_A + AGENCY, "b": INTRO_B + AGENCY}, {"a": "x", "b": "x"})
    assert framing.reuse(corpus).empty
    both = framing.reuse(corpus, same_outlet=True)
    assert len(both) == 1 and both.iloc[0].similarity == 1.0
    assert framing.reuse_share(corpus)["n_words_shared"].tolist() == [0, 0]   # shares count other outlets only


def test_min_words_below_the_shingle_size_is_refused(seed_corpus):
    with pytest.raises(ValueError, match="shingle_words"):
        framing.reuse(seed_corpus, min_words=3)


# --- the seed corpus ------------------------------------------------------------------------


def test_seed_the_agency_paragraph_of_nau_and_sna_is_the_only_reuse(seed_corpus):
    table = framing.reuse(seed_corpus)
    assert list(table.columns) == R.REUSE_COLUMNS
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.doc_a, row.doc_b, row.outlet_a, row.outlet_b) == (NAU, SNA, "nau", "sna")
    for needle in ("das erste Mal seit Juli 2019, dass beide Seiten in diesem Format Gespräche",
                   "Für die russische Regierung", "Alexander Gruschko", "Alexander Fomin",
                   "von ihren Botschaftern beim Militärbündnis oder von Vertretern aus den Hauptstädten repräsentiert"):
        assert needle in row.passage_a and needle in row.passage_b
    assert "Vizeaussenminister" in row.passage_a and "Vize-Außenminister" in row.passage_b
    texts = seed_corpus.documents.set_index("doc_id")["text"]
    assert texts[NAU][row.start_a:row.end_a] == row.passage_a
    assert texts[SNA][row.start_b:row.end_b] == row.passage_b
    assert row.n_words >= 40 and 0.7 < row.similarity < 0.95


def test_seed_short_common_phrases_between_other_outlets_do_not_count(seed_corpus):
    # 001/003 share the Gruschko quote "Moment der Wahrheit in den Beziehungen" (6 words), 002/003 "der
    # Organisation für Sicherheit und Zusammenarbeit in Europa" (9 words), all share "Nato-Generalsekretär
    # Jens Stoltenberg": a careful reader calls none of these reuse.
    index = R._build_index(seed_corpus.documents)
    longest = {}
    for i in range(5):
        for j in range(i + 1, 5):
            found = R.align(index.doc_words(i), index.doc_words(j), min_words=R.SHINGLE_WORDS)
            longest[(i, j)] = max((p["n_words"] for p in found), default=0)
    assert longest[(0, 4)] >= 40
    assert max(v for k, v in longest.items() if k != (0, 4)) < R.MIN_WORDS


def test_seed_shares(seed_corpus):
    shares = framing.reuse_share(seed_corpus).set_index("doc_id")
    assert shares.loc[[EPOCH, CNN, EURACTIV], "n_words_shared"].tolist() == [0, 0, 0]
    assert 0.1 < shares.loc[NAU, "share_shared"] < 0.25
    assert 0.05 < shares.loc[SNA, "share_shared"] < shares.loc[NAU, "share_shared"]
    assert shares.loc[NAU, "n_docs_sharing"] == 1


# --- agencies -------------------------------------------------------------------------------


def test_seed_agencies(seed_corpus):
    hits = framing.agencies(seed_corpus)
    assert list(hits.columns) == AGENCY_COLUMNS
    found = set(zip(hits["doc_id"], hits["agency"], hits["surface"], hits["where"]))
    assert found == {
        (EPOCH, "afp", "AFP", "caption"),     # "Foto: OLIVIER HOSLET/POOL/AFP via Getty Images", dropped by cleaning
        (EPOCH, "afp", "AFP", "mention"),     # "sagte dazu der Nachrichtenagentur AFP"
        (EPOCH, "afp", "afp", "sign-off"),    # "(afp/dl)"
        (SNA, "ap", "AP", "caption"),         # "© AP Photo / Francisco Seco", dropped by cleaning
    }
    raw = seed_corpus.documents.set_index("doc_id")["raw_text"]
    for row in hits.itertuples():
        assert raw[row.doc_id][row.start:row.end] == row.surface
    # EURACTIV's "von russischen Nachrichtenagenturen zitiert" names no agency
    assert EURACTIV not in set(hits["doc_id"])


def test_seed_documents_table_gets_agency_columns(seed_corpus):
    docs = framing.documents_with_agencies(seed_corpus).set_index("doc_id")
    assert docs.loc[EPOCH, ["agencies", "agencies_caption", "agencies_mentioned"]].tolist() == ["afp", "afp", "afp"]
    assert docs.loc[SNA, ["agencies", "agencies_caption"]].tolist() == ["", "ap"]
    assert docs.loc[[NAU, CNN, EURACTIV], "agencies"].tolist() == ["", "", ""]
    assert len(docs) == len(seed_corpus.documents)


@pytest.fixture(scope="module")
def lexicon():
    return load_agency_lexicon(DEFAULT_LEXICON_DIR / "agencies.yaml")


@pytest.mark.parametrize("text, expected", [
    ("Berlin (dpa) - Die Regierung tagt.", [("dpa", "credit")]),
    ("Die Regierung tagt.\nMit Material von Reuters und AFP", [("reuters", "credit"), ("afp", "credit")]),
    ("Der Text endet hier. (APA/red)", [("apa", "sign-off")]),
    ("Der Text endet hier. (sda/afp)", [("sda", "sign-off"), ("afp", "sign-off")]),
    ("dpa/AFP/rtr", [("dpa", "sign-off"), ("afp", "sign-off"), ("reuters", "sign-off")]),
    ("Das meldete die Agentur Keystone-SDA am Abend.", [("sda", "mention")]),
    ("Wie Interfax berichtet, sagte er das.", [("interfax", "mention")]),
    ("Foto: dpa", [("dpa", "caption")]),
    ("Quelle: Reuters", [("reuters", "credit")]),
    ("Die APA meldet nichts von AP.", [("apa", "mention"), ("ap", "mention")]),   # "AP" not inside "APA"
    ("Ein ap und ein afp mitten im Satz zählen nicht.", []),                       # lower case only in credit forms
    ("Die Nachrichtenagenturen berichten.", []),
])
def test_agency_forms_on_tiny_texts(lexicon, text, expected):
    assert [(h["agency"], h["where"]) for h in find_agencies(text, lexicon)] == expected


def test_a_name_in_a_line_cleaning_dropped_is_a_caption(lexicon):
    hits = find_agencies("Titel\nBild von Reuters-Fotograf X\nText.", lexicon, dropped_lines={2})
    assert [(h["agency"], h["where"], h["line_no"], h["form"]) for h in hits] == [("reuters", "caption", 2, "dropped_line")]
