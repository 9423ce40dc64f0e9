"""The one filter for formatted text: limited markup stays, everything dangerous goes."""

import pytest
from django.template import Context, Template

from alv.formatting import rich_text


def render(text):
    return Template("{% load formatting %}{{ text|rich_text }}").render(Context({"text": text}))


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert rich_text("Eerste alinea.\nTweede regel.\n\nTweede alinea.") == (
        "<p>Eerste alinea.<br>Tweede regel.</p>\n<p>Tweede alinea.</p>"
    )


def test_plain_text_special_characters_are_escaped():
    assert rich_text("Taken < middelen & 5 > 3") == "<p>Taken &lt; middelen &amp; 5 &gt; 3</p>"


def test_bold_italics_lists_and_links_are_kept():
    html = render(
        "<strong>Let op</strong> en <em>nadruk</em>\n\n"
        "<ul>\n<li>één</li>\n<li>twee</li>\n</ul>\n\n"
        '<a href="https://vng.nl/brief">ledenbrief</a>'
    )
    assert "<strong>Let op</strong> en <em>nadruk</em>" in html
    assert "<ul>\n<li>één</li>\n<li>twee</li>\n</ul>" in html
    assert '<a href="https://vng.nl/brief" rel="noopener noreferrer">ledenbrief</a>' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        '<a href="JaVaScRiPt:alert(1)">klik</a>',
        '<b onmouseover="alert(1)">vet</b>',
        "<svg onload=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<p style="position:fixed">x</p>',
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_scripts_event_handlers_and_dangerous_links_are_removed(payload):
    html = render(f"Voor {payload} na")
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered and "onload" not in lowered and "onmouseover" not in lowered
    assert "<iframe" not in lowered and "<style" not in lowered and "style=" not in lowered
    assert "data:" not in lowered
    assert "Voor" in html and "na" in html


def test_empty_text_gives_nothing():
    assert render("") == ""
    assert render(None) == ""
