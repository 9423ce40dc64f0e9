"""The view decorators of alv/access.py: login for strangers, 403 for the wrong role."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from alv import roles
from alv.access import (
    board_required,
    member_required,
    secretariat_required,
    staff_role_required,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def view(request):
    return HttpResponse("inside")


def call(decorator, user=None, htmx=False):
    from django.contrib.auth.models import AnonymousUser

    headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/meetings/1/"}
    request = RequestFactory().get("/page/?x=1", headers=headers if htmx else {})
    request.user = user or AnonymousUser()
    request.htmx = HtmxDetails(request)
    return decorator(view)(request)


def test_it_sends_an_anonymous_visitor_to_the_login_page_and_back():
    response = call(secretariat_required)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/page/%3Fx%3D1"


def test_it_sends_an_htmx_request_to_login_with_a_full_page_redirect_back_to_the_page():
    response = call(secretariat_required, htmx=True)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/meetings/1/"


@pytest.mark.parametrize(
    ("decorator", "role", "allowed"),
    [
        (secretariat_required, roles.SECRETARIAT, True),
        (secretariat_required, roles.BOARD, False),
        (secretariat_required, roles.MEMBER, False),
        (board_required, roles.BOARD, True),
        (board_required, roles.SECRETARIAT, True),
        (board_required, roles.MEMBER, False),
        (member_required, roles.MEMBER, True),
        (member_required, roles.BOARD, True),
        (member_required, None, False),
        (staff_role_required(roles.BOARD), roles.SECRETARIAT, False),
    ],
)
def test_it_lets_in_exactly_the_roles_it_names(decorator, role, allowed):
    user = make_user(f"user-{role}", role)
    if allowed:
        assert call(decorator, user).content == b"inside"
    else:
        with pytest.raises(PermissionDenied):
            call(decorator, user)


def test_a_superuser_counts_as_secretariat():
    user = make_user("root")
    user.is_superuser = True
    assert call(secretariat_required, user).content == b"inside"


def test_it_refuses_an_unknown_role_when_the_view_is_defined():
    with pytest.raises(ImproperlyConfigured):
        staff_role_required("chair")
    with pytest.raises(ImproperlyConfigured):
        staff_role_required()


def test_a_forbidden_page_is_a_403_in_the_apps_own_style(client, settings):
    settings.ROOT_URLCONF = "tests.access_test_urls"
    client.force_login(make_user("lid", roles.MEMBER))
    response = client.get("/guarded/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
