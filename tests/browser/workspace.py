"""Helpers for the workspace's browser tests."""

from django.test import Client


def log_in(page, live_server, user):
    """Give the browser the session of `user`, as if they had logged in."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def dutch(browser_context_args):
    """Browser settings of a Dutch secretariat: the interface in Dutch."""
    return {**browser_context_args, "locale": "nl-NL"}
