"""The admin as a new operator of a kelurahan finds it: signed in with a password and the
enrolment of an authenticator app, then every menu item and every link of their screens
followed breadth-first within /admin/. Nothing answers 403, 404 or 500, nothing links to
another host, and no screen says "Wagtail". The admin speaks Indonesian whatever the
browser asks unless the account chose English, and its filters list only the own site.
"""

import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page
from wagtail.users.models import UserProfile

from balai.conftest import CITANGKIL, KEBONSARI, WARNASARI
from balai.provisioning.models import RegionSite
from balai.security.tests.conftest import code_for

pytestmark = pytest.mark.django_db

PASSWORD = "kunci-rahasia-balai-2026"
# Breadth-first, each admin screen (URL name) at most this many times with other objects.
PER_SCREEN = 3
MAX_REQUESTS = 400
# Attributes a person sees or hears (screen readers); "Wagtail" may stay in class names.
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
DATA_URL = re.compile(r"^data-.*(url|src)(-value)?$")
# Where the walk does not go: signing out ends the walk's session; downloads are files;
# a bulk action's address is completed with the chosen pages' ids by the listing's script,
# and 999999 is the place-holder id of the addresses Wagtail's scripts fill in.
NOT_WALKED = re.compile(r"^/admin/(logout/|documents/.*/download|bulk/[^?]*$|.*/999999/)")


class Screen(HTMLParser):
    """What a person sees of an HTML page (text, title, shown attributes) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.menu_json: list[str] = []
        self._skip = 0
        self._sidebar = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style", "template"}:
            self._skip += 1
            self._sidebar = attributes.get("id") == "wagtail-sidebar-props"
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.text.append(value)
        for name, value in attrs:
            # data-url and data-…-url-value: what a dialog or a script loads (Wagtail's
            # privacy dialog, the preview, choosers).
            if value and (name in {"href", "src", "action"} or DATA_URL.match(name)):
                self.links.append(value)
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.text.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._skip:
            self._skip -= 1
            self._sidebar = False

    def handle_data(self, data):
        if self._sidebar:
            self.menu_json.append(data)
        elif not self._skip:
            self.text.append(data)


def read_screen(html: str) -> Screen:
    screen = Screen()
    screen.feed(html)
    return screen


def menu_entries(menu_json: str) -> list[tuple[str, str]]:
    """(label, url) of every item of the sidebar's menu (Wagtail renders it from JSON)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "label" in node and "url" in node:
                found.append((str(node["label"]), str(node["url"])))
            elif "label" in node:
                found.append((str(node["label"]), ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(menu_json))
    return found


def enrolled_operator_client(user, **headers) -> Client:
    """Sign in as a person does: password, then the authenticator's enrolment."""
    client = Client(**headers)
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    setup = client.get("/admin/verifikasi/aktifkan/?next=/admin/")
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/admin/verifikasi/aktifkan/", {"code": code_for(device),
                                                       "next": "/admin/"})
    assert done.status_code == 200
    assert client.get("/admin/").status_code == 200
    return client


@pytest.fixture
def new_operator(db):
    user = get_user_model().objects.create_user(
        "rina", email="rina@example.com", password=PASSWORD, first_name="Rina",
        last_name="Operator")
    user.groups.add(RegionSite.objects.get(region__kode=CITANGKIL).operator_group)
    return user


def is_external(url: str) -> bool:
    host = urlsplit(url).hostname
    if not host:
        return False
    base = settings.BALAI_BASE_DOMAIN
    return host != base and not host.endswith("." + base)


def admin_path(base: str, link: str) -> str | None:
    """The /admin/ path (with its query) a link leads to, or None if it leaves the admin."""
    if link.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    parts = urlsplit(urljoin(base, link))
    if parts.hostname not in (None, "testserver") or not parts.path.startswith("/admin/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def screen_name(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path


def start_pages(home: Page) -> list[str]:
    """The operator's screens: dashboard, explorer, the editor of every page type of the
    site (each section and one page of each kind below a section), images, documents,
    account, guide."""
    paths = ["/admin/", f"/admin/pages/{home.pk}/", "/admin/images/", "/admin/documents/",
             "/admin/account/", "/admin/panduan/", f"/admin/pages/{home.pk}/edit/"]
    seen_types = set()
    for page in Page.objects.descendant_of(home).order_by("path"):
        if page.content_type_id not in seen_types:
            seen_types.add(page.content_type_id)
            paths.append(f"/admin/pages/{page.pk}/edit/")
    return paths


def walk(client: Client, starts: list[str]) -> tuple[dict, list[str]]:
    """Visit starts and every admin link found, breadth-first; return the screens visited
    (path -> response) and the problems found."""
    queue = deque(starts)
    visited: dict[str, object] = {}
    per_screen = Counter()
    problems: list[str] = []
    menu_seen = False
    while queue and len(visited) < MAX_REQUESTS:
        path = queue.popleft()
        if path in visited or NOT_WALKED.match(path):
            continue
        name = screen_name(path)
        if path not in starts and per_screen[name] >= PER_SCREEN:
            continue
        per_screen[name] += 1
        response = client.get(path)
        visited[path] = response
        if response.status_code in (301, 302):
            target = admin_path(path, response["Location"])
            if response["Location"].startswith(("/admin/login", "/admin/verifikasi")):
                problems.append(f"{path}: sent to sign in again")
            elif target:
                queue.append(target)
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            problems.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200:  # e.g. 405: an address a script only POSTs to
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        screen = read_screen(html)
        entries = []
        for data in screen.menu_json:
            entries = menu_entries(data)
            menu_seen = True
        for label, _url in entries:
            if "wagtail" in label.lower():
                problems.append(f"{path}: menu item {label!r}")
        links = screen.links + [url for _label, url in entries if url]
        for link in links:
            if is_external(link):
                problems.append(f"{path}: links to {link}")
            elif (target := admin_path(path, link)) and target not in visited:
                queue.append(target)
        shown = " ".join(screen.text)
        if "wagtail" in shown.lower():
            at = shown.lower().index("wagtail")
            problems.append(f"{path}: says {shown[max(0, at - 60):at + 40]!r}")
    assert menu_seen, "the sidebar's menu was not found: the walk would miss its items"
    return visited, problems


@pytest.mark.parametrize(("role", "chosen"), [("operator", ""), ("operator", "en"),
                                              ("contributor", "")],
                         ids=["operator", "operator-chose-english", "contributor"])
def test_a_new_operator_walks_every_admin_screen_without_403_404_or_wagtail(new_operator,
                                                                            role, chosen):
    if role == "contributor":
        record = RegionSite.objects.get(region__kode=CITANGKIL)
        new_operator.groups.set([record.contributor_group])
    client = enrolled_operator_client(new_operator, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    UserProfile.objects.update_or_create(user=new_operator,
                                         defaults={"preferred_language": chosen})
    home = RegionSite.objects.get(region__kode=CITANGKIL).home_page
    visited, problems = walk(client, start_pages(home))
    assert f'<html lang="{chosen or "id"}"' in visited["/admin/"].content.decode()

    print(f"{len(visited)} admin screens visited")  # noqa: T201 (the walk's size, with -s)
    assert problems == []
    names = {screen_name(path) for path, response in visited.items()
             if response.status_code == 200}
    # The walk reached what an operator works with (the bound did not cut it short) …
    for expected in ["wagtailadmin_home", "wagtailadmin_explore", "wagtailadmin_pages:edit",
                     "wagtailimages:index", "wagtaildocs:index", "wagtailadmin_account",
                     "balai_operator_guide", "wagtailadmin_pages:history"]:
        assert expected in names, expected
    # Locked pages is the one report an operator may open (a contributor may unlock nothing).
    assert ("wagtailadmin_reports:locked_pages" in names) is (role == "operator")
    # … and never another site's pages.
    other = RegionSite.objects.get(region__kode=KEBONSARI).home_page
    other_ids = set(Page.objects.descendant_of(other, inclusive=True).values_list("pk",
                                                                                 flat=True))
    for path in visited:
        match = re.match(r"^/admin/pages/(\d+)/", path)
        assert not (match and int(match.group(1)) in other_ids), path


def test_the_menu_offers_no_item_an_operator_is_refused(new_operator):
    client = enrolled_operator_client(new_operator)
    screen = read_screen(client.get("/admin/").content.decode())
    entries = [entry for data in screen.menu_json for entry in menu_entries(data)]
    labels = [label for label, _url in entries]
    urls = [url for _label, url in entries if url and url != "#"]

    with translation.override("id"):
        help_label = translation.gettext("Help")
    assert help_label == "Bantuan" and help_label in labels
    assert dict(entries)[help_label] == "/admin/panduan/"
    # Wagtail's own help menu (its guides on the internet) is gone.
    assert not any(url.startswith("http") for url in urls)
    for url in urls:
        assert client.get(url, follow=True).status_code == 200, url
    # Of Wagtail's six reports, the locked pages (their own) is what an operator may open.
    reports = [url for url in urls if url.startswith("/admin/reports/")]
    assert reports == ["/admin/reports/locked/"]


def test_the_city_office_keeps_every_report(city_client):
    screen = read_screen(city_client.get("/admin/").content.decode())
    urls = [url for data in screen.menu_json for _label, url in menu_entries(data)]
    reports = [url for url in urls if url.startswith("/admin/reports/")]
    assert len(reports) == 6
    assert "/admin/panduan/" in urls


def test_sign_in_and_enrolment_speak_indonesian_to_an_english_browser(new_operator):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    login = client.get("/admin/login/")
    html = login.content.decode()
    assert '<html lang="id"' in html
    assert "Masuk ke Balai · Kota Cilegon" in html
    assert "Kata sandi" in html and ">Password" not in html
    assert "<title>Masuk - Balai · Kota Cilegon</title>" in html
    assert login["Content-Language"] == "id"

    client.post("/admin/login/", {"username": "rina", "password": PASSWORD})
    enrol = client.get("/admin/verifikasi/aktifkan/?next=/admin/").content.decode()
    with translation.override("id"):
        button = translation.gettext("Turn on two-step verification")
    assert button != "Turn on two-step verification"
    assert button in enrol and "Turn on two-step verification" not in enrol


def test_the_admin_speaks_indonesian_unless_the_account_chose_english(new_operator):
    client = enrolled_operator_client(new_operator, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    dashboard = client.get("/admin/")
    assert '<html lang="id"' in dashboard.content.decode()
    assert dashboard["Content-Language"] == "id"
    indonesian_catalogue = client.get("/admin/jsi18n/").content

    # The account's own settings offer exactly Indonesian and English (and the default).
    account = client.get("/admin/account/").content.decode()
    choices = re.search(r'<select name="locale-preferred_language".*?</select>', account,
                        re.S).group(0)
    assert sorted(re.findall(r'<option value="([^"]*)"', choices)) == ["", "en", "id"]

    saved = client.post("/admin/account/", account_form(account, {
        "locale-preferred_language": "en"}))
    assert saved.status_code == 302
    for browser in ("en-US,en;q=0.9", "id-ID,id;q=0.9"):
        english = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=browser).content.decode()
        assert '<html lang="en"' in english
        assert "Dashboard" in english
    # The admin's JavaScript strings follow the account too.
    assert client.get("/admin/jsi18n/").content != indonesian_catalogue


def test_public_pages_keep_following_the_visitor(site_of):
    client, home = site_of(CITANGKIL)
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en"' in english
    indonesian = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="id"' in indonesian


def test_the_explorer_filters_list_only_the_operators_own_site(new_operator, make_user):
    own = RegionSite.objects.select_related("site", "home_page").get(region__kode=CITANGKIL)
    other = RegionSite.objects.select_related("site").get(region__kode=KEBONSARI)
    # Someone of another kelurahan has edited a page there: their name must not show.
    stranger = make_user("orang-lain", other.operator_group, first_name="Rahasia",
                         last_name="Tetangga")
    Page.objects.filter(pk=other.home_page_id).update(owner=stranger)
    other.home_page.specific.save_revision(user=stranger, log_action=True)
    client = enrolled_operator_client(new_operator)

    html = client.get(f"/admin/pages/{own.home_page_id}/").content.decode()
    sites = set(re.findall(r'name="site" value="(\d+)"', html))
    assert sites == {str(own.site_id)}
    assert "Rahasia" not in html and "orang-lain" not in html
    # Asking for another site's filter anyway shows nothing of it (and is no error).
    asked = client.get(f"/admin/pages/{own.home_page_id}/?site={other.site_id}")
    assert asked.status_code == 200
    assert other.home_page.title not in asked.content.decode()


def test_the_city_office_filters_by_every_site(city_client):
    portal = RegionSite.objects.get(region__kode=settings.BALAI_KOTA_KODE).home_page_id
    html = city_client.get(f"/admin/pages/{portal}/").content.decode()
    assert len(set(re.findall(r'name="site" value="(\d+)"', html))) == RegionSite.objects.filter(
        site__isnull=False).count()


def test_the_promote_tab_is_named_for_operators(new_operator, city_client):
    page = RegionSite.objects.get(region__kode=WARNASARI).home_page
    section = page.get_children().first()
    operator = enrolled_operator_client(new_operator)
    own = RegionSite.objects.get(region__kode=CITANGKIL).home_page.get_children().first()
    html = operator.get(f"/admin/pages/{own.pk}/edit/").content.decode()
    assert "Alamat &amp; pencarian" in html and "Promosikan" not in html
    assert 'name="slug"' in html and 'name="search_description"' in html
    assert 'name="seo_title"' not in html and 'name="show_in_menus"' not in html
    city = city_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert 'name="seo_title"' in city and 'name="show_in_menus"' in city


def account_form(html: str, changes: dict) -> dict:
    """The values of the account settings form as the browser would send them."""
    form = re.search(r'<form[^>]*method="post"[^>]*>.*?</form>', html, re.S | re.I).group(0)
    data: dict = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = (re.search(r'type="([^"]+)"', tag) or [None, "text"])[1]
        value = (re.search(r'value="([^"]*)"', tag) or [None, ""])[1]
        if kind in {"checkbox", "radio"}:
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(value or "on")
        elif kind not in {"submit", "button", "file"}:
            data[name.group(1)] = value
    for select in re.findall(r"<select.*?</select>", form, re.S):
        name = re.search(r'name="([^"]+)"', select).group(1)
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select)
        data[name] = chosen.group(1) if chosen else ""
    data.update(changes)
    return data
