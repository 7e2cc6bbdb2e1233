"""The JSON API over a real store of the fictional examples: reads, filters, writes, compare, errors."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from test_web_support import TOKEN, example_app, story_of

from samestory.api import ApiSettings, create_app
from samestory.api.app import CONTENT_SECURITY_POLICY

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """Read-only tests share one app; tests that write make their own."""
    return TestClient(example_app(tmp_path_factory.mktemp("api")))


@pytest.fixture
def writable(tmp_path) -> TestClient:
    return TestClient(example_app(tmp_path))


def test_health_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == len(story_of()) >= 14
    assert body["stories"] == len(set(story_of().values())) >= 4


def test_story_list_is_paged_newest_first(client: TestClient) -> None:
    first = client.get("/api/v1/stories", params={"limit": 3}).json()
    rest = client.get("/api/v1/stories", params={"limit": 100, "offset": 3}).json()
    total = len(set(story_of().values()))
    assert first["total"] == rest["total"] == total
    assert len(first["items"]) == 3 and len(rest["items"]) == total - 3
    days = [s["last_seen"] for s in first["items"] + rest["items"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize(
    ("params", "articles"),
    [
        ({"q": "Tabriz"}, ["harbor-wire-tabriz-quake"]),
        ({"q": "earthquake Arequipa"}, ["hw-20240314-arequipa-quake"]),
        ({"lang": "es"}, ["correo-del-sur-sismo-arequipa"]),
        ({"lang": "de"}, ["tagesblatt-eu-gesandte-nairobi"]),
        ({"outlet": "daily meridian", "since": "2024-04-01"}, ["meridian-envoy-nairobi"]),
        ({"since": "2024-04-05", "until": "2024-04-30"}, ["daily-meridian-envoy-hanoi"]),
        ({"q": "100%_off"}, []),
        ({"q": "tabr"}, ["harbor-wire-tabriz-quake"]),  # a word's beginning finds it
        ({"q": 'Tabriz AND "quake'}, ["harbor-wire-tabriz-quake"]),  # words, never search operators
        ({"q": "NEAR( * - ^ zzqx"}, []),  # punctuation alone is no word
    ],
)
def test_story_list_filters(client: TestClient, params: dict, articles: list[str]) -> None:
    """Each filter finds exactly the stories of the example articles it should."""
    expected = {story_of()[a] for a in articles}
    body = client.get("/api/v1/stories", params=params).json()
    assert {s["id"] for s in body["items"]} == expected
    assert body["total"] == len(expected)


def test_story_view_has_agreed_unique_and_conflicts(client: TestClient) -> None:
    body = client.get(f"/api/v1/stories/{story_of()['hw-20240314-arequipa-quake']}").json()
    assert body["story"]["n_articles"] == 4
    copies = {m["article_id"]: m["copy_of"] for m in body["members"]}
    assert copies["coastline-post-arequipa-quake"] == "hw-20240314-arequipa-quake"  # the exact wire copy
    view = body["view"]
    assert set(view) >= {"headline", "agreed", "unique", "conflicts", "summary", "outlets"}
    assert view["agreed"], "four reports of one quake agree on something"
    told = json.dumps(view["conflicts"])
    assert "12" in told and "14" in told  # the death toll the Daily Meridian reports differently


def test_article_and_its_story(client: TestClient) -> None:
    body = client.get("/api/v1/articles/meridian-envoy-nairobi").json()
    assert body["story_id"] == story_of()["meridian-envoy-nairobi"]
    assert body["text"] and body["source"]
    assert "origin" not in body  # where the server read it from is not the client's business


def test_unknown_ids_are_json_404s(client: TestClient) -> None:
    for path in ("/api/v1/stories/no-such-story", "/api/v1/articles/no-such-article"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no-such" in response.json()["error"]["message"]


def test_invalid_parameters_are_json_422s(client: TestClient) -> None:
    response = client.get("/api/v1/stories", params={"since": "yesterday", "limit": 0})
    assert response.status_code == 422
    where = {d["where"] for d in response.json()["error"]["details"]}
    assert where == {"query.since", "query.limit"}
    # shaped like a day but no day: refused, not compared as text
    response = client.get("/api/v1/stories", params={"until": "2024-02-30"})
    assert response.status_code == 422
    assert {d["where"] for d in response.json()["error"]["details"]} == {"query.until"}


def test_writes_need_the_token(writable: TestClient) -> None:
    batch = {"articles": [{"text": "A ferry ran aground off Crete."}]}
    assert writable.post("/api/v1/articles", json=batch).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert writable.post("/api/v1/articles", json=batch, headers=wrong).status_code == 401
    assert writable.post("/api/v1/articles", json=batch, headers=AUTH).status_code == 201


def test_writes_are_refused_when_the_server_has_no_token(tmp_path) -> None:
    client = TestClient(example_app(tmp_path, api_token=None))
    response = client.post("/api/v1/articles", json={"articles": [{"text": "x"}]}, headers=AUTH)
    assert response.status_code == 403
    assert "SAMESTORY_API_TOKEN" in response.json()["error"]["message"]


def test_posted_articles_get_story_assignments(writable: TestClient) -> None:
    batch = {
        "articles": [
            {
                "id": "new-1",
                "title": "Ferry aground",
                "text": "A ferry ran aground off Crete.",
                "source": "Test Wire",
                "published": "2024-05-02",
            }
        ]
    }
    body = writable.post("/api/v1/articles", json=batch, headers=AUTH).json()
    [assignment] = body["assignments"]
    assert assignment["article_id"] == "new-1"
    assert assignment["story_id"] not in set(story_of().values())  # no example story is about a ferry
    story = writable.get(f"/api/v1/stories/{assignment['story_id']}").json()
    assert [m["article_id"] for m in story["members"]] == ["new-1"]


def test_upload_reads_any_known_format(writable: TestClient) -> None:
    line = {
        "id": "uploaded-1",
        "title": "Bridge reopens",
        "text": "The old bridge in Porto reopened on Monday.",
        "source": "Test Wire",
        "date": "2024-05-03",
    }
    files = {"file": ("batch.jsonl", json.dumps(line) + "\n", "application/x-ndjson")}
    response = writable.post("/api/v1/articles/upload", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    assert [a["article_id"] for a in response.json()["assignments"]] == ["uploaded-1"]


def test_upload_of_nothing_readable_is_a_clear_422(writable: TestClient) -> None:
    files = {"file": ("empty.jsonl", b"", "application/x-ndjson")}
    response = writable.post("/api/v1/articles/upload", files=files, headers=AUTH)
    assert response.status_code == 422
    assert "nothing could be read" in response.json()["error"]["message"]


def test_bodies_over_the_limit_are_refused(tmp_path) -> None:
    client = TestClient(example_app(tmp_path, max_body_bytes=1000, max_upload_bytes=2000))
    big = {"articles": [{"text": "x" * 5000}]}
    response = client.post("/api/v1/articles", json=big, headers=AUTH)
    assert response.status_code == 413 and "1000 bytes" in response.json()["error"]["message"]

    def chunks():  # no Content-Length: the limit must hold while the body streams
        yield b'{"articles": [{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}]}'

    streamed = client.post(
        "/api/v1/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"}
    )
    assert streamed.status_code == 413
    files = {"file": ("big.txt", b"y" * 5000, "text/plain")}
    assert client.post("/api/v1/articles/upload", files=files, headers=AUTH).status_code == 413


def test_reads_can_be_protected(tmp_path) -> None:
    client = TestClient(example_app(tmp_path, protect_reads=True))
    assert client.get("/api/v1/stories").status_code == 401
    assert client.get("/").status_code == 401
    assert client.get("/api/v1/stories", headers=AUTH).status_code == 200
    assert client.get("/api/v1/health").status_code == 200  # for load balancers; it shows only counts
    client.post("/signin", data={"token": TOKEN})
    assert client.get("/").status_code == 200


def test_compare_texts_and_stored_articles(client: TestClient) -> None:
    body = {"a": {"id": "harbor-wire-envoy-nairobi"}, "b": {"id": "meridian-envoy-nairobi"}}
    same = client.post("/api/v1/compare", json=body).json()["judgement"]
    body = {
        "a": {"id": "harbor-wire-envoy-nairobi"},
        "b": {"text": "The city council approved a new budget for schools and parks on Tuesday evening."},
    }
    other = client.post("/api/v1/compare", json=body).json()["judgement"]
    assert same["same_story"] > other["same_story"]
    assert set(same["scores"]) >= {"Overall", "Geography", "Entities"}
    assert "aligned" in same["evidence"]


def test_compare_needs_exactly_one_of_id_or_text(client: TestClient) -> None:
    response = client.post("/api/v1/compare", json={"a": {"id": "x", "text": "y"}, "b": {"text": "z"}})
    assert response.status_code == 422
    assert client.post("/api/v1/compare", json={"a": {"id": "nope"}, "b": {"text": "z"}}).status_code == 404


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/v1/health", "/", "/static/app.js", "/api/v1/stories/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_openapi_schema_is_served_and_docs_need_no_cdn(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/compare", "/api/v1/articles"} <= set(
        schema["paths"]
    )
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_an_unexpected_error_is_a_json_500_without_internals(tmp_path, monkeypatch) -> None:
    app = example_app(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.service, "list_stories", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/api/v1/stories")
    assert response.status_code == 500
    assert "secret" not in response.text and response.json()["error"]["status"] == 500


def test_app_defaults_to_settings_from_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SAMESTORY_API_TOKEN", "from-env")
    app = create_app(db_path=str(tmp_path / "empty.db"))
    assert app.state.settings == ApiSettings(api_token="from-env")


def test_article_ids_may_be_urls(writable: TestClient) -> None:
    """Feed items often use their URL as id; the id travels percent-encoded in the path."""
    article_id = "https://example.org/news/2024/ferry?id=7"
    batch = {"articles": [{"id": article_id, "text": "A ferry ran aground off Crete on Sunday."}]}
    assert writable.post("/api/v1/articles", json=batch, headers=AUTH).status_code == 201
    encoded = "https%3A//example.org/news/2024/ferry%3Fid%3D7"  # as the pages' links write it
    assert writable.get(f"/api/v1/articles/{encoded}").json()["id"] == article_id
    assert article_id.replace("&", "&amp;") in writable.get(f"/articles/{encoded}").text


def test_a_story_is_split_and_both_parts_show_it_in_their_log(writable: TestClient) -> None:
    story_id = story_of()["harbor-wire-tabriz-quake"]
    members = [m["article_id"] for m in writable.get(f"/api/v1/stories/{story_id}").json()["members"]]
    assert len(members) >= 2
    leaving = next(m for m in members if m != "harbor-wire-tabriz-quake")
    body = {"articles": [leaving], "reason": "another tremor"}
    assert writable.post(f"/api/v1/stories/{story_id}/split", json=body).status_code == 401
    result = writable.post(f"/api/v1/stories/{story_id}/split", json=body, headers=AUTH).json()
    assert result["story_id"] == story_id and leaving in result["moved"]
    old = writable.get(f"/api/v1/stories/{story_id}").json()
    new = writable.get(f"/api/v1/stories/{result['new_story_id']}").json()
    assert leaving not in [m["article_id"] for m in old["members"]]
    assert leaving in [m["article_id"] for m in new["members"]]
    assert old["story"]["n_articles"] + new["story"]["n_articles"] == len(members)
    for story in (old, new):
        [event] = [e for e in story["log"] if e["action"] == "split"]
        assert (event["story_id"], event["other_id"]) == (story_id, result["new_story_id"])
        assert event["detail"]["reason"] == "another tremor"
    # The clusterer is rebuilt from the store: ingest goes on after the split.
    more = {"articles": [{"id": "after-split", "text": "A ferry ran aground off Crete.", "published": "2024-05-03"}]}
    assert writable.post("/api/v1/articles", json=more, headers=AUTH).json()["assignments"][0]["story_id"]


@pytest.mark.parametrize(
    ("story", "articles", "status", "says"),
    [
        ("s000000000000", ["harbor-wire-tabriz-quake"], 404, "no story"),
        (None, ["not-a-member"], 400, "not-a-member"),
        (None, [], 422, "not valid"),
    ],
)
def test_impossible_splits_are_clear_errors(
    writable: TestClient, story: str | None, articles: list, status: int, says: str
) -> None:
    story = story or story_of()["harbor-wire-tabriz-quake"]
    response = writable.post(f"/api/v1/stories/{story}/split", json={"articles": articles}, headers=AUTH)
    assert response.status_code == status
    assert says in response.json()["error"]["message"]
