"""Who sees which requests, and the city's figures.

Only the office that received a request reads it: its operators and contributors, in the
queue, with the resident's data and documents. The city office sees figures, never a
request: share complete at first submission, median days to ready, counts by service and
status.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from balai.provisioning.models import RegionSite

from .models import ServiceRequest


def own_region_ids(user) -> set[int]:
    return RegionSite.objects.region_ids_of(user)


def visible_to(user) -> QuerySet:
    """The requests the user may open in the queue: their own office's, nobody else's."""
    requests = ServiceRequest.objects.select_related("region", "service", "assignee")
    if not user.is_active:
        return requests.none()
    return requests.filter(region_id__in=own_region_ids(user))


def _by_status(statuses) -> dict:
    counted = Counter(statuses)
    return {status: counted[status] for status in ServiceRequest.Status.values}


@dataclass(frozen=True)
class Figures:
    """One office's (or the city's) requests in a period."""

    received: int = 0
    # Status value -> requests now in it, every status in the order of a request's life.
    by_status: dict = field(default_factory=lambda: _by_status(()))
    # Service name -> requests, the most requested first.
    by_service: dict = field(default_factory=dict)
    # Service name (same order) -> {status value -> requests}, every status.
    by_service_status: dict = field(default_factory=dict)
    decided: int = 0
    complete_at_first: int = 0
    ready: int = 0
    median_days_to_ready: float | None = None

    @property
    def complete_percent(self) -> int | None:
        """The share of the requests the office has decided on that it found complete the
        first time (those rejected without asking for anything are not counted)."""
        return round(100 * self.complete_at_first / self.decided) if self.decided else None


def _figures(rows) -> Figures:
    """``rows``: (status, service name, complete at first, submitted at, ready at)."""
    days = [(ready - submitted).total_seconds() / 86400
            for _s, _n, _c, submitted, ready in rows if ready is not None]
    decided = [complete for _s, _n, complete, _sub, _r in rows if complete is not None]
    by_service = dict(Counter(name for _s, name, *_rest in rows).most_common())
    return Figures(
        received=len(rows),
        by_status=_by_status(status for status, *_rest in rows),
        by_service=by_service,
        by_service_status={name: _by_status(status for status, other, *_rest in rows
                                            if other == name) for name in by_service},
        decided=len(decided), complete_at_first=sum(decided), ready=len(days),
        median_days_to_ready=round(statistics.median(days), 1) if days else None)


def _rows(since: datetime.datetime | None, until: datetime.datetime | None) -> QuerySet:
    rows = ServiceRequest.objects.order_by()
    if since is not None:
        rows = rows.filter(submitted_at__gte=since)
    if until is not None:
        rows = rows.filter(submitted_at__lt=until)
    return rows


def figures_by_region(*, since: datetime.datetime | None = None,
                      until: datetime.datetime | None = None) -> dict[int, Figures]:
    """Per office (region id), of the requests submitted from ``since`` to before
    ``until``, in one query."""
    collected: dict[int, list] = {}
    for region_id, *row in _rows(since, until).values_list(
            "region_id", "status", "service_name", "complete_at_first", "submitted_at",
            "ready_at"):
        collected.setdefault(region_id, []).append(row)
    return {region_id: _figures(items) for region_id, items in collected.items()}


def city_figures(*, since: datetime.datetime | None = None,
                 until: datetime.datetime | None = None) -> Figures:
    """The whole city's, in one query (its median is of every request, not of the
    offices' medians)."""
    return _figures(list(_rows(since, until).values_list(
        "status", "service_name", "complete_at_first", "submitted_at", "ready_at")))
