"""A member's people draft, share and submit a motion online; the secretariat takes it in.
Nobody sees another member's drafts, and nothing unaccepted reaches the papers."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alv import roles
from motions.models import Motion, PreAdvice
from submissions.models import CoSubmitter, Submission
from tests import factories as f
from tests.conftest import make_user
from tests.submissions.conftest import amsterdam, client_of, draft, html

pytestmark = pytest.mark.django_db

LIST = reverse("submissions:list")
NEW = reverse("submissions:new")


def text(item, **changes):
    data = {
        "agenda_item": item.pk,
        "title": "Ravijnjaar",
        "findings": "gemeenten een ravijnjaar tegemoet gaan;\n\n",
        "considerations": "de tijd dringt;",
        "requests": "het kabinet aan te spreken,",
        "explanation": "",
    }
    data.update(changes)
    return data


def test_a_member_s_person_drafts_a_motion_under_an_agenda_item(item, griffier, now_is):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    client = client_of(griffier)
    form = html(client.get(NEW))
    assert "Moties" in form and "ALV maart" in form  # the item, grouped under its meeting
    response = client.post(NEW, text(item))
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()
    assert (submission.member.name, submission.created_by, submission.state) == (
        "Haaksbergen",
        griffier,
        Submission.State.DRAFT,
    )
    assert submission.findings == "gemeenten een ravijnjaar tegemoet gaan;"
    page = html(client.get(submission.get_absolute_url()))
    assert "De algemene ledenvergadering van de VNG, bijeen op 18-3-2027," in page
    assert "Ravijnjaar" in html(client.get(LIST))


def test_a_draft_without_requests_is_refused_at_the_field_and_keeps_what_was_typed(
    item, griffier, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    response = client_of(griffier).post(NEW, text(item, requests="  \n "))
    page = html(response)
    assert 'id="id_requests_error"' in page and "Give at least one request" in page
    assert "gemeenten een ravijnjaar tegemoet gaan;" in page
    assert not Submission.objects.exists()


def test_a_meeting_that_has_started_takes_no_new_motions(item, griffier, now_is):
    now_is(amsterdam(2027, 3, 18, 10, 30))
    response = client_of(griffier).post(NEW, text(item))
    assert "Select a valid choice" in html(response)
    assert not Submission.objects.exists()


def test_another_member_never_sees_a_draft_it_is_not_invited_to(
    item, haaksbergen, enschede, enschede_person
):
    submission = draft(item, haaksbergen)
    other = client_of(enschede_person)
    assert other.get(submission.get_absolute_url()).status_code == 404
    assert "Ravijnjaar" not in html(other.get(LIST))
    submission.invite(enschede)
    page = html(other.get(submission.get_absolute_url()))
    assert "Ravijnjaar" in page and "Submit it with them" in page
    assert "Ravijnjaar" in html(other.get(LIST))
    # Invited, it reads the text but cannot change it.
    response = other.post(submission.get_absolute_url(), text(item, title="Gekaapt"))
    assert response.status_code == 403
    assert Submission.objects.get().title == "Ravijnjaar"


def test_a_co_submitter_accepts_the_text_it_read(item, haaksbergen, enschede, enschede_person):
    submission = draft(item, haaksbergen)
    submission.invite(enschede)
    url = reverse("submissions:answer", args=[submission.pk])
    other = client_of(enschede_person)
    other.post(url, {"answer": "accept", "text_revision": submission.text_revision})
    assert Submission.objects.get().submitters() == [haaksbergen, enschede]
    assert CoSubmitter.objects.get().answered_by == enschede_person


def test_the_lead_invites_a_co_submitter_by_name(item, haaksbergen, enschede, griffier):
    submission = draft(item, haaksbergen)
    client = client_of(griffier)
    url = reverse("submissions:invite", args=[submission.pk])
    client.post(url, {"member_name": "enschede"})
    assert [c.member for c in submission.co_submitters.all()] == [enschede]
    response = client.post(url, {"member_name": "Hengeloo"}, follow=True)
    assert "“Hengeloo” is not a member." in html(response)
    assert submission.co_submitters.count() == 1


def test_a_late_motion_asks_why_at_the_field_and_is_sent_with_the_reason(
    item, haaksbergen, griffier, now_is
):
    submission = draft(item, haaksbergen)
    now_is(amsterdam(2027, 3, 10, 9, 0))
    client = client_of(griffier)
    assert "Submit as a late motion" in html(client.get(submission.get_absolute_url()))
    url = reverse("submissions:submit", args=[submission.pk])
    refused = client.post(url, {"revision": submission.revision, "late_reason": ""})
    assert refused.status_code == 400
    assert 'id="id_late_reason_error"' in html(refused)
    assert Submission.objects.get().state == Submission.State.DRAFT
    client.post(url, {"revision": submission.revision, "late_reason": "Het kabinet besluit nu."})
    submission = Submission.objects.get()
    assert (submission.state, submission.is_late, submission.late_reason) == (
        Submission.State.SUBMITTED,
        True,
        "Het kabinet besluit nu.",
    )


def test_a_submitted_motion_can_no_longer_be_changed_by_the_member(
    item, haaksbergen, griffier, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    client = client_of(griffier)
    client.post(
        reverse("submissions:submit", args=[submission.pk]), {"revision": submission.revision}
    )
    assert client.post(submission.get_absolute_url(), text(item, title="Later")).status_code == 403
    assert Submission.objects.get().title == "Ravijnjaar"
    # Withdrawing asks first, then withdraws.
    withdraw = reverse("submissions:withdraw", args=[submission.pk])
    assert "This cannot be undone" in html(client.get(withdraw))
    client.post(withdraw, {"revision": Submission.objects.get().revision})
    assert Submission.objects.get().state == Submission.State.WITHDRAWN


def test_the_secretariat_sees_submitted_motions_but_never_drafts(
    item, haaksbergen, enschede, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    draft(item, enschede, title="Nog een concept")
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    staff = client_of(secretariat_user)
    queue = html(staff.get(reverse("workspace:intake", args=[item.meeting.pk])))
    assert "Ravijnjaar" in queue and "on time" in queue
    assert "Nog een concept" not in queue
    concept = Submission.objects.get(title="Nog een concept")
    url = reverse("workspace:intake_submission", args=[concept.pk])
    assert staff.get(url).status_code == 404


def test_the_secretariat_accepts_a_motion_into_the_papers_as_a_draft(
    item, haaksbergen, griffier, secretariat_user, member_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    staff = client_of(secretariat_user)
    url = reverse("workspace:intake_submission", args=[sent.pk])
    response = staff.post(url, {"revision": Submission.objects.get().revision, "action": "accept"})
    motion = Motion.objects.get()
    assert response["Location"] == reverse("workspace:proposal", args=[motion.pk])
    assert motion.is_draft and motion.title == "Ravijnjaar"
    # Members do not read it before the secretariat publishes it.
    page = html(client_of(member_user).get(item.meeting.get_absolute_url()))
    assert "Ravijnjaar" not in page
    # Accepting twice (a doubled click) makes one motion.
    staff.post(url, {"revision": sent.revision, "action": "accept"})
    assert Motion.objects.count() == 1


def test_returning_a_motion_needs_a_message_at_the_field(
    item, haaksbergen, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    staff = client_of(secretariat_user)
    url = reverse("workspace:intake_submission", args=[sent.pk])
    revision = Submission.objects.get().revision
    refused = staff.post(url, {"revision": revision, "action": "return", "message": ""})
    assert refused.status_code == 400 and 'id="id_message_error"' in html(refused)
    staff.post(url, {"revision": revision, "action": "return", "message": "Graag korter."})
    returned = Submission.objects.get()
    assert returned.state == Submission.State.RETURNED
    # The member reads why, and may change the text again.
    page = html(client_of(griffier).get(returned.get_absolute_url()))
    assert "Graag korter." in page and "Save the draft" in page


def test_the_intake_queue_takes_the_same_queries_for_more_submissions(
    item, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    staff = client_of(secretariat_user)
    url = reverse("workspace:intake", args=[item.meeting.pk])

    def add(count):
        for n in range(count):
            member = f.member()
            sent = draft(item, member, title=f"Motie {member.pk}-{n}")
            sent.invite(f.member())
            sent.submit(sent.revision, griffier)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(url).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(20)
    assert queries() == few


def test_the_menu_offers_our_motions_to_a_member_s_people_only(griffier, db):
    without_member = make_user("los", roles.MEMBER)
    home = reverse("home")
    assert LIST in html(client_of(griffier).get(home))
    # The cached page of one reader is not served with another's menu.
    assert LIST not in html(client_of(without_member).get(home))
    assert LIST in html(client_of(griffier).get(home))


def test_the_receipt_is_mailed_by_the_worker_with_the_full_text_and_the_time(
    item, haaksbergen, enschede, enschede_person, griffier, now_is, work_off_queue, mailoutbox
):
    griffier.email, griffier.is_contact = "griffie@haaksbergen.example", True
    griffier.save()
    enschede_person.email, enschede_person.is_contact = "griffie@enschede.example", True
    enschede_person.save()
    submission = draft(item, haaksbergen)
    submission.invite(enschede).give_answer(enschede_person, True, submission.text_revision)
    now_is(amsterdam(2027, 3, 5, 11, 58, 30))
    client_of(griffier).post(
        reverse("submissions:submit", args=[submission.pk]),
        {"revision": Submission.objects.get().revision},
    )
    assert mailoutbox == []  # not inside the request
    assert work_off_queue() == 1
    assert sorted(m.to[0] for m in mailoutbox) == [
        "griffie@enschede.example",
        "griffie@haaksbergen.example",
    ]
    message = mailoutbox[0]
    assert message.subject == "Ontvangen: motie “Ravijnjaar”"
    body = message.body
    assert "vrijdag 5 maart 2027, 11:58:30" in body and "op tijd" in body
    assert "Haaksbergen, Enschede" in body
    assert "- het kabinet aan te spreken;" in body and "- de leden te informeren," in body
    html_part, kind = message.alternatives[0]
    assert kind == "text/html" and "het kabinet aan te spreken;" in html_part


def test_an_invited_member_s_contact_persons_are_told_by_mail(
    item, haaksbergen, enschede, enschede_person, griffier, work_off_queue, mailoutbox
):
    enschede_person.email, enschede_person.is_contact = "griffie@enschede.example", True
    enschede_person.save()
    submission = draft(item, haaksbergen)
    client_of(griffier).post(
        reverse("submissions:invite", args=[submission.pk]), {"member_name": "Enschede"}
    )
    assert mailoutbox == []
    work_off_queue()
    (message,) = mailoutbox
    assert message.to == ["griffie@enschede.example"]
    assert message.subject == "Haaksbergen nodigt u uit om de motie “Ravijnjaar” in te dienen"
    assert "http://testserver" + submission.get_absolute_url() in message.body


@pytest.mark.parametrize(
    ("action", "message", "subject"),
    [
        ("accept", "", "Geaccepteerd: motie “Ravijnjaar”"),
        ("return", "Graag korter.", "Teruggestuurd voor wijziging: motie “Ravijnjaar”"),
        ("not_admissible", "Geen ALV-zaak.", "Niet ontvankelijk: motie “Ravijnjaar”"),
    ],
)
def test_every_action_of_the_secretariat_tells_the_submitters(
    item,
    haaksbergen,
    griffier,
    secretariat_user,
    now_is,
    work_off_queue,
    mailoutbox,
    action,
    message,
    subject,
):
    griffier.email, griffier.is_contact = "griffie@haaksbergen.example", True
    griffier.save()
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    client_of(secretariat_user).post(
        reverse("workspace:intake_submission", args=[sent.pk]),
        {"revision": Submission.objects.get().revision, "action": action, "message": message},
    )
    work_off_queue()
    (mail,) = mailoutbox
    assert mail.to == ["griffie@haaksbergen.example"] and mail.subject == subject
    assert message in mail.body


def test_a_member_making_too_many_drafts_is_stopped_and_nothing_is_saved(
    item, griffier, now_is, monkeypatch
):
    from submissions import views

    monkeypatch.setattr(views, "HOURLY_LIMIT", 2)
    now_is(amsterdam(2027, 3, 1, 9, 0))
    client = client_of(griffier)
    for n in range(2):
        assert client.post(NEW, text(item, title=f"Motie {n}")).status_code == 302
    assert client.post(NEW, text(item, title="Nog een")).status_code == 429
    assert Submission.objects.count() == 2


def test_an_accepted_motion_links_to_its_page_once_it_is_published(
    item, haaksbergen, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    motion = Submission.objects.get().accept(Submission.objects.get().revision, secretariat_user)
    client = client_of(griffier)
    link = f'href="{motion.get_absolute_url()}"'
    assert link not in html(client.get(LIST))
    Motion.objects.filter(pk=motion.pk).update(is_draft=False)
    assert link in html(client.get(LIST))


def test_a_filled_in_word_template_becomes_a_draft_to_check(item, griffier, now_is):
    from tests.test_word_import import fill_template

    now_is(amsterdam(2027, 3, 1, 9, 0))
    data = fill_template(
        {
            "[titel van de motie]": "Solidariteit in de asielopvang",
            "[gemeente(n) die de motie": "Haaksbergen",
            "[datum]": "18 maart 2027",
            "[Wat de vergadering vaststelt": "de opvang ongelijk verdeeld is;",
            "[Wat de vergadering overweegt": "solidariteit de basis is;",
            "[Wat de vergadering het bestuur vraagt": "in overleg te gaan met het rijk;",
            "[De toelichting bij de motie.]": "Een toelichting.",
        }
    )
    upload = SimpleUploadedFile("motie.docx", data)
    client = client_of(griffier)
    response = client.post(
        NEW, {"source": "word", "word-agenda_item": item.pk, "word-file": upload}
    )
    submission = Submission.objects.get()
    assert response["Location"] == submission.get_absolute_url()
    assert (submission.title, submission.state) == (
        "Solidariteit in de asielopvang",
        Submission.State.DRAFT,
    )
    assert submission.findings == "de opvang ongelijk verdeeld is;"
    assert submission.requests == "in overleg te gaan met het rijk;"
    assert submission.explanation == "Een toelichting."


def test_a_file_that_is_no_word_document_is_refused_at_the_field(item, griffier, now_is):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    upload = SimpleUploadedFile("motie.docx", b"%PDF-1.7 no word file")
    response = client_of(griffier).post(
        NEW, {"source": "word", "word-agenda_item": item.pk, "word-file": upload}
    )
    assert response.status_code == 400
    assert 'id="id_word-file_error"' in html(response)
    assert not Submission.objects.exists()


def test_a_draft_without_requests_cannot_be_submitted(item, haaksbergen, griffier, now_is):
    submission = draft(item, haaksbergen, requests="")
    now_is(amsterdam(2027, 3, 1, 9, 0))
    response = client_of(griffier).post(
        reverse("submissions:submit", args=[submission.pk]), {"revision": submission.revision}
    )
    assert response.status_code == 400
    assert "at least one request to the board first" in html(response)
    assert Submission.objects.get().state == Submission.State.DRAFT


@pytest.fixture
def asked_to_withdraw(item, haaksbergen, griffier, secretariat_user, now_is):
    """An accepted motion whose published pre-advice asks the submitters to withdraw it."""
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier)
    sent = Submission.objects.get()
    motion = sent.accept(sent.revision, secretariat_user)
    Motion.objects.filter(pk=motion.pk).update(is_draft=False)
    PreAdvice.objects.create(
        proposal=motion,
        value=PreAdvice.Value.WITHDRAW,
        rationale="Het bestuur neemt dit al mee.",
        state=PreAdvice.State.SETTLED,
        published_at=amsterdam(2027, 3, 8, 9, 0),
    )
    now_is(amsterdam(2027, 3, 9, 9, 0))
    return Submission.objects.get()


def test_the_submitters_answer_the_board_s_request_to_withdraw_and_everyone_reads_it(
    asked_to_withdraw, griffier, member_user, secretariat_user
):
    from book import assembly

    submission = asked_to_withdraw
    client = client_of(griffier)
    page = html(client.get(submission.get_absolute_url()))
    assert "The board asks you to withdraw the motion" in page
    advice = PreAdvice.objects.get()
    url = reverse("submissions:answer_board", args=[submission.pk])
    refused = client.post(url, {"revision": advice.revision, "response": "", "note": "Wij niet."})
    assert refused.status_code == 400 and 'id="id_response_error"' in html(refused)
    assert "Wij niet." in html(refused)
    client.post(
        url,
        {"revision": advice.revision, "response": "maintains", "note": "Het kabinet besluit nu."},
    )
    expected = "the submitters maintain it: Het kabinet besluit nu."
    assert PreAdvice.objects.get().response_text() == expected
    # On the motion's page for every member, and in the book.
    motion_page = html(client_of(member_user).get(submission.motion.get_absolute_url()))
    assert expected in motion_page
    meeting_day = reverse("live:meeting_day", args=[submission.meeting.pk])
    assert expected in html(client_of(secretariat_user).get(meeting_day))
    book = assembly.build(submission.meeting, assembly.MEMBER)  # in the association's Dutch
    assert "de indieners handhaven haar: Het kabinet besluit nu." in repr(book)


def test_a_second_answer_on_the_same_page_does_not_overwrite_the_first(asked_to_withdraw, griffier):
    advice = PreAdvice.objects.get()
    url = reverse("submissions:answer_board", args=[asked_to_withdraw.pk])
    client = client_of(griffier)
    client.post(url, {"revision": advice.revision, "response": "withdraws", "note": ""})
    client.post(url, {"revision": advice.revision, "response": "maintains", "note": "Toch."})
    assert PreAdvice.objects.get().response == "withdraws"


def test_another_member_cannot_answer_for_the_submitters(asked_to_withdraw, enschede_person):
    advice = PreAdvice.objects.get()
    url = reverse("submissions:answer_board", args=[asked_to_withdraw.pk])
    response = client_of(enschede_person).post(
        url, {"revision": advice.revision, "response": "withdraws"}
    )
    assert response.status_code == 404
    assert PreAdvice.objects.get().response == ""


# What a review found, each with its test.


def test_a_draft_withdrawn_before_it_was_sent_never_reaches_the_secretariat(
    item, haaksbergen, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    concept = draft(item, haaksbergen, title="Nooit verstuurd")
    concept.withdraw(concept.revision)
    staff = client_of(secretariat_user)
    queue = html(
        staff.get(reverse("workspace:intake", args=[item.meeting.pk]) + "?filter=withdrawn")
    )
    assert "Nooit verstuurd" not in queue
    url = reverse("workspace:intake_submission", args=[concept.pk])
    assert staff.get(url).status_code == 404


def test_a_motion_returned_after_the_deadline_and_sent_again_stays_on_time(
    item, haaksbergen, griffier, secretariat_user, now_is
):
    sent = draft(item, haaksbergen)
    sent.submit(sent.revision, griffier, now=amsterdam(2027, 3, 4, 9, 0))
    sent = Submission.objects.get()
    sent.return_for_changes(sent.revision, secretariat_user, "Graag korter.")
    sent = Submission.objects.get()
    sent.change_text(sent.revision, title="Korter", agenda_item=item)
    now_is(amsterdam(2027, 3, 10, 9, 0))  # past the deadline
    client_of(griffier).post(
        reverse("submissions:submit", args=[sent.pk]),
        {"revision": Submission.objects.get().revision},
    )
    sent = Submission.objects.get()
    assert (sent.state, sent.is_late) == (Submission.State.SUBMITTED, False)
    motion = sent.accept(sent.revision, secretariat_user)
    assert motion.submitted_at == amsterdam(2027, 3, 4, 9, 0) and not motion.is_late


def test_a_doubled_submit_says_it_is_sent_already(item, haaksbergen, griffier, now_is):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    client = client_of(griffier)
    url = reverse("submissions:submit", args=[submission.pk])
    client.post(url, {"revision": submission.revision})
    again = client.post(url, {"revision": submission.revision}, follow=True)
    assert again.status_code == 200 and "This motion has been submitted already." in html(again)
    assert Submission.objects.get().state == Submission.State.SUBMITTED


def test_a_reason_too_long_is_refused_at_its_field_and_kept(item, haaksbergen, griffier, now_is):
    submission = draft(item, haaksbergen)
    now_is(amsterdam(2027, 3, 10, 9, 0))
    reason = "Actueel. " * 300
    response = client_of(griffier).post(
        reverse("submissions:submit", args=[submission.pk]),
        {"revision": submission.revision, "late_reason": reason},
    )
    assert response.status_code == 400
    assert 'id="id_late_reason_error"' in html(response) and "Actueel. Actueel." in html(response)
    assert Submission.objects.get().state == Submission.State.DRAFT


def test_junk_in_a_form_is_a_clear_refusal_not_an_error(
    item, haaksbergen, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    client = client_of(griffier)
    withdraw = reverse("submissions:withdraw", args=[submission.pk])
    assert client.post(withdraw, {"revision": "abc"}).status_code == 400
    submit = reverse("submissions:submit", args=[submission.pk])
    assert client.post(submit, {"revision": "abc"}).status_code == 400
    submission.submit(submission.revision, griffier)
    intake = reverse("workspace:intake_submission", args=[submission.pk])
    refused = client_of(secretariat_user).post(intake, {"revision": "x", "action": "merge"})
    assert refused.status_code == 400 and "This form is incomplete" in html(refused)
    assert Submission.objects.get().state == Submission.State.SUBMITTED


def test_an_unknown_co_submitter_is_refused_at_the_field_with_the_name_kept(
    item, haaksbergen, griffier
):
    submission = draft(item, haaksbergen)
    response = client_of(griffier).post(
        reverse("submissions:invite", args=[submission.pk]), {"member_name": "Hengeloo"}
    )
    page = html(response)
    assert response.status_code == 400
    assert 'id="id_member_name_error"' in page and 'value="Hengeloo"' in page


def test_a_conflicting_edit_keeps_what_was_typed(item, haaksbergen, griffier, now_is):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    seen = submission.revision
    submission.change_text(seen, title="Door een collega", agenda_item=item)
    response = client_of(griffier).post(
        submission.get_absolute_url(), {**text(item, title="Mijn versie"), "revision": seen}
    )
    assert response.status_code == 409
    page = html(response)
    assert 'value="Mijn versie"' in page and "A colleague changed this motion" in page
    assert Submission.objects.get().title == "Door een collega"


def test_a_member_cannot_join_a_motion_sent_on_time_after_the_deadline(
    item, haaksbergen, enschede, enschede_person, griffier, now_is
):
    submission = draft(item, haaksbergen)
    invitation = submission.invite(enschede)
    submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    now_is(amsterdam(2027, 3, 10, 9, 0))
    with pytest.raises(ValidationError):
        invitation.give_answer(enschede_person, True, submission.text_revision)
    assert Submission.objects.get().submitters() == [haaksbergen]


def test_the_receipt_shows_the_motion_as_it_was_sent(
    item, haaksbergen, griffier, secretariat_user, now_is, work_off_queue, mailoutbox
):
    griffier.email = "griffie@haaksbergen.example"
    griffier.save()
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    client_of(griffier).post(
        reverse("submissions:submit", args=[submission.pk]), {"revision": submission.revision}
    )
    # Returned and changed before the worker came round to the receipt.
    sent = Submission.objects.get()
    sent.return_for_changes(sent.revision, secretariat_user, "Anders.")
    sent = Submission.objects.get()
    sent.change_text(sent.revision, requests="iets heel anders,", agenda_item=item)
    work_off_queue()
    receipt = next(m for m in mailoutbox if m.subject.startswith("Ontvangen"))
    assert "het kabinet aan te spreken;" in receipt.body
    assert "iets heel anders" not in receipt.body


def test_unpublished_pre_advice_is_not_answered(asked_to_withdraw, griffier):
    PreAdvice.objects.update(published_at=None)
    client = client_of(griffier)
    assert "The board asks you" not in html(client.get(asked_to_withdraw.get_absolute_url()))
    url = reverse("submissions:answer_board", args=[asked_to_withdraw.pk])
    advice = PreAdvice.objects.get()
    assert (
        client.post(url, {"revision": advice.revision, "response": "withdraws"}).status_code == 403
    )
    assert PreAdvice.objects.get().response == ""
