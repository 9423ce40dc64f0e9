"""A large synthetic meeting for the book benchmark (bench/book.py): 25 agenda items, 200
motions, 40 amendments, 10 resolutions of 8 clauses, pre-advice with rationales of realistic
length, and every municipality among the submitters. Replaces an earlier one."""

import datetime as dt
import itertools

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from members.imports import load_municipalities
from members.models import Member
from motions.models import Amendment, Motion, MotionPart, PreAdvice, ProposalSubmitter

TITLE = "Benchmark-ALV (synthetisch)"
ITEMS = 25
MOTIONS = 200
AMENDMENTS = 40
RESOLUTIONS = 10
CLAUSES = 8
ADVICE = ["overnemen", "ontraden", "aanhouden", "neutraal", "intrekken"]

SENTENCES = [
    "Gemeenten voeren steeds meer taken uit zonder dat de middelen daarmee in de pas lopen.",
    "De uitvoering van de jeugdwet vraagt om structurele en voorspelbare financiering.",
    "Inwoners verwachten dat de overheid als één overheid samenwerkt en levert.",
    "Het bestuur heeft hierover in het Bestuurlijk Overleg Financiële verhoudingen gesproken.",
    "De motie sluit aan bij de lijn die de VNG in de gesprekken met het kabinet volgt.",
    "Daarbij is van belang dat de uitvoerbaarheid voor kleine gemeenten vooropstaat.",
    "De financiële positie van gemeenten staat vanaf 2026 onder grote druk (het ravijnjaar).",
    "Het bestuur ziet de zorg van de indieners en deelt de analyse op hoofdlijnen.",
    "Een landelijke aanpak voorkomt dat iedere gemeente zelf het wiel moet uitvinden.",
    "Dit vraagt om afspraken die ook na de komende verkiezingen standhouden.",
]


def text(seed, sentences):
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences))


class Command(BaseCommand):
    help = __doc__

    @transaction.atomic
    def handle(self, **options):
        load_municipalities()
        old = Meeting.objects.filter(title=TITLE).first()
        if old:
            # Proposals and resolutions protect their items: remove them first.
            for proposal in old.proposals.all():
                proposal.delete()
            Resolution.objects.filter(agenda_item__meeting=old).delete()
            old.delete()
        now = timezone.now()
        meeting = Meeting.objects.create(
            title=TITLE,
            starts_at=now + dt.timedelta(days=60),
            location="Jaarbeurs Utrecht",
            published_at=now,
            visibility=Meeting.Visibility.PUBLIC,
        )
        members = list(Member.objects.order_by("name"))
        member_cycle = itertools.cycle(members)
        items = [
            AgendaItem.objects.create(
                meeting=meeting,
                position=n,
                title=f"Agendapunt {n}: {SENTENCES[n % len(SENTENCES)][:60].rstrip('.')}",
                text=text(n, 6) + "\n\n" + text(n + 3, 5),
            )
            for n in range(1, ITEMS + 1)
        ]
        resolutions = []
        for n in range(RESOLUTIONS):
            item = items[n]
            resolution = Resolution.objects.create(
                agenda_item=item, position=1, title=f"Resolutie {n + 1}: {SENTENCES[n][:50]}"
            )
            version = ResolutionVersion.objects.create(
                resolution=resolution,
                number=1,
                label="resolutie",
                explanation="\n\n".join(text(n + k, 5) for k in range(4)),
                published_at=now,
            )
            Clause.objects.bulk_create(
                Clause(version=version, position=c, text=text(n + c, 2)) for c in range(1, 9)
            )
            resolution.current_version = version
            resolution.save(update_fields=["current_version"])
            resolutions.append((item, version, list(version.clauses.all())))

        positions = {item.pk: itertools.count(1) for item in items}
        proposals = []
        for n in range(AMENDMENTS):
            item, version, clauses = resolutions[n % RESOLUTIONS]
            clause = clauses[n % CLAUSES]
            amendment = Amendment.objects.create(
                meeting=meeting,
                agenda_item=item,
                position=next(positions[item.pk]),
                resolution_version=version,
                change="replace",
                target_clause=clause,
                new_text=clause.text.replace("gemeenten", "alle gemeenten en provincies", 1)
                + " Dit geldt ook voor de uitvoering in 2027.",
                explanation=text(n, 4),
            )
            proposals.append((amendment, 1 + n % 3))
        for n in range(MOTIONS):
            item = items[5 + n % (ITEMS - 5)]
            motion = Motion.objects.create(
                meeting=meeting,
                agenda_item=item,
                position=next(positions[item.pk]),
                title=f"Motie {n + 1}: {SENTENCES[n % len(SENTENCES)][:55].rstrip('.')}",
                explanation=text(n, 5),
            )
            parts = [("preamble", "De algemene ledenvergadering van de VNG, bijeen op 4 juni,")]
            parts += [("finding", text(n + k, 2)) for k in range(3)]
            parts += [("consideration", text(n + k + 3, 2)) for k in range(3)]
            parts += [("request", text(n + k + 6, 1)) for k in range(2)]
            parts += [("closing", "en gaat over tot de orde van de dag.")]
            MotionPart.objects.bulk_create(
                MotionPart(motion=motion, position=p, kind=kind, text=body)
                for p, (kind, body) in enumerate(parts, start=1)
            )
            proposals.append((motion, 1 + n % 3))
        for n, (proposal, count) in enumerate(proposals):
            ProposalSubmitter.objects.bulk_create(
                ProposalSubmitter(proposal=proposal, member=next(member_cycle), position=p)
                for p in range(1, count + 1)
            )
            PreAdvice.objects.create(
                proposal=proposal,
                value=ADVICE[n % len(ADVICE)],
                rationale="\n\n".join(text(n + k, 4) for k in range(3)),
                state=PreAdvice.State.SETTLED,
                settled_at=now,
                published_at=now,
            )
        self.stdout.write(f"{meeting.pk}")
