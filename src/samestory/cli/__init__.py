"""Command line: ``samestory --help``. The commands live in one module per area."""

from samestory.cli import articles as _articles  # noqa: F401  (registers commands)
from samestory.cli.main import cli


def main() -> None:
    cli()


__all__ = ["cli", "main"]
