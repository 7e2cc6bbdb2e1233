"""Ingest throughput and memory: read + clean + store into a fresh SQLite file, printed as JSON.

    python benchmarks/ingest_throughput.py                 # GVA dev as JSONL and as WARC, 1x and 4x
    python benchmarks/ingest_throughput.py --repeat 1      # quicker: 1x only

Each run is a child process (so its peak RSS is its own) ingesting with ``Engine`` and no extra steps.
``--repeat N`` writes the input N times over with new ids, so a flat peak RSS between 1x and 4x shows memory
does not grow with input size. Figures: articles/s on wall time and per CPU second (the CPU figure is the
one to compare on a shared, loaded machine), peak RSS, and the store's share of the time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT.parent / "shared" / "data" / "gva-dev.jsonl"
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from make_warc import write_warc  # noqa: E402  (a sibling script, not a package)


def repeated_records(path: Path, repeat: int) -> Iterator[dict[str, Any]]:
    """The records ``repeat`` times; later copies get new ids, URLs and texts (no skip, no duplicate)."""
    for copy in range(repeat):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if copy:
                    record["id"] = f"{record['id']}~{copy}"
                    record["url"] = f"{record.get('url') or 'https://example.invalid/' + record['id']}~{copy}"
                    record["text"] = f"{record['text']}\n\n(copy {copy})"  # not an exact duplicate either
                yield record


def write_input(kind: str, repeat: int, folder: Path) -> Path:
    path = folder / f"gva-x{repeat}.{'jsonl' if kind == 'jsonl' else 'warc.gz'}"
    if kind == "jsonl":
        with path.open("w", encoding="utf-8") as out:
            for record in repeated_records(DATA, repeat):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        write_warc(repeated_records(DATA, repeat), path)
    return path


def measure_one(path: Path, db: Path) -> dict[str, Any]:
    """Runs in the child: ingest ``path`` into ``db`` and report time, CPU and peak RSS of this process."""
    from samestory.engine import Engine

    started, cpu_started = time.perf_counter(), time.process_time()
    with Engine(db) as engine:
        summary = engine.ingest(path)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "articles": summary.read,
        "stored": summary.stored + summary.duplicates,
        "errors": len(summary.errors),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "articles_per_s": round(summary.read / wall, 1),
        "articles_per_cpu_s": round(summary.read / cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "input_mb": round(path.stat().st_size / 2**20, 1),
        "db_mb": round(db.stat().st_size / 2**20, 1),
    }


def measure_store_only(db: Path) -> dict[str, Any]:
    """The store's part alone: GVA records as Articles (not read or cleaned) added in batches of 500."""
    from samestory.engine import DEFAULT_BATCH_SIZE
    from samestory.model import Article
    from samestory.store import Store

    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"), source=r.get("source"),
                published=r.get("date"), lang=r.get("lang"))
        for r in repeated_records(DATA, 1)
    ]
    started = time.perf_counter()
    with Store(db) as store:
        for start in range(0, len(articles), DEFAULT_BATCH_SIZE):
            store.add_articles(articles[start : start + DEFAULT_BATCH_SIZE])
    wall = time.perf_counter() - started
    return {
        "articles": len(articles),
        "wall_s": round(wall, 3),
        "articles_per_s": round(len(articles) / wall),
    }


def run_child(path: Path, db: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(db)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, nargs="+", default=[1, 4], help="input sizes, as copies of GVA")
    parser.add_argument("--format", nargs="+", default=["jsonl", "warc"], choices=["jsonl", "warc"])
    parser.add_argument("--child", nargs=2, metavar=("INPUT", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(Path(args.child[0]), Path(args.child[1]))))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in args.format:
            for repeat in args.repeat:
                path = write_input(kind, repeat, folder)
                db = folder / f"{path.name}.db"
                results.append({"format": kind, "repeat": repeat, **run_child(path, db)})
                path.unlink()
        store_only = measure_store_only(folder / "store-only.db")
    print(json.dumps({"data": DATA.name, "ingest": results, "store_only": store_only}, indent=2))


if __name__ == "__main__":
    main()
