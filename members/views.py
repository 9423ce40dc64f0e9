"""The members' people pages: accepting an invitation (choosing a password), the contact
person's page of their member's colleagues, and each person's own mail settings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from alv import roles
from alv.access import object_id, user_test_required
from alv.backends import PASSWORD_BACKEND
from alv.models import User
from alv.security import client_ip
from members import people
from members.forms import InviteForm, MailSettingsForm

# Where the token of a valid link waits, once it is out of the address bar.
SESSION_TOKEN = "_invitation_token"
SET_PASSWORD = "set-password"

contact_required = user_test_required(people.is_contact_person, {roles.MEMBER})
# A person who speaks for a member: they receive the mail of its motions.
representative_required = user_test_required(people.is_representative, {roles.MEMBER})


def base_url(request):
    """The start of the links the worker puts in mail, as this request reached us."""
    return request.build_absolute_uri("/")


def too_many(request):
    return render(request, "members/too_many.html", status=429)


def _person(uidb64):
    try:
        pk = object_id(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first() if pk else None


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, uidb64, token):
    """An invitation link: choose a password, and be logged in.

    As Django's password reset: a valid token moves into the session and the browser is sent
    to the same address with "set-password" instead, so the token is not left in the history
    or passed on in a Referer."""
    person = _person(uidb64)
    if people.accept_throttled(client_ip(request), person.pk if person else uidb64):
        return too_many(request)
    if token != SET_PASSWORD:
        if (
            person is not None
            and person.is_active
            and people.invitation_tokens.check_token(person, token)
        ):
            request.session[SESSION_TOKEN] = token
            return redirect("members:accept", uidb64=uidb64, token=SET_PASSWORD)
        return _invalid(request, person, token)
    token = request.session.get(SESSION_TOKEN, "")
    if not (
        person is not None
        and person.is_active
        and people.invitation_tokens.check_token(person, token)
    ):
        return _invalid(request, person, token)
    form = SetPasswordForm(person, request.POST if request.method == "POST" else None)
    for field in form.fields.values():
        field.help_text = ""  # the rules come with the errors, if any
    if form.is_valid():
        form.save()
        del request.session[SESSION_TOKEN]
        login(request, person, backend=PASSWORD_BACKEND)
        messages.success(request, _("Welcome! Your password is set and you are logged in."))
        return redirect("members:colleagues" if people.is_contact_person(person) else "home")
    return render(request, "members/accept.html", {"form": form, "person": person})


def _invalid(request, person, token):
    # Used: the person has a password now. Expired: a genuine link of the current invitation,
    # too old; its holder is shown who can send a new one. Otherwise (replaced by a newer
    # invitation, tampered) the same general answer.
    # Only for an account that was invited: the link's id alone says nothing of the others.
    active = person is not None and person.is_active and person.invited_at is not None
    used = active and person.has_usable_password()
    expired = active and not used and people.invitation_tokens.is_expired(person, token)
    context = {
        "used": used,
        "expired": expired,
        "contacts": (
            people.contacts_of(person.member_id).exclude(pk=person.pk)
            if expired and person.member_id
            else ()
        ),
        "invitation_days": settings.ALV_INVITATION_DAYS,
    }
    return render(request, "members/accept_invalid.html", context)


@contact_required
@require_http_methods(["GET", "POST"])
def colleagues(request):
    """'My municipality — colleagues': the contact person's list of the member's people, and
    the invitation of a new colleague."""
    member = request.user.member
    form = InviteForm(request.POST if request.method == "POST" else None, member=member)
    status = 200
    if form.is_valid():
        if people.invite_throttled(request.user, form.cleaned_data["email"], client_ip(request)):
            form.add_error(None, _("Too many invitations in a short time. Try again later."))
            status = 429
        else:
            form.invite(request.user, base_url(request))
            # The same words whatever the address: nothing tells whether it had an account.
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:colleagues")
    colleagues = list(people.people_of(member).filter(is_active=True))
    for person in colleagues:
        # Staff accounts of the member (a board member, say) are the secretariat's to manage.
        person.manageable = person != request.user and people.can_manage(request.user, person)
    context = {"member": member, "people": colleagues, "form": form}
    return render(request, "members/colleagues.html", context, status=status)


def _colleague(request, pk):
    person = get_object_or_404(people.people_of(request.user.member), pk=pk)
    if person.pk == request.user.pk or not people.can_manage(request.user, person):
        raise Http404
    return person


@contact_required
@require_POST
def colleague_resend(request, pk):
    person = _colleague(request, pk)
    if people.invite_throttled(request.user, person.email, client_ip(request)):
        return too_many(request)
    try:
        people.resend(request.user, person, base_url(request))
    except people.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": person.email}
        )
    return redirect("members:colleagues")


@contact_required
@require_http_methods(["GET", "POST"])
def colleague_deactivate(request, pk):
    """Ask, then end a colleague's access."""
    person = _colleague(request, pk)
    if request.method == "POST":
        try:
            people.deactivate(request.user, person)
        except people.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("%(name)s is deactivated and can no longer log in.")
                % {"name": people.display_name(person)},
            )
        return redirect("members:colleagues")
    return render(
        request,
        "members/deactivate.html",
        {"person": person, "back": "members:colleagues", "action_url": request.path},
    )


@representative_required
@require_http_methods(["GET", "POST"])
def mail_settings(request):
    """'My notifications': which mail about motions the person receives; their own only (the
    page has no id: it is always the logged-in person's)."""
    form = MailSettingsForm(request.POST if request.method == "POST" else None, person=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings are saved."))
            return redirect("members:mail_settings")
        status = 400
    context = {"form": form, "member": request.user.member}
    return render(request, "members/mail_settings.html", context, status=status)
