"""A member's contact person, on a phone, goes from their municipality's page to "My
notifications" and turns the mail about decisions off; the others stay on. The page passes
axe and fits a phone (390 px) without sideways scrolling."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alv import roles
from members.models import MailKind, MailOptOut
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, fits_the_screen, log_in, watch_policy
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # In English: the test reads the page as written, whatever the Dutch catalogue says.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_contact_person_turns_one_kind_of_mail_off_on_a_phone(page, live_server):
    utrecht = f.member("Gemeente Utrecht")
    person = make_user("griffie@utrecht.example", roles.MEMBER, member=utrecht)
    person.email, person.is_contact = "griffie@utrecht.example", True
    person.save()
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, person)

    page.goto(live_server.url + reverse("members:colleagues"))
    page.get_by_role("link", name="My notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My notifications")
    boxes = page.get_by_role("group", name="Send me an e-mail about").get_by_role("checkbox")
    expect(boxes).to_have_count(len(MailKind.values))
    for index in range(len(MailKind.values)):
        expect(boxes.nth(index)).to_be_checked()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)

    decision = page.get_by_label("The decision of the assembly on your motion")
    decision.uncheck()
    page.get_by_role("button", name="Save my notifications").click()
    expect(page.locator(".alv-messages")).to_contain_text("Your notification settings are saved.")
    expect(decision).not_to_be_checked()
    expect(page.get_by_label("The receipt of a motion when it is submitted")).to_be_checked()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    assert list(MailOptOut.objects.values_list("person", "kind")) == [
        (person.pk, MailKind.DECISION)
    ]
