"""The city service catalogue in the admin: a menu group for the city office only.

Snippet permissions are model-wide, so only groups given them (the city office) see the
menu; kelurahan operators edit their local service pages in the page tree instead.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ServiceCategory, ServiceDefinition


class ServiceDefinitionViewSet(SnippetViewSet):
    model = ServiceDefinition
    icon = "clipboard-list"
    menu_label = _("Services")
    list_display = ["name", "category", "level", "is_sample", "live", "updated_at"]
    list_filter = ["category", "level", "online", "is_sample", "live"]
    search_fields = ["name", "keywords", "summary"]
    ordering = ["category__sort_order", "name"]


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order"]


class CatalogueGroup(SnippetViewSetGroup):
    items = (ServiceDefinitionViewSet, ServiceCategoryViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Service catalogue")
    menu_name = "katalog-layanan"


register_snippet(CatalogueGroup)
