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
from samestory.store import Store, StoryFigures
from samestory.stories.clusterer import Assignment, ClusterParams, StoryClusterer, StoryState
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
        writer = AssignmentWriter(store)
        for signals in self.signals(store, publication_order(articles, lambda a: a.date)):
            assignment = self.clusterer.learn_one(signals)
            writer.add(assignment, self.clusterer.stories[assignment.story_id])
        writer.flush()

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


class AssignmentWriter:
    """Writes assignments to the store: memberships, story figures and "create" log entries wait for ``flush``,
    which writes each kind in one statement (a story that several articles of a batch joined is written once:
    a statement per article and table was a tenth of ``samestory cluster --db``'s main process). A merge
    flushes first, as it moves the members the store holds, and is written at once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._members: list[tuple[str, str, float | None, str | None]] = []
        self._stories: dict[str, StoryFigures] = {}
        self._created: list[tuple[str, str, str | None, dict[str, str]]] = []

    def add(self, assignment: Assignment, story: StoryState) -> None:
        """One assignment; ``story``: the clusterer's state of the story it went to, right after it."""
        target = assignment.story_id
        if assignment.merged:
            self.flush()
            self._merge(assignment)
        self._stories[target] = StoryFigures(
            target,
            headline=story.headline,
            first_seen=story.first_day.isoformat() if story.first_day else None,
            last_seen=story.last_day.isoformat() if story.last_day else None,
            n_articles=story.n_articles,
            n_sources=story.n_sources,
        )
        self._members.append((assignment.article_id, target, assignment.score, assignment.copy_of))
        if assignment.new_story:
            self._created.append(("create", target, None, {"article": assignment.article_id}))

    def flush(self) -> None:
        self.store.upsert_stories(self._stories.values())
        self.store.set_members(self._members)
        self.store.log_story_events(self._created)
        self._stories, self._members, self._created = {}, [], []

    def _merge(self, assignment: Assignment) -> None:
        """The merged stories' members moved to the target, their ids redirected to it, the merges logged."""
        target = assignment.story_id
        for old_id in assignment.merged:
            self.store.set_members((m.article_id, target, m.score, m.copy_of) for m in self.store.story_members(old_id))
            self.store.delete_story(old_id)
            self.store.add_redirect(old_id, target, reason="merge")
            self.store.log_story_event("merge", target, old_id, {"by": assignment.article_id})


def rebuild_clusterer(store: Store, params: ClusterParams, *, fast: bool = False) -> StoryClusterer:
    """A clusterer holding the stored stories that have a member in the last ``params.window_days`` (plus
    ``params.archive_days``, for the archived stories): all their members are replayed, in
    publication order, into the stories the store has them in (no decision is re-taken), so their figures and
    ids go on where they were, and the window and the archive are as a single run left them."""
    clusterer = StoryClusterer(params, fast=fast)
    latest = parse_day(
        store.execute(
            "SELECT max(a.published) FROM articles a JOIN story_members m ON m.article_id = a.id"
        ).fetchone()[0]
    )
    since = (latest - timedelta(days=params.window_days + params.archive_days)).isoformat() if latest else ""
    # An undated article took the stream's clock when it came, so it counts if it was stored after the span's
    # first dated article (all of them while nothing is dated): older ones left the window long ago, and an
    # undated story is not archived. Not every undated article ever stored, which grew every start-up.
    first_row = (
        store.execute("SELECT min(rowid) FROM articles WHERE published >= ?", (since,)).fetchone()[0] if latest else 0
    )
    rows = store.execute(
        "SELECT m.article_id, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id IN (SELECT m2.story_id FROM story_members m2"
        "   JOIN articles a2 ON a2.id = m2.article_id"
        "   WHERE a2.published >= ? OR a2.published IS NULL AND a2.rowid >= ?)"  # ISO: a day sorts before its times
        " ORDER BY a.rowid",
        (since, first_row),
    ).fetchall()
    if not rows:
        return clusterer
    story_of = dict(rows)
    articles = store.get_articles(story_of)
    ordered = publication_order([articles[i] for i in story_of if i in articles], lambda a: a.date)
    for signals in signals_for(store, ordered, fast=fast):
        clusterer.learn_one(signals, story_id=story_of[signals.article_id])
    return clusterer
