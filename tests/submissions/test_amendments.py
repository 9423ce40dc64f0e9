"""Amendments submitted online, and the secretariat merging two submissions into one."""

import pytest
from django.urls import reverse

from agenda.models import Clause, ResolutionVersion
from motions.models import Amendment, ProposalSubmitter
from submissions.models import CoSubmitter, Submission
from tests import factories as f
from tests.submissions.conftest import amsterdam, client_of, draft, html

pytestmark = pytest.mark.django_db

NEW = reverse("submissions:new_amendment")


@pytest.fixture
def resolution(meeting):
    item = f.item(meeting, "Verenigingszaken")
    return f.resolution(
        item,
        title="Begroting 2028",
        clauses=("De begroting vast te stellen.", "De contributie te verhogen met 2 procent."),
    )


@pytest.fixture
def version(resolution):
    return resolution.current_version


def change(**data):
    return {"title": "Lagere contributie", "explanation": "", **data}


def test_a_member_drafts_an_amendment_that_replaces_a_clause_shown_as_a_tracked_change(
    version, griffier, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    client = client_of(griffier)
    assert "Begroting 2028" in html(client.get(NEW))
    clause = version.clauses.get(position=2)
    url = f"{NEW}?version={version.pk}"
    response = client.post(
        url,
        change(
            change="replace",
            target_clause=clause.pk,
            new_text="De contributie te verhogen met 1 procent.",
        ),
    )
    submission = Submission.objects.get()
    assert response["Location"] == submission.get_absolute_url()
    assert submission.kind == Submission.Kind.AMENDMENT
    assert submission.agenda_item == version.resolution.agenda_item
    page = html(client.get(submission.get_absolute_url()))
    assert "Amendment Haaksbergen “Lagere contributie”" in page
    assert "Replaces clause 2" in page
    assert "<del" in page and "<ins" in page and "1" in page


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"change": "replace", "new_text": "Iets."}, "target_clause", "Choose the clause"),
        ({"change": "insert", "new_text": ""}, "new_text", "Give the new text"),
        ({"change": "delete", "target_clause": "first", "new_text": "Nee."}, "new_text", "no new"),
        (
            {
                "change": "replace",
                "target_clause": "first",
                "new_text": "De begroting vast  te stellen.",
            },
            "new_text",
            "the same as the clause",
        ),
        ({"new_text": "Iets."}, "change", "Choose what the amendment does"),
    ],
)
def test_an_amendment_that_does_not_say_what_it_changes_is_refused_at_the_field_and_kept(
    version, griffier, now_is, data, field, message
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    if data.get("target_clause") == "first":
        data["target_clause"] = version.clauses.get(position=1).pk
    response = client_of(griffier).post(f"{NEW}?version={version.pk}", change(**data))
    page = html(response)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in page and message in page
    assert 'value="Lagere contributie"' in page
    assert not Submission.objects.exists()


def test_an_unpublished_or_finished_resolution_cannot_be_amended(meeting, griffier, now_is):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    hidden = f.resolution(f.item(meeting, "Geheim"), title="Nog niet gepubliceerd", published=False)
    client = client_of(griffier)
    assert "Nog niet gepubliceerd" not in html(client.get(NEW))
    url = f"{NEW}?version={hidden.current_version.pk}"
    response = client.post(url, change(change="insert", new_text="Iets."))
    assert response.status_code == 200 and "cannot be amended" in html(response)
    assert not Submission.objects.exists()


def amendment_draft(version, member, user=None, **fields):
    item = version.resolution.agenda_item
    return draft(
        item,
        member,
        user,
        kind=Submission.Kind.AMENDMENT,
        resolution_version=version,
        change=fields.pop("change", "insert"),
        target_clause=fields.pop("target_clause", version.clauses.get(position=1)),
        new_text=fields.pop("new_text", "De leden te raadplegen."),
        findings="",
        considerations="",
        requests="",
        **fields,
    )


def test_an_accepted_amendment_becomes_a_draft_amendment_of_the_papers(
    version, haaksbergen, enschede, enschede_person, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = amendment_draft(version, haaksbergen, griffier, title="Raadplegen")
    co = sent.invite(enschede)
    co.give_answer(enschede_person, True, sent.text_revision)
    sent.submit(sent.revision, griffier)
    staff = client_of(secretariat_user)
    url = reverse("workspace:intake_submission", args=[sent.pk])
    page = html(staff.get(url))
    assert "Inserts a new clause after clause 1" in page and "<ins" in page
    staff.post(url, {"revision": Submission.objects.get().revision, "action": "accept"})
    amendment = Amendment.objects.get()
    assert amendment.is_draft and amendment.resolution_version == version
    assert (amendment.change, amendment.target_clause.number) == ("insert", 1)
    assert amendment.new_text == "De leden te raadplegen."
    assert amendment.submitter_names == ["Haaksbergen", "Enschede"]
    assert Submission.objects.get().proposal == amendment


def test_an_amendment_to_a_text_revised_since_cannot_be_sent(
    version, haaksbergen, griffier, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = amendment_draft(version, haaksbergen, griffier)
    resolution = version.resolution
    newer = ResolutionVersion.objects.create(resolution=resolution, number=2)
    Clause.objects.create(version=newer, position=1, text="Anders.")
    resolution.current_version = newer
    resolution.save(update_fields=["current_version"])
    response = client_of(griffier).post(
        reverse("submissions:submit", args=[sent.pk]), {"revision": sent.revision}
    )
    assert response.status_code == 400 and "has a new version" in html(response)
    assert Submission.objects.get().state == Submission.State.DRAFT


def test_the_receipt_of_an_amendment_shows_the_clause_and_the_new_text(
    version, haaksbergen, griffier, now_is, work_off_queue, mailoutbox
):
    griffier.email, griffier.is_contact = "griffie@haaksbergen.example", True
    griffier.save()
    now_is(amsterdam(2027, 3, 1, 9, 0))
    sent = amendment_draft(
        version,
        haaksbergen,
        griffier,
        change="replace",
        target_clause=version.clauses.get(position=2),
        new_text="De contributie gelijk te laten.",
    )
    client_of(griffier).post(
        reverse("submissions:submit", args=[sent.pk]), {"revision": sent.revision}
    )
    work_off_queue()
    (mail,) = mailoutbox
    assert "De contributie te verhogen met 2 procent." in mail.body
    assert "De contributie gelijk te laten." in mail.body
    assert "Vervangt punt 2" in mail.body or "Replaces clause 2" in mail.body


def test_the_secretariat_merges_a_motion_into_another_and_both_submitters_are_told(
    item,
    haaksbergen,
    enschede,
    griffier,
    enschede_person,
    secretariat_user,
    now_is,
    work_off_queue,
    mailoutbox,
):
    for person, address in (
        (griffier, "g@haaksbergen.example"),
        (enschede_person, "e@enschede.example"),
    ):
        person.email, person.is_contact = address, True
        person.save()
    now_is(amsterdam(2027, 3, 1, 9, 0))
    target = draft(item, haaksbergen, title="Ravijnjaar")
    target.submit(target.revision, griffier)
    other = draft(item, enschede, title="Ook ravijnjaar")
    other.submit(other.revision, enschede_person)
    work_off_queue()
    mailoutbox.clear()
    staff = client_of(secretariat_user)
    url = reverse("workspace:intake_submission", args=[other.pk])
    assert "Ravijnjaar" in html(staff.get(url))
    refused = staff.post(url, {"revision": other.revision, "action": "merge", "message": "Dubbel."})
    assert refused.status_code == 400 and 'id="id_merge_into_error"' in html(refused)
    staff.post(
        url,
        {
            "revision": other.revision,
            "action": "merge",
            "merge_into": target.pk,
            "message": "Samengevoegd met Haaksbergen.",
        },
    )
    other.refresh_from_db()
    assert (other.state, other.merged_into) == (Submission.State.MERGED, target)
    target = Submission.objects.get(pk=target.pk)
    assert [m.name for m in target.submitters()] == ["Haaksbergen", "Enschede"]
    assert target.co_submitters.get().answer == CoSubmitter.Answer.ACCEPTED
    # Accepted now, the motion carries both.
    staff.post(
        reverse("workspace:intake_submission", args=[target.pk]),
        {"revision": target.revision, "action": "accept"},
    )
    assert list(
        ProposalSubmitter.objects.order_by("position").values_list("member__name", flat=True)
    ) == ["Haaksbergen", "Enschede"]
    work_off_queue()
    subjects = {(tuple(m.to), m.subject) for m in mailoutbox}
    assert (
        ("e@enschede.example",),
        "Samengevoegd met een andere: motie “Ook ravijnjaar”",
    ) in subjects or any(
        "e@enschede.example" in m.to and "Samengevoegd met Haaksbergen." in m.body
        for m in mailoutbox
    )
    assert any("g@haaksbergen.example" in m.to and "Enschede" in m.subject for m in mailoutbox)
    # Merged, it is in the queue's filter of its own, and members read where it went.
    queue = html(staff.get(reverse("workspace:intake", args=[item.meeting.pk]) + "?filter=merged"))
    assert "Ook ravijnjaar" in queue and "Ravijnjaar" in queue
    member_page = html(client_of(enschede_person).get(other.get_absolute_url()))
    assert (
        "Samengevoegd met Haaksbergen." in member_page and target.get_absolute_url() in member_page
    )


def test_a_motion_cannot_be_merged_into_one_of_another_meeting(
    item, haaksbergen, enschede, griffier, enschede_person, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    later = f.meeting(title="ALV juni", starts_at=amsterdam(2027, 6, 10, 10, 0))
    elsewhere = draft(f.item(later, "Moties"), haaksbergen)
    elsewhere.submit(elsewhere.revision, griffier)
    other = draft(item, enschede)
    other.submit(other.revision, enschede_person)
    response = client_of(secretariat_user).post(
        reverse("workspace:intake_submission", args=[other.pk]),
        {"revision": other.revision, "action": "merge", "merge_into": elsewhere.pk, "message": "x"},
    )
    assert response.status_code == 400 and 'id="id_merge_into_error"' in html(response)
    assert Submission.objects.get(pk=other.pk).state == Submission.State.SUBMITTED


def test_the_queue_shows_what_waits_for_co_submitters(
    item, haaksbergen, enschede, griffier, secretariat_user, now_is
):
    now_is(amsterdam(2027, 3, 1, 9, 0))
    waiting = draft(item, haaksbergen, title="Wacht op Enschede")
    waiting.invite(enschede)
    waiting.submit(waiting.revision, griffier)
    alone = draft(item, haaksbergen, title="Alleen")
    alone.submit(alone.revision, griffier)
    url = reverse("workspace:intake", args=[item.meeting.pk]) + "?filter=waiting"
    queue = html(client_of(secretariat_user).get(url))
    assert "Wacht op Enschede" in queue and "Alleen" not in queue
