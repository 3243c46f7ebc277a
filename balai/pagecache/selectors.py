"""Which host names show a piece of content, so a change drops the cache of those only.

A page belongs to its own site, but is also reachable by path under the kecamatan's and
the city's host names (``localhost/citangkil/citangkil/``), and those homes list, count or
link to it (directory, news, status page). A site's home also appears in the header and
footer of every site below it. So a change to a page touches every site whose home is the
page or above it, plus every site whose home is inside the page's subtree. Each function
costs a fixed number of queries, however many sites there are.
"""

from collections.abc import Iterable

from django.db.models import Q
from wagtail.models import Page, Site


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
