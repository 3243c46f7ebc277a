"""The changes that drop cached pages, each mapped to the host names it touches.

Signals are the right tool here (a decoupled side effect, STYLE.md): the code that
publishes, moves or deletes stays unaware of the cache. Connected once from ``apps``.
Page *drafts* change nothing residents see, so only publishing, unpublishing, moving,
deleting and privacy changes count; a page created live without a publish (provisioning)
counts too.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
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


def _definitions_changed(definition_ids) -> None:
    hosts_changed(selectors.hostnames_showing(selectors.definition_page_paths(definition_ids)))


def _snippet_published(sender, instance, **kwargs):
    from balai.layanan.models import ServiceDefinition

    if isinstance(instance, ServiceDefinition):
        # Connected after balai.layanan's own receiver (INSTALLED_APPS order), so the pages
        # it creates for offices that gained the service are found here too.
        _definitions_changed([instance.pk])


def _model_changed(sender, instance, created=False, **kwargs):
    """post_save and post_delete of every model: act on the few that residents see."""
    from balai.layanan.models import ServiceCategory, ServiceDefinition
    from balai.wilayah.models import Region

    deleted = kwargs.get("signal") is post_delete
    if isinstance(instance, Page):
        if deleted:
            _page_withdrawn(sender, instance)
        elif created and instance.live:
            _page_changed(sender, instance)
    elif isinstance(instance, PageViewRestriction):
        hosts_withdrawn(selectors.hostnames_showing(
            Page.objects.filter(pk=instance.page_id).values_list("path", flat=True)))
    elif isinstance(instance, AbstractImage | AbstractDocument):
        hosts_changed(selectors.hostnames_showing_media(instance))
    elif isinstance(instance, Site | BaseGenericSetting):
        # Apps above this one (profil's holidays, the search synonyms) call
        # all_hosts_changed() from their own receivers.
        all_hosts_changed()
    elif isinstance(instance, BaseSiteSetting):
        hosts_changed(selectors.hostnames_showing(
            Page.objects.filter(sites_rooted_here=instance.site_id).values_list(
                "path", flat=True)))
    elif isinstance(instance, Region):
        hosts_changed(selectors.hostnames_showing(selectors.region_home_paths(instance.pk)))
    elif isinstance(instance, ServiceDefinition) and deleted:
        _definitions_changed([instance.pk])
    elif isinstance(instance, ServiceCategory):
        _definitions_changed(instance.services.values_list("pk", flat=True))


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(_page_withdrawn, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache-page-moved")
    published.connect(_snippet_published, dispatch_uid="pagecache-snippet-published")
    unpublished.connect(_snippet_published, dispatch_uid="pagecache-snippet-unpublished")
    post_save.connect(_model_changed, dispatch_uid="pagecache-model-saved")
    post_delete.connect(_model_changed, dispatch_uid="pagecache-model-deleted")
