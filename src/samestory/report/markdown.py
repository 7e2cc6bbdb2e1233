"""Story views as Markdown. Article text is escaped twice over: HTML special characters become entities (a
Markdown viewer would otherwise render ``<script>`` as HTML) and Markdown syntax is backslash-escaped."""

from __future__ import annotations

import re

from samestory.report.common import DIFFERENCE_NAMES, outlet_labels, safe_url, time_span
from samestory.stories.view import StoryView

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def md_escape(text: str) -> str:
    text = "".join(_HTML.get(c, c) for c in text)
    return _MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(text.split()))


def render_markdown(views: list[StoryView]) -> str:
    return "\n\n---\n\n".join(_story(view) for view in views) + "\n"


def _story(view: StoryView) -> str:
    labels = outlet_labels(view)

    def cite(article_ids: list[str]) -> str:
        return md_escape("".join(dict.fromkeys(labels[i] for i in article_ids)))

    out = [f"# {md_escape(view.headline)}", ""]
    meta = [time_span(view), ", ".join(view.languages), f"{len(view.outlets)} independent outlets"]
    if view.story_id:
        meta.insert(0, f"story {view.story_id}")
    out += [md_escape(" · ".join(m for m in meta if m)), "", "## Outlets", ""]
    for outlet in view.outlets:
        url = safe_url(outlet.url)
        name = f"[{md_escape(outlet.source)}](<{url}>)" if url else md_escape(outlet.source)
        title = f" — {md_escape(outlet.title)}" if outlet.title else ""
        copies = f" (+{len(outlet.copies)} wire copies)" if outlet.copies else ""
        out.append(f"- {md_escape(labels[outlet.article_id])} {name}{title}{copies}")
    for heading, entities in (
        ("People", view.people),
        ("Organisations", view.organisations),
        ("Places", view.places),
    ):
        if entities:
            out += ["", f"## {heading}", ""]
            for e in entities:
                roles = f" — {md_escape(', '.join(e.roles))}" if e.roles else ""
                out.append(f"- {md_escape(e.name)}{roles} {cite(e.sources)}")
    if view.summary:
        out += ["", "## Summary", ""]
        out += [f"{md_escape(s.text)} {cite(s.cites)}" for s in view.summary]
    if view.agreed:
        out += ["", "## Agreed", ""]
        for claim in view.agreed:
            out.append(f"{claim.id}. Reported by {cite(claim.article_ids)}")
            out += [f"   - {cite([s.article_id])} {md_escape(s.sentence)}" for s in claim.supports]
    if view.conflicts:
        out += ["", "## Conflicts", ""]
        for conflict in view.conflicts:
            kinds = ", ".join(DIFFERENCE_NAMES[d.kind] for d in conflict.differences)
            out.append(f"{conflict.claim.id}. The outlets differ on {kinds}")
            for s in conflict.claim.supports:
                says = [v for d in conflict.differences for v in d.versions.get(s.article_id, [])]
                out.append(
                    f"   - {cite([s.article_id])} {md_escape(s.sentence)} **({md_escape(', '.join(says))})**"
                )
    if any(view.unique.values()):
        out += ["", "## Reported by one outlet only", ""]
        for outlet in view.outlets:
            claims = view.unique.get(outlet.article_id, [])
            if claims:
                out += [f"### {md_escape(labels[outlet.article_id])} {md_escape(outlet.source)}", ""]
                for claim in claims:
                    adds = f" *(adds: {md_escape(', '.join(claim.only_here))})*" if claim.only_here else ""
                    out.append(f"- {md_escape(claim.supports[0].sentence)}{adds}")
                out.append("")
    if view.timeline:
        out += ["", "## Timeline", ""]
        for day in view.timeline:
            out.append(f"- {day.day}: {cite(day.article_ids)}, {len(day.new_claims)} new claims")
    return "\n".join(out).rstrip()
