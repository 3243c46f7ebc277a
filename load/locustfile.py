"""Residents browsing Balai's sites, for `make load` (locust, headless, on the local stack).

Each simulated resident picks a site (the demo's filled kelurahan and kecamatan more often
than the other, empty ones), opens its home page, then wanders: the service list
(layanan) and single service pages, the news list and single news items, and now and then
another page linked from the home page. All of it anonymous, as nearly all of Balai's
traffic is. Requests go to nginx on 127.0.0.1 with each site's host name in the ``Host``
header, so nginx's micro-cache and Balai's page cache are both in the path.

Operators are not simulated: every admin account needs a second factor (TOTP), and this
scenario does not create accounts or bypass that check on the stack.
"""

import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

# The demo's filled sites (balai load-demo), asked for most.
FILLED_HOSTS = ["kel-citangkil.localhost", "kel-kebonsari.localhost",
                "kec-citangkil.localhost", "localhost"]
LINK = re.compile(r'href="(/[^"#?]*)"')
SKIPPED = ("/static/", "/media/", "/admin/", "/bahasa/", "/dokumen-unduh/", "/api/")
_other_hosts: list[str] = []


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
