"""Loading a new list of members: what it would do is shown first, and a list with one bad row
saves nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from members.imports import ImportRefused, apply_plan, load_municipalities, plan_import
from members.models import Member, Population
from motions import votes
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # The messages as written in the code.
    with translation.override("en"):
        yield


JAN_2025 = dt.date(2025, 1, 1)
JAN_2026 = dt.date(2026, 1, 1)

FIRST = """code,name,population,province
GM0001,Ahoven,10000,Utrecht
GM0002,Beedorp,20000,Utrecht
GM0003,Cestad,30000,Utrecht
GM0004,Deburg,40000,Utrecht
"""
# A year later: Ahoven and Beedorp merged into the new Ebeek, Cestad is renamed and grew,
# Deburg is unchanged.
SECOND = """code,name,population,province,successor_code
GM0001,Ahoven,,Utrecht,GM0009
GM0002,Beedorp,,Utrecht,GM0009
GM0003,Ce-stad,31000,Utrecht,
GM0004,Deburg,40000,Utrecht,
GM0009,Ebeek,30500,Utrecht,
"""


def load(text, valid_from):
    plan = plan_import(text, valid_from)
    assert plan.problems == []
    return apply_plan(plan)


def test_the_first_list_makes_members_whose_start_is_not_known():
    counts = load(FIRST, JAN_2025)
    assert counts["new"] == 4
    ahoven = Member.objects.get(code="GM0001")
    assert ahoven.member_from is None and ahoven.member_until is None
    assert ahoven.population_on(JAN_2025) == 10000


def test_a_new_list_records_mergers_renames_and_populations_from_its_date():
    load(FIRST, JAN_2025)
    plan = plan_import(SECOND, JAN_2026)
    assert plan.counts() == {
        "new": 1,
        "renamed": 1,
        "details_changed": 0,
        "merged": 2,
        "ended": 0,
        "population_changed": 1,
        "unchanged": 1,
    }
    apply_plan(plan)
    ahoven = Member.objects.get(code="GM0001")
    ebeek = Member.objects.get(code="GM0009")
    assert ahoven.member_until == dt.date(2025, 12, 31)
    assert list(ahoven.successors.all()) == [ebeek]
    assert ebeek.member_from == JAN_2026
    assert {m.name for m in Member.objects.on(dt.date(2025, 12, 31))} == {
        "Ahoven",
        "Beedorp",
        "Ce-stad",
        "Deburg",
    }
    assert {m.name for m in Member.objects.on(JAN_2026)} == {"Ce-stad", "Deburg", "Ebeek"}
    cestad = Member.objects.get(code="GM0003")
    assert (cestad.population_on(dt.date(2025, 6, 1)), cestad.population_on(JAN_2026)) == (
        30000,
        31000,
    )


def test_a_meeting_before_the_first_list_weighs_by_the_first_figures(settings, set_association):
    set_association(vote_weights="population")
    load(FIRST, JAN_2025)
    ahoven = Member.objects.get(code="GM0001")
    assert ahoven.population_on(dt.date(2024, 12, 11)) == 10000
    assert votes.vote_weight(ahoven, dt.date(2024, 12, 11)) == 10000


def test_a_member_left_out_of_the_list_ends_the_day_before():
    load(FIRST, JAN_2025)
    plan = plan_import(FIRST.replace("GM0004,Deburg,40000,Utrecht\n", ""), JAN_2026)
    assert [m.name for m in plan.ended] == ["Deburg"]
    apply_plan(plan)
    assert Member.objects.get(code="GM0004").member_until == dt.date(2025, 12, 31)


def test_members_the_list_does_not_hold_are_left_alone():
    load(FIRST, JAN_2025)
    special = f.member("Caribisch Nederland", kind="public_body")
    without_code = Member.objects.create(name="Regio zonder code")
    load(FIRST, JAN_2026)
    special.refresh_from_db()
    without_code.refresh_from_db()
    assert special.member_until is None and without_code.member_until is None


def test_loading_the_same_list_again_changes_nothing():
    load(FIRST, JAN_2025)
    plan = plan_import(FIRST, JAN_2025)
    assert plan.counts()["unchanged"] == 4
    assert sum(n for key, n in plan.counts().items() if key != "unchanged") == 0


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_saved():
    load(FIRST, JAN_2025)
    bad = """code,name,population,successor_code
GM0001,Ahoven,10.500,
GM0002,,20000,
GM0002,Beedorp,20000,
GM0003,Cestad,veel,
GM0004,Deburg,40000,GM0404
"""
    plan = plan_import(bad, JAN_2026)
    lines = sorted({line for line, _problem in plan.problems})
    assert lines == [3, 4, 5, 6]
    messages = " ".join(problem for _line, problem in plan.problems)
    assert "no name" in messages
    assert "GM0002 is also on line 3" in messages
    assert "“veel” is not a number" in messages
    assert "successor GM0404 is not a member in this list" in messages
    with pytest.raises(ImportRefused):
        apply_plan(plan)
    assert Population.objects.filter(valid_from=JAN_2026).count() == 0
    assert Member.objects.get(code="GM0004").member_until is None


def test_a_kind_the_association_does_not_have_is_refused_at_its_line(set_association):
    set_association(member_kinds=["municipality", "public_body"])
    plan = plan_import(
        "code,name,population,kind\n"
        "GM0001,Ahoven,10000,gemeente\n"
        "WS0001,Waterschap Aa,50000,water_board\n"
        "BES01,Bonaire,20000,Public body\n",
        JAN_2025,
    )
    assert plan.problems == [
        (3, "the kind “water_board” is not one of the association's: municipality, public body")
    ]
    assert [row.kind for row in plan.rows] == ["municipality", "water_board", "public_body"]


def test_a_row_without_a_kind_is_of_the_association_s_first_kind(set_association):
    set_association(member_kinds=["water_board"])
    load("code,name,population\nWS0155,Waterschap Aa en Maas,800000\n", JAN_2025)
    assert Member.objects.get(code="WS0155").kind == "water_board"


def test_a_list_older_than_the_one_loaded_is_refused():
    load(FIRST, JAN_2026)
    plan = plan_import(FIRST, JAN_2025)
    assert any("must not be older" in problem for _line, problem in plan.problems)


def test_an_old_meeting_keeps_its_weights_and_its_submitters_names_after_a_new_list(
    set_association,
):
    set_association(vote_weights="population")
    load(FIRST, JAN_2025)
    meeting = f.meeting(starts_at=dt.datetime(2025, 6, 4, 10, tzinfo=dt.UTC))
    item = f.item(meeting)
    cestad, deburg = Member.objects.get(code="GM0003"), Member.objects.get(code="GM0004")
    motion = f.motion(item, submitters=[cestad])
    votes.record_ballots(motion, {cestad.pk: "for", deburg.pk: "against"})
    weights_before = sorted(motion.ballots.values_list("weight", flat=True))

    load(SECOND, JAN_2026)

    motion.refresh_from_db()
    assert motion.submitter_names == ["Cestad"]  # the name it had then, not "Ce-stad"
    weights = {m.name: votes.vote_weight(m, meeting.date) for m in votes.voters_on(meeting.date)}
    assert weights["Ce-stad"] == 30000 and weights["Ahoven"] == 10000
    # Voting again on the old motion weighs by the figures of that day.
    votes.record_ballots(motion, {cestad.pk: "for", deburg.pk: "against"})
    assert sorted(motion.ballots.values_list("weight", flat=True)) == weights_before


def test_a_merged_member_does_not_vote_at_a_meeting_after_the_merger():
    load(FIRST, JAN_2025)
    load(SECOND, JAN_2026)
    later = f.item(f.meeting(starts_at=dt.datetime(2026, 6, 3, 10, tzinfo=dt.UTC)))
    motion = f.motion(later)
    ahoven = Member.objects.get(code="GM0001")
    with pytest.raises(ValidationError, match="Only members on the day of the meeting vote"):
        votes.record_ballots(motion, {ahoven.pk: "for"})


def test_the_shipped_cbs_list_loads_and_loads_again_without_changes():
    assert load_municipalities() == 342
    assert Member.objects.active().count() == 342
    assert load_municipalities() == 342
    assert Population.objects.count() == 342


class TestCommand:
    def write(self, tmp_path, text, name="leden.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    def test_a_dry_run_prints_the_plan_and_saves_nothing(self, tmp_path):
        load(FIRST, JAN_2025)
        out = StringIO()
        call_command(
            "import_members",
            self.write(tmp_path, SECOND),
            "--valid-from",
            "2026-01-01",
            "--dry-run",
            stdout=out,
        )
        text = out.getvalue()
        assert "1 new, 1 renamed, 2 merged, 0 ended, 1 with a new population" in text
        assert "merged: Ahoven into Ebeek" in text
        assert "Dry run: nothing was saved." in text
        assert not Member.objects.filter(code="GM0009").exists()

    def test_it_saves_the_list_from_its_date(self, tmp_path):
        load(FIRST, JAN_2025)
        call_command(
            "import_members",
            self.write(tmp_path, SECOND),
            "--valid-from",
            "2026-01-01",
            stdout=StringIO(),
        )
        assert Member.objects.get(code="GM0009").member_from == JAN_2026

    def test_it_lists_the_problems_by_line_and_fails(self, tmp_path):
        err = StringIO()
        path = self.write(tmp_path, "code,name,population\nGM0001,,12\n")
        with pytest.raises(CommandError, match="nothing was saved"):
            call_command("import_members", path, "--valid-from", "2026-01-01", stderr=err)
        assert "line 2: the row has no name" in err.getvalue()
        assert not Member.objects.exists()

    def test_a_date_that_is_not_a_date_is_refused(self, tmp_path):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("import_members", self.write(tmp_path, FIRST), "--valid-from", "1-1-2026")

    def test_an_excel_csv_with_semicolons_in_windows_1252_is_read(self, tmp_path):
        path = tmp_path / "excel.csv"
        path.write_bytes("code;name;population\r\nGM0900;Súdwest;90000\r\n".encode("cp1252"))
        call_command("import_members", path, "--valid-from", "2025-01-01", stdout=StringIO())
        assert Member.objects.get(code="GM0900").name == "Súdwest"
