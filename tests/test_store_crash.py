"""Crash safety: an ingest killed with SIGKILL keeps every committed batch, and the next run resumes."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from samestory.engine import DEFAULT_BATCH_SIZE

TOTAL = 1_500
INGEST = [sys.executable, "-c", "from samestory.cli import main; main()", "ingest", "--json"]


def committed_count(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_killed_ingest_keeps_whole_batches_and_next_run_resumes(tmp_path):
    feed = tmp_path / "big.jsonl"
    with feed.open("w") as out:
        for n in range(TOTAL):
            text = f"Report {n}: the council of town {n} met on Monday and voted on budget line {n * 7}."
            out.write(json.dumps({"id": f"gen-{n}", "title": f"Council {n} votes", "text": text}) + "\n")
    db = tmp_path / "crash.db"

    first = subprocess.Popen([*INGEST, str(feed), "--db", str(db)], stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while committed_count(db) == 0 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    kept = committed_count(db)
    assert first.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < kept < TOTAL
    assert kept % DEFAULT_BATCH_SIZE == 0  # a batch is committed whole or not at all

    second = subprocess.run([*INGEST, str(feed), "--db", str(db)], capture_output=True, check=True, text=True)

    summary = json.loads(second.stdout)
    assert (summary["already_present"], summary["stored"], summary["errors"]) == (kept, TOTAL - kept, 0)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {row[0] for row in connection.execute("SELECT id FROM articles")}
    assert ids == {f"gen-{n}" for n in range(TOTAL)}
