"""Fixtures for the browser tests.

One real Balai server for the whole session, in a subprocess on its own throw-away SQLite
database (``BALAI_DATA_DIR`` in a temporary folder), set up like ``make run`` does:
``migrate``, then ``setup-dev`` (regions, all 52 sites, demo content, a superuser). The
tests never touch the pytest-django test database, so nothing here may request ``db``,
``live_server`` or ``transactional_db``.

With pytest-xdist (``make test`` runs ``-n 2 --dist loadfile``) each worker has its own
server, database and port, and runs whole test files, so a file's tests share one server
in their order as they do in a serial run.

Chromium is Debian's (``make browser-deps``); Playwright cannot download its own here.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from balai.testing.locks import locked

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BASE_DOMAIN = "localhost"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# A resident on a cheap Android phone, and an office computer.
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

SERVER_START_TIMEOUT = 30  # seconds for runserver to answer
COMMAND_TIMEOUT = 300  # seconds for migrate and setup-dev each


@dataclass(frozen=True)
class BalaiServer:
    """A running Balai development server."""

    port: int
    data_dir: Path

    def command(self, *args: str, **extra_env: str) -> str:
        """Run a ``balai`` command on the server's own database; returns its output."""
        return _run([_BALAI, *args], _server_env(self.data_dir, self.port) | extra_env)

    def url(self, host: str = BASE_DOMAIN, path: str = "/") -> str:
        """The absolute URL of ``path`` on one of the server's host names."""
        return f"http://{host}:{self.port}{path}"

    @property
    def base_url(self) -> str:
        """The city portal's address, without the trailing slash."""
        return self.url(path="")

    def netloc(self, host: str = BASE_DOMAIN) -> str:
        """``host:port`` as it appears in the URL of every request to that host."""
        return f"{host}:{self.port}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_BALAI = str(Path(sys.executable).parent / "balai")


def _server_env(data_dir: Path, port: int) -> dict[str, str]:
    """The environment of the test server and of commands on its database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "balai.settings.dev",
        "BALAI_DATA_DIR": str(data_dir),
        "BALAI_PORT": str(port),
        "BALAI_BASE_DOMAIN": BASE_DOMAIN,
        "PYTHONUNBUFFERED": "1",
    }
    # Never let the server reach a database given to the rest of the suite
    # (scripts/with-postgres sets DATABASE_URL): it must use the SQLite file in data_dir.
    env.pop("DATABASE_URL", None)
    return env


def _run(command: list[str], env: dict[str, str]) -> str:
    """Run a management command; on failure show its whole output in the test report."""
    result = subprocess.run(  # noqa: S603 - our own executable, fixed arguments
        command, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command[1:])} failed ({result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)
    return result.stdout


def _answers(port: int) -> bool:
    """Whether the city portal answers 200 on the port (asked with its real Host header)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/", headers={"Host": f"{BASE_DOMAIN}:{port}"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


SITES_ON_THIS_PORT = """
from django.conf import settings
from wagtail.models import Site
Site.objects.update(port=settings.BALAI_PORT)
"""


def _demo_installation(request, tmp_path_factory, data_dir: Path, port: int) -> None:
    """Fill ``data_dir`` with a demo installation (``migrate``, ``setup-dev``). It is built
    once per run, by the first worker to ask, and copied for the others: the workers would
    otherwise build the same installation at the same time on the same cores."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if hasattr(request.config, "workerinput") else base
    built = shared / "balai-demo-installation"
    with locked(shared / "balai-demo-installation.lock"):
        if not (built / "done").exists():
            shutil.rmtree(built, ignore_errors=True)
            built.mkdir()
            env = _server_env(built, port)
            _run([_BALAI, "migrate", "--noinput"], env)
            _run([_BALAI, "setup-dev"], env)
            (built / "done").touch()
    # The cache is the builder's; each server starts with none.
    shutil.copytree(built, data_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("cache", "done"))
    # The sites were made for the builder's port: they answer on this server's.
    _run([_BALAI, "shell", "-c", SITES_ON_THIS_PORT], _server_env(data_dir, port))


@pytest.fixture(scope="session")
def balai_server(request, tmp_path_factory) -> Iterator[BalaiServer]:
    """Serve a demo installation with runserver for the whole session (for each xdist
    worker: its own server, on its own copy of the installation)."""
    data_dir = tmp_path_factory.mktemp("balai-data")
    port = _free_port()
    env = _server_env(data_dir, port)
    balai = _BALAI
    _demo_installation(request, tmp_path_factory, data_dir, port)

    log_path = data_dir / "runserver.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own executable, fixed arguments
            [balai, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"runserver did not answer on port {port}:\n"
                            f"{log_path.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield BalaiServer(port=port, data_dir=data_dir)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, started once for the session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`.", pytrace=False)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class TrafficLog:
    """Every request a page makes, and every failed or erroneous one.

    Attached to a page with :meth:`watch`; :meth:`check` asserts that since the last check
    the page only talked to one host and that nothing failed, then starts afresh.
    """

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # How many documents the page has shown, and which one each pending request belongs to.
    documents: int = 0
    started_in: dict = field(default_factory=dict)
    aborted: list[tuple[str, int]] = field(default_factory=list)

    def watch(self, page) -> None:
        self._main_frame = page.main_frame
        page.on("framenavigated", self._on_navigation)
        page.on("request", self._on_request)
        page.on("requestfinished", lambda request: self.started_in.pop(request, None))
        page.on("requestfailed", self._on_failure)
        page.on("response", self._on_response)
        page.on("pageerror", self._on_script_error)
        page.on("console", self._on_console)

    def _on_navigation(self, frame) -> None:
        if frame == self._main_frame:
            self.documents += 1

    def _on_request(self, request) -> None:
        self.requests.append(request.url)
        self.started_in[request] = self.documents

    def _on_failure(self, request) -> None:
        started_in = self.started_in.pop(request, self.documents)
        if request.failure == "net::ERR_ABORTED":
            if urlsplit(request.url).path.rsplit("/", 1)[-1].startswith("favicon"):
                return  # the browser's own icon fetch, cancelled when the test navigates on
            if not request.is_navigation_request():
                # Judged at the check, once the navigation that may have caused it is done.
                self.aborted.append((request.url, started_in))
                return
        self.problems.append(f"failed: {request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _on_script_error(self, error) -> None:
        self.problems.append(f"script error: {error}")

    def _on_console(self, message) -> None:
        """The browser reports what the Content-Security-Policy blocked on the console."""
        if "Content Security Policy" in message.text or "Content-Security-Policy" in \
                message.text:
            self.problems.append(f"CSP: {message.text}")

    def check(self, netloc: str, *, navigated: bool = True) -> None:
        if navigated:
            assert self.requests, "the page made no request at all"
        elsewhere = [url for url in self.requests if urlsplit(url).netloc != netloc]
        assert not elsewhere, f"requests to another host than {netloc}: {elsewhere}"
        # A request of a page the test has since left (a lazy image that had just begun to
        # load when a link was followed) is dropped by the browser, as it should be.
        self.problems += [f"failed: {url} (net::ERR_ABORTED)" for url, started_in
                          in self.aborted if started_in == self.documents]
        self.aborted.clear()
        assert not self.problems, self.problems
        self.requests.clear()


def _open_page(browser, **context_options):
    # A resident's phone set to Indonesian, in Cilegon's time zone. (A browser asking for
    # English gets the English pages: that choice is the server's, tested elsewhere.)
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    traffic = TrafficLog()
    traffic.watch(page)
    return context, page, traffic


@pytest.fixture
def phone(browser):
    """A 360×740 touch screen page (a cheap Android phone) and its traffic log."""
    context, page, traffic = _open_page(browser, viewport=PHONE, is_mobile=True,
                                        has_touch=True, device_scale_factor=2)
    yield page, traffic
    context.close()


@pytest.fixture
def phone_without_js(browser):
    """The same phone with JavaScript turned off."""
    context, page, traffic = _open_page(browser, viewport=PHONE, is_mobile=True,
                                        has_touch=True, java_script_enabled=False)
    yield page, traffic
    context.close()


@pytest.fixture
def desktop(browser):
    """A 1280 px wide page and its traffic log."""
    context, page, traffic = _open_page(browser, viewport=DESKTOP)
    yield page, traffic
    context.close()


def _screenshot(page, path: Path) -> None:
    """A full-page picture. Chromium now and then cannot capture one while the machine is
    busy ("Unable to capture screenshot"): the picture is an artifact, not a check, so it is
    taken again once before giving up."""
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(1000)
        page.screenshot(path=path, full_page=True)


@pytest.fixture
def settle(balai_server):
    """Return a function ending every page visit: wait for the page, take a full-page
    screenshot to ``functional_tests/screenshots/<name>.png`` and check the page's traffic
    went only to ``host``. Pass ``navigated=False`` after a change that loads nothing.

    Lazy images load only near the viewport, even for a full-page screenshot, so each is
    scrolled to first, as the resident would.
    """
    SCREENSHOTS.mkdir(exist_ok=True)

    def finish(page, traffic: TrafficLog, name: str, host: str = BASE_DOMAIN, *,
               navigated: bool = True) -> None:
        page.wait_for_load_state("load")
        for image in page.locator("img[loading=lazy]").all():
            image.scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.images].every(image => image.complete)")
        page.evaluate("window.scrollTo(0, 0)")
        _screenshot(page, SCREENSHOTS / f"{name}.png")
        traffic.check(balai_server.netloc(host), navigated=navigated)

    return finish
