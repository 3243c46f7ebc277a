"""The search synonyms: kept by the city office in the admin (operators cannot see or change
them, through any of its URLs), checked with messages in Indonesian, loaded with a starting
list, and applied to the site search and the services page at once."""

from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from balai.conftest import CITANGKIL
from balai.core.tests.formdata import form_data
from balai.home.tests.test_search import first_two, results
from balai.status.tests.test_completeness_admin import _operator
from balai.synonyms.expand import CACHE_KEY, query_variants
from balai.synonyms.models import SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    """The synonym groups are cached; a test's rolled-back change must not outlive it."""
    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)


def test_the_city_office_keeps_the_synonyms_and_every_search_uses_them(city_client,
                                                                       site_of):
    listing = city_client.get(reverse("wagtailsnippets_synonyms_synonymgroup:list")).text
    assert "ktp, e-ktp, ktp-el, ktp elektronik" in listing  # the starting list
    client, _home = site_of(CITANGKIL)
    assert first_two(client, "boyongan") == []
    url = reverse("wagtailsnippets_synonyms_synonymgroup:add")
    data = form_data(city_client.get(url).content, "w-editor-form")
    response = city_client.post(url, data | {"words": "pindah keluar, boyongan"})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(words="pindah keluar, boyongan").exists()
    services = client.get("/layanan/", {"q": "boyongan"}).text
    assert 'href="/layanan/surat-pengantar-pindah/"' in services
    assert results(client, "boyongan")[0]["url"] == "/layanan/surat-pengantar-pindah/"


@pytest.mark.parametrize(("words", "message"), [
    ("ktp", "Tulis paling sedikit dua kata yang berbeda"),
    ("ktp, KTP", "Tulis paling sedikit dua kata yang berbeda"),
    ("kartu keluarga, kk baru", "“kartu keluarga” sudah ada di kelompok"),
    ("surat, <b>", "hanya boleh berisi huruf, angka"),
])
def test_a_synonym_group_says_in_indonesian_what_is_wrong(city_client, words, message):
    url = reverse("wagtailsnippets_synonyms_synonymgroup:add")
    data = form_data(city_client.get(url).content, "w-editor-form")
    response = city_client.post(url, data | {"words": words})
    assert response.status_code == 200
    assert message in unescape(response.content.decode())


def test_operators_cannot_see_or_change_the_synonyms(make_user):
    operator = _operator(make_user, CITANGKIL)
    group = SynonymGroup.objects.first()
    for name, args in [("list", []), ("add", []), ("edit", [group.pk]),
                       ("delete", [group.pk]), ("history", [group.pk])]:
        url = reverse(f"wagtailsnippets_synonyms_synonymgroup:{name}", args=args)
        response = operator.client.get(url)
        assert response.status_code in (302, 403), (name, response.status_code)
        response = operator.client.post(url, {"words": "a, b"})
        assert response.status_code in (302, 403), (name, response.status_code)
    assert SynonymGroup.objects.get(pk=group.pk).words == group.words
    assert not SynonymGroup.objects.filter(words="a, b").exists()
    assert "sinonim-pencarian" not in operator.client.get("/admin/").text


def test_query_variants_replace_one_phrase_by_each_synonym():
    groups = [["ktp", "e-ktp", "ktp elektronik"], ["sktm", "surat miskin"]]
    assert query_variants("  Surat  Miskin ", groups) == ["surat miskin", "sktm"]
    assert query_variants("rekam KTP elektronik", groups) == [
        "rekam ktp elektronik", "rekam ktp", "rekam e-ktp"]
    assert query_variants("ktpku", groups) == ["ktpku"]  # a phrase, not part of a word
    assert query_variants("", groups) == []
