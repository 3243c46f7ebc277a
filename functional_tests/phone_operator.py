"""An operator's phone in the admin: what they tap, type and see, with a picture of each
step for the Panduan Operator, and a tally of the page loads and form submissions it took.

Pictures go to the git-ignored ``functional_tests/screenshots/panduan/``, or with
BALAI_UPDATE_GUIDE=1 to the guide's own folder ``balai/operators/static/balai/panduan/``.
"""

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import expect

GUIDE_IN_PACKAGE = (Path(__file__).resolve().parent.parent
                    / "balai" / "operators" / "static" / "balai" / "panduan")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GUIDE_PICTURES = (GUIDE_IN_PACKAGE if os.environ.get("BALAI_UPDATE_GUIDE") == "1"
                  else SCREENSHOTS / "panduan")

# Requests the admin makes by itself while a page is open (not the operator's doing).
BACKGROUND = re.compile(r"/admin/(editing-sessions|jsi18n|sprite)")


# What is scrolled sideways or makes the page wider than the screen.
SIDEWAYS = """() => [
  ...(document.scrollingElement.scrollWidth > innerWidth
      ? [`page ${document.scrollingElement.scrollWidth}px wide`] : []),
  ...[...document.querySelectorAll("*")].filter(element => element.scrollLeft > 0)
     .map(element => `${element.tagName}.${element.className} scrolled ${element.scrollLeft}px`),
]"""


@dataclass
class Tally:
    """The page loads and form submissions of one person in one browser tab."""

    loads: int = 0
    submissions: int = 0
    steps: list[str] = field(default_factory=list)
    posted: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("framenavigated",
                lambda frame: self._loaded() if frame == page.main_frame else None)
        page.on("request", self._request)

    def _loaded(self) -> None:
        self.loads += 1

    def _request(self, request) -> None:
        if request.method == "POST" and not BACKGROUND.search(request.url):
            self.submissions += 1
            self.posted.append(request.url)


def photo(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A portrait as a phone's camera would give it (JPEG, 3:4)."""
    path = folder / f"{name}.jpg"
    picture = Image.new("RGB", (600, 800), colour)
    draw = ImageDraw.Draw(picture)
    draw.ellipse([180, 160, 420, 440], fill=(224, 186, 150))
    draw.rectangle([120, 470, 480, 800], fill=(30, 60, 110))
    # A pattern of its own, so that no picture is a duplicate of one uploaded before.
    for offset, value in enumerate(secrets.token_bytes(8)):
        draw.rectangle([20 + 70 * offset, 20, 70 + 70 * offset, 60], fill=(value, 90, 200))
    picture.save(path, "JPEG", quality=80)
    return path


class Operator:
    """The operator's phone: what they tap, type and see, with a picture of each step."""

    def __init__(self, page, server, tally: Tally):
        self.page = page
        self.server = server
        self.tally = tally

    # -- moving around ------------------------------------------------------------------
    def picture(self, name: str) -> None:
        """A picture of the screen for the guide, once the screen is as the operator sees
        it: nothing scrolled sideways (the phone's page never scrolls sideways)."""
        GUIDE_PICTURES.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_load_state("load")
        sideways = self.page.evaluate(SIDEWAYS)
        assert not sideways, f"{name}: scrolled or wider than the screen: {sideways}"
        self.page.screenshot(path=GUIDE_PICTURES / f"{name}.png", animations="disabled",
                             caret="hide")
        self.tally.steps.append(name)

    def checklist_item(self, key: str):
        return self.page.locator(f"[data-checklist-item={key}]")

    def dashboard(self) -> None:
        """Back to the dashboard through the side menu, as the operator would."""
        page = self.page
        page.wait_for_load_state("load")
        link = page.locator("#wagtail-sidebar a[href='/admin/']").first
        toggle = page.locator("button.sidebar-nav-toggle--mobile")
        # The side menu is drawn by a script once the page has loaded; a tap before that
        # does nothing, so tap again as a person would.
        for _attempt in range(3):
            if link.is_visible():
                break
            toggle.click()
            page.wait_for_timeout(300)
        link.click()
        expect(page).to_have_url(self.server.url(path="/admin/"))

    def fill_in(self, key: str) -> None:
        """The item's "Lengkapi" button on the dashboard."""
        item = self.checklist_item(key)
        expect(item).to_have_attribute("data-done", "false")
        item.get_by_role("link", name=re.compile("^Lengkapi")).click()
        expect(self.page.locator("form#page-edit-form")).to_be_visible()

    def publish(self, title: str) -> None:
        """"Terbitkan", the main button at the bottom of the editor."""
        page = self.page
        button = page.locator("footer button[name=action-publish]")
        if not button.is_visible():  # in the footer's menu
            page.locator("footer [data-w-dropdown-target=toggle]").click()
        expect(button).to_be_visible()
        button.click()
        expect(page.locator(".messages li.success")).to_contain_text(title)

    # -- typing -----------------------------------------------------------------------
    def rich_text(self, field_name: str, text: str) -> None:
        editor = self.page.locator(f"[data-contentpath={field_name}] [contenteditable=true]")
        editor.click()
        # One input event, as a phone keyboard's suggestion or a paste gives it: typed key by
        # key, a touch screen's editor may move the caret while it re-renders.
        self.page.keyboard.insert_text(text)
        # The rich text editor copies what was typed into the form a moment later.
        expect(self.page.locator(f"input[name={field_name}]")).to_have_value(
            re.compile(re.escape(text[:20])))

    def upload_photo(self, chooser, photo: Path, alt: str) -> None:
        """Choose an image by uploading it from the phone, in the chooser's "Unggah" tab:
        the alternative text is asked; the title follows it."""
        page = self.page
        chooser.locator("[data-chooser-action-choose]").click()
        modal = page.locator(".modal-dialog")
        # The chooser is loaded by a request of its own: slow on a busy machine.
        expect(modal.get_by_role("heading", level=1)).to_be_visible(timeout=15_000)
        modal.get_by_role("tab", name=re.compile("Unggah")).click()
        modal.locator("input[type=file]").set_input_files(photo)
        modal.locator("input[name$=description]").fill(alt)
        modal.locator("form button[type=submit]").click()
        expect(modal).to_be_hidden()
        expect(chooser.locator("[data-chooser-title]")).to_have_text(alt)
