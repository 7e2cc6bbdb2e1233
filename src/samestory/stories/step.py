"""Story clustering as an ingest step, and the glue that keeps the store and the clusterer in step.

``StoryStep`` runs after each stored batch (``Engine(steps=[StoryStep()])``): it assigns the batch's articles,
in publication order, and writes memberships, story figures, the log and redirects. Its first batch rebuilds
the clusterer from the store by replaying the stored members of the last time window with their stored story
ids, so a later run goes on with the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from samestory.features import FEATURES_VERSION, from_bytes, to_bytes
from samestory.features.dates import parse_day
from samestory.features.record import ArticleFeatures
from samestory.model import Article
from samestory.store import Store
from samestory.stories.clusterer import Assignment, ClusterParams, StoryClusterer
from samestory.stories.order import publication_order
from samestory.stories.signals import StorySignals, build_signals, clustering_features


class StoryStep:
    """Assign every newly stored article to a story. ``fast``: lexical features only (no NER, no encoder);
    a store must be clustered in one mode throughout. A subclass may get the signals elsewhere by overriding
    ``signals`` (``samestory cluster`` has worker processes compute them ahead)."""

    def __init__(self, params: ClusterParams | None = None, *, fast: bool = False) -> None:
        self.params = params or ClusterParams()
        self.fast = fast
        self.clusterer: StoryClusterer | None = None

    def reload(self) -> None:
        """Forget the clusterer's state: the next batch rebuilds it from the store (after a split, say)."""
        self.clusterer = None

    def process(self, store: Store, articles: list[Article]) -> None:
        if self.clusterer is None:
            self.clusterer = rebuild_clusterer(store, self.params, fast=self.fast)
        for signals in self.signals(store, publication_order(articles, lambda a: a.date)):
            record_assignment(store, self.clusterer, self.clusterer.learn_one(signals))

    def signals(self, store: Store, articles: list[Article]) -> list[StorySignals]:
        """The signals of new ``articles``, in their order, their features stored on the way."""
        return signals_for(store, articles, fast=self.fast)


def signals_for(store: Store, articles: Sequence[Article], *, fast: bool = False) -> list[StorySignals]:
    """Signals of ``articles`` from their stored features; features not stored yet are computed and stored.
    New features are the light clustering records (``clustering_features``: no sentence vectors, no NER, no
    dates or numbers; the story view and the judge complete them): ingest runs several times faster."""
    stored = store.get_features([a.id for a in articles], FEATURES_VERSION)
    features: dict[str, ArticleFeatures] = {i: from_bytes(data) for i, data in stored.items()}
    missing = [a for a in articles if a.id not in features]
    new = clustering_features(missing, fast=fast)
    for article, computed in zip(missing, new, strict=True):
        store.put_features(article.id, FEATURES_VERSION, to_bytes(computed))
        features[article.id] = computed
    return build_signals(articles, [features[a.id] for a in articles])


def record_assignment(store: Store, clusterer: StoryClusterer, assignment: Assignment) -> None:
    """Write one assignment: membership, merges (members moved, old id redirected, logged), figures."""
    target = assignment.story_id
    for old_id in assignment.merged:
        for member in store.story_members(old_id):
            store.set_member(member.article_id, target, score=member.score, copy_of=member.copy_of)
        store.delete_story(old_id)
        store.add_redirect(old_id, target, reason="merge")
        store.log_story_event("merge", target, old_id, {"by": assignment.article_id})
    state = clusterer.stories[target]
    store.upsert_story(
        target,
        headline=state.headline,
        first_seen=state.first_day.isoformat() if state.first_day else None,
        last_seen=state.last_day.isoformat() if state.last_day else None,
        n_articles=state.n_articles,
        n_sources=state.n_sources,
    )
    store.set_member(assignment.article_id, target, score=assignment.score, copy_of=assignment.copy_of)
    if assignment.new_story:
        store.log_story_event("create", target, None, {"article": assignment.article_id})


def rebuild_clusterer(store: Store, params: ClusterParams, *, fast: bool = False) -> StoryClusterer:
    """A clusterer holding the stored stories that have a member in the last ``params.window_days``: all their
    members are replayed, in publication order, into the stories the store has them in (no decision is
    re-taken), so their figures and ids go on where they were."""
    clusterer = StoryClusterer(params, fast=fast)
    latest = parse_day(
        store.execute(
            "SELECT max(a.published) FROM articles a JOIN story_members m ON m.article_id = a.id"
        ).fetchone()[0]
    )
    since = (latest - timedelta(days=params.window_days)).isoformat() if latest else ""
    rows = store.execute(
        "SELECT m.article_id, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id IN (SELECT m2.story_id FROM story_members m2"
        "   JOIN articles a2 ON a2.id = m2.article_id"
        "   WHERE a2.published IS NULL OR a2.published >= ?)"  # ISO text: a day sorts before its times
        " ORDER BY a.rowid",
        (since,),
    ).fetchall()
    if not rows:
        return clusterer
    story_of = dict(rows)
    articles = store.get_articles(story_of)
    ordered = publication_order([articles[i] for i in story_of if i in articles], lambda a: a.date)
    for signals in signals_for(store, ordered, fast=fast):
        clusterer.learn_one(signals, story_id=story_of[signals.article_id])
    return clusterer
