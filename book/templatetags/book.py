from django import template
from django.template.defaultfilters import filesizeformat

from alv import roles

register = template.Library()


@register.filter
def book_file_url(build):
    from book.views import file_url

    return file_url(build)


@register.filter
def sees_unpublished(user):
    return roles.can_see_unpublished(user)


@register.filter
def book_size(build):
    return filesizeformat(build.size or 0)
