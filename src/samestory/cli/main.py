"""The ``samestory`` command group; each sub-module of ``samestory.cli`` adds its commands to it."""

from __future__ import annotations

import click

from samestory.settings import default_db_path

db_option = click.option(
    "--db",
    "db_path",
    default=default_db_path,
    show_default="./samestory.db or $SAMESTORY_DB",
    help="SQLite file of the store.",
)
fast_option = click.option(
    "--fast",
    is_flag=True,
    help="Lexical features only (no NER, no encoder): much faster, less accurate. Keep one mode per store.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samestory")
def cli() -> None:
    """samestory: which news reports tell the same story, and what their sources agree on.

    \b
    Typical use:
      samestory ingest examples/articles/ read, clean, store and group into stories
      samestory stories                   list the stories
      samestory story ID                  what the sources agree on, add, and dispute
      samestory compare A.txt B.txt       judge two reports on the SemEval-2022 scale
    """
