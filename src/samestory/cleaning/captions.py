"""Photo captions: a line that carries a picture credit ("Photo: Name/Pool via AP", "(AP Photo/Name)")."""

from __future__ import annotations

import re

_AGENCIES = (
    r"AP|AFP|Reuters|Getty Images|EPA(?:-EFE)?|EFE|dpa|Pool|Bloomberg|Shutterstock|Xinhua|Anadolu|ANSA|Sipa"
    r"|ZUMA(?: Press)?|Imago|PA|Kyodo|Yonhap|NurPhoto|SOPA Images|LightRocket"
)
_PHOTO_WORD = r"(?:photo|foto|bild|image|picture|credit|photograph|fotograf[ií]a|zdj[eę]cie|fotoğraf)s?"
# "(AP Photo/David Goldman)", "(Photo: Portland police, KGW)", "(Photo by Ross Corder)" anywhere in the line
_PARENTHESISED_CREDIT = re.compile(
    r"\((?:[\w.&' -]{0,30} )?(?:photo|foto|image|picture)s?(?: source| credit)?\s*(?:by|:|/)[^)]{0,80}\)",
    re.I,
)
# Credits close the line, so only its tail is searched: long story lines cost no more than short ones.
TAIL_CHARS = 120
_CLOSING_CREDITS = [
    # "... on Friday. Photo: Behrouz Mehri/Pool via AP", "Foto: dpa"
    re.compile(rf"\b{_PHOTO_WORD}(?: by| credit)?\s*[:/|]\s*[^.!?:]{{1,80}}$", re.I),
    re.compile(r"\b(?:photo|picture|foto|zdj[eę]cie) by [A-Z][^.!?]{1,60}$"),
    # "Uncredited/AP", "John Smith/Reuters", "... via AP"
    re.compile(rf"(?:/ ?|\bvia )(?:[A-Z][\w.'-]* ){{0,3}}(?:{_AGENCIES})\)?$"),
    re.compile(r"\b(?:getty images|shutterstock|istock(?:photo)?|picture alliance)\)?$", re.I),
    # "(WISH photo)", "(KSN File Photo)"
    re.compile(r"\((?:[\w.&'-]+ ){1,3}(?:file )?photo\)$", re.I),
    # "(Source: KPHO/KTVK)" or "(Published Tuesday, May 26, 2015)" after a caption sentence
    re.compile(r"\((?:source|credit|quelle|fuente|published|updated): ?[^)]{1,60}\)\.?$", re.I),
]


# Substrings one of the credit patterns needs: plain ``in`` tests (much faster than one regex alternation)
# spare the patterns on almost every story line.
_HINTS = (
    "photo",
    "foto",
    "bild",
    "image",
    "picture",
    "credit",
    "zdj",
    "getty",
    "shutterstock",
    "istock",
    "/",
    "via ",
)


def is_photo_caption(text: str) -> bool:
    lowered = text.lower()
    if not (text.endswith((")", ").")) or any(hint in lowered for hint in _HINTS)):
        return False
    if "(" in text and _PARENTHESISED_CREDIT.search(text):
        return True
    tail = text[-TAIL_CHARS:]
    return any(pattern.search(tail) for pattern in _CLOSING_CREDITS)
