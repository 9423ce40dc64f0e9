import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def entries():
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        msgid = "".join(
            re.findall(r'^(?:msgid|msgid_plural)? ?"(.*)"$', block.split("msgstr")[0], re.M)
        )
        msgstr = "".join(
            re.findall(r'^(?:msgstr(?:\[\d\])?)? ?"(.*)"$', block.split("msgstr", 1)[-1], re.M)
        )
        yield block, msgid, msgstr


def test_every_interface_string_has_a_dutch_translation():
    untranslated = [msgid for block, msgid, msgstr in entries() if msgid and not msgstr]
    assert untranslated == []


def test_no_translation_is_left_fuzzy():
    assert [msgid for block, msgid, _ in entries() if msgid and "#, fuzzy" in block] == []
