"""What the fault tests share: a throw-away PostgreSQL cluster and gunicorn on free loopback
ports, a small installation in them, and plain HTTP requests to it.

The installation is the city portal, Kecamatan Citangkil and Kelurahan Citangkil and
Kebonsari with the demo content, served by gunicorn with ``balai.settings.stack`` (or a
fault test's own settings module) and a file cache (no Redis). Everything started here is
stopped by its pid and its files are removed by the caller, whatever the outcome.
"""

import base64
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from balai.demo.content import KECAMATAN_KODE, KELURAHAN_KODES, PORTAL_KODE

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
REGIONS = [PORTAL_KODE, KECAMATAN_KODE, *KELURAHAN_KODES]  # the demo's filled regions
KELURAHAN, OTHER, KECAMATAN = "kel-citangkil.localhost", "kel-kebonsari.localhost", \
    "kec-citangkil.localhost"


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
    def __init__(self, folder: Path, *, settings: str = "balai.settings.stack",
                 extra_env: dict | None = None):
        self.folder = folder
        self.pg = pg_bin()
        self.pg_port, self.app_port = free_port(), free_port()
        self.gunicorn = None
        self.env = dict(
            os.environ, DJANGO_SETTINGS_MODULE=settings, PYTHONPATH=str(ROOT),
            SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="",
            BALAI_DATA_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            DATABASE_URL=f"postgres://balai@127.0.0.1:{self.pg_port}/balai",
            BALAI_DATA_DIR=str(folder / "data"), BALAI_BASE_DOMAIN="localhost",
            BALAI_PORT=str(self.app_port), BALAI_GUNICORN_BIND=f"127.0.0.1:{self.app_port}",
            BALAI_GUNICORN_WORKERS="2", BALAI_TRUSTED_PROXIES="0", **(extra_env or {}))

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(as_postgres([self.pg / "pg_ctl", "-D", self.folder / "pg", *args]),
                       check=True, stdout=subprocess.DEVNULL)

    def start_postgres(self) -> None:
        self.pg_ctl("-l", str(self.folder / "postgresql.log"), "-w", "-o",
                    f"-c listen_addresses=127.0.0.1 -c port={self.pg_port} "
                    f"-c unix_socket_directories={self.folder} -c fsync=off", "start")

    def stop_postgres(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def balai(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """A ``balai`` command against this installation; its output is returned."""
        done = subprocess.run([BIN / "balai", *args], env=self.env, capture_output=True,
                              text=True)
        if check and done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            done.check_returncode()
        return done

    def set_up(self) -> None:
        """The cluster, the database with the sites and the demo, then gunicorn."""
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

    def workers(self) -> set[int]:
        """The pids of gunicorn's workers: the children of the master started here."""
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

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


def new_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="balai-faults."))


def run(scenario: Callable[[Installation], tuple[dict, list[str]]],
        installation: Installation) -> int:
    """Run a fault scenario; print its figures as one JSON line and each problem found;
    exit status 1 on any problem. The installation is stopped and its folder removed,
    whatever the outcome."""
    try:
        figures, problems = scenario(installation)
        print(json.dumps({**figures, "problems": len(problems)}))
        for problem in problems[:20]:
            print("PROBLEM", problem)
        return 1 if problems else 0
    finally:
        installation.tear_down()
        shutil.rmtree(installation.folder, ignore_errors=True)
