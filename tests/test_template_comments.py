"""A `{# ... #}` comment ends on its own line in Django templates: one spread over two lines is
shown to users as text (in the head it even ends the head early). Longer comments use
{% comment %}."""

from pathlib import Path

from django.conf import settings

TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("*/templates"),
]


def test_no_template_has_a_one_line_comment_spread_over_lines():
    spread = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*"):
            if path.suffix not in (".html", ".txt", ".css", ".xml"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                opened = line.rfind("{#")
                if opened != -1 and "#}" not in line[opened:]:
                    spread.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert spread == []
