from django.conf import settings
from django.db.models import QuerySet

from .models import Region


def region_kota() -> Region:
    """The city this installation serves."""
    return Region.objects.get(kode=settings.BALAI_KOTA_KODE, level=Region.Level.KOTA)


def region_list(*, level: str | None = None) -> QuerySet[Region]:
    """Regions of the city in code order (parents before their children)."""
    regions = Region.objects.filter(kode__startswith=settings.BALAI_KOTA_KODE)
    if level:
        regions = regions.filter(level=level)
    return regions.select_related("parent").defer("boundary")
