"""No query string breaks a public page: every public page type, every route of a routable
page and every public URL outside the page tree, requested with hostile values in every
parameter that balai.pagecache.params declares, answers a 400 or a normal page, never a 5xx
(run on SQLite and PostgreSQL: PostgreSQL refuses a NUL in a query, SQLite does not)."""

import json
import re

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls import path as url_path
from wagtail.documents.models import Document
from wagtail.models import Page, Site, get_page_models

from balai import urls as balai_urls
from balai.berita.models import NEWS_PER_PAGE
from balai.conftest import CITANGKIL, host_of
from balai.layanan.models import ServiceDefinition
from balai.pagecache import params
from balai.provisioning.models import RegionSite
from balai.testing.builders import (
    SKTM,
    complaint_of,
    kelurahan_site,
    news,
    online_service,
    region_site,
    service_request_of,
)
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db

# Values that no Balai link or form sends: always a 400, in any parameter, declared or not.
REFUSED = ["%00", "%2Fe%00", "ktp%00", "%01", "%1b", "%7f", "%c2%85", "%ff%fe", "%e2%82",
           "%", "%zz", "50%", "x" * 10_000]
# Values that must not break anything: the page ignores them, or a 400.
ODD = ["99999999999999999999", "-1", "0", "abc", "1.5", "%20", "",
       "%3Cscript%3E", "'%20OR%201=1--", "%E2%80%AE", "%F0%9F%98%80", "..%2F..%2Fetc"]
# Not declared: ignored, but never a way around the checks above.
UNKNOWN = ["utm_source", "fbclid"]
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')

# Top-level URL patterns that lead to no public page of their own.
NOT_PUBLIC_PAGES = {
    "admin/": "the admin: Wagtail's own parameters, see test_admin_refuses_only_broken_values",
    "_util/login/": "a redirect to the admin's sign-in",
    "": "Wagtail's page tree: every page type is requested below",
}


def _page_models():
    return sorted((model for model in get_page_models()
                   if model is not Page and model._meta.app_label not in ("wagtailcore",)),
                  key=lambda model: model._meta.label)


def _online_slug(home) -> str:
    """A service the office takes online requests for (on a kecamatan, one it gives made
    requestable online with the sample SKTM's form)."""
    site = region_site(home.region.kode)
    if home.region.level == "kelurahan":
        return online_service(site).definition.slug
    definition = ServiceDefinition.objects.get(slug="surat-keterangan-ahli-waris")
    definition.request_fields = ServiceDefinition.objects.get(slug=SKTM).request_fields.raw_data
    definition.online = True
    definition.save()
    return online_service(site, definition.slug).definition.slug


def _request_code(home) -> str:
    site = region_site(home.region.kode)
    return service_request_of(site, _online_slug(home))[0].code_display


# Real values for the arguments of routes, made for the page that has them.
ROUTE_VALUES = {
    "pengaduan_kode": lambda home: {"kode": complaint_of(
        region_site(home.region.kode), text="Lampu jalan mati di gang Melati.").code_display},
    "permohonan_ajukan": lambda home: {"slug": _online_slug(home)},
    "permohonan_kode": lambda home: {"kode": _request_code(home)},
    "permohonan_lengkapi": lambda home: {"kode": _request_code(home)},
}


def _page_urls(model) -> list[tuple[str, str]]:
    """(host, path) of a live page of this type (on the demo kelurahan when it has one) and
    of every route of it, when it is a routable page."""
    home = RegionSite.objects.get(region__kode=CITANGKIL).home_page
    pages = model.objects.live().public()
    page = pages.descendant_of(home, inclusive=True).first() or pages.first()
    assert page is not None, f"no live {model.__name__} in the demo content"
    site_id, _root, path = page.get_url_parts()
    host = host_of(Site.objects.get(pk=site_id))
    urls = [(host, path)]
    for route in getattr(model, "get_subpage_urls", list)():
        if route.pattern.converters and route.name not in ROUTE_VALUES:
            # A route with arguments needs real values.
            raise AssertionError(f"{model.__name__}: give {route.name} a value here")
        values = ROUTE_VALUES[route.name](page.specific) if route.pattern.converters else {}
        urls.append((host, path + page.reverse_subpage(route.name, kwargs=values).lstrip("/")))
    return list(dict.fromkeys(urls))  # the route "" is the page itself


def _other_urls() -> list[str]:
    """Every public URL outside the page tree, from the URLconf itself."""

    urls = []
    for pattern in get_resolver().url_patterns:
        prefix = str(pattern.pattern)
        if prefix in NOT_PUBLIC_PAGES:
            continue
        if prefix == "dokumen-unduh/":
            document = Document.objects.first()
            assert document is not None, "the demo has a document to download"
            urls.append(document.url)
        elif isinstance(pattern, URLResolver):
            urls += [f"/{prefix}{inner.pattern}" for inner in pattern.url_patterns
                     if isinstance(inner, URLPattern)]
        elif prefix == "bahasa/<str:code>/":
            urls.append("/bahasa/en/")
        else:
            assert not pattern.pattern.converters, f"give {prefix} a value here"
            urls.append(f"/{prefix}")
    return urls


def _hostile_queries():
    for name in [*params.PARAMETERS, *UNKNOWN]:
        for value in REFUSED:
            yield f"{name}={value}", 400
        yield f"{name}%00=1", 400  # in the name
        for value in ODD:
            yield f"{name}={value}", None
        if name in params.PARAMETERS:
            yield f"{name}=1&{name}=2", 400
    yield "utm_source=" + "x" * 3000, 400


HOSTILE = list(_hostile_queries())
# For a page's further routes (its search, forms, results): each odd value given to every
# declared parameter at once. The refusals are QueryStringMiddleware's, before any view,
# the same for every address; each parameter alone is tried on the page itself.
ODD_TOGETHER = [("&".join(f"{name}={value}" for name in params.PARAMETERS), None)
                for value in ODD]


def _check(client: Client, path: str, queries=HOSTILE) -> list[str]:
    failures = []
    for query, expected in queries:
        status = client.get(f"{path}?{query}").status_code
        if status >= 500 or (expected and status != expected):
            failures.append(f"{path}?{query[:60]} -> {status}")
    return failures


def _subclasses(model):
    for subclass in model.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_every_page_type_is_requested():
    labels = {model._meta.label for model in _page_models()}
    concrete = {model._meta.label for model in _subclasses(Page) if not model._meta.abstract
                and model.__module__.startswith("balai.")}
    assert concrete == labels
    assert {"home.PortalPage", "home.KecamatanPage", "home.KelurahanPage",
            "layanan.LayananPage", "berita.BeritaPage", "agenda.AgendaPage"} <= labels


@pytest.mark.parametrize("label", [model._meta.label for model in _page_models()])
def test_hostile_query_strings_never_break_a_page(label):

    failures = []
    for number, (host, path) in enumerate(_page_urls(apps.get_model(label))):
        failures += _check(Client(HTTP_HOST=host), path,
                           HOSTILE if number == 0 else ODD_TOGETHER)
    assert not failures, failures


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("label", [model._meta.label for model in _page_models()])
def test_a_shared_link_answers_the_same_page(label):
    """Rendered afresh each time: every page and route answers 200, and the same bytes with
    the tracking parameters of a shared link (the page cache's key leaves them out)."""

    for host, path in _page_urls(apps.get_model(label)):
        client = Client(HTTP_HOST=host)
        plain = client.get(path)
        assert plain.status_code == 200, path
        shared = client.get(path, {"utm_source": "whatsapp", "fbclid": "<b>IwAR0</b>"})
        # A form's CSRF token is new on every answer (such pages are never cached).
        assert CSRF_TOKEN.sub(b"", shared.content) == CSRF_TOKEN.sub(b"", plain.content), path


@pytest.mark.parametrize("label", [model._meta.label for model in _page_models()])
def test_a_shared_link_is_served_from_the_cache(label):
    """Nothing on a public page reads a parameter that is not declared (which would keep
    it out of the page cache): the tracking parameters find the page stored."""

    for host, path in _page_urls(apps.get_model(label)):
        client = Client(HTTP_HOST=host)
        first = client.get(path)
        if "no-store" in first.get("Cache-Control", ""):
            continue  # never cached by design: a form, the survey's results
        assert first["X-Balai-Cache"] == "miss", path
        shared = client.get(path, {"utm_source": "whatsapp", "fbclid": "IwAR0"})
        assert shared["X-Balai-Cache"] == "hit", path


def test_hostile_query_strings_never_break_other_public_urls():
    urls = _other_urls()
    assert {"/api/v1/sites/", "/api/v1/layanan/", "/sitemap.xml", "/robots.txt",
            "/bahasa/en/"} <= set(urls)
    failures = []
    for path in urls:
        failures += _check(Client(HTTP_HOST="kel-citangkil.balai.test"), path)
    assert not failures, failures


def test_the_refusal_is_an_indonesian_page_and_json_for_the_api(site_of):
    client, _home = site_of(CITANGKIL)
    response = client.get("/berita/?tag=%2Fe%00")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Permintaan tidak dapat dibaca" in html and 'lang="id"' in html
    assert "%00" not in html and "\x00" not in html
    assert "X-Balai-Cache" not in response  # refused before the page cache
    # In Indonesian even for a browser that prefers English.
    english = client.get("/layanan/?q=ktp%00&kategori=x", HTTP_ACCEPT_LANGUAGE="en")
    assert "Permintaan tidak dapat dibaca" in english.content.decode()
    api = client.get("/api/v1/layanan/?kelurahan=%00")
    assert api.status_code == 400
    assert api.json() == {"error": "a parameter holds a control character"}
    assert api["Access-Control-Allow-Origin"] == "*"


def test_the_api_names_what_it_cannot_answer():
    client = Client(HTTP_HOST="balai.test")
    assert client.get("/api/v1/layanan/?format=xml").json() == {
        "error": "format must be json or csv"}
    assert client.get("/api/v1/layanan/?kelurahan=citangkil").json() == {
        "error": "kelurahan must be a region code such as 36.72.08.1007"}
    assert client.get("/api/v1/sites/?kode_induk=36.72.08%27").status_code == 400
    # Empty is absent, as before.
    assert client.get("/api/v1/layanan/?kelurahan=&format=").json()["count"] > 0
    assert client.get(f"/api/v1/layanan/?kelurahan={CITANGKIL}").json()["kelurahan"][
        "kode"] == CITANGKIL


def test_levels_are_region_levels():
    assert set(params.REGION_LEVELS) == set(Region.Level.values)


def test_odd_values_are_ignored_and_a_page_past_the_last_is_the_last(site_of):
    client, _home = site_of(CITANGKIL)
    first = client.get("/berita/").content
    for query in ("page=abc", "page=0", "page=-1", "page=1.5", "tag="):
        response = client.get(f"/berita/?{query}")
        assert (response.status_code, response.content) == (200, first), query
    rtrw = client.get("/rt-rw/")
    for query in ("rt=0", "rw=1000", "rt=abc", "rw=-1"):
        response = client.get(f"/rt-rw/?{query}")
        assert (response.status_code, response.content) == (200, rtrw.content), query
    assert client.get("/rt-rw/?rt=99999999999999999999").status_code == 400
    assert client.get("/berita/?page=2&page=3").status_code == 400


def _main(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def test_a_page_past_the_last_shows_the_last_page():
    site = kelurahan_site()
    for number in range(NEWS_PER_PAGE + 2):
        news(site, f"Kabar warga nomor {number}")
    client, last = site.client, 2
    html = _main(client.get("/berita/?page=999999"))
    assert _main(client.get(f"/berita/?page={last}")) == html
    assert 'rel="prev"' in html and 'rel="next"' not in html


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)
def test_unknown_parameters_change_nothing_on_the_page(site_of):
    """Rendered afresh each time (no page cache): the same page, byte for byte, with the
    tracking parameters of a shared link."""
    client, _home = site_of(CITANGKIL)
    for path in ("/", "/berita/?page=1", "/layanan/?q=ktp", "/rt-rw/?rw=1"):
        plain = client.get(path)
        assert plain.status_code == 200, path
        joiner = "&" if "?" in path else "?"
        shared = client.get(f"{path}{joiner}utm_source=whatsapp&fbclid=IwAR0abc&x=%3Cb%3E")
        assert (shared.status_code, shared.content) == (200, plain.content), path


def test_unknown_parameters_share_the_cached_page(site_of):
    client, _home = site_of(CITANGKIL)
    assert client.get("/layanan/?q=ktp")["X-Balai-Cache"] == "miss"
    assert client.get("/layanan/?utm_source=a&q=ktp")["X-Balai-Cache"] == "hit"
    assert client.get("/layanan/?q=ktp&utm_source=b&fbclid=c")["X-Balai-Cache"] == "hit"
    assert client.get("/layanan/?q=kk")["X-Balai-Cache"] == "miss"


def _reads_an_undeclared_parameter(request):
    return HttpResponse(f"kode pos {request.GET.get('kodepos', '-')}")


urlpatterns = [url_path("cari-kodepos/", _reads_an_undeclared_parameter), *balai_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_an_answer_that_read_an_undeclared_parameter_is_never_cached(site_of):
    """A parameter added without declaring it in balai.pagecache.params is slower, not wrong:
    the page cache's key leaves it out, so such an answer is never stored."""
    client, _home = site_of(CITANGKIL)
    for code in ("42411", "42412", "42411"):
        response = client.get("/cari-kodepos/", {"kodepos": code})
        assert (response.content.decode(), response["X-Balai-Cache"]) == (
            f"kode pos {code}", "bypass")
    assert client.get("/berita/?tag=posyandu")["X-Balai-Cache"] == "miss"
    assert client.get("/berita/?tag=posyandu&x=1")["X-Balai-Cache"] == "hit"


def test_the_page_cache_keys_on_the_language_answered_not_the_header(site_of):
    client, _home = site_of(CITANGKIL)
    assert client.get("/profil/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")[
        "X-Balai-Cache"] == "miss"
    for header in ("xx-random-1", "lorem ipsum", "id", "", "fr;q=0.9,de;q=0.8"):
        response = client.get("/profil/", HTTP_ACCEPT_LANGUAGE=header)
        assert (response["X-Balai-Cache"], response["Content-Language"]) == ("hit", "id")
    english = client.get("/profil/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert (english["X-Balai-Cache"], english["Content-Language"]) == ("miss", "en")
    assert client.get("/profil/", HTTP_ACCEPT_LANGUAGE="ms,en;q=0.5")["X-Balai-Cache"] == "hit"


def test_the_language_link_leads_back_without_tracking_parameters(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/berita/?page=1&tag=posyandu&utm_source=x").content.decode()
    assert 'href="/bahasa/en/?next=%2Fberita%2F%3Ftag%3Dposyandu%26page%3D1"' in html
    response = client.get("/bahasa/en/?next=%2Fberita%2F%3Ftag%3Dposyandu%26page%3D1")
    assert response["Location"] == "/berita/?tag=posyandu&page=1"
    # A long search in a script of three bytes a letter: back to the page, not a 400.
    html = client.get("/layanan/", {"q": "ꦏ" * 200}).content.decode()
    assert '?next=%2Flayanan%2F"' in html
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example",
                      "javascript:alert(1)"):
        assert client.get("/bahasa/en/", {"next": elsewhere})["Location"] == "/", elsewhere


def test_the_language_cookie_is_http_only(site_of):
    client, _home = site_of(CITANGKIL)
    cookie = client.get("/bahasa/en/?next=/").cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # the test settings serve plain HTTP, as dev does
    secure = client.get("/bahasa/en/?next=/", secure=True).cookies["django_language"]
    assert secure["secure"] is True


def test_admin_refuses_only_broken_values(city_client):
    assert city_client.get("/admin/status-situs/?kecamatan=%00").status_code == 400
    assert city_client.get("/admin/pages/search/?q=%ff").status_code == 400
    # Long and repeated parameters are the admin's business (bulk actions list many ids).
    ids = "&".join(f"id={number}" for number in range(1, 400))
    assert city_client.get(f"/admin/pages/search/?q=ktp&{ids}").status_code == 200
    # The city office's own filters: odd values are ignored, never a 500.
    city_client.raise_request_exception = False
    for path in ["/admin/log-keamanan/?sampai=9999-12-31", "/admin/log-keamanan/?dari=0001-01-01",
                 "/admin/log-keamanan/?p=99999999999999999999&akun=" + "x" * 5000,
                 "/admin/log-keamanan/?situs=%27&jenis=-1&format=csv",
                 "/admin/status-situs/?urut=-&kecamatan=" + "9" * 3000,
                 "/admin/status-situs/?format=csv&kecamatan=%25"]:
        assert city_client.get(path).status_code == 200, path


def test_problem_names_each_refusal():
    assert params.problem("q=ktp&utm_source=x", public=True) == ""
    assert params.problem("q=%00", public=True) == "a parameter holds a control character"
    assert params.problem("%00=1", public=True) == "a parameter holds a control character"
    assert "UTF-8" in params.problem("q=%ff", public=True)
    assert "%" in params.problem("q=50%", public=True)
    assert "more than once" in params.problem("q=a&q=b", public=True)
    assert params.problem("q=a&q=b", public=False) == ""
    assert "longer than 200" in params.problem("q=" + "a" * 201, public=True)
    assert params.problem("q=" + "a" * 200, public=True) == ""
    assert params.problem("format=xml", public=True) == ""  # a page ignores it
    assert params.problem("format=xml", public=True, api=True) == "format must be json or csv"
    assert "2048" in params.problem("x=" + "a" * 2047, public=True)


def test_get_returns_typed_values_or_the_default():

    request = RequestFactory().get("/", {"page": " 3 ", "rt": "0", "q": "  surat  ",
                                         "kategori": "kependudukan", "next": "//evil"})
    assert params.get(request, "page", 1) == 3
    assert params.get(request, "rt") is None
    assert params.get(request, "q", "") == "surat"
    assert params.get(request, "kategori") == "kependudukan"
    assert params.get(request, "next", "/") == "/"
    assert params.get(request, "tag", "") == ""


def test_a_valid_api_filter_still_answers():
    response = Client(HTTP_HOST="balai.test").get("/api/v1/sites/?tingkat=kecamatan")
    body = json.loads(response.content)
    assert body["count"] == len(body["results"]) > 0
    assert {record["tingkat"] for record in body["results"]} == {"kecamatan"}
