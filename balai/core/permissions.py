"""Page permissions that stop at the boundary of another office's site.

Wagtail page permissions reach every page below the page they are given on. Our one tree
puts each kelurahan site under its kecamatan's home page (docs/decisions/0001), so the
kecamatan operators' permissions would reach their kelurahan sites. The tester below drops
a permission given on a region home page for pages that belong to another site below it:
a kecamatan operator can view the kelurahan sites (the explorer lists them) but cannot edit,
publish, move, copy, lock or delete anything there. Permissions given on the city portal
(the city office's) are not limited.

Every Wagtail view that decides about one page (edit, publish, unpublish, delete, move,
copy, revisions, lock, workflow actions, bulk actions) asks ``page.permissions_for_user``,
which ``BasePage`` points here.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

from .groups import CITY_OFFICE_FIELD_PERMISSION
from .selectors import site_home_models

_HOME_PATHS_CACHE = "_balai_site_home_paths"


def site_home_paths(user) -> list[str]:
    """Tree paths of every kecamatan and kelurahan home page, deepest first; cached on the
    user object for the request, like Wagtail caches its own permission lookups."""
    paths = getattr(user, _HOME_PATHS_CACHE, None)
    if paths is None:
        homes = [model for model in site_home_models() if model.permission_boundary]
        paths = sorted(Page.objects.type(*homes).values_list("path", flat=True),
                       key=len, reverse=True)
        setattr(user, _HOME_PATHS_CACHE, paths)
    return paths


def own_site_home_path(page: Page, user) -> str | None:
    """The path of the kecamatan or kelurahan home the page belongs to (None above them)."""
    return next((path for path in site_home_paths(user) if page.path.startswith(path)), None)


class SitePagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser:
            return
        home_path = own_site_home_path(page, user)
        self.permissions = {
            perm.permission.codename.rsplit("_", maxsplit=1)[0]
            for perm in self.permission_policy.get_cached_permissions_for_user(user)
            if page.path.startswith(perm.page.path)
            and not _crosses_into_another_site(perm.page.path, home_path, user)
        }


def _crosses_into_another_site(granted_path: str, home_path: str | None, user) -> bool:
    """Whether a permission given on ``granted_path`` would reach into a site whose home is
    below it: true when it was given on another (higher) region home."""
    if home_path is None or granted_path == home_path or not home_path.startswith(granted_path):
        return False
    return granted_path in site_home_paths(user)


class CityOfficePermissionPolicy(ModelPermissionPolicy):
    """Every action on a model of the city office's (its public-service contacts, the
    public holidays) needs the city office's permission (CITY_OFFICE_FIELD_PERMISSION,
    held by Admin Kota and superusers) rather than one of the model's own permissions, so
    that no office group can be given it by mistake and the existing city group has it."""

    def user_has_permission(self, user, action):
        return user.is_active and user.has_perm(CITY_OFFICE_FIELD_PERMISSION)

    def users_with_any_permission(self, actions):
        app_label, codename = CITY_OFFICE_FIELD_PERMISSION.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label,
                                               codename=codename)
        return get_user_model().objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)).distinct()
