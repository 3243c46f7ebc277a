"""What follows a change residents see, beyond the page itself, in one place and in order.

The page cache's engine (``balai/pagecache/receivers.py``) drops the cached pages of the
sites that show a published, moved or deleted page, a page's privacy, a site or a setting:
it knows pages and sites, nothing of the city's domain. The rules below know the domain:
which sites show a city service, a region's name, an image or a document, the holidays and
the search synonyms. Each receiver runs its steps in the order written here, whatever the
order of ``INSTALLED_APPS``: for a service the city publishes, first the offices' pages are
made or renamed (``definition_published``), then the cached pages that list them are
dropped, so the new pages are among them. Connected once, from ``apps``.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import published, unpublished

from balai.layanan.models import LayananPage, ServiceCategory, ServiceDefinition
from balai.pagecache.selectors import hostnames_showing
from balai.pagecache.versions import all_hosts_changed, hosts_changed
from balai.profil.models import PublicHoliday
from balai.synonyms.models import SynonymGroup
from balai.wilayah.models import Region

from .models import RegionSite
from .services import definition_published


def _definition_page_paths(definition_ids: Iterable[int]) -> list[str]:
    """Tree paths of every office's page for these city service definitions."""
    return list(LayananPage.objects.filter(definition_id__in=list(definition_ids))
                .values_list("path", flat=True))


def _definitions_changed(definition_ids: Iterable[int]) -> None:
    hosts_changed(hostnames_showing(_definition_page_paths(definition_ids)))


def _hostnames_showing_media(item) -> set[str]:
    """Host names showing an image or a document: wherever a page (or a city service shown
    on pages) refers to it, by Wagtail's reference index, and the site whose collection
    holds it (which covers pages whose live version still uses it)."""
    page_type = ContentType.objects.get_for_model(Page)
    definition_type = ContentType.objects.get_for_model(ServiceDefinition)
    page_ids, definition_ids = set(), set()
    for base_type, object_id in ReferenceIndex.get_references_to(item).values_list(
            "base_content_type_id", "object_id"):
        if base_type == page_type.pk:
            page_ids.add(int(object_id))
        elif base_type == definition_type.pk:
            definition_ids.add(int(object_id))
    paths = set(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    paths.update(_definition_page_paths(definition_ids))
    collection_id = getattr(item, "collection_id", None)
    if collection_id:
        paths.update(RegionSite.objects.filter(collection_id=collection_id,
                                               home_page__isnull=False)
                     .values_list("home_page__path", flat=True))
    return hostnames_showing(paths)


def _region_home_paths(region_id: int) -> list[str]:
    """The tree path of a region's home page, if it has a site."""
    return list(RegionSite.objects.filter(region_id=region_id, home_page__isnull=False)
                .values_list("home_page__path", flat=True))


def definition_published_or_withdrawn(sender, instance, **kwargs) -> None:
    """The city published (or unpublished) a service of its catalogue: 1. on publish, the
    offices' pages follow it; 2. every site showing one of them drops its cached pages."""
    if kwargs.get("signal") is published:
        definition_published(definition=instance)
    _definitions_changed([instance.pk])


def model_changed(sender, instance, created=False, **kwargs) -> None:
    """post_save and post_delete of the domain's models that residents see."""
    deleted = kwargs.get("signal") is post_delete
    if isinstance(instance, AbstractImage | AbstractDocument):
        hosts_changed(_hostnames_showing_media(instance))
    elif isinstance(instance, Region):
        hosts_changed(hostnames_showing(_region_home_paths(instance.pk)))
    elif isinstance(instance, ServiceDefinition) and deleted:
        _definitions_changed([instance.pk])
    elif isinstance(instance, ServiceCategory):
        _definitions_changed(instance.services.values_list("pk", flat=True))
    elif isinstance(instance, PublicHoliday | SynonymGroup):
        # Every office's "open now / opens again" may change with a holiday; every site's
        # search answers with the synonyms.
        all_hosts_changed()


def connect() -> None:
    for signal in (published, unpublished):
        signal.connect(definition_published_or_withdrawn, sender=ServiceDefinition,
                       dispatch_uid=f"provisioning-definition-{signal is published}")
    post_save.connect(model_changed, dispatch_uid="provisioning-model-saved")
    post_delete.connect(model_changed, dispatch_uid="provisioning-model-deleted")
