"""The compare and eval-pairs commands: JSON verdicts, the batch pair contract, correlations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from samestory.cli import cli
from samestory.judge import DIMENSIONS

ENVOY = "The envoy met the foreign minister in Tokyo on Friday to discuss North Korea. They agreed to cooperate."
QUAKE = "A strong earthquake shook southern Peru on Monday. Rescuers searched collapsed homes in two villages."


def test_compare_two_files_as_json(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ENVOY, encoding="utf-8")
    b.write_text(QUAKE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--json", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    judgement = json.loads(result.output)
    assert set(judgement["scores"]) == set(DIMENSIONS)
    assert judgement["scores"]["Overall"] >= 3.0
    assert {"names_both", "aligned", "unsupported_a", "notes"} <= set(judgement["evidence"])


def test_compare_unknown_item_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["compare", "nope-1", "nope-2", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "nope-1" in result.output
    assert not (tmp_path / "none.db").exists()


def test_compare_an_empty_file_says_why(tmp_path: Path) -> None:
    empty, other = tmp_path / "empty.txt", tmp_path / "b.txt"
    empty.write_text("")
    other.write_text(ENVOY)
    result = CliRunner().invoke(cli, ["compare", str(empty), str(other), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "no article could be read" in result.output and "empty file" in result.output


def test_compare_refuses_a_file_of_several_articles(tmp_path: Path) -> None:
    feed = tmp_path / "two.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": ENVOY}) + "\n" + json.dumps({"id": "b", "text": QUAKE}) + "\n")
    single = tmp_path / "one.txt"
    single.write_text(ENVOY)
    result = CliRunner().invoke(cli, ["compare", str(feed), str(single), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "more than one article" in result.output


def test_batch_pairs_and_eval_pairs(tmp_path: Path) -> None:
    texts = [(ENVOY, ENVOY.replace("Friday", "Friday morning")), (ENVOY, QUAKE), (QUAKE, ENVOY), (QUAKE, QUAKE)]
    gold = [1.0, 4.0, 4.0, 1.0]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "".join(
            json.dumps(
                {
                    "pair_id": f"p{i}",
                    "lang1": "en",
                    "lang2": "en",
                    "text1": t1,
                    "text2": t2,
                    **dict.fromkeys(DIMENSIONS, g),
                }
            )
            + "\n"
            for i, ((t1, t2), g) in enumerate(zip(texts, gold, strict=True))
        ),
        encoding="utf-8",
    )
    scores = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(cli, ["compare", "--pairs", str(pairs), "--output", str(scores)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in scores.read_text(encoding="utf-8").splitlines()]
    assert [r["pair_id"] for r in rows] == ["p0", "p1", "p2", "p3"]
    assert all(set(DIMENSIONS) <= set(r) for r in rows)
    assert rows[1]["Overall"] == rows[2]["Overall"]  # symmetric

    result = CliRunner().invoke(cli, ["eval", "pairs", str(pairs), "--pred", str(scores)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pairs"] == 4 and report["all"]["Overall"]["pearson"] > 0.9
    assert report["by_language"]["en-en"]["pairs"] == 4


def test_compare_stored_ids_aligns_sentences(tmp_path: Path) -> None:
    """Ingest stores features without sentence vectors; comparing stored ids must still align sentences."""
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    examples = Path(__file__).parent.parent / "examples" / "articles"
    files = [str(examples / "harbor-wire-tabriz-quake.txt"), str(examples / "evening-ledger-tabriz-quake.html")]
    assert runner.invoke(cli, ["ingest", *files, "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["articles", "--json", "--db", db]).output.splitlines()
    ids = [json.loads(line)["id"] for line in listed]
    assert len(ids) == 2
    result = runner.invoke(cli, ["compare", *ids, "--json", "--db", db])
    assert result.exit_code == 0, result.output
    judgement = json.loads(result.output)
    assert judgement["evidence"]["aligned"], "no aligned sentence pairs from stored features"
    assert judgement["scores"]["Overall"] <= 2.5
