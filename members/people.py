"""A member's people: inviting them by e-mail, sending an invitation again, and ending (or
restoring) a person's access.

Who may do what:

- the secretariat invites a person to any member, sends invitations again, deactivates and
  reactivates people;
- a member's contact person invites colleagues to their own member only (never to another
  member, never into a staff role), sends their invitations again and deactivates them, but
  not themselves and not the member's last contact person.

An invitation is an account (username = e-mail address, an unusable password, in the member
group) plus a link with a token of `invitation_tokens`. The token is signed over the password,
so it dies when the person sets a password, and when the invitation is sent again (a fresh
unusable password). Mail is sent by the worker (members.tasks), queued in the same transaction
as the change, so either both happen or neither.

Inviting an address that already has an account never makes a second account. The
secretariat is told; a contact person is told only "invitation sent", so the form cannot be
used to find out which addresses have accounts (the address itself gets a note that it has an
account already).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int
from django.utils.translation import gettext as _

from alv import roles, throttle
from alv.models import User

# ---------------------------------------------------------------------------------------------
# Throttling

# (limit, window in seconds) of each throttled action, per key.
LIMITS = {
    # Opening or posting an invitation link: per client address and per invited person.
    "accept_client": (30, 15 * 60),
    "accept_person": (20, 15 * 60),
    # Inviting or sending again: per client address, per inviting person, per invited address.
    # The secretariat may invite a whole new member list; a contact person a few colleagues.
    "invite_client": (300, 60 * 60),
    "invite_actor": (300, 60 * 60),
    "invite_contact": (30, 60 * 60),
    "invite_address": (5, 60 * 60),
}


def allowed(key, limit, window):
    """Count one attempt under `key`; False once more than `limit` fell in `window` seconds.
    Counted by the shared throttle (alv.throttle), which every server process sees."""
    return throttle.hit(("members", key), limit, window)


def throttled(kind, *parts):
    """True when the action `kind` (a key of LIMITS) is over its limit for `parts`."""
    limit, window = LIMITS[kind]
    return not allowed(":".join([kind, *map(str, parts)]), limit, window)


def accept_throttled(client, person_id):
    # Both counters count, so one address cannot spend another's attempts unseen.
    by_client = throttled("accept_client", client)
    by_person = throttled("accept_person", person_id)
    return by_client or by_person


def invite_throttled(actor, email, client):
    by_client = throttled("invite_client", client)
    by_actor = throttled(
        "invite_actor" if roles.is_secretariat(actor) else "invite_contact", actor.pk
    )
    by_address = throttled("invite_address", normalize_email(email))
    return by_client or by_actor or by_address


# ---------------------------------------------------------------------------------------------
# The invitation link


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password reset tokens with their own salt and lifetime (ALV_INVITATION_DAYS)."""

    key_salt = "members.people.InvitationTokenGenerator"

    @property
    def timeout(self):
        return settings.ALV_INVITATION_DAYS * 24 * 3600

    def made_at(self, user, token):
        """The moment (in the generator's seconds) `token` was made for `user` as they are
        now, whatever its age; None if it was not (tampered, another person, or made before
        the password or the invitation changed)."""
        if not (user and token):
            return None
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return None
        if any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return timestamp
        return None

    def check_token(self, user, token):
        # Django's check_token reads PASSWORD_RESET_TIMEOUT; the signature check is the same.
        timestamp = self.made_at(user, token)
        return timestamp is not None and self._num_seconds(self._now()) - timestamp <= self.timeout

    def is_expired(self, user, token):
        """A genuine token of `user`'s current invitation that is too old."""
        return self.made_at(user, token) is not None and not self.check_token(user, token)


invitation_tokens = InvitationTokenGenerator()


def valid_until():
    """When a link made now stops working."""
    return timezone.now() + timezone.timedelta(days=settings.ALV_INVITATION_DAYS)


# ---------------------------------------------------------------------------------------------
# Who may do what


def normalize_email(email):
    return (email or "").strip().lower()


def is_contact_person(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_contact
        and user.member_id
        and roles.MEMBER in roles.role_names(user)
    )


def is_representative(user):
    """A logged-in person who speaks for a member (a contact person or a colleague)."""
    return bool(
        user.is_authenticated and user.is_active and user.member_id and roles.is_member(user)
    )


def is_staff_account(person):
    return bool(
        person.is_superuser
        or person.is_staff
        or {roles.SECRETARIAT, roles.BOARD} & set(roles.role_names(person))
    )


def can_manage(actor, person):
    """May `actor` send `person` an invitation again or deactivate them?"""
    if roles.is_secretariat(actor):
        return person.member_id is not None
    return (
        is_contact_person(actor)
        and person.member_id == actor.member_id
        and not is_staff_account(person)
    )


def people_of(member):
    """The accounts of `member`, active ones first, by name."""
    return User.objects.filter(member=member).order_by(
        "-is_active", "last_name", "first_name", "email"
    )


def contacts_of(member):
    return User.objects.filter(member=member, is_active=True, is_contact=True)


class Refused(Exception):
    """An action that is not allowed on this person; the message says why, for the user."""


# ---------------------------------------------------------------------------------------------
# Actions


@dataclass
class Invitation:
    """What `invite` did. `person` is the new account, or the one that had the address
    already (`created` False); only the secretariat is shown the latter."""

    person: User
    created: bool
    resent: bool = False


def _queue_invitation(person, base_url):
    from members.tasks import send_invitation

    send_invitation.enqueue(person.pk, base_url)


def _queue_account_notice(email, language, base_url):
    from members.tasks import send_account_notice

    send_account_notice.enqueue(email, language, base_url)


def invite(
    actor,
    *,
    email,
    member,
    first_name="",
    last_name="",
    function="",
    is_contact=False,
    language="nl",
    base_url="",
):
    """Invite a person to `member`: make their account and queue the mail with the link.

    An address with an account already gets no second one: a pending invitation of the same
    member is sent again, any other active account gets a note by mail (only when a contact
    person invites: the secretariat sees the account instead)."""
    secretariat = roles.is_secretariat(actor)
    if not secretariat and not (is_contact_person(actor) and member.pk == actor.member_id):
        raise PermissionDenied
    email = normalize_email(email)
    with transaction.atomic():
        existing = (
            User.objects.select_for_update()
            .filter(Q(username__iexact=email) | Q(email__iexact=email))
            .first()
        )
        if existing is not None:
            if existing.is_active and existing.is_pending and existing.member_id == member.pk:
                _renew(existing, actor)
                _queue_invitation(existing, base_url)
                return Invitation(existing, created=False, resent=True)
            if existing.is_active and not secretariat:
                _queue_account_notice(email, existing.language, base_url)
            return Invitation(existing, created=False)
        person = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            member=member,
            function=function,
            is_contact=is_contact,
            language=language,
            invited_by=actor,
            invited_at=timezone.now(),
        )
        person.set_unusable_password()
        person.save()
        person.groups.add(Group.objects.get_or_create(name=roles.MEMBER)[0])
        _queue_invitation(person, base_url)
    return Invitation(person, created=True)


def _renew(person, actor):
    # A fresh unusable password: the link of the previous invitation stops working.
    person.set_unusable_password()
    person.invited_by = actor
    person.invited_at = timezone.now()
    person.save(update_fields=["password", "invited_by", "invited_at"])


def resend(actor, person, base_url=""):
    """Send `person` a new invitation link; the previous one stops working."""
    if not can_manage(actor, person):
        raise PermissionDenied
    if not person.is_active:
        raise Refused(_("%(name)s is deactivated.") % {"name": display_name(person)})
    if person.has_usable_password():
        raise Refused(
            _("%(name)s has chosen a password already: they can log in, or ask for a new password.")
            % {"name": display_name(person)}
        )
    with transaction.atomic():
        _renew(person, actor)
        _queue_invitation(person, base_url)


def deactivate(actor, person):
    """End `person`'s access at once: no login, no password reset, and a session they have is
    refused at its next request (Django's backend does not return an inactive user)."""
    if not can_manage(actor, person):
        raise PermissionDenied
    if person.pk == actor.pk:
        raise Refused(_("You cannot deactivate yourself."))
    with transaction.atomic():
        # The member's contact persons are locked first: two contact persons deactivating
        # each other at once cannot both pass the check and leave the member without one.
        contacts = contacts_of(person.member_id).select_for_update().order_by("pk")
        others = [contact for contact in contacts if contact.pk != person.pk]
        if not roles.is_secretariat(actor) and person.is_contact and not others:
            raise Refused(
                _("%(name)s is the last contact person of the member.")
                % {"name": display_name(person)}
            )
        person.is_active = False
        person.save(update_fields=["is_active"])


def reactivate(actor, person):
    """Give a deactivated person their access back (the secretariat only)."""
    if not (roles.is_secretariat(actor) and person.member_id is not None):
        raise PermissionDenied
    person.is_active = True
    person.save(update_fields=["is_active"])


def display_name(person):
    return person.get_full_name() or person.email or person.get_username()
