from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from alv.urls import urlpatterns as app_urlpatterns


def ceiling(request):
    """The least a Django view can do: what every page's throughput is compared with."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def ceiling_post(request):
    """The least an authenticated form post can cost (the session, the user, the CSRF check,
    which stays on): what a vote's throughput is compared with (bench/votes.py)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("bench/ceiling/post/", ceiling_post, name="bench_ceiling_post"),
    *app_urlpatterns,
]
