"""Load test of the HTTP API on loopback: requests/s and latency percentiles for the story list and the story
view, on a store of about 10,000 articles. Prints one JSON object.

The store is built once (cached under --work) from the evaluation data in ../shared/data (GVA and ECB+),
copied three times under new ids; stories are the gold events, so the run measures serving, not clustering.
The server is ``samestory serve``'s app under uvicorn in its own process; the client is Python threads with
keep-alive connections. Story views are cached by the server: the story-view figure is for views already built
(the run builds them once first and reports that cold cost separately).

    python benchmarks/api_load.py [--seconds 10] [--threads 8] [--views 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from samestory.model import Article
from samestory.store import Store

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT.parent / "shared" / "data"
SOURCES = ("gva-dev.jsonl", "ecbplus-dev.jsonl")
COPIES = 3


def build_store(path: Path) -> None:
    records = [json.loads(line) for name in SOURCES for line in (DATA / name).open(encoding="utf-8")]
    with Store(path) as store, store.transaction():
        for copy in range(COPIES):
            articles = [
                Article(
                    id=f"c{copy}-{r['id']}",
                    text=r["text"],
                    title=r.get("title"),
                    url=r.get("url"),
                    source=r.get("source"),
                    published=r.get("date"),
                    lang=r.get("lang") or "en",
                )
                for r in records
            ]
            store.add_articles(articles)
            events: dict[str, list[Article]] = {}
            for record, article in zip(records, articles, strict=True):
                events.setdefault(f"c{copy}-{record['event_id']}", []).append(article)
            for story_id, members in events.items():
                days = sorted(a.published for a in members if a.published)
                store.upsert_story(
                    story_id,
                    headline=members[0].title,
                    first_seen=days[0] if days else None,
                    last_seen=days[-1] if days else None,
                    n_articles=len(members),
                    n_sources=len({a.source for a in members}),
                )
                for article in members:
                    store.set_member(article.id, story_id)


def start_server(db_path: Path, port: int) -> subprocess.Popen:
    code = (
        "import uvicorn; from samestory.api import create_app; "
        f"uvicorn.run(create_app(db_path={str(db_path)!r}), host='127.0.0.1', port={port}, "
        "log_level='warning', access_log=False)"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def hammer(base: str, paths: list[str], seconds: float, threads: int) -> dict[str, float]:
    """Requests from ``threads`` keep-alive clients for ``seconds``, each picking paths at random."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(seed: int) -> None:
        nonlocal errors
        chooser = random.Random(seed)
        mine, failed = [], 0
        with httpx.Client(base_url=base, timeout=10) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                status = client.get(chooser.choice(paths)).status_code
                mine.append(time.perf_counter() - started)
                failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    began = time.monotonic()
    pool = [threading.Thread(target=worker, args=(seed,)) for seed in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 2),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 2),
        "mean_ms": round(1000 * statistics.fmean(latencies), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--views", type=int, default=30, help="distinct stories the story-view test asks for"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--work", type=Path, default=Path("/tmp/samestory-bench"))
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    db_path = args.work / "api-10k.db"
    if not db_path.exists():
        started = time.monotonic()
        build_store(db_path.with_suffix(".tmp"))
        os.replace(db_path.with_suffix(".tmp"), db_path)
        print(f"built {db_path} in {time.monotonic() - started:.0f} s", file=sys.stderr)

    base = f"http://127.0.0.1:{args.port}"
    server = start_server(db_path, args.port)
    try:
        health = httpx.get(base + "/api/v1/health").json()
        stories = httpx.get(base + "/api/v1/stories", params={"limit": 100}).json()["total"]
        chooser = random.Random(7)
        view_ids = [
            s["id"]
            for s in httpx.get(base + "/api/v1/stories", params={"limit": 100, "offset": 0}).json()["items"]
        ][: args.views]
        cold = []
        for story_id in view_ids:  # build each view once: features of its members, claims, conflicts
            started = time.perf_counter()
            httpx.get(f"{base}/api/v1/stories/{story_id}", timeout=300).raise_for_status()
            cold.append(time.perf_counter() - started)
        list_paths = [
            f"/api/v1/stories?offset={chooser.randrange(0, max(1, stories - 20))}&limit=20"
            for _ in range(200)
        ] + ["/api/v1/stories"] * 50
        results = {
            "store": {"articles": health["articles"], "stories": health["stories"]},
            "threads": args.threads,
            "seconds_per_test": args.seconds,
            "cpu_count": os.cpu_count(),
            "story_list": hammer(base, list_paths, args.seconds, args.threads),
            "story_view_cached": hammer(
                base, [f"/api/v1/stories/{i}" for i in view_ids], args.seconds, args.threads
            ),
            "story_view_cold_ms": {
                "stories": len(cold),
                "p50": round(1000 * statistics.median(cold), 1),
                "max": round(1000 * max(cold), 1),
            },
            "story_search": hammer(base, ["/api/v1/stories?q=police+shooting"], min(args.seconds, 5), 2),
            "story_page_html": hammer(
                base, [f"/stories/{i}" for i in view_ids], min(args.seconds, 5), args.threads
            ),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
