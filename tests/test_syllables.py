"""count_syllables: German syllables by vowel nuclei, checked against words syllabified by hand."""

from __future__ import annotations

import pytest

from framing.syllables import count_syllables

# 25 words, most of them from the seed articles, syllabified by hand (Duden division).
HAND_SYLLABIFIED = {
    "Nato": 2,  # Na-to
    "Russland": 2,  # Russ-land
    "Brüssel": 2,  # Brüs-sel
    "Gespräche": 3,  # Ge-sprä-che
    "Sicherheit": 3,  # Si-cher-heit (ei)
    "Verteidigungsminister": 7,  # Ver-tei-di-gungs-mi-nis-ter (ei)
    "Botschafterin": 4,  # Bot-schaf-te-rin
    "Stoltenberg": 3,  # Stol-ten-berg
    "Europa": 3,  # Eu-ro-pa (eu)
    "Diplomatie": 4,  # Di-plo-ma-tie (ie is one long i)
    "Ausdehnung": 3,  # Aus-deh-nung (au)
    "heute": 2,  # heu-te (eu)
    "Häuser": 2,  # Häu-ser (äu)
    "Beziehungen": 4,  # Be-zie-hun-gen (ie)
    "Meinungsverschiedenheiten": 7,  # Mei-nungs-ver-schie-den-hei-ten
    "Bayern": 2,  # Bay-ern: y before a vowel is a consonant
    "Idee": 2,  # I-dee (ee is one long e)
    "Abend": 2,  # A-bend
    "Quelle": 2,  # Quel-le: the u of qu is no vowel
    "Situation": 5,  # Si-tu-a-ti-on: u-a and i-o are two syllables each
    "Zusammenarbeit": 5,  # Zu-sam-men-ar-beit
    "Kreml": 1,  # Kreml
    "Moskau": 2,  # Mos-kau
    "Ukraine": 4,  # U-kra-i-ne: hiatus, a-i is two syllables
    "Garantien": 4,  # Ga-ran-ti-en: hiatus, i-e is two syllables
}

# The hiatus words the vowel-nucleus rule reads as one diphthong (see framing/syllables.py).
KNOWN_MISSES = {"Ukraine", "Garantien"}

SURE = {word: n for word, n in HAND_SYLLABIFIED.items() if word not in KNOWN_MISSES}


def test_the_hand_list_has_25_words():
    assert len(HAND_SYLLABIFIED) == 25


def test_the_counter_is_right_on_at_least_23_of_the_25_hand_syllabified_words():
    right = [word for word, n in HAND_SYLLABIFIED.items() if count_syllables(word) == n]
    wrong = sorted(set(HAND_SYLLABIFIED) - set(right))
    assert len(right) >= 23, f"wrong on {wrong}"


@pytest.mark.parametrize("word, syllables", sorted(SURE.items()))
def test_the_vowel_nucleus_rule_counts_exactly(word, syllables):
    assert count_syllables(word) == syllables


def test_known_misses_count_a_hiatus_as_one_diphthong():
    # Documented limitation, not a goal: "Ukra-i-ne" and "Garanti-en" split a written
    # diphthong (hiatus) that the vowel-nucleus rule reads as one nucleus (ai, ie), so
    # both come out one syllable short. A German counter would need a word list for
    # hiatus; if the counter learns these, move them into SURE.
    assert count_syllables("Ukraine") == 3
    assert count_syllables("Garantien") == 3


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("NATO", 2),  # upper case counts like lower case
        ("ÄUSSERUNG", 3),  # Äus-se-rung
        ("Nato-Russland-Rat", 5),  # compounds count all their parts
        ("Ryabkov", 2),  # Rjab-kow
        ("Qualität", 3),  # Qua-li-tät: only the u right after q is silent
    ],
)
def test_case_compounds_and_y(word, syllables):
    assert count_syllables(word) == syllables


@pytest.mark.parametrize("word", ["100'000", "2022", "BND", "12.01.2022"])
def test_a_word_without_a_written_vowel_counts_as_one_syllable(word):
    assert count_syllables(word) == 1
