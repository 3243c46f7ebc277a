"""The public holidays in the admin's settings menu, for the city office only.

The city's public-service contacts are a generic setting (``CityContact``, registered in
models.py); both use ``CityOfficePermissionPolicy``, and their URLs are refused to an
office's operator by ``balai/operators/isolation.py`` (wagtailsettings:, wagtailsnippets_).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from balai.core.permissions import CityOfficePermissionPolicy

from .models import PublicHoliday
from .selectors import site_contacts

# Every page's footer and the empty sections' help name the office's contacts (the chrome,
# balai/core/selectors.py, asks through this hook: core sits below profil).
hooks.register("balai_site_contacts", site_contacts)


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Public holidays")
    add_to_settings_menu = True
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["-date"]

    @property
    def permission_policy(self):
        return CityOfficePermissionPolicy(self.model)


register_snippet(PublicHolidayViewSet)
