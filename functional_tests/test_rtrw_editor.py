"""On a 360×740 phone, a kelurahan's operator adds an RW and its RTs one at a time in the
RT/RW editor and publishes them; residents then see them on the site's RT/RW page.

Every screen of the editor fits the phone's width (no sideways scrolling), its buttons,
links and fields are at least 44 px high, and axe-core finds no WCAG A/AA violation in it
(the editor's own part of the screen: Wagtail's sidebar and the page editor around the RW
list are checked elsewhere). Screenshots go to the git-ignored
``functional_tests/screenshots/rtrw-*.png``.
"""

import json
import re
import secrets
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import SCREENSHOTS
from .test_accessibility import AXE_TAGS, violations_report
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KELURAHAN_KODE = "36.72.08.1007"
KELURAHAN_HOST = "kel-citangkil.localhost"
COMFORTABLE = 44

CREATE_OPERATOR = """
import json, os
from django.contrib.auth import get_user_model
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage

site = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"])
account = json.loads(os.environ["BALAI_TEST_ACCOUNT"])
user = get_user_model().objects.create_user(**account)
user.groups.add(site.operator_group)
print(RtRwPage.objects.child_of(site.home_page).get().pk)
"""

# Wider than the window, and the controls of the editor's own content below 44 px.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`page is ${root.scrollWidth} px wide in a ${window.innerWidth} px window`);
  }
  const controls = '.rtrw a[href], .rtrw button, .rtrw input:not([type=hidden]), '
                 + '.rtrw label.rtrw-check';
  for (const control of document.querySelectorAll(controls)) {
    if (!control.getClientRects().length) continue;
    if (control.matches('.rtrw-check input')) continue;  // its label is the target
    const box = control.getBoundingClientRect();
    if (box.height < 44 || box.width < 44) {
      problems.push(`${control.tagName} "${(control.textContent || control.name).trim()
        .slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    if (box.right > window.innerWidth + 1) {
      problems.push(`${control.tagName} "${control.textContent.trim().slice(0, 30)}" `
                    + `sticks out to ${Math.round(box.right)} px`);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def operator(balai_server) -> dict:
    account = {"username": f"operator-rtrw-{uuid.uuid4().hex[:6]}",
               "password": secrets.token_urlsafe(18), "first_name": "Dewi",
               "last_name": "Lestari"}
    output = balai_server.command("shell", "-c", CREATE_OPERATOR,
                                  BALAI_TEST_KODE=KELURAHAN_KODE,
                                  BALAI_TEST_ACCOUNT=json.dumps(account))
    return account | {"rtrw_page": int(output.split()[-1])}


def _axe(page, context: str) -> None:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, context=context, options=options).response["violations"]
    assert not violations, violations_report(violations)


def _check_screen(page, name: str) -> None:
    """Check the layout at the phone's size and the screen with axe, then picture the whole
    screen (Wagtail's admin scrolls inside its main element, so the window is made as tall
    as that first)."""
    page.wait_for_load_state("load")
    assert page.evaluate(LAYOUT_PROBLEMS) == [], name
    _axe(page, ".rtrw-screen")
    size = page.viewport_size
    height = page.evaluate("Math.max(document.querySelector('main').scrollHeight, "
                           "document.documentElement.scrollHeight)")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"rtrw-{name}.png", full_page=True,
                    animations="disabled", caret="hide")
    page.set_viewport_size(size)


def test_operator_adds_an_rw_and_two_rts_on_a_phone_and_publishes(phone, balai_server,
                                                                     operator):
    page, _traffic = phone
    here = re.compile(rf"https?://([a-z0-9-]+\.)*localhost:{balai_server.port}/")
    page.context.route("**/*", lambda route: route.continue_()
                       if here.match(route.request.url) else route.abort())
    sign_in(page, balai_server.url(path="/admin/login/"), operator["username"],
            operator["password"])
    expect(page).to_have_url(balai_server.url(path="/admin/"))

    # From the page editor of the RT/RW page: the RWs listed, each with its own button.
    page.goto(balai_server.url(path=f"/admin/pages/{operator['rtrw_page']}/edit/"))
    panel = page.locator(".rtrw")
    expect(panel.get_by_role("link", name="Ubah RW 05")).to_be_visible()
    panel.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    panel.screenshot(path=SCREENSHOTS / "rtrw-0-page-editor-panel.png")
    _axe(page, ".rtrw")
    assert [box["height"] for box in (link.bounding_box() for link in panel.get_by_role(
        "link").all()) if box["height"] < COMFORTABLE] == []
    panel.get_by_role("link", name="RW baru").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("RW baru")
    expect(page.get_by_label("Nomor RW")).to_have_value("6")
    page.get_by_label("Ketua RW").fill("Ibu Rina Marlina")
    _check_screen(page, "1-rw-baru")

    page.get_by_role("button", name="RT baru").click()
    new_row = page.locator("fieldset.rtrw-rt").last
    expect(new_row.get_by_label("Nomor RT")).to_have_value("1")
    expect(new_row.get_by_label("Ketua RT")).to_be_focused()
    new_row.get_by_label("Ketua RT").fill("Pak Ahmad Fauzi")
    page.get_by_role("button", name="RT baru").click()
    expect(page.locator("fieldset.rtrw-rt")).to_have_count(2)
    expect(page.get_by_label("Ketua RW")).to_have_value("Ibu Rina Marlina")
    second = page.locator("fieldset.rtrw-rt").last
    expect(second.get_by_label("Nomor RT")).to_have_value("2")
    second.get_by_label("Ketua RT").fill("Ibu Sari Wulandari")
    second.get_by_label("Telepon / WhatsApp (opsional)").fill("0812 3456 7890")
    _check_screen(page, "2-dua-rt")

    page.get_by_role("button", name="Terbitkan", exact=True).click()
    expect(page).to_have_url(balai_server.url(
        path=f"/admin/rt-rw/{operator['rtrw_page']}/"))
    expect(page.locator(".messages")).to_contain_text("RW 06 disimpan")
    expect(page.get_by_role("link", name="Ubah RW 06")).to_be_visible()
    _check_screen(page, "3-daftar-rw")

    page.get_by_role("link", name="Ubah RW 06").click()
    expect(page.locator("fieldset.rtrw-rt")).to_have_count(2)
    _check_screen(page, "4-ubah-rw")
    page.get_by_role("link", name="Hapus RW 06").click()
    expect(page.get_by_role("button", name="Hapus dan terbitkan")).to_be_visible()
    _check_screen(page, "5-hapus-rw")
    page.get_by_role("link", name="Tidak jadi, RW ini tetap ada").click()

    page.goto(balai_server.url(host=KELURAHAN_HOST, path="/rt-rw/?rw=6"))
    expect(page.get_by_role("heading", name="RW 006")).to_be_visible()
    expect(page.get_by_text("Ibu Rina Marlina")).to_be_visible()
    rows = page.locator("table.rt-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Pak Ahmad Fauzi")
    expect(rows.nth(1)).to_contain_text("Ibu Sari Wulandari")
    expect(rows.nth(1).get_by_role("link", name="0812 3456 7890")).to_be_visible()


def test_at_an_office_computer_each_rt_is_one_row(desktop, balai_server, operator):
    page, _traffic = desktop
    sign_in(page, balai_server.url(path="/admin/login/"), operator["username"],
            operator["password"])
    page.goto(balai_server.url(path=f"/admin/rt-rw/{operator['rtrw_page']}/"))
    page.get_by_role("link", name="Ubah RW 02").click()
    row = page.locator("fieldset.rtrw-rt").first
    tops = {round(row.get_by_label(label).bounding_box()["y"])
            for label in ("Nomor RT", "Ketua RT", "Telepon / WhatsApp (opsional)")}
    assert len(tops) == 1, tops  # number, head and phone side by side
    _check_screen(page, "6-ubah-rw-desktop")
