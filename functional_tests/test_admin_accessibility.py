"""axe-core finds no WCAG 2.x A/AA violation on the operator's admin screens, on a phone.

An operator of Kelurahan Citangkil (the demo's complete site) opens, at 360×740: the
dashboard, the page editor of every page type of a kelurahan site, the form for a new news
item, the RT/RW editor of one RW, the image library and their account settings. Rules are
never switched off: a violation is fixed in Balai's templates, widgets or admin scripts.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .accounts import office_account
from .conftest import PHONE
from .test_accessibility import AXE_TAGS
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KODE = "36.72.08.1007"

# One page of each type of the site, by the editor's address of the first such page.
PAGE_TYPES = """
import os
from wagtail.models import Page
from balai.provisioning.models import RegionSite

home = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"]).home_page
seen = set()
for page in Page.objects.descendant_of(home, inclusive=True).specific().order_by("path"):
    name = type(page).__name__
    if name not in seen:
        seen.add(name)
        print(name, page.pk, page.get_parent().pk)
"""


@pytest.fixture(scope="module")
def operator(balai_server):
    person = office_account(balai_server, KODE, prefix="operator-a11y")
    return person.username, person.password


@pytest.fixture(scope="module")
def page_types(balai_server) -> dict[str, tuple[int, int]]:
    output = balai_server.command("shell", "-c", PAGE_TYPES, BALAI_TEST_KODE=KODE)
    found = {}
    for line in output.splitlines():
        match = re.fullmatch(r"(\w+Page) (\d+) (\d+)", line.strip())
        if match:
            found[match[1]] = (int(match[2]), int(match[3]))
    return found


def test_operator_screens_have_no_axe_violations(browser, balai_server, operator, page_types):
    assert {"KelurahanPage", "ProfilPage", "StrukturPage", "RtRwPage", "KontakPage",
            "LayananPage", "BeritaPage", "LembagaPage"} <= page_types.keys(), page_types
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, balai_server.url(path="/admin/login/"), *operator)
        expect(page).to_have_url(balai_server.url(path="/admin/"))
        berita_index = page_types["BeritaIndexPage"][0]
        screens = {
            "dashboard": "/admin/",
            "explorer": f"/admin/pages/{page_types['KelurahanPage'][0]}/",
            "new-news": f"/admin/pages/add/berita/beritapage/{berita_index}/",
            "images": "/admin/images/",
            "account": "/admin/account/",
            **{f"edit-{name}": f"/admin/pages/{pk}/edit/"
               for name, (pk, _parent) in sorted(page_types.items())},
        }
        axe = Axe()
        found = {}
        for name, path in screens.items():
            page.goto(balai_server.url(path=path))
            page.wait_for_load_state("load")
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            violations = result.response["violations"]
            if violations:
                found[name] = [(violation["id"], [node["target"] for node in violation["nodes"]])
                               for violation in violations]
        assert not found, found
    finally:
        context.close()
