"""Small builders for test data: a meeting with items, resolutions and motions."""

import datetime as dt
import itertools

from django.utils import timezone

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from members.models import Member, Population
from motions.models import Amendment, FollowUp, Motion, MotionPart, PreAdvice, ProposalSubmitter

_counter = itertools.count(1)


def meeting(published=True, visibility=Meeting.Visibility.PUBLIC, days=30, **kwargs):
    starts_at = kwargs.pop("starts_at", None) or timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        title=kwargs.pop("title", f"ALV {next(_counter)}"),
        starts_at=starts_at,
        published_at=timezone.now() if published else None,
        visibility=visibility,
        **kwargs,
    )


def item(meeting, title="Agendapunt", parent=None, **kwargs):
    siblings = parent.children if parent else meeting.items.filter(parent__isnull=True)
    return AgendaItem.objects.create(
        meeting=meeting, parent=parent, position=siblings.count() + 1, title=title, **kwargs
    )


# Population figures of the factories hold from long before any test's meeting.
FIGURES_FROM = dt.date(2000, 1, 1)


def member(name=None, population=None, **fields):
    name = name or f"Gemeente {next(_counter)}"
    created = Member.objects.create(name=name, code=f"X{next(_counter) % 100000:05d}", **fields)
    if population is not None:
        Population.objects.create(member=created, valid_from=FIGURES_FROM, inhabitants=population)
    return created


def resolution(agenda_item, title="Resolutie", clauses=("Eerste.", "Tweede."), published=True):
    res = Resolution.objects.create(
        agenda_item=agenda_item, position=agenda_item.resolutions.count() + 1, title=title
    )
    version = ResolutionVersion.objects.create(
        resolution=res, number=1, published_at=timezone.now() if published else None
    )
    for number, text in enumerate(clauses, start=1):
        Clause.objects.create(version=version, position=number, text=text)
    res.current_version = version
    res.save(update_fields=["current_version"])
    return res


def motion(agenda_item, title="Motie", submitters=None, advice=None, published_advice=True, **kw):
    mot = Motion.objects.create(
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        position=agenda_item.proposals.count() + 1,
        title=title,
        **kw,
    )
    for position, sub in enumerate(submitters or [member()], start=1):
        ProposalSubmitter.objects.create(proposal=mot, member=sub, position=position)
    MotionPart.objects.create(motion=mot, position=1, kind="finding", text=f"Tekst van {title}")
    if advice:
        now = timezone.now()
        PreAdvice.objects.create(
            proposal=mot,
            value=advice,
            rationale=f"Toelichting bij {title}",
            state=PreAdvice.State.SETTLED if published_advice else PreAdvice.State.DRAFT,
            published_at=now if published_advice else None,
        )
    return mot


def amendment(
    agenda_item,
    resolution,
    clause_number=1,
    change="replace",
    new_text="Nieuw.",
    submitters=None,
    **kwargs,
):
    version = kwargs.pop("resolution_version", None) or resolution.current_version
    amd = Amendment.objects.create(
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        position=agenda_item.proposals.count() + 1,
        resolution_version=version,
        change=change,
        target_clause=version.clauses.get(position=clause_number) if clause_number else None,
        new_text=new_text,
        **kwargs,
    )
    for position, sub in enumerate(submitters or [member()], start=1):
        ProposalSubmitter.objects.create(proposal=amd, member=sub, position=position)
    return amd


def pre_advice(proposal, value="overnemen", published=True, response="", rationale=None):
    now = timezone.now()
    return PreAdvice.objects.create(
        proposal=proposal,
        value=value,
        rationale=rationale if rationale is not None else f"Toelichting bij {proposal.title}",
        state=PreAdvice.State.SETTLED if published else PreAdvice.State.DRAFT,
        settled_at=now if published else None,
        published_at=now if published else None,
        response=response,
    )


def motion_parts(mot, parts):
    """Replace the motion's text by `parts`: (kind, text) pairs in order."""
    mot.parts.all().delete()
    for position, (kind, text) in enumerate(parts, start=1):
        MotionPart.objects.create(motion=mot, position=position, kind=kind, text=text)
    return mot


def version(res, clauses, number=None, published=True, label="", make_current=True, **kwargs):
    """A further version of `res` with `clauses`; by default it becomes the current one."""
    number = number or res.versions.count() + 1
    ver = ResolutionVersion.objects.create(
        resolution=res,
        number=number,
        label=label,
        published_at=timezone.now() if published else None,
        **kwargs,
    )
    for position, text in enumerate(clauses, start=1):
        Clause.objects.create(version=ver, position=position, text=text)
    if make_current:
        res.current_version = ver
        res.save(update_fields=["current_version"])
    return ver


def follow_up(agenda_item, mot, **kwargs):
    return FollowUp.objects.create(
        agenda_item=agenda_item,
        motion=mot,
        position=agenda_item.follow_ups.count() + 1,
        **kwargs,
    )


def big_meeting(motions=200, submitter=None, follow_ups=10):
    """A meeting as large as the largest ALV: `motions` motions with published pre-advice
    spread over four sub-items, each with a resolution and an amendment; `submitter` (a new
    member by default) co-submits every motion; a follow-up item reports on `follow_ups`
    motions of an earlier meeting. Pages over it must not query more for it."""
    submitter = submitter or member()
    mtg = meeting(title="Grote ALV")
    parent = item(mtg, "Moties")
    subs = [item(mtg, f"Sub {n}", parent=parent) for n in range(4)]
    # The five values the board advises ("geen preadvies" is the absence of advice).
    values = [v for v, _ in PreAdvice.Value.choices if v != PreAdvice.Value.NONE]
    for n, sub in enumerate(subs):
        res = resolution(sub, f"Resolutie {n}", clauses=[f"Bepaling {c}." for c in range(5)])
        amd = amendment(sub, res, clause_number=2, new_text=f"Nieuwe bepaling {n}.")
        pre_advice(amd, "ontraden")
    for n in range(motions):
        sub = subs[n % len(subs)]
        motion(
            sub,
            f"Motie {n}",
            submitters=[submitter, member()],
            advice=values[n % len(values)],
        )
    if follow_ups:
        earlier_item = item(meeting(title="Eerdere ALV", days=-200), "Moties")
        report = item(mtg, "Verantwoording uitvoering moties", is_follow_up=True)
        for n in range(follow_ups):
            adopted = motion(earlier_item, f"Eerdere motie {n}", status="adopted")
            PreAdvice.objects.create(
                follow_up=follow_up(report, adopted, report=f"Verslag {n}"),
                value="overnemen",
                state=PreAdvice.State.SETTLED,
                published_at=timezone.now(),
            )
    return mtg
