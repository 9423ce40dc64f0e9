import contextvars

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
