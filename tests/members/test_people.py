"""The rules of members.people: inviting, sending again, deactivating, and who may do it."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from alv import roles
from alv.models import User
from members import people
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def invite(actor, member, email="nieuw@utrecht.example", **kwargs):
    return people.invite(
        actor,
        email=email,
        member=member,
        first_name="Nina",
        last_name="Nieuw",
        function=User.Function.CLERK,
        base_url="http://alv.example/",
        **kwargs,
    )


def test_an_invitation_makes_a_member_account_without_a_password_and_queues_the_mail(
    secretariat_user, municipality, work_off_queue
):
    invitation = invite(secretariat_user, municipality, email=" Nina@Utrecht.Example ")

    person = User.objects.get(username="nina@utrecht.example")
    assert invitation.created and invitation.person == person
    assert person.email == "nina@utrecht.example"
    assert person.member == municipality and person.function == "clerk"
    assert not person.has_usable_password() and person.is_pending
    assert set(person.groups.values_list("name", flat=True)) == {roles.MEMBER}
    assert person.invited_by == secretariat_user and person.invited_at is not None
    # Nothing is sent until the worker runs.
    assert mail.outbox == []
    assert work_off_queue() == 1
    assert [m.to for m in mail.outbox] == [["nina@utrecht.example"]]


def test_the_invitation_mail_has_a_text_and_an_html_part_with_the_link(
    secretariat_user, municipality, work_off_queue
):
    invite(secretariat_user, municipality, language="en")
    work_off_queue()

    (message,) = mail.outbox
    assert message.subject == "Your invitation to the VNG general assembly"
    assert "/accounts/invitation/" in message.body
    assert "Gemeente Utrecht" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert 'href="http://alv.example/accounts/invitation/' in html
    assert '<html lang="en">' in html


def test_the_invitation_mail_is_in_the_language_of_the_person_invited(
    secretariat_user, municipality, work_off_queue
):
    invite(secretariat_user, municipality, email="nl@utrecht.example", language="nl")
    invite(secretariat_user, municipality, email="en@utrecht.example", language="en")
    work_off_queue()

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert (
        subjects["nl@utrecht.example"]
        == "Uw uitnodiging voor de algemene ledenvergadering van de VNG"
    )
    assert subjects["en@utrecht.example"] == "Your invitation to the VNG general assembly"
    dutch = next(m for m in mail.outbox if m.to == ["nl@utrecht.example"])
    assert "Kies uw wachtwoord" in dutch.alternatives[0][0]
    assert '<html lang="nl">' in dutch.alternatives[0][0]


def test_the_link_is_valid_for_the_configured_days_only(secretariat_user, municipality, settings):
    settings.ALV_INVITATION_DAYS = 5
    person = invite(secretariat_user, municipality).person
    token = people.invitation_tokens.make_token(person)
    # (Tokens count naive local seconds; a few hours either side keep clear of the offset.)
    now = timezone.now()
    with time_machine.travel(now + dt.timedelta(days=4, hours=20)):
        assert people.invitation_tokens.check_token(person, token)
    with time_machine.travel(now + dt.timedelta(days=5, hours=4)):
        assert not people.invitation_tokens.check_token(person, token)


def test_a_password_reset_token_is_no_invitation_token(secretariat_user, municipality):
    person = invite(secretariat_user, municipality).person
    assert not people.invitation_tokens.check_token(
        person, default_token_generator.make_token(person)
    )


def test_sending_again_replaces_the_link(secretariat_user, municipality, work_off_queue):
    person = invite(secretariat_user, municipality).person
    old = people.invitation_tokens.make_token(person)

    people.resend(secretariat_user, person, "http://alv.example/")

    person.refresh_from_db()
    assert not people.invitation_tokens.check_token(person, old)
    assert work_off_queue() == 2


def test_an_address_with_an_account_gets_no_second_one(secretariat_user, municipality):
    existing = make_user("bestaand@zwolle.example", roles.MEMBER)
    existing.email = "bestaand@zwolle.example"
    existing.save()

    invitation = invite(secretariat_user, municipality, email="Bestaand@Zwolle.example")

    assert not invitation.created and invitation.person == existing
    assert User.objects.filter(email__iexact="bestaand@zwolle.example").count() == 1
    existing.refresh_from_db()
    assert existing.member is None  # not moved to another member either


def test_a_contact_person_invites_only_to_their_own_member(
    contact, municipality, other_municipality
):
    with pytest.raises(PermissionDenied):
        invite(contact, other_municipality)
    assert invite(contact, municipality).person.member == municipality


def test_an_ordinary_member_or_the_board_cannot_invite(municipality, board_user):
    member = make_user("lid@utrecht.example", roles.MEMBER, member=municipality)
    for actor in (member, board_user):
        with pytest.raises(PermissionDenied):
            invite(actor, municipality)


def test_a_contact_person_invites_an_existing_address_without_learning_of_it(
    contact, other_municipality, work_off_queue
):
    elsewhere = make_user("wethouder@zwolle.example", roles.MEMBER, member=other_municipality)
    elsewhere.email = "wethouder@zwolle.example"
    elsewhere.save()

    invite(contact, contact.member, email="wethouder@zwolle.example")
    work_off_queue()

    elsewhere.refresh_from_db()
    assert elsewhere.member == other_municipality
    # The address itself is told it has an account; no invitation link is sent.
    (note,) = mail.outbox
    assert note.to == ["wethouder@zwolle.example"]
    assert "/accounts/invitation/" not in note.body
    assert "/accounts/login/" in note.body and note.alternatives


def test_a_contact_person_deactivates_a_colleague_but_not_someone_of_another_member(
    contact, municipality, other_municipality
):
    colleague = invite(contact, municipality).person
    stranger = make_user("x@zwolle.example", roles.MEMBER, member=other_municipality)

    people.deactivate(contact, colleague)

    colleague.refresh_from_db()
    assert not colleague.is_active
    with pytest.raises(PermissionDenied):
        people.deactivate(contact, stranger)


def test_a_contact_person_cannot_deactivate_themselves_or_a_staff_account(contact, municipality):
    board = make_user("bestuur@utrecht.example", roles.BOARD, member=municipality)
    with pytest.raises(people.Refused):
        people.deactivate(contact, contact)
    with pytest.raises(PermissionDenied):
        people.deactivate(contact, board)


def test_the_last_contact_person_is_kept_from_a_contact_person(contact, municipality):
    other_contact = make_user("ook@utrecht.example", roles.MEMBER, member=municipality)
    other_contact.is_contact = True
    other_contact.save()
    # Two contacts: one may deactivate the other; then the one left is the last.
    people.deactivate(other_contact, contact)
    contact.refresh_from_db()
    assert not contact.is_active
    with pytest.raises(people.Refused):
        people.deactivate(other_contact, other_contact)


def test_only_the_secretariat_reactivates(secretariat_user, contact, municipality):
    colleague = invite(contact, municipality).person
    people.deactivate(contact, colleague)
    with pytest.raises(PermissionDenied):
        people.reactivate(contact, colleague)
    people.reactivate(secretariat_user, colleague)
    colleague.refresh_from_db()
    assert colleague.is_active


def test_the_throttle_allows_the_limit_within_the_window_and_then_refuses():
    assert all(people.allowed("test-key", 3, 60) for _ in range(3))
    assert not people.allowed("test-key", 3, 60)
    assert people.allowed("another-key", 3, 60)
