"""The contact person gives a colleague the municipality's voting card, on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alv import roles
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in
from tests.conftest import make_user
from voting.models import VotingCard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_the_contact_person_gives_the_card_to_the_griffier(page, live_server):
    utrecht = f.member("Utrecht")
    meeting = f.meeting(title="ALV juni", days=30)
    contact = make_user("contact@utrecht.example", roles.MEMBER, member=utrecht)
    contact.is_contact = True
    contact.save()
    griffier = make_user("griffier@utrecht.example", roles.MEMBER, member=utrecht)
    griffier.first_name, griffier.last_name, griffier.function = "Gerda", "Griffier", "clerk"
    griffier.save()
    page.set_viewport_size(PHONE)
    log_in(page, live_server, contact)

    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Stemkaarten").click()
    card = page.get_by_role("region", name="ALV juni")
    card.get_by_label("Houder van de stemkaart").select_option(label="Gerda Griffier (griffier)")
    card.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Gerda Griffier houdt de stemkaart voor ALV juni.")).to_be_visible()
    expect(page.get_by_label("Houder van de stemkaart")).to_have_value(str(griffier.pk))
    assert fits_the_screen(page)
    assert serious_violations(page) == []
    assert VotingCard.objects.get(meeting=meeting, member=utrecht).holder == griffier
