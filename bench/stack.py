"""Figures for the production stack, in one run (`make bench` starts `make stack` first).

For a kelurahan home, a service page and a news article of Kelurahan Citangkil, with wrk
(2 threads, 32 connections, 10 s, loopback):

  (a) cached, through nginx              (b) cached, through gunicorn (Balai's page cache)
  (c) uncached render (a second gunicorn with the page cache off, same settings); the data
      every page of the site shows is kept once per site (balai/pagecache/sitedata.py)
  (c0) cold render (a third gunicorn with that kept data off too: every query, every time)
  (d) nginx serving the same bytes as a static file
  (e) the welcome page of a stock Wagtail 7.4 project (`wagtail start`) on gunicorn with
      the same worker count

then the ratios (a)/(d), (c)/(e) and (c0)/(e), SQL queries per uncached and cold page, and
p50 latency of a cold home and of a page with 50 internal links at the city's 52 sites and
again with N synthetic sites added (default 9,948, making 10,000; removed afterwards).

    .venv/bin/python bench/stack.py [N]

Figures, not assertions: nothing here fails a build.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "var" / "stack"
WORK = ROOT / "var" / "bench"
BIN = ROOT / ".venv" / "bin"
HOST = "kel-citangkil.localhost"
PAGES = {
    "home": "/",
    "service": "/layanan/surat-keterangan-domisili/",
    "news": "/berita/posyandu-balita-bulan-ini-contoh/",
}
LINKS_SLUG = "bench-50-tautan"
SYNTHETIC = int(sys.argv[1]) if len(sys.argv) > 1 else 9948


def stack_env() -> dict[str, str]:
    env = dict(os.environ)
    for line in (STACK / "balai.env").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    return env


ENV = stack_env()
NGINX = int(ENV["BALAI_PORT"])
APP = int(ENV["BALAI_GUNICORN_BIND"].rsplit(":", 1)[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str, host: str = HOST) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Host": f"{host}:{NGINX}"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return response.read()


def wrk(port: int, path: str, host: str = HOST, seconds: int = 10) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-H", f"Host: {host}:{NGINX}",
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latency(50), "p99": latency(99),
            "errors": int(errors.group(1)) if errors else 0}


def waiting_for(port: int) -> None:
    for _attempt in range(300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing answers on port {port}")


@contextmanager
def gunicorn(port: int, *, env: dict, app: str = "balai.wsgi:application", cwd=ROOT):
    """A gunicorn with the stack's settings (2 sync workers), stopped by its pid."""
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "/dev/null",
         "--error-logfile", str(WORK / f"gunicorn-{port}.log"), app],
        cwd=cwd, env=env)
    try:
        waiting_for(port)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def balai(*args: str, env: dict | None = None) -> str:
    out = subprocess.run([str(BIN / "balai"), *args], env=env or ENV, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    # `balai shell` first announces the objects it imported: not a figure.
    return "\n".join(line for line in out.splitlines()
                     if line.strip() and "imported automatically" not in line)


def stock_wagtail() -> Path:
    """A `wagtail start` project with its own SQLite database, DEBUG off."""
    project = WORK / "stock"
    if not (project / "db.sqlite3").exists():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        subprocess.run([str(BIN / "wagtail"), "start", "stocksite", str(project)], check=True,
                       capture_output=True)
        (project / "stocksite" / "settings" / "local.py").write_text(
            'SECRET_KEY = "bench-only"\nALLOWED_HOSTS = ["*"]\n')
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([str(BIN / "python"), "manage.py", *command], cwd=project,
                           check=True, env=stock_env(project))
    return project


def stock_env(project: Path) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO", "DATABASE", "BALAI", "REDIS"))}
    return env | {"DJANGO_SETTINGS_MODULE": "stocksite.settings.production",
                  "PYTHONPATH": str(project)}


QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="{host}:{port}")
for name, path in {pages!r}.items():
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(name, status, len(queries))
"""

LINKS_PAGE = """
from django.utils import timezone
from wagtail.models import Page
from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.provisioning.models import RegionSite
home = RegionSite.objects.get(region__kode="36.72.08.1007").home_page
index = BeritaIndexPage.objects.child_of(home).get()
targets = list(Page.objects.live().descendant_of(home).exclude(slug="{slug}")[:50])
body = "".join(f'<p><a linktype="page" id="{{p.pk}}">{{p.title}}</a></p>' for p in targets)
old = BeritaPage.objects.filter(slug="{slug}").first()
if "{action}" == "remove":
    old and old.delete()
elif old is None:
    page = index.add_child(instance=BeritaPage(title="Tautan untuk uji beban", slug="{slug}",
                           date=timezone.localdate(), summary="Uji beban.", body=body))
    page.save_revision().publish()
print(len(targets))
"""


def links_page(action: str) -> None:
    balai("shell", "-c", LINKS_PAGE.format(slug=LINKS_SLUG, action=action))


def row(label: str, figures: dict) -> None:
    print(f"  {label:34} {figures['rps']:9.0f} req/s   p50 {figures['p50']:8.2f} ms   "
          f"p99 {figures['p99']:8.2f} ms   non-2xx {figures['errors']}", flush=True)


def throughput(uncached_port: int, cold_port: int, stock_port: int) -> None:
    static_root = Path(ENV["BALAI_DATA_DIR"]) / "static" / "bench"
    static_root.mkdir(parents=True, exist_ok=True)
    welcome = wrk(stock_port, "/", host="localhost")
    for name, path in PAGES.items():
        body = fetch(NGINX, path)
        (static_root / f"{name}.html").write_bytes(body)
        fetch(APP, path)  # fill both caches
        print(f"\n{name} ({path}, {len(body):,} bytes)")
        figures = {
            "a": wrk(NGINX, path), "b": wrk(APP, path), "c": wrk(uncached_port, path),
            "c0": wrk(cold_port, path), "d": wrk(NGINX, f"/static/bench/{name}.html"), "e": welcome}
        for key, label in [("a", "(a) cached, nginx"), ("b", "(b) cached, gunicorn"),
                           ("c", "(c) uncached render"), ("c0", "(c0) cold render"),
                           ("d", "(d) nginx static file"),
                           ("e", "(e) stock Wagtail welcome page")]:
            row(label, figures[key])
        print(f"  (a)/(d) = {figures['a']['rps'] / figures['d']['rps']:.2f}   "
              f"(c)/(e) = {figures['c']['rps'] / figures['e']['rps']:.2f}   "
              f"(c0)/(e) = {figures['c0']['rps'] / figures['e']['rps']:.2f}")


def latency_at_scale(uncached_port: int, label: str) -> None:
    links = f"/berita/{LINKS_SLUG}/"
    assert fetch(uncached_port, links).count(b"<a ") >= 50
    sites = balai("shell", "-c", "from wagtail.models import Site; print(Site.objects.count())")
    for name, path in [("home", "/"), ("page with 50 links", links)]:
        figures = wrk(uncached_port, path, seconds=10)
        print(f"  {label} ({sites.strip()} sites) {name:20} p50 {figures['p50']:7.2f} ms  "
              f"p99 {figures['p99']:7.2f} ms  {figures['rps']:6.0f} req/s", flush=True)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    uncached_env = ENV | {"BALAI_PAGE_CACHE_SECONDS": "0"}
    cold_env = uncached_env | {"BALAI_SITE_DATA_CACHE_SECONDS": "0"}
    for label, env in [("uncached", uncached_env), ("cold", cold_env)]:
        print(f"SQL queries per {label} page (kelurahan Citangkil):")
        print(balai("shell", "-c", QUERIES.format(host=HOST, port=NGINX, pages=PAGES), env=env))
    project = stock_wagtail()
    links_page("add")
    try:
        with gunicorn(free_port(), env=uncached_env) as uncached, \
                gunicorn(free_port(), env=cold_env) as cold, \
                gunicorn(free_port(), env=stock_env(project), app="stocksite.wsgi:application",
                         cwd=project) as stock:
            print("Throughput, wrk -t2 -c32 -d10s, loopback, 2 gunicorn workers each:")
            throughput(uncached, cold, stock)
            print("\nCold render latency as the number of sites grows:")
            latency_at_scale(cold, "before")
            started = time.perf_counter()
            balai("synthetic-sites", str(SYNTHETIC))
            print(f"  ({SYNTHETIC} synthetic sites made in {time.perf_counter() - started:.0f} s)")
            fetch(cold, "/")
            latency_at_scale(cold, "after ")
    finally:
        balai("synthetic-sites", "--remove")
        links_page("remove")


if __name__ == "__main__":
    main()
