"""``samestory eval ...``: measure samestory against labelled data."""

from __future__ import annotations

import json

import click

from samestory.cli.main import SkipReport, cli
from samestory.model import ReadFailure
from samestory.readers.jsonlines import json_objects


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

    skipped = SkipReport()
    gold = _labels(gold_path, "event_id", skipped)
    if not gold:
        raise click.ClickException(f"{gold_path}: no line with an \"id\" and an \"event_id\" to score against")
    if pred_path:
        predicted = _labels(pred_path, "story", skipped)
    else:
        from samestory.cli.stories import cluster_inputs

        predicted = dict(cluster_inputs((gold_path,), None, fast, on_error=skipped))
    click.echo(json.dumps(score_clusters(gold, predicted).to_dict()))
    skipped.exit_if_any()


def _labels(path: str, field: str, skipped: SkipReport) -> dict[str, str]:
    """``id`` -> ``field`` of each line of a JSON Lines file (see ``rows_with``)."""
    return {str(row["id"]): str(row[field]) for row in rows_with(path, ("id", field), skipped)}


def rows_with(path: str, fields: tuple[str, ...], skipped: SkipReport) -> list[dict]:
    """The objects of a JSON Lines file that have each of ``fields`` as a string or number; every other line is
    reported to ``skipped`` with its file and line, and left out."""
    rows = []
    for item in json_objects(path):
        if isinstance(item, ReadFailure):
            skipped(item)
        elif all(isinstance(item[1].get(field), str | int | float) for field in fields):
            rows.append(item[1])
        else:
            named = " and ".join(f'"{field}"' for field in fields)
            skipped(ReadFailure(item[0], f"expected {named} (strings or numbers)"))
    return rows
