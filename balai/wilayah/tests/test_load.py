import pytest
from django.core.management import call_command

from balai.wilayah.models import Region
from balai.wilayah.services import regions_load

pytestmark = pytest.mark.django_db


def test_cilegon_has_one_kota_8_kecamatan_43_kelurahan():
    assert Region.objects.filter(level="kota").count() == 1
    assert Region.objects.filter(level="kecamatan").count() == 8
    assert Region.objects.filter(level="kelurahan").count() == 43


def test_codes_form_the_hierarchy_kota_kecamatan_kelurahan():
    kota = Region.objects.get(kode="36.72")
    assert kota.parent is None and kota.parent_kode == "36"
    for kecamatan in Region.objects.filter(level="kecamatan"):
        assert kecamatan.parent == kota
        assert kecamatan.kode.startswith("36.72.")
    for kelurahan in Region.objects.filter(level="kelurahan").select_related("parent"):
        assert kelurahan.parent.level == "kecamatan"
        assert kelurahan.kode.startswith(kelurahan.parent.kode + ".")
        assert kelurahan.parent_kode == kelurahan.parent.kode
        assert len(kelurahan.postal_code) == 5
    assert Region.objects.get(kode="36.72.08").children.count() == 7


def test_colliding_names_are_different_regions():
    citangkil = Region.objects.filter(name="Citangkil").order_by("kode")
    assert [(r.kode, r.level) for r in citangkil] == [
        ("36.72.08", "kecamatan"),
        ("36.72.08.1007", "kelurahan"),
    ]
    assert citangkil[1].parent == citangkil[0]


def test_boundaries_and_bps_codes_are_loaded():
    kelurahan = Region.objects.get(kode="36.72.08.1007")
    assert kelurahan.boundary["type"] == "MultiPolygon"
    lon, lat = kelurahan.boundary["coordinates"][0][0][0]
    assert 105.9 < lon < 106.2 and -6.1 < lat < -5.8
    assert kelurahan.area_km2 > 0
    assert kelurahan.bps_code.startswith("3672")
    assert Region.objects.filter(level="kelurahan", boundary__isnull=True).count() == 0


def test_reloading_changes_nothing():
    before = list(Region.objects.values().order_by("kode"))
    report = regions_load()
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 52
    assert list(Region.objects.values().order_by("kode")) == before


def test_reload_keeps_a_name_and_postal_code_corrected_by_the_city(capsys):
    region = Region.objects.get(kode="36.72.04.1001")
    region.name = "Banjarnegara"
    region.postal_code = "42440"
    region.save()
    call_command("load_wilayah")
    region.refresh_from_db()
    assert (region.name, region.postal_code) == ("Banjarnegara", "42440")
    out = capsys.readouterr().out
    assert "kept correction 36.72.04.1001 name: 'Banjarnegara'" in out
    assert "shipped data: '42441'" in out


def test_reload_restores_shipped_geometry():
    Region.objects.filter(kode="36.72.08.1007").update(boundary=None, centroid_lat=0)
    report = regions_load()
    assert report.updated == ["36.72.08.1007"]
    region = Region.objects.get(kode="36.72.08.1007")
    assert region.boundary is not None and region.centroid_lat == pytest.approx(-6.02, abs=0.1)
