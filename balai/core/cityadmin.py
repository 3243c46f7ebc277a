"""The admin screens that only the city office uses are marked by one model permission
(e.g. ``auth.add_user``): their menu item is shown, and their view answers, only to a user who
holds it. Offices' operators never do (``balai/provisioning/roles.py``)."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one model permission (the city office's)."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def require_permission(request, permission: str) -> None:
    """Refuse (403) a user without the model permission that marks the city office's work."""
    if not request.user.has_perm(permission):
        raise PermissionDenied
