"""Small security helpers that settings refer to by name."""

from csp.middleware import CSPMiddleware
from django.conf import settings


def client_ip(request):
    """The address of the client, for login throttling.

    Behind ALV_TRUSTED_PROXY_COUNT reverse proxies, each proxy appends the address it saw to
    X-Forwarded-For; the entry that many places from the right is the one our own outermost
    proxy saw, and cannot be forged by the client (entries further left can)."""
    count = settings.ALV_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, but a 304 Not Modified gets no policy: it has no body, and the
    browser keeps the policy of the answer it already holds. Building the policy was a tenth
    of the cost of a polled fragment's 304 (alv/polling.py)."""

    def process_response(self, request, response):
        if response.status_code == 304:
            return response
        return super().process_response(request, response)
