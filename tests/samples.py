"""The objects the access tests point URLs at: four meetings, each with one of everything, the
users of each role, and unpublished texts that carry marker strings.

- `public`: published, public; also holds the drafts inside a published meeting (a draft
  motion, a draft resolution version that is the current one, pre-advice drafted or settled but
  not published, unpublished pre-advice on a follow-up), each text marked UNPUBLISHED-...
- `members_only`: published for members only; its texts are marked MEMBERSONLY-...
- `unpublished`: not published; every text in it is marked UNPUBLISHED-...
- `other`: a second published public meeting, for the cross-meeting checks.

A sample is named by a path: "meeting", "motion" (the public world), "unpublished.motion",
"other.clause", "member_user", "reset_uid". New kinds of objects: add a field to `World` and
build it in `build_world`; every access test can then point at it.
"""

from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from agenda.outcomes import Status
from alv import roles
from members.models import SubmitterGroup
from motions.models import Amendment, FollowUp, Motion, MotionPart, PreAdvice
from submissions.models import Submission
from tests import factories as f
from tests.conftest import make_user
from voting.models import Poll, Proxy, Tally

UNPUBLISHED = "UNPUBLISHED-"
MEMBERS_ONLY = "MEMBERSONLY-"
# An unpublished pre-advice value: no published pre-advice in the samples has this value, so
# seeing it means an unpublished one leaked.
UNPUBLISHED_VALUE = PreAdvice.Value.HOLD_OVER

ROLES = ("anonymous", "member", "board", "secretariat")


@dataclass
class World:
    meeting: Meeting
    item: AgendaItem
    sub_item: AgendaItem
    follow_up_item: AgendaItem
    resolution: Resolution
    version: ResolutionVersion
    clause: Clause
    motion: Motion
    motion_part: MotionPart
    amendment: Amendment
    pre_advice: PreAdvice
    follow_up: FollowUp
    poll: Poll
    written_poll: Poll
    proxy: Proxy

    @property
    def proposal(self):
        return self.motion.proposal_ptr

    @property
    def adopted_motion(self):
        """The adopted motion of an earlier (public) meeting that this meeting follows up."""
        return self.follow_up.motion

    @property
    def member(self):
        """The municipality that submitted the motion: its page is public, its content not."""
        return self.motion.submitters.first()


@dataclass
class Samples:
    public: World
    members_only: World
    unpublished: World
    other: World
    users: dict
    reset_user: object
    drafts: dict = field(default_factory=dict)

    def user(self, role):
        return self.users.get(role)

    def resolve(self, path):
        """ "motion" -> the public world's motion; "other.motion" -> the other meeting's."""
        if path in self.drafts:
            return self.drafts[path]
        if path.endswith("_user") and path.removesuffix("_user") in self.users:
            return self.users[path.removesuffix("_user")]
        # A password reset link of an account nobody logs in with during the test (a login
        # changes last_login and so invalidates the token).
        if path == "reset_uid":
            return urlsafe_base64_encode(force_bytes(self.reset_user.pk))
        if path == "reset_token":
            return default_token_generator.make_token(self.reset_user)
        world_name, _, attr = path.rpartition(".")
        world = getattr(self, world_name or "public")
        return getattr(world, attr)


def build_world(meeting, mark):
    """One of everything in `meeting`; every text written through `mark`."""
    # A published earlier meeting whose adopted motion this meeting follows up: its texts are
    # public whatever this meeting is.
    earlier = f.meeting(days=-200, title="Eerdere ALV")
    earlier_motion = f.motion(f.item(earlier, "Moties"), "Aangenomen motie", status=Status.ADOPTED)
    item = f.item(meeting, mark("item title"), text=mark("item text"))
    sub_item = f.item(meeting, mark("sub-item title"), parent=item, text=mark("sub-item text"))
    resolution = f.resolution(item, mark("resolution title"), clauses=(mark("clause text"),))
    version = resolution.current_version
    version.intro = mark("version intro")
    version.explanation = mark("version explanation")
    version.label = mark("version label")
    version.save()
    motion = f.motion(
        item,
        mark("motion title"),
        advice=PreAdvice.Value.ADOPT,
        explanation=mark("motion explanation"),
    )
    motion.pre_advice.rationale = mark("pre-advice rationale")
    motion.pre_advice.save()
    amendment = f.amendment(item, resolution, new_text=mark("amendment text"))
    follow_up_item = f.item(meeting, mark("follow-up item"), is_follow_up=True)
    follow_up = FollowUp.objects.create(
        agenda_item=follow_up_item,
        motion=earlier_motion,
        position=1,
        theme=mark("follow-up theme"),
        report=mark("follow-up report"),
    )
    # An electronic vote open at the meeting, on the motion, and a proxy between two members.
    poll = Poll.objects.create(
        meeting=meeting,
        proposal=motion.proposal_ptr,
        title=mark("poll title"),
        kind=Poll.Kind.FOR_AGAINST,
        opens_at=timezone.now(),
    )
    # A written consultation on the item, open for a week.
    written_poll = Poll.objects.create(
        meeting=meeting,
        agenda_item=item,
        title=mark("written poll title"),
        kind=Poll.Kind.FOR_AGAINST,
        written=True,
        opens_at=timezone.now(),
        closes_at=timezone.now() + timezone.timedelta(days=7),
    )
    Tally.objects.bulk_create(
        Tally(poll=p, choice=c) for p in (poll, written_poll) for c in p.choices()
    )
    proxy = Proxy.objects.create(meeting=meeting, grantor=f.member(), holder=f.member())
    meeting.description = mark("meeting description")
    meeting.location = mark("meeting location")
    meeting.save()
    return World(
        meeting=meeting,
        item=item,
        sub_item=sub_item,
        follow_up_item=follow_up_item,
        resolution=resolution,
        version=version,
        clause=version.clauses.get(),
        motion=motion,
        motion_part=motion.parts.get(),
        amendment=amendment,
        pre_advice=motion.pre_advice,
        follow_up=follow_up,
        poll=poll,
        written_poll=written_poll,
        proxy=proxy,
    )


def add_drafts(world):
    """Unpublished things inside a published meeting, each text marked."""
    secret = UNPUBLISHED
    item = world.item
    draft_motion = f.motion(
        item,
        f"{secret}draft-motion-title",
        is_draft=True,
        explanation=f"{secret}draft-motion-explanation",
        advice=PreAdvice.Value.ADOPT,
    )
    draft_motion.pre_advice.rationale = f"{secret}draft-motion-rationale"
    draft_motion.pre_advice.save()

    draft_version = ResolutionVersion.objects.create(
        resolution=world.resolution,
        number=2,
        label=f"{secret}draft-version-label",
        intro=f"{secret}draft-version-intro",
        explanation=f"{secret}draft-version-explanation",
    )
    Clause.objects.create(version=draft_version, position=1, text=f"{secret}draft-clause")
    world.resolution.current_version = draft_version
    world.resolution.save(update_fields=["current_version"])

    drafted = f.motion(item, "Motie met concept-preadvies")
    PreAdvice.objects.create(
        proposal=drafted,
        value=UNPUBLISHED_VALUE,
        rationale=f"{secret}draft-pre-advice-rationale",
    )
    settled = f.motion(item, "Motie met vastgesteld, niet gepubliceerd preadvies")
    PreAdvice.objects.create(
        proposal=settled,
        value=UNPUBLISHED_VALUE,
        rationale=f"{secret}settled-pre-advice-rationale",
        state=PreAdvice.State.SETTLED,
        settled_at=timezone.now(),
    )
    PreAdvice.objects.create(
        follow_up=world.follow_up,
        value=UNPUBLISHED_VALUE,
        rationale=f"{secret}follow-up-pre-advice-rationale",
    )
    return {
        "draft_motion": draft_motion,
        "draft_version": draft_version,
        "draft_clause": draft_version.clauses.get(),
        "drafted_pre_advice_motion": drafted,
        "settled_pre_advice_motion": settled,
    }


def build_samples():
    public = build_world(f.meeting(title="Openbare ALV"), lambda name: f"Openbaar: {name}")
    members_only = build_world(
        f.meeting(title=f"{MEMBERS_ONLY}meeting title", visibility=Meeting.Visibility.MEMBERS),
        lambda name: f"{MEMBERS_ONLY}{name}",
    )
    unpublished = build_world(
        f.meeting(title=f"{UNPUBLISHED}meeting title", published=False, days=60),
        lambda name: f"{UNPUBLISHED}{name}",
    )
    other = build_world(f.meeting(title="Andere ALV", days=90), lambda name: f"Andere ALV: {name}")
    drafts = add_drafts(public)
    # Not a draft, but a sample all the same: the workspace's page of a group of submitters.
    drafts["submitter_group"] = SubmitterGroup.objects.create(name="Regio Voorbeeld")
    municipality = f.member("Gemeente Voorbeeld")
    users = {
        "anonymous": None,
        "member": make_user("sample-member", roles.MEMBER, member=municipality),
        "board": make_user("sample-board", roles.BOARD),
        "secretariat": make_user("sample-secretariat", roles.SECRETARIAT),
    }
    users["member"].email = "lid@gemeente.example"
    # The member's contact person: the colleagues pages (members.views) open for them.
    users["member"].is_contact = True
    users["member"].save(update_fields=["email", "is_contact"])
    # Online motions: a draft of the sample member's own, and one of another member that the
    # sample member may not see (not invited).
    drafts["submission"] = Submission.objects.create(
        meeting=public.meeting,
        agenda_item=public.item,
        member=municipality,
        title="Concept van Gemeente Voorbeeld",
        requests="iets te doen,",
    )
    drafts["other_submission"] = Submission.objects.create(
        meeting=public.meeting,
        agenda_item=public.item,
        member=f.member("Andere gemeente"),
        title="Ingediend door een ander",
        requests="iets anders te doen,",
        state=Submission.State.SUBMITTED,
        submitted_at=timezone.now(),
        first_submitted_at=timezone.now(),
    )
    return Samples(
        public=public,
        members_only=members_only,
        unpublished=unpublished,
        other=other,
        users=users,
        reset_user=make_user("sample-forgetful"),
        drafts=drafts,
    )


def unpublished_markers_in(text, role):
    """The marker strings in `text` that `role` must not see."""
    found = []
    for prefix in (UNPUBLISHED, *([MEMBERS_ONLY] if role == "anonymous" else [])):
        start = text.find(prefix)
        while start != -1:
            found.append(text[start : start + 40].split("<")[0])
            start = text.find(prefix, start + 1)
    return found
