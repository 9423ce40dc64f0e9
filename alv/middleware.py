import contextvars

from django.shortcuts import render

# The request being answered, for code that asks for the association without being handed the
# request (a vote weight per member, the book's cover): it then reads the papers' revision once
# per request, not once per call (alv.models.Association.current).
current_request = contextvars.ContextVar("alv_current_request", default=None)


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class MethodNotAllowedPageMiddleware:
    """A page instead of the empty answer that `require_POST` and its kind give: an address
    of a button opened by hand (a bookmark, a reload after a failed post, a link copied from
    the address bar) says so, and that nothing changed. The Allow header stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method == "HEAD"
            or response.streaming
            or response.content
        ):
            return response
        page = render(request, "405.html", status=405)
        if "Allow" in response.headers:
            page.headers["Allow"] = response.headers["Allow"]
        return page
