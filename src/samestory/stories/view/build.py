"""Build the story view from the members' articles and stored features."""

from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import urlparse

import numpy as np

from samestory.features.record import ArticleFeatures, Mention
from samestory.model import Article
from samestory.stories.view.claims import ClaimGroup, align, group_claims
from samestory.stories.view.conflicts import differences
from samestory.stories.view.facts import SentenceFacts, sentence_facts
from samestory.stories.view.records import (
    Claim,
    Conflict,
    KeyEntity,
    Outlet,
    StoryView,
    Support,
)
from samestory.stories.view.summary import summarise
from samestory.stories.view.timeline import timeline

ORGANISATION_LABELS = frozenset({"ORG"})


def build_view(
    articles: list[Article], features: list[ArticleFeatures], copies: dict[str, str] | None = None
) -> StoryView:
    """The view of one story. ``features`` are matched to ``articles`` by article id; ``copies`` maps a wire
    copy's id to its canonical article's id: a copy adds no independent source and is not aligned."""
    if not articles:
        raise ValueError("a story view needs at least one article")
    by_id = {f.article_id: f for f in features}
    missing = [a.id for a in articles if a.id not in by_id]
    if missing:
        raise ValueError(f"no features for articles: {', '.join(missing)}")
    outlets = _outlets(articles, copies or {})
    canonical = [next(a for a in articles if a.id == o.article_id) for o in outlets]
    outlet_features = [by_id[a.id] for a in canonical]
    facts = [
        [sentence_facts(s, f, a.published) for s in f.sentences]
        for a, f in zip(canonical, outlet_features, strict=True)
    ]

    vectors = [f.sentence_vectors for f in outlet_features]
    groups = group_claims(align(vectors, facts))
    people = {
        f.article_id: frozenset(m.key for m in f.entities if m.label == "PERSON") for f in outlet_features
    }

    next_id = iter(range(1, 1_000_000))
    agreed: list[Claim] = []
    conflicts: list[Conflict] = []
    representative: dict[int, Support] = {}
    disputed: dict[tuple[int, int], set[str]] = defaultdict(set)  # values a sentence states in a conflict
    for group in sorted(groups, key=lambda g: (-len(g.members), _mean_position(g, outlet_features))):
        claim = _claim(next(next_id), group, outlets, outlet_features)
        representative[claim.id] = _central_support(claim, group, vectors)
        found = differences(_claim_facts(group, outlets, facts), people)
        if found:
            conflicts.append(Conflict(claim, found))
            for o, i in group.members.items():
                disputed[(o, i)].update(v for d in found for v in d.versions.get(outlets[o].article_id, []))
        else:
            agreed.append(claim)

    claimed = {(o, i) for g in groups for o, i in g.members.items()}
    unique: dict[str, list[Claim]] = {}
    vocabulary = _StoryVocabulary(outlet_features)
    for o, outlet in enumerate(outlets):
        unique[outlet.article_id] = []
        for i in range(len(outlet_features[o].sentences)):
            only_here = []
            if (o, i) in claimed:
                only_here = [
                    v
                    for v in vocabulary.only_here(o, facts[o][i], outlet_features[o])
                    if v not in disputed[(o, i)]
                ]
            if (o, i) not in claimed or only_here:
                support = _support(o, i, outlets, outlet_features)
                unique[outlet.article_id].append(Claim(next(next_id), [support], 1.0, only_here))

    central = _central_outlet(outlet_features)
    lead = [
        _support(central, i, outlets, outlet_features) for i in range(len(outlet_features[central].sentences))
    ]
    dated = sorted(a.published for a in articles if a.published)
    entities = _key_entities(outlet_features, [m for f in outlet_features for m in f.entities])
    all_claims = agreed + [c.claim for c in conflicts] + [c for claims in unique.values() for c in claims]
    return StoryView(
        headline=_headline(canonical[central], outlet_features[central]),
        first_published=dated[0] if dated else None,
        last_published=dated[-1] if dated else None,
        languages=sorted({a.lang or by_id[a.id].lang for a in articles} - {None, ""}),
        outlets=outlets,
        people=[e for e in entities if e.label == "PERSON"],
        organisations=[e for e in entities if e.label in ORGANISATION_LABELS],
        places=_key_entities(outlet_features, [m for f in outlet_features for m in f.places]),
        agreed=agreed,
        unique=unique,
        conflicts=conflicts,
        summary=summarise(agreed, representative, lead),
        timeline=timeline(articles, all_claims),
    )


def source_name(article: Article) -> str:
    """The outlet's name as the input gives it, else the web site, else the article id."""
    if article.source:
        return article.source
    host = urlparse(article.url).netloc if article.url else ""
    return host.removeprefix("www.") or article.id


def _outlets(articles: list[Article], copies: dict[str, str]) -> list[Outlet]:
    """Independent outlets in publication order; a copy whose canonical is not a member stands on its own."""
    member_ids = {a.id for a in articles}
    copied: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        canonical = copies.get(article.id)
        if canonical in member_ids and canonical != article.id:
            copied[canonical].append(article.id)
    copy_ids = {c for ids in copied.values() for c in ids}
    return [
        Outlet(a.id, source_name(a), a.title, a.published, a.url, a.lang, copied.get(a.id, []))
        for a in sorted(articles, key=lambda a: (a.published or "", a.id))
        if a.id not in copy_ids
    ]


def _support(outlet: int, index: int, outlets: list[Outlet], features: list[ArticleFeatures]) -> Support:
    return Support(
        outlets[outlet].article_id, outlets[outlet].source, index, features[outlet].sentences[index]
    )


def _claim(claim_id: int, group: ClaimGroup, outlets: list[Outlet], features: list[ArticleFeatures]) -> Claim:
    supports = [_support(o, i, outlets, features) for o, i in sorted(group.members.items())]
    return Claim(claim_id, supports, round(group.score, 3))


def _claim_facts(
    group: ClaimGroup, outlets: list[Outlet], facts: list[list[SentenceFacts]]
) -> dict[str, SentenceFacts]:
    return {outlets[o].article_id: facts[o][i] for o, i in group.members.items()}


class _StoryVocabulary:
    """What each outlet names, says or counts anywhere in its article, to tell what only one outlet gives."""

    def __init__(self, features: list[ArticleFeatures]) -> None:
        self._by_outlet = [
            {("key", m.key) for m in (*f.entities, *f.places)}
            | {("word", w.lower()) for sentence in f.sentences for w in sentence.split()}
            | {("number", n) for n in f.numbers}
            for f in features
        ]
        self._outlets_with = Counter(item for vocabulary in self._by_outlet for item in vocabulary)

    def elsewhere(self, outlet: int, item: tuple[str, str]) -> bool:
        return self._outlets_with[item] - (item in self._by_outlet[outlet]) > 0

    def only_here(self, outlet: int, sentence: SentenceFacts, own: ArticleFeatures) -> list[str]:
        """Names and figures in a shared sentence that no other outlet gives: a sentence may carry two facts
        ("met Kono, and was to meet Kitamura") of which only one is shared. A name counts as given when
        another outlet has its key or uses its last word anywhere, so a missed entity is not new."""
        shown = {m.key: m.text for m in (*own.entities, *own.places)}
        new_names = [
            shown.get(key, key)
            for key in sorted(sentence.names)
            if not self.elsewhere(outlet, ("key", key))
            and not self.elsewhere(outlet, ("word", key.split()[-1]))
        ]
        new_numbers = [
            n for n in dict.fromkeys(sentence.numbers) if not self.elsewhere(outlet, ("number", n))
        ]
        return new_names + new_numbers


def _mean_position(group: ClaimGroup, features: list[ArticleFeatures]) -> float:
    """Where the claim sits in its articles, 0 = lead, 1 = last sentence."""
    return float(np.mean([i / max(1, len(features[o].sentences)) for o, i in group.members.items()]))


def _central_support(claim: Claim, group: ClaimGroup, vectors: list[np.ndarray]) -> Support:
    """The support whose sentence is closest to the others: the wording the summary quotes."""
    rows = np.vstack([vectors[o][i] for o, i in sorted(group.members.items())])
    return claim.supports[int((rows @ rows.T).sum(axis=1).argmax())]


def _central_outlet(features: list[ArticleFeatures]) -> int:
    """The outlet whose article is closest to the story's mean: the best single account of it."""
    docs = np.vstack([f.doc_vector for f in features])
    return int((docs @ docs.mean(axis=0)).argmax())


def _headline(article: Article, features: ArticleFeatures) -> str:
    if article.title:
        return article.title
    return features.sentences[0] if features.sentences else article.id


def _key_entities(features: list[ArticleFeatures], mentions: list[Mention]) -> list[KeyEntity]:
    """Mentions merged by key across outlets (and an acronym with its spelt-out name), most widely named first."""
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    roles: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    sources: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    for f in features:
        for mention in (*f.entities, *f.places):
            key = (mention.label, mention.key)
            names[key][mention.text] += mention.count
            sources[key][f.article_id] = None
            if mention.role:
                roles[key][mention.role] = None
    wanted = {(m.label, m.key) for m in mentions}
    shown = {key: max(names[key].items(), key=lambda item: (item[1], len(item[0])))[0] for key in wanted}
    spelt_out = _spelt_out(wanted, names)
    for acronym, full in spelt_out.items():  # one entry: "European Union (EU)"
        shown[full] = f"{shown[full]} ({shown[acronym]})"
        names[full].update(names.pop(acronym))
        roles[full].update(roles.pop(acronym, {}))
        sources[full].update(sources.pop(acronym))
    entities = [
        KeyEntity(
            name=shown[key],
            label=key[0],
            roles=list(roles[key]),
            sources=list(sources[key]),
            mentions=sum(names[key].values()),
        )
        for key in wanted - spelt_out.keys()
    ]
    return sorted(entities, key=lambda e: (-len(e.sources), -e.mentions, e.name))


_NOT_INITIALS = frozenset({"of", "the", "and", "for", "on", "de", "la", "du", "des", "der", "für"})


def _spelt_out(keys: set[tuple[str, str]], names: dict[tuple[str, str], Counter[str]]) -> dict:
    """Organisation acronyms written in capitals ("EU") -> the organisation of several words whose initials they
    are ("European Union"), both named in the story: the view lists them once."""
    by_initials: dict[str, tuple[str, str]] = {}
    for label, key in sorted(keys):
        words = [word for word in key.split() if word not in _NOT_INITIALS]
        if label == "ORG" and len(words) > 1:
            by_initials.setdefault("".join(word[0] for word in words), (label, key))
    return {
        (label, key): by_initials[key]
        for label, key in keys
        if label == "ORG" and key in by_initials and any(name.isupper() for name in names[(label, key)])
    }
