"""``samestory eval ...``: measure samestory against labelled data."""

from __future__ import annotations

import json

import click

from samestory.cli.main import cli


@cli.group("eval")
def eval_group() -> None:
    """Measure samestory against labelled data."""


@eval_group.command("clusters")
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(exists=True, dir_okay=False),
    help="ASSIGNMENTS.jsonl from 'samestory cluster'; without it GOLD itself is clustered.",
)
@click.option("--fast", is_flag=True, help="Without --pred: cluster with lexical features only.")
def clusters(gold_path: str, pred_path: str | None, fast: bool) -> None:
    """B-cubed, pairwise F1 and ARI of story assignments against the gold ``event_id`` of each article."""
    from samestory.eval.clusters import score_clusters  # scikit-learn's metrics: 0.7 s no other command needs

    gold = {row["id"]: row["event_id"] for row in _jsonl(gold_path)}
    if pred_path:
        predicted = {row["id"]: row["story"] for row in _jsonl(pred_path)}
    else:
        from samestory.cli.stories import cluster_inputs

        predicted = dict(cluster_inputs((gold_path,), None, fast))
    click.echo(json.dumps(score_clusters(gold, predicted).to_dict()))


def _jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]
