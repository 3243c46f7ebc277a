"""Balai's name in the admin's own templates (balai/templates/wagtailadmin/)."""

from django import template
from django.conf import settings

from balai.core.groups import is_city_user

register = template.Library()


@register.simple_tag
def balai_admin_name() -> str:
    """What the admin calls itself: 'Balai · Kota Cilegon' (WAGTAIL_SITE_NAME)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def balai_city_name() -> str:
    return settings.BALAI_CITY_NAME


@register.simple_tag(takes_context=True)
def balai_city_user(context) -> bool:
    """Whether the request's user is the city office's (isolation.py's rule)."""
    request = context.get("request")
    return request is not None and is_city_user(request.user)
