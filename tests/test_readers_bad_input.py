"""Every kind of bad input gives Articles for what is readable and a clear ReadFailure for the rest."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc
from pathlib import Path

from test_readers_formats import PAGE, STORY, articles, read, warc_bytes

from samestory.model import Article, ReadFailure
from samestory.settings import Limits

FRENCH = "Le café de la gare a été fermé après l’incident, a déclaré le maire. « C’est grave », dit-il."
GERMAN = "Die Straße in München wurde gesperrt, weil ein Lastwagen umkippte. Grüße aus Köln."
RUSSIAN = "Президент заявил, что переговоры продолжатся на следующей неделе в Москве."


def only_failure(records: list[Article | ReadFailure]) -> ReadFailure:
    assert len(records) == 1 and isinstance(records[0], ReadFailure), records
    return records[0]


def test_single_byte_encodings(tmp_path: Path) -> None:
    for name, text, encoding in [
        ("fr", FRENCH, "cp1252"),
        ("de", GERMAN, "latin-1"),
        ("ru", RUSSIAN, "cp1251"),
    ]:
        (tmp_path / f"{name}.txt").write_bytes(text.encode(encoding))
    assert [article.text for article in articles(read(tmp_path))] == [GERMAN, FRENCH, RUSSIAN]


def test_utf16_with_and_without_bom(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"))
    (tmp_path / "b.txt").write_bytes(GERMAN.encode("utf-16-be"))
    (tmp_path / "c.jsonl").write_bytes(
        json.dumps({"id": "w", "text": FRENCH}, ensure_ascii=False).encode("utf-16")
    )
    assert [article.text for article in articles(read(tmp_path))] == [FRENCH, GERMAN, FRENCH]


def test_mixed_utf8_and_cp1252_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(f"{GERMAN}\n".encode() + FRENCH.encode("cp1252"))
    (article,) = articles(read(path))
    assert article.text == f"{GERMAN}\n{FRENCH}"


def test_jsonl_line_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "1", "text": GERMAN}, ensure_ascii=False).encode(),
        json.dumps({"id": "2", "text": FRENCH}, ensure_ascii=False).encode("cp1252"),
    ]
    path.write_bytes(b"\n".join(lines))
    assert [article.text for article in articles(read(path))] == [GERMAN, FRENCH]


def test_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    page = f'<html><head><meta charset="windows-1251"></head><body><article><p>{RUSSIAN}</p>'
    path.write_bytes(page.encode("cp1251"))
    (article,) = articles(read(path))
    assert RUSSIAN in article.text


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "noise.txt").write_bytes(b"ab\x00\x01\xff\xfe\x00" * 100)
    records = read(tmp_path)
    assert [
        (Path(r.where).name, r.message.split(" (")[0]) for r in records if isinstance(r, ReadFailure)
    ] == [("image.png", "binary file"), ("noise.txt", "binary file")]


def test_empty_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" \n\t\r\n")
    assert [str(record) for record in read(tmp_path)] == [
        f"{tmp_path}/a.jsonl: empty file",
        f"{tmp_path}/b.txt: empty file",
    ]


def test_html_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    assert only_failure(read(path)).message == "no article text found"


def test_invalid_json_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "Fine."}\n{"id": "broken", "text": \n[1, 2]\n{"id": "e", "text": ""}\n'
        '{"id": "n", "text": 5}\n' + "[" * 100_000 + "\n" + '{"id": "ok2", "text": "Fine too."}\n'
    )
    records = read(path)
    assert [record.id for record in records if isinstance(record, Article)] == ["ok1", "ok2"]
    failures = [str(record) for record in records if isinstance(record, ReadFailure)]
    assert failures[0].startswith(f"{path}:2: invalid JSON (Expecting value at column")
    assert failures[1:] == [
        f"{path}:3: expected a JSON object, got list",
        f"{path}:4: empty article (no text)",
        f"{path}:5: field 'text' must be a string, got int",
        f"{path}:6: invalid JSON (nested too deeply)",
    ]


def test_csv_row_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('id,text\nr1,Fine.\nr2,"too",many\nr3,' + "x" * 2000 + "\nr4,Also fine.\n")
    records = read(path, limits=Limits(max_record_bytes=1000))
    assert [record.id for record in records if isinstance(record, Article)] == ["r1", "r4"]
    assert [str(record) for record in records if isinstance(record, ReadFailure)] == [
        f"{path}:3: row has 3 fields, the header names 2",
        f"{path}:4: line is larger than max_record_bytes = 1,000 bytes "
        "(raise it with SAMESTORY_MAX_RECORD_BYTES=BYTES)",
    ]


def test_a_gzip_header_over_garbage_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "broken.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    (failure,) = read(path)
    assert isinstance(failure, ReadFailure) and "gzip with nothing to decompress" in failure.message


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    lines = b"".join(
        json.dumps({"id": f"g{n}", "text": f"Text {n} " * 50}).encode() + b"\n" for n in range(200)
    )
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = read(path)
    assert isinstance(records[-1], ReadFailure) and "truncated or corrupt gzip data" in records[-1].message
    read_ok = [record.id for record in records[:-1]]
    assert 0 < len(read_ok) < 200 and read_ok == [f"g{n}" for n in range(len(read_ok))]


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    pages = [(f"https://ledger.example/{n}", PAGE.replace("Marrow", f"Marrow{n}").encode()) for n in range(3)]
    for compress in (True, False):
        data = warc_bytes(pages, compress)
        for cut in (len(data) - 40, len(data) // 2):
            path = tmp_path / f"cut{cut}.warc"
            path.write_bytes(data[:cut])
            records = read(path)
            failure = records[-1]
            assert isinstance(failure, ReadFailure), (compress, cut, records)
            assert "truncated file?" in failure.message
            offset = int(failure.where.rsplit("@", 1)[1])
            assert 0 < offset < cut
            assert all(isinstance(record, Article) for record in records[:-1])
            assert 1 <= len(records) - 1 <= 2


def test_script_in_titles_is_kept_as_text(tmp_path: Path) -> None:
    title = "<script>alert('x')</script> Flood"
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "s", "title": title, "text": STORY}) + "\n")
    (tmp_path / "b.html").write_text(
        PAGE.replace("Flood forces evacuation in Marrow", "&lt;script&gt;alert('x')&lt;/script&gt; Flood")
    )
    assert [article.title for article in articles(read(tmp_path))] == [title, title]


def test_text_past_max_text_chars_is_cut_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 100)
    (article,) = articles(read(path, limits=Limits(max_text_chars=50)))
    assert len(article.text) == 50
    assert "SAMESTORY_MAX_TEXT_CHARS" in article.extra["truncated"]


def _write_repeated(path: Path, prefix: bytes, unit: bytes, suffix: bytes, total: int) -> None:
    with path.open("wb") as out:
        out.write(prefix)
        chunk = unit * (2**20 // len(unit))
        for _ in range(total // len(chunk)):
            out.write(chunk)
        out.write(suffix)


def _peak_bytes(records: list[object], iterator) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        for record in iterator:
            records.append(type(record))  # keep only the type: the test is about the reader's own memory
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_200_mb_jsonl_streams_in_flat_memory(tmp_path: Path) -> None:
    from samestory.readers import iter_records

    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "word " * 100_000}).encode() + b"\n"  # 500 KB per line
    with path.open("wb") as out:
        for _ in range(400):
            out.write(line)
    assert path.stat().st_size > 200e6
    seen: list[object] = []
    peak = _peak_bytes(seen, iter_records([path]))
    assert seen == [Article] * 400
    assert peak < 20e6, peak


def test_200_mb_single_record_is_refused_by_limit(tmp_path: Path) -> None:
    from samestory.readers import iter_records

    line_file, page_file = tmp_path / "one-line.jsonl", tmp_path / "huge.html"
    _write_repeated(line_file, b'{"text": "', b"word ", b'"}\n{"text": "Next."}\n', 200 * 2**20)
    _write_repeated(page_file, b"<html><body><p>", b"word ", b"</p></body></html>", 200 * 2**20)
    seen: list[object] = []
    peak = _peak_bytes(seen, iter_records([line_file]))
    assert seen == [ReadFailure, Article]
    assert peak < 30e6, peak
    (line_failure,) = [record for record in read(line_file) if isinstance(record, ReadFailure)]
    assert str(line_failure) == (
        f"{line_file}:1: line is larger than max_record_bytes = 10 MiB "
        "(raise it with SAMESTORY_MAX_RECORD_BYTES=BYTES)"
    )
    assert str(only_failure(read(page_file))) == (
        f"{page_file}: file is larger than max_file_bytes = 100 MiB "
        "(raise it with SAMESTORY_MAX_FILE_BYTES=BYTES)"
    )


def test_garbage_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text("<rss><channel><item><title>unclosed")
    assert only_failure(read(path)).message.startswith(("not a readable feed", "empty article"))


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "x", "title": "A \\ud800 B", "text": "Text \\udfff here."}\n')
    (article,) = articles(read(path))
    assert (article.title, article.text) == ("A \ufffd B", "Text \ufffd here.")


def test_json_objects_of_a_label_file_go_on_past_bad_lines(tmp_path: Path) -> None:
    from samestory.readers.jsonlines import json_objects

    path = tmp_path / "labels.jsonl"
    big = json.dumps({"id": "big", "note": "x" * 300})
    path.write_bytes(codecs.BOM_UTF8 + b'{"id": "a"}\n\n' + big.encode() + b'\n"text"\n{"id": "b"}\n')
    items = list(json_objects(path, Limits(max_record_bytes=200)))
    assert [i[1]["id"] for i in items if not isinstance(i, ReadFailure)] == ["a", "b"]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [f.where for f in failures] == [f"{path}:3", f"{path}:4"]
    assert "max_record_bytes" in failures[0].message and "got str" in failures[1].message
    assert list(json_objects(tmp_path / "missing.jsonl"))[0].message.startswith("cannot read file")
