"""Every state-changing request needs the CSRF token, htmx requests included."""

import re

import pytest

from tests import urlmatrix
from tests.samples import ROLES, build_samples

pytestmark = pytest.mark.django_db

POSTABLE = sorted(
    name
    for name in urlmatrix.project_urls()
    if name in urlmatrix.MATRIX
    and any(
        case.post[role] != urlmatrix.NOT_ALLOWED for case in urlmatrix.cases(name) for role in ROLES
    )
)


@pytest.fixture
def samples(db):
    return build_samples()


@pytest.mark.parametrize("name", POSTABLE)
def test_a_post_without_the_csrf_token_is_refused(name, samples):
    for case in urlmatrix.cases(name):
        url = urlmatrix.url_for(name, case, samples)
        for role in ROLES:
            if case.post[role] == urlmatrix.NOT_ALLOWED:
                continue
            client = urlmatrix.client_for(role, samples, enforce_csrf_checks=True)
            response = client.post(url, case.post_data or {})
            assert response.status_code == 403, (url, role)
            assert "Het formulier is verlopen" in response.content.decode()


def test_there_are_state_changing_urls_to_check():
    assert {"login", "logout", "set_language", "password_reset"} <= set(POSTABLE)


def test_htmx_requests_carry_the_token_from_the_page_header(client, member_user):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(member_user)
    page = client.get("/").content.decode()
    token = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page).group(1)
    refused = client.post("/accounts/logout/", headers={"HX-Request": "true"})
    assert refused.status_code == 403
    accepted = client.post(
        "/accounts/logout/", headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    assert accepted.status_code == 302
    assert "_auth_user_id" not in client.session
