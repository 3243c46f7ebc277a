import datetime

from django.db import transaction
from django.utils import timezone

from .models import SiteSnapshot
from .selectors import site_statuses


@transaction.atomic
def snapshot_record(*, date: datetime.date | None = None) -> int:
    """Record today's figures of every site; running again the same day replaces them."""
    date = date or timezone.localdate()
    statuses = site_statuses()
    SiteSnapshot.objects.filter(date=date).delete()
    SiteSnapshot.objects.bulk_create([
        SiteSnapshot(date=date, region=status.region, live=status.live, score=status.score,
                     complete=status.complete, fresh=status.fresh)
        for status in statuses])
    return len(statuses)
