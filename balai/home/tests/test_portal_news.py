"""The portal's "latest news from all offices": each item once, naming its office, or every
office that published the same item (a kecamatan repeating its kelurahan's news)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI
from balai.home.selectors import PORTAL_NEWS
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db
KECAMATAN_CITANGKIL = "36.72.08"


def _news() -> list[tuple[str, str]]:
    """(title, "offices · date") of each item in the portal's news list."""
    soup = BeautifulSoup(Client(HTTP_HOST="balai.test").get("/").content, "html.parser")
    heading = soup.find("h2", string="Berita terbaru dari semua kantor")
    items = heading.find_next_sibling("ul").find_all("li")
    return [(item.a.get_text(strip=True),
             re.sub(r"\s+", " ", item.select_one(".meta").get_text(strip=True)))
            for item in items]


def _publish(kode: str, title: str, date=None) -> BeritaPage:
    home = RegionSite.objects.get(region__kode=kode).home_page
    index = BeritaIndexPage.objects.child_of(home).get()
    page = index.add_child(instance=BeritaPage(
        title=title, date=date or timezone.localdate(), summary=f"{title}.",
        body=f"<p>{title}.</p>"))
    page.save_revision().publish()
    return page


def test_no_title_is_listed_twice():
    titles = [title for title, _meta in _news()]
    assert len(titles) == PORTAL_NEWS
    assert len(set(titles)) == len(titles)


def test_the_same_item_on_two_sites_is_shown_once_naming_both_offices():
    title = "Pembagian sembako di balai warga"
    _publish(CITANGKIL, title)
    _publish(KECAMATAN_CITANGKIL, f"  {title.upper()} ")  # copied, case and spaces aside
    news = _news()
    found = [meta for shown, meta in news if shown.casefold() == title.casefold()]
    assert len(found) == 1
    offices = found[0].split(" · ")[0]
    assert sorted(offices.split(", ")) == ["Kecamatan Citangkil", "Kelurahan Citangkil"]
    assert len(news) == PORTAL_NEWS  # the copy does not take a place of its own


def test_the_same_title_on_another_day_is_another_item():
    title = "Posyandu bulan ini di RW 02"
    _publish(CITANGKIL, title)
    _publish(KEBONSARI, title, date=timezone.localdate() - datetime.timedelta(days=1))
    offices = [meta.split(" · ")[0] for shown, meta in _news() if shown == title]
    assert offices == ["Kelurahan Citangkil", "Kelurahan Kebonsari"]


def test_many_copies_still_leave_six_items():
    for number in range(3):
        for kode in (CITANGKIL, KEBONSARI, KECAMATAN_CITANGKIL):
            _publish(kode, f"Pengumuman bersama nomor {number}")
    news = _news()
    assert len(news) == PORTAL_NEWS and len({title for title, _meta in news}) == PORTAL_NEWS
    shared = [meta.split(" · ")[0].split(", ") for title, meta in news
              if title.startswith("Pengumuman bersama")]
    assert len(shared) == 3 and all(len(offices) == 3 for offices in shared)
