"""Line-local rules for page chrome: a sign-up prompt, share bar, notice or link line is dropped whole.

Every rule is anchored (the line starts or ends with the telltale words, or consists of them) and capped in
length, so a story sentence that merely mentions Facebook or a newsletter is never taken for chrome.
"""

from __future__ import annotations

import re

from samestory.cleaning.lines import ends_sentence, word_count

_I = re.IGNORECASE

# (reason, pattern matched from the start of the line, most words the line may have)
_START_RULES: list[tuple[str, re.Pattern[str], int]] = [
    (
        "copyright",
        re.compile(
            r"\(?\s*(?:©|\(c\)\s*\d{4}|copyright\b|all rights reserved|alle rechte vorbehalten"
            r"|todos los derechos reservados|tous droits réservés|wszelkie prawa zastrzeżone"
            r"|tüm hakları saklıdır)",
            _I,
        ),
        60,
    ),
    (
        "newsletter",
        re.compile(
            r"(?:sign(?:ing)?[- ]?up\b|subscribe\b|newsletters?\b|get (?:our|the) .{0,40}newsletter"
            r"|e-?mail alerts?\b"
            r"|get alerted|jetzt abonnieren|abonnieren|abonnez|suscr[ií]be|inscr[ií]bete|zapisz się"
            r"|bültene? )",
            _I,
        ),
        30,
    ),
    (
        "account",
        re.compile(
            r"(?:log ?in\b|sign ?in\b|register\b|create (?:an|one|your) account|need an account"
            r"|already (?:a )?"
            r"(?:subscriber|member|registered)|have an (?:online )?(?:subscription|account)|anmelden\b"
            r"|iniciar sesi[oó]n|se connecter|zaloguj)",
            _I,
        ),
        20,
    ),
    (
        "share",
        re.compile(
            r"(?:share (?:this|on|via|the story|article)\b|read or share this story|share:|like this:"
            r"|teilen:?$"
            r"|compartir:?$|partager:?$|udostępnij|paylaş)",
            _I,
        ),
        20,
    ),
    (
        "social",
        re.compile(
            r"(?:(?:follow|find) (?:us|[\w.@-]+(?: [\w.@-]+){0,3}) on (?:twitter|facebook|instagram|tiktok"
            r"|x\b)"
            r"|like us on"
            r"|join the conversation|never miss another (?:facebook )?post|folge?n? (?:uns|sie) auf"
            r"|s[ií]guenos"
            r"|suivez-nous|twitter: ?@|@\w+$)",
            _I,
        ),
        20,
    ),
    ("app", re.compile(r"(?:>>\s*)?(?:download|get) (?:the|our) .{0,40}\bapps?\b", _I), 20),
    (
        "advertisement",
        re.compile(
            r"(?:(?:advertisements?|advertising|sponsored(?: content)?|anzeige|werbung|publicidad"
            r"|publicit[ée]"
            r"|reklama|reklam|skip ad|ad)\W*)+$"
            r"|(?:advertisement\W+)?(?:(?:story|article) continues|continue reading) below",
            _I,
        ),
        8,
    ),
    (
        "related",
        re.compile(
            r"(?:related(?: stories| articles| content| coverage| links?| news| videos?)?|read more|read also"
            r"|see also|more (?:stories|news|from|on|coverage|headlines)\b[^.!?]*|recent headlines"
            r"|latest headlines"
            r"|trending(?: stories| now)?|top (?:stories|news)|most (?:read|popular|viewed)|you may also like"
            r"|recommended(?: for you)?|also read|earlier|previously|more|lesen sie auch|mehr zum thema"
            r"|auch interessant|leer m[aá]s|lea tambi[eé]n|m[aá]s noticias|lire aussi|[àa] lire aussi"
            r"|czytaj (?:też|także|więcej)|zobacz (?:też|także)|ilgili haberler|around the web)\s*(?::|>>|»"
            r"|\.\.\.|$)",
            _I,
        ),
        25,
    ),
    (
        "comments",
        re.compile(
            r"(?:\d+ )?(?:pending )?(?:comments?|leave a (?:comment|reply)|post a comment|show comments"
            r"|kommentare?|comentarios?|commentaires?|komentarze|yorumlar)\s*(?:\(\d+\))?\W*$"
            r"|article comment by:",
            _I,
        ),
        8,
    ),
    (
        "video",
        re.compile(
            r"(?:please )?enable javascript|(?:watch|listen to) (?:the |this |our )?(?:video|report|story"
            r"|live"
            r"|full interview)|scroll down for video|(?:hide|show) transcript|image \d+ of \d+|\d+ of \d+$"
            r"|enlarge$|caption close|(?:previous|next) (?:image|photo|slide)|view (?:photo )?gallery"
            r"|copy link"
            r"|\d{1,2}:\d{2} (?=[A-Z])(?!.*[.!?]$)|video:?$|photos?:?$|gallery:?$|buy photo",
            _I,
        ),
        20,
    ),
    (
        "tip",
        re.compile(
            r"(?:report an? (?:error|typo)|submit a (?:news )?tip|send (?:us )?(?:your )?(?:news )?tips)", _I
        ),
        15,
    ),
    (
        "update-notice",
        re.compile(
            r"(?:check back(?: later)? for|stay (?:with|tuned to) .{0,30}for|this is a developing story"
            r"|this (?:story|article|report) (?:will be|is being|may be) updated"
            r"|(?:we|[\w.-]+\.(?:com|net|org|tv)) will (?:update|bring you|have)\b.{0,40}"
            r"(?:information|details|updates)|refresh (?:this page|for updates))",
            _I,
        ),
        20,
    ),
    ("credit", re.compile(r"(?:information|material) from:|from staff reports\W*$", _I), 12),
    ("form", re.compile(r"(?:required|your (?:name|e-?mail)|message|e-?mail address)\s*:?\s*\*", _I), 30),
    ("form", re.compile(r"(?:required )?(?:e-?mail|name|message):$|you must enter the characters", _I), 30),
    ("contact", re.compile(r"(?:contact|reach|e-?mail|follow)\b.{0,60}(?:@\w|https?://|www\.)", _I), 15),
]

# One pattern for all start rules (one regex call per line); the group name says which rule matched.
_START = re.compile(
    "|".join(f"(?P<r{i}>{pattern.pattern})" for i, (_, pattern, _) in enumerate(_START_RULES)), _I
)
_MAX_RULE_WORDS = max(max_words for _, _, max_words in _START_RULES)

# Lines that are nothing but a navigation or share control.
_CONTROL_WORDS = re.compile(
    r"(?:print(?: this (?:page|article))?|e-?mail|share|tweet|facebook|twitter|pinterest|google\+?|linkedin"
    r"|reddit"
    r"|tumblr|whatsapp|pocket|flipboard|messenger|instagram|youtube|home|menu|search|close|next|previous"
    r"|back to top"
    r"|a a|font size|text size|print article|save|bookmark|drucken|imprimir|imprimer)\W*",
    _I,
)
# "Updated: Jan. 14, 2017 @ 12:29 PM", "Posted 3:45 PM": the keyword, then a date or time, and no sentence.
_TIMESTAMP = re.compile(
    r"(?:last )?(?:updated|posted|published|modified|aktualisiert|actualizado|publicado|mis [àa] jour"
    r"|publi[ée]"
    r"|zaktualizowano|g[üu]ncellendi|g[üu]ncelleme)(?::|\s+(?:on|at|am|el|le)\b)?:?\s*"
    r"(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
    r"[\w ,.:/@|+()-]{0,50}$",
    _I,
)
_TIME_SENTENCE_END = re.compile(r"(?<![ap]\.m)(?<![ap]m)(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?]$", _I)
# Phrases no story sentence uses, wherever they stand in a short line.
# Each with the lower-case strings one of which any match contains: on an ASCII line (where ignoring case is
# plain lower-casing) a rule whose strings are all absent cannot match, and its search is skipped (a story line
# used to cost five searches).
_ANYWHERE_RULES: list[tuple[str, re.Pattern[str], int, tuple[str, ...]]] = [
    (
        "click-here",
        re.compile(r"\b(?:click here|klicken sie hier|haga clic aqu[ií]|cliquez ici)\b", _I),
        20,
        ("click here", "klicken sie hier", "haga clic aqu", "cliquez ici"),
    ),
    (
        "copyright",
        re.compile(r"\ball rights reserved\b|\bmay not be published, broadcast", _I),
        60,
        ("all rights reserved", "may not be published, broadcast"),
    ),
    ("update-notice", re.compile(r"\bcheck back (?:later |soon )?for (?:updates|more)\b", _I), 12, ("check back ",)),
    ("social", re.compile(r"\bfollow @\w+ on (?:twitter|facebook|instagram|x)\b", _I), 20, ("follow @",)),
    ("app", re.compile(r"\bdownload (?:the|our) .{0,40}\bapps?\b", _I), 30, ("download ",)),
]
_CONTRIBUTED = re.compile(r"\bcontributed to this (?:report|story|article)\W*$", _I)
_SEPARATOR = re.compile(r"[\W_]+")
_PIPE_MENU = re.compile(r"[^|]{1,30}(?:\|[^|]{1,30}){2,}")
_LINK = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|pic\.twitter\.com/\S+")
_DATE_ONLY = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"(?:,? (?:at |@ )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?)?",
    _I,
)


def chrome_reason(text: str) -> str | None:
    """Why this line is page chrome rather than story text, or None when it is not recognisably chrome."""
    if _SEPARATOR.fullmatch(text):
        return "separator"
    if _CONTROL_WORDS.fullmatch(text):
        return "menu"
    if _DATE_ONLY.fullmatch(text):
        return "timestamp"
    if _PIPE_MENU.fullmatch(text) and not ends_sentence(text):
        return "menu"
    if _TIMESTAMP.match(text) and not _TIME_SENTENCE_END.search(text):
        return "timestamp"
    count = word_count(text)
    if count <= _MAX_RULE_WORDS and (match := _START.match(text)):
        reason, max_words = _START_RULES[int(match.lastgroup[1:])][::2]
        if count <= max_words:
            return reason
    lowered = text.lower() if text.isascii() else None
    for reason, pattern, max_words, needed in _ANYWHERE_RULES:
        if count > max_words or lowered is not None and not any(map(lowered.__contains__, needed)):
            continue
        if pattern.search(text):
            return reason
    if count <= 20 and _CONTRIBUTED.search(text[-60:]):
        return "credit"
    if _is_link_line(text, count):
        return "link"
    return None


def _is_link_line(text: str, count: int) -> bool:
    """Mostly addresses: a reporter's e-mail, a short link, a 'read or share' URL."""
    if count > 15:
        return False
    link_chars = sum(len(match) for match in _LINK.findall(text))
    return link_chars > 0 and link_chars >= 0.5 * len(text)
