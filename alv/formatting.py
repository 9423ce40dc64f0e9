"""User-written text with a little formatting, made safe to show as HTML.

The secretariat types rationales, explanations and agenda texts as plain text (blank lines
between paragraphs) and may use a few HTML tags: bold, italics, lists and links. `rich_text`
turns that into HTML and sanitizes it with nh3 (an allow-list HTML sanitizer), so no script,
event handler, style or javascript: link survives. Everything else user-written is escaped
by Django's templates as usual. Use it through the template filter:

    {% load formatting %}{{ pre_advice.rationale|rich_text }}
"""

import re

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Links open in the same tab; rel keeps a linked page from reaching back into ours.
LINK_REL = "noopener noreferrer"

# A paragraph that already is a block of HTML is not wrapped in <p> again.
_BLOCK_START = re.compile(r"^\s*<(p|ul|ol)[\s>]", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def to_html(text):
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if _BLOCK_START.match(paragraph):
            blocks.append(paragraph)
        else:
            blocks.append("<p>" + paragraph.replace("\n", "<br>") + "</p>")
    return "\n".join(blocks)


def rich_text(text):
    """Safe HTML for `text` (plain text with optional limited markup)."""
    return mark_safe(
        nh3.clean(
            to_html(text),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )
