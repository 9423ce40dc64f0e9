from django import template

from alv import formatting

register = template.Library()


@register.filter(is_safe=True)
def rich_text(value):
    """Plain text with limited markup -> sanitized HTML. See alv/formatting.py."""
    return formatting.rich_text(value)
