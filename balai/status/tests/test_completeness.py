"""The completeness checklist: exact scores and missing items for sites with known
content (an empty site, one filled everywhere, a partial one), and the operator's dashboard
panel that shows it. Filling each item through the admin: test_completeness_admin.py; what
the demo fills: balai/demo/tests."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from balai.berita.models import BeritaPage
from balai.conftest import KEBONSARI, WARNASARI
from balai.profil.models import ProfilPage
from balai.status.completeness import NEWS_WITHIN_DAYS, WEIGHTS, site_checklist
from balai.testing.builders import DRINGO, complete_kelurahan, kelurahan_site, news, region_site

pytestmark = pytest.mark.django_db


def _summary(checklist) -> dict:
    return {item.key: item.missing for item in checklist.items}


def test_an_empty_kelurahan_site_scores_zero_and_lists_everything():
    checklist = site_checklist(region_site(WARNASARI).record.home_page)
    assert checklist.score == 0
    assert _summary(checklist) == {
        "profil": ["sejarah", "visi", "misi", "luas wilayah", "jumlah penduduk",
                   "penduduk laki-laki", "penduduk perempuan", "jumlah kepala keluarga",
                   "batas utara", "batas selatan", "batas timur", "batas barat"],
        "struktur": ["nama pimpinan kantor", "foto pimpinan kantor",
                     "minimal 3 pegawai dengan foto (sekarang 0)"],
        "rtrw": ["belum ada RW"],
        "layanan": ["belum ada jam kantor: isi di halaman Kontak"],
        "kontak": ["alamat", "telepon atau WhatsApp", "jam buka"],
        "berita": ["tidak ada berita dalam 30 hari terakhir"],
        "lembaga": ["belum ada halaman lembaga"],
    }
    assert all(item.fix_url for item in checklist.items)


def test_a_kelurahan_filled_everywhere_is_complete():
    checklist = site_checklist(complete_kelurahan(kelurahan_site()).home)
    assert checklist.score == 100 and checklist.complete
    assert not checklist.missing


def test_a_kecamatan_has_no_rt_rw_item():
    kecamatan = site_checklist(region_site("36.72.08").record.home_page)
    assert "rtrw" not in _summary(kecamatan)
    assert set(_summary(kecamatan)) == set(WEIGHTS) - {"rtrw"}


def test_old_news_does_not_count():
    home = complete_kelurahan(kelurahan_site()).home
    assert site_checklist(home).score == 100
    BeritaPage.objects.descendant_of(home).update(
        date=timezone.localdate() - datetime.timedelta(days=NEWS_WITHIN_DAYS + 1))
    checklist = site_checklist(home)
    assert checklist.score == 100 - WEIGHTS["berita"]
    assert [item.key for item in checklist.missing] == ["berita"]
    # The last day of the window still counts.
    one = BeritaPage.objects.descendant_of(home).first()
    BeritaPage.objects.filter(pk=one.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=NEWS_WITHIN_DAYS))
    assert site_checklist(home).score == 100


def test_the_operator_dashboard_shows_the_checklist_with_links_to_fill_in(make_user):
    site = kelurahan_site(DRINGO)
    news(site, "Kabar Dringo hari ini")
    record = site.record
    checklist = site_checklist(record.home_page)
    assert checklist.score == WEIGHTS["berita"]
    client = Client()
    client.force_login(make_user("operator", record.operator_group))
    html = client.get("/admin/").text
    assert "Kelurahan Dringo" in html
    assert f"Kelengkapan situs: {checklist.score}%" in html
    profil = ProfilPage.objects.child_of(record.home_page).get()
    assert f'href="/admin/pages/{profil.pk}/edit/"' in html
    assert "Kelurahan Citangkil" not in html


def test_the_operator_sees_what_a_contributor_submitted(make_user):
    record = region_site(KEBONSARI).record
    contributor = make_user("kontributor", record.contributor_group)
    profil = ProfilPage.objects.child_of(record.home_page).get()
    profil.vision = "Visi baru dari kontributor"
    profil.save_revision(user=contributor)
    profil.get_workflow().start(profil, contributor)
    client = Client()
    client.force_login(make_user("operator", record.operator_group))
    html = client.get("/admin/").text
    awaiting = html.split("Menunggu persetujuan Anda")[1]
    assert f'href="/admin/pages/{profil.pk}/edit/"' in awaiting and "kontributor" in awaiting
