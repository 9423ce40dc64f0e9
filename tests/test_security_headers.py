"""Every response carries the security headers; the policy allows no inline script or style."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/meetings/999999/"])
def test_pages_and_error_pages_send_a_strict_content_security_policy(client, path):
    csp = policy(client.get(path))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)


def test_pages_forbid_framing_sniffing_and_cross_site_referrers(client):
    response = client.get(reverse("home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_pages_have_no_inline_script_or_style(client, demo_meeting, secretariat_user):
    client.force_login(secretariat_user)
    for url in (reverse("home"), reverse("meeting_detail", args=[demo_meeting.pk])):
        html = client.get(url).content.decode()
        assert "<style" not in html
        assert " style=" not in html
        for script in html.split("<script")[1:]:
            assert script.split(">")[0].strip().startswith("src="), script[:80]


def test_htmx_is_told_not_to_add_its_inline_indicator_style(client):
    html = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert ".htmx-indicator" in (settings.BASE_DIR / "static/css/layout.css").read_text()


def test_cached_pages_with_the_readers_own_token_are_kept_by_no_shared_cache(
    client, demo_meeting, member_user
):
    url = reverse("meeting_detail", args=[demo_meeting.pk])
    for reader in ("anonymous", "member"):
        if reader == "member":
            client.force_login(member_user)
        for _ in range(2):  # rendered, then served from the page cache
            response = client.get(url)
            assert response.status_code == 200
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert {"private", "no-cache"} <= directives, reader
