"""Commands on bad input: the evaluation contracts (``cluster``, ``eval clusters``, ``compare --pairs``, ``eval
pairs``) write what they can read, name each line they leave out, then exit with status 1; an output folder
that is missing and a store that cannot be opened are messages, never tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from samestory.cli import cli
from samestory.judge import DIMENSIONS
from samestory.judge.training import load_pairs
from samestory.model import InputError

ENVOY = "The envoy met the foreign minister in Tokyo on Friday to discuss North Korea. They agreed to cooperate."
QUAKE = "A strong earthquake shook southern Peru on Monday. Rescuers searched collapsed homes in two villages."


def _lines(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_eval_clusters_scores_the_readable_lines_and_names_the_others(tmp_path: Path) -> None:
    gold = _lines(
        tmp_path / "gold.jsonl",
        '{"id": "a", "event_id": "e1"}',
        "not json",
        '{"id": "b", "event_id": "e1"}',
        '["a list"]',
        '{"id": "c"}',
        '{"id": "c", "event_id": "e2"}',
    )
    pred = _lines(tmp_path / "pred.jsonl", '{"id": "a", "story": "s1"}', '{"id": "b", "story": "s1"}', "{", "")
    result = CliRunner().invoke(cli, ["eval", "clusters", str(gold), "--pred", str(pred)])
    assert result.exit_code == 1, result.output
    scores = json.loads(result.stdout)
    assert scores["articles"] == 3 and scores["bcubed_precision"] == 1.0  # "c", never predicted, is a singleton
    for line in ("gold.jsonl:2: invalid JSON", "gold.jsonl:4: expected a JSON object", "gold.jsonl:5:", "pred.jsonl:3"):
        assert line in result.stderr


def test_cluster_writes_the_readable_articles_then_exits_1(tmp_path: Path) -> None:
    articles = _lines(
        tmp_path / "in.jsonl",
        json.dumps({"id": "a", "text": ENVOY, "date": "2020-07-10"}),
        "not json",
        json.dumps({"id": "b", "text": QUAKE, "date": "2020-07-11"}),
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["cluster", str(articles), "-o", str(out), "--fast"])
    assert result.exit_code == 1
    assert "in.jsonl:2: invalid JSON" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]


def test_eval_clusters_without_any_gold_line_is_a_clear_error(tmp_path: Path) -> None:
    gold = _lines(tmp_path / "gold.jsonl", "[1, 2]", '{"id": "a"}')
    result = CliRunner().invoke(cli, ["eval", "clusters", str(gold), "--pred", str(gold)])
    assert result.exit_code != 0
    assert "no line with an" in result.output and "Traceback" not in result.output


def test_load_pairs_names_the_bad_line(tmp_path: Path) -> None:
    pairs = _lines(tmp_path / "pairs.jsonl", json.dumps({"pair_id": "1", "text1": ENVOY, "text2": QUAKE}), "oops")
    with pytest.raises(InputError, match=r"pairs.jsonl:2: invalid JSON"):
        load_pairs(pairs)
    skipped = []
    assert [p["pair_id"] for p in load_pairs(pairs, on_error=skipped.append)] == ["1"]
    assert [f.where for f in skipped] == [f"{pairs}:2"]


@pytest.mark.slow
def test_batch_pairs_skip_bad_lines_and_eval_pairs_skips_rows_without_id(tmp_path: Path) -> None:
    pair = {"lang1": "en", "lang2": "en", "text1": ENVOY, "text2": QUAKE, **dict.fromkeys(DIMENSIONS, 4.0)}
    pairs = _lines(
        tmp_path / "pairs.jsonl",
        json.dumps({"pair_id": "p1", **pair}),
        '{"pair_id": "p2", "text1": ',
        json.dumps({"pair_id": "p3", **pair, "text2": ENVOY, **dict.fromkeys(DIMENSIONS, 1.0)}),
    )
    scores = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(cli, ["compare", "--pairs", str(pairs), "--output", str(scores)])
    assert result.exit_code == 1, result.output
    assert "pairs.jsonl:2: invalid JSON" in result.stderr
    rows = [json.loads(line) for line in scores.read_text(encoding="utf-8").splitlines()]
    assert [row["pair_id"] for row in rows] == ["p1", "p3"]

    with scores.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"Overall": 1.0}) + "\n")  # no pair_id: named and left out
    result = CliRunner().invoke(cli, ["eval", "pairs", str(pairs), "--pred", str(scores)])
    assert result.exit_code == 1, result.output
    assert "pairs.jsonl:2: invalid JSON" in result.stderr and 'scores.jsonl:3: expected "pair_id"' in result.stderr
    assert json.loads(result.stdout)["pairs"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["cluster", "IN", "-o", "{missing}/out.jsonl", "--fast"],
        ["compare", "--pairs", "IN", "--output", "{missing}/scores.jsonl"],
        ["report", "--all", "--out", "{missing}/report.html", "--db", "{tmp}/x.db"],
    ],
)
def test_an_output_in_a_missing_folder_is_refused_before_any_work(tmp_path: Path, args: list[str]) -> None:
    source = _lines(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": ENVOY}))
    missing = tmp_path / "no" / "such"
    filled = [str(source) if a == "IN" else a.format(missing=missing, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, filled)
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("command", [["stories"], ["story", "s1"], ["articles"], ["ingest", "IN"]])
def test_a_store_that_cannot_be_opened_is_a_message_for_every_command(tmp_path: Path, command: list[str]) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are my notes, not a database\n" * 100)
    source = _lines(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": ENVOY}))
    for db in (not_sqlite, tmp_path / "no" / "such" / "x.db"):
        args = [str(source) if a == "IN" else a for a in command]
        result = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 1, result.output
        assert str(db) in result.output and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_failure_is_one_line_however_long_its_path(tmp_path: Path) -> None:
    folder = tmp_path / ("a-long-folder-name-" * 6)
    folder.mkdir()
    bad = _lines(folder / "bad.jsonl", json.dumps({"id": "a", "text": ENVOY}), "not json")
    for command in (["read", str(bad)], ["ingest", str(bad), "--db", str(tmp_path / "x.db")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1
        assert f"{bad}:2: invalid JSON" in result.stderr.splitlines()[0]
