"""Debian's nginx on a free loopback port with Balai's shared rules (deploy/nginx), in front
of a stand-in for gunicorn; for the tests of those rules. `make test` installs nginx and its
Brotli module; only a bare pytest run elsewhere may lack them (never in CI)."""

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

NGINX = Path("/usr/sbin/nginx")
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
DEPLOY = Path(__file__).resolve().parents[3] / "deploy" / "nginx"

needs_nginx = pytest.mark.skipif(not (NGINX.exists() and BROTLI.exists())
                                 and os.environ.get("CI") != "true",
                                 reason="Debian's nginx and libnginx-mod-http-brotli-static")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What the stand-in answers a GET with, from the request's headers: status, headers, body.
Answer = Callable[[dict], tuple[int, list[tuple[str, str]], bytes]]


@contextmanager
def stand_in_gunicorn(answer: Answer):
    """A loopback HTTP server standing in for gunicorn behind nginx; yields its port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            status, headers, body = answer(self.headers)
            self.send_response(status)
            for name, value in [*headers, ("Content-Length", str(len(body)))]:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


@contextmanager
def running_nginx(folder: Path, *, upstream_port: int, data: Path):
    """nginx with balai-language.conf and balai-common.conf, as balai-site.conf includes
    them, serving ``data`` as $balai_data; yields its port, stops it by its pid."""
    port = free_port()
    (folder / "nginx.conf").write_text(f"""
{"user root;" if os.getuid() == 0 else ""}
load_module {BROTLI};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream balai_app {{ server 127.0.0.1:{upstream_port}; }}
    include {DEPLOY / "balai-language.conf"};
    proxy_cache_path {folder}/cache keys_zone=balai_pages:1m;
    server {{
        listen 127.0.0.1:{port};
        set $balai_data {data};
        include {DEPLOY / "balai-common.conf"};
    }}
}}
""")
    subprocess.run([NGINX, "-p", folder, "-e", folder / "error.log", "-c",  # noqa: S603
                    folder / "nginx.conf"], check=True, capture_output=True)
    deadline = time.monotonic() + 10
    while not (folder / "nginx.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int((folder / "nginx.pid").read_text())
    try:
        yield port
    finally:
        os.kill(pid, signal.SIGQUIT)


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body
