"""The main pages, who reads each, and how many SQL queries each may take, however large the
meeting. One list for both places that need it: bench/queries.py prints the counts as the
table in docs/performance.md, tests/test_query_counts.py asserts them."""

from dataclasses import dataclass

from django.urls import reverse

from agenda.models import Resolution
from motions.models import Amendment, Motion, ProposalSubmitter

PUBLIC, MEMBER, SECRETARIAT = "public", "member", "secretariat"


@dataclass(frozen=True)
class Page:
    name: str
    reader: str
    path: str
    budget: int  # queries, at most


def main_pages(meeting):
    """The main pages of `meeting` (published, with motions, amendments and resolutions)."""
    motion = Motion.objects.filter(meeting=meeting).order_by("pk").first()
    amendment = Amendment.objects.filter(meeting=meeting).order_by("pk").first()
    resolution = Resolution.objects.filter(agenda_item__meeting=meeting).order_by("pk").first()
    member_id = (
        ProposalSubmitter.objects.filter(proposal=motion).values_list("member", flat=True).first()
    )

    def page(name, reader, url_name, *args, budget):
        return Page(name, reader, reverse(url_name, args=args), budget)

    pk = meeting.pk
    # The secretariat's and the board's pages take one query more than they did before
    # two-factor sign-in: the session's device is looked up on every request (django-otp's
    # OTPMiddleware), so that a reset second factor ends the verified session at once.
    return [
        page("home page", PUBLIC, "home", budget=3),
        page("meeting page", PUBLIC, "meeting_detail", pk, budget=14),
        page("meeting page", MEMBER, "meeting_detail", pk, budget=17),
        page("meeting page", SECRETARIAT, "meeting_detail", pk, budget=18),
        page("motions list, filtered", MEMBER, "meeting_proposals", pk, budget=14),
        page("motion page", MEMBER, "motion_detail", motion.pk, budget=14),
        page("amendment page", MEMBER, "amendment_detail", amendment.pk, budget=16),
        page("resolution page", MEMBER, "resolution_detail", resolution.pk, budget=14),
        page("member page", MEMBER, "member_detail", member_id, budget=14),
        page("live fragment", PUBLIC, "live:fragment", pk, budget=14),
        page("projector view", PUBLIC, "live:projector", pk, budget=14),
        page("decision list", SECRETARIAT, "live:decisions", pk, budget=22),
        page("follow-up overview", MEMBER, "live:follow_up_overview", budget=14),
        page("status overview", SECRETARIAT, "live:status", pk, budget=20),
        page("meeting day", SECRETARIAT, "live:meeting_day", pk, budget=24),
        page("workspace: dashboard", SECRETARIAT, "workspace:dashboard", pk, budget=20),
        page("workspace: agenda", SECRETARIAT, "workspace:agenda", pk, budget=20),
        page("workspace: pre-advice overview", SECRETARIAT, "workspace:pre_advice", pk, budget=20),
        # Its history reads the pre-advice per part too: one query (issue 23).
        page("workspace: motion", SECRETARIAT, "workspace:proposal", motion.pk, budget=22),
        page("meeting book page", SECRETARIAT, "book:page", pk, budget=43),
    ]
