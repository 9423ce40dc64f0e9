"""The meeting page is an overview of the agenda: one closed line per item saying what it holds,
opened in place; an item's address (#item-N) is inside its folded part, so a browser opens it
on arrival. The resolution page keeps its versions and comparison next to its text, and a
status is a badge, never something that looks like a field."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def meeting_page(client, meeting, **headers):
    return client.get(reverse("meeting_detail", args=[meeting.pk]), **headers).content.decode()


def details_of(html, item):
    """The <details> of `item`, from its opening tag to its closing tag."""
    start = html.rindex("<details", 0, html.index(f'id="item-{item.pk}-heading"'))
    return html[start : html.index("</details>", start) + len("</details>")]


@pytest.fixture
def meeting():
    meeting = f.meeting()
    f.item(meeting, "Opening")
    motions = f.item(meeting, "Moties", text="De moties van deze vergadering.")
    resolution = f.resolution(motions, "Asielbeleid")
    f.amendment(motions, resolution)
    for n in range(3):
        f.motion(motions, f"Motie {n}")
    earlier = f.item(f.meeting(days=-200), "Moties")
    follow_ups = f.item(meeting, "Verantwoording uitvoering moties", is_follow_up=True)
    f.follow_up(follow_ups, f.motion(earlier, "Oude motie", status="adopted"))
    return meeting


def test_each_item_is_one_closed_line_that_says_what_it_holds(client, meeting):
    html = meeting_page(client, meeting, **ENGLISH)
    motions = meeting.items.get(title="Moties")
    item = details_of(html, motions)
    assert item.startswith('<details class="alv-agenda-item__details">')  # closed
    line = item.split("</summary>")[0]
    assert "Moties" in line
    assert "Decision, 1 resolution, 3 motions, 1 amendment</span>" in line
    follow_up = details_of(html, meeting.items.get(title__startswith="Verantwoording"))
    assert "1 motion of earlier meetings" in follow_up.split("</summary>")[0]
    # What the item holds is in its folded part, in full.
    body = item.split("</summary>")[1]
    assert "De moties van deze vergadering." in body
    assert body.count('alv-proposal"') == 4 and "Asielbeleid" in body
    assert html.count('<details class="alv-agenda-item__details">') == 2


def test_an_items_address_is_inside_its_folded_part_so_a_browser_opens_it(client, meeting):
    html = meeting_page(client, meeting)
    motions = meeting.items.get(title="Moties")
    item = details_of(html, motions)
    summary_end = item.index("</summary>")
    assert item.index(f'id="item-{motions.pk}"') > summary_end
    assert html.count(f'id="item-{motions.pk}"') == 1


def test_an_item_with_nothing_to_open_is_a_plain_line_with_its_address(client, meeting):
    html = meeting_page(client, meeting)
    opening = meeting.items.get(title="Opening")
    line = html[html.rindex("<li", 0, html.index(f'id="item-{opening.pk}"')) :].split("</li>")[0]
    assert "<details" not in line and "<summary" not in line
    assert "Opening" in line


def test_the_items_keep_their_order_and_headings_under_the_agenda(client, demo_meeting):
    html = meeting_page(client, demo_meeting)
    agenda = html[html.index('id="agenda-heading"') :]
    numbers = re.findall(
        r'<span class="alv-visually-hidden">Agendapunt </span>(\w+)</span>', agenda
    )
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "8a", "8b", "8c", "9", "10", "11"]
    # Items are headings one level below "Agenda", sub-items one level lower again.
    assert re.search(r'<h3 class="utrecht-heading-3" id="item-\d+-heading">', agenda)
    assert re.search(r'<h4 class="utrecht-heading-4" id="item-\d+-heading">', agenda)


def test_the_resolution_page_has_its_versions_and_comparison_before_the_motions(client):
    item = f.item(f.meeting())
    resolution = f.resolution(item, "Asielbeleid")
    f.version(resolution, ["Eerste, gewijzigd.", "Tweede."])
    f.motion(item, "Motie over asiel", resolution=resolution)
    f.amendment(item, resolution, resolution_version=resolution.versions.get(number=1))
    html = client.get(resolution.get_absolute_url()).content.decode()
    versions = html.index('id="versions-heading"')
    assert html.index('id="text-heading"') < versions
    assert versions < html.index('class="alv-compare-form"') < html.index('id="motions-heading"')
    assert versions < html.index('id="other-amendments-heading"')


def test_a_status_is_a_status_badge(client):
    item = f.item(f.meeting())
    f.motion(item, "Open motie")
    f.motion(item, "Ingetrokken motie", status="withdrawn")
    html = meeting_page(client, item.meeting)
    assert 'class="utrecht-status-badge alv-badge alv-badge--submitted">nog niet besloten' in html
    assert 'class="utrecht-status-badge alv-badge alv-badge--withdrawn">ingetrokken' in html
    assert 'class="utrecht-status-badge alv-badge alv-badge--pending">preadvies volgt' in html


def test_no_badge_is_drawn_with_a_dashed_or_field_like_border():
    css = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (Path(settings.BASE_DIR) / "static" / "css").glob("*.css")
    )
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    badge_rules = re.findall(r"([^{}]*alv-badge[^{}]*)\{([^}]*)\}", css)
    assert badge_rules
    dashed = [selector.strip() for selector, body in badge_rules if "dashed" in body]
    assert dashed == []
    base = next(body for selector, body in badge_rules if selector.strip() == ".alv-badge")
    assert "border: 1px solid transparent" in base and "background" in base
