"""The rules of a member's online motion: the deadline to the minute in Amsterdam time, a
late motion only with a reason, co-submitters who accept one text, and the secretariat's
intake that puts an accepted motion in the papers as a draft."""

import pytest
from django.core.exceptions import ValidationError

from alv.models import StaleRevision
from motions.models import Motion
from submissions.models import CoSubmitter, Submission
from tests.submissions.conftest import amsterdam, draft

pytestmark = pytest.mark.django_db


def test_the_deadline_is_nine_working_days_before_the_meeting_at_noon(item, haaksbergen):
    submission = draft(item, haaksbergen)
    assert submission.deadline == amsterdam(2027, 3, 5, 12, 0)


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (amsterdam(2027, 3, 5, 11, 59, 59), False),
        (amsterdam(2027, 3, 5, 12, 0, 40), False),  # still the deadline's minute
        (amsterdam(2027, 3, 5, 12, 1, 0), True),
    ],
)
def test_a_motion_is_on_time_until_the_deadline_s_minute_ends(
    item, haaksbergen, griffier, moment, late
):
    submission = draft(item, haaksbergen)
    if late:
        submission.submit(submission.revision, griffier, now=moment, late_reason="Actueel.")
    else:
        submission.submit(submission.revision, griffier, now=moment)
    submission.refresh_from_db()
    assert (submission.state, submission.is_late) == (Submission.State.SUBMITTED, late)
    assert submission.submitted_by == griffier


def test_a_late_motion_needs_a_reason_and_nothing_changes_without_one(item, haaksbergen, griffier):
    submission = draft(item, haaksbergen)
    with pytest.raises(ValidationError) as refused:
        submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 10, 9, 0))
    assert "late_reason" in refused.value.error_dict
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.state == Submission.State.DRAFT and submission.submitted_at is None


def test_nothing_can_be_sent_once_the_meeting_has_started(item, haaksbergen, griffier):
    submission = draft(item, haaksbergen)
    with pytest.raises(ValidationError):
        submission.submit(
            submission.revision, griffier, now=amsterdam(2027, 3, 18, 10, 5), late_reason="x"
        )


def test_submitting_twice_counts_once(item, haaksbergen, griffier):
    submission = draft(item, haaksbergen)
    seen = submission.revision
    submission.submit(seen, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    again = Submission.objects.get(pk=submission.pk)
    with pytest.raises(ValidationError):  # a doubled click: already submitted
        again.submit(seen, griffier, now=amsterdam(2027, 3, 1, 9, 0, 1))
    stale = draft(item, haaksbergen, title="Tweede")
    first, second = Submission.objects.get(pk=stale.pk), Submission.objects.get(pk=stale.pk)
    first.submit(stale.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    second.state = Submission.State.DRAFT  # as a second request that read it before the first
    with pytest.raises(StaleRevision):
        second.submit(stale.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0, 1))


def test_two_colleagues_editing_one_draft_do_not_overwrite_each_other(item, haaksbergen):
    submission = draft(item, haaksbergen)
    seen = submission.revision
    one, other = Submission.objects.get(pk=submission.pk), Submission.objects.get(pk=submission.pk)
    one.change_text(seen, title="Ravijnjaar 2026", agenda_item=item)
    with pytest.raises(StaleRevision):
        other.change_text(seen, title="Twee over twaalf", agenda_item=item)
    assert Submission.objects.get(pk=submission.pk).title == "Ravijnjaar 2026"


def test_a_co_submitter_submits_only_the_text_it_accepted(
    item, haaksbergen, enschede, enschede_person
):
    submission = draft(item, haaksbergen)
    invitation = submission.invite(enschede)
    assert submission.submitters() == [haaksbergen]
    invitation.give_answer(enschede_person, True, submission.text_revision)
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.submitters() == [haaksbergen, enschede]
    # The lead changes the text: Enschede is asked again.
    submission.change_text(submission.revision, requests="iets anders,", agenda_item=item)
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.submitters() == [haaksbergen]
    assert CoSubmitter.objects.get().current_answer == CoSubmitter.Answer.INVITED
    # Saving the same text again asks no one again.
    submission.change_text(submission.revision, requests="iets anders,", agenda_item=item)
    invitation = CoSubmitter.objects.get()
    invitation.give_answer(enschede_person, True, Submission.objects.get().text_revision)
    submission.change_text(
        Submission.objects.get().revision, title=submission.title, agenda_item=item
    )
    assert Submission.objects.get().submitters() == [haaksbergen, enschede]


def test_an_answer_to_a_text_that_changed_meanwhile_is_refused(
    item, haaksbergen, enschede, enschede_person
):
    submission = draft(item, haaksbergen)
    invitation = submission.invite(enschede)
    read = submission.text_revision
    submission.change_text(submission.revision, title="Nieuw", agenda_item=item)
    with pytest.raises(ValidationError):
        invitation.give_answer(enschede_person, True, read)
    assert CoSubmitter.objects.get().answer == CoSubmitter.Answer.INVITED


def test_a_member_is_invited_once_and_never_itself(item, haaksbergen, enschede):
    submission = draft(item, haaksbergen)
    submission.invite(enschede)
    with pytest.raises(ValidationError):
        submission.invite(enschede)
    with pytest.raises(ValidationError):
        submission.invite(haaksbergen)


def test_accepting_puts_a_draft_motion_in_the_papers_with_its_submitters_in_order(
    item, haaksbergen, enschede, enschede_person, griffier, secretariat_user
):
    f_motion = Motion.objects.create(
        meeting=item.meeting, agenda_item=item, position=1, title="Bestaande motie"
    )
    submission = draft(item, haaksbergen)
    submission.invite(enschede).give_answer(enschede_person, True, submission.text_revision)
    submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    motion = submission.accept(submission.revision, secretariat_user)
    assert motion.is_draft and motion.position == f_motion.position + 1
    assert [s.member for s in motion.proposalsubmitter_set.order_by("position")] == [
        haaksbergen,
        enschede,
    ]
    assert [(p.kind, p.text) for p in motion.parts.order_by("position")] == [
        ("preamble", "De algemene ledenvergadering van de VNG, bijeen op 18-3-2027,"),
        ("finding", "gemeenten in 2026 een ravijnjaar tegemoet gaan;"),
        ("consideration", "de tijd dringt;"),
        ("request", "het kabinet aan te spreken;"),
        ("request", "de leden te informeren,"),
        ("closing", "en gaat over tot de orde van de dag."),
    ]
    assert motion.submitted_at == amsterdam(2027, 3, 1, 9, 0) and not motion.is_late
    submission.refresh_from_db()
    assert submission.state == Submission.State.ACCEPTED and submission.motion == motion
    # Members do not see it until the secretariat publishes it.
    assert not Motion.objects.visible_to(enschede_person).filter(pk=motion.pk).exists()


def test_returning_or_refusing_needs_a_message(item, haaksbergen, griffier, secretariat_user):
    submission = draft(item, haaksbergen)
    submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    with pytest.raises(ValidationError):
        submission.return_for_changes(submission.revision, secretariat_user, "  ")
    submission = Submission.objects.get(pk=submission.pk)
    submission.return_for_changes(submission.revision, secretariat_user, "Graag korter.")
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.state == Submission.State.RETURNED and submission.is_editable
    # Changed and sent again, then not admissible.
    submission.change_text(submission.revision, title="Korter", agenda_item=item)
    submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 2, 9, 0))
    submission.declare_not_admissible(submission.revision, secretariat_user, "Geen ALV-zaak.")
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.NOT_ADMISSIBLE


def test_a_withdrawn_motion_stays_withdrawn(item, haaksbergen, griffier):
    submission = draft(item, haaksbergen)
    submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 1, 9, 0))
    submission.withdraw(submission.revision, now=amsterdam(2027, 3, 2, 9, 0))
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.state == Submission.State.WITHDRAWN
    with pytest.raises(ValidationError):
        submission.submit(submission.revision, griffier, now=amsterdam(2027, 3, 2, 9, 0))
