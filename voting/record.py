"""Electronic votes in a meeting's record: a closed poll as every rendering publishes it, the
decision list's page, PDF and Word file and the results of a written consultation alike, so
they cannot drift apart.

Per poll its totals (`poll.result`, a polls.Result); for a named poll every member's vote with
its weight (`poll.named`, each with its `label`), for a secret poll the receipts it counted
(`poll.counted`). Only closed polls: nobody sees an interim result."""

from django.db.models import Prefetch

from agenda.models import ItemDecision, Resolution
from motions.models import Ballot, Proposal, VotePart
from voting import polls
from voting.models import Cast, Poll


def closed_polls(meeting, **filters):
    """The closed polls of `meeting` (narrowed by `filters`, `written=True` say), in the order
    they closed, ready to render. Four queries, whatever the number of polls and votes."""
    labels = dict(Ballot.Choice.choices)
    closed = list(
        Poll.objects.filter(meeting=meeting, state=Poll.State.CLOSED, **filters)
        .prefetch_related(
            "tallies",
            Prefetch(
                "casts",
                queryset=Cast.objects.filter(poll__secret=False)
                .select_related("member")
                .order_by("member__name"),
                to_attr="named",
            ),
            # A secret poll publishes the receipts it counted, in the order of the codes
            # (which are random): each voter finds theirs, and nothing says whose it is.
            Prefetch(
                "casts",
                queryset=Cast.objects.filter(poll__secret=True)
                .only("poll_id", "receipt")
                .order_by("receipt"),
                to_attr="counted",
            ),
        )
        .order_by("closed_at", "pk")
    )
    for poll in closed:
        poll.result = polls.Result(poll, list(poll.tallies.all()))
        for cast in poll.named:
            cast.label = labels.get(cast.choice, cast.choice)
    return closed


def add_polls(decisions, meeting):
    """Under each decision of `decisions` (a papers.decisions.DecisionList) and each of its
    parts, `polls`: the closed polls on what it decided. Only the decisions the list holds
    get them, so a reader sees the votes on what the list shows them and nothing more."""
    by_subject = {}
    for poll in closed_polls(meeting):
        by_subject.setdefault(_poll_key(poll), []).append(poll)
    for entry in decisions.items:
        for decision in entry.decisions:
            decision.polls = by_subject.get(_outcome_key(decision.outcome), [])
            for part in decision.parts:
                part.polls = by_subject.get(_outcome_key(part.outcome), [])
    return decisions


def _poll_key(poll):
    if poll.proposal_id:
        return ("proposal", poll.proposal_id)
    if poll.resolution_id:
        return ("resolution", poll.resolution_id)
    if poll.vote_part_id:
        return ("part", poll.vote_part_id)
    return ("item", poll.agenda_item_id)


def _outcome_key(outcome):
    """The key of the polls on what a decision recorded its outcome in: a motion or an
    amendment (kept as its proposal), a resolution, a part, or an item's own decision. A
    hold-over or a follow-up was not voted on here."""
    if isinstance(outcome, Proposal):
        return ("proposal", outcome.pk)
    if isinstance(outcome, Resolution):
        return ("resolution", outcome.pk)
    if isinstance(outcome, VotePart):
        return ("part", outcome.pk)
    if isinstance(outcome, ItemDecision):
        return ("item", outcome.agenda_item_id)
    return None
