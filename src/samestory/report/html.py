"""Story views as one self-contained static HTML page: inline CSS, no scripts, no external assets.
Jinja2 autoescaping is on, so article text is always escaped; links are emitted only for http(s) URLs."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from samestory.report.common import DIFFERENCE_NAMES, outlet_labels, safe_url, time_span
from samestory.stories.view import StoryView

TEMPLATES = Path(__file__).with_name("templates")


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(safe_url=safe_url, time_span=time_span, difference_names=DIFFERENCE_NAMES)
    return environment


def render_html(views: list[StoryView], title: str | None = None) -> str:
    stories = [{"view": view, "labels": outlet_labels(view)} for view in views]
    page_title = title or (views[0].headline if len(views) == 1 else f"{len(views)} stories")
    return _environment().get_template("story.html.j2").render(stories=stories, title=page_title)
