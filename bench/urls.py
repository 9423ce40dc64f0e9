from django.http import HttpResponse
from django.urls import path

from alv.urls import urlpatterns as app_urlpatterns


def ceiling(request):
    """The least a Django view can do: what every page's throughput is compared with."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *app_urlpatterns]
