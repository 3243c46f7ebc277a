"""Stop PostgreSQL under a running Balai, then start it again (`make faults`).

A throw-away PostgreSQL cluster and gunicorn (balai.settings.stack, file cache: no Redis)
on free loopback ports; a small installation (the city portal, Kecamatan Citangkil and
Kelurahan Citangkil and Kebonsari, the demo content). Some pages are rendered once (they
leave a stale copy), the fresh page cache is dropped, then PostgreSQL is stopped with
``pg_ctl stop -m fast`` while a loop keeps requesting pages, rendered before and never
rendered. Asserted, for every response while the database is down: 200 from a stale copy
(or a fresh cache hit) or 503 with Retry-After, never a 500; then, once PostgreSQL is
started again, every page comes back fresh without any manual step. Everything started
here is stopped by its pid and its files are removed, whatever the outcome.
"""

import re
import sys
import threading
import time
from collections import Counter

from common import KECAMATAN, KELURAHAN, OTHER, Installation, get, new_folder, run

DOWN_SECONDS = 12
RECOVERY_LIMIT = 30


def page_links(port: int, host: str) -> list[str]:
    html = get(port, host, "/")[2].decode()
    links = sorted(set(re.findall(r'href="(/[^"#?]*)"', html)))
    return [link for link in links
            if not link.startswith(("/static/", "/media/", "/admin/", "/bahasa/"))]


class Visitor(threading.Thread):
    """Requests pages one after another, recording each answer with the current phase."""

    def __init__(self, port: int, warm: list, cold: list):
        super().__init__(daemon=True)
        self.port, self.warm, self.cold = port, warm, cold
        self.phase = "stopping"
        self.records: list[dict] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            # Pages never rendered are asked for only once the database is surely down.
            targets = self.warm + (self.cold if self.phase != "stopping" else [])
            targets += [("localhost", "/healthz"), (KELURAHAN, "/admin/login/")]
            for host, path in targets:
                phase = self.phase
                status, headers, body = get(self.port, host, path)
                self.records.append({
                    "phase": phase, "page": (host, path), "status": status,
                    "cache": headers.get("x-balai-cache", ""),
                    "retry_after": headers.get("retry-after"),
                    "indonesian": b"Sementara tidak tersedia" in body,
                    "cold": (host, path) in self.cold})
                if not self.running:
                    return


def check_outage(records: list[dict]) -> list[str]:
    problems = []
    for record in records:
        where = f"{record['phase']} {record['page']}: {record['status']} {record['cache']}"
        if record["status"] in (0, 500) or record["status"] >= 500 and record["status"] != 503:
            problems.append("bad answer " + where)
        if record["phase"] != "down":
            continue
        host, path = record["page"]
        if record["status"] == 503:
            if not record["retry_after"]:
                problems.append("503 without Retry-After " + where)
            if path != "/healthz" and host != "localhost" and not record["indonesian"] \
                    and not path.startswith("/admin/"):
                problems.append("503 not in Indonesian " + where)
        elif record["status"] == 200 and path != "/healthz":
            if record["cache"] not in ("stale", "hit"):
                problems.append("rendered while the database is down? " + where)
        elif path != "/healthz":
            problems.append("unexpected " + where)
        if not record["cold"] and record["status"] != 200 and path != "/healthz" \
                and not path.startswith("/admin/"):
            problems.append("a page rendered before has no stale copy " + where)
    down = [record for record in records if record["phase"] == "down"]
    if not any(r["cache"] == "stale" for r in down):
        problems.append("no stale page served while the database was down")
    if not any(r["status"] == 503 and r["cold"] for r in down):
        problems.append("no 503 for a page never rendered")
    for record in down:
        if record["page"] == ("localhost", "/healthz") and record["status"] != 503:
            problems.append("/healthz did not report the outage")
    return problems


def wait_for_recovery(port: int, pages: list) -> float:
    """Seconds until every page is answered 200 from a fresh render or the fresh cache."""
    started = time.monotonic()
    while time.monotonic() - started < RECOVERY_LIMIT:
        answers = [get(port, host, path) for host, path in pages]
        if all(status == 200 and headers.get("x-balai-cache") in ("miss", "hit", "bypass")
               for status, headers, _body in answers) \
                and get(port, "localhost", "/healthz")[0] == 200:
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"not recovered {RECOVERY_LIMIT} s after PostgreSQL started again")


def outage(installation: Installation) -> tuple[dict, list[str]]:
    started = time.monotonic()
    installation.set_up()
    port = installation.app_port
    print(f"PostgreSQL on 127.0.0.1:{installation.pg_port}, gunicorn on "
          f"127.0.0.1:{port}; installation ready in {time.monotonic() - started:.0f} s")
    links = page_links(port, KELURAHAN)
    warm = [(KELURAHAN, "/")] + [(KELURAHAN, link) for link in links[:6]] \
        + [(KECAMATAN, "/")]
    cold = [(KELURAHAN, link) for link in links[6:12]] + [(OTHER, "/")]
    for host, path in warm:
        status = get(port, host, path)[0]
        assert status == 200, (host, path, status)
    visitor = Visitor(port, warm, cold)
    visitor.start()
    time.sleep(1)
    installation.stop_postgres()
    # As if the fresh copies had expired meanwhile: only the stale copies are left.
    # (clear-page-cache needs the database; forgetting the generation token does not.)
    installation.balai("shell", "-c", "from balai.pagecache.versions import GENERATION, "
                       "page_cache; page_cache().delete(GENERATION)")
    visitor.phase = "down"
    time.sleep(DOWN_SECONDS)
    visitor.phase = "restarting"
    installation.start_postgres()
    stopped_at = time.monotonic()
    visitor.phase = "after"
    recovery = wait_for_recovery(port, warm + cold)
    visitor.running = False
    visitor.join(timeout=30)
    records = visitor.records
    problems = check_outage(records)
    summary = Counter((r["phase"], r["status"], r["cache"] or "-") for r in records)
    print(f"{len(records)} requests while PostgreSQL was stopped for {DOWN_SECONDS} s "
          "and started again:")
    for (phase, status, cache), count in sorted(summary.items()):
        print(f"  {phase:10} {status} {cache:12} {count:6}")
    print(f"Every page fresh again {recovery:.1f} s after PostgreSQL started "
          f"({time.monotonic() - stopped_at:.1f} s with the last checks)")
    return {"requests": len(records),
            "status_500": sum(r["status"] == 500 for r in records)}, problems


if __name__ == "__main__":
    sys.exit(run(outage, Installation(new_folder())))
