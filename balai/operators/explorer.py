"""The choices of the admin's page filters, limited to what an office account may see.

Wagtail builds the filters of its page explorer (site, owner, edited by) and of its locked
pages report (locked by) from every site and every account of the installation. The pages
they filter are already the user's own, but the choices are not: an operator of one
kelurahan would see the list of all 52 sites and the names of other offices' staff. Wagtail
has no hook for a listing's filters; its filters accept a queryset callable with the
request (django-filter), so ``scope_page_filters`` gives them one that applies the rules of
``isolation.py``: a city user keeps every choice, an office account gets its own sites and
the accounts that worked on its own pages.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.models import Page, PageLogEntry, Site

from balai.core.groups import is_city_user

from .isolation import OwnScope


def _own_pages_condition(user, prefix: str = "") -> Q | None:
    """Pages under the user's own site(s); None for a city user (everything)."""
    if is_city_user(user):
        return None
    condition = Q(pk__in=[])
    for tree_path in OwnScope(user).page_paths:
        condition |= Q(**{f"{prefix}path__startswith": tree_path})
    return condition


def filter_sites(request):
    sites = Site.objects.select_related("root_page").order_by("site_name", "hostname")
    if request is None:
        return sites.none()
    condition = _own_pages_condition(request.user, "root_page__")
    return sites if condition is None else sites.filter(condition)


def _accounts_of(request, pages_condition_for) -> "list":
    """Accounts related (by ``pages_condition_for``) to pages the request's user may see."""
    users = get_user_model().objects.order_by("username")
    if request is None:
        return users.none()
    condition = _own_pages_condition(request.user)
    pages = Page.objects.all() if condition is None else Page.objects.filter(condition)
    return users.filter(pk__in=pages_condition_for(pages))


def filter_owners(request):
    return _accounts_of(request, lambda pages: pages.order_by().values("owner_id"))


def filter_editors(request):
    return _accounts_of(request, lambda pages: PageLogEntry.objects.filter(
        action="wagtail.edit", page__in=pages).order_by().values("user_id"))


def filter_lockers(request):
    return _accounts_of(request, lambda pages: pages.filter(locked=True).order_by()
                        .values("locked_by_id"))


def scope_page_filters() -> None:
    """Give Wagtail's page filters choices that depend on the request's user. The filter
    objects are shared by the explorer's filter sets (GenericPageFilterSet inherits them)
    and copied for each request, so this is done once, when the admin's hooks load."""
    filters = PageFilterSet.base_filters
    filters["site"].queryset = filter_sites
    filters["owner"].queryset = filter_owners
    filters["edited_by"].queryset = filter_editors
    LockedPagesReportFilterSet.base_filters["locked_by"].queryset = filter_lockers
