"""What a resident sees and what is stored: every published page's HTML on its own site's
host, and every media file's SHA-256. Two snapshots that are equal mean nothing a resident
can see has changed."""

import hashlib

from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, Site

from balai.backup.media import media_names, media_read


def _host(site: Site) -> str:
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def pages_html(pages=None) -> dict[str, str]:
    """``{host + path: HTML}`` of every live public page (or of the given pages)."""
    cache.clear()
    sites = {site.pk: site for site in Site.objects.all()}
    clients = {pk: Client(HTTP_HOST=_host(site)) for pk, site in sites.items()}
    pages = pages if pages is not None else Page.objects.live().public().filter(depth__gt=1)
    rendered = {}
    for page in pages.order_by("path"):
        site_id, _root, path = page.get_url_parts()
        response = clients[site_id].get(path)
        assert response.status_code == 200, (path, response.status_code)
        rendered[f"{_host(sites[site_id])}{path}"] = response.content.decode()
    return rendered


def demo_pages(*, sites: list[str]):
    """The pages the tests render: the home page of every site and every page of the given
    sites (region codes). The demo fills every page type on the portal, Kecamatan Citangkil
    and Kelurahan Citangkil and Kebonsari (news, agenda, organisations, programs, services,
    documents, staff, RT/RW, contact); the 47 other sites have the same provisioned pages
    as Warnasari, so rendering all 1,355 pages twice would add a minute and test nothing
    more (rendering them all after a real restore of the demo installation: identical)."""
    from balai.provisioning.models import RegionSite

    homes = {record.home_page.path: record.region.kode
             for record in RegionSite.objects.select_related("home_page", "region")}
    chosen = []
    for pk, path in Page.objects.live().public().filter(depth__gt=1).values_list("pk", "path"):
        own = max((home for home in homes if path.startswith(home)), key=len, default=None)
        if path in homes or (own is not None and homes[own] in sites):
            chosen.append(pk)
    return Page.objects.filter(pk__in=chosen)


def media_checksums() -> dict[str, str]:
    return {name: hashlib.sha256(media_read(name)).hexdigest() for name in media_names()}


def site_pages(kode: str):
    """Every live public page of one region's site."""
    from balai.provisioning.models import RegionSite

    home = RegionSite.objects.select_related("home_page").get(region__kode=kode).home_page
    return Page.objects.live().public().descendant_of(home, inclusive=True)
