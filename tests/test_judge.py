"""Pair judgement behaviour: the seed story, a different event of the same kind, symmetry and bad input."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from samestory.judge import DIMENSIONS, PairJudgement, compare, judge_features
from samestory.model import Article

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT.parent / "shared" / "data" / "seeds"
OTHER_EVENT = REPO_ROOT / "examples" / "compare" / "envoy_visit_lisbon.txt"


def read_one(path: Path) -> Article:
    from samestory.pipeline import read

    return next(iter(read(path)))


@pytest.fixture(scope="module")
def seeds() -> tuple[Article, Article]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    a, b = sorted(SEEDS.glob("*.txt"))
    return read_one(a), read_one(b)


@pytest.fixture(scope="module")
def seed_judgement(seeds: tuple[Article, Article]) -> PairJudgement:
    return compare(*seeds)


def assert_well_formed(judgement: PairJudgement) -> None:
    assert set(judgement.scores) == set(DIMENSIONS)
    assert all(1.0 <= v <= 4.0 and not math.isnan(v) for v in judgement.scores.values())
    assert 0.0 <= judgement.same_story <= 1.0
    json.dumps(judgement.to_dict())


def test_the_seeds_are_one_story(seed_judgement: PairJudgement) -> None:
    assert_well_formed(seed_judgement)
    assert seed_judgement.overall <= 1.5
    assert seed_judgement.same_story >= 0.9


def test_seed_evidence_names_people_places_roles_and_the_shared_date(seed_judgement: PairJudgement) -> None:
    evidence = seed_judgement.evidence
    shared = " ".join(name.describe() for name in evidence.names_both)
    for expected in ("Biegun", "Motegi", "Kono", "Tokyo", "Seoul", "Motegi — Foreign Minister"):
        assert expected in shared
    assert "2020-07-10" in evidence.dates_both
    assert evidence.published_a == evidence.published_b == "2020-07-10"
    assert evidence.aligned and all(p.similarity > 0.5 for p in evidence.aligned)
    assert evidence.unsupported_a and evidence.unsupported_b


def test_a_different_visit_of_the_same_kind_is_a_different_story(seeds: tuple[Article, Article]) -> None:
    judgement = compare(read_one(OTHER_EVENT), seeds[1])
    assert judgement.overall >= 3.0  # the bar
    assert judgement.same_story < 0.25  # the calibration reads about 0.23 at Overall 3
    assert not {"Biegun", "Motegi"} & {n.name.split()[-1] for n in judgement.evidence.names_both}


def test_clash_features_tell_none_shared_from_none_named() -> None:
    from samestory.features import extract_many
    from samestory.judge.pairfeatures import FEATURE_NAMES, pair_features

    a = Article(id="a", text="Envoy Anna Berg met Mayor Carl Dorn in Lisbon on Monday. Berg thanked Dorn.", lang="en")
    b = Article(id="b", text="Envoy Eric Falk met Mayor Gina Holm in Osaka on Monday. Falk thanked Holm.", lang="en")
    c = Article(id="c", text="It rained all day and the river rose. Nobody was hurt.", lang="en")
    fa, fb, fc = extract_many([a, b, c])
    clash = dict(zip(FEATURE_NAMES, pair_features(fa, fb), strict=True))
    unknown = dict(zip(FEATURE_NAMES, pair_features(fa, fc), strict=True))
    assert clash["person_weighted_jaccard"] == clash["person_top_found"] == clash["city_jaccard"] == 0.0
    assert unknown["person_weighted_jaccard"] == unknown["city_jaccard"] == -1.0
    assert clash["english_doc_cosine"] > 0.0 and unknown["english_doc_cosine"] != -1.0


def test_judgement_is_symmetric(seeds: tuple[Article, Article]) -> None:
    from samestory.features import extract_many

    fa, fb = extract_many(list(seeds))
    forward, backward = judge_features(fa, fb), judge_features(fb, fa)
    assert forward.scores == backward.scores
    assert forward.same_story == backward.same_story


@pytest.mark.parametrize(
    ("text_a", "text_b", "note"),
    [
        ("", "The envoy met the minister in Tokyo on Friday.", "A has no text"),
        ("The envoy met the minister in Tokyo.", "The envoy met the minister in Tokyo.", "identical"),
        ("One line only.", "The envoy met the minister in Tokyo on Friday. They talked.", "single sentence"),
        ("", "", "A has no text"),
    ],
)
def test_bad_input_gets_a_defined_answer_with_a_note(text_a: str, text_b: str, note: str) -> None:
    judgement = compare(text_a, text_b)
    assert_well_formed(judgement)
    assert any(note in n for n in judgement.evidence.notes)
    assert any("Publication date missing" in n for n in judgement.evidence.notes)


def test_different_languages_are_noted() -> None:
    a = Article(id="a", text="Der Minister traf den Gesandten am Freitag in Tokio.", lang="de")
    b = Article(id="b", text="The minister met the envoy in Tokyo on Friday.", lang="en")
    judgement = compare(a, b)
    assert_well_formed(judgement)
    assert any("Different languages (de, en)" in n for n in judgement.evidence.notes)


def test_identical_texts_score_as_very_similar(seeds: tuple[Article, Article]) -> None:
    judgement = compare(seeds[1], seeds[1])
    assert judgement.overall <= 1.5 and judgement.same_story >= 0.9
