"""The ``samestory`` command group; each sub-module of ``samestory.cli`` adds its commands to it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from samestory.model import ReadFailure, SamestoryError
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


class _Commands(click.Group):
    """The command group; an error samestory raises on purpose (a store it cannot open, say) ends any command
    as a message and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SamestoryError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samestory")
def cli() -> None:
    """samestory: which news reports tell the same story, and what their sources agree on.

    \b
    Typical use:
      samestory ingest examples/articles/   read, clean, store and group into stories
      samestory stories                     list the stories
      samestory story ID                    what the sources agree on, add, and dispute
      samestory compare A.txt B.txt         judge two reports on the SemEval-2022 scale
    """


class SkipReport:
    """Reports each record a batch leaves out on stderr, naming file and record, and counts them: the command
    then ends with exit status 1 after writing its output (``exit_if_any``), as reading and ingest do.
    ``console``: print through it, above its live progress display, rather than across it."""

    def __init__(self, console: Console | None = None) -> None:
        self.count = 0
        self._console = console

    def __call__(self, failure: ReadFailure) -> None:
        self.count += 1
        if self._console is None:
            click.echo(f"skipped: {failure}", err=True)
        else:
            # A Text: brackets in a file name are no markup; soft wrap: one line per record, however long.
            self._console.print(Text(f"skipped: {failure}"), soft_wrap=True)

    def exit_if_any(self) -> None:
        if self.count:
            raise SystemExit(1)


def writable_output(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Callback of an output-file option: its folder must exist and be writable, checked before the command
    does its work rather than after (None and '-', standard output, pass)."""
    if value is None or str(value) == "-":
        return value
    folder = Path(value).parent
    if not folder.is_dir():
        raise click.BadParameter(f"the folder {str(folder)!r} does not exist", ctx, param)
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"the folder {str(folder)!r} is not writable", ctx, param)
    return value


@contextmanager
def progress_counter(console: Console, what: str) -> Iterator[Progress]:
    """A live count of ``what`` on ``console`` (stderr); silent when it is not a terminal (pipes, logs, tests)."""
    columns = (SpinnerColumn(), TextColumn("{task.completed:,} " + what), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield progress
