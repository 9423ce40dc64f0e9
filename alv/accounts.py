"""The account pages beyond Django's own: password reset throttled and mailed by the worker,
and two-factor sign-in (set up, verify, recovery codes, remove). See docs/deploy.md."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from alv import second_factor, throttle
from alv.access import second_factor_required
from alv.tasks import RESET_HTML, send_password_reset_mail

# --- Password reset ----------------------------------------------------------------------------


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail queued for the worker instead of sent in the
    request (and so answering as fast whether the address has an account or not)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        link = {key: context[key] for key in ("email", "domain", "site_name", "uid", "token")}
        send_password_reset_mail.enqueue(
            user_id=context["user"].pk,
            language=translation.get_language(),
            context={**link, "protocol": context["protocol"]},
            from_email=from_email,
        )


class PasswordResetView(auth_views.PasswordResetView):
    """At most ALV_PASSWORD_RESET_PER_CLIENT requests per client, and per e-mail address
    ALV_PASSWORD_RESET_PER_ADDRESS mails; beyond that the address gets the same answer as
    always and no mail, so the answer never tells whether the address has an account."""

    form_class = QueuedPasswordResetForm
    html_email_template_name = RESET_HTML

    def post(self, request, *args, **kwargs):
        limit, window = settings.ALV_PASSWORD_RESET_PER_CLIENT
        if not throttle.hit(("password-reset", "client", throttle.client(request)), limit, window):
            return throttle.too_many(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limit, window = settings.ALV_PASSWORD_RESET_PER_ADDRESS
        address = form.cleaned_data["email"]
        if not throttle.hit(("password-reset", "address", address), limit, window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link's page and its set-password form: ALV_PASSWORD_RESET_LINK_PER_CLIENT requests
    per client, so that links cannot be guessed."""

    def dispatch(self, request, *args, **kwargs):
        limit, window = settings.ALV_PASSWORD_RESET_LINK_PER_CLIENT
        if not throttle.hit(("password-reset-link", throttle.client(request)), limit, window):
            return throttle.too_many(request)
        return super().dispatch(request, *args, **kwargs)


# --- Two-factor sign-in ----------------------------------------------------------------------

KEY_SESSION_KEY = "alv_totp_key"
CODES_SESSION_KEY = "alv_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy("The six digits your authenticator app shows now."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
    )


def _code_throttles(request):
    return [
        (("second-factor", "account", request.user.pk), *settings.ALV_SECOND_FACTOR_PER_ACCOUNT),
        (
            ("second-factor", "client", throttle.client(request)),
            *settings.ALV_SECOND_FACTOR_PER_CLIENT,
        ),
    ]


def _throttled(request):
    return any(
        throttle.blocked(key, limit, window) for key, limit, window in _code_throttles(request)
    )


def _count_wrong_code(request):
    for key, limit, window in _code_throttles(request):
        throttle.hit(key, limit, window)


@never_cache
@login_required
def two_factor(request):
    """The account page "Two-factor sign-in": whether it is on, set it up again or remove it."""
    user = request.user
    return render(
        request,
        "registration/two_factor.html",
        {
            "has_device": second_factor.has_device(user),
            "required": second_factor_required(user),
            "recovery_codes_left": second_factor.remaining_recovery_codes(user),
        },
    )


@never_cache
@login_required
def two_factor_setup(request):
    """Scan the QR code (or type the key), enter a code: the device is on, and the recovery
    codes are shown once. Until then nothing is stored but the key in the session."""
    if second_factor.pending(request) == "verify":
        # A new device replaces the old one: only once this session has passed the old one.
        return redirect_with_next(request, "two_factor_verify")
    key = request.session.get(KEY_SESSION_KEY)
    if not key:
        key = request.session[KEY_SESSION_KEY] = second_factor.new_key()
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _throttled(request):
            form.is_valid()
            form.add_error("code", _("Too many wrong codes. Try again in 15 minutes."))
            status = 429
        elif form.is_valid() and second_factor.code_matches_key(key, form.cleaned_data["code"]):
            device, codes = second_factor.confirm_device(request.user, key)
            otp_login(request, device)
            del request.session[KEY_SESSION_KEY]
            request.session[second_factor.HAS_DEVICE_SESSION_KEY] = True
            request.session[CODES_SESSION_KEY] = codes
            return redirect_with_next(request, "two_factor_recovery_codes")
        else:
            _count_wrong_code(request)
            if form.is_valid():
                form.add_error(
                    "code", _("This code is not right. Enter the code your app shows now.")
                )
    device = second_factor.unsaved_device(request.user, key)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_data_uri(device),
            "manual_key": second_factor.manual_key(device),
            "required": second_factor_required(request.user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=status,
    )


def redirect_with_next(request, name):
    target = reverse(name)
    next_url = request.POST.get("next") or request.GET.get("next")
    return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)


@never_cache
@login_required
def two_factor_recovery_codes(request):
    """The recovery codes, once: right after the set-up (they are not kept readable)."""
    codes = request.session.pop(CODES_SESSION_KEY, None)
    if not codes:
        return redirect("two_factor")
    return render(
        request,
        "registration/two_factor_recovery_codes.html",
        {"codes": codes, "next": second_factor.safe_next(request, "two_factor")},
    )


@never_cache
@login_required
def two_factor_verify(request):
    """After the password: a code of the app or a recovery code (each works once)."""
    if second_factor.pending(request) != "verify":
        return redirect(second_factor.safe_next(request))
    form = VerifyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _throttled(request):
            form.is_valid()
            form.add_error("code", _("Too many wrong codes. Try again in 15 minutes."))
            status = 429
        elif form.is_valid():
            code = "".join(form.cleaned_data["code"].split())
            device = match_token(request.user, code)
            if device is not None:
                otp_login(request, device)
                account_key, _limit, window = _code_throttles(request)[0]
                throttle.clear(account_key, window)
                return redirect(second_factor.safe_next(request))
            _count_wrong_code(request)
            form.add_error("code", _("This code is not right. Enter the code your app shows now."))
        else:
            _count_wrong_code(request)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@login_required
@require_POST
def two_factor_remove(request):
    """Members' people may switch the second factor off; those who must have one may not."""
    if second_factor_required(request.user):
        raise PermissionDenied
    second_factor.remove(request.user)
    request.session[second_factor.HAS_DEVICE_SESSION_KEY] = False
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor")
