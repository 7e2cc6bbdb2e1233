"""Facts that aligned sentences state differently: numbers of the same unit, days, people's names and
quoted words. Omission is not conflict: when one sentence's values include the other's, they agree."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from samestory.stories.view.facts import SentenceFacts, content_words
from samestory.stories.view.records import Difference

# Two quotes are versions of one quote when this share of the shorter one's words recur in the other.
SAME_QUOTE_OVERLAP = 0.5


def differences(
    facts: dict[str, SentenceFacts], people_by_article: dict[str, frozenset[str]]
) -> list[Difference]:
    """What the sentences of one claim (article id -> its sentence's facts) disagree on."""
    found: list[Difference] = []
    for versions in _numbers_by_unit(facts).values():
        if _disagree(versions):
            found.append(Difference("number", {a: sorted(v, key=_value) for a, v in versions.items()}))
    days = {a: set(f.dates) for a, f in facts.items() if f.dates}
    if _disagree(days):
        found.append(Difference("date", {a: sorted(v) for a, v in days.items()}))
    names = _unshared_people(facts, people_by_article)
    if len(names) >= 2:
        found.append(Difference("name", {a: sorted(v) for a, v in names.items()}))
    quotes = _differing_quotes(facts)
    if quotes:
        found.append(Difference("quote", quotes))
    return found


def _numbers_by_unit(facts: dict[str, SentenceFacts]) -> dict[str, dict[str, set[str]]]:
    by_unit: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for article_id, sentence in facts.items():
        for number in sentence.numbers:
            unit = number.split(" ", 1)[1]
            by_unit[unit].setdefault(article_id, set()).add(number)
    return by_unit


def _value(number: str) -> float:
    return float(number.split(" ", 1)[0])


def _disagree(versions: dict[str, set[str]]) -> bool:
    return any(not (a <= b or b <= a) for a, b in combinations(versions.values(), 2))


def _unshared_people(
    facts: dict[str, SentenceFacts], people_by_article: dict[str, frozenset[str]]
) -> dict[str, set[str]]:
    """People a sentence names whom another outlet never names at all, per article, when at least two outlets
    name such people: two sources giving the same act to different persons."""
    unshared: dict[str, set[str]] = {}
    for article_id, sentence in facts.items():
        others = [people_by_article.get(other, frozenset()) for other in facts if other != article_id]
        alone = {person for person in sentence.people if not any(person in named for named in others)}
        if alone:
            unshared[article_id] = alone
    return unshared


def _differing_quotes(facts: dict[str, SentenceFacts]) -> dict[str, list[str]]:
    """Quotes that are versions of one another (most words shared) but not word for word the same."""
    differing: dict[str, list[str]] = {}
    for (first, a), (second, b) in combinations(facts.items(), 2):
        for quote_a in a.quotes:
            for quote_b in b.quotes:
                words_a, words_b = content_words(quote_a), content_words(quote_b)
                if not words_a or not words_b or words_a <= words_b or words_b <= words_a:
                    continue  # the same quote, or one cut shorter
                if len(words_a & words_b) / min(len(words_a), len(words_b)) >= SAME_QUOTE_OVERLAP:
                    differing.setdefault(first, []).append(quote_a)
                    differing.setdefault(second, []).append(quote_b)
    return {article_id: list(dict.fromkeys(quotes)) for article_id, quotes in differing.items()}
