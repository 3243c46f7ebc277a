import csv
import functools

from django.conf import settings
from django.db.models import QuerySet

from .models import Region
from .services import CROSSWALK_CSV


def region_kota() -> Region:
    """The city this installation serves."""
    return Region.objects.get(kode=settings.BALAI_KOTA_KODE, level=Region.Level.KOTA)


def region_list(*, level: str | None = None) -> QuerySet[Region]:
    """Regions of the city in code order (parents before their children)."""
    regions = Region.objects.filter(kode__startswith=settings.BALAI_KOTA_KODE)
    if level:
        regions = regions.filter(level=level)
    return regions.select_related("parent").defer("boundary")


@functools.cache
def bps_names() -> dict[str, str]:
    """The name BPS gives each region, by Kemendagri code, from the shipped crosswalk
    (``data/cilegon_kemendagri_bps_crosswalk.csv``): residents also write a place as BPS
    spells it, e.g. kecamatan 36.72.06 "Gerogol" (Kemendagri) is "Grogol" in BPS."""
    with CROSSWALK_CSV.open(newline="", encoding="utf-8") as fh:
        return {row["kode_kemendagri"]: row["nama_bps"].strip().title()
                for row in csv.DictReader(fh) if row["nama_bps"].strip()}
