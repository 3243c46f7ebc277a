"""Signing in to the admin in the browser, with the second step as a person does it: at the
first sign-in the test reads the setup key off the enrolment page (as an authenticator app
reads the QR code), and from then on computes the codes an app would show."""

import base64
import re
import time

from django_otp.oath import TOTP
from playwright.sync_api import expect

STEP = 30
_keys: dict[str, bytes] = {}
_last_step: dict[str, int] = {}


def _code(username: str) -> str:
    """The newest code for the account; a code is accepted once, so a second sign-in in
    the same 30 seconds uses the next step's (the server allows one step of clock drift)."""
    now = int(time.time()) // STEP
    step = max(now, _last_step.get(username, -1) + 1)
    if step > now + 1:
        time.sleep((step - 1) * STEP - time.time() + 1)
    totp = TOTP(_keys[username], step=STEP)
    totp.time = step * STEP
    _last_step[username] = step
    return f"{totp.token():06d}"


def enrol(page, username: str, *, on_setup_page=None, on_codes_page=None) -> None:
    """On the enrolment page: take the key, type a code, keep going past the backup codes."""
    expect(page).to_have_url(re.compile(r"/admin/verifikasi/aktifkan/"))
    key = page.locator(".balai-2fa-key").inner_text().replace(" ", "")
    _keys[username] = base64.b32decode(key + "=" * (-len(key) % 8))
    page.locator("#id_code").fill(_code(username))
    if on_setup_page:
        on_setup_page(page)
    page.get_by_role("button", name="Aktifkan verifikasi dua langkah").click()
    expect(page.locator(".balai-2fa-codes li")).to_have_count(10)
    if on_codes_page:
        on_codes_page(page)
    page.get_by_role("link", name="Lanjut ke dasbor").click()


def verify(page, username: str) -> None:
    page.locator("#id_code").fill(_code(username))
    page.get_by_role("button", name="Verifikasi").click()


def sign_in(page, url: str, username: str, password: str) -> None:
    """The whole sign-in from the login page at ``url``: password, then the code (or the
    enrolment at the first sign-in)."""
    page.goto(url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    second_step(page, username)


def second_step(page, username: str, **enrolment_callbacks) -> None:
    """The code page, or at an account's first sign-in the enrolment (``on_setup_page`` and
    ``on_codes_page`` are called there, e.g. to take pictures)."""
    page.wait_for_url(lambda url: "/verifikasi/" in url)
    if "/verifikasi/aktifkan/" in page.url:
        enrol(page, username, **enrolment_callbacks)
    else:
        verify(page, username)
