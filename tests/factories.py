"""Small builders for test data: a meeting with items, resolutions and motions."""

import datetime as dt
import itertools

from django.utils import timezone

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from motions.models import Amendment, Member, Motion, MotionPart, PreAdvice, ProposalSubmitter

_counter = itertools.count(1)


def meeting(published=True, visibility=Meeting.Visibility.PUBLIC, days=30, **kwargs):
    starts_at = timezone.now() + dt.timedelta(days=days)
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


def member(name=None):
    name = name or f"Gemeente {next(_counter)}"
    return Member.objects.create(name=name, cbs_code=f"GX{next(_counter):04d}")


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


def amendment(agenda_item, resolution, clause_number=1, change="replace", new_text="Nieuw."):
    version = resolution.current_version
    amd = Amendment.objects.create(
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        position=agenda_item.proposals.count() + 1,
        resolution_version=version,
        change=change,
        target_clause=version.clauses.get(position=clause_number),
        new_text=new_text,
    )
    ProposalSubmitter.objects.create(proposal=amd, member=member(), position=1)
    return amd
