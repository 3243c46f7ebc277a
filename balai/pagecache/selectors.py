"""Which host names show a piece of content, so a change drops the cache of those only.

A page belongs to its own site, but is also reachable by path under the kecamatan's and
the city's host names (``localhost/citangkil/citangkil/``), and those homes list, count or
link to it (directory, news, status page). A site's home also appears in the header and
footer of every site below it. So a change to a page touches every site whose home is the
page or above it, plus every site whose home is inside the page's subtree. Each function
costs a fixed number of queries, however many sites there are.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from wagtail.models import Page, ReferenceIndex, Site


def _ancestor_paths(path: str) -> set[str]:
    return {path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)}


def hostnames_above(paths: Iterable[str]) -> set[str]:
    """Host names of the sites whose home is one of these tree paths or above one."""
    prefixes = set().union(*(_ancestor_paths(path) for path in paths if path))
    if not prefixes:
        return set()
    return set(Site.objects.filter(root_page__path__in=prefixes)
               .values_list("hostname", flat=True))


def hostnames_showing(paths: Iterable[str]) -> set[str]:
    """Host names that serve, list or link to the pages at these tree paths."""
    paths = {path for path in paths if path}
    if not paths:
        return set()
    inside = Q()
    for path in paths:
        inside |= Q(root_page__path__startswith=path)
    below = Site.objects.filter(inside).values_list("hostname", flat=True)
    return hostnames_above(paths) | set(below)


def definition_page_paths(definition_ids: Iterable[int]) -> list[str]:
    """Tree paths of every office's page for these city service definitions."""
    from balai.layanan.models import LayananPage

    return list(LayananPage.objects.filter(definition_id__in=list(definition_ids))
                .values_list("path", flat=True))


def hostnames_showing_media(item: Model) -> set[str]:
    """Host names showing an image or a document: wherever a page (or a city service shown
    on pages) refers to it, by Wagtail's reference index, and the site whose collection
    holds it (which covers pages whose live version still uses it)."""
    from balai.layanan.models import ServiceDefinition
    from balai.provisioning.models import RegionSite

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
    paths.update(definition_page_paths(definition_ids))
    collection_id = getattr(item, "collection_id", None)
    if collection_id:
        paths.update(RegionSite.objects.filter(collection_id=collection_id,
                                               home_page__isnull=False)
                     .values_list("home_page__path", flat=True))
    return hostnames_showing(paths)


def region_home_paths(region_id: int) -> list[str]:
    """The tree path of a region's home page, if it has a site."""
    from balai.provisioning.models import RegionSite

    return list(RegionSite.objects.filter(region_id=region_id, home_page__isnull=False)
                .values_list("home_page__path", flat=True))
