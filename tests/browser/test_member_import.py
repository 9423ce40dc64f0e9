"""The secretariat loads the new CBS list in the workspace: preview first, then confirm."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.imports import apply_plan, plan_import
from members.models import Member
from tests.browser.test_import import log_in
from tests.browser.test_smoke import serious_violations
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST = "code,name,population\nGM0080,Leeuwarden,108000\nGM0081,Leeuwarderadeel,10000\n"
SECOND = (
    "code,name,population,successor_code\n"
    "GM0080,Leeuwarden,123000,\n"
    "GM0081,Leeuwarderadeel,,GM0080\n"
)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


def test_the_secretariat_previews_and_loads_a_list_with_a_merger(page, live_server, tmp_path):
    apply_plan(plan_import(FIRST, dt.date(2017, 1, 1)))
    bad, good = tmp_path / "fout.csv", tmp_path / "gemeenten-2018.csv"
    bad.write_text("code,name,population\nGM0080,,123000\n", encoding="utf-8")
    good.write_text(SECOND, encoding="utf-8")
    log_in(page, live_server, make_user("secretaris", "secretariat"))

    page.goto(live_server.url + reverse("workspace:meetings"))
    page.get_by_role("link", name="Leden", exact=True).click()
    page.get_by_role("link", name="Een nieuwe ledenlijst laden").click()
    assert serious_violations(page) == []

    page.get_by_label("Ledenlijst (CSV)").set_input_files(str(bad))
    page.get_by_label("Geldig vanaf").fill("2018-01-01")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    problems = page.locator("#member-list-problems")
    expect(problems).to_contain_text("Regel 2:")
    expect(page.get_by_label("Geldig vanaf")).to_have_value("2018-01-01")
    assert serious_violations(page) == []

    page.get_by_label("Ledenlijst (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Voorbeeld tonen").click()
    preview = page.locator("#member-list-preview")
    expect(preview).to_contain_text("Gefuseerd: Leeuwarderadeel met Leeuwarden")
    assert serious_violations(page) == []
    assert Member.objects.get(code="GM0081").member_until is None

    preview.get_by_role("button", name="Bevestigen en de lijst laden").click()
    expect(page.get_by_text("De ledenlijst vanaf 01-01-2018 is geladen")).to_be_visible()
    former = page.get_by_role("table", name="Voormalige leden")
    expect(former).to_contain_text("Leeuwarderadeel")
    expect(former).to_contain_text("31-12-2017")
    assert serious_violations(page) == []
    assert Member.objects.get(code="GM0081").member_until == dt.date(2017, 12, 31)
