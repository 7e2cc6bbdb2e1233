"""Request and response bodies of the HTTP API (they make up the OpenAPI schema at ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

MAX_TEXT_CHARS = 200_000  # per text field; the byte limit on the whole body applies as well
MAX_BATCH = 500


class ArticleIn(BaseModel):
    """An article to store. Without ``id`` the server derives one from the content."""

    id: str | None = Field(None, min_length=1, max_length=200)
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=4_000)
    source: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=40, description="ISO 8601 day or timestamp")
    lang: str | None = Field(None, max_length=20)


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class Assignment(BaseModel):
    article_id: str
    story_id: str | None = Field(description="None when the article could not be placed")


class Failure(BaseModel):
    where: str
    message: str


class IngestResponse(BaseModel):
    assignments: list[Assignment]
    failures: list[Failure] = []


class StorySummary(BaseModel):
    id: str
    headline: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    n_sources: int


class StoryPage(BaseModel):
    items: list[StorySummary]
    total: int
    offset: int
    limit: int


class ArticleOut(BaseModel):
    id: str
    title: str | None
    text: str
    url: str | None
    source: str | None
    published: str | None
    lang: str | None
    byline: str | None = None
    dateline: str | None = None
    story_id: str | None = None


class StoryMember(BaseModel):
    article_id: str
    title: str | None
    source: str | None
    published: str | None
    score: float | None = None
    copy_of: str | None = Field(None, description="the article this one is a wire copy of")


class StoryEvent(BaseModel):
    """One entry of a story's history: created, merged (``other_id``: the story folded in), or split
    (``other_id``: the story the moved articles formed)."""

    at: str
    action: str
    story_id: str
    other_id: str | None = None
    detail: dict[str, Any] = {}


class StoryDetail(BaseModel):
    story: StorySummary
    members: list[StoryMember]
    log: list[StoryEvent] = Field([], description="the story's history, oldest first")
    view: dict[str, Any] = Field(
        description="agreed / unique / conflicts / summary, as the story view builds it"
    )


class SplitRequest(BaseModel):
    """Articles of the story that report another event: they move to a story of their own."""

    model_config = ConfigDict(extra="forbid")
    articles: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        ..., min_length=1, max_length=MAX_BATCH
    )
    reason: str | None = Field(None, max_length=500, description="kept in the story log")


class SplitResponse(BaseModel):
    story_id: str = Field(description="the story that kept its id")
    new_story_id: str = Field(description="the story the moved articles now form")
    moved: list[str] = Field(description="the articles moved, wire copies of moved articles included")
    reason: str | None = None


class StoredArticle(BaseModel):
    """A stored article, by id."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(..., min_length=1, max_length=200)


class GivenText(BaseModel):
    """A text (with an optional title) to judge as it is."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(None, max_length=2_000)


class CompareRequest(BaseModel):
    a: StoredArticle | GivenText
    b: StoredArticle | GivenText


class CompareResponse(BaseModel):
    judgement: dict[str, Any] = Field(description="overall and per-dimension scores with their evidence")


class Health(BaseModel):
    status: str
    version: str
    articles: int
    stories: int
