"""Page routes: story list (refreshed by polling), story, article, compare, search, sign-in."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from samestory.api.auth import TOKEN_COOKIE, require_read, token_matches
from samestory.api.routes import Service, story_filters
from samestory.api.service import StoryFilters, new_article
from samestory.web.highlight import source_columns

HERE = Path(__file__).parent
router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
public = APIRouter(include_in_schema=False)


def link_url(url: str | None) -> str | None:
    """The URL when it is a web address; None for anything else (``javascript:``, ``data:``, garbage)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in {"http", "https"} else None


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # titles and texts are hostile input
    )
    env.filters["link_url"] = link_url
    return Jinja2Templates(env=env)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _page_links(request: Request, offset: int, limit: int, total: int) -> dict[str, str]:
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    links = {}
    if offset > 0:
        links["previous"] = "?" + urlencode({**query, "offset": max(0, offset - limit)})
    if offset + limit < total:
        links["next"] = "?" + urlencode({**query, "offset": offset + limit})
    return links


def _story_list_context(request: Request, svc: Service, filters: StoryFilters, offset: int) -> dict[str, Any]:
    limit = request.app.state.settings.page_size
    stories, total = svc.list_stories(filters, max(0, offset), limit)
    return {
        "stories": stories,
        "total": total,
        "offset": offset,
        "filters": filters,
        "pages": _page_links(request, offset, limit, total),
        "rows_url": "/stories/rows" + ("?" + request.url.query if request.url.query else ""),
        "poll_seconds": request.app.state.settings.poll_seconds,
    }


Filters = Annotated[StoryFilters, Depends(story_filters)]


@router.get("/", response_class=HTMLResponse)
def story_list(request: Request, svc: Service, filters: Filters, offset: int = 0) -> HTMLResponse:
    return _render(request, "stories.html", **_story_list_context(request, svc, filters, offset))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, svc: Service, filters: Filters, offset: int = 0) -> HTMLResponse:
    return _render(request, "search.html", **_story_list_context(request, svc, filters, offset))


@router.get("/stories/rows", response_class=HTMLResponse)
def story_rows(request: Request, svc: Service, filters: Filters, offset: int = 0) -> Response:
    """The rows of the story list alone, for the page's script to swap in; an ETag makes 'no news' cheap."""
    context = _story_list_context(request, svc, filters, offset)
    html = request.app.state.templates.get_template("_story_rows.html").render(**context)
    etag = '"' + hashlib.sha256(html.encode()).hexdigest()[:20] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return HTMLResponse(html, headers={"ETag": etag, "Cache-Control": "no-cache"})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, request: Request, svc: Service) -> Response:
    canonical = svc.canonical_story_id(story_id)
    if canonical is not None and canonical != story_id:
        return RedirectResponse(request.url_for("story_page", story_id=canonical), status_code=308)
    detail = svc.story(story_id) if canonical else None
    if detail is None:
        raise HTTPException(404, f"There is no story with id {story_id!r}.")
    outlets = detail["view"].get("outlets", [])
    articles = {o["article_id"]: svc.article(o["article_id"]) or {} for o in outlets}
    names = {o["article_id"]: o.get("source") or o["article_id"] for o in outlets}
    columns = source_columns(detail["view"], articles)
    return _render(request, "story.html", **detail, columns=columns, outlet_names=names)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, svc: Service) -> HTMLResponse:
    article = svc.article(article_id)
    if article is None:
        raise HTTPException(404, f"There is no article with id {article_id!r}.")
    return _render(request, "article.html", article=article)


@router.get("/compare", response_class=HTMLResponse)
def compare_form(
    request: Request,
    a_id: Annotated[str, Query(max_length=200)] = "",
    b_id: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    return _render(request, "compare.html", form={"a_id": a_id, "b_id": b_id}, judgement=None, problem=None)


MAX_FORM_TEXT = 200_000


@router.post("/compare", response_class=HTMLResponse)
def compare_submit(
    request: Request,
    svc: Service,
    a_text: Annotated[str, Form(max_length=MAX_FORM_TEXT)] = "",
    b_text: Annotated[str, Form(max_length=MAX_FORM_TEXT)] = "",
    a_id: Annotated[str, Form(max_length=200)] = "",
    b_id: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    form = {"a_text": a_text, "b_text": b_text, "a_id": a_id, "b_id": b_id}
    sides = []
    for name, text, article_id in (("A", a_text, a_id), ("B", b_text, b_id)):
        if article_id.strip():
            article = svc.article_record(article_id.strip())
            if article is None:
                problem = f"Report {name}: there is no stored article with id {article_id.strip()!r}."
                return _render(request, "compare.html", 404, form=form, judgement=None, problem=problem)
        elif text.strip():
            article = new_article(text.strip(), id=f"compare-{name.lower()}")
        else:
            problem = f"Report {name}: paste a text or give the id of a stored article."
            return _render(request, "compare.html", 422, form=form, judgement=None, problem=problem)
        sides.append(article)
    judgement = svc.compare(*sides)
    return _render(request, "compare.html", form=form, judgement=judgement, problem=None)


@public.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> HTMLResponse:
    return _render(request, "signin.html", problem=None)


@public.post("/signin", response_class=HTMLResponse)
def signin_submit(request: Request, token: Annotated[str, Form(max_length=500)]) -> Response:
    settings = request.app.state.settings
    if not token_matches(settings, token):
        return _render(request, "signin.html", 401, problem="That token is not the server's.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


def install_pages(app: FastAPI) -> None:
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(public)
    app.include_router(router)
