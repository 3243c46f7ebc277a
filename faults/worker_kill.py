"""SIGKILL a gunicorn worker in the middle of a publish (`make faults`).

The same throw-away PostgreSQL, gunicorn and installation as postgres_outage.py (common.py),
with faults/settings.py: the stack's settings plus the kill points of killpoints.py. An
operator of Kelurahan Citangkil (made by load/accounts.py, with a known TOTP key) signs in
through the real login and code pages and publishes a new title of its news item through
Wagtail's editor, over HTTP. At each kill point (revision saved; page row being saved; page
saved but nothing told yet; committed but the cache not yet purged; all done but no
response) the worker that reached it writes its pid and waits; this script sends SIGKILL to
exactly that pid. Asserted after each kill: gunicorn has replaced the worker and the site
answers; `balai check-tree` exits 0; the page row holds exactly its live revision's
content, the old title before the commit and the new one after it, with no revision or
security-log entry left by a publish that did not commit; residents (the page cache warmed
before) see the same title as the database. Then an ordinary publish must succeed.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import requests
from common import BIN, KELURAHAN, ROOT, Installation, get, new_folder, run
from django_otp.oath import TOTP

from balai.core.tests.formdata import form_data

POINTS = ["revision_saved", "page_saved", "published", "committed", "before_response"]
COMMITTED = {"committed", "before_response"}
RESPAWN_LIMIT = 30


class Operator:
    """An admin session over HTTP on one site's host name, as a browser keeps it."""

    def __init__(self, port: int, account: dict):
        self.port, self.account = port, account
        self.session = requests.Session()
        self.session.headers["Host"] = f"{account['host']}:{port}"
        self.last_step = -1

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        return self.session.request(method, f"http://127.0.0.1:{self.port}{path}",
                                    allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
        return self.request("POST", path, data=data, **kwargs)

    def code(self) -> str:
        """The authenticator's code; a code is taken once, so never the same step twice."""
        step = max(int(time.time()) // 30, self.last_step + 1)
        while step > int(time.time()) // 30 + 1:
            time.sleep(1)
        self.last_step = step
        code = TOTP(bytes.fromhex(self.account["key"]), step=30)
        code.time = step * 30
        return f"{code.token():06d}"

    def sign_in(self) -> None:
        self.request("GET", "/admin/login/")
        response = self.post("/admin/login/", {"username": self.account["username"],
                                               "password": self.account["password"]})
        assert response.status_code == 302, ("password refused", response.status_code)
        response = self.post("/admin/verifikasi/", {"code": self.code()})
        assert response.status_code == 302 and "/verifikasi/" not in \
            response.headers["Location"], ("code refused", response.status_code)

    def publish(self, page_id: int, title: str) -> int:
        """The editor's form as loaded, with a new title, sent with the Publish button."""
        path = f"/admin/pages/{page_id}/edit/"
        data = form_data(self.request("GET", path).text, "page-edit-form")
        data.update({"title": title, "action-publish": "action-publish"})
        return self.post(path, data).status_code


def database_state(dsn: str, page_id: int) -> dict:
    with psycopg.connect(dsn) as connection:
        row = connection.execute("""
            SELECT p.title, p.live, live.content->>'title', live.object_id,
                   p.latest_revision_id, latest.object_id,
                   (SELECT count(*) FROM wagtailcore_revision r
                    WHERE r.object_id = p.id::text AND r.base_content_type_id =
                          (SELECT id FROM django_content_type
                           WHERE app_label = 'wagtailcore' AND model = 'page')),
                   (SELECT count(*) FROM security_securityevent WHERE kind = 'page_published')
            FROM wagtailcore_page p
            LEFT JOIN wagtailcore_revision live ON live.id = p.live_revision_id
            LEFT JOIN wagtailcore_revision latest ON latest.id = p.latest_revision_id
            WHERE p.id = %s""", [page_id]).fetchone()
    keys = ["title", "live", "live_revision_title", "live_revision_of", "latest_revision_id",
            "latest_revision_of", "revisions", "published_events"]
    return dict(zip(keys, row, strict=True))


def public_title(port: int, path: str, titles: list[str]) -> tuple[str, str]:
    """Which of the titles a resident sees on the page, and the page cache's answer."""
    status, headers, body = get(port, KELURAHAN, path)
    shown = [title for title in titles if title.encode() in body]
    return (shown[0] if len(shown) == 1 else f"{status} {shown}",
            headers.get("x-balai-cache", "-"))


def wait_for_new_worker(installation: Installation, killed: int) -> float:
    started = time.monotonic()
    while time.monotonic() - started < RESPAWN_LIMIT:
        workers = installation.workers()
        if killed not in workers and len(workers) == 2 \
                and get(installation.app_port, "localhost", "/healthz")[0] == 200 \
                and get(installation.app_port, KELURAHAN, "/")[0] == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"no new worker {RESPAWN_LIMIT} s after killing {killed}")


def kill_during_publish(installation: Installation, operator: Operator, point: str,
                        page_id: int, title: str) -> tuple[int, float]:
    """Arm the point, publish in a thread, SIGKILL the worker that reports the point."""
    armed, marker = Path(installation.env["BALAI_FAULT_KILL_POINT"]), \
        Path(installation.env["BALAI_FAULT_MARKER"])
    marker.unlink(missing_ok=True)
    armed.write_text(point)
    answers = []
    publisher = threading.Thread(target=lambda: answers.append(_try_publish(
        operator, page_id, title)), daemon=True)
    publisher.start()
    deadline = time.monotonic() + 60
    while not marker.exists() or not marker.read_text().endswith("\n"):
        assert time.monotonic() < deadline and publisher.is_alive(), \
            f"{point} never reached ({answers})"
        time.sleep(0.05)
    pid, reached = marker.read_text().split()
    pid = int(pid)
    assert reached == point and pid in installation.workers(), (pid, reached)
    os.kill(pid, signal.SIGKILL)
    publisher.join(timeout=30)
    return pid, wait_for_new_worker(installation, pid)


def _try_publish(operator: Operator, page_id: int, title: str) -> str:
    try:
        return str(operator.publish(page_id, title))
    except requests.RequestException as error:
        return type(error).__name__


def round_problems(page_id: int, before: dict, after: dict, published: bool, seen: str,
                   tree: tuple[int, str]) -> list[str]:
    """What is wrong after one publish: ``published`` says whether it had committed."""
    added = after["revisions"] - before["revisions"]
    events = after["published_events"] - before["published_events"]
    owners = {after["live_revision_of"], after["latest_revision_of"]}
    return [what for wrong, what in [
        (after["live_revision_title"] != after["title"],
         f"page row says {after['title']!r}, its live revision "
         f"{after['live_revision_title']!r}"),
        (owners != {str(page_id)}, f"revisions of another page: {owners}"),
        (added != published, f"{added} revision(s) added"),
        (events != published, f"{events} publish event(s) logged"),
        (seen != after["title"], f"page row says {after['title']!r}, residents see {seen!r}"),
        (tree[0] != 0, f"check-tree exit {tree[0]}: {tree[1][-300:]}"),
    ] if wrong]


def check_tree(installation: Installation) -> tuple[int, str]:
    done = installation.balai("check-tree", check=False)
    return done.returncode, (done.stdout + done.stderr).strip()


def kills(installation: Installation) -> tuple[dict, list[str]]:
    problems, rows = [], []
    started = time.monotonic()
    installation.set_up()
    port = installation.app_port
    dsn = installation.env["DATABASE_URL"]
    subprocess.run([BIN / "python", ROOT / "load" / "accounts.py", "--count", "1",
                    "--output", installation.folder / "operators.json"], env=installation.env,
                   check=True, stdout=subprocess.DEVNULL)
    account = json.loads((installation.folder / "operators.json").read_text())[0]
    page = json.loads(installation.balai("shell", "-c", (
        "import json; from wagtail.models import Page; "
        f"page = Page.objects.get(pk={account['news']}); "
        "print(json.dumps({'id': page.pk, 'path': page.relative_url(page.get_site())}))"
    )).stdout.strip().splitlines()[-1])
    print(f"PostgreSQL on 127.0.0.1:{installation.pg_port}, gunicorn on 127.0.0.1:{port}; "
          f"installation ready in {time.monotonic() - started:.0f} s; editing "
          f"{KELURAHAN}{page['path']} as {account['username']}")
    operator = Operator(port, account)
    operator.sign_in()
    for round_, point in enumerate([*POINTS, "none"], start=1):
        before = database_state(dsn, page["id"])
        old, new = before["title"], f"Kerja bakti warga RW 0{round_} bersama kelurahan"
        for _warm in range(2):  # rendered and kept in the page cache
            public_title(port, page["path"], [old, new])
        if point == "none":
            pid, respawn = None, 0.0
            status = operator.publish(page["id"], new)
            if status != 302:
                problems.append(f"publish after the faults answered {status}")
        else:
            pid, respawn = kill_during_publish(installation, operator, point,
                                               page["id"], new)
        after = database_state(dsn, page["id"])
        expected = new if point in COMMITTED | {"none"} else old
        seen, cache = public_title(port, page["path"], [old, new])
        tree = check_tree(installation)
        if after["title"] != expected:
            problems.append(f"{point}: page row says {after['title']!r}, expected {expected!r}")
        added = after["revisions"] - before["revisions"]
        problems += [f"{point}: {problem}, expected {expected!r}" for problem in
                     round_problems(page["id"], before, after, expected == new, seen,
                                    tree)]
        rows.append({"kill point": point, "worker": pid or "-",
                     "respawn s": f"{respawn:.1f}", "live": "new" if seen == new else
                     "old" if seen == old else seen, "cache": cache,
                     "revisions +": added, "check-tree": tree[0]})
    print(f"{'kill point':16} {'worker':>7} {'respawn s':>9} {'live':>4} {'cache':>6} "
          f"{'revisions +':>11} {'check-tree':>10}")
    for row in rows:
        print(f"{row['kill point']:16} {row['worker']!s:>7} {row['respawn s']:>9} "
              f"{row['live']:>4} {row['cache']:>6} {row['revisions +']:>11} "
              f"{row['check-tree']:>10}")
    return {"kills": len(POINTS), "seconds": round(time.monotonic() - started)}, problems


if __name__ == "__main__":
    folder = new_folder()
    sys.exit(run(kills, Installation(folder, settings="faults.settings", extra_env={
        "BALAI_FAULT_KILL_POINT": str(folder / "kill-point"),
        "BALAI_FAULT_MARKER": str(folder / "killed-worker")})))
