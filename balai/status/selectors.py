"""Which sites are live, complete and fresh: for the city office's dashboard, the public
status page and the daily snapshot. A fixed number of queries for any number of sites."""

import datetime
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Page

from balai.guard.models import GuardFinding
from balai.pengaduan.selectors import Figures
from balai.pengaduan.selectors import figures_by_region as complaint_figures
from balai.permohonan.models import ServiceRequest
from balai.permohonan.selectors import Figures as RequestFigures
from balai.permohonan.selectors import figures_by_region as request_figures
from balai.provisioning.models import RegionSite
from balai.status.completeness import STEPLEN, site_checklists
from balai.survei.ikm import Result
from balai.survei.periods import current_semester
from balai.survei.selectors import ikm_by_region
from balai.wilayah.models import Region


def fresh_days() -> int:
    """A site is fresh when something was published on it within this many days."""
    return settings.BALAI_FRESH_DAYS


def stale_days() -> int:
    """A page not published again for this many days counts as stale."""
    return settings.BALAI_STALE_DAYS


@dataclass
class SiteStatus:
    record: RegionSite
    live: bool
    score: int
    complete: bool
    missing: list = field(default_factory=list)
    last_change: datetime.datetime | None = None
    fresh: bool = False
    stale_pages: int = 0
    # Attacks the guard found on the site's pages at its last run (`balai guard`).
    guard_findings: int = 0
    # This year's complaints (balai.pengaduan): received, answered in time, median days.
    complaints: Figures = field(default_factory=Figures)
    # This semester's satisfaction index (balai.survei), with its number of respondents.
    survey: Result = field(default_factory=lambda: Result(respondents=0))
    # This year's online service requests (balai.permohonan): received, complete at first
    # submission, median days to ready, by service and status.
    requests: RequestFigures = field(default_factory=RequestFigures)

    @property
    def region(self) -> Region:
        return self.record.region

    @property
    def url(self) -> str:
        return self.record.site.root_url + "/" if self.record.site else ""


def _site_key(path: str, home_paths: set[str], key_length: int) -> str | None:
    """The home a page path belongs to: the deepest home whose path starts it."""
    for length in range(min(len(path), key_length), 0, -STEPLEN):
        if path[:length] in home_paths:
            return path[:length]
    return None


def _changes(homes) -> tuple[dict[str, datetime.datetime], dict[str, int]]:
    """Last publication and number of stale live pages per site (by home path). Pages are
    grouped by their ancestor at the depth of the deepest home, so each page counts for the
    site it belongs to (a kelurahan's pages not for its kecamatan)."""
    home_paths = {home.path for home in homes}
    key_length = max(len(path) for path in home_paths)
    common = os.path.commonprefix(sorted(home_paths))
    common = common[:len(common) - len(common) % STEPLEN]
    pages = Page.objects.filter(path__startswith=common,
                                depth__gte=min(home.depth for home in homes))
    cutoff = timezone.now() - datetime.timedelta(days=stale_days())
    last: dict[str, datetime.datetime] = {}
    stale: dict[str, int] = {}
    grouped = pages.annotate(key=Substr("path", 1, key_length)).values("key")
    for row in grouped.annotate(latest=Max("last_published_at")):
        home = _site_key(row["key"], home_paths, key_length)
        if home and row["latest"] and (home not in last or row["latest"] > last[home]):
            last[home] = row["latest"]
    for row in grouped.filter(live=True, last_published_at__lt=cutoff).annotate(
            stale=Count("pk")):
        home = _site_key(row["key"], home_paths, key_length)
        if home:
            stale[home] = stale.get(home, 0) + row["stale"]
    return last, stale


def year_start() -> datetime.datetime:
    """The start of this year, local time: the period of the complaint and request
    figures."""
    today = timezone.localdate()
    return datetime.datetime(today.year, 1, 1, tzinfo=timezone.get_current_timezone())


def site_statuses(*, kecamatan: str | None = None) -> list[SiteStatus]:
    """Every kecamatan and kelurahan site (or those of one kecamatan), in code order."""
    records = (RegionSite.objects.exclude(region__level=Region.Level.KOTA)
               .filter(home_page__isnull=False)
               .select_related("region", "site", "home_page")
               .defer("region__boundary", "region__source")
               .order_by("region__kode"))
    if kecamatan:
        records = records.filter(region__kode__startswith=kecamatan)
    records = list(records)
    if not records:
        return []
    homes = [record.home_page for record in records]
    checklists = site_checklists(homes)
    last, stale = _changes(homes)
    guard = dict(GuardFinding.objects.filter(blocking=True).values_list("region_id").annotate(
        count=Count("pk")))
    since = timezone.now() - datetime.timedelta(days=fresh_days())
    complaints = complaint_figures(since=year_start())
    requests = request_figures(since=year_start())
    semester = current_semester()
    surveys = ikm_by_region(semester.start, semester.end)
    statuses = []
    for record in records:
        home = record.home_page
        checklist = checklists[home.pk]
        changed = last.get(home.path)
        statuses.append(SiteStatus(
            record=record, live=bool(home.live and record.site_id), score=checklist.score,
            complete=checklist.complete, missing=checklist.missing, last_change=changed,
            fresh=bool(changed and changed >= since), stale_pages=stale.get(home.path, 0),
            guard_findings=guard.get(record.region_id, 0),
            complaints=complaints.get(record.region_id, Figures()),
            survey=surveys.get(record.region_id, Result(respondents=0)),
            requests=requests.get(record.region_id, RequestFigures())))
    return statuses


@dataclass
class KecamatanSummary:
    kecamatan: SiteStatus
    kelurahan: list[SiteStatus]

    @property
    def live(self) -> int:
        return sum(1 for status in self.kelurahan if status.live)

    @property
    def complete(self) -> int:
        return sum(1 for status in self.kelurahan if status.live and status.complete)


def by_kecamatan(statuses: list[SiteStatus]) -> list[KecamatanSummary]:
    summaries: dict[str, KecamatanSummary] = {}
    for status in statuses:
        if status.region.level == Region.Level.KECAMATAN:
            summaries[status.region.kode] = KecamatanSummary(status, [])
    for status in statuses:
        if status.region.level == Region.Level.KELURAHAN:
            summaries[status.region.parent_kode].kelurahan.append(status)
    return list(summaries.values())


def totals(statuses: list[SiteStatus]) -> dict:
    kelurahan = [s for s in statuses if s.region.level == Region.Level.KELURAHAN]
    return {
        "sites": len(statuses), "kelurahan": len(kelurahan),
        "live": sum(1 for s in statuses if s.live),
        "kelurahan_live": sum(1 for s in kelurahan if s.live),
        "kelurahan_complete": sum(1 for s in kelurahan if s.live and s.complete),
        "complete": sum(1 for s in statuses if s.live and s.complete),
        "fresh": sum(1 for s in statuses if s.fresh),
    }


@dataclass(frozen=True)
class RequestTableRow:
    service: str
    total: int
    counts: list[int]


def request_table(figures: RequestFigures) -> tuple[list[str], list[RequestTableRow]]:
    """Requests by service and status, for a table: the statuses' names (in the order of a
    request's life) and one row per service, the most requested first, then the total."""
    statuses = [str(label) for label in ServiceRequest.Status.labels]
    rows = [RequestTableRow(name, figures.by_service[name], list(counts.values()))
            for name, counts in figures.by_service_status.items()]
    return statuses, rows
