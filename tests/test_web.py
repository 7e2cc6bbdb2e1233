"""The pages as HTML (no browser): what they show, how they escape hostile text, the polling fragment."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_web_support import HOSTILE_ARTICLE, TOKEN, example_app, story_of

from samestory.web.pages import link_url


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    client = TestClient(example_app(tmp_path_factory.mktemp("web")))
    response = client.post(
        "/api/v1/articles", json={"articles": [HOSTILE_ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 201, response.text
    return client


def test_story_list_links_every_story(client: TestClient) -> None:
    page = client.get("/").text
    for story_id in set(story_of().values()):
        assert f'href="/stories/{story_id}"' in page
    assert 'src="/static/app.js"' in page and "<script>" not in page


def test_story_page_shows_columns_and_highlights(client: TestClient) -> None:
    page = client.get(f"/stories/{story_of()['hw-20240314-arequipa-quake']}").text
    assert page.count('class="source"') == 3  # four reports; the wire copy shares its original's column
    assert '<mark class="agreed"' in page
    assert '<mark class="conflict"' in page


def test_article_page(client: TestClient) -> None:
    page = client.get("/articles/meridian-envoy-nairobi").text
    assert f'href="/stories/{story_of()["meridian-envoy-nairobi"]}"' in page
    assert 'href="/compare?a_id=meridian-envoy-nairobi"' in page


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    pages = [
        client.get(p).text
        for p in ("/", "/stories/story-hostile-1", "/articles/hostile-1", "/search?q=Rivers", "/stories/rows")
    ]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page and "<svg onload" not in page
        assert 'href="javascript:' not in page
    article = pages[2]
    assert "&lt;script&gt;window.__pwned" in article  # shown as text, not dropped
    assert "<code>javascript:window.__pwned = &#39;url&#39;</code>" in article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  http://example.org ", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//evil.example/x", None),
        ("http://[bad", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(url: str | None, expected: str | None) -> None:
    assert link_url(url) == expected


def test_search_page_finds_by_words(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Hanoi"}).text
    hanoi, tabriz = story_of()["daily-meridian-envoy-hanoi"], story_of()["harbor-wire-tabriz-quake"]
    assert f'href="/stories/{hanoi}"' in page and f'href="/stories/{tabriz}"' not in page
    assert "Type words" in client.get("/search").text
    # a NUL inside a word separates words (FTS5 read it as the end of the quoted term: a server error)
    nul = client.get("/search", params={"q": "\x00Hanoi"})
    assert nul.status_code == 200 and f'href="/stories/{hanoi}"' in nul.text
    assert client.get("/search", params={"q": "Ha\x00noi"}).status_code == 200


def test_story_rows_fragment_answers_304_when_nothing_changed(client: TestClient) -> None:
    first = client.get("/stories/rows")
    assert first.status_code == 200 and first.text.lstrip().startswith("<li")
    again = client.get("/stories/rows", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_compare_page_judges_two_pasted_texts(client: TestClient) -> None:
    form = {
        "a_id": "harbor-wire-tabriz-quake",
        "b_text": "An earthquake of magnitude 5.8 struck near Tabriz.",
    }
    page = client.post("/compare", data=form).text
    assert 'id="judgement"' in page and "Overall" in page


def test_compare_page_explains_a_missing_side(client: TestClient) -> None:
    response = client.post("/compare", data={"a_text": "Some text."})
    assert response.status_code == 422 and "Report B" in response.text


def test_unknown_pages_are_html_404s(client: TestClient) -> None:
    response = client.get("/stories/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html") and "nothing-here" in response.text


def test_story_page_shows_its_history_with_the_split_reason_escaped(tmp_path) -> None:
    client = TestClient(example_app(tmp_path))
    story_id = story_of()["hw-20240314-arequipa-quake"]
    leaving = next(a for a, s in story_of().items() if s == story_id and a != "hw-20240314-arequipa-quake")
    body = {"articles": [leaving], "reason": "<script>window.__pwned = 1</script>"}
    split = client.post(
        f"/api/v1/stories/{story_id}/split", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()
    page = client.get(f"/stories/{story_id}").text
    assert 'id="history-h"' in page and "started by" in page
    assert f'split off into <a href="/stories/{split["new_story_id"]}">' in page
    assert "&lt;script&gt;window.__pwned" in page and "<script>window" not in page
    other = client.get(f"/stories/{split['new_story_id']}").text
    assert f'split off from <a href="/stories/{story_id}">' in other
