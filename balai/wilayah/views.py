from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Region


class CorrectOnlyPolicy(ModelPermissionPolicy):
    """Regions come from the official list: they are corrected, never added or deleted."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RegionViewSet(ModelViewSet):
    """Lets the city office correct a region's name or postal code; codes never change."""

    model = Region
    icon = "site"
    menu_label = _("Regions")
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["kode", "name", "level", "postal_code"]
    list_filter = ["level"]
    search_fields = ["kode", "name"]
    form_fields = ["name", "postal_code"]
    inspect_view_enabled = True

    @cached_property
    def permission_policy(self):
        return CorrectOnlyPolicy(self.model)
