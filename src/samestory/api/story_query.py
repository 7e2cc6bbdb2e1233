"""The filtered story list (days, outlet, language, words) as one SQL query over the store's tables.

``Store.list_stories`` pages without filters; the list page and ``GET /api/v1/stories`` need them. This
belongs in the store; it lives here until the store grows the same filters.
"""

from __future__ import annotations

from typing import Any

from samestory.store import Store, StoryRow

MAX_WORDS = 8
_MATCHING_STORIES = (
    "s.id IN (SELECT m.story_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
    " JOIN story_members m ON m.article_id = a.id WHERE articles_fts MATCH ?)"
)
_MEMBER_ARTICLE = (
    "EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article_id"
    " WHERE m.story_id = s.id AND {condition})"
)


def _fts_term(word: str) -> str:
    """One search word as an FTS5 prefix query: quoted, so operators and punctuation in it are plain text
    ("C++", "AND", "100%_off"), and a prefix, so "quake" also finds "quakes" as the old substring search did."""
    return '"' + word.replace('"', '""') + '"*'


def _where(
    since: str | None, until: str | None, outlet: str | None, lang: str | None, query: str | None
) -> tuple[str, list[Any]]:
    clauses = ["s.n_articles >= 1"]
    parameters: list[Any] = []
    if since:  # a story counts when its span of days overlaps the range asked for
        clauses.append("s.last_seen >= ?")
        parameters.append(since)
    if until:
        clauses.append("s.first_seen <= ?")
        parameters.append(until + "\uffff")  # a bare day also covers that day's timestamps
    if outlet:
        clauses.append(_MEMBER_ARTICLE.format(condition="a.source = ? COLLATE NOCASE"))
        parameters.append(outlet)
    if lang:
        clauses.append(_MEMBER_ARTICLE.format(condition="a.lang = ? COLLATE NOCASE"))
        parameters.append(lang)
    # Every word in the title or text of one member (the headline is a member's title), from the word index;
    # punctuation alone is no word (the index has no entry for it).
    # A NUL ends an FTS5 string early ("unterminated string"): it separates words like a space.
    words = (query or "").replace("\x00", " ").split()
    terms = [_fts_term(w) for w in words[:MAX_WORDS] if any(ch.isalnum() for ch in w)]
    if terms:
        clauses.append(_MATCHING_STORIES)
        parameters.append(" AND ".join(terms))
    return " AND ".join(clauses), parameters


def find_stories(
    store: Store,
    *,
    offset: int = 0,
    limit: int = 20,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    lang: str | None = None,
    query: str | None = None,
) -> tuple[list[StoryRow], int]:
    """(one page of matching stories, most recently seen first; how many match in all)."""
    where, parameters = _where(since, until, outlet, lang, query)
    rows = store.execute(
        "SELECT s.id, s.headline, s.first_seen, s.last_seen, s.n_articles, s.n_sources, s.created_at,"
        f" s.updated_at FROM stories s WHERE {where} ORDER BY s.last_seen DESC, s.id LIMIT ? OFFSET ?",
        [*parameters, limit, offset],
    ).fetchall()
    total = store.execute(f"SELECT count(*) FROM stories s WHERE {where}", parameters).fetchone()[0]
    return [StoryRow(*row) for row in rows], total
