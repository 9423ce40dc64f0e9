from django.utils.functional import SimpleLazyObject, lazy

from alv.models import Association


def association(request):
    """The association on every page: `association` (name, short_name, logo, revision), and
    the two names by themselves. Lazy: a fragment that shows neither reads nothing."""
    current = SimpleLazyObject(lambda: Association.current(request))
    return {
        "association": current,
        "association_name": lazy(lambda: current.name, str)(),
        "association_short_name": lazy(lambda: current.short_name, str)(),
    }
