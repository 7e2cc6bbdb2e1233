"""Faces for a story view: the terminal (rich), Markdown and a self-contained static HTML page.

render_story_terminal(view, console)
render_markdown(views) -> str
render_html(views) -> str
"""

from samestory.report.html import render_html
from samestory.report.markdown import render_markdown
from samestory.report.terminal import render_story_terminal

__all__ = ["render_html", "render_markdown", "render_story_terminal"]
