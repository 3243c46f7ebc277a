"""Running the guard over published pages and keeping its findings."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from balai.pagecache.entries import FRESH_RENDER
from balai.provisioning.models import RegionSite
from balai.security.audit import Kind
from balai.security.audit import record as log_event

from .models import GuardFinding
from .scanner import Finding, scan_html

BROWSER = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0 Mobile Safari/537.36")
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
# Hosts a city page may link to without a warning, besides the city's own domain and every
# government (.go.id) site. A city adds its own with BALAI_GUARD_ALLOWED_HOSTS.
DEFAULT_ALLOWED_HOSTS = ["wa.me", "api.whatsapp.com", "maps.google.com", "www.google.com",
                         "goo.gl", "maps.app.goo.gl", "www.openstreetmap.org"]


def host_allowed(host: str) -> bool:
    host = host.lower().rstrip(".")
    base = settings.BALAI_BASE_DOMAIN.lower()
    allowed = [*DEFAULT_ALLOWED_HOSTS, *getattr(settings, "BALAI_GUARD_ALLOWED_HOSTS", [])]
    return (host == base or host.endswith("." + base) or host.endswith(".go.id")
            or host == "go.id" or host in allowed)


def _text(html: str) -> str:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(strip_tags(body).split())


@dataclass
class PageResult:
    page: Page
    url: str
    findings: list[Finding] = field(default_factory=list)


def page_scan(page: Page, site: Site) -> PageResult:
    """Render the page as a resident's phone and as a search engine sees it, and scan it."""
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    path = "/" + page.url_path[len(site.root_page.url_path):]
    # Fresh renders only: a page from the cache would hide cloaking done while rendering.
    client = Client(HTTP_HOST=host, **{FRESH_RENDER: True})
    seen = client.get(path, HTTP_USER_AGENT=BROWSER)
    result = PageResult(page=page, url=f"{site.root_url}{path}")
    if seen.status_code != 200:
        return result
    html = seen.content.decode(errors="replace")
    result.findings = scan_html(html, host_allowed=host_allowed)
    crawled = client.get(path, HTTP_USER_AGENT=CRAWLER)
    if crawled.status_code != 200 or _text(crawled.content.decode(errors="replace")) != _text(
            html):
        result.findings.append(Finding("cloaking", f"{result.url} ({crawled.status_code})"))
    return result


def site_pages(record: RegionSite):
    """The published pages of one site, not those of the sites below it."""
    home = record.home_page
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    for other in RegionSite.objects.filter(home_page__path__startswith=home.path).exclude(
            pk=record.pk).select_related("home_page"):
        pages = pages.exclude(path__startswith=other.home_page.path)
    return pages.order_by("path")


@transaction.atomic
def guard_run(*, records=None) -> list[PageResult]:
    """Scan every published page of the given sites (all by default) and replace their
    stored findings with what was found now."""
    records = list(records if records is not None else RegionSite.objects.filter(
        home_page__isnull=False, site__isnull=False).select_related(
            "region", "site__root_page", "home_page").order_by("region__kode"))
    results = []
    for record in records:
        pages = list(site_pages(record))
        earlier = set(GuardFinding.objects.filter(page__in=pages).values_list(
            "page_id", "kind", "detail"))
        GuardFinding.objects.filter(page__in=pages).delete()
        for page in pages:
            result = page_scan(page, record.site)
            GuardFinding.objects.bulk_create([
                GuardFinding(page=page, region=record.region, kind=finding.kind,
                             detail=finding.detail[:500], blocking=finding.blocking)
                for finding in result.findings])
            _log_new_attacks(record, result, earlier)
            results.append(result)
    return results


def _log_new_attacks(record: RegionSite, result: PageResult, earlier: set) -> None:
    """Each attack found on a live page goes to the security log once, not at every run."""
    for finding in result.findings:
        if finding.blocking and (result.page.pk, finding.kind,
                                 finding.detail[:500]) not in earlier:
            log_event(Kind.GUARD_FINDING, region=record.region,
                      detail=f"{result.url}: {finding.kind} {finding.detail}")
