"""The permission matrix: for every URL of the project, what each role gets.

tests/test_permission_matrix.py checks every entry for every role (anonymous, member, board,
secretariat) with GET, POST and an htmx GET; tests/test_unpublished_content.py requests every
GET of it as member and anonymous and looks for unpublished texts; tests/test_cross_meeting.py
points every URL with a meeting and an object id at an object of another meeting. A URL name
that has no entry here fails the matrix test, so no page slips through unchecked.

HOW TO ADD A PAGE
1. Add an entry under your app's heading in MATRIX: the URL name (with namespace,
   "book:download") -> one Case, or a list of Cases when the answer depends on the object
   (a published and an unpublished meeting).
2. A Case gives the expected outcome per role for GET and POST (and `htmx=` when the htmx GET
   differs from the plain GET), and `kwargs` pointing each URL argument at a sample from
   tests/samples.py: "meeting", "motion", "unpublished.meeting", "other.clause", ...
   Arguments named like DEFAULT_KWARGS need no `kwargs`. `literal("member")` passes a fixed
   value (an edition slug, say). `post_data` is sent with the POST (empty by default, so a
   form view answers 200 with its errors and nothing changes).
3. Use the presets below (ANYONE, MEMBERS, STAFF, SECRETARIAT_ONLY, NOT_FOR_ANYONE, ...) or
   `by_role(anonymous=..., member=..., board=..., secretariat=...)`.

The POST of each check is rolled back afterwards, and a GET that writes to the database fails.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.samples import ROLES

# ---------------------------------------------------------------------------------------------
# Outcomes


@dataclass(frozen=True)
class Status:
    code: int
    label: str

    def problem(self, response, htmx=False):
        if response.status_code != self.code:
            return f"expected {self.label} ({self.code}), got {describe(response)}"
        return None

    def __repr__(self):
        return self.label


@dataclass(frozen=True)
class ToLogin:
    """A 302 to the login page (with ?next=); for htmx, an HX-Redirect there works as well."""

    label: str = "redirect to login"

    def problem(self, response, htmx=False):
        login = resolve_url(settings.LOGIN_URL)
        target = response.headers.get("HX-Redirect", "") if htmx else ""
        if not target and response.status_code in (301, 302, 303):
            target = response.headers.get("Location", "")
        if not target.startswith(login + "?next="):
            return f"expected {self.label}, got {describe(response)}"
        return None

    def __repr__(self):
        return self.label


@dataclass(frozen=True)
class Redirect:
    """A redirect that is not to the login page; to `to` (a URL name) when given."""

    to: str | None = None

    def problem(self, response, htmx=False):
        location = response.headers.get("Location", "")
        login = resolve_url(settings.LOGIN_URL)
        if response.status_code not in (301, 302, 303) or location.startswith(login + "?"):
            return f"expected {self!r}, got {describe(response)}"
        if self.to and location != reverse(self.to):
            return f"expected {self!r}, got a redirect to {location}"
        return None

    def __repr__(self):
        return f"redirect to {self.to}" if self.to else "redirect"


def describe(response):
    extra = response.headers.get("Location") or response.headers.get("HX-Redirect") or ""
    return f"{response.status_code}{' -> ' + extra if extra else ''}"


OK = Status(200, "200 OK")
NO_CONTENT = Status(204, "204 No Content")
FORBIDDEN = Status(403, "403 Forbidden")
NOT_FOUND = Status(404, "404 Not Found")
NOT_ALLOWED = Status(405, "405 Method Not Allowed")
LOGIN = ToLogin()
REDIRECT = Redirect()


def by_role(*, anonymous, member, board, secretariat):
    return {"anonymous": anonymous, "member": member, "board": board, "secretariat": secretariat}


def everyone(outcome):
    return by_role(anonymous=outcome, member=outcome, board=outcome, secretariat=outcome)


# Presets: who gets the page.
ANYONE = everyone(OK)
NOT_FOR_ANYONE = everyone(NOT_ALLOWED)  # the method is not allowed at all
LOGGED_IN = by_role(anonymous=LOGIN, member=OK, board=OK, secretariat=OK)
MEMBERS = LOGGED_IN
STAFF = by_role(anonymous=LOGIN, member=FORBIDDEN, board=OK, secretariat=OK)
SECRETARIAT_ONLY = by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=OK)
# The workspace's actions: refused methods, and forms that answer with a redirect.
WS_STAFF_NOT_ALLOWED = by_role(
    anonymous=LOGIN, member=FORBIDDEN, board=NOT_ALLOWED, secretariat=NOT_ALLOWED
)
WS_NOT_ALLOWED = by_role(
    anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=NOT_ALLOWED
)
WS_REDIRECT = by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=REDIRECT)
# The member's contact person (the sample member is one); the staff are not.
CONTACT_ONLY = by_role(anonymous=LOGIN, member=OK, board=FORBIDDEN, secretariat=FORBIDDEN)
# Visibility of content (the visible_to() querysets): what may not be seen does not exist.
MEMBERS_ONLY_CONTENT = by_role(anonymous=NOT_FOUND, member=OK, board=OK, secretariat=OK)
UNPUBLISHED_CONTENT = by_role(anonymous=NOT_FOUND, member=NOT_FOUND, board=OK, secretariat=OK)


@dataclass(frozen=True)
class Literal:
    value: object


def literal(value):
    return Literal(value)


@dataclass(frozen=True)
class Case:
    get: dict
    post: dict
    htmx: dict | None = None
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    post_data: dict | None = None

    @property
    def htmx_get(self):
        return self.htmx if self.htmx is not None else self.get


# Presets of the meeting-day pages: a POST-only action of the secretariat, and what an empty
# POST gives the secretariat when the others are turned away.
_BAD_REQUEST = Status(400, "400 Bad Request")
_SECRETARIAT_NOT_ALLOWED = by_role(
    anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=NOT_ALLOWED
)


def _member(outcome):
    """What a member's person gets; the board and the secretariat speak for no member."""
    return by_role(anonymous=LOGIN, member=outcome, board=FORBIDDEN, secretariat=FORBIDDEN)


_OWN_ONLY = _member(NOT_FOUND)
# A POST-only or GET-only page of a member's: the method is refused before anything else.
_MEMBERS_NOT_ALLOWED = by_role(
    anonymous=LOGIN, member=NOT_ALLOWED, board=NOT_ALLOWED, secretariat=NOT_ALLOWED
)


def _secretariat(outcome):
    return by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=outcome)


# URL arguments with these names point at these samples unless a Case says otherwise.
DEFAULT_KWARGS = {
    "meeting_pk": "meeting",
    "item_pk": "item",
    "resolution_pk": "resolution",
    "version_pk": "version",
    "clause_pk": "clause",
    "proposal_pk": "proposal",
    "motion_pk": "motion",
    "amendment_pk": "amendment",
    "pre_advice_pk": "pre_advice",
    "follow_up_pk": "follow_up",
    "poll_pk": "poll",
    "proxy_pk": "proxy",
    "uidb64": "reset_uid",
    "token": "reset_token",
}

# Not in the matrix, and why.
SKIPPED_NAMESPACES = {
    # Django's admin has its own access control (is_staff plus model permissions), tested by
    # Django; it is a tool for the secretariat's technical staff, not a page of the app.
    "admin": "Django admin: is_staff and model permissions, Django's own tests",
}
SKIPPED_PREFIXES = {
    # Static files are served by whitenoise (and in DEBUG by the staticfiles app) to anyone:
    # CSS, JS and fonts, nothing of a meeting.
    settings.STATIC_URL.lstrip("/"): "static files: public assets, no content",
}

# ---------------------------------------------------------------------------------------------
# The matrix

MATRIX = {
    # --- alv: home, language, accounts -----------------------------------------------------
    "home": Case(get=ANYONE, post=NOT_FOR_ANYONE),
    # Where a login lands without a page to return to: the workspace for the staff.
    "after_login": Case(
        get=by_role(
            anonymous=Redirect("home"),
            member=Redirect("home"),
            board=Redirect("workspace:meetings"),
            secretariat=Redirect("workspace:meetings"),
        ),
        post=NOT_FOR_ANYONE,
    ),
    # The site's icon where browsers look for it: a redirect to the static file, for anyone.
    "favicon": Case(get=everyone(REDIRECT), post=NOT_FOR_ANYONE),
    # The association's stylesheet and logo: on every page, for anyone (no logo: 404).
    "association_theme": Case(kwargs={"revision": literal(1)}, get=ANYONE, post=NOT_FOR_ANYONE),
    "association_logo": Case(
        kwargs={"revision": literal(1)}, get=everyone(NOT_FOUND), post=NOT_FOR_ANYONE
    ),
    "set_language": Case(get=everyone(REDIRECT), post=everyone(REDIRECT)),
    "login": Case(get=ANYONE, post=ANYONE),  # an empty POST shows the form's errors
    "logout": Case(get=NOT_FOR_ANYONE, post=everyone(Redirect("home"))),
    "password_change": Case(get=LOGGED_IN, post=LOGGED_IN),
    "password_change_done": Case(
        get=LOGGED_IN,
        post=by_role(
            anonymous=LOGIN, member=NOT_ALLOWED, board=NOT_ALLOWED, secretariat=NOT_ALLOWED
        ),
    ),
    "password_reset": Case(get=ANYONE, post=ANYONE),
    "password_reset_done": Case(get=ANYONE, post=NOT_FOR_ANYONE),
    # A valid link moves its token into the session and redirects to the token-less URL.
    "password_reset_confirm": Case(get=everyone(REDIRECT), post=everyone(REDIRECT)),
    "password_reset_complete": Case(get=ANYONE, post=NOT_FOR_ANYONE),
    # --- members: invitations and the contact person's colleagues ----------------------------
    # A link that is not an invitation's (the samples' is a password reset token) says so.
    "members:accept": Case(get=ANYONE, post=ANYONE),
    # The sample member is their municipality's contact person; staff use the workspace.
    "members:colleagues": Case(get=CONTACT_ONLY, post=CONTACT_ONLY),
    # A person's own mail settings: no id in the URL, always the logged-in person's; the
    # staff speak for no member. An empty POST turns every mail off: saved, back to the page.
    "members:mail_settings": Case(
        get=CONTACT_ONLY, post=_member(Redirect("members:mail_settings"))
    ),
    # A member's online motions: only its own people (the board and the secretariat speak
    # for no member); another member's motion is not found.
    "submissions:list": Case(get=CONTACT_ONLY, post=_MEMBERS_NOT_ALLOWED),
    "submissions:new": Case(get=CONTACT_ONLY, post=_member(_BAD_REQUEST)),
    # Without a resolution chosen (the samples choose none) it lists those open to amend.
    "submissions:new_amendment": Case(get=CONTACT_ONLY, post=CONTACT_ONLY),
    "submissions:detail": [
        Case(kwargs={"pk": "submission"}, get=CONTACT_ONLY, post=CONTACT_ONLY),
        Case(kwargs={"pk": "other_submission"}, get=_OWN_ONLY, post=_OWN_ONLY),
    ],
    "submissions:invite": [
        Case(kwargs={"pk": "submission"}, get=_MEMBERS_NOT_ALLOWED, post=_member(_BAD_REQUEST)),
        Case(kwargs={"pk": "other_submission"}, get=_MEMBERS_NOT_ALLOWED, post=_OWN_ONLY),
    ],
    # The sample member leads the motion: it has no invitation to answer.
    "submissions:answer": Case(
        kwargs={"pk": "submission"}, get=_MEMBERS_NOT_ALLOWED, post=_OWN_ONLY
    ),
    "submissions:submit": [
        Case(kwargs={"pk": "submission"}, get=_MEMBERS_NOT_ALLOWED, post=_member(_BAD_REQUEST)),
        Case(kwargs={"pk": "other_submission"}, get=_MEMBERS_NOT_ALLOWED, post=_OWN_ONLY),
    ],
    # The sample motion has no request of the board to withdraw it: nothing to answer.
    "submissions:answer_board": [
        Case(kwargs={"pk": "submission"}, get=_MEMBERS_NOT_ALLOWED, post=_member(FORBIDDEN)),
        Case(kwargs={"pk": "other_submission"}, get=_MEMBERS_NOT_ALLOWED, post=_OWN_ONLY),
    ],
    "submissions:withdraw": [
        Case(kwargs={"pk": "submission"}, get=CONTACT_ONLY, post=_member(REDIRECT)),
        Case(kwargs={"pk": "other_submission"}, get=_OWN_ONLY, post=_OWN_ONLY),
    ],
    # Who holds the member's voting card per coming meeting (an empty POST: 400).
    "voting:cards": Case(
        get=CONTACT_ONLY,
        post=by_role(anonymous=LOGIN, member=_BAD_REQUEST, board=FORBIDDEN, secretariat=FORBIDDEN),
    ),
    # Electronic votes, the members' side: a member's people only. The sample member holds no
    # voting card, so it votes for no member (403); it is its member's contact person, so it
    # registers attendance and gives proxies (an empty POST: 400); the sample proxy is
    # between two other members.
    "voting:votes": Case(get=_member(OK), post=_member(NOT_ALLOWED)),
    "voting:vote": [
        Case(kwargs={"pk": "meeting"}, get=_member(OK), post=_member(NOT_ALLOWED)),
        Case(kwargs={"pk": "members_only.meeting"}, get=_member(OK), post=_member(NOT_ALLOWED)),
        Case(kwargs={"pk": "unpublished.meeting"}, get=_OWN_ONLY, post=_member(NOT_ALLOWED)),
    ],
    # Polled: a POST is refused before anything else.
    "voting:fragment": [
        Case(kwargs={"pk": "meeting"}, get=_member(OK), post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=_OWN_ONLY, post=NOT_FOR_ANYONE),
    ],
    "voting:cast": Case(
        kwargs={"pk": "meeting"}, get=_member(NOT_ALLOWED), post=_member(FORBIDDEN)
    ),
    **{
        name: Case(kwargs={"pk": "meeting"}, get=_member(NOT_ALLOWED), post=_member(_BAD_REQUEST))
        for name in ("voting:attend", "voting:give_proxy")
    },
    "voting:withdraw_proxy": Case(kwargs={"pk": "meeting"}, get=_OWN_ONLY, post=_OWN_ONLY),
    # The results of the written consultation: for everyone who may see the meeting.
    "voting:results": [
        Case(kwargs={"pk": "meeting"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "members_only.meeting"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
    ],
    # The secretariat's written consultation: an empty POST opens nothing (400).
    "voting:consultation": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_secretariat(_BAD_REQUEST)
    ),
    "voting:close_consultation_poll": [
        Case(
            kwargs={"pk": "meeting", "poll_pk": "written_poll"},
            get=_SECRETARIAT_NOT_ALLOWED,
            post=_secretariat(REDIRECT),
        ),
        # A vote at the meeting is closed by the chair, not here.
        Case(kwargs={"pk": "meeting"}, get=_secretariat(NOT_FOUND), post=_secretariat(NOT_FOUND)),
    ],
    # The contact person's own account is not one of the colleagues they act on.
    "members:colleague_resend": Case(
        kwargs={"pk": "member_user"},
        get=by_role(anonymous=LOGIN, member=NOT_ALLOWED, board=FORBIDDEN, secretariat=FORBIDDEN),
        post=by_role(anonymous=LOGIN, member=NOT_FOUND, board=FORBIDDEN, secretariat=FORBIDDEN),
    ),
    "members:colleague_deactivate": Case(
        kwargs={"pk": "member_user"},
        get=by_role(anonymous=LOGIN, member=NOT_FOUND, board=FORBIDDEN, secretariat=FORBIDDEN),
        post=by_role(anonymous=LOGIN, member=NOT_FOUND, board=FORBIDDEN, secretariat=FORBIDDEN),
    ),
    # Two-factor sign-in: the users of the matrix have passed it (the secretariat and the board,
    # by tests/second_factor.py) or have none (the member).
    "two_factor": Case(get=LOGGED_IN, post=LOGGED_IN),
    "two_factor_setup": Case(get=LOGGED_IN, post=LOGGED_IN),  # an empty POST: the form's error
    # Nothing to verify (no device, or passed already): on to where the user was going.
    "two_factor_verify": Case(
        get=by_role(anonymous=LOGIN, member=REDIRECT, board=REDIRECT, secretariat=REDIRECT),
        post=by_role(anonymous=LOGIN, member=REDIRECT, board=REDIRECT, secretariat=REDIRECT),
    ),
    # The codes are shown once, right after the set-up; otherwise back to the account page.
    "two_factor_recovery_codes": Case(
        get=by_role(anonymous=LOGIN, member=REDIRECT, board=REDIRECT, secretariat=REDIRECT),
        post=by_role(anonymous=LOGIN, member=REDIRECT, board=REDIRECT, secretariat=REDIRECT),
    ),
    # Members may switch it off; the roles that must have it may not.
    "two_factor_remove": Case(
        get=by_role(
            anonymous=LOGIN, member=NOT_ALLOWED, board=NOT_ALLOWED, secretariat=NOT_ALLOWED
        ),
        post=by_role(anonymous=LOGIN, member=REDIRECT, board=FORBIDDEN, secretariat=FORBIDDEN),
    ),
    # --- agenda -------------------------------------------------------------------------------
    "meeting_detail": [
        Case(kwargs={"pk": "meeting"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "members_only.meeting"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
    ],
    "resolution_detail": [
        Case(kwargs={"pk": "resolution"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(
            kwargs={"pk": "members_only.resolution"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE
        ),
        Case(kwargs={"pk": "unpublished.resolution"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
        # Asking for the draft version by number: readers get the page, never the draft.
        Case(kwargs={"pk": "resolution"}, query="version=2", get=ANYONE, post=NOT_FOR_ANYONE),
    ],
    # --- motions ------------------------------------------------------------------------------
    "meeting_proposals": [
        Case(kwargs={"pk": "meeting"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "members_only.meeting"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
        Case(
            kwargs={"pk": "meeting"},
            query="q=motie&advice=aanhouden",
            get=ANYONE,
            post=NOT_FOR_ANYONE,
        ),
    ],
    "motion_detail": [
        Case(kwargs={"pk": "motion"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "members_only.motion"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.motion"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "draft_motion"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
    ],
    "amendment_detail": [
        Case(kwargs={"pk": "amendment"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(
            kwargs={"pk": "members_only.amendment"}, get=MEMBERS_ONLY_CONTENT, post=NOT_FOR_ANYONE
        ),
        Case(kwargs={"pk": "unpublished.amendment"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
    ],
    # A municipality's page is public; what it shows of each meeting follows visible_to().
    "member_detail": [
        Case(kwargs={"pk": "member"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.member"}, get=ANYONE, post=NOT_FOR_ANYONE),
    ],
    # The motion template is a blank form: anyone may download it.
    "motion_template": Case(get=ANYONE, post=NOT_FOR_ANYONE),
    "motion_import": Case(
        kwargs={"pk": "meeting"},
        get=SECRETARIAT_ONLY,
        # An empty upload: the page again, with the message to choose files.
        post=by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=REDIRECT),
    ),
    "motion_import_confirm": Case(
        kwargs={"pk": "meeting", "index": literal(0)},
        get=by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=NOT_ALLOWED),
        # Nothing waits for confirmation: back to the import page, nothing created.
        post=by_role(anonymous=LOGIN, member=FORBIDDEN, board=FORBIDDEN, secretariat=REDIRECT),
    ),
    # --- book ---------------------------------------------------------------------------------
    "book:page": Case(kwargs={"pk": "meeting"}, get=STAFF, post=NOT_FOR_ANYONE),
    "book:get": [
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")}, get=ANYONE, post=NOT_FOR_ANYONE
        ),
        Case(
            kwargs={"pk": "members_only.meeting", "edition": literal("member")},
            get=MEMBERS_ONLY_CONTENT,
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "unpublished.meeting", "edition": literal("member")},
            get=everyone(NOT_FOUND),  # no member edition of unpublished papers
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("secretariat")},
            get=by_role(anonymous=FORBIDDEN, member=FORBIDDEN, board=OK, secretariat=OK),
            post=NOT_FOR_ANYONE,
        ),
        # The Word book: the same rules (its built file: tests/book/test_docx_views.py).
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            query="format=docx",
            get=ANYONE,
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "unpublished.meeting", "edition": literal("member")},
            query="format=docx",
            get=everyone(NOT_FOUND),
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            query="format=odt",
            get=everyone(NOT_FOUND),
            post=NOT_FOR_ANYONE,
        ),
        # The decision list (scope=decisions): no sample's list is published, so there is no
        # member edition of it; the secretariat's is the staff's, as on the live:decisions
        # page. A published one, built and downloaded: tests/book/test_decision_list.py.
        *[
            Case(
                kwargs={"pk": pk, "edition": literal("member")},
                query=query,
                get=everyone(NOT_FOUND),
                post=NOT_FOR_ANYONE,
            )
            for pk in ("meeting", "unpublished.meeting")
            for query in ("scope=decisions", "scope=decisions&format=docx")
        ],
        *[
            Case(
                kwargs={"pk": pk, "edition": literal("secretariat")},
                query=query,
                get=get,
                post=NOT_FOR_ANYONE,
            )
            for pk, get in (
                (
                    "meeting",
                    by_role(anonymous=FORBIDDEN, member=FORBIDDEN, board=OK, secretariat=OK),
                ),
                ("unpublished.meeting", UNPUBLISHED_CONTENT),
            )
            for query in ("scope=decisions", "scope=decisions&format=docx")
        ],
    ],
    "book:status": [
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")}, get=ANYONE, post=NOT_FOR_ANYONE
        ),
        Case(
            kwargs={"pk": "unpublished.meeting", "edition": literal("secretariat")},
            get=UNPUBLISHED_CONTENT,
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            query="scope=decisions",
            get=everyone(NOT_FOUND),
            post=NOT_FOR_ANYONE,
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("secretariat")},
            query="scope=decisions&format=docx",
            get=by_role(anonymous=FORBIDDEN, member=FORBIDDEN, board=OK, secretariat=OK),
            post=NOT_FOR_ANYONE,
        ),
    ],
    "book:build": [
        # Only the secretariat starts a build by hand (rolled back here); the books members
        # read are built when the papers change (book/refresh.py).
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            query="format=docx",
            get=NOT_FOR_ANYONE,
            post=_secretariat(REDIRECT),
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            get=NOT_FOR_ANYONE,
            post=_secretariat(REDIRECT),
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("secretariat")},
            get=NOT_FOR_ANYONE,
            post=_secretariat(REDIRECT),
        ),
        # An unpublished decision list has no member edition to build.
        Case(
            kwargs={"pk": "meeting", "edition": literal("member")},
            query="scope=decisions",
            get=NOT_FOR_ANYONE,
            post=_secretariat(NOT_FOUND),
        ),
        Case(
            kwargs={"pk": "meeting", "edition": literal("secretariat")},
            query="scope=decisions&format=docx",
            get=NOT_FOR_ANYONE,
            post=_secretariat(REDIRECT),
        ),
    ],
    # The pre-advice overview holds unpublished pre-advice: secretariat and board only.
    "book:pre_advice_overview": [
        Case(kwargs={"pk": "meeting"}, get=STAFF, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=STAFF, post=NOT_FOR_ANYONE),
    ],
    # Stored files are reached only through a ready build; who may read which is tested with
    # real builds in tests/book/test_book_views.py. Here: an id that names no build.
    "book:file": Case(
        kwargs={"build_id": literal(999999), "name": literal("boek.pdf")},
        get=everyone(NOT_FOUND),
        post=NOT_FOR_ANYONE,
    ),
    # --- secretariat workspace ------------------------------------------------------------
    # --- meeting day and follow-up (live) ---------------------------------------------------
    # The secretariat's meeting-day page; its actions take POST only, and an empty POST either
    # does the action's default (a redirect back) or reports what is missing (400).
    "live:meeting_day": [
        Case(kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_SECRETARIAT_NOT_ALLOWED),
        Case(
            kwargs={"pk": "unpublished.meeting"},
            get=SECRETARIAT_ONLY,
            post=_SECRETARIAT_NOT_ALLOWED,
        ),
    ],
    # An empty POST clears the current item.
    # An empty POST lacks what the page showed (the current item, the decision, the
    # revision): it changes nothing and says so (see docs/meeting-day.md, two browsers).
    "live:set_current": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "live:step": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "live:record": [
        Case(
            kwargs={"pk": "meeting", "kind": literal(kind), "subject_pk": sample},
            get=_SECRETARIAT_NOT_ALLOWED,
            post=_secretariat(_BAD_REQUEST),
        )
        for kind, sample in (
            ("proposal", "proposal"),
            ("resolution", "resolution"),
            ("item", "item"),
        )
    ],
    # The sample motion's published pre-advice is "overnemen": an empty POST follows it.
    "live:pre_advice_vote": Case(
        kwargs={"pk": "meeting", "kind": literal("proposal"), "subject_pk": "motion"},
        get=_SECRETARIAT_NOT_ALLOWED,
        post=_secretariat(_BAD_REQUEST),
    ),
    "live:ballots": Case(
        kwargs={"pk": "meeting", "kind": literal("proposal"), "subject_pk": "proposal"},
        get=SECRETARIAT_ONLY,
        post=_secretariat(_BAD_REQUEST),  # nobody voted
    ),
    "live:three_way": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "live:add_part": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "live:remove_part": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(NOT_FOUND)
    ),
    "live:collect_follow_ups": Case(
        kwargs={"pk": "meeting", "item_pk": "follow_up_item"},
        get=_SECRETARIAT_NOT_ALLOWED,
        post=_secretariat(REDIRECT),
    ),
    # An empty decision undoes one.
    "live:follow_up_decision": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    # Following the meeting live: whoever may see the meeting.
    **{
        name: [
            Case(kwargs={"pk": "meeting"}, get=ANYONE, post=NOT_FOR_ANYONE),
            Case(
                kwargs={"pk": "members_only.meeting"},
                get=MEMBERS_ONLY_CONTENT,
                post=NOT_FOR_ANYONE,
            ),
            Case(
                kwargs={"pk": "unpublished.meeting"},
                get=UNPUBLISHED_CONTENT,
                post=NOT_FOR_ANYONE,
            ),
        ]
        for name in ("live:fragment", "live:projector", "live:projector_fragment")
    },
    # Electronic votes: the chair opens and closes them (the sample meeting has one open:
    # opening another is refused), enters paper cards, registers attendance.
    "live:open_poll": [
        Case(
            kwargs={"pk": "meeting", "kind": literal(kind), "subject_pk": sample},
            get=_SECRETARIAT_NOT_ALLOWED,
            post=_secretariat(_BAD_REQUEST),
        )
        for kind, sample in (
            ("proposal", "proposal"),
            ("resolution", "resolution"),
            ("item", "item"),
        )
    ],
    "live:poll_progress": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_SECRETARIAT_NOT_ALLOWED
    ),
    # Closing and cancelling ask first: an empty POST (no confirm=1) changes nothing (400).
    **{
        name: Case(
            kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
        )
        for name in ("live:close_poll", "live:cancel_poll")
    },
    # A vote is open in the sample meeting: proxies cannot change until it closes (400).
    "live:refuse_proxy": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    # An empty POST enters nothing and says so.
    "live:paper_votes": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_secretariat(_BAD_REQUEST)
    ),
    # An empty POST names no member of the meeting (404).
    "live:attendance": [
        Case(kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_secretariat(NOT_FOUND)),
        Case(
            kwargs={"pk": "unpublished.meeting"},
            get=SECRETARIAT_ONLY,
            post=_secretariat(NOT_FOUND),
        ),
    ],
    # The samples' decision lists are not published: the secretariat and the board only.
    "live:decisions": [
        Case(kwargs={"pk": "meeting"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
        Case(kwargs={"pk": "unpublished.meeting"}, get=UNPUBLISHED_CONTENT, post=NOT_FOR_ANYONE),
    ],
    # An empty POST takes the publication back.
    "live:publish_decisions": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(REDIRECT)
    ),
    "live:status": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_SECRETARIAT_NOT_ALLOWED
    ),
    # The results table: an empty POST changes no row, so it saves nothing and says so.
    "live:results": [
        Case(kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=_secretariat(REDIRECT)),
        Case(
            kwargs={"pk": "unpublished.meeting"},
            get=SECRETARIAT_ONLY,
            post=_secretariat(REDIRECT),
        ),
    ],
    "live:status_collect_follow_ups": Case(
        kwargs={"pk": "meeting", "item_pk": "follow_up_item"},
        get=_SECRETARIAT_NOT_ALLOWED,
        post=_secretariat(REDIRECT),
    ),
    "live:place_held_over": Case(
        kwargs={"pk": "meeting"}, get=_SECRETARIAT_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    # Follow-up across meetings: adopted motions of meetings the reader may see.
    "live:follow_up_overview": Case(get=ANYONE, post=NOT_FOR_ANYONE),
    "live:track": [
        Case(kwargs={"motion_pk": "adopted_motion"}, get=ANYONE, post=NOT_FOR_ANYONE),
        # Followed up under an unpublished meeting: that follow-up stays out of sight.
        Case(kwargs={"motion_pk": "unpublished.adopted_motion"}, get=ANYONE, post=NOT_FOR_ANYONE),
        Case(kwargs={"motion_pk": "motion"}, get=everyone(NOT_FOUND), post=NOT_FOR_ANYONE),
    ],
    **{
        name: Case(
            kwargs={"motion_pk": "adopted_motion"},
            get=_SECRETARIAT_NOT_ALLOWED,
            post=_secretariat(_BAD_REQUEST),  # an empty form
        )
        for name in ("live:add_report", "live:edit_track")
    },
    # The secretariat edits; the board reads the meeting list, status page and pre-advice
    # table and settles pre-advice. An empty POST gets the form back with its errors (200) or,
    # for an action without its choice, a redirect with the message; nothing changes.
    "workspace:meetings": Case(get=STAFF, post=WS_STAFF_NOT_ALLOWED),
    "workspace:meeting_new": Case(get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    # The members: the list, and loading a new list (an empty POST: the form's errors, 400).
    "workspace:members": Case(get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    "workspace:member_import": Case(get=SECRETARIAT_ONLY, post=_secretariat(_BAD_REQUEST)),
    "workspace:association": Case(get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    "workspace:groups": Case(get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    # The intake of online motions: an empty POST has no revision (400).
    "workspace:intake": Case(kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    "workspace:intake_submission": [
        Case(
            kwargs={"pk": "other_submission"}, get=SECRETARIAT_ONLY, post=_secretariat(_BAD_REQUEST)
        ),
        # A member's draft is the member's own until it is submitted.
        Case(
            kwargs={"pk": "submission"},
            get=_secretariat(NOT_FOUND),
            post=_secretariat(NOT_FOUND),
        ),
    ],
    "workspace:group_new": Case(get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    "workspace:group_edit": Case(
        kwargs={"pk": "submitter_group"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    "workspace:dashboard": [
        Case(kwargs={"pk": "meeting"}, get=STAFF, post=WS_STAFF_NOT_ALLOWED),
        Case(kwargs={"pk": "unpublished.meeting"}, get=STAFF, post=WS_STAFF_NOT_ALLOWED),
    ],
    "workspace:meeting_edit": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    # A GET publishes nothing: it goes to the meeting's status page (a bookmark, a reload).
    "workspace:publication": Case(kwargs={"pk": "meeting"}, get=WS_REDIRECT, post=WS_REDIRECT),
    # Only for a meeting that has been held (tests/workspace/test_past_import.py): for the
    # sample meeting, still to come, both go back to its status page with the reason.
    "workspace:past_import": Case(kwargs={"pk": "meeting"}, get=WS_REDIRECT, post=WS_REDIRECT),
    # A person's second factor: the confirmation, and the reset (back to the page, which says so).
    "workspace:person_second_factor_reset": Case(
        kwargs={"pk": "member_user"}, get=SECRETARIAT_ONLY, post=WS_REDIRECT
    ),
    "workspace:agenda": Case(kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    "workspace:agenda_add": Case(
        kwargs={"pk": "meeting"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:agenda_reorder": Case(
        kwargs={"pk": "meeting"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:item": Case(kwargs={"pk": "item"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    "workspace:item_row": Case(kwargs={"pk": "item"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    "workspace:item_move": Case(kwargs={"pk": "item"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY),
    # The item holds a resolution and motions: the POST asks where they go.
    "workspace:item_delete": Case(
        kwargs={"pk": "item"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    # Without the order the page showed, a reorder is refused and the list says so.
    "workspace:proposals_reorder": Case(
        kwargs={"pk": "item"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:resolution_new": Case(get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    "workspace:resolution": Case(
        kwargs={"pk": "resolution"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED
    ),
    "workspace:resolution_edit": Case(
        kwargs={"pk": "resolution"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    # Without a label a new version is still made (and rolled back here).
    "workspace:resolution_submitters": Case(
        kwargs={"pk": "resolution"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    # A GET makes no version: it goes to the resolution's page.
    "workspace:version_new": Case(kwargs={"pk": "resolution"}, get=WS_REDIRECT, post=WS_REDIRECT),
    "workspace:resolution_diff": Case(
        kwargs={"pk": "resolution"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED
    ),
    # A refusal leaves this address in the browser: a GET goes to the version's page.
    "workspace:version_state": Case(kwargs={"pk": "version"}, get=WS_REDIRECT, post=WS_REDIRECT),
    "workspace:version_text": Case(
        kwargs={"pk": "draft_version", "field": literal("intro")},
        get=SECRETARIAT_ONLY,
        post=SECRETARIAT_ONLY,
    ),
    "workspace:clause_add": Case(
        kwargs={"pk": "draft_version"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:clauses_reorder": Case(
        kwargs={"pk": "draft_version"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:clause_edit": Case(
        kwargs={"pk": "draft_clause"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    "workspace:clause_move": Case(
        kwargs={"pk": "draft_clause"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    # A clause of a published version is not deleted: the page says why.
    # Deleting asks first: an empty POST (no confirm=1) deletes nothing (400).
    "workspace:clause_delete": Case(
        kwargs={"pk": "clause"}, get=WS_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "workspace:proposal_new": [
        Case(
            kwargs={"pk": "meeting", "kind": literal("motion")},
            get=SECRETARIAT_ONLY,
            post=SECRETARIAT_ONLY,
        ),
        Case(
            kwargs={"pk": "meeting", "kind": literal("amendment")},
            get=SECRETARIAT_ONLY,
            post=SECRETARIAT_ONLY,
        ),
    ],
    "workspace:clause_options": Case(
        kwargs={"pk": "meeting"}, get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED
    ),
    "workspace:member_search": Case(
        query="member-search=Gemeente", get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED
    ),
    "workspace:proposal": [
        Case(kwargs={"pk": "motion"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
        Case(kwargs={"pk": "amendment"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    ],
    # Without the order the page showed, a move is refused and the item's page says so.
    "workspace:proposal_move": Case(
        kwargs={"pk": "motion"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    # A GET only asks for confirmation; a POST without the revision asks again.
    "workspace:proposal_delete": [
        Case(kwargs={"pk": "motion"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
        Case(kwargs={"pk": "amendment"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    ],
    "workspace:part_add": Case(kwargs={"pk": "motion"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY),
    "workspace:part_edit": Case(
        kwargs={"pk": "motion_part"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    "workspace:part_move": Case(
        kwargs={"pk": "motion_part"}, get=WS_NOT_ALLOWED, post=SECRETARIAT_ONLY
    ),
    "workspace:part_delete": Case(
        kwargs={"pk": "motion_part"}, get=WS_NOT_ALLOWED, post=_secretariat(_BAD_REQUEST)
    ),
    "workspace:pre_advice": [
        Case(kwargs={"pk": "meeting"}, get=STAFF, post=WS_STAFF_NOT_ALLOWED),
        Case(
            kwargs={"pk": "meeting"},
            query="advice=none&item=&state=draft",
            get=STAFF,
            post=WS_STAFF_NOT_ALLOWED,
        ),
    ],
    "workspace:pre_advice_row": [
        Case(
            kwargs={"kind": literal("proposal"), "pk": "motion"},
            get=SECRETARIAT_ONLY,
            post=SECRETARIAT_ONLY,
        ),
        Case(
            kwargs={"kind": literal("follow_up"), "pk": "follow_up"},
            get=SECRETARIAT_ONLY,
            post=SECRETARIAT_ONLY,
        ),
    ],
    # The members' people (the sample member's account; resending to an account that has a
    # password is refused with a message, as a redirect).
    "workspace:people": [
        Case(get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
        Case(query="q=lid&member=x&page=9", get=SECRETARIAT_ONLY, post=WS_NOT_ALLOWED),
    ],
    "workspace:person_invite": Case(get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY),
    "workspace:person_edit": Case(
        kwargs={"pk": "member_user"}, get=SECRETARIAT_ONLY, post=SECRETARIAT_ONLY
    ),
    "workspace:person_resend": Case(
        kwargs={"pk": "member_user"}, get=WS_NOT_ALLOWED, post=WS_REDIRECT
    ),
    "workspace:person_deactivate": Case(
        kwargs={"pk": "member_user"}, get=SECRETARIAT_ONLY, post=WS_REDIRECT
    ),
    "workspace:person_reactivate": Case(
        kwargs={"pk": "member_user"}, get=WS_NOT_ALLOWED, post=WS_REDIRECT
    ),
    # Only the board settles; without the revision it saw, nothing is settled. The secretariat
    # settles only an archive entry's (a past meeting: tests/workspace/test_archive_entry.py),
    # so for the sample meeting, still to come, its POST is refused.
    "workspace:pre_advice_settle": Case(
        kwargs={"pk": "pre_advice"},
        get=by_role(anonymous=LOGIN, member=FORBIDDEN, board=NOT_ALLOWED, secretariat=NOT_ALLOWED),
        post=by_role(anonymous=LOGIN, member=FORBIDDEN, board=REDIRECT, secretariat=FORBIDDEN),
    ),
}


# ---------------------------------------------------------------------------------------------
# Machinery


def project_urls(urlconf=None):
    """{url name: route} for every URL pattern of the project, minus the skipped ones. A
    pattern without a name is listed as None: it cannot be reversed, so it cannot be checked."""
    found = {}

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if any(route.startswith(skipped) for skipped in SKIPPED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else None
                found.setdefault(name, route)

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def cases(name, matrix=None):
    entry = (MATRIX if matrix is None else matrix)[name]
    return entry if isinstance(entry, list) else [entry]


def sample_kwargs(name, case, samples, urlconf=None, replace=None):
    """The URL arguments of `case`, each resolved to its sample's pk (or literal value).
    `replace` maps sample paths to others (the cross-meeting test swaps in another meeting's
    objects)."""
    route = project_urls(urlconf)[name]
    wanted = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
    wanted = {plain or named for plain, named in wanted}
    kwargs = {}
    for arg in sorted(wanted | set(case.kwargs)):
        source = case.kwargs.get(arg, DEFAULT_KWARGS.get(arg))
        if source is None:
            raise AssertionError(
                f"{name}: no sample for URL argument {arg!r}; give it in the Case's kwargs"
            )
        if isinstance(source, Literal):
            kwargs[arg] = source.value
            continue
        source = (replace or {}).get(source, source)
        value = samples.resolve(source)
        kwargs[arg] = getattr(value, "pk", value)
    return kwargs


def url_for(name, case, samples, urlconf=None, replace=None):
    url = reverse(
        name, urlconf=urlconf, kwargs=sample_kwargs(name, case, samples, urlconf, replace)
    )
    return f"{url}?{case.query}" if case.query else url


def client_for(role, samples, **kwargs):
    client = Client(**kwargs)
    user = samples.user(role)
    if user is not None:
        client.force_login(user)
    return client


WRITES = ("INSERT", "UPDATE", "DELETE")
# The session is the visitor's own state, not the association's data: Django's password reset
# link, for one, moves its token from the URL into the session on GET, and the set-up of the
# second factor keeps its new key there.
# The throttles' counts (alv/throttle.py) are the visitor's too: the password-reset link's page
# counts every request of a client.
WRITES_ALLOWED_ON_GET = ('"django_session"', '"alv_throttle"')


def fetch(role, method, url, samples, post_data=None):
    """One request as `role`. method: "GET", "POST" or "HTMX" (a GET with HX-Request).
    Returns (response, problems); a POST is rolled back, a GET must not write."""
    client = client_for(role, samples)
    problems = []
    if method == "POST":
        with transaction.atomic():
            response = client.post(url, post_data or {})
            transaction.set_rollback(True)
        return response, problems
    headers = {"HX-Request": "true"} if method == "HTMX" else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith(WRITES)
        and not any(table in q["sql"].split("(")[0] for table in WRITES_ALLOWED_ON_GET)
    ]
    if writes:
        problems.append(f"{method} {url} as {role} wrote to the database: {writes[0][:120]}")
    return response, problems


def check(name, matrix=None, samples=None, urlconf=None):
    """Every case of `name` for every role and method; a list of what is wrong."""
    problems = []
    for number, case in enumerate(cases(name, matrix), start=1):
        url = url_for(name, case, samples, urlconf)
        for role in ROLES:
            for method, expected in (
                ("GET", case.get),
                ("HTMX", case.htmx_get),
                ("POST", case.post),
            ):
                response, found = fetch(role, method, url, samples, case.post_data)
                problems += found
                problem = expected[role].problem(response, htmx=method == "HTMX")
                if problem:
                    problems.append(f"{name} case {number} {method} {url} as {role}: {problem}")
    return problems


def response_text(response):
    """Everything a response tells its reader, as text: the headers (a file name is content
    too) and the body, from HTML, PDF or Word."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    content_type = response.headers.get("Content-Type", "")
    headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
    if content_type.startswith("application/pdf"):
        text = _pdf_text(body)
    elif "wordprocessingml" in content_type:
        text = _docx_text(body)
    else:
        text = body.decode(response.charset or "utf-8", errors="replace")
    return headers + "\n" + text


def _pdf_text(body):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(item.title) for item in reader.outline if hasattr(item, "title")]
    parts += [str(value) for value in (reader.metadata or {}).values()]
    return "\n".join(parts)


def _docx_text(body):
    import io

    import docx

    document = docx.Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    props = document.core_properties
    parts += [props.title or "", props.subject or "", props.keywords or ""]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Cross-meeting checks


def _sample_paths(name, case, urlconf=None):
    route = project_urls(urlconf)[name]
    args = {plain or named for plain, named in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)}
    paths = {}
    for arg in args | set(case.kwargs):
        source = case.kwargs.get(arg, DEFAULT_KWARGS.get(arg))
        if isinstance(source, str):
            paths[arg] = source
    return paths


def cross_meeting_swaps(name, case, samples, urlconf=None):
    """For a URL that takes a meeting and objects of that meeting: the sample swaps that put
    another meeting's objects under the same meeting's URL. Empty for other URLs."""
    from agenda.models import Meeting
    from alv.access import MEETING_PATHS

    paths = _sample_paths(name, case, urlconf)
    meetings, owned = [], []
    for path in paths.values():
        value = samples.resolve(path)
        if isinstance(value, Meeting):
            meetings.append(path)
        elif getattr(value, "_meta", None) and value._meta.label in MEETING_PATHS:
            owned.append(path)
    if not meetings or not owned:
        return {}
    swaps = {}
    for path in owned:
        world, _, attr = path.rpartition(".")
        swaps[path] = f"public.{attr}" if world == "other" else f"other.{attr}"
    return swaps


def _snapshot(objects):
    from django.forms.models import model_to_dict

    return [
        (obj._meta.label, obj.pk, model_to_dict(type(obj).objects.get(pk=obj.pk)))
        for obj in objects
    ]


def cross_meeting_problems(name, matrix=None, samples=None, urlconf=None):
    """Request each URL with a meeting and another meeting's object as every logged-in role:
    the secretariat (who may open everything but the pages of a member's own people) must get
    404 and nothing may change; other roles, and the secretariat on a member's page, may be
    refused earlier (403, login) but never get the object."""
    problems = []
    for number, case in enumerate(cases(name, matrix), start=1):
        swaps = cross_meeting_swaps(name, case, samples, urlconf)
        if not swaps:
            continue
        url = url_for(name, case, samples, urlconf, replace=swaps)
        foreign = [samples.resolve(path) for path in swaps.values()]
        members_page = case.get["secretariat"] == FORBIDDEN
        for role in ("secretariat", "board", "member"):
            allowed = (404,) if role == "secretariat" and not members_page else (302, 403, 404)
            for method in ("GET", "HTMX", "POST"):
                client = client_for(role, samples)
                with transaction.atomic():
                    before = _snapshot(foreign)
                    if method == "POST":
                        response = client.post(url, case.post_data or {})
                    else:
                        headers = {"HX-Request": "true"} if method == "HTMX" else {}
                        response = client.get(url, headers=headers)
                    changed = _snapshot(foreign) != before
                    transaction.set_rollback(True)
                where = f"{name} case {number} {method} {url} as {role}"
                if response.status_code not in allowed:
                    problems.append(
                        f"{where}: reached another meeting's object ({describe(response)})"
                    )
                if changed:
                    problems.append(f"{where}: changed another meeting's object")
    return problems


# ---------------------------------------------------------------------------------------------
# Unpublished content


def _without_select_lists(text):
    # A filter list may name every pre-advice value, and links and forms echo the reader's own
    # query (?advice=aanhouden); only a value shown as content, or in a class, counts.
    text = re.sub(r"<select\b.*?</select>", "", text, flags=re.S | re.I)
    return re.sub(r'\s(?:href|value|action|hx-get|hx-push-url)="[^"]*"', "", text, flags=re.I)


def leaks(text, role):
    from tests.samples import UNPUBLISHED_VALUE, unpublished_markers_in

    found = unpublished_markers_in(text, role)
    if re.search(rf"\b{UNPUBLISHED_VALUE}\b", _without_select_lists(text), re.I):
        found.append(f"the unpublished pre-advice value {UNPUBLISHED_VALUE!r}")
    return found


def unpublished_leaks(name, matrix=None, samples=None, urlconf=None, roles=("anonymous", "member")):
    """Request every case of `name` (GET and htmx GET) as each of `roles` and report every
    unpublished text in the responses, error pages included. Exports (PDF, Word) are read as
    text (response_text), so an export URL in the matrix is checked the same way."""
    problems = []
    for case in cases(name, matrix):
        url = url_for(name, case, samples, urlconf)
        for role in roles:
            for method in ("GET", "HTMX"):
                response, _ = fetch(role, method, url, samples)
                for leak in leaks(response_text(response), role):
                    problems.append(f"{method} {url} as {role} ({response.status_code}): {leak}")
    return problems
