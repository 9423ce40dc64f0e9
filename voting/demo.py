"""The demo's electronic votes: the demo member `lid` holds its municipality's voting card
for the coming meeting and for a written consultation of the members that is open now, so
that voting can be tried right after `make run`. Development only, as papers.demo."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agenda.models import AgendaItem, Meeting
from papers import demo
from voting import polls, tasks
from voting.models import Poll, VotingCard

CONSULTATION_TITLE = f"{demo.PLACEHOLDER} Schriftelijke ledenraadpleging (voorbeeld)"
CONSULTATION_ITEM = "Instemming met de jaarrekening (voorbeeld)"


@transaction.atomic
def load():
    if not settings.ALV_DEMO_ALLOWED:
        raise demo.DemoNotAllowed("The demo's votes are for development only.")
    ends = timezone.localtime() + dt.timedelta(weeks=2)
    ends = ends.replace(hour=17, minute=0, second=0, microsecond=0)
    meeting, _created = Meeting.objects.get_or_create(
        title=CONSULTATION_TITLE,
        defaults={
            "starts_at": ends,
            "location": "",
            "description": (
                "Een voorbeeld van een schriftelijke ledenraadpleging: de houders van de "
                "stemkaarten stemmen op hun stempagina, tot het einde van de raadpleging."
            ),
            "visibility": Meeting.Visibility.MEMBERS,
            "published_at": timezone.now(),
        },
    )
    item, _created = AgendaItem.objects.get_or_create(
        meeting=meeting,
        parent=None,
        position=1,
        defaults={"title": CONSULTATION_ITEM, "kind": AgendaItem.Kind.DECISION, "text": ""},
    )
    person = get_user_model().objects.get(username="lid")
    coming = Meeting.objects.get(title=demo.COMING_MEETING_TITLE)
    for held in (meeting, coming):
        VotingCard.objects.update_or_create(
            meeting=held, member=person.member, defaults={"holder": person}
        )
    if not Poll.objects.open().filter(agenda_item=item).exists():
        # Open again after the last one closed: the demo always has a consultation to try.
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=ends)
        meeting.starts_at = ends
        opened = polls.open_poll(item, None, written=True, opens_at=timezone.now(), closes_at=ends)
        tasks.queue_consultation([opened], "http://127.0.0.1:8000/")
    return meeting
