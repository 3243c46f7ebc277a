"""'Can I go now?' on the pages residents read, with a frozen clock (Asia/Jakarta).

Kelurahan Citangkil's demo hours: Monday–Thursday 08.00–16.00, Friday 08.00–16.30; the
holidays are the ones the migration loads (balai/profil/data/public_holidays.csv).
"""

import datetime
import re
import zoneinfo

import pytest
from django.core.cache import caches
from django.utils import timezone

from balai.conftest import CITANGKIL, WARNASARI
from balai.pagecache import middleware
from balai.profil.models import KontakPage, OfficeHours, PublicHoliday

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
BULAKAN = "36.72.01.1003"  # Kecamatan Cibeber, whose site is empty too


@pytest.fixture
def clock(monkeypatch):
    """Freeze ``timezone.now`` at a moment in Jakarta: ``clock(2026, 12, 7, 9, 0)``."""

    def freeze(*parts):
        moment = datetime.datetime(*parts, tzinfo=JAKARTA)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze


def _status(html: str) -> str:
    return re.search(r'<p class="today-status">([^<]*)</p>', html).group(1)


@pytest.mark.parametrize(("moment", "expected"), [
    # A weekday morning (Monday 7 December 2026)
    ((2026, 12, 7, 9, 0), "Buka sekarang · tutup pukul 16.00"),
    # Before opening on the same day
    ((2026, 12, 7, 6, 30), "Tutup sekarang · buka lagi hari ini pukul 08.00"),
    # After hours on a Tuesday
    ((2026, 12, 8, 17, 5), "Tutup sekarang · buka lagi besok pukul 08.00"),
    # Friday afternoon: open until 16.30, then closed until Monday
    ((2026, 12, 11, 15, 0), "Buka sekarang · tutup pukul 16.30"),
    ((2026, 12, 11, 16, 30), "Tutup sekarang · buka lagi Senin pukul 08.00"),
    # Sunday
    ((2026, 12, 13, 10, 0), "Tutup sekarang · buka lagi besok pukul 08.00"),
    # A national holiday on a Monday (Independence Day 2026)
    ((2026, 8, 17, 10, 0),
     "Hari ini libur: Hari Kemerdekaan Republik Indonesia · buka lagi besok pukul 08.00"),
    # Christmas Eve (cuti bersama) and Christmas on Thursday and Friday: back on Monday
    ((2026, 12, 24, 9, 0),
     "Hari ini libur: Cuti Bersama Hari Raya Natal · buka lagi Senin pukul 08.00"),
    # Idul Fitri 2026: cuti bersama and holidays from Wednesday 18 to Tuesday 24 March
    ((2026, 3, 18, 9, 0),
     "Hari ini libur: Cuti Bersama Hari Suci Nyepi · buka lagi Rabu, 25 Maret pukul 08.00"),
])
def test_home_and_kontak_say_whether_the_office_is_open(site_of, clock, moment, expected):
    clock(*moment)
    client, _home = site_of(CITANGKIL)
    assert _status(client.get("/").text) == expected
    assert _status(client.get("/kontak/").text) == expected
    assert f"<strong>{expected}</strong>" in client.get("/profil/").text  # the footer


def test_a_holiday_the_city_office_adds_closes_every_office_that_day(site_of, clock):
    clock(2026, 12, 9, 9, 0)  # a Wednesday
    client, _home = site_of(CITANGKIL)
    assert _status(client.get("/").text) == "Buka sekarang · tutup pukul 16.00"
    PublicHoliday.objects.create(date=datetime.date(2026, 12, 9), name="Pilkada (contoh)",
                                 kind=PublicHoliday.Kind.CITY)
    # The cached page is dropped by the change, not served until it expires.
    assert _status(client.get("/").text) == (
        "Hari ini libur: Pilkada (contoh) · buka lagi besok pukul 08.00")


def test_english_pages_say_it_in_english(site_of, clock):
    clock(2026, 12, 11, 17, 0)
    client, _home = site_of(CITANGKIL)
    client.get("/bahasa/en/?next=/")
    assert _status(client.get("/").text) == "Closed now · opens again Monday at 08.00"


class _RecordingCache:
    """The page cache, noting how long each page is kept."""

    def __init__(self, cache):
        self.cache = cache
        self.page_timeouts: list[int] = []

    def set(self, key, value, timeout=None):
        if key.startswith("pagecache:page:"):
            self.page_timeouts.append(timeout)
        return self.cache.set(key, value, timeout=timeout)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.fixture
def recording_cache(monkeypatch, settings):
    recording = _RecordingCache(caches[settings.BALAI_PAGE_CACHE_ALIAS])
    monkeypatch.setattr(middleware, "page_cache", lambda: recording)
    return recording


@pytest.mark.parametrize(("moment", "seconds"), [
    ((2026, 12, 7, 15, 58, 30), 90),  # open: kept until 16.00, not the usual five minutes
    ((2026, 12, 7, 7, 59, 0), 60),  # closed: kept until it opens at 08.00
    ((2026, 12, 7, 11, 0, 0), 300),  # open for hours yet: the usual lifetime
])
def test_a_cached_page_never_outlives_its_open_or_closed(site_of, clock, recording_cache,
                                                          settings, moment, seconds):
    settings.BALAI_PAGE_CACHE_SECONDS = 300
    clock(*moment)
    client, _home = site_of(CITANGKIL)
    response = client.get("/")
    assert response["X-Balai-Cache"] == "miss"
    assert recording_cache.page_timeouts == [seconds]
    assert "max-age=1" in response["Cache-Control"]


@pytest.mark.parametrize(("kode", "seconds"), [
    (WARNASARI, 90),  # no hours of its own: it shows Kecamatan Citangkil's status
    (BULAKAN, 300),  # no hours, nor has Kecamatan Cibeber: no status shown
])
def test_an_empty_site_is_kept_as_long_as_the_status_it_borrows(site_of, clock,
                                                                  recording_cache, settings,
                                                                  kode, seconds):
    settings.BALAI_PAGE_CACHE_SECONDS = 300
    clock(2026, 12, 7, 15, 58, 30)
    client, _home = site_of(kode)
    client.get("/rt-rw/")
    assert recording_cache.page_timeouts == [seconds]


def test_an_office_open_one_day_a_week(site_of, clock):
    clock(2026, 12, 13, 20, 0)  # Sunday evening
    client, home = site_of(CITANGKIL)
    kontak = KontakPage.objects.child_of(home).get()
    kontak.office_hours = [OfficeHours(weekday=6, opens=datetime.time(9),
                                       closes=datetime.time(12))]
    kontak.save_revision().publish()
    assert _status(client.get("/kontak/").text) == (
        "Tutup sekarang · buka lagi Sabtu pukul 09.00")
