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


_LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def watch_policy(page):
    """Collect Content-Security-Policy violations of `page`; returns a function that reads
    those of the current document plus any reported on the console so far."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(_LISTEN)
    return lambda: page.evaluate("window.__violations") + console
