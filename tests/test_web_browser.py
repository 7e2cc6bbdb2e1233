"""The pages in a real browser (Debian's Chromium through Playwright): list, story highlights, compare,
live updates, hostile input, phone width. Screenshots are taken on every run; they go to a temporary folder, or
to the README's pictures with ``SAMESTORY_SCREENSHOTS=docs/screenshots pytest tests/test_web_browser.py``."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import sync_playwright
from test_web_support import HOSTILE_ARTICLE, REPO_ROOT, TOKEN, example_app, story_of

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (scripts/install_browser.sh)"
)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: a temporary folder unless SAMESTORY_SCREENSHOTS names one (so a test run does
    not rewrite the tracked pictures)."""
    chosen = os.environ.get("SAMESTORY_SCREENSHOTS")
    return REPO_ROOT / chosen if chosen else tmp_path_factory.mktemp("screenshots")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a loopback port in a background thread; yields its base URL."""
    app = example_app(tmp_path_factory.mktemp("browser"), poll_seconds=2)
    port = _free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(90_000)  # the first story view loads the models
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    # Console errors include Content-Security-Policy refusals: none may happen on our own pages.
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.problems = problems
    yield page
    context.close()


def test_story_list_then_story_with_highlights(page, base_url, shots) -> None:
    page.goto(base_url + "/")
    assert page.locator("#story-list .story").count() >= 4
    page.screenshot(path=str(shots / "story-list.png"), full_page=True)
    arequipa = story_of()["hw-20240314-arequipa-quake"]
    page.locator(f'#story-list a[href="/stories/{arequipa}"]').click()
    page.wait_for_url(f"**/stories/{arequipa}")
    assert page.locator("section.source").count() >= 3
    assert page.locator("mark.agreed").count() > 0
    conflict = page.locator(".text mark.conflict").first
    conflict.focus()
    assert "disagree" in conflict.get_attribute("title")
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    assert page.problems == []


def test_compare_two_reports(page, base_url, shots) -> None:
    page.goto(base_url + "/compare")
    page.get_by_label("Stored article id").first.fill("harbor-wire-envoy-nairobi")
    page.get_by_label("Stored article id").nth(1).fill("meridian-envoy-nairobi")
    page.get_by_role("button", name="Compare").click()
    verdict = page.locator("#judgement h2")
    verdict.wait_for()
    assert "same story" in verdict.inner_text()
    assert page.locator("table.scores tr").count() == 7
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    assert page.problems == []


def test_keyboard_and_phone_width(browser, base_url, shots) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.classList.contains('headline')")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.screenshot(path=str(shots / "story-list-phone.png"))
    page.goto(base_url + f"/stories/{story_of()['meridian-envoy-nairobi']}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(shots / "story-phone.png"))
    context.close()


def test_list_updates_as_articles_arrive(page, base_url) -> None:
    page.goto(base_url + "/")
    before = page.locator("#story-list .story").count()
    response = page.request.post(
        base_url + "/api/v1/articles",
        data={
            "articles": [
                {
                    "id": "live-1",
                    "title": "Harbour crane collapses in Gdansk",
                    "text": "A crane collapsed at the port of Gdansk on Friday; no one was hurt.",
                    "source": "Test Wire",
                    "published": "2024-06-01",
                }
            ]
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status == 201
    page.locator("#story-list .story.new").filter(has_text="Gdansk").wait_for()
    assert page.locator("#story-list .story").count() == before + 1


def test_hostile_input_never_runs_or_renders_as_markup(page, base_url) -> None:
    response = page.request.post(
        base_url + "/api/v1/articles",
        data={"articles": [HOSTILE_ARTICLE]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status == 201
    hostile_story = page.request.get(base_url + "/api/v1/articles/hostile-1").json()["story_id"]
    for path in ("/", "/articles/hostile-1", f"/stories/{hostile_story}", "/search?q=Rivers"):
        page.goto(base_url + path)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None, path
        injected = page.evaluate(
            "document.querySelectorAll('main script, main img, main svg, main b, main i, main [onerror],"
            ' main [onload], a[href^="javascript:"]\').length'
        )
        assert injected == 0, path
    page.goto(base_url + "/articles/hostile-1")
    assert "<script>" in page.locator("h1").inner_text()  # shown as the text it is
    page.locator("main a").filter(has_text="Its story").click()
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []
