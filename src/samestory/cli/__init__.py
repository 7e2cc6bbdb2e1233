"""Command line: ``samestory --help``. The commands live in one module per area."""

from samestory.cli import articles as _articles  # noqa: F401  (registers commands)
from samestory.cli import compare as _compare  # noqa: F401
from samestory.cli import evaluate as _evaluate  # noqa: F401
from samestory.cli import report as _report  # noqa: F401
from samestory.cli import serve as _serve  # noqa: F401
from samestory.cli import stories as _stories  # noqa: F401
from samestory.cli.main import cli


def main() -> None:
    cli()


__all__ = ["cli", "main"]
