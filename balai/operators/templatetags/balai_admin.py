"""Balai's name in the admin's own templates (balai/templates/wagtailadmin/)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def balai_admin_name() -> str:
    """What the admin calls itself: 'Balai · Kota Cilegon' (WAGTAIL_SITE_NAME)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def balai_city_name() -> str:
    return settings.BALAI_CITY_NAME
