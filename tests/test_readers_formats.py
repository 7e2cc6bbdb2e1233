"""Each input format read from a small file built here (fictional texts), plus paths, globs and stdin."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from samestory.model import Article, ReadFailure
from samestory.readers import iter_records, iter_stream
from samestory.settings import Limits

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

STORY = (
    "Flood waters rose over the river wall in the fictional town of Marrow on Monday night.\n"
    "The mayor, Ines Calder, said two hundred homes were evacuated and nobody was hurt.\n"
    "Engineers expect the water to fall by Wednesday, the regional council said in a statement."
)

PAGE = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Flood forces evacuation in Marrow | The Marrow Ledger</title>
<link rel="canonical" href="https://ledger.example/news/marrow-flood">
<meta name="author" content="Tomas Reed"><meta property="og:site_name" content="The Marrow Ledger">
<meta property="article:published_time" content="2024-02-05T21:30:00+01:00"></head>
<body><nav>Home | News | Sport</nav><article><h1>Flood forces evacuation in Marrow</h1>
{"".join(f"<p>{line}</p>" for line in STORY.splitlines())}
</article><footer>Copyright The Marrow Ledger</footer></body></html>"""


def warc_bytes(
    pages: list[tuple[str, bytes]], compress: bool = True, content_type: str = "text/html"
) -> bytes:
    """A WARC of response records, one per (url, body); written with warcio like a crawler would."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )
    return out.getvalue()


def read(*paths: str | Path, limits: Limits | None = None) -> list[Article | ReadFailure]:
    return list(iter_records([str(path) for path in paths], limits))


def articles(records: list[Article | ReadFailure]) -> list[Article]:
    failures = [record for record in records if isinstance(record, ReadFailure)]
    assert not failures, failures
    return [record for record in records if isinstance(record, Article)]


def test_seed_text_keeps_the_rest_of_the_date_line_as_text(tmp_path: Path) -> None:
    path = tmp_path / "007_abc.txt"
    path.write_text(" date 2020-07-10 Newsletter Signup Register / Login\nFirst paragraph.\nSecond.\n")
    (article,) = articles(read(path))
    assert article.id == "007_abc"
    assert article.published == "2020-07-10"
    assert article.text == "Newsletter Signup Register / Login\nFirst paragraph.\nSecond."
    assert article.origin == str(path)


def test_plain_text_without_date_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(STORY.replace("\n", "\r\n").encode())
    (article,) = articles(read(path))
    assert article.published is None
    assert article.text == STORY


@pytest.mark.skipif(not (DATA / "seeds").is_dir(), reason="shared data not present")
def test_the_seed_files() -> None:
    seeds = articles(read(DATA / "seeds"))
    assert [seed.id for seed in seeds] == ["000_8ce18c90de4b71bd", "003_8013884caad34d68"]
    assert {seed.published for seed in seeds} == {"2020-07-10"}
    assert seeds[0].text.startswith("Newsletter Signup Register / Login\n")


def test_jsonl_fields_aliases_and_extra(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {
            "id": "a1",
            "title": "Flood",
            "date": "2024-02-05",
            "source": "Ledger",
            "url": "https://l.example/1",
            "text": STORY,
            "lang": "en",
            "event_id": "e7",
        },
        {"published": "2024-02-05T21:30:00+01:00", "body": "Body alias text.", "url": "https://l.example/2"},
        {"content": "Content alias text.", "author": ["Ann Lee", "Bo Park"]},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n")
    first, second, third = articles(read(path))
    assert (first.id, first.title, first.published, first.source, first.lang) == (
        "a1",
        "Flood",
        "2024-02-05",
        "Ledger",
        "en",
    )
    assert first.extra == {"event_id": "e7"}
    assert first.origin == f"{path}:1"
    assert second.published == "2024-02-05T21:30:00+01:00"
    assert second.text == "Body alias text."
    assert second.id.startswith("u") and second.id == read(path)[1].id  # from the URL, stable across runs
    assert third.id == "batch-3"
    assert third.byline == "Ann Lee, Bo Park"


@pytest.mark.skipif(not (DATA / "ecbplus-dev.jsonl").exists(), reason="shared data not present")
def test_reads_the_labelled_data() -> None:
    records = articles(read(DATA / "ecbplus-dev.jsonl"))
    assert len(records) == 772
    assert all(record.extra["event_id"] for record in records)


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "z1", "text": "Zipped text."}\n{"id": "z2", "text": "More."}\n'))
    assert [article.id for article in articles(read(path))] == ["z1", "z2"]


def test_json_document_with_a_list(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "j1", "text": "One."}, {"id": "j2", "text": "Two."}], indent=2))
    assert [article.id for article in articles(read(path))] == ["j1", "j2"]


def test_csv_with_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text('id,title,date,text\nc1,Flood,2024-02-05,"Line one.\nLine two."\nc2,Other,,Short text.\n')
    first, second = articles(read(path))
    assert first.text == "Line one.\nLine two."
    assert (first.id, first.published, first.origin) == ("c1", "2024-02-05", f"{path}:2")
    assert second.origin == f"{path}:4"


def test_tsv_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_text("title\ttext\nFlood\tSome text.\n")
    (article,) = articles(read(path))
    assert (article.title, article.text, article.id) == ("Flood", "Some text.", "export-2")


def test_html_page_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    (article,) = articles(read(path))
    assert article.url == "https://ledger.example/news/marrow-flood"
    assert article.id.startswith("u")
    assert article.title == "Flood forces evacuation in Marrow"
    assert article.byline == "Tomas Reed"
    assert article.source == "The Marrow Ledger"
    assert article.published == "2024-02-05T21:30:00+01:00"
    assert article.lang == "en-GB"
    assert "two hundred homes were evacuated" in article.text
    assert "Copyright" not in article.text


def test_html_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_text(PAGE)
    (article,) = articles(read(path))
    assert article.title == "Flood forces evacuation in Marrow"


def test_rss_items_and_local_page(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "flood.html").write_text(PAGE)
    feed = tmp_path / "feed.xml"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Marrow Wire</title>
<language>en</language>
<item><title>Flood forces evacuation</title><link>pages/flood.html</link><guid>w-1</guid>
<pubDate>Mon, 05 Feb 2024 21:00:00 +0100</pubDate><description>Short summary.</description></item>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt; Bridge closed</title><link>https://wire.example/2</link>
<description>&lt;p&gt;The old bridge was closed &amp;amp; inspected.&lt;/p&gt;
&lt;p&gt;It reopens Friday.&lt;/p&gt;</description>
</item></channel></rss>""")
    local, remote = articles(read(feed))
    assert local.id == "w-1"
    assert "two hundred homes were evacuated" in local.text  # read from the linked page, not the summary
    assert local.url == "https://ledger.example/news/marrow-flood"
    assert remote.title == "<script>alert(1)</script> Bridge closed"
    assert remote.text == "The old bridge was closed & inspected.\nIt reopens Friday."
    assert remote.source == "Marrow Wire"
    assert remote.origin == f"{feed}#2"
    assert remote.id.startswith("u")


def test_feed_cannot_read_files_outside_its_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(PAGE)
    (tmp_path / "feeds").mkdir()
    feed = tmp_path / "feeds" / "feed.xml"
    feed.write_text(f"""<rss><channel><title>T</title>
<item><title>A</title><link>../secret.html</link><description>Summary only.</description></item>
<item><title>B</title><link>file://{secret}</link><description>Summary too.</description></item>
</channel></rss>""")
    assert [article.text for article in articles(read(feed))] == ["Summary only.", "Summary too."]


def test_atom_feed(tmp_path: Path) -> None:
    feed = tmp_path / "atom"
    feed.write_text("""<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title type="html">&lt;b&gt;Storm&lt;/b&gt; warning</title><link href="https://a.example/s"/><id>urn:s</id>
<updated>2024-02-06T08:00:00Z</updated>
<content type="html">&lt;p&gt;Winds of 90 km/h.&lt;/p&gt;</content></entry>
</feed>""")
    (article,) = articles(read(feed))
    assert (article.id, article.title, article.text) == ("urn:s", "Storm warning", "Winds of 90 km/h.")
    assert article.published == "2024-02-06T08:00:00+00:00"


@pytest.mark.parametrize("compress", [True, False])
def test_warc(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    undated = b"<html><body><article>" + b"".join(f"<p>{line}</p>".encode() for line in STORY.split("\n"))
    path.write_bytes(
        warc_bytes([("https://ledger.example/a", PAGE.encode()), ("https://x.example/b", undated)], compress)
    )
    first, second = articles(read(path))
    assert first.url == "https://ledger.example/a"
    assert first.extra["canonical_url"] == "https://ledger.example/news/marrow-flood"
    assert first.published == "2024-02-05T21:30:00+01:00"
    assert first.origin == f"{path}@0"
    assert second.published == second.extra["crawled"].replace(
        "Z", "+00:00"
    )  # WARC-Date when the page has none
    assert int(second.origin.rsplit("@", 1)[1]) > 0


def test_warc_skips_records_that_are_not_pages(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(
        warc_bytes([("https://x.example/logo.png", b"\x89PNG....")], content_type="image/png")
        + warc_bytes([("https://ledger.example/a", PAGE.encode())])
    )
    (article,) = articles(read(path))
    assert article.url == "https://ledger.example/a"


def test_directory_recursion_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second file.")
    (tmp_path / "a.txt").write_text("First file.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.")
    assert [article.id for article in articles(read(tmp_path))] == ["a", "two"]


def test_glob_and_missing_path(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Text of {name}.")
    records = read(tmp_path / "x*.txt", tmp_path / "nothing*.txt", tmp_path / "missing.txt")
    assert [record.id for record in records if isinstance(record, Article)] == ["x1", "x2"]
    failures = [record for record in records if isinstance(record, ReadFailure)]
    assert [failure.message for failure in failures] == [
        "no file matches this pattern",
        "no such file or directory",
    ]


def test_stdin_is_sniffed_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(b'{"id": "s1", "text": "From a pipe."}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = articles(read("-"))
    assert (article.id, article.text, article.origin) == ("s1", "From a pipe.", "<stdin>:1")


def test_iter_stream_names_records_after_the_given_name() -> None:
    (article,) = articles(list(iter_stream(io.BytesIO(b"Uploaded text."), "upload.txt")))
    assert (article.id, article.origin) == ("upload", "upload.txt")
