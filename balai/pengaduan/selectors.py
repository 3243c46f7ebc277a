"""Who sees which complaints, and the city's figures.

- An office's operators and contributors see the complaints their site received and those
  forwarded to their office (a kecamatan's), with the residents' contact details, and handle
  them.
- The city office sees every site's complaints (their text and status, for its figures) but
  not the residents' contact details, unless a complaint was forwarded to a city office; then
  it handles that complaint too.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from balai.core.groups import is_city_user
from balai.provisioning.models import RegionSite

from .models import Complaint


def own_region_ids(user) -> set[int]:
    return RegionSite.objects.region_ids_of(user)


def visible_to(user) -> QuerySet:
    """The complaints the user may open in the inbox."""
    complaints = Complaint.objects.select_related("region", "category", "service", "assignee")
    if not user.is_active:
        return complaints.none()
    if is_city_user(user):
        return complaints
    regions = own_region_ids(user)
    return complaints.filter(Q(region_id__in=regions) | Q(forwarded_region_id__in=regions))


def handles(user, complaint: Complaint) -> bool:
    """Whether the user may read the resident's contact details and act on the complaint."""
    if not user.is_active:
        return False
    if complaint.forwarded_to == Complaint.Destination.CITY and is_city_user(user):
        return True
    regions = own_region_ids(user)
    return complaint.region_id in regions or complaint.forwarded_region_id in regions


@dataclass(frozen=True)
class Figures:
    received: int = 0
    answered_in_time: int = 0
    median_days_to_reply: float | None = None

    @property
    def in_time_percent(self) -> int | None:
        return round(100 * self.answered_in_time / self.received) if self.received else None


def figures_by_region(*, since: datetime.datetime | None = None) -> dict[int, Figures]:
    """Per office (region id): complaints received (held ones left out), those answered by
    their due date, and the median days from arrival to the first public reply. One query."""
    rows = Complaint.objects.filter(held=False)
    if since is not None:
        rows = rows.filter(received_at__gte=since)
    collected: dict[int, list] = {}
    for region_id, received_at, due_on, first_reply_at in rows.values_list(
            "region_id", "received_at", "due_on", "first_reply_at"):
        collected.setdefault(region_id, []).append((received_at, due_on, first_reply_at))
    return {region_id: _figures(items) for region_id, items in collected.items()}


def _figures(items) -> Figures:
    in_time = sum(1 for _received, due, replied in items
                  if replied is not None and timezone.localdate(replied) <= due)
    days = [(replied - received).total_seconds() / 86400
            for received, _due, replied in items if replied is not None]
    return Figures(received=len(items), answered_in_time=in_time,
                   median_days_to_reply=round(statistics.median(days), 1) if days else None)
