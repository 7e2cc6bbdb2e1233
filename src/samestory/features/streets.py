"""Street names a report gives for where something happened ("the 4800 block of West Ferdinand", "on Goff
Street"): in local news two reports of one incident name its street, and two incidents of the same kind in one
city name different streets, where the city, the kind and most of the words are alike.

English (US) address forms only: "<number> block of <Name>" and "<Name> <street word>", the name capitalised.
A key is the lower-case name with the compass word spelled out and the street word dropped, so "S. California
Ave." and "South California Avenue" meet ("south california").
"""

from __future__ import annotations

import re

_COMPASS = r"(?:[NSEW]\.? |North |South |East |West )"
# A capitalised word ("McDonald" whole) or an ordinal ("West 63rd Street").
_NAME_WORD = r"(?:[A-Z][A-Za-z'’]*[a-z]|\d{1,3}(?:st|nd|rd|th))"
# Not "Court" ("Superior Court", "Crown Court"), "Place" ("First Place") or "Way": in news they name other things.
_STREET_WORDS = "Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Pike|Parkway|Pkwy|Highway|Hwy|Terrace"
# Names that say which way or what kind, not which street ("the 100 block of West", "State Road").
_NOT_A_NAME = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "county", "state"}
    | {"highway", "interstate", "route", "us", "old", "new"}
)
# Both patterns start with a literal, which the regex engine scans for quickly; the name before a street word
# is then read backwards from it, over a short stretch of text.
_BLOCK = re.compile(rf" block of (?:the )?({_COMPASS}?{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})")
_STREET_WORD = re.compile(rf" (?:{_STREET_WORDS})\b")
_NAME_BEFORE = re.compile(rf"(?<![\w'’])({_COMPASS}?{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})$")
_SPELLED = {"n": "north", "s": "south", "e": "east", "w": "west"}
_STREET_WORD_KEYS = frozenset(word.lower() for word in _STREET_WORDS.split("|"))
# Words that end what comes before a street's name, capitalised at a sentence start or in a title-case headline
# ("On Main Street", "Man Shot On Goff Street"): the name is what follows the last of them.
_BEFORE_NAME = frozenset(
    {
        *("on", "at", "in", "near", "the", "along", "of", "off", "from", "to", "and", "by", "down", "up"),
        *("across", "onto", "into", "past", "toward", "towards", "between", "outside", "inside", "around"),
    }
)


def street_keys(text: str) -> frozenset[str]:
    """The keys of the streets ``text`` names (empty when it names none)."""
    names = [m.group(1) for m in _BLOCK.finditer(text) if text[m.start() - 1 : m.start()].isdigit()]
    for word in _STREET_WORD.finditer(text):
        if name := _NAME_BEFORE.search(text, max(0, word.start() - 60), word.start()):
            names.append(name.group(1))
    return frozenset(key for key in map(_key, names) if key)


def _key(name: str) -> str:
    words = name.replace(".", "").replace("’", "'").lower().split()
    cut = max((i + 1 for i, word in enumerate(words) if word in _BEFORE_NAME), default=0)
    words = words[cut:]
    if words and words[0] in _SPELLED:
        words[0] = _SPELLED[words[0]]
    if len(words) > 1 and words[-1] in _STREET_WORD_KEYS:  # "California Ave" after "block of": the name alone
        words = words[:-1]
    key = " ".join(words)
    return "" if key in _NOT_A_NAME else key
