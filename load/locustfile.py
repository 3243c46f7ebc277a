"""Residents browsing Balai's sites, for `make load` (locust, headless, on the local stack).

Each simulated resident picks a site (the demo's filled kelurahan and kecamatan more often
than the other, empty ones), opens its home page, then wanders: the service list
(layanan) and single service pages, the news list and single news items, and now and then
another page linked from the home page. All of it anonymous, as nearly all of Balai's
traffic is. Requests go to nginx on 127.0.0.1 with each site's host name in the ``Host``
header, so nginx's micro-cache and Balai's page cache are both in the path.

A few operators work at the same time (``Operator``, ``LOAD_OPERATORS``, 3 by default):
each is one of the ``beban-operator-N`` accounts that load/accounts.py made on the stack
before the run (an operator of Kelurahan Citangkil or Kebonsari through its provisioned
group, with a TOTP authenticator whose key is in the accounts file). It signs in once
through the real login and code pages (a code is accepted only once, so it keeps its
session), then opens the page explorer, edits its own news item in Wagtail's editor and
saves a draft or publishes it through the real form with its CSRF token, and now and then
previews it. Nothing about the sign-in, the throttling or the guard is relaxed.
"""

import json
import os
import random
import re
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from django_otp.oath import TOTP
from locust import HttpUser, between, events, task

from balai.core.tests.formdata import form_data

# The demo's filled sites (balai load-demo), asked for most.
FILLED_HOSTS = ["kel-citangkil.localhost", "kel-kebonsari.localhost",
                "kec-citangkil.localhost", "localhost"]
LINK = re.compile(r'href="(/[^"#?]*)"')
SKIPPED = ("/static/", "/media/", "/admin/", "/bahasa/", "/dokumen-unduh/", "/api/")
_other_hosts: list[str] = []
ACCOUNTS = Path(os.environ.get("LOAD_OPERATORS_FILE", "var/stack/load-operators.json"))
_accounts: list[dict] = []
operator_actions: Counter = Counter()


@events.test_start.add_listener
def _find_sites(environment, **kwargs):
    """Every site's host name from the open data API, once per run."""
    import requests

    response = requests.get(f"{environment.host}/api/v1/sites/",
                            headers={"Host": f"localhost:{urlsplit(environment.host).port}"},
                            timeout=30)
    response.raise_for_status()
    data = response.json()
    records = data["results"] if isinstance(data, dict) else data
    _other_hosts[:] = [record["hostname"] for record in records
                       if record["hostname"] not in FILLED_HOSTS]
    _accounts[:] = json.loads(ACCOUNTS.read_text()) if ACCOUNTS.exists() else []


@events.quitting.add_listener
def _operator_summary(environment, **kwargs):
    if operator_actions:
        print("Operator actions: " + ", ".join(
            f"{name} {count}" for name, count in sorted(operator_actions.items())))


class Resident(HttpUser):
    wait_time = between(1, 5)

    def on_start(self):
        port = urlsplit(self.host).port or 80
        hosts = FILLED_HOSTS if random.random() < 0.8 or not _other_hosts else _other_hosts
        self.site = f"{random.choice(hosts)}:{port}"
        self.links = {"layanan": [], "berita": [], "other": []}
        home = self._get("/", "home")
        if home is not None:
            self._sort_links(home.text)

    def _get(self, path: str, name: str):
        with self.client.get(path, headers={"Host": self.site}, name=name,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {self.site}{path}")
                return None
            response.success()
            return response

    def _sort_links(self, html: str) -> None:
        """Only links the site itself shows are followed: no guessed address can 404."""
        for link in sorted(set(LINK.findall(html))):
            if link == "/" or link.startswith(SKIPPED):
                continue
            kind = next((k for k in ("layanan", "berita") if link.endswith(f"/{k}/")), "other")
            self.links[kind].append(link)

    def _one_of(self, kind: str) -> None:
        """A list page the home page links to, then one item it lists."""
        if not self.links[kind]:
            return self.home()
        index = random.choice(self.links[kind])
        page = self._get(index, f"{kind} list")
        if page is None:
            return None
        items = [link for link in set(LINK.findall(page.text))
                 if link.startswith(index) and link != index]
        if items:
            self._get(random.choice(items), kind)
        return None

    @task(3)
    def home(self):
        self._get("/", "home")

    @task(4)
    def layanan(self):
        self._one_of("layanan")

    @task(3)
    def berita(self):
        self._one_of("berita")

    @task(1)
    def other_page(self):
        if self.links["other"]:
            self._get(random.choice(self.links["other"]), "other page")


class Operator(HttpUser):
    """A kelurahan operator at work: explorer, editor, drafts, publishing, preview."""

    fixed_count = int(os.environ.get("LOAD_OPERATORS", "3"))
    wait_time = between(3, 10)

    def on_start(self):
        if not _accounts:
            raise RuntimeError(f"no operator accounts in {ACCOUNTS}: run load/accounts.py")
        # Each simulated operator its own account (there are as many as operators).
        self.account = _accounts[operator_actions["signed in"] % len(_accounts)]
        operator_actions["signed in"] += 1
        port = urlsplit(self.host).port or 80
        self.client.headers["Host"] = f"{self.account['host']}:{port}"
        self.edit_path = f"/admin/pages/{self.account['news']}/edit/"
        self._sign_in()

    def _expect(self, method: str, path: str, name: str, status: int, data=None,
                refused: str | None = None, shows: str | None = None):
        """One request of the admin; any other status, a redirect to ``refused`` or a page
        without the text ``shows`` fails."""
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.request(method, path, data=data, name=name, allow_redirects=False,
                                 catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code != status or refused and refused in location \
                    or shows and shows not in response.text:
                response.failure(f"{response.status_code} {location} for {path}")
                return None
            response.success()
            return response

    def _code(self) -> str:
        code = TOTP(bytes.fromhex(self.account["key"]), step=30)
        code.time = time.time()
        return f"{code.token():06d}"

    def _sign_in(self) -> None:
        self._expect("GET", "/admin/login/", "admin: login page", 200)
        self._expect("POST", "/admin/login/", "admin: password", 302, refused="/login/", data={
            "username": self.account["username"], "password": self.account["password"]})
        self._expect("POST", "/admin/verifikasi/", "admin: code", 302, refused="/verifikasi/",
                     data={"code": self._code()})

    def _form(self) -> dict | None:
        page = self._expect("GET", self.edit_path, "admin: editor", 200)
        if page is None:
            return None
        data = form_data(page.text, "page-edit-form")
        data["summary"] = ("Ringkasan kabar kelurahan, diperbarui oleh operator pada "
                           f"{time.strftime('%H.%M.%S')}.")
        return data

    @task(3)
    def explorer(self):
        self._expect("GET", f"/admin/pages/{self.account['home_page']}/", "admin: explorer",
                     200)

    @task(3)
    def save_draft(self):
        if (data := self._form()) is not None and self._expect(
                "POST", self.edit_path, "admin: save draft", 302, data=data):
            operator_actions["drafts saved"] += 1

    @task(2)
    def publish(self):
        # A publish held by the guard goes back to the editor instead of the explorer.
        if (data := self._form()) is not None and self._expect(
                "POST", self.edit_path, "admin: publish", 302, refused="/edit/",
                data={**data, "action-publish": "action-publish"}):
            operator_actions["published"] += 1

    @task(1)
    def preview(self):
        if (data := self._form()) is None:
            return
        preview = f"{self.edit_path}preview/"
        if self._expect("POST", preview, "admin: preview (form)", 200, data=data) is None:
            return
        if self._expect("GET", preview, "admin: preview", 200, shows=data["summary"]):
            operator_actions["previews"] += 1
