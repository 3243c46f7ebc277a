"""The search synonyms in the admin, for the city office only.

Snippet permissions are model-wide: only the city office's group holds them (provisioning's
CITY_ADMIN_PERMISSIONS), so operators see no menu item, and every snippet URL is the city's
alone (balai/operators/isolation.py, CITY_ONLY).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "sinonim-pencarian"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["__str__", "updated_at"]
    ordering = ["words"]


register_snippet(SynonymGroupViewSet)
