import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.models import AgendaItem, Meeting, Resolution
from alv.ordering import renumber
from motions.models import Amendment, FollowUp, PreAdvice, Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_agenda_numbers_follow_from_the_order_with_lettered_sub_items():
    meeting = f.meeting()
    first = f.item(meeting, "Opening")
    eight = f.item(meeting, "Moties")
    subs = [f.item(meeting, f"Sub {n}", parent=eight) for n in range(3)]
    assert first.number == "1"
    assert eight.number == "2"
    assert [s.number for s in subs] == ["2a", "2b", "2c"]


def test_moving_an_item_renumbers_it_and_its_sub_items():
    meeting = f.meeting()
    a, b, c = (f.item(meeting, t) for t in "ABC")
    sub = f.item(meeting, "C-sub", parent=c)
    renumber([c, a, b])
    for row in (a, b, c, sub):
        row.refresh_from_db()
    assert [i.title for i in meeting.ordered_items()] == ["C", "C-sub", "A", "B"]
    assert (c.number, AgendaItem.objects.get(pk=sub.pk).number, a.number) == ("1", "1a", "2")


def test_two_items_cannot_share_a_position():
    meeting = f.meeting()
    f.item(meeting, "A")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=1, title="B")


def test_a_sub_item_cannot_have_sub_items():
    meeting = f.meeting()
    parent = f.item(meeting)
    child = f.item(meeting, parent=parent)
    grandchild = AgendaItem(meeting=meeting, parent=child, position=1, title="x")
    with pytest.raises(ValidationError):
        grandchild.full_clean()


def test_an_amendment_cannot_target_a_clause_of_another_resolution():
    meeting = f.meeting()
    item = f.item(meeting)
    one = f.resolution(item, "Een")
    other = f.resolution(item, "Ander")
    amendment = f.amendment(item, one)
    amendment.target_clause = other.current_version.clauses.first()
    with pytest.raises(ValidationError) as error:
        amendment.full_clean()
    assert "target_clause" in error.value.message_dict


def test_a_deletion_amendment_needs_no_new_text_but_a_replacement_does():
    meeting = f.meeting()
    item = f.item(meeting)
    res = f.resolution(item)
    amendment = f.amendment(item, res)
    amendment.new_text = ""
    with pytest.raises(ValidationError):
        amendment.full_clean()
    amendment.change = Amendment.Change.DELETE
    amendment.full_clean()


def test_pre_advice_must_be_settled_before_it_is_published():
    meeting = f.meeting()
    motion = f.motion(f.item(meeting))
    with pytest.raises(IntegrityError), transaction.atomic():
        PreAdvice.objects.create(proposal=motion, value="overnemen", published_at=meeting.starts_at)


def test_only_a_request_to_withdraw_gets_an_answer_from_the_submitters():
    meeting = f.meeting()
    motion = f.motion(f.item(meeting), advice="overnemen")
    advice = motion.pre_advice
    advice.response = PreAdvice.Response.MAINTAINS
    with pytest.raises(ValidationError):
        advice.full_clean()
    advice.value = PreAdvice.Value.WITHDRAW
    advice.full_clean()


def test_vote_percentages_must_add_up_to_one_hundred():
    meeting = f.meeting()
    motion = f.motion(f.item(meeting))
    motion.status = "adopted"
    motion.percent_for, motion.percent_against, motion.percent_abstain = "91.80", "6", "1"
    with pytest.raises(ValidationError):
        motion.full_clean()
    motion.percent_abstain = "2.20"
    motion.full_clean()


def test_acclamation_only_adopts():
    meeting = f.meeting()
    motion = f.motion(f.item(meeting))
    motion.by_acclamation = True
    motion.status = "rejected"
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()


def test_a_motion_is_labelled_the_way_the_papers_name_it():
    meeting = f.meeting()
    motion = f.motion(
        f.item(meeting),
        title="Solidariteit in de asielopvang",
        submitters=[f.member("Sliedrecht"), f.member("Gorinchem")],
    )
    assert str(motion) == "Motie Sliedrecht en Gorinchem “Solidariteit in de asielopvang”"
    single = f.motion(f.item(meeting), title="T", submitters=[f.member("Son en Breugel")])
    assert single.submitters_label == "Son en Breugel"


def test_only_adopted_motions_of_earlier_meetings_are_followed_up():
    earlier = f.meeting(days=-200)
    later = f.meeting(days=10)
    motion = f.motion(f.item(earlier))
    follow_up = FollowUp(agenda_item=f.item(later, is_follow_up=True), motion=motion, position=1)
    with pytest.raises(ValidationError):
        follow_up.full_clean()
    motion.status = "adopted"
    motion.save()
    follow_up.full_clean()
    follow_up.agenda_item = f.item(f.meeting(days=-300))
    with pytest.raises(ValidationError):
        follow_up.full_clean()


class TestVisibility:
    def test_the_public_sees_published_public_meetings_only(self, member_user):
        public = f.meeting()
        members_only = f.meeting(visibility=Meeting.Visibility.MEMBERS)
        unpublished = f.meeting(published=False)
        from django.contrib.auth.models import AnonymousUser

        assert list(Meeting.objects.visible_to(AnonymousUser())) == [public]
        assert set(Meeting.objects.visible_to(member_user)) == {public, members_only}
        assert unpublished not in Meeting.objects.visible_to(member_user)

    def test_the_secretariat_and_board_see_unpublished_meetings(self, secretariat_user, board_user):
        unpublished = f.meeting(published=False)
        assert unpublished in Meeting.objects.visible_to(secretariat_user)
        assert unpublished in Meeting.objects.visible_to(board_user)

    def test_draft_motions_and_unpublished_pre_advice_stay_hidden_from_members(
        self, member_user, secretariat_user
    ):
        item = f.item(f.meeting())
        shown = f.motion(item, "Zichtbaar", advice="ontraden", published_advice=False)
        f.motion(item, "Concept", is_draft=True)
        visible = list(Proposal.objects.visible_to(member_user))
        assert [p.title for p in visible] == ["Zichtbaar"]
        with pytest.raises(Proposal.pre_advice.RelatedObjectDoesNotExist):
            _ = visible[0].pre_advice
        for_secretariat = Proposal.objects.visible_to(secretariat_user).get(pk=shown.pk)
        assert for_secretariat.pre_advice.value == "ontraden"
        assert Proposal.objects.visible_to(secretariat_user).count() == 2

    def test_draft_resolution_versions_stay_hidden_from_members(self, member_user):
        item = f.item(f.meeting())
        res = f.resolution(item, clauses=["Gepubliceerd."])
        draft = res.versions.create(number=2, intro="Nieuw")
        res.current_version = draft
        res.save()
        seen = Resolution.objects.visible_to(member_user).get(pk=res.pk)
        assert seen.shown_version.number == 1
        assert [v.number for v in seen.visible_versions] == [1]


def test_an_amendment_gives_the_resulting_clauses_for_each_kind_of_change():
    item = f.item(f.meeting())
    res = f.resolution(item, clauses=("Een.", "Twee.", "Drie."))
    texts = ["Een.", "Twee.", "Drie."]
    replace = f.amendment(item, res, clause_number=2, new_text="Anders.")
    insert_first = f.amendment(item, res, clause_number=None, change="insert", new_text="Nul.")
    insert = f.amendment(item, res, clause_number=3, change="insert", new_text="Vier.")
    delete = f.amendment(item, res, clause_number=1, change="delete", new_text="")
    assert replace.apply_to(texts) == ["Een.", "Anders.", "Drie."]
    assert insert_first.apply_to(texts) == ["Nul.", "Een.", "Twee.", "Drie."]
    assert insert.apply_to(texts) == ["Een.", "Twee.", "Drie.", "Vier."]
    assert delete.apply_to(texts) == ["Twee.", "Drie."]
    assert [a.resulting_number for a in (replace, insert_first, insert, delete)] == [2, 1, 4, None]


def test_an_amendment_shows_its_change_as_tracked_words():
    item = f.item(f.meeting())
    res = f.resolution(item, clauses=("De begroting 2026 wordt verwerkt.",))
    amendment = f.amendment(item, res, new_text="De kaderbrief 2026 wordt verwerkt.")
    assert [(s.op, s.text) for s in amendment.tracked_change()] == [
        ("equal", "De "),
        ("delete", "begroting"),
        ("insert", "kaderbrief"),
        ("equal", " 2026 wordt verwerkt."),
    ]
