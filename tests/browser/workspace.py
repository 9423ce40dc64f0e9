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


_PRESS_AGAIN_ON_SWAP = """
document.addEventListener("htmx:afterSwap", function pressAgain() {
  document.removeEventListener("htmx:afterSwap", pressAgain);
  // The first moment a person could act: the next task after the swap put the focus back.
  setTimeout(function () { document.activeElement.click(); }, 0);
});
"""


def press_again_the_moment_the_focus_is_back(page):
    """Arrange that the element holding the focus right after the next htmx swap is pressed
    at once, as a fast keyboard user pressing Enter twice would. Returns a function that says
    whether the page stayed the same document (a plain form submission navigates away)."""
    page.evaluate("window.__same_document = true")
    page.evaluate(_PRESS_AGAIN_ON_SWAP)
    return lambda: page.evaluate("window.__same_document === true")


# A phone, as the member pages are checked at: nothing may scroll sideways.
PHONE = {"width": 390, "height": 844}


def fits_the_screen(page):
    """True when the page does not scroll sideways at its current width."""
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
