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
    cached = getattr(user, "_balai_request_regions", None)
    if cached is None:
        cached = set(RegionSite.objects.of_user(user).values_list("region_id", flat=True))
        user._balai_request_regions = cached
    return cached


def visible_to(user) -> QuerySet:
    """The requests the user may open in the queue: their own office's, nobody else's."""
    requests = ServiceRequest.objects.select_related("region", "service", "assignee")
    if not user.is_active:
        return requests.none()
    return requests.filter(region_id__in=own_region_ids(user))


@dataclass(frozen=True)
class Figures:
    """One office's (or the city's) requests in a period."""

    received: int = 0
    by_status: dict = field(default_factory=dict)
    by_service: dict = field(default_factory=dict)
    decided: int = 0
    complete_at_first: int = 0
    median_days_to_ready: float | None = None

    @property
    def complete_percent(self) -> int | None:
        """The share of the requests the office has decided on that it found complete the
        first time (those rejected without asking for anything are not counted)."""
        return round(100 * self.complete_at_first / self.decided) if self.decided else None


def _figures(rows) -> Figures:
    days = [(ready - submitted).total_seconds() / 86400
            for _s, _n, _c, submitted, ready in rows if ready is not None]
    decided = [complete for _s, _n, complete, _sub, _r in rows if complete is not None]
    return Figures(
        received=len(rows),
        by_status=dict(Counter(status for status, *_rest in rows)),
        by_service=dict(Counter(name for _s, name, *_rest in rows).most_common()),
        decided=len(decided), complete_at_first=sum(decided),
        median_days_to_ready=round(statistics.median(days), 1) if days else None)


def figures_by_region(*, since: datetime.datetime | None = None) -> dict[int, Figures]:
    """Per office (region id), in one query."""
    rows = ServiceRequest.objects.all()
    if since is not None:
        rows = rows.filter(submitted_at__gte=since)
    collected: dict[int, list] = {}
    for region_id, *row in rows.values_list("region_id", "status", "service_name",
                                            "complete_at_first", "submitted_at", "ready_at"):
        collected.setdefault(region_id, []).append(row)
    return {region_id: _figures(items) for region_id, items in collected.items()}


def city_figures(*, since: datetime.datetime | None = None) -> Figures:
    rows = ServiceRequest.objects.all()
    if since is not None:
        rows = rows.filter(submitted_at__gte=since)
    return _figures(list(rows.values_list("status", "service_name", "complete_at_first",
                                          "submitted_at", "ready_at")))
