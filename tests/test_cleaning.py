"""clean(): seeds from the shared data (acceptance) and the project's own fictional chrome-laden pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.cleaning import clean, detect_language, normalise_text
from samestory.model import Article

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT.parent / "shared" / "data" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed data not present")


def seed_article(name: str) -> Article:
    """The seed format by hand: ' date YYYY-MM-DD' then the page text (the first line may carry chrome)."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    match = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", raw)
    assert match
    return Article(id=name, text=raw[match.end() :], published=match.group(1))


def story_sentences(text: str) -> list[str]:
    return [
        line.strip() for line in text.split("\n") if len(line.split()) >= 12 and line.strip().endswith(".")
    ]


@needs_seeds
def test_scraped_seed_loses_chrome_and_keeps_the_story() -> None:
    article = seed_article("000_8ce18c90de4b71bd.txt")
    cleaned = clean(article)
    assert cleaned.title == "U.S. envoy, after Seoul visit, reassures Japan of alliance"
    assert cleaned.byline == "Mari Yamaguchi"
    assert cleaned.dateline == "TOKYO"
    assert cleaned.lang == "en"
    body = cleaned.text
    assert "Newsletter" not in body and "Login" not in body
    assert "Photo:" not in body and "Pool via AP" not in body
    assert "politics" not in body.split("\n")
    assert cleaned.title not in body and "YAMAGUCHI" not in body
    assert not body.startswith("TOKYO")
    for sentence in story_sentences(article.text):
        if "Photo:" not in sentence:
            assert sentence in body
    reasons = {item["reason"] for item in cleaned.extra["removed"]}
    assert {"newsletter", "caption", "label", "title", "byline", "dateline"} <= reasons


@needs_seeds
def test_clean_agency_copy_loses_nothing() -> None:
    article = seed_article("003_8013884caad34d68.txt")
    cleaned = clean(article)
    assert cleaned.extra["removed"] == []
    assert cleaned.title is None  # its first line is a full sentence, not a headline
    assert cleaned.text == normalise_text(article.text).strip()


ENGLISH_PAGE = """Home
News
Sports
Weather
crime

Harbour bridge reopens after overnight repairs

By JANE DOE and TOM ROE, Coastline Wire
Updated 3:45 PM

KESTREL BAY (Coastline Wire) — The harbour bridge in the fictional town of Kestrel Bay reopened on Tuesday \
after crews replaced a cracked support overnight, the town council said.

Commuters crossing by ferry during the closure waited up to an hour, according to the operator.
Crews worked through the night. Photo: Ann Example/Coastline Wire
Sign up for our daily newsletter
Share this story: Facebook | Twitter | Email
Advertisement
The council said the bridge would be inspected again next month.
Read more: Council approves new ferry timetable
Copyright 2024 Coastline Wire. All rights reserved.
"""


def test_english_page_chrome_is_removed_and_story_kept() -> None:
    cleaned = clean(Article(id="en", text=ENGLISH_PAGE))
    assert cleaned.title == "Harbour bridge reopens after overnight repairs"
    assert cleaned.byline == "Jane Doe and Tom Roe, Coastline Wire"
    assert cleaned.dateline == "KESTREL BAY"
    assert cleaned.text.startswith("The harbour bridge in the fictional town of Kestrel Bay reopened")
    for kept in ("Commuters crossing by ferry", "The council said the bridge would be inspected again"):
        assert kept in cleaned.text
    for gone in (
        "Home",
        "crime",
        "3:45",
        "Photo:",
        "newsletter",
        "Share this",
        "Advertisement",
        "Read more",
        "Copyright",
    ):
        assert gone not in cleaned.text, gone


GERMAN_PAGE = """Politik

Neue Fähre für die Insel Lummerland

Von Max Muster
LUMMERLAND (dpa) - Die Gemeinde der erfundenen Insel Lummerland hat am Montag eine neue Fähre in Betrieb \
genommen, wie der Bürgermeister mitteilte.
Die alte Fähre war nach vierzig Jahren außer Dienst gestellt worden. Foto: Erika Beispiel/dpa
Jetzt abonnieren und keine Nachricht verpassen
Die Überfahrt dauert künftig nur noch zwanzig Minuten, sagte ein Sprecher der Reederei.
Lesen Sie auch: Hafen wird erweitert
"""


def test_german_page() -> None:
    cleaned = clean(Article(id="de", text=GERMAN_PAGE))
    assert cleaned.title == "Neue Fähre für die Insel Lummerland"
    assert cleaned.byline == "Max Muster"
    assert cleaned.dateline == "LUMMERLAND"
    assert cleaned.lang == "de"
    assert cleaned.text.startswith("Die Gemeinde der erfundenen Insel Lummerland")
    assert "Die Überfahrt dauert künftig nur noch zwanzig Minuten" in cleaned.text
    for gone in ("Politik", "Foto:", "abonnieren", "Lesen Sie auch"):
        assert gone not in cleaned.text, gone


SPANISH_PAGE = """Nuevo puente en el pueblo de Villaejemplo
Por Ana Ejemplo
VILLAEJEMPLO (Agencia) — El ayuntamiento del pueblo imaginario de Villaejemplo inauguró el lunes un puente \
peatonal sobre el río, informó la alcaldesa.
Los vecinos podrán cruzar el río sin rodeos a partir de esta semana, según el ayuntamiento.
Suscríbete a nuestro boletín
Todos los derechos reservados
"""


def test_spanish_page() -> None:
    cleaned = clean(Article(id="es", text=SPANISH_PAGE))
    assert cleaned.title == "Nuevo puente en el pueblo de Villaejemplo"
    assert cleaned.byline == "Ana Ejemplo"
    assert cleaned.dateline == "VILLAEJEMPLO"
    assert cleaned.lang == "es"
    assert "Los vecinos podrán cruzar el río" in cleaned.text
    assert "Suscríbete" not in cleaned.text and "derechos" not in cleaned.text


def test_known_title_copy_is_removed_from_body_start() -> None:
    text = "Harbour bridge reopens after repairs\n\nThe bridge reopened on Tuesday, officials said."
    cleaned = clean(Article(id="t", text=text, title="Harbour bridge reopens after repairs - Coastline Wire"))
    assert cleaned.title == "Harbour bridge reopens after repairs - Coastline Wire"
    assert cleaned.text == "The bridge reopened on Tuesday, officials said."


@pytest.mark.parametrize(
    "sentence",
    [
        "Like many on Facebook, she posted a tribute to the victims on Sunday evening.",
        "Advertising revenue at the paper fell 5 percent last year, the owner said.",
        "By Friday, police had arrested two men in connection with the robbery.",
        "More than 20 people were hurt when the stands collapsed.",
        "Police will update the public on the investigation on Monday.",
        "Published reports say 3 people died in the fire.",
        "He said the company would sell its stake to Getty Images.",
    ],
)
def test_story_sentences_that_mention_chrome_words_stay(sentence: str) -> None:
    text = f"The town council met on Tuesday to discuss the new bridge and its costs.\n{sentence}"
    cleaned = clean(Article(id="s", text=text, title="A title"))
    assert sentence in cleaned.text
    assert cleaned.extra["removed"] == []


def test_normalisation() -> None:
    text = "Zero\u200bwidth\u00a0space and e\u0301 tab\there\r\nnext\x07 line  end  \n\n\n\nnew paragraph"
    assert normalise_text(text) == "Zerowidth space and é tab here\nnext line end\n\n\n\nnew paragraph"
    cleaned = clean(Article(id="n", text=text, title="t"))
    assert cleaned.text == "Zerowidth space and é tab here\nnext line end\n\nnew paragraph"


def test_input_article_is_not_changed_and_removed_records_are_small() -> None:
    text = "Police said the fire started in the kitchen of the house.\n" + "Advertisement\n" * 500
    article = Article(id="x", text=text, title="Fire", extra={"kept": 1})
    cleaned = clean(article)
    assert article.text == text and article.extra == {"kept": 1}
    assert cleaned.extra["kept"] == 1
    assert 0 < len(cleaned.extra["removed"]) <= 100
    assert cleaned.text == "Police said the fire started in the kitchen of the house."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluss.", "de"),
        ("El alcalde inauguró el lunes el nuevo puente sobre el río del pueblo.", "es"),
        ("Le maire a inauguré lundi le nouveau pont sur la rivière du village.", "fr"),
        ("Burmistrz otworzył w poniedziałek nowy most na rzece w miasteczku.", "pl"),
        ("Belediye başkanı pazartesi günü nehir üzerindeki yeni köprüyü açtı.", "tr"),
        ("افتتح رئيس البلدية يوم الاثنين الجسر الجديد فوق النهر في البلدة.", "ar"),
        ("The mayor opened the new bridge over the river on Monday morning.", "en"),
        ("Hi there", None),
        ("", None),
    ],
)
def test_language_detection(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_given_language_is_kept() -> None:
    assert clean(Article(id="l", text="The mayor opened the new bridge on Monday.", lang="xx")).lang == "xx"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.one_of(st.none(), st.text(max_size=40))
)
def test_clean_never_raises_on_odd_text(text: str, title: str | None) -> None:
    cleaned = clean(Article(id="h", text=text, title=title))
    assert "\u200b" not in cleaned.text and "\r" not in cleaned.text and "\n\n\n" not in cleaned.text
    assert cleaned.text == cleaned.text.strip()
