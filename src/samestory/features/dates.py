"""Days an article mentions, as ISO strings: explicit dates ("July 10, 2020", "10. Juli 2020", "10 de julio",
"2020-07-10", "10/07/2020") and relative days ("Friday", "yesterday", "am Freitag") resolved against the
publication day. Regular expressions only; a weekday means the most recent such day on or before publication
("next Friday" the first one after it). A date without a year takes the year that puts it nearest publication.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Month names and common abbreviations, lower case, for en/de/es/fr/pl (nominative and genitive)/tr/ar.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "jänner",
        "enero",
        "janvier",
        "styczeń",
        "stycznia",
        "ocak",
        "يناير",
        "كانون الثاني",
    ),
    2: ("february", "feb", "februar", "febrero", "février", "luty", "lutego", "şubat", "فبراير", "شباط"),
    3: ("march", "mar", "märz", "marzo", "mars", "marzec", "marca", "mart", "مارس", "آذار"),
    4: ("april", "apr", "abril", "avril", "kwiecień", "kwietnia", "nisan", "أبريل", "إبريل", "نيسان"),
    5: ("may", "mai", "mayo", "maj", "maja", "mayıs", "مايو", "أيار"),
    6: ("june", "jun", "juni", "junio", "juin", "czerwiec", "czerwca", "haziran", "يونيو", "يونيه", "حزيران"),
    7: ("july", "jul", "juli", "julio", "juillet", "lipiec", "lipca", "temmuz", "يوليو", "يوليه", "تموز"),
    8: ("august", "aug", "agosto", "août", "sierpień", "sierpnia", "ağustos", "أغسطس", "آب"),
    9: (
        "september",
        "sep",
        "sept",
        "septiembre",
        "setiembre",
        "septembre",
        "wrzesień",
        "września",
        "eylül",
        "سبتمبر",
        "أيلول",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "octubre",
        "octobre",
        "październik",
        "października",
        "ekim",
        "أكتوبر",
        "تشرين الأول",
    ),
    11: (
        "november",
        "nov",
        "noviembre",
        "novembre",
        "listopad",
        "listopada",
        "kasım",
        "نوفمبر",
        "تشرين الثاني",
    ),
    12: (
        "december",
        "dec",
        "dezember",
        "diciembre",
        "décembre",
        "grudzień",
        "grudnia",
        "aralık",
        "ديسمبر",
        "كانون الأول",
    ),
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}

# Per language: weekday words (Monday = 0) and day offsets from publication. Keyed by language because the
# words collide across languages (German "hier" is "here", French "hier" is "yesterday").
_WEEKDAY_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("monday",), ("tuesday",), ("wednesday",), ("thursday",), ("friday",), ("saturday",), ("sunday",)),
    "de": (
        ("montag",),
        ("dienstag",),
        ("mittwoch",),
        ("donnerstag",),
        ("freitag",),
        ("samstag", "sonnabend"),
        ("sonntag",),
    ),
    "es": (("lunes",), ("martes",), ("miércoles",), ("jueves",), ("viernes",), ("sábado",), ("domingo",)),
    "fr": (("lundi",), ("mardi",), ("mercredi",), ("jeudi",), ("vendredi",), ("samedi",), ("dimanche",)),
    "pl": (
        ("poniedziałek", "poniedziałku"),
        ("wtorek", "wtorku"),
        ("środa", "środę", "środy"),
        ("czwartek", "czwartku"),
        ("piątek", "piątku"),
        ("sobota", "sobotę", "soboty"),
        ("niedziela", "niedzielę", "niedzieli"),
    ),
    "tr": (("pazartesi",), ("salı",), ("çarşamba",), ("perşembe",), ("cuma",), ("cumartesi",), ("pazar",)),
    "ar": (
        ("الاثنين", "الإثنين"),
        ("الثلاثاء",),
        ("الأربعاء",),
        ("الخميس",),
        ("الجمعة",),
        ("السبت",),
        ("الأحد",),
    ),
}
# Capitalised words that name a day or a month, not an actor: "Monday", "December", "Donnerstag". Three-letter
# abbreviations and "Mars"/"May" forms are left out: they are also names or words.
CALENDAR_WORDS = frozenset(
    {word for names in _WEEKDAY_NAMES.values() for day in names for word in day}
    | {name for name in MONTHS if len(name) > 3 and name not in {"mars", "march"}}
)
_OFFSETS: dict[str, dict[str, int]] = {
    "en": {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1},
    "de": {"heute": 0, "gestern": -1},
    "es": {"hoy": 0, "ayer": -1, "mañana": 1},
    "fr": {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "demain": 1},
    "pl": {"dzisiaj": 0, "dziś": 0, "wczoraj": -1, "jutro": 1},
    "tr": {"bugün": 0, "dün": -1, "yarın": 1},
    "ar": {"اليوم": 0, "أمس": -1, "الأمس": -1, "غدا": 1},
}
_FUTURE_MARKERS = ("next", "coming", "nächsten", "kommenden", "próximo", "prochain", "przyszły", "gelecek")

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_PATTERNS = [
    # 2020-07-10
    ("ymd", re.compile(rf"\b({_YEAR})-(\d\d)-(\d\d)\b")),
    # July 10, 2020 / Jul. 10 / July 10th
    ("mdy", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+({_YEAR})\b)?", re.I)),
    # 10 July 2020 / 10. Juli / 10 de julio de 2020 / 10th of July
    (
        "dmy",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+|of\s+)?({_MONTH})\b\.?(?:,?\s+(?:de\s+)?({_YEAR})\b)?",
            re.I,
        ),
    ),
    # 10/07/2020, 10.07.2020 (month/day order by language)
    ("numeric", re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./]({_YEAR})\b")),
]


def _relative_words(lang: str) -> dict[str, tuple[str, int]]:
    words = {w: ("weekday", n) for n, names in enumerate(_WEEKDAY_NAMES[lang]) for w in names}
    words.update({w: ("offset", n) for w, n in _OFFSETS[lang].items()})
    return words


_RELATIVE_WORDS = {lang: _relative_words(lang) for lang in _WEEKDAY_NAMES}
_RELATIVE = {
    lang: re.compile(
        r"(?:\b("
        + "|".join(_FUTURE_MARKERS)
        + r")\s+)?(?<!\w)("
        + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
        + r")(?!\w)",
        re.I,
    )
    for lang, words in _RELATIVE_WORDS.items()
}


def parse_day(published: str | None) -> date | None:
    """The publication day of an ISO date or timestamp, or None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def extract_dates(text: str, published: str | None = None, lang: str | None = None) -> list[str]:
    """Unique ISO days in order of first mention."""
    anchor = parse_day(published)
    found: list[tuple[int, date]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _explicit_day(kind, match.groups(), anchor, lang)
            if day:
                found.append((match.start(), day))
    relative_lang = (lang or "en")[:2]
    if anchor and relative_lang in _RELATIVE:
        words = _RELATIVE_WORDS[relative_lang]
        for match in _RELATIVE[relative_lang].finditer(text):
            kind, number = words[match.group(2).lower()]
            found.append((match.start(), _relative_day(kind, number, bool(match.group(1)), anchor)))
    seen: dict[str, None] = {}
    for _, day in sorted(found, key=lambda item: item[0]):
        seen.setdefault(day.isoformat(), None)
    return list(seen)


def lead_weekdays(text: str, lang: str | None = None, lead_chars: int = 800) -> frozenset[int]:
    """The weekdays (Monday = 0) the first ``lead_chars`` of ``text`` name: a report says on which day its event
    happened near the top, and two incidents of one kind days apart are told on different days. Read without a
    publication day, so undated reports have them too."""
    names = _WEEKDAY_NAMES.get((lang or "en")[:2])
    if names is None:
        return frozenset()
    # A substring search per word and a look at its ends: the clusterer calls this for every article, and one
    # regex over the lead cost ten times as much.
    lead = text[:lead_chars].lower()
    return frozenset(day for day, words in enumerate(names) if any(_has_word(lead, word) for word in words))


def _has_word(text: str, word: str) -> bool:
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


def _explicit_day(
    kind: str, groups: tuple[str | None, ...], anchor: date | None, lang: str | None
) -> date | None:
    if kind == "ymd":
        year, month, day = (int(g) for g in groups if g)
    elif kind == "numeric":
        first, second, year = (int(g) for g in groups if g)
        month, day = (first, second) if (lang or "en").startswith("en") else (second, first)
    else:
        day_text, month_text, year_text = groups if kind == "dmy" else (groups[1], groups[0], groups[2])
        month, day = MONTHS[month_text.lower()], int(day_text)
        if year_text:
            year = int(year_text)
        elif anchor:
            return _nearest_year(month, day, anchor)
        else:
            return None
    return _safe_date(year, month, day)


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))
    ]
    # News mostly looks back: a future day counts three times as far.
    return min(candidates, key=lambda d: (d - anchor).days * (3 if d > anchor else -1), default=None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative_day(kind: str, number: int, future: bool, anchor: date) -> date:
    if kind == "offset":
        return anchor + timedelta(days=number)
    back = (anchor.weekday() - number) % 7
    if future:
        return anchor + timedelta(days=(7 - back) or 7)
    return anchor - timedelta(days=back)
