"""The JSON API under ``/api/v1``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

import samestory
from samestory.api import schemas
from samestory.api.auth import require_read, require_write
from samestory.api.service import StoryFilters, StoryService, new_article
from samestory.model import Article

router = APIRouter(prefix="/api/v1")
reads = APIRouter(dependencies=[Depends(require_read)])
writes = APIRouter(dependencies=[Depends(require_write)])

def service(request: Request) -> StoryService:
    return request.app.state.service


Service = Annotated[StoryService, Depends(service)]


def story_filters(
    since: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="a source among the story's")] = None,
    lang: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the headline or texts")] = None,
) -> StoryFilters:
    return StoryFilters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        outlet=outlet or None,
        lang=lang or None,
        query=q or None,
    )


@router.get("/health", response_model=schemas.Health, tags=["meta"])
def health(svc: Service) -> schemas.Health:
    articles, stories = svc.counts()
    return schemas.Health(status="ok", version=samestory.__version__, articles=articles, stories=stories)


@reads.get("/stories", response_model=schemas.StoryPage, tags=["stories"])
def list_stories(
    request: Request,
    svc: Service,
    filters: Annotated[StoryFilters, Depends(story_filters)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=100)] = None,
) -> schemas.StoryPage:
    limit = limit or request.app.state.settings.page_size
    items, total = svc.list_stories(filters, offset, limit)
    return schemas.StoryPage(items=items, total=total, offset=offset, limit=limit)


@reads.get(
    "/stories/{story_id}",
    response_model=schemas.StoryDetail,
    tags=["stories"],
    responses={308: {"description": "the story was merged into another; follow Location"}},
)
def get_story(story_id: str, svc: Service, request: Request) -> schemas.StoryDetail | RedirectResponse:
    canonical = svc.canonical_story_id(story_id)
    if canonical is not None and canonical != story_id:
        return RedirectResponse(request.url_for("get_story", story_id=canonical), status_code=308)
    detail = svc.story(story_id) if canonical else None
    if detail is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return schemas.StoryDetail(**detail)


@reads.get("/articles/{article_id:path}", response_model=schemas.ArticleOut, tags=["articles"])
def get_article(article_id: str, svc: Service) -> schemas.ArticleOut:
    record = svc.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return schemas.ArticleOut(**record)


@reads.post("/compare", response_model=schemas.CompareResponse, tags=["compare"])
def compare(body: schemas.CompareRequest, svc: Service) -> schemas.CompareResponse:
    a, b = (_article_for(side, svc, name) for side, name in ((body.a, "a"), (body.b, "b")))
    return schemas.CompareResponse(judgement=svc.compare(a, b))


def _article_for(side: schemas.StoredArticle | schemas.GivenText, svc: Service, name: str) -> Article:
    if isinstance(side, schemas.GivenText):
        return new_article(side.text, side.title, id=f"compare-{name}")
    article = svc.article_record(side.id)
    if article is None:
        raise HTTPException(404, f"{name}: no article with id {side.id!r}")
    return article


@writes.post("/articles", response_model=schemas.IngestResponse, status_code=201, tags=["articles"])
def post_articles(body: schemas.IngestRequest, svc: Service) -> schemas.IngestResponse:
    articles = [new_article(**item.model_dump()) for item in body.articles]
    assignments, failures = svc.ingest(articles)
    return schemas.IngestResponse(
        assignments=assignments, failures=[{"where": f.where, "message": f.message} for f in failures]
    )


@writes.post("/stories/{story_id}/split", response_model=schemas.SplitResponse, tags=["stories"])
def split_story(story_id: str, body: schemas.SplitRequest, svc: Service) -> schemas.SplitResponse:
    """Move articles that report another event out of the story; the rest keep its id. Wire copies follow
    their original; both stories log the split. 404: no such story; 400: an article is not in the story,
    or every article would move."""
    if svc.canonical_story_id(story_id) is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return schemas.SplitResponse(**svc.split(story_id, body.articles, body.reason))


@writes.post("/articles/upload", response_model=schemas.IngestResponse, status_code=201, tags=["articles"])
def upload_articles(file: UploadFile, svc: Service) -> schemas.IngestResponse:
    """Any format the readers know: plain text, HTML, JSON Lines, RSS/Atom, WARC."""
    articles, read_failures = svc.read_upload(file.filename or "", file.file.read())
    if not articles:
        reasons = "; ".join(str(f) for f in read_failures[:3]) or "the file holds no article"
        raise HTTPException(422, f"nothing could be read from the upload: {reasons}")
    assignments, failures = svc.ingest(articles)
    return schemas.IngestResponse(
        assignments=assignments,
        failures=[{"where": f.where, "message": f.message} for f in read_failures + failures],
    )


router.include_router(reads)
router.include_router(writes)
