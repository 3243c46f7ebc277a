"""The changes that drop cached pages, each mapped to the host names it touches.

Signals are the right tool here (a decoupled side effect, STYLE.md): the code that
publishes, moves or deletes stays unaware of the cache. Connected once from ``apps``.
Page *drafts* change nothing residents see, so only publishing, unpublishing, moving,
deleting and privacy changes count; a page created live without a publish (provisioning)
counts too.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
)

from . import selectors
from .versions import all_hosts_changed, hosts_changed, hosts_withdrawn


def _showing(page) -> set[str]:
    """Host names showing a page: those of ``hostnames_showing``, and for a page every site
    under its parent shows (``shown_on_sites_below``: a kecamatan's contact page is what the
    kelurahan sites under it offer while their own is empty) all of those sites."""
    paths = [page.path]
    if getattr(page.specific_class, "shown_on_sites_below", False):
        paths.append(page.path[:-Page.steplen])
    return selectors.hostnames_showing(paths)


def _page_changed(sender, instance, **kwargs):
    hosts_changed(_showing(instance))


def _page_withdrawn(sender, instance, **kwargs):
    """Unpublished or deleted: not even the stale copies of an outage may show it again."""
    hosts_withdrawn(_showing(instance))


def _page_moved(sender, instance, parent_page_before, **kwargs):
    hosts_withdrawn(_showing(instance)
                    | selectors.hostnames_above([parent_page_before.path]))


def _model_changed(sender, instance, created=False, **kwargs):
    """post_save and post_delete of every model: act on the pages, sites and settings that
    residents see (the domain's own models: balai/provisioning/changes.py)."""
    deleted = kwargs.get("signal") is post_delete
    if isinstance(instance, Page):
        if deleted:
            _page_withdrawn(sender, instance)
        elif created and instance.live:
            _page_changed(sender, instance)
    elif isinstance(instance, PageViewRestriction):
        hosts_withdrawn(selectors.hostnames_showing(
            Page.objects.filter(pk=instance.page_id).values_list("path", flat=True)))
    elif isinstance(instance, Site | BaseGenericSetting):
        all_hosts_changed()
    elif isinstance(instance, BaseSiteSetting):
        hosts_changed(selectors.hostnames_showing(
            Page.objects.filter(sites_rooted_here=instance.site_id).values_list(
                "path", flat=True)))


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(_page_withdrawn, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache-page-moved")
    post_save.connect(_model_changed, dispatch_uid="pagecache-model-saved")
    post_delete.connect(_model_changed, dispatch_uid="pagecache-model-deleted")
