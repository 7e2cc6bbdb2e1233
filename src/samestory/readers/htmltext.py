"""Text of an HTML fragment (a feed item's content), one line per block element."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
    "dd",
    "dt",
}
_DROPPED = {"script", "style", "noscript", "template"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # lxml refuses them


def html_to_text(fragment: str) -> str:
    """Visible text of ``fragment``: markup removed, entities decoded, blocks on their own lines."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(_CONTROL.sub("", fragment), create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(lxml.etree.Element)):  # elements only: comments never reach the text
        tag = element.tag.lower()
        if tag in _DROPPED:
            element.drop_tree()
        elif tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
