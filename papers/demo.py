"""The demo meeting: the real ALV papers of ../shared/seed (an excerpt, from item 7 on).

Everything the seed states is here word for word; where it is silent (items 1-6, the full
texts of motions and resolutions, the meeting's date and place) the text says it is a
placeholder. `load()` is idempotent: every row is found by a stable key and updated."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from agenda.outcomes import Status
from alv import roles
from alv.backends import DEMO_PASSWORD
from alv.models import Association, MemberKind, VoteWeights
from members.imports import load_municipalities
from members.models import Member
from motions.models import (
    Amendment,
    FollowUp,
    Motion,
    MotionPart,
    PreAdvice,
    Proposal,
    ProposalSubmitter,
)

AMS = ZoneInfo("Europe/Amsterdam")
PLACEHOLDER = "[Plaatshouder]"

MEETING_TITLE = "Algemene ledenvergadering VNG"
MEETING_STARTS_AT = dt.datetime(2024, 12, 11, 10, 0, tzinfo=AMS)
MEETING_DESCRIPTION = (
    f"{PLACEHOLDER} De bron is een fragment van de vergaderstukken, vanaf agendapunt 7. Zij noemt "
    "datum, tijd en plaats van deze vergadering niet; de demo gebruikt 11 december 2024, "
    "10.00 uur. Ook de agendapunten 1 tot en met 6, 10 en 11 en de volledige teksten van de "
    "moties, het amendement en de resoluties van de agendapunten 8a tot en met 8c zijn "
    "plaatshouders."
)
EARLIER_MEETING_TITLE = f"Eerdere ALV {PLACEHOLDER}"
EARLIER_MEETING_STARTS_AT = dt.datetime(2024, 6, 5, 10, 0, tzinfo=AMS)

# A municipality that merged, with a motion of its own at a meeting before the merger. The merger
# is real (Leeuwarderadeel became part of Leeuwarden on 1 January 2018); the meeting, the motion
# and the figures are example data and say so.
MERGED_CODE = "GM0081"
MERGED_NAME = "Leeuwarderadeel"
MERGED_UNTIL = dt.date(2017, 12, 31)
MERGED_INTO = "Leeuwarden"
MERGER_MEETING_TITLE = f"ALV juni 2017 {PLACEHOLDER}"
MERGER_MEETING_STARTS_AT = dt.datetime(2017, 6, 14, 10, 0, tzinfo=AMS)
MERGER_MEETING_DESCRIPTION = (
    f"{PLACEHOLDER} Voorbeeldgegevens: deze vergadering en haar motie laten zien hoe een gemeente "
    "die later fuseerde op de stukken blijft staan. Leeuwarderadeel is op 1 januari 2018 "
    "opgegaan in Leeuwarden; de motie draagt de naam die de gemeente toen had."
)

# A coming meeting, so that the demo's members can draft and submit motions online (issue 18).
# Example data: eight weeks after the day the demo is loaded, and says so.
COMING_MEETING_TITLE = f"Volgende ALV {PLACEHOLDER}"
COMING_MEETING_DESCRIPTION = (
    f"{PLACEHOLDER} Voorbeeldgegevens: een komende vergadering, acht weken na het laden van de "
    "demo, waarvoor leden online moties kunnen indienen (Onze moties)."
)

DEMO_USERS = [
    # (username, role, member name)
    ("secretariaat", roles.SECRETARIAT, None),
    ("bestuur", roles.BOARD, None),
    ("lid", roles.MEMBER, "Haaksbergen"),
]


def placeholder(what):
    return f"{PLACEHOLDER} De bron geeft {what} niet."


ITEM_7_TEXT = "\n\n".join(
    [
        "Geactualiseerde resolutie “VNG-inzet richting kabinet”",
        "Eerder ontving u op 1 november de concept-resolutie “VNG-inzet richting kabinet”. "
        "Hierbij ontvangt u de geactualiseerde resolutie met een toelichting, waarin het bestuur "
        "de uitkomsten van het Overhedenoverleg van 21 november jl. en de opbrengst van de "
        "informele ledenpeiling verwerkt. In de informele ledenpeiling hebben circa 160 gemeenten "
        "gereageerd op vragen over onder meer het teruggeven van taken, de uitvoering van "
        "akkoorden en het starten van een juridische procedure inzake de bekostiging van de "
        "jeugdzorg.",
        "De VNG heeft in het Overhedenoverleg van 21 november met een brede delegatie van het "
        "kabinet gesproken over de grote uitdagingen waar Nederland voor staat. In het overleg is "
        "onder meer uitvoerig gesproken over de vergoeding van de kosten voor de uitvoering van "
        "de jeugdwet, de balans tussen taken en middelen en een gezamenlijke agenda op de thema’s "
        "wonen & bereikbaarheid, zorg, bestaanszekerheid en natuur & klimaat. Naar het oordeel "
        "van het bestuur is in dit gesprek een belangrijke stap gezet richting het in balans "
        "brengen van taken en middelen en het komen tot gezamenlijke doelen.",
        "De volledige resolutie met de toelichting vindt u in de bijlage.",
        "Drie moties die raken aan de resolutie",
        "Bij de drie moties die we bij dit agendapunt behandelen vraagt het bestuur in zijn "
        "preadvies aan de indieners om de motie in te trekken en zich te scharen achter de "
        "geactualiseerde resolutie “VNG-inzet richting kabinet”.",
    ]
)

ITEM_7_INTRO = (
    "Op basis van de informele ledenpeiling en de uitkomsten van het Overhedenoverleg wordt de "
    "leden in de geactualiseerde resolutie voorgesteld om uit te spreken:"
)

ITEM_7_CLAUSES = [
    "Dat het uitgangspunt voor afspraken met het rijk onverkort van kracht blijft, namelijk dat "
    "gemeenten voldoende middelen dienen te hebben om hun taken en verantwoordelijkheden waar te "
    "kunnen maken;",
    "Er op basis van de concrete afspraken in het Overhedenoverleg op te vertrouwen dat het rijk "
    "overeenkomstig artikel 108 lid 3 gemeentewet aan gemeenten de kosten voor de uitvoering van "
    "de jeugdwet vergoedt en dat deze vergoeding in de voorjaarsnota voor de begroting 2026 wordt "
    "verwerkt én dat voorstellen worden gedaan voor aanpassing van de Jeugdwet, met inachtneming "
    "van het advies van de deskundigencommissie;",
    "Dat gemeenten bereid zijn overleg te voeren met het kabinet om te komen tot een "
    "gezamenlijke inhoudelijke agenda voor onze inwoners op de thema’s bestaanszekerheid, wonen, "
    "klimaat, het brede zorgdomein, voorzieningen voor dorpen/steden, goed bestuur en "
    "digitalisering. Hierbij zijn betaalbaarheid en uitvoerbaarheid van de nieuwe doelstellingen "
    "en taken randvoorwaardelijk voor de instemming met die agenda;",
    "Dat op het moment dat het rijk taken en middelen in balans heeft gebracht in de "
    "voorjaarsnota gemeenten bereid zijn aan deze gezamenlijke inhoudelijke agenda daadwerkelijk "
    "invulling te geven;",
    "Dat, als het kabinet de gemaakte afspraken over de vergoeding van de kosten met betrekking "
    "tot de uitvoering van de jeugdwet in de Voorjaarsnota niet volledig nakomt, gemeenten zich "
    "als belanghebbende genoodzaakt zien om met ondersteuning van de VNG een juridische procedure "
    "te starten tegen de rijksoverheid;",
    "Dat indien de omstandigheden daartoe aanleiding geven er een Extra ALV zal worden gehouden "
    "in het voorjaar van 2025.",
]

ITEM_7_WITHDRAW_RATIONALE = (
    "Deze moties zijn alle ingediend toen de tekst van de geactualiseerde resolutie nog niet "
    "bekend was. Het bestuur wil met de geactualiseerde resolutie recht doen aan de gevoelens, "
    "wensen en verwachtingen van alle gemeenten en namens de gemeenten één heldere inzet van de "
    "gemeenten richting het kabinet formuleren. De indieners wordt daarom gevraagd of zij bereid "
    "zijn om de motie in te trekken en zich te scharen achter de geactualiseerde resolutie "
    "“VNG-inzet richting kabinet”."
)

NO_RATIONALE = placeholder("de toelichting op dit preadvies")


def motion(submitters, title, advice, rationale=NO_RATIONALE, resolution=None):
    return {
        "type": "motion",
        "submitters": submitters,
        "title": title,
        "advice": advice,
        "rationale": rationale,
        "resolution": resolution,
    }


def placeholder_resolution(title):
    return {
        "title": title,
        "versions": [
            {
                "label": "",
                "intro": "De leden wordt voorgesteld om uit te spreken:",
                "clauses": [placeholder("de tekst van deze resolutie")],
                "explanation": placeholder("de toelichting op deze resolutie"),
            }
        ],
    }


# The agenda, top to bottom. Items 1-6, 10 and 11 are standard items the excerpt does not show.
AGENDA = [
    {"title": "Opening", "kind": "information", "standard": True},
    {"title": "Vaststelling agenda", "kind": "decision", "standard": True},
    {"title": "Notulen", "kind": "decision", "standard": True},
    {"title": "Mededelingen", "kind": "information", "standard": True},
    {"title": f"Agendapunt 5 {PLACEHOLDER}", "kind": "information"},
    {"title": f"Agendapunt 6 {PLACEHOLDER}", "kind": "information"},
    {
        "title": "Resolutie “VNG-inzet richting kabinet”",
        "kind": "decision",
        "text": ITEM_7_TEXT,
        "resolutions": [
            {
                "title": "VNG-inzet richting kabinet",
                "versions": [
                    {
                        "label": "concept-resolutie",
                        "published": dt.datetime(2024, 11, 1, 12, 0, tzinfo=AMS),
                        "intro": placeholder("de inleiding van de concept-resolutie"),
                        "clauses": [
                            placeholder("de tekst van de concept-resolutie van 1 november")
                        ],
                        "explanation": placeholder("de toelichting bij de concept-resolutie"),
                    },
                    {
                        "label": "geactualiseerde resolutie",
                        "intro": ITEM_7_INTRO,
                        "clauses": ITEM_7_CLAUSES,
                        "explanation": placeholder(
                            "de toelichting (de bijlage bij de geactualiseerde resolutie)"
                        ),
                    },
                ],
            }
        ],
        "proposals": [
            motion(
                ["Alphen aan den Rijn"],
                "Dringende Actie voor Betrouwbare en Voldoende Financiering voor Gemeentelijke "
                "Taken",
                "intrekken",
                ITEM_7_WITHDRAW_RATIONALE,
                resolution=0,
            ),
            motion(
                ["Haaksbergen"],
                "Ravijnjaar, twee over twaalf!",
                "intrekken",
                ITEM_7_WITHDRAW_RATIONALE,
                resolution=0,
            ),
            motion(
                ["Son en Breugel"],
                "Kabinet kom over de brug of krijg de taken terug",
                "intrekken",
                ITEM_7_WITHDRAW_RATIONALE,
                resolution=0,
            ),
        ],
    },
    {
        "title": f"Resoluties en moties {PLACEHOLDER}",
        "kind": "decision",
        "text": placeholder("de titel en de tekst van dit agendapunt"),
        "children": [
            {
                "title": "Resolutie “Stop met gesprekken vervolg IZA totdat is voldaan aan "
                "gestelde voorwaarden”",
                "kind": "decision",
                "resolutions": [
                    placeholder_resolution(
                        "Stop met gesprekken vervolg IZA totdat is voldaan aan gestelde voorwaarden"
                    )
                ],
                "proposals": [
                    {
                        "type": "amendment",
                        "submitters": ["Hilversum", "'s-Hertogenbosch"],
                        "title": "",
                        "advice": "ontraden",
                        "rationale": NO_RATIONALE,
                        "resolution": 0,
                        "change": "replace",
                        "clause": 1,
                        "new_text": placeholder("de tekst van dit amendement"),
                    },
                    # The seed lists this motion under the 8a resolution, with its amendment.
                    motion(
                        ["Apeldoorn"],
                        "Gelijkwaardigheid als basis voor (aanvullend) Zorgakkoord",
                        "overnemen",
                        resolution=0,
                    ),
                ],
            },
            {
                "title": "Resolutie “Zorg voor congruent asielbeleid en behoud instrumentarium "
                "tot de keten op orde is” en resolutie ‘Naar een houdbaar perspectief voor de "
                "gemeentelijke opvang voor Oekraïners”",
                "kind": "decision",
                "resolutions": [
                    placeholder_resolution(
                        "Zorg voor congruent asielbeleid en behoud instrumentarium tot de keten "
                        "op orde is"
                    ),
                    placeholder_resolution(
                        "Naar een houdbaar perspectief voor de gemeentelijke opvang voor Oekraïners"
                    ),
                ],
                "proposals": [
                    motion(
                        ["Sliedrecht", "Gorinchem"], "Solidariteit in de asielopvang", "aanhouden"
                    ),
                    motion(
                        ["Zoetermeer", "Leidschendam-Voorburg"],
                        "Synchronisatie termijnen huisvesting statushouders",
                        "neutraal",
                    ),
                    motion(
                        ["Nunspeet", "Harderwijk"],
                        "Financiering van asielzoekerskinderen in de jeugdzorg",
                        "overnemen",
                    ),
                ],
            },
            {
                "title": "Contractstandaarden Wmo 2015",
                "kind": "decision",
                "proposals": [
                    motion(["Deventer"], "Landelijke tarieven inkoop jeugdzorg", "overnemen"),
                ],
            },
        ],
    },
    {
        "title": "Verantwoording uitvoering moties eerdere ALV-en",
        "kind": "decision",
        "standard": True,
        "follow_up": True,
        "follow_ups": [
            (
                ["Gooise Meren"],
                "Nieuwe taken en eisen aan Omgevingsdiensten worden budgettair gedekt via het "
                "bevoegd gezag (gemeenten en provincies)",
                "overnemen",
            ),
            (
                ["Krimpen aan den IJssel"],
                "Uitvoeringslasten: taken kunnen niet zonder knaken",
                "overnemen",
            ),
            (
                ["Nieuwegein"],
                "dringende oproep tot herziening Wet Kwaliteitsborging voor het bouwen",
                "ontraden",
            ),
            (["Goirle"], "Compensatie onderwijshuisvesting", "overnemen"),
        ],
    },
    {"title": "Rondvraag", "kind": "discussion", "standard": True},
    {"title": "Sluiting", "kind": "information", "standard": True},
]


class Loader:
    def __init__(self):
        self.members = {m.name: m for m in Member.objects.all()}

    def member(self, name):
        return self.members[name]

    def meeting(self, title, starts_at, description, location):
        meeting, _ = Meeting.objects.update_or_create(
            title=title,
            defaults={
                "kind": Meeting.Kind.REGULAR,
                "starts_at": starts_at,
                "location": location,
                "description": description,
                "visibility": Meeting.Visibility.PUBLIC,
                "published_at": starts_at - dt.timedelta(weeks=5),
                "amendment_deadline": starts_at - dt.timedelta(days=13, hours=-2),
                "motion_deadline": starts_at - dt.timedelta(days=13, hours=-2),
            },
        )
        return meeting

    def item(self, meeting, parent, position, spec):
        default_text = "" if spec.get("text") else placeholder("de tekst van dit agendapunt")
        item, _ = AgendaItem.objects.update_or_create(
            meeting=meeting,
            parent=parent,
            position=position,
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "text": spec.get("text", default_text),
                "is_standard": spec.get("standard", False),
                "is_follow_up": spec.get("follow_up", False),
            },
        )
        return item

    def resolution(self, item, position, spec, published_at):
        resolution, _ = Resolution.objects.update_or_create(
            agenda_item=item,
            position=position,
            defaults={"title": spec["title"], "submitted_by_board": True},
        )
        version = None
        for number, vspec in enumerate(spec["versions"], start=1):
            version, _ = ResolutionVersion.objects.update_or_create(
                resolution=resolution,
                number=number,
                defaults={
                    "label": vspec["label"],
                    "intro": vspec["intro"],
                    "explanation": vspec["explanation"],
                    "published_at": vspec.get("published", published_at),
                },
            )
            for clause_number, text in enumerate(vspec["clauses"], start=1):
                Clause.objects.update_or_create(
                    version=version, position=clause_number, defaults={"text": text}
                )
            version.clauses.filter(position__gt=len(vspec["clauses"])).delete()
        if resolution.current_version_id != version.pk:
            resolution.current_version = version
            resolution.save(update_fields=["current_version"])
        return resolution

    def submitters(self, proposal, names):
        for position, name in enumerate(names, start=1):
            member = self.member(name)
            ProposalSubmitter.objects.update_or_create(
                proposal=proposal,
                position=position,
                defaults={"member": member, "name": member.name},
            )
        proposal.proposalsubmitter_set.filter(position__gt=len(names)).delete()

    def pre_advice(self, published_at, value, rationale, **subject):
        PreAdvice.objects.update_or_create(
            **subject,
            defaults={
                "value": value,
                "rationale": rationale,
                "state": PreAdvice.State.SETTLED,
                "settled_at": published_at,
                "published_at": published_at,
            },
        )

    def motion(self, meeting, item, position, spec, resolution=None, status=Status.SUBMITTED):
        motion, _ = Motion.objects.update_or_create(
            agenda_item=item,
            position=position,
            defaults={
                "meeting": meeting,
                "title": spec["title"],
                "resolution": resolution,
                "submitted_at": meeting.motion_deadline,
                "status": status,
                "explanation": placeholder("de toelichting bij deze motie"),
            },
        )
        date = f"{meeting.starts_at.astimezone(AMS):%-d-%-m-%Y}"
        parts = [
            ("preamble", f"De algemene ledenvergadering van de VNG, bijeen op {date},"),
            ("finding", placeholder("de volledige tekst van deze motie")),
            ("request", placeholder("het dictum van deze motie")),
            ("closing", "en gaat over tot de orde van de dag."),
        ]
        for part_position, (kind, text) in enumerate(parts, start=1):
            MotionPart.objects.update_or_create(
                motion=motion, position=part_position, defaults={"kind": kind, "text": text}
            )
        self.submitters(motion, spec["submitters"])
        return motion

    def amendment(self, meeting, item, position, spec, resolution):
        version = resolution.current_version
        amendment, _ = Amendment.objects.update_or_create(
            agenda_item=item,
            position=position,
            defaults={
                "meeting": meeting,
                "title": spec["title"],
                "resolution_version": version,
                "change": spec["change"],
                "target_clause": version.clauses.get(position=spec["clause"]),
                "new_text": spec["new_text"],
                "submitted_at": meeting.amendment_deadline,
                "explanation": placeholder("de toelichting bij dit amendement"),
            },
        )
        self.submitters(amendment, spec["submitters"])
        return amendment

    def contents(self, meeting, item, spec):
        resolutions = [
            self.resolution(item, position, rspec, meeting.published_at)
            for position, rspec in enumerate(spec.get("resolutions", []), start=1)
        ]
        for position, pspec in enumerate(spec.get("proposals", []), start=1):
            related = resolutions[pspec["resolution"]] if pspec["resolution"] is not None else None
            if pspec["type"] == "amendment":
                proposal = self.amendment(meeting, item, position, pspec, related)
            else:
                proposal = self.motion(meeting, item, position, pspec, related)
            self.pre_advice(
                meeting.published_at, pspec["advice"], pspec["rationale"], proposal=proposal
            )

    def follow_ups(self, meeting, item, entries):
        earlier = self.meeting(
            EARLIER_MEETING_TITLE,
            EARLIER_MEETING_STARTS_AT,
            placeholder("bij welke eerdere ALV-en de moties van agendapunt 9 zijn aangenomen"),
            PLACEHOLDER,
        )
        earlier_item = self.item(
            earlier, None, 1, {"title": f"Moties {PLACEHOLDER}", "kind": "decision"}
        )
        for position, (submitters, title, advice) in enumerate(entries, start=1):
            spec = {"submitters": submitters, "title": title}
            motion = self.motion(earlier, earlier_item, position, spec, status=Status.ADOPTED)
            follow_up, _ = FollowUp.objects.update_or_create(
                agenda_item=item,
                motion=motion,
                defaults={
                    "position": position,
                    "report": placeholder("het verslag over de uitvoering van deze motie"),
                },
            )
            self.pre_advice(meeting.published_at, advice, NO_RATIONALE, follow_up=follow_up)

    def agenda(self, meeting):
        for position, spec in enumerate(AGENDA, start=1):
            item = self.item(meeting, None, position, spec)
            self.contents(meeting, item, spec)
            for child_position, child in enumerate(spec.get("children", []), start=1):
                self.contents(meeting, self.item(meeting, item, child_position, child), child)
            if spec.get("follow_ups"):
                self.follow_ups(meeting, item, spec["follow_ups"])


def load_merged_member():
    member, _ = Member.objects.update_or_create(
        code=MERGED_CODE,
        defaults={"name": MERGED_NAME, "province": "Fryslân", "member_until": MERGED_UNTIL},
    )
    member.successors.set(Member.objects.filter(name=MERGED_INTO))
    return member


def load_merger_meeting(loader):
    meeting = loader.meeting(
        MERGER_MEETING_TITLE,
        MERGER_MEETING_STARTS_AT,
        MERGER_MEETING_DESCRIPTION,
        f"{PLACEHOLDER} plaats niet in de bron",
    )
    item = loader.item(
        meeting, None, 1, {"title": f"Moties {PLACEHOLDER}", "kind": AgendaItem.Kind.DECISION}
    )
    spec = motion([MERGED_NAME], f"Voorbeeldmotie {PLACEHOLDER}", None)
    # Rejected: an adopted motion would wait for a follow-up at the demo meeting.
    loader.motion(meeting, item, 1, spec, status=Status.REJECTED)
    return meeting


def load_coming_meeting():
    day = timezone.localdate() + dt.timedelta(weeks=8)
    starts_at = dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=AMS)
    meeting, _ = Meeting.objects.update_or_create(
        title=COMING_MEETING_TITLE,
        defaults={
            "kind": Meeting.Kind.REGULAR,
            "starts_at": starts_at,
            "location": f"{PLACEHOLDER} plaats volgt",
            "description": COMING_MEETING_DESCRIPTION,
            "visibility": Meeting.Visibility.PUBLIC,
        },
        create_defaults={
            "title": COMING_MEETING_TITLE,
            "kind": Meeting.Kind.REGULAR,
            "starts_at": starts_at,
            "location": f"{PLACEHOLDER} plaats volgt",
            "description": COMING_MEETING_DESCRIPTION,
            "visibility": Meeting.Visibility.PUBLIC,
            "published_at": timezone.now(),
        },
    )
    items = {}
    for position, title in enumerate(("Opening en mededelingen", "Moties", "Contributie"), start=1):
        items[title], _created = AgendaItem.objects.update_or_create(
            meeting=meeting,
            parent=None,
            position=position,
            defaults={"title": title, "kind": AgendaItem.Kind.DECISION, "text": ""},
        )
    # A published resolution, so that the demo member can draft an amendment online too.
    resolution, _created = Resolution.objects.get_or_create(
        agenda_item=items["Contributie"],
        position=1,
        defaults={"title": f"{PLACEHOLDER} Contributie (voorbeeld)", "submitted_by_board": True},
    )
    if resolution.current_version_id is None:
        version = ResolutionVersion.objects.create(
            resolution=resolution, number=1, published_at=timezone.now()
        )
        for position, text in enumerate(COMING_RESOLUTION_CLAUSES, start=1):
            Clause.objects.create(version=version, position=position, text=text)
        resolution.current_version = version
        resolution.save(update_fields=["current_version"])
    return meeting


# Example clauses (not the VNG's): the resolution of the demo's coming meeting.
COMING_RESOLUTION_CLAUSES = (
    "de contributie voor het komende jaar te verhogen met de loon- en prijsontwikkeling;",
    "het bestuur te vragen de leden in het voorjaar te informeren over de meerjarenraming.",
)


def load_users():
    User = get_user_model()
    for username, role, member_name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.member = Member.objects.get(name=member_name) if member_name else None
        user.is_staff = role == roles.SECRETARIAT
        # The demo member is its municipality's contact person (its griffier): "Mijn gemeente"
        # and "Stemkaarten" are in its menu.
        user.is_contact = member_name is not None
        user.function = User.Function.CLERK if member_name else ""
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])


# The association of the demo's papers: the VNG (Vereniging van Nederlandse Gemeenten).
VNG = {
    "name": "Vereniging van Nederlandse Gemeenten",
    "short_name": "VNG",
    "website": "https://vng.nl",
    "primary_colour": "#14397a",
    "on_primary_colour": "#ffffff",
    "link_colour": "#14397a",
    "motion_opening": "De algemene ledenvergadering van de {short_name}, bijeen op {date},",
    "vote_weights": VoteWeights.POPULATION,
    # Amendments by 9 working days before the meeting at 12:00 (docs/domain); motions alike.
    "motion_deadline_days": 9,
    "motion_deadline_time": dt.time(12, 0),
    "amendment_deadline_days": 9,
    "amendment_deadline_time": dt.time(12, 0),
    "member_kinds": [
        MemberKind.MUNICIPALITY.value,
        MemberKind.PUBLIC_BODY.value,
        MemberKind.OTHER_ORGANISATION.value,
    ],
}


def load_association(values=None):
    """Make the one association row the demo's (or `values`), keeping its logo."""
    association = Association.current()
    for name, value in (values or VNG).items():
        setattr(association, name, value)
    association.full_clean()
    association.save()
    return association


class DemoNotAllowed(Exception):
    """The demo users share a published password: they never enter a production database."""


@transaction.atomic
def load():
    if not settings.ALV_DEMO_ALLOWED:
        raise DemoNotAllowed(
            "The demo data and its users are for development only; these settings "
            "(ALV_DEMO_ALLOWED off, as in production) refuse to load them."
        )
    load_association()
    load_municipalities()
    load_merged_member()
    loader = Loader()
    load_merger_meeting(loader)
    meeting = loader.meeting(
        MEETING_TITLE,
        MEETING_STARTS_AT,
        MEETING_DESCRIPTION,
        f"{PLACEHOLDER} plaats niet in de bron",
    )
    loader.agenda(meeting)
    load_coming_meeting()
    load_users()
    return meeting


def proposal_count(meeting):
    return Proposal.objects.filter(meeting=meeting).count()
