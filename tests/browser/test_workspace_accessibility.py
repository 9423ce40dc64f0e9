"""axe finds no serious or critical violation on any page of the workspace, in its plain
state and with its inline forms open, errors shown; and nothing breaks the
Content-Security-Policy (no inline script or style) on the way."""

import pytest
from django.urls import reverse

from agenda.models import Resolution
from motions.models import Amendment, FollowUp, Motion
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in, watch_policy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


@pytest.fixture
def papers(page, live_server, demo_meeting, secretariat_user):
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    resolution.new_version("derde versie")  # a draft version: its clauses are editable
    log_in(page, live_server, secretariat_user)
    return {
        "meeting": demo_meeting,
        "item": resolution.agenda_item,
        "resolution": resolution,
        "motion": Motion.objects.get(title="Solidariteit in de asielopvang"),
        "amendment": Amendment.objects.get(),
        "follow_up": FollowUp.objects.first(),
    }


def every_page(p):
    meeting = p["meeting"].pk
    return [
        reverse("workspace:meetings"),
        reverse("workspace:meeting_new"),
        reverse("workspace:association"),
        reverse("workspace:members"),
        reverse("workspace:people"),
        reverse("workspace:groups"),
        reverse("workspace:group_new"),
        reverse("workspace:dashboard", args=[meeting]),
        reverse("workspace:intake", args=[meeting]),
        reverse("workspace:meeting_edit", args=[meeting]),
        reverse("workspace:agenda", args=[meeting]),
        reverse("workspace:item", args=[p["item"].pk]),
        reverse("workspace:item_delete", args=[p["item"].pk]),
        reverse("workspace:resolution_new", args=[p["item"].pk]),
        reverse("workspace:resolution", args=[p["resolution"].pk]),
        reverse("workspace:resolution", args=[p["resolution"].pk]) + "?version=1",
        reverse("workspace:resolution_diff", args=[p["resolution"].pk]),
        reverse("workspace:proposal_new", args=[meeting, "motion"]),
        reverse("workspace:proposal_new", args=[meeting, "amendment"]),
        reverse("workspace:proposal", args=[p["motion"].pk]),
        reverse("workspace:proposal", args=[p["amendment"].pk]),
        reverse("workspace:pre_advice", args=[meeting]),
        reverse("workspace:pre_advice_row", args=["proposal", p["motion"].pk]),
        reverse("workspace:pre_advice_row", args=["follow_up", p["follow_up"].pk]),
    ]


def test_no_workspace_page_has_serious_accessibility_violations(page, live_server, papers):
    policy = watch_policy(page)
    found = {}
    for path in every_page(papers):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page) + policy()
        if violations:
            found[path] = violations
    assert found == {}


def test_open_inline_forms_and_shown_errors_have_no_serious_violations(page, live_server, papers):
    policy = watch_policy(page)
    found = {}

    def check(label):
        violations = serious_violations(page) + policy()
        if violations:
            found[label] = violations

    meeting = papers["meeting"].pk
    page.goto(live_server.url + reverse("workspace:agenda", args=[meeting]))
    item = papers["item"]
    page.locator(f"#item-{item.pk}-edit").click()
    page.locator(f"#id_item-{item.pk}-title").fill("")
    page.locator(f"#item-row-{item.pk}").get_by_role("button", name="Opslaan").click()
    page.locator(f"#id_item-{item.pk}-title_error").wait_for()
    page.get_by_role("link", name="Verwijderen", exact=False).first.click()
    page.locator(".ws-confirm").wait_for()
    check("agenda with an invalid inline form and a delete question")

    page.goto(live_server.url + reverse("workspace:meeting_new"))
    page.get_by_role("button", name="Vergadering aanmaken").click()
    page.locator("#id_title_error").wait_for()
    check("new meeting with errors")

    resolution = papers["resolution"]
    page.goto(live_server.url + reverse("workspace:resolution", args=[resolution.pk]))
    clause = Resolution.objects.get(pk=resolution.pk).current_version.clauses.first()
    page.locator(f"#clause-{clause.pk}-edit").click()
    page.locator(f"#id_clause-{clause.pk}-text").wait_for()
    page.locator("#resolution-title-edit").click()
    page.locator("#id_resolution-title").wait_for()
    check("resolution with inline forms open")

    page.goto(live_server.url + reverse("workspace:proposal", args=[papers["motion"].pk]))
    page.get_by_role("searchbox", name="Indieners").fill("Son")
    page.locator("[data-add-submitter]").first.wait_for()
    check("motion with member search results")

    page.goto(live_server.url + reverse("workspace:pre_advice", args=[meeting]))
    page.locator(f"#pa-proposal-{papers['motion'].pk}-edit").click()
    page.locator(f"#pa-proposal-{papers['motion'].pk}.ws-row--editing").wait_for()
    check("pre-advice overview with a row in edit")
    assert found == {}
