"""Word search over the story list at scale: ``find_stories(query=...)`` on a store of N articles (GVA dev copied
under new ids, one story per gold event and copy), page and total, against the substring scan it replaced
(``LIKE '%word%'`` over every title and text, run here as the baseline). Prints one JSON object.

    python benchmarks/search_speed.py [--articles 50000] [--queries "police shooting" "Chicago"]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import DATA  # noqa: E402

from samestory.api.story_query import find_stories  # noqa: E402
from samestory.model import Article  # noqa: E402
from samestory.store import Store  # noqa: E402

# The substring scan the index replaced, with the same meaning (every word in one member's title or text).
LIKE_WHERE = (
    "EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article_id"
    " WHERE m.story_id = s.id AND {words})"
)


def like_scan(store: Store, query: str) -> int:
    """The page and the count, as ``find_stories`` runs them, by substring scan; returns the count."""
    words = query.split()
    where = LIKE_WHERE.format(words=" AND ".join(["(a.title LIKE ? OR a.text LIKE ?)"] * len(words)))
    patterns = [f"%{w}%" for w in words for _ in range(2)]
    store.execute(f"SELECT s.id FROM stories s WHERE {where} ORDER BY s.last_seen DESC LIMIT 20", patterns)
    return store.execute(f"SELECT count(*) FROM stories s WHERE {where}", patterns).fetchone()[0]


def build_store(path: Path, n: int) -> int:
    rows = [json.loads(line) for line in (DATA / "gva-dev.jsonl").open(encoding="utf-8")]
    base = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"), published=r.get("date"))
        for r in rows
    ]
    events = {r["id"]: r["event_id"] for r in rows}
    with Store(path) as store, store.transaction():
        for copy in range(n // len(base) + 1):
            batch = [replace(a, id=f"{copy}-{a.id}", text=f"{a.text}\n({copy})") for a in base]
            batch = batch[: n - copy * len(base)]
            if not batch:
                break
            store.add_articles(batch)
            for article in batch:
                story = f"s{copy}-{events[article.id.split('-', 1)[1]]}"
                store.set_member(article.id, story)
                store.upsert_story(story, headline=article.title, first_seen=article.published,
                                   last_seen=article.published, n_articles=1, n_sources=1)
        return store.count_articles()


def timed(run, repeats: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--queries", nargs="+", default=["police shooting", "Chicago", "teenager wounded"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "search.db"
        start = time.perf_counter()
        articles = build_store(path, args.articles)
        build_s = time.perf_counter() - start
        results = []
        with Store(path) as store:
            for query in args.queries:
                seconds, (_, total) = timed(lambda q=query: find_stories(store, query=q, limit=20))
                like_s, like = timed(lambda q=query: like_scan(store, q), repeats=1)
                results.append(
                    {"query": query, "stories": total, "index_ms": round(seconds * 1e3, 2),
                     "like_scan_ms": round(like_s * 1e3, 1), "like_scan_stories": like}
                )
    print(json.dumps({"articles": articles, "build_s": round(build_s, 1), "queries": results}, indent=1))


if __name__ == "__main__":
    main()
