"""Loading the official regions shipped in ``balai/wilayah/data``."""

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"
WILAYAH_CSV = DATA_DIR / "cilegon_wilayah.csv"
KELURAHAN_GEOJSON = DATA_DIR / "cilegon_kelurahan.geojson"
KECAMATAN_GEOJSON = DATA_DIR / "cilegon_kecamatan.geojson"
CROSSWALK_CSV = DATA_DIR / "cilegon_kemendagri_bps_crosswalk.csv"

# Fields that come only from the shipped data; a re-load brings them up to date.
# Name and postal code are left alone once a region exists: the city office may
# have corrected them.
_SHIPPED_FIELDS = ("level", "parent_kode", "bps_code", "centroid_lat", "centroid_lon",
                   "boundary", "area_km2", "source")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (kode, field, value in database, value in shipped data)
    kept_corrections: list[tuple[str, str, str, str]] = field(default_factory=list)


def _read_rows() -> list[dict]:
    with WILAYAH_CSV.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with CROSSWALK_CSV.open(newline="", encoding="utf-8") as fh:
        bps = {row["kode_kemendagri"]: row["kode_bps"] for row in csv.DictReader(fh)}
    geometries = {}
    for path in (KECAMATAN_GEOJSON, KELURAHAN_GEOJSON):
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            kode = feature["properties"]["kode"]
            geometries[kode] = (feature["geometry"], feature["properties"].get("luas_km2_approx"))
    for row in rows:
        geometry, area = geometries.get(row["kode"], (None, None))
        row["boundary"] = geometry
        row["area_km2"] = Decimal(str(area)).quantize(Decimal("0.001")) if area else None
        row["bps_code"] = bps.get(row["kode"], "")
    # Parents before children: codes grow by level.
    rows.sort(key=lambda row: (len(row["kode"]), row["kode"]))
    return rows


@transaction.atomic
def regions_load() -> LoadReport:
    """Create or update the regions from the shipped data; safe to run again.

    Regions are matched by Kemendagri code. A name or postal code that differs
    from the shipped data is kept (it was corrected by the city office) and
    listed in the report.
    """
    report = LoadReport()
    existing = {region.kode: region for region in Region.objects.all()}
    for row in _read_rows():
        values = {
            "level": row["tingkat"],
            "parent_kode": row["kode_induk"],
            "bps_code": row["bps_code"],
            "centroid_lat": float(row["lat"]) if row["lat"] else None,
            "centroid_lon": float(row["lon"]) if row["lon"] else None,
            "boundary": row["boundary"],
            "area_km2": row["area_km2"],
            "source": row["sumber"],
        }
        parent = existing.get(row["kode_induk"])
        region = existing.get(row["kode"])
        if region is None:
            region = Region(kode=row["kode"], name=row["nama"], postal_code=row["kode_pos"],
                            parent=parent, **values)
            region.full_clean()
            region.save()
            existing[region.kode] = region
            report.created.append(region.kode)
            continue
        for name, shipped in (("name", row["nama"]), ("postal_code", row["kode_pos"])):
            if getattr(region, name) != shipped:
                report.kept_corrections.append((region.kode, name, getattr(region, name), shipped))
        changed = [name for name in _SHIPPED_FIELDS if getattr(region, name) != values[name]]
        if region.parent_id != (parent.pk if parent else None):
            region.parent = parent
            changed.append("parent")
        if changed:
            for name in changed:
                if name != "parent":
                    setattr(region, name, values[name])
            region.full_clean()
            region.save(update_fields=changed)
            report.updated.append(region.kode)
        else:
            report.unchanged.append(region.kode)
    return report
