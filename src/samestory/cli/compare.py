"""``samestory compare A B`` (a verdict with evidence) and ``samestory compare --pairs`` (batch scores)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from samestory.cli.evaluate import eval_group, rows_with
from samestory.cli.main import SkipReport, cli, db_option, writable_output
from samestory.judge.encoders import ENCODERS
from samestory.model import Article, ReadFailure

if TYPE_CHECKING:
    from samestory.features import ArticleFeatures

encoder_option = click.option(
    "--encoder",
    type=click.Choice(ENCODERS),
    default=None,
    help="Sentence encoder: minilm (bundled, English) or multilingual (needs samestory[multilingual]). "
    "Default: $SAMESTORY_JUDGE_ENCODER or minilm.",
)


@cli.command("compare")
@click.argument("items", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the judgement as one JSON object.")
@click.option("--pairs", "pairs_path", type=click.Path(exists=True, dir_okay=False), help="Pairs JSON Lines.")
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    callback=writable_output,
    help="Scores JSON Lines (--pairs).",
)
@encoder_option
@db_option
def compare_command(
    items: tuple[str, ...],
    as_json: bool,
    pairs_path: str | None,
    output_path: str | None,
    encoder: str | None,
    db_path: str,
) -> None:
    """Judge how alike two reports are: A and B are files (any readable format) or stored article ids.

    \b
    Scores follow SemEval-2022 Task 8: 1 = very similar ... 4 = very dissimilar.
    Batch: samestory compare --pairs PAIRS.jsonl --output SCORES.jsonl
    """
    if pairs_path:
        if items:
            raise click.UsageError("give either two articles or --pairs, not both")
        _score_pair_file(Path(pairs_path), output_path, encoder)
        return
    if len(items) != 2:
        raise click.UsageError("give two articles (files or stored ids), or --pairs PAIRS.jsonl")
    from samestory.judge import judge_features

    try:
        (a, fa), (b, fb) = _load_pair(items, db_path)
        judgement = judge_features(fa, fb, a.published, b.published, encoder=encoder)
    except (LookupError, ValueError, RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(judgement.to_dict(), ensure_ascii=False, indent=2))
    else:
        from samestory.judge.report import render_text

        click.echo(render_text(judgement, items[0], items[1]))


def _load_pair(items: tuple[str, ...], db_path: str) -> list[tuple[Article, ArticleFeatures]]:
    """Each item as (article, features): a readable file is read, cleaned and featurised; otherwise the item is
    a stored article id, whose stored features are used, completed and stored back (``full_features``)."""
    from samestory.features import extract_many

    loaded: list[tuple[Article, ArticleFeatures | None]] = []
    for item in items:
        if Path(item).exists():
            loaded.append((_read_one(item), None))
            continue
        if not Path(db_path).is_file():
            raise LookupError(f"{item}: no such file, and no store at {db_path} to look the id up in")
        from samestory.store import Store
        from samestory.stories.view.load import full_features

        with Store(db_path) as store:
            article = store.get_article(item)
            if article is None:
                raise LookupError(f"{item}: neither a file nor an article id stored in {db_path}")
            loaded.append((article, full_features(store, [article])[0]))
    missing = [article for article, features in loaded if features is None]
    computed = iter(extract_many(missing))
    return [(article, features or next(computed)) for article, features in loaded]


def _read_one(path: str) -> Article:
    """The one article of ``path``. None is an error that says why (what reading met first); more than one too:
    which of a folder's or a feed's articles was meant is not for this command to guess."""
    from itertools import islice

    from samestory.pipeline import read

    failures: list[ReadFailure] = []
    articles = list(islice(read(path, on_error=failures.append), 2))
    if len(articles) > 1:
        raise ValueError(
            f"{path}: holds more than one article; give one article per side (a file, or a stored id after"
            " 'samestory ingest')"
        )
    if not articles:
        why = f" ({failures[0]})" if failures else ""
        raise ValueError(f"{path}: no article could be read from it{why}")
    return articles[0]


def _score_pair_file(pairs_path: Path, output_path: str | None, encoder: str | None) -> None:
    from samestory.judge.dataset import score_pair_records
    from samestory.judge.training import load_pairs

    skipped = SkipReport()
    pairs = load_pairs(pairs_path, on_error=skipped)
    lines = [json.dumps(row, ensure_ascii=False) for row in score_pair_records(pairs, encoder=encoder)]
    text = "\n".join(lines) + ("\n" if lines else "")
    if output_path:
        Path(output_path).write_text(text, encoding="utf-8")
        click.echo(f"{len(lines)} pairs scored -> {output_path}", err=True)
    else:
        click.echo(text, nl=False)
    skipped.exit_if_any()


@eval_group.command("pairs")
@click.argument("gold_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False), help="Scores JSON Lines.")
@encoder_option
def eval_pairs_command(gold_path: str, pred_path: str | None, encoder: str | None) -> None:
    """Pearson and Spearman of pair scores against GOLD, per dimension and per language pair.

    Without --pred the shipped judge scores the gold pairs itself. It was trained on the SemEval-2022 training
    pairs, so on that file the figures are in-sample: use benchmarks/judge_pairs.py for cross-validated ones.
    """
    from samestory.eval.pairs import pair_report

    skipped = SkipReport()
    gold = rows_with(gold_path, ("pair_id",), skipped)
    if pred_path:
        rows = rows_with(pred_path, ("pair_id",), skipped)
    else:
        from samestory.judge.dataset import score_pair_records

        rows = score_pair_records(gold, encoder=encoder)
    predicted = {str(row["pair_id"]): row for row in rows}
    click.echo(json.dumps(pair_report(gold, predicted), indent=2))
    skipped.exit_if_any()
