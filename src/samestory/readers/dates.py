"""Publication dates as the inputs state them, normalised to ISO 8601 (day only when no time is given)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HAS_DIGIT = re.compile(r"\d")


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` or a full ISO timestamp (with its offset when the input gives one); None if unreadable.

    Tries ISO 8601, then RFC 2822 (feeds, e-mail), then dateparser for free-form dates such as
    'July 10, 2020'; a time of day is only kept when the input format states it unambiguously.
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100 or not _HAS_DIGIT.search(text):
        return None
    if _ISO_DAY.fullmatch(text):
        return text if _valid_day(text) else None
    try:
        return _iso_timestamp(datetime.fromisoformat(text.replace(" ", "T", 1)))
    except ValueError:
        pass
    try:
        return _iso_timestamp(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _free_form_day(text)


def _valid_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _iso_timestamp(moment: datetime) -> str:
    if moment.tzinfo is None and moment.time() == datetime.min.time():
        return moment.date().isoformat()  # a bare midnight usually means 'only the day is known'
    return moment.isoformat()


def _free_form_day(text: str) -> str | None:
    import dateparser  # imported late: it takes about a second and most inputs never need it

    try:
        parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed else None
