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

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
REGIONS = ["36.72", "36.72.08", "36.72.08.1007", "36.72.08.1005"]
KELURAHAN, OTHER, KECAMATAN = "kel-citangkil.localhost", "kel-kebonsari.localhost", \
    "kec-citangkil.localhost"
DOWN_SECONDS = 12
RECOVERY_LIMIT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                   key=lambda path: int(path.parent.name))
    if not found:
        sys.exit("PostgreSQL is not installed (scripts/with-postgres installs it).")
    return found[-1]


def as_postgres(args: list) -> list:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *map(str, args)] if os.getuid() == 0 else args


class Installation:
    def __init__(self, folder: Path):
        self.folder = folder
        self.pg = pg_bin()
        self.pg_port, self.app_port = free_port(), free_port()
        self.gunicorn = None
        self.env = dict(
            os.environ, DJANGO_SETTINGS_MODULE="balai.settings.stack",
            SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="",
            DATABASE_URL=f"postgres://balai@127.0.0.1:{self.pg_port}/balai",
            BALAI_DATA_DIR=str(folder / "data"), BALAI_BASE_DOMAIN="localhost",
            BALAI_PORT=str(self.app_port), BALAI_GUNICORN_BIND=f"127.0.0.1:{self.app_port}",
            BALAI_GUNICORN_WORKERS="2", BALAI_TRUSTED_PROXIES="0")

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(as_postgres([self.pg / "pg_ctl", "-D", self.folder / "pg", *args]),
                       check=True, stdout=subprocess.DEVNULL)

    def start_postgres(self) -> None:
        self.pg_ctl("-l", str(self.folder / "postgresql.log"), "-w", "-o",
                    f"-c listen_addresses=127.0.0.1 -c port={self.pg_port} "
                    f"-c unix_socket_directories={self.folder} -c fsync=off", "start")

    def stop_postgres(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def balai(self, *args: str) -> None:
        subprocess.run([BIN / "balai", *args], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def set_up(self) -> None:
        self.folder.chmod(0o755)
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres")
        subprocess.run(as_postgres([self.pg / "initdb", "-D", self.folder / "pg", "-U", "balai",
                                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, stdout=subprocess.DEVNULL)
        self.start_postgres()
        subprocess.run(as_postgres([self.pg / "createdb", "-h", "127.0.0.1", "-p",
                                    self.pg_port, "-U", "balai", "balai"]), check=True)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"],
                        ["load-wilayah"], ["load-layanan"], ["provision", *REGIONS],
                        ["load-demo"]):
            self.balai(*command)
        log = open(self.folder / "gunicorn.log", "w")
        self.gunicorn = subprocess.Popen(
            [BIN / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py",
             "--chdir", ROOT, "--access-logfile", "-"],
            env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while get(self.app_port, "localhost", "/healthz")[0] != 200:
            if time.monotonic() > deadline or self.gunicorn.poll() is not None:
                raise RuntimeError("gunicorn did not start: see " + log.name)
            time.sleep(0.5)

    def tear_down(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.terminate()
            self.gunicorn.wait(timeout=30)
        subprocess.run(as_postgres([self.pg / "pg_ctl", "-D", self.folder / "pg", "-m",
                                    "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def get(port: int, host: str, path: str) -> tuple[int, dict, bytes]:
    """One GET as an anonymous visitor; status 0 when the server did not answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, \
            response.read()
    except OSError:
        return 0, {}, b""
    finally:
        connection.close()


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


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="balai-faults."))
    installation = Installation(folder)
    try:
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
        print(json.dumps({"requests": len(records), "problems": len(problems),
                          "status_500": sum(r["status"] == 500 for r in records)}))
        for problem in problems[:20]:
            print("PROBLEM", problem)
        return 1 if problems else 0
    finally:
        installation.tear_down()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
