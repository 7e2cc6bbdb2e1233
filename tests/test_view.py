"""The story view: agreed, unique and conflicting claims on fictional reports and on the two seed reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samestory.features import extract_many
from samestory.model import Article
from samestory.stories.view import StoryView, build_view

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"

# A fictional ferry accident told by three outlets; the third is a wire copy of the first.
FERRY_A = (
    "A passenger ferry capsized on Lake Orvana near the town of Keldar on Tuesday, killing 12 people. "
    "Rescue teams pulled 40 survivors from the cold water during the night. "
    "Harbour master Ilse Brandt said the vessel had been carrying far more passengers than allowed."
)
FERRY_B = (
    "A crowded passenger ferry overturned on Lake Orvana close to Keldar on Tuesday, "
    "and 14 people were killed. "
    "Rescuers brought 40 survivors out of the cold water overnight. "
    "The regional governor announced three days of mourning across the province."
)


def _view(articles: list[Article], copies: dict[str, str] | None = None) -> StoryView:
    return build_view(articles, extract_many(articles), copies)


def _ferry(article_id: str, text: str, source: str, day: str = "2031-05-06") -> Article:
    return Article(
        id=article_id,
        text=text,
        title="Ferry capsizes on Lake Orvana",
        source=source,
        published=day,
        lang="en",
    )


def _sentences(claims) -> list[str]:
    return [s.sentence for claim in claims for s in claim.supports]


@pytest.fixture(scope="module")
def ferry_view() -> StoryView:
    copy = _ferry("a-copy", FERRY_A, "Reposter Daily")
    return _view(
        [_ferry("a", FERRY_A, "Orvana Post"), _ferry("b", FERRY_B, "Keldar Courier"), copy], {"a-copy": "a"}
    )


def test_different_death_tolls_are_one_conflict_not_two_unique_claims(ferry_view: StoryView) -> None:
    assert len(ferry_view.conflicts) == 1
    conflict = ferry_view.conflicts[0]
    numbers = next(d for d in conflict.differences if d.kind == "number")
    assert numbers.versions == {"a": ["12 people"], "b": ["14 people"]}
    assert not any("killing 12" in s for s in _sentences(ferry_view.unique["a"]))
    assert not any("14 people" in s for s in _sentences(ferry_view.unique["b"]))


def test_paraphrased_survivor_count_is_agreed(ferry_view: StoryView) -> None:
    agreed = [sorted(c.article_ids) for c in ferry_view.agreed]
    assert ["a", "b"] in agreed
    assert any("40 survivors" in s for s in _sentences(ferry_view.agreed))


def test_each_outlet_keeps_what_only_it_reports(ferry_view: StoryView) -> None:
    assert any("Ilse Brandt" in s for s in _sentences(ferry_view.unique["a"]))
    assert any("mourning" in s for s in _sentences(ferry_view.unique["b"]))


def test_a_wire_copy_is_not_an_independent_source(ferry_view: StoryView) -> None:
    assert [o.article_id for o in ferry_view.outlets] == ["a", "b"]
    assert ferry_view.outlets[0].copies == ["a-copy"]
    assert all("a-copy" not in c.article_ids for c in ferry_view.agreed)


def test_summary_cites_its_sources(ferry_view: StoryView) -> None:
    assert ferry_view.summary
    for sentence in ferry_view.summary:
        assert set(sentence.cites) >= {sentence.article_id}


def test_differing_days_are_a_conflict() -> None:
    first = _ferry("x", "The council of Keldar voted on 3 March 2031 to close the old harbour bridge.", "One")
    second = _ferry("y", "Keldar's council voted on 5 March 2031 to shut the old harbour bridge.", "Two")
    view = _view([first, second])
    assert [d.kind for c in view.conflicts for d in c.differences] == ["date"]


def test_follow_up_days_make_a_timeline() -> None:
    first = _ferry("d1", FERRY_A, "Orvana Post", "2031-05-06")
    later = _ferry("d2", FERRY_B, "Keldar Courier", "2031-05-08")
    view = _view([first, later])
    assert [day.day for day in view.timeline] == ["2031-05-06", "2031-05-08"]
    assert view.first_published == "2031-05-06" and view.last_published == "2031-05-08"


def test_an_acronym_and_its_spelt_out_organisation_are_listed_once() -> None:
    first = _ferry("x", "The European Union said on Monday it would send divers to Lake Orvana.", "One")
    second = _ferry("y", "The EU will send twelve divers to Lake Orvana, a spokesman said.", "Two")
    organisations = {o.name: sorted(o.sources) for o in _view([first, second]).organisations}
    assert organisations == {"European Union (EU)": ["x", "y"]}


def test_to_dict_is_json() -> None:
    view = _view([_ferry("a", FERRY_A, "Orvana Post"), _ferry("b", FERRY_B, "Keldar Courier")])
    record = json.loads(json.dumps(view.to_dict()))
    assert {"headline", "outlets", "agreed", "unique", "conflicts", "summary", "timeline"} <= record.keys()


@pytest.fixture(scope="module")
def seed_view() -> StoryView:
    from samestory.pipeline import read

    return _view(list(read(SEEDS)))


def _article_id(view: StoryView, prefix: str) -> str:
    return next(o.article_id for o in view.outlets if o.article_id.startswith(prefix))


def test_seeds_agree_on_the_meetings_and_the_indo_pacific(seed_view: StoryView) -> None:
    agreed = " ".join(_sentences(seed_view.agreed))
    for fact in ("Motegi", "Kono", "Seoul", "Indo-Pacific"):
        assert fact in agreed


def test_seeds_unique_claims(seed_view: StoryView) -> None:
    scraped = " ".join(_sentences(seed_view.unique[_article_id(seed_view, "000")]))
    agency = " ".join(_sentences(seed_view.unique[_article_id(seed_view, "003")]))
    assert "Kim Yo Jong" in scraped
    for fact in ("Kitamura", "Group of Seven", "tested for COVID-19"):
        assert fact in agency
    assert "Kim Yo Jong" not in agency
