"""Unicode and whitespace tidy-up: one canonical form so later rules and features see the same text."""

from __future__ import annotations

import re
import unicodedata

# Every line or paragraph separator becomes "\n" (a paragraph separator a blank line).
_BREAKS = {"\r": "\n", "\u2028": "\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n", "\u2029": "\n\n"}
_ODD_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
# Invisible characters that split words for every tokenizer: zero-width spaces and joiners, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_CONTROLS = "".join(
    chr(c) for c in [*range(32), *range(0x7F, 0xA0)] if chr(c) not in "\n\t" + "".join(_BREAKS)
)

_TRANSLATION = str.maketrans(
    {c: None for c in _CONTROLS + _INVISIBLE} | {c: " " for c in _ODD_SPACES} | _BREAKS
)
_UNTIDY = re.compile("[" + re.escape(_CONTROLS + _INVISIBLE + _ODD_SPACES + "".join(_BREAKS)) + "]")
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AT_LINE_END = re.compile(r" *\n *")


def normalise_text(text: str) -> str:
    """NFC, one kind of line break, plain single spaces, no invisible or control characters, no spaces at line
    ends."""
    # Each step first checks cheaply whether it has anything to do: most texts are already tidy.
    if _UNTIDY.search(text):
        text = text.replace("\r\n", "\n").translate(_TRANSLATION)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACE_AT_LINE_END.sub("\n", text)
    return text.strip(" ")
