"""Bytes to text: BOMs, declared charsets, UTF-8, and a guess for the rest; binary files are spotted early."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

# Codecs that read and drop their own BOM. UTF-32 LE comes first: its BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of common non-text files that carry no NUL byte early enough to give themselves away.
_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
)
_DECLARED_CHARSET = re.compile(
    rb"""<(?:meta[^>]*?charset|\?xml[^>]*?encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I
)
# WHATWG: pages labelled latin-1 are decoded as windows-1252, a superset that maps the C1 range to letters.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as windows-1252 (mixed files)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("samestory-cp1252", _cp1252_fallback)


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark announces (one that drops the mark when decoding), or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when every other byte is NUL, as in mostly-ASCII UTF-16 text without a BOM."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True for images, archives and other files that are not text in any encoding we read."""
    if head.startswith(_BINARY_MAGIC):
        return True
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    return b"\x00" in head[:8192] and utf16_without_bom(head) is None


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration names in the first 4 KiB, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _known(label: str | None) -> str | None:
    if not label:
        return None
    label = _LABEL_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode untrusted bytes without raising: BOM, then UTF-8, then the declared charset, then a guess.

    UTF-8 comes before the declared charset because pages that declare latin-1 but hold UTF-8 are common.
    The guess compares charset-normalizer's best encoding with "UTF-8 where valid, windows-1252 elsewhere"
    (which also repairs files that mix both) and keeps the less garbled reading.
    """
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _known(declared)
    if encoding and encoding != "utf-8":
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    return _guess_with_encoding(data)[0]


def _guess_with_encoding(data: bytes) -> tuple[str, str | None]:
    """The decoded text and the encoding chosen (None for UTF-8 mixed with windows-1252)."""
    mixed = data.decode("utf-8", errors="samestory-cp1252")
    match = from_bytes(data).best()
    if match is None:
        return mixed, None
    guessed = str(match)
    if mess_ratio(guessed, 1.0) < mess_ratio(mixed, 1.0):
        return guessed, match.encoding
    return mixed, None


class LineDecoder:
    """Decodes the lines of one file: UTF-8, else the encoding guessed for its first line that was not UTF-8.

    Guessing costs milliseconds per line, so it runs once per file; a file in one legacy encoding is then
    read at full speed, and UTF-8 lines among them are still read as UTF-8.
    """

    def __init__(self) -> None:
        self._guessed = False
        self._encoding: str | None = None

    def __call__(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if not self._guessed:
            self._guessed = True
            text, self._encoding = _guess_with_encoding(raw)
            return text
        if self._encoding is None:
            return raw.decode("utf-8", errors="samestory-cp1252")
        return raw.decode(self._encoding, errors="replace")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files) become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
