"""``samestory serve``: the web pages and the JSON API over one store."""

from __future__ import annotations

import click

from samestory.cli.main import cli, db_option


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless told.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve(db_path: str, host: str, port: int) -> None:
    """Serve the story pages and the API (schema at /openapi.json).

    \b
    Writes (POST /api/v1/articles) need SAMESTORY_API_TOKEN; set SAMESTORY_PROTECT_READS=1 to guard reads too.
    """
    import uvicorn

    from samestory.api import create_app

    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"Listening on {host}: reachable from other machines.", err=True)
    uvicorn.run(create_app(db_path=db_path), host=host, port=port, log_level="info")
