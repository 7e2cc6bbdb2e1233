"""Reader speed and memory, printed as JSON.

    python benchmarks/bench_readers.py [--big-mb 200]

- jsonl: articles/s reading the labelled JSON Lines in ../shared/data (GVA + ECB+).
- warc: pages/s reading a WARC.gz built from ECB+ with benchmarks/make_warc.py (trafilatura extraction).
- big_jsonl: a generated JSON Lines file of --big-mb MB read end to end: MB/s, then (second pass) the peak
  memory Python allocated while reading (tracemalloc).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from samestory.model import Article
from samestory.readers import iter_records

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_warc import write_warc  # noqa: E402  (a sibling script, not a package)


def _timed_read(paths: list[Path]) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(isinstance(record, Article) for record in iter_records(paths))
    return count, time.perf_counter() - start


def bench_jsonl() -> dict[str, float]:
    paths = [DATA / "gva-dev.jsonl", DATA / "ecbplus-dev.jsonl"]
    count, seconds = _timed_read(paths)
    return {"articles": count, "seconds": round(seconds, 3), "articles_per_s": round(count / seconds)}


def bench_warc(folder: Path) -> dict[str, float]:
    path = folder / "ecbplus.warc.gz"
    with open(DATA / "ecbplus-dev.jsonl", encoding="utf-8") as lines:
        write_warc((json.loads(line) for line in lines if line.strip()), path)
    count, seconds = _timed_read([path])
    return {"pages": count, "seconds": round(seconds, 3), "pages_per_s": round(count / seconds, 1)}


def bench_big_jsonl(folder: Path, megabytes: int) -> dict[str, float]:
    path = folder / "big.jsonl"
    line = json.dumps({"title": "Generated", "text": "A generated sentence for the reader benchmark. " * 40})
    encoded = (line + "\n").encode()
    with path.open("wb") as out:
        for _ in range(megabytes * 2**20 // len(encoded)):
            out.write(encoded)
    size_mb = path.stat().st_size / 2**20
    count, seconds = _timed_read([path])
    tracemalloc.start()  # a second pass: tracing slows every allocation, so it is kept out of the timing
    _timed_read([path])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "file_mb": round(size_mb),
        "articles": count,
        "mb_per_s": round(size_mb / seconds, 1),
        "articles_per_s": round(count / seconds),
        "peak_traced_mb": round(peak / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--big-mb", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = {
            "jsonl": bench_jsonl(),
            "warc": bench_warc(Path(folder)),
            "big_jsonl": bench_big_jsonl(Path(folder), args.big_mb),
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
