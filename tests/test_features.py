"""Behaviour of per-article features on the two seed reports and on small texts the project wrote."""

from __future__ import annotations

import json
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from samestory.features import (
    ArticleFeatures,
    complete_features,
    extract,
    extract_many,
    from_bytes,
    numbers_in,
    to_bytes,
)
from samestory.features.dates import extract_dates, lead_weekdays
from samestory.features.entities import Span, display_name, org_key, person_key
from samestory.features.extract import _places
from samestory.features.places import place_mentions, scan_places
from samestory.features.sentences import split_sentences
from samestory.features.serialize import FeaturesFormatError
from samestory.features.streets import street_keys
from samestory.model import Article

os.environ.setdefault("HF_HUB_OFFLINE", "1")
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"


def seed_article(name: str) -> Article:
    """The seed file's first line starts with " date YYYY-MM-DD"; the rest of the file is the text."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    marker, day, rest = raw.lstrip().split(" ", 2)
    assert marker == "date"
    return Article(id=name, text=rest, published=day)


@pytest.fixture(scope="module")
def seeds() -> list[ArticleFeatures]:
    if not SEEDS.is_dir():
        pytest.skip("seed data not present")
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    return extract_many([seed_article(n) for n in names])


def test_seed_entities_places_dates_and_roles(seeds: list[ArticleFeatures]) -> None:
    for features in seeds:
        people = {m.key: m for m in features.entities if m.label == "PERSON"}
        assert {"biegun", "motegi", "kono"} <= people.keys()
        assert people["motegi"].role == "Foreign Minister"
        assert {"tokyo", "seoul", "japan"} <= {m.key for m in features.places}
        assert "2020-07-10" in features.dates  # "Friday", published on Friday 2020-07-10


def test_seed_vectors_are_aligned_unit_rows(seeds: list[ArticleFeatures]) -> None:
    for features in seeds:
        assert features.sentence_vectors.shape == (len(features.sentences), 384)
        assert np.allclose(np.linalg.norm(features.sentence_vectors, axis=1), 1, atol=1e-3)
        assert math.isclose(float(np.linalg.norm(features.doc_vector)), 1, abs_tol=1e-3)
    first, second = seeds
    assert float(first.doc_vector @ second.doc_vector) > 0.7


def test_sentence_splitter_keeps_abbreviations_and_initials() -> None:
    text = (
        "U.S. Deputy Secretary of State Stephen Biegun met Dr. Smith on Jan. 5 in Washington. "
        'He said "We will talk." Then J. R. Ewing left for the U.S. The next day it rained!\n'
        "A new paragraph without a stop\nAnd another one."
    )
    assert split_sentences(text) == [
        "U.S. Deputy Secretary of State Stephen Biegun met Dr. Smith on Jan. 5 in Washington.",
        'He said "We will talk."',
        "Then J. R. Ewing left for the U.S.",
        "The next day it rained!",
        "A new paragraph without a stop",
        "And another one.",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Am 10. Juli kam er an. Dann ging er z.B. nach Hause.", 2),
        ("es", "Lo dijo el Sr. García. ¿Por qué? No lo sé.", 3),
        ("fr", "Mme Dupont est arrivée. « Bonjour », dit-elle.", 2),
        ("ar", "قال الرئيس. ذهب إلى البيت؟ نعم.", 3),
    ],
)
def test_sentence_splitter_other_languages(lang: str, text: str, expected: int) -> None:
    assert len(split_sentences(text, lang)) == expected


def test_person_keys_match_across_spellings() -> None:
    assert person_key("Stephen Biegun") == person_key("Biegun") == person_key("BIEGUN's") == "biegun"


def test_names_are_shown_without_the_article_or_possessive_the_span_took_in() -> None:
    assert display_name("The European Union's") == "European Union" == display_name("European Union")
    assert display_name("Biegun’s") == "Biegun" and display_name("Jones'") == "Jones"
    assert display_name("the 9/11 commission") == "the 9/11 commission"  # no name after "the": kept whole
    assert org_key(display_name("The U.N.'s")) == org_key("The U.N.'s") == "un"  # the key does not change


def test_a_place_only_a_demonym_points_to_is_shown_by_its_name() -> None:
    mentions = place_mentions(scan_places("European leaders met Japanese officials, then flew to Japan."))
    assert [(m.text, m.key, m.count) for m in mentions] == [("Europe", "europe", 1), ("Japan", "japan", 2)]


def test_a_city_named_like_a_stop_word_is_not_a_place() -> None:
    assert [hit[3] for hit in scan_places("Most of the victims lived in Arequipa; much of Lima shook.")] == [
        "arequipa",
        "lima",
    ]


def test_an_organisation_named_just_like_a_place_does_not_veto_it() -> None:
    """The NER model calls some towns organisations ("Puno"); a real organisation named after a place ("the
    Washington Post") still vetoes the place inside it."""
    text = "It was felt in Puno. The Washington Post's reporter called from Puno's main square."
    spans = [Span(15, 19, "ORG", "Puno"), Span(21, 42, "ORG", "The Washington Post's"), Span(64, 70, "ORG", "Puno's")]
    assert [(m.key, m.count) for m in _places(text, spans, set())] == [("puno", 2)]


def test_towns_the_ner_model_calls_organisations_are_places() -> None:
    features = extract_many([Article(id="a", text="It was felt as far away as Tacna and Puno.", lang="en")])[0]
    assert [m.key for m in features.places] == ["tacna", "puno"]
    assert not [m for m in features.entities if m.label == "ORG"]


def test_places_resolve_aliases_and_other_languages() -> None:
    keys = [hit[3] for hit in scan_places("Talks in Tokio, then the U.S. and Südkorea; Japanese officials.")]
    assert keys == ["tokyo", "united states", "south korea", "japan"]


def test_places_before_an_apostrophe_and_with_turkish_capital_i() -> None:
    text = "Tokyo's mayor and Japan’s envoy; New York's Côte d'Ivoire office. İstanbul'da, İzmir'de ve İran'da."
    hits = scan_places(text)
    assert [hit[3] for hit in hits] == [
        "tokyo", "japan", "new york", "ivory coast", "istanbul", "izmir", "iran"
    ]
    # The surface is the name as written, without the suffix, and the offsets point at it.
    assert [hit[2] for hit in hits] == ["Tokyo", "Japan", "New York", "Côte d'Ivoire", "İstanbul", "İzmir", "İran"]
    assert all(text[start:end] == surface for start, end, surface, _ in hits)
    assert scan_places("I ran home. Don't go, O'Brien.") == []


def test_street_keys_meet_across_spellings() -> None:
    assert street_keys("Police were called to the 300 block of S. California Ave. on Friday") == {"south california"}
    assert street_keys("He lived on South California Avenue.") == {"south california"}
    # A title-case headline capitalises the words before the name; a sentence start too.
    assert street_keys("Man Shot On Goff Street\nOn Main St. a car was hit.") == {"goff", "main"}
    assert street_keys("Martin Luther King Drive and Oxford Dr") == {"martin luther king", "oxford"}
    assert street_keys("Police said a block of Flats was empty; the street was quiet.") == frozenset()
    # Numbered streets keep their number; a compass word alone, or a court, is no street.
    assert street_keys("the 6300 block of West 63rd Street, near the 100 block of West") == {"west 63rd"}
    assert street_keys("He appeared in Superior Court on McDonald Ave.") == {"mcdonald"}


def test_lead_weekdays_read_the_top_of_the_text_in_its_language() -> None:
    assert lead_weekdays("Robbers struck on Thursday; police said on Friday") == {3, 4}
    assert lead_weekdays("Räuber schlugen am Donnerstag zu", "de") == {3}
    assert lead_weekdays("Räuber schlugen am Donnerstag zu", "en") == frozenset()  # English words only
    assert lead_weekdays("Robbers struck. " + "x" * 900 + " On Monday they were caught.") == frozenset()
    assert lead_weekdays("Robbers struck on Thursday", "xx") == frozenset()  # no word list for the language


def test_light_names_skip_days_and_months_and_read_a_body_less_title() -> None:
    """The names light records carry (no NER model): capitalised runs, not "Monday" or "December"."""

    def names(article: Article) -> set[str]:
        record = extract_many([article], fast=True, sentence_vectors=False, light=True)[0]
        return {m.key for m in record.entities}

    body = "Police in Lyon said on Monday that Jean Valjean, seen in December, had fled."
    assert names(Article(id="a", title="Prison break", text=body)) == {"lyon", "jean valjean"}
    # A one-sentence brief whose sentence is its title (cleaning drops a body that repeats the title).
    brief = Article(id="b", title="Robbers stole jewels from the Paris branch of Harry Winston.", text="")
    assert names(brief) == {"paris", "harry winston"}


def test_dates_explicit_and_relative() -> None:
    text = "On Thursday, and on July 4, 2019, and am 3. März; yesterday too."
    assert extract_dates(text, "2020-07-10") == ["2020-07-09", "2019-07-04", "2020-03-03"]
    assert extract_dates("Am 10. Juli 2020 und am Freitag", "2020-07-12", "de") == ["2020-07-10"]
    assert extract_dates("on Friday", None) == []


def test_numbers_with_units() -> None:
    text = "Twelve people died and 14 others were hurt in a magnitude 6.1 quake at 10:30 a.m. in 2019; $3m"
    assert numbers_in(text) == ["12 people", "14 others", "6.1 magnitude", "3000000 usd"]
    assert numbers_in("A church from the 18th century fell on the 2nd floor; 3 people died.") == ["3 people"]


def test_round_trip(seeds: list[ArticleFeatures]) -> None:
    original = seeds[0]
    restored = from_bytes(to_bytes(original))
    assert restored.sentences == original.sentences
    assert restored.entities == original.entities and restored.places == original.places
    assert restored.dates == original.dates and restored.numbers == original.numbers
    assert np.allclose(restored.sentence_vectors, original.sentence_vectors, atol=2e-3)
    assert np.array_equal(restored.minhash, original.minhash)
    with pytest.raises(FeaturesFormatError):
        from_bytes(b"not features")


def test_empty_text_gives_empty_features() -> None:
    features = extract(Article(id="empty", text=""))
    assert features.sentences == [] and features.entities == [] and features.dates == []
    assert features.sentence_vectors.shape == (0, 384)
    assert features.doc_vector.shape == (384,) and not np.isnan(features.doc_vector).any()
    assert features.minhash is None
    assert from_bytes(to_bytes(features)).sentence_vectors.shape == (0, 384)


def test_fast_mode_skips_models_but_keeps_lexical_features() -> None:
    article = Article(
        id="a", text="Police in Tokyo said 12 people were hurt on Friday.", published="2020-07-10"
    )
    (features,) = extract_many([article], fast=True)
    assert features.entities == [] and features.sentence_vectors.size == 0 and features.doc_vector.size == 0
    assert [m.key for m in features.places] == ["tokyo"]
    assert features.dates == ["2020-07-10"] and features.numbers == ["12 people"]
    assert features.minhash is not None


def test_light_records_keep_their_vector_and_complete_to_full_features() -> None:
    article = seed_article("003_8013884caad34d68.txt")
    (light,) = extract_many([article], sentence_vectors=False, light=True)
    (full,) = extract_many([article], sentence_vectors=False)
    assert light.light and light.dates == [] and light.numbers == []
    assert light.entities and {m.label for m in light.entities} == {"NAME"}
    assert np.allclose(light.doc_vector, full.doc_vector, atol=1e-6)
    read_back = from_bytes(to_bytes(light))
    assert read_back.light
    vector = read_back.doc_vector.copy()
    assert complete_features([read_back], [article]) and not read_back.light
    assert complete_features([read_back], [article]) is False  # nothing left to do
    assert [m.key for m in read_back.entities] == [m.key for m in full.entities]
    assert [m.key for m in read_back.places] == [m.key for m in full.places]
    assert read_back.dates == full.dates and read_back.numbers == full.numbers
    assert np.array_equal(read_back.doc_vector, vector)


def test_complete_records_are_written_as_before_light_existed() -> None:
    """No ``light`` key in a complete record's header: stores written by older versions read the same."""
    (features,) = extract_many([Article(id="a", text="Police in Tokyo said 12 people were hurt.")], fast=True)
    data = to_bytes(features)
    (length,) = struct.unpack(">I", data[4:8])
    assert "light" not in json.loads(zlib.decompress(data[8 : 8 + length]))
    assert from_bytes(data).light is False
