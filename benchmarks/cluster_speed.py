"""Story clustering speed: end-to-end throughput of ``samestory cluster`` on GVA dev (default and fast mode;
with worker processes and without; in memory and into a new store with ``--db``). How the clusterer's cost
and memory grow with the archive: ``cluster_scale.py``.

    python benchmarks/cluster_speed.py [--sample 500] [--replicas 1] [--runs 1] [--modes fast default]

The end-to-end runs time the command itself (a child process: imports, model loading, reading, cleaning,
features, clustering, the store when there is one, and the output all count) and give the load average
before each run: the machine may be shared, so compare runs made back to back. ``cpu_s`` is the CPU time of
the command's whole process tree (its worker processes included; sampled from /proc, so Linux only): unlike
the wall time it hardly moves when other work shares the cores. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import DATA  # noqa: E402

from samestory.stories.clusterer import ClusterParams  # noqa: E402

RUNS = ((None, False), (0, False), (None, True))  # (workers, store): default, one process, into a new store
COMMAND = Path(sys.executable).with_name("samestory")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def end_to_end(sample: Path, fast: bool, workers: int | None, store: bool = False) -> dict:
    """``samestory cluster SAMPLE`` timed from the outside; ``workers`` None: the command's default; ``store``:
    into a new store (``--db``), as ingest would, instead of in memory."""
    with tempfile.TemporaryDirectory() as scratch:
        args = [str(COMMAND), "cluster", str(sample), "-o", str(Path(scratch) / "a.jsonl")]
        args += ["--db", str(Path(scratch) / "s.db")] * store
        args += ["--fast"] * fast + ([] if workers is None else ["--workers", str(workers)])
        load = os.getloadavg()[0]
        start = time.perf_counter()
        command = subprocess.Popen(args, env=os.environ | {"HF_HUB_OFFLINE": "1"})
        cpu: dict[int, float] = {}  # pid -> CPU seconds, last seen
        while command.poll() is None:
            cpu.update(_tree_cpu(command.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if command.returncode:
            raise subprocess.CalledProcessError(command.returncode, args)
        articles = sum(1 for _ in (Path(scratch) / "a.jsonl").open())
    return {
        "workers": "default" if workers is None else workers,
        "store": store,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "cpu_s": round(sum(cpu.values()), 2) if cpu else None,
        "load_before": round(load, 2),
    }


def repeated(sample: Path, fast: bool, workers: int | None, store: bool, runs: int) -> dict:
    """``end_to_end`` ``runs`` times in a row: the machine's speed drifts, a median says more than one run."""
    if runs <= 1:
        return end_to_end(sample, fast, workers, store)
    timed = [end_to_end(sample, fast, workers, store) for _ in range(runs)]
    rates = sorted(run["articles_per_s"] for run in timed)
    return {"runs": timed, "median_articles_per_s": rates[len(rates) // 2]}


def _tree_cpu(root: int) -> dict[int, float]:
    """User + system CPU seconds of ``root`` and its descendants, by pid, from /proc ({} without it)."""
    found: dict[int, float] = {}
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # after the name
            found[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
            for task in Path(f"/proc/{pid}/task").iterdir():  # any thread may have started a child
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:  # exited meanwhile, or no /proc
            continue
    return found


def replicated(records: list[dict], replicas: int) -> list[dict]:
    """``records`` and ``replicas - 1`` copies as later news, so the fixed costs of a run (imports, starting
    the pool) weigh as on a long input: each copy gets new ids and URLs, dates shifted past the sample's span,
    the time window and the story archive (the copies never meet, where they would be wire copies of each other
    or join each other's stories) and a closing line that makes its texts differ (the store keeps exact
    duplicates as copies)."""
    days = [date.fromisoformat(r["date"][:10]) for r in records if r.get("date")]
    gap = ClusterParams.window_days + ClusterParams.archive_days + 1
    shift = (max(days) - min(days)).days + gap if days else 0
    copies = []
    for k in range(1, replicas):
        for record in records:
            copy = {**record, "id": f"{record['id']}~{k}", "text": f"{record['text']}\n\nReplica {k}."}
            if record.get("url"):
                copy["url"] = f"{record['url']}#replica-{k}"
            if record.get("date"):
                copy["date"] = (date.fromisoformat(record["date"][:10]) + timedelta(days=k * shift)).isoformat()
            copies.append(copy)
    return records + copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", choices=("fast", "default"), default=("fast", "default"))
    parser.add_argument("--sample", type=int, default=500, help="GVA articles for the end-to-end runs")
    parser.add_argument(
        "--replicas", type=int, default=1, help="the sample this many times, as later news (see replicated)"
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="time each configuration this often in a row (with the median)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "sample.jsonl"
        with open(DATA / "gva-dev.jsonl", encoding="utf-8") as lines:
            records = [json.loads(line) for _, line in zip(range(args.sample), lines, strict=False)]
        sample.write_text("".join(json.dumps(r) + "\n" for r in replicated(records, args.replicas)))
        report = {
            f"end_to_end_{mode}": [
                repeated(sample, mode == "fast", workers, store, args.runs) for workers, store in RUNS
            ]
            for mode in args.modes
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
