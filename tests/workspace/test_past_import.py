"""Entering a past meeting from lists (issue 23): the agenda as a list and the motions with
their pre-advice and outcomes as a CSV; a preview that saves nothing and shows every problem
with its line; saving all of it in one transaction, or nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import AgendaItem
from agenda.outcomes import Status
from motions.models import FollowUpTrack, HoldOver, Motion, PreAdvice, Proposal
from tests import factories as f
from tests.workspace.util import assert_refused, html
from workspace.past_import import ImportRefused, apply_plan, plan_import

pytestmark = pytest.mark.django_db

HELD_ON = dt.date(2019, 6, 5)

AGENDA = """1 Opening
2 Vaststelling agenda
3 Financiën
3a Begroting 2020
3b Jaarrekening 2018
4 Sluiting
"""

MOTIONS = (
    "nummer;agendapunt;titel;indieners;preadvies;uitkomst;voor;tegen;onthouding\n"
    "3a.1;3a;Ravijnjaar, twee over twaalf!;Haaksbergen;intrekken;ingetrokken;;;\n"
    '3a.2;3a;"Solidariteit in de asielopvang";"Sliedrecht; Gorinchem";aanhouden;aangehouden;;;\n'
    "3b.1;3b;Landelijke tarieven;Son en Breugel e.a.;overnemen;aangenomen;91,80;6,20;2,00\n"
    "M1;;Een motie buiten de agenda;Haaksbergen;geen;verworpen;43,02;;\n"
    "M2;;Bij acclamatie;het bestuur;;bij acclamatie;;;\n"
)


@pytest.fixture
def meeting():
    starts_at = timezone.make_aware(dt.datetime.combine(HELD_ON, dt.time(10, 0)))
    return f.meeting(published=False, starts_at=starts_at, title="ALV juni 2019")


@pytest.fixture
def members():
    return {
        name: f.member(name)
        for name in ("Haaksbergen", "Sliedrecht", "Gorinchem", "Son en Breugel")
    }


def url(meeting):
    return reverse("workspace:past_import", args=[meeting.pk])


def messages_of(plan):
    return [(p.source, p.line, p.message) for p in plan.problems]


def preview(client, meeting, agenda="", motions="", **extra):
    return client.post(url(meeting), {"agenda": agenda, "motions": motions, **extra})


def fingerprint_in(page):
    marker = 'name="fingerprint" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


# Reading and planning


def test_a_good_import_creates_items_sub_items_motions_submitters_pre_advice_and_outcomes(
    meeting, members
):
    plan = plan_import(meeting, AGENDA, MOTIONS)
    assert plan.problems == []

    apply_plan(meeting, AGENDA, MOTIONS, plan.fingerprint())

    layout = [
        (item.number, item.title, [(c.number, c.title) for c in children])
        for item, children in meeting.agenda_layout()
    ]
    assert layout == [
        ("1", "Opening", []),
        ("2", "Vaststelling agenda", []),
        ("3", "Financiën", [("3a", "Begroting 2020"), ("3b", "Jaarrekening 2018")]),
        ("4", "Sluiting", []),
    ]
    motions = {m.number: m for m in Motion.objects.filter(meeting=meeting)}
    assert sorted(motions) == ["3a.1", "3a.2", "3b.1", "M1", "M2"]

    withdrawn = motions["3a.1"]
    assert withdrawn.title == "Ravijnjaar, twee over twaalf!"
    assert withdrawn.submitter_names == ["Haaksbergen"]
    assert withdrawn.pre_advice.value == PreAdvice.Value.WITHDRAW
    assert withdrawn.pre_advice.is_settled
    assert withdrawn.status == Status.WITHDRAWN

    held_over = motions["3a.2"]
    assert held_over.title == "Solidariteit in de asielopvang"  # its quotes taken off
    assert held_over.submitter_names == ["Sliedrecht", "Gorinchem"]  # in order, first leads
    assert held_over.status == Status.HELD_OVER
    assert HoldOver.objects.filter(proposal=held_over).exists()  # waits for a later agenda

    adopted = motions["3b.1"]
    assert adopted.submitter_names == ["Son en Breugel"]  # one member, never split on " en "
    assert adopted.submitters_note == "e.a."
    assert adopted.status == Status.ADOPTED
    assert (adopted.percent_for, adopted.percent_against, adopted.percent_abstain) == (
        Decimal("91.80"),
        Decimal("6.20"),
        Decimal("2.00"),
    )
    assert timezone.localdate(adopted.decided_at) == HELD_ON
    assert FollowUpTrack.objects.filter(motion=adopted).exists()  # its follow-up starts

    apart = motions["M1"]
    assert apart.agenda_item is None and apart.is_apart
    assert apart.pre_advice.value == PreAdvice.Value.NONE
    assert (apart.status, apart.percent_for, apart.percent_against) == (
        Status.REJECTED,
        Decimal("43.02"),
        None,
    )

    by_board = motions["M2"]
    assert by_board.submitted_by_board
    assert by_board.by_acclamation and by_board.status == Status.ADOPTED
    assert not PreAdvice.objects.filter(proposal=by_board).exists()
    assert set(Proposal.objects.dealt_with_at(meeting)) == set(Proposal.objects.all())


def test_the_history_records_the_creation_and_who_settled_the_pre_advice(meeting, members):
    apply_plan(meeting, AGENDA, MOTIONS, plan_import(meeting, AGENDA, MOTIONS).fingerprint())
    assert AgendaItem.history.filter(meeting=meeting, history_type="+").count() == 6
    motion = Motion.objects.get(title="Landelijke tarieven")
    assert motion.history.filter(history_type="+").count() == 1
    settled = motion.pre_advice.history.filter(state=PreAdvice.State.SETTLED).get()
    assert settled.history_change_reason == PreAdvice.SETTLED_BY_SECRETARIAT


def test_a_csv_from_excel_with_a_bom_and_commas_is_read_as_well(meeting, members):
    motions = (
        "\ufeffNummer,Agendapunt,Titel,Indieners,Preadvies,Uitkomst,Voor,Tegen,Onthouding\r\n"
        '1.1,1,"Een titel, met komma",Haaksbergen;Gorinchem,Ontraden,Verworpen,"40,5","59,5",\r\n'
    )
    plan = plan_import(meeting, "1 Ingekomen stukken", motions)
    assert plan.problems == []
    (motion,) = plan.motions
    assert motion.title == "Een titel, met komma"
    assert motion.submitter_names == ["Haaksbergen", "Gorinchem"]
    assert (motion.pre_advice, motion.status) == (PreAdvice.Value.ADVISE_AGAINST, Status.REJECTED)
    assert (motion.percent_for, motion.percent_against) == (Decimal("40.5"), Decimal("59.5"))


def test_numbers_that_do_not_follow_are_problems_at_their_lines(meeting, members):
    agenda = "1 Opening\n\n3 Notulen\n3b Eerste subpunt\n4c Verkeerd punt\nGeen nummer\n"
    motions = (
        "nummer;agendapunt;titel;indieners\n"
        "3.2;3;Tweede in plaats van eerste;Haaksbergen\n"
        "7.1;7;Onder een punt dat er niet is;Haaksbergen\n"
    )
    with translation.override("en"):
        plan = plan_import(meeting, agenda, motions)
    assert messages_of(plan) == [
        ("agenda", 3, "item 3 does not follow: the next main item is 2."),
        ("agenda", 4, "sub-item 3b does not follow: the next sub-item is 3a."),
        ("agenda", 5, "sub-item 4c does not come right under its main item 4."),
        ("agenda", 6, "the line does not start with the item's number (such as 7 or 8a)."),
        (
            "csv",
            2,
            "the number 3.2 does not follow: this motion becomes 3.1 (numbers follow the "
            "order of the lines per item).",
        ),
        ("csv", 3, "there is no agenda item 7."),
    ]


def test_an_agenda_added_to_a_meeting_with_items_continues_their_numbers(meeting, members):
    opening = f.item(meeting, "Opening")
    f.motion(opening, "Al ingevoerd", submitters=[members["Haaksbergen"]])
    motions = "agendapunt;titel;indieners\n1;Tweede onder de opening;Gorinchem\n2;Nieuw;Gorinchem\n"

    with translation.override("en"):
        wrong = plan_import(meeting, "1 Opnieuw de opening", "")
    assert messages_of(wrong) == [
        ("agenda", 1, "item 1 does not follow: the next main item is 2."),
    ]
    plan = plan_import(meeting, "2 Mededelingen", motions)
    assert plan.problems == []
    assert [m.number for m in plan.motions] == ["1.2", "2.1"]
    apply_plan(meeting, "2 Mededelingen", motions, plan.fingerprint())
    assert [i.title for i in meeting.ordered_items()] == ["Opening", "Mededelingen"]
    assert opening.proposals.count() == 2


@pytest.mark.parametrize(
    ("outcome", "shares", "problem"),
    [
        ("aangenomen", ("", "40", ""), "tegen: Give the share for as well: it decides the vote."),
        (
            "aangenomen",
            ("50", "", "10"),
            "tegen: Give the share against as well, or leave abstaining empty.",
        ),
        (
            "aangenomen",
            ("50", "40", "20"),
            "The percentages for, against and abstain must add up to 100.",
        ),
        ("verworpen", ("101", "", ""), "voor: A percentage lies between 0 and 100."),
        (
            "verworpen",
            ("40,123", "", ""),
            "voor: Ensure that there are no more than 2 decimal places.",
        ),
        ("verworpen", ("veel", "", ""), "voor: “veel” is not a percentage."),
        ("ingetrokken", ("90", "", ""), "Only a decided vote has percentages."),
        ("", ("90", "", ""), "Only a decided vote has percentages."),
        ("bij acclamatie", ("90", "", ""), "A decision by acclamation has no vote percentages."),
        (
            "unaniem",
            ("", "", ""),
            "the outcome “unaniem” is not one of: aangenomen, verworpen, ingetrokken, "
            "aangehouden, bij acclamatie.",
        ),
    ],
)
def test_shares_are_refused_as_the_outcome_forms_refuse_them(
    meeting, members, outcome, shares, problem
):
    motions = (
        "agendapunt;titel;indieners;uitkomst;voor;tegen;onthouding\n"
        f"1;Motie;Haaksbergen;{outcome};{';'.join(shares)}\n"
    )
    with translation.override("en"):
        plan = plan_import(meeting, "1 Punt", motions)
    assert messages_of(plan) == [("csv", 2, problem)]


def test_an_unknown_member_or_pre_advice_is_a_problem_on_its_line(meeting, members):
    motions = (
        "agendapunt;titel;indieners;preadvies\n"
        "1;Goed;Haaksbergen;overnemen\n"
        '1;Onbekend;"Haaksbergen; Atlantis";overnemen\n'
        "1;Twee in een;Sliedrecht en Gorinchem;\n"
        "1;Zonder indieners;;\n"
        "1;Vreemd advies;Gorinchem;misschien\n"
    )
    with translation.override("en"):
        plan = plan_import(meeting, "1 Punt", motions)
    assert messages_of(plan) == [
        ("csv", 3, "“Atlantis” is not a member."),
        ("csv", 4, "“Sliedrecht en Gorinchem” names more than one member: separate them with “;”."),
        (
            "csv",
            5,
            "name the submitters: members separated by “;”, a group of submitters or "
            "“het bestuur”.",
        ),
        (
            "csv",
            6,
            "the pre-advice “misschien” is not one of: overnemen, ontraden, aanhouden, "
            "neutraal, intrekken, geen.",
        ),
    ]


def test_a_member_who_was_no_member_on_the_day_of_the_meeting_cannot_submit(meeting):
    f.member("Haaksbergen")
    f.member("Nieuwkoop", member_from=dt.date(2022, 1, 1))
    motions = "agendapunt;titel;indieners\n1;Te vroeg;Nieuwkoop\n"
    with translation.override("en"):
        plan = plan_import(meeting, "1 Punt", motions)
    assert messages_of(plan) == [("csv", 2, "“Nieuwkoop” is not a member.")]


def test_one_bad_line_saves_nothing_at_all(meeting, members):
    motions = MOTIONS + "4.1;4;Een slechte regel;Atlantis;;;;;\n"
    plan = plan_import(meeting, AGENDA, motions)
    assert [(p.source, p.line) for p in plan.problems] == [("csv", 7)]
    with pytest.raises(ImportRefused):
        apply_plan(meeting, AGENDA, motions, plan.fingerprint())
    assert not meeting.items.exists()
    assert not Proposal.objects.exists()
    assert not PreAdvice.objects.exists()


def test_items_added_meanwhile_refuse_the_save_and_nothing_is_saved(meeting, members):
    plan = plan_import(meeting, AGENDA, MOTIONS)
    f.item(meeting, "Meanwhile")  # someone else built the agenda after the preview
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        apply_plan(meeting, AGENDA, MOTIONS, plan.fingerprint())
    assert "item 1 does not follow: the next main item is 2." in [
        p.message for p in refused.value.plan.problems
    ]
    assert [i.title for i in meeting.items.all()] == ["Meanwhile"]
    assert not Proposal.objects.exists()


def test_a_motion_added_meanwhile_changes_the_plan_and_refuses_the_save(meeting, members):
    plan = plan_import(meeting, "", "agendapunt;titel;indieners\n;Buiten de agenda;Gorinchem\n")
    item = f.item(meeting, "Meanwhile")
    shown = plan.fingerprint()
    f.motion(item, "Meanwhile too")
    with translation.override("en"), pytest.raises(ImportRefused, match="changed since"):
        apply_plan(meeting, "", "agendapunt;titel;indieners\n;Buiten de agenda;Gorinchem\n", shown)
    assert Proposal.objects.count() == 1


def test_a_meeting_still_to_be_held_is_not_entered_from_lists(members):
    coming = f.meeting(days=30)
    with translation.override("en"):
        plan = plan_import(coming, AGENDA, MOTIONS)
    assert messages_of(plan) == [
        ("", None, "Only a meeting that has been held is entered from lists.")
    ]


# The page


def test_the_preview_shows_the_agenda_and_motions_and_saves_nothing(secretariat, meeting, members):
    response = preview(secretariat, meeting, AGENDA, MOTIONS)
    assert response.status_code == 200
    page = html(response)
    assert "3b" in page and "Jaarrekening 2018" in page
    assert "Ravijnjaar, twee over twaalf!" in page
    assert "Sliedrecht; Gorinchem" in page
    assert "adopted with 91.80% for, 6.20% against and 2.00% abstaining" in page
    assert 'id="past-import-save"' in page
    assert not meeting.items.exists()
    assert not Proposal.objects.exists()


def test_the_page_shows_each_problem_with_its_line_and_offers_no_save(
    secretariat, meeting, members
):
    motions = "agendapunt;titel;indieners\n1;Goed;Haaksbergen\n1;Fout;Atlantis\n"
    response = preview(secretariat, meeting, "1 Punt", motions)
    assert response.status_code == 400
    page = html(response)
    assert "Line 3: “Atlantis” is not a member." in page
    # Its row in the preview says so too; the good line's does not.
    assert page.count("(see the problem above)") == 1
    assert "nothing was saved" in page
    assert 'id="past-import-save"' not in page


def test_saving_what_the_preview_showed_creates_it_and_goes_to_the_agenda(
    secretariat, secretariat_user, meeting, members
):
    page = html(preview(secretariat, meeting, AGENDA, MOTIONS))
    response = preview(
        secretariat, meeting, AGENDA, MOTIONS, action="save", fingerprint=fingerprint_in(page)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:agenda", args=[meeting.pk])
    assert meeting.items.count() == 6
    assert Motion.objects.filter(meeting=meeting).count() == 5
    # The history says who entered it, as for any edit in the workspace.
    assert {h.history_user for h in AgendaItem.history.filter(meeting=meeting)} == {
        secretariat_user
    }
    assert {h.history_user for h in Motion.history.filter(meeting=meeting)} == {secretariat_user}


def test_saving_text_changed_after_the_preview_is_refused_with_the_new_preview(
    secretariat, meeting, members
):
    page = html(preview(secretariat, meeting, AGENDA, MOTIONS))
    response = preview(
        secretariat,
        meeting,
        AGENDA + "5 Rondvraag\n",
        MOTIONS,
        action="save",
        fingerprint=fingerprint_in(page),
    )
    assert response.status_code == 409
    page = html(response)
    assert "changed since the preview" in page
    assert "Rondvraag" in page and 'id="past-import-save"' in page
    assert not meeting.items.exists()


def test_an_uploaded_csv_file_is_read_and_put_in_the_field_to_correct(
    secretariat, meeting, members
):
    upload = SimpleUploadedFile(
        "moties.csv", ("\ufeff" + MOTIONS).encode("utf-8"), content_type="text/csv"
    )
    response = secretariat.post(url(meeting), {"agenda": AGENDA, "motions": "", "file": upload})
    assert response.status_code == 200
    page = html(response)
    assert "Landelijke tarieven" in page
    assert "nummer;agendapunt;titel" in page  # the text of the file, in the CSV field


def test_the_agenda_and_status_pages_of_a_held_meeting_link_to_the_page(secretariat, meeting):
    for name in ("workspace:agenda", "workspace:dashboard"):
        assert url(meeting) in html(secretariat.get(reverse(name, args=[meeting.pk])))
    coming = f.meeting(days=30)
    assert url(coming) not in html(secretariat.get(reverse("workspace:agenda", args=[coming.pk])))


def test_a_meeting_still_to_be_held_sends_the_secretariat_back_to_its_status_page(secretariat):
    coming = f.meeting(days=30)
    response = secretariat.get(url(coming))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:dashboard", args=[coming.pk])


def test_only_the_secretariat_enters_a_past_meeting(meeting, member, board, members):
    assert_refused(url(meeting), member=member, board=board)
    assert_refused(url(meeting), "post", {"agenda": AGENDA}, member=member, board=board)
    assert not meeting.items.exists()


def test_the_examples_of_the_documentation_are_read_without_problems(meeting):
    """docs/past-meetings.md: its agenda list and its CSV, as a secretariat would paste them."""
    doc = (settings.BASE_DIR / "docs" / "past-meetings.md").read_text(encoding="utf-8")
    agenda, motions = doc.split("```\n")[1::2]
    for name in ("Haaksbergen", "Apeldoorn", "Sliedrecht", "Gorinchem", "Zoetermeer"):
        f.member(name)
    f.member("Leidschendam-Voorburg")
    f.member("Deventer")
    plan = plan_import(meeting, agenda, motions)
    assert plan.problems == []
    assert [i.number for i in plan.items] == ["1", "2", "3", "4", "5", "5a", "5b", "6", "7"]
    assert [m.number for m in plan.motions] == ["4.1", "5a.1", "5b.1", "5b.2", "M1"]


def test_quotes_inside_a_quoted_cell_are_read_as_excel_writes_them(meeting, members):
    motions = (
        "agendapunt;titel;indieners\n"
        '1;"Herziening Wet ""Kwaliteitsborging"" voor het bouwen"; "Sliedrecht; Gorinchem"\n'
    )
    plan = plan_import(meeting, "1 Punt", motions)
    assert plan.problems == []
    (motion,) = plan.motions
    assert motion.title == 'Herziening Wet "Kwaliteitsborging" voor het bouwen'
    assert motion.submitter_names == ["Sliedrecht", "Gorinchem"]
