"""The secretariat's pages of the members' people: everyone with an account per member,
inviting a person, sending an invitation again, deactivating and reactivating."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from alv.access import object_id, secretariat_required
from alv.models import User
from alv.security import client_ip
from members import people
from members.forms import InviteForm, PersonForm
from members.models import Member
from members.views import base_url
from workspace.forms import WorkspaceFormMixin
from workspace.views.common import posted

PAGE_SIZE = 50


class PersonInviteForm(WorkspaceFormMixin, InviteForm):
    pass


class PersonEditForm(WorkspaceFormMixin, PersonForm):
    pass


def _people():
    devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.filter(member__isnull=False)
        .select_related("member")
        .annotate(has_second_factor=Exists(devices))
    )


def _list_url(**query):
    query = {key: value for key, value in query.items() if value}
    url = reverse("workspace:people")
    return f"{url}?{urlencode(query)}" if query else url


@secretariat_required
@require_GET
def people_list(request):
    """Everyone who speaks for a member, searchable by name or address, by member."""
    query = request.GET.get("q", "").strip()[:200]
    members = Member.objects.order_by("name")
    member = members.filter(pk=object_id(request.GET.get("member"))).first()
    found = _people().order_by("member__name", "-is_active", "last_name", "first_name")
    if member is not None:
        found = found.filter(member=member)
    for word in query.split()[:8]:
        found = found.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(member__name__icontains=word)
        )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "member": member,
        "members": members,
        "section": "people",
    }
    return render(request, "workspace/people.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def person_invite(request):
    initial = {}
    chosen = object_id(request.GET.get("member"))
    if chosen:
        initial["member"] = chosen
    form = PersonInviteForm(posted(request), initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if people.invite_throttled(request.user, email, client_ip(request)):
            form.add_error(None, _("Too many invitations in a short time. Try again later."))
            status = 429
        else:
            return _invited(request, form.invite(request.user, base_url(request)))
    context = {
        "form": form,
        "section": "people",
        "invitation_days": settings.ALV_INVITATION_DAYS,
    }
    return render(request, "workspace/people_invite.html", context, status=status)


def _invited(request, invitation):
    person = invitation.person
    if invitation.created:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": person.email})
    elif invitation.resent:
        messages.success(
            request,
            _("%(email)s had an invitation already: a new one is sent.") % {"email": person.email},
        )
    else:
        where = person.member.name if person.member else _("no member")
        state = _("active") if person.is_active else _("deactivated")
        messages.warning(
            request,
            _("%(email)s has an account already (%(member)s, %(state)s): no invitation was sent.")
            % {"email": person.email, "member": where, "state": state},
        )
    return redirect(_list_url(q=person.email))


def _person(pk):
    return get_object_or_404(_people(), pk=pk)


def _back(request, person):
    # Back to the list as it was filtered, if the form said so.
    back = request.POST.get("back", "")
    if back.startswith(reverse("workspace:people")) and "//" not in back:
        return redirect(back)
    return redirect(_list_url(member=person.member_id))


@secretariat_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    """A person's name, member, function, contact role and language."""
    person = _person(pk)
    form = PersonEditForm(posted(request), instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("%(name)s is saved.") % {"name": people.display_name(form.instance)}
        )
        return redirect(_list_url(member=form.instance.member_id))
    context = {"person": person, "form": form, "section": "people"}
    return render(request, "workspace/people_edit.html", context)


@secretariat_required
@require_POST
def person_resend(request, pk):
    person = _person(pk)
    if people.invite_throttled(request.user, person.email, client_ip(request)):
        messages.error(request, _("Too many invitations in a short time. Try again later."))
        return _back(request, person)
    try:
        people.resend(request.user, person, base_url(request))
    except people.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": person.email}
        )
    return _back(request, person)


@secretariat_required
@require_http_methods(["GET", "POST"])
def person_deactivate(request, pk):
    person = _person(pk)
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
        return _back(request, person)
    context = {
        "person": person,
        "back": "workspace:people",
        "action_url": request.path,
        "base_template": "workspace/base.html",
        "section": "people",
    }
    return render(request, "members/deactivate.html", context)


@secretariat_required
@require_POST
def person_reactivate(request, pk):
    person = _person(pk)
    people.reactivate(request.user, person)
    messages.success(
        request,
        _("%(name)s is active again and can log in.") % {"name": people.display_name(person)},
    )
    return _back(request, person)
