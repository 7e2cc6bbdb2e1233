"""Tell an input's format from its first bytes; the file name only breaks ties."""

from __future__ import annotations

import csv
import json
import re
from enum import StrEnum

from samestory.readers.decoding import bom_encoding, looks_binary, utf16_without_bom

HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
TEXT_COLUMNS = {"text", "body", "content", "article", "maintext"}
_SEED_FIRST_LINE = re.compile(r"date \d{4}-\d{2}-\d{2}\b")  # after leading blanks are stripped
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_ROOT = re.compile(r"<(?:!doctype html|html|head|body)[\s>]")


class Format(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    GZIP = "gzip"
    WARC = "warc"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    FEED = "feed"
    TEXT = "text"


def sniff(head: bytes, name: str = "") -> Format:
    """The format of a file whose first bytes (up to HEAD_BYTES) are ``head``; ``name`` is its file name."""
    if not head.strip():
        return Format.EMPTY
    if head.startswith(GZIP_MAGIC):
        return Format.GZIP
    if head.startswith((b"WARC/", b"\r\nWARC/")):
        return Format.WARC
    if looks_binary(head):
        return Format.BINARY
    start = structural_text(head).lstrip("\ufeff \t\r\n")
    lowered_name = name.lower().removesuffix(".gz")
    if start.startswith("["):
        return Format.JSON
    if start.startswith("{"):
        return Format.JSONL if _first_line_is_json(start) else Format.JSON
    if start.startswith("<"):
        lowered = start[:8192].lower()
        feed, html = _FEED_ROOT.search(lowered), _HTML_ROOT.search(lowered)
        if feed and (not html or feed.start() < html.start()):
            return Format.FEED
        return Format.HTML
    if _SEED_FIRST_LINE.match(start):
        return Format.TEXT
    if lowered_name.endswith((".csv", ".tsv")) or csv_delimiter(start) is not None:
        return Format.CSV
    if lowered_name.endswith((".html", ".htm", ".xhtml")):
        return Format.HTML
    return Format.TEXT


def structural_text(head: bytes) -> str:
    """The head as text good enough to see markup and punctuation (latin-1 never fails on ASCII bytes)."""
    encoding = bom_encoding(head) or utf16_without_bom(head)
    if encoding:
        return head.decode(encoding, errors="ignore")
    return head.decode("latin-1")


def _first_line_is_json(text: str) -> bool:
    """JSON Lines has a whole object on line one; a pretty-printed JSON document does not."""
    first, newline, _ = text.partition("\n")
    if not newline:
        return True  # one line longer than the sniffed head, or a one-line file: read it as JSON Lines
    try:
        json.loads(first)
    except ValueError:
        return False
    return True


def csv_delimiter(text: str) -> str | None:
    """The delimiter that splits the first line of ``text`` into a header with a text column, if any."""
    first = next(iter(text.splitlines()), "")
    for delimiter in (",", "\t", ";", "|"):
        try:
            columns = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            return None
        if len(columns) >= 2 and TEXT_COLUMNS & {column.strip().lower() for column in columns}:
            return delimiter
    return None
