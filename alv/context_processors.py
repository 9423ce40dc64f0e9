from django.conf import settings


def association(request):
    return {
        "association_name": settings.ALV_ASSOCIATION_NAME,
        "association_short_name": settings.ALV_ASSOCIATION_SHORT_NAME,
    }
