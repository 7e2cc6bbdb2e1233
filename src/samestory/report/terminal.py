"""The story view in a terminal with rich; every text from an article goes through ``escape`` so that
brackets in a report are printed, not read as markup."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from samestory.report.common import DIFFERENCE_NAMES, outlet_labels, time_span
from samestory.stories.view import KeyEntity, StoryView

MAX_ENTITIES = 8


def render_story_terminal(view: StoryView, console: Console) -> None:
    labels = outlet_labels(view)
    heading = f"[bold]{escape(view.headline)}[/bold]\n{escape(time_span(view))}"
    if view.languages:
        heading += f" · {escape(', '.join(view.languages))}"
    console.print(Panel(heading, title=f"story {escape(view.story_id or '')}".strip(), expand=True))

    console.print("[bold]Outlets[/bold]")
    for outlet in view.outlets:
        copies = f" [dim](+{len(outlet.copies)} copies)[/dim]" if outlet.copies else ""
        title = f" — {escape(outlet.title)}" if outlet.title else ""
        console.print(f"  {labels[outlet.article_id]} [cyan]{escape(outlet.source)}[/cyan]{title}{copies}")

    for heading_text, entities in (
        ("People", view.people),
        ("Organisations", view.organisations),
        ("Places", view.places),
    ):
        if entities:
            console.print(
                f"[bold]{heading_text}[/bold]: "
                + "; ".join(_entity(e, labels) for e in entities[:MAX_ENTITIES])
            )

    if view.summary:
        console.print("\n[bold]Summary[/bold]")
        for sentence in view.summary:
            cites = "".join(dict.fromkeys(labels[c] for c in sentence.cites))
            console.print(f"  {escape(sentence.text)} [dim]{escape(cites)}[/dim]")

    if view.agreed:
        table = Table(title="Agreed (two or more independent outlets)", show_lines=True, expand=True)
        table.add_column("#", style="dim", width=4)
        for outlet in view.outlets:
            table.add_column(escape(f"{labels[outlet.article_id]} {outlet.source}"), style="green")
        for claim in view.agreed:
            by_outlet = {s.article_id: s.sentence for s in claim.supports}
            table.add_row(str(claim.id), *(escape(by_outlet.get(o.article_id, "")) for o in view.outlets))
        console.print(table)

    for conflict in view.conflicts:
        kinds = ", ".join(DIFFERENCE_NAMES[d.kind] for d in conflict.differences)
        console.print(
            f"\n[bold red]Conflict {conflict.claim.id}[/bold red]: the outlets differ on {escape(kinds)}"
        )
        for support in conflict.claim.supports:
            differing = [v for d in conflict.differences for v in d.versions.get(support.article_id, [])]
            console.print(f"  {labels[support.article_id]} {escape(support.sentence)}")
            if differing:
                console.print(f"      [red]says: {escape(', '.join(differing))}[/red]")

    for outlet in view.outlets:
        claims = view.unique.get(outlet.article_id, [])
        if claims:
            console.print(
                f"\n[bold yellow]Only {labels[outlet.article_id]} {escape(outlet.source)}[/bold yellow]"
            )
            for claim in claims:
                extra = (
                    f" [yellow](adds: {escape(', '.join(claim.only_here))})[/yellow]"
                    if claim.only_here
                    else ""
                )
                console.print(f"  • {escape(claim.supports[0].sentence)}{extra}")

    if view.timeline:
        console.print("\n[bold]Timeline[/bold]")
        for day in view.timeline:
            sources = " ".join(dict.fromkeys(labels.get(a, a) for a in day.article_ids))
            console.print(f"  {day.day}: {escape(sources)} — {len(day.new_claims)} new claims")


def _entity(entity: KeyEntity, labels: dict[str, str]) -> str:
    roles = f" ({escape(', '.join(entity.roles))})" if entity.roles else ""
    return f"{escape(entity.name)}{roles} {escape(''.join(labels.get(s, '') for s in entity.sources))}"
