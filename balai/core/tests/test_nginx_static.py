"""nginx with deploy/nginx/balai-common.conf sends static files compressed and lets browsers
keep only hashed names (and the admin's icon sprite) for a year. Needs Debian's nginx and
its Brotli module (`make stack` installs both); skipped without them."""

import gzip
import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from balai.core.storage import CompressedManifestStaticFilesStorage

NGINX = Path("/usr/sbin/nginx")
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
COMMON = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "balai-common.conf"
SCRIPT = b"window.balai = {ready: true, items: [1, 2, 3]};\n" * 200
IMMUTABLE = "public, max-age=31536000, immutable"
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"  # Wagtail's admin answers

# `make test` installs both; only a bare pytest run elsewhere may lack them (never in CI).
pytestmark = pytest.mark.skipif(not (NGINX.exists() and BROTLI.exists())
                                and os.environ.get("CI") != "true",
                                reason="Debian's nginx and libnginx-mod-http-brotli-static")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Admin(BaseHTTPRequestHandler):
    """Stands in for gunicorn: every answer marked never to be kept, as Wagtail's admin."""

    def do_GET(self):  # the name http.server calls
        body = b"<svg><symbol id='icon-a'></symbol></svg>" * 50
        self.send_response(200)
        for name, value in [("Content-Type", "image/svg+xml"), ("Cache-Control", NEVER),
                            ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
                            ("Vary", "Accept-Language, Cookie"),
                            ("Content-Length", str(len(body)))]:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx on a free loopback port with the shared rules, over a static folder holding a
    hashed script with its copies (written by Balai's storage), its unhashed original and a
    hashed font, and in front of a stand-in admin; stopped by its pid afterwards."""
    folder = tmp_path_factory.mktemp("nginx")
    folder.chmod(0o755)
    static = folder / "data" / "static" / "balai"
    static.mkdir(parents=True)
    for name, content in [("app.0123456789ab.js", SCRIPT), ("app.js", SCRIPT),
                          ("font.0123456789ab.woff2", os.urandom(4000))]:
        (static / name).write_bytes(content)
    CompressedManifestStaticFilesStorage(location=folder / "data" / "static").compress(
        "balai/app.0123456789ab.js")
    port = free_port()
    admin = ThreadingHTTPServer(("127.0.0.1", 0), Admin)
    threading.Thread(target=admin.serve_forever, daemon=True).start()
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
    upstream balai_app {{ server 127.0.0.1:{admin.server_address[1]}; }}
    proxy_cache_path {folder}/cache keys_zone=balai_pages:1m;
    server {{
        listen 127.0.0.1:{port};
        set $balai_data {folder}/data;
        include {COMMON};
    }}
}}
""")
    subprocess.run([NGINX, "-p", folder, "-e", folder / "error.log", "-c",  # noqa: S603
                    folder / "nginx.conf"], check=True, capture_output=True)
    deadline = time.monotonic() + 10
    while not (folder / "nginx.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int((folder / "nginx.pid").read_text())
    yield port, static
    os.kill(pid, signal.SIGQUIT)
    admin.shutdown()


def fetch(port: int, path: str, encoding: str = "") -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def test_hashed_script_is_sent_as_its_precompressed_copy_and_kept_a_year(nginx):
    port, static = nginx
    path = "/static/balai/app.0123456789ab.js"
    status, headers, body = fetch(port, path, "gzip, deflate, br")
    assert (status, headers["content-encoding"]) == (200, "br")
    assert body == (static / "app.0123456789ab.js.br").read_bytes()
    status, headers, body = fetch(port, path, "gzip")
    assert (status, headers["content-encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == SCRIPT
    assert headers["cache-control"] == IMMUTABLE
    assert headers["vary"] == "Accept-Encoding"
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, body = fetch(port, path)
    assert (status, body, headers.get("content-encoding")) == (200, SCRIPT, None)


def test_unhashed_script_is_compressed_on_the_fly_and_kept_briefly(nginx):
    port, _static = nginx
    status, headers, body = fetch(port, "/static/balai/app.js", "gzip")
    assert (status, headers["content-encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == SCRIPT
    assert headers["cache-control"] == "public, max-age=300"


def test_font_is_sent_as_it_is_and_a_missing_file_is_not_kept(nginx):
    port, static = nginx
    status, headers, body = fetch(port, "/static/balai/font.0123456789ab.woff2", "gzip, br")
    assert (status, headers.get("content-encoding")) == (200, None)
    assert body == (static / "font.0123456789ab.woff2").read_bytes()
    assert headers["cache-control"] == IMMUTABLE
    status, headers, _body = fetch(port, "/static/balai/gone.0123456789ab.js", "gzip")
    assert status == 404
    assert "cache-control" not in headers


def test_icon_sprite_alone_of_the_admin_is_kept_a_year(nginx):
    port, _static = nginx
    status, headers, _body = fetch(port, "/admin/sprite/?h=a85477f6", "gzip")
    assert (status, headers["cache-control"]) == (200, IMMUTABLE)
    assert "expires" not in headers
    assert headers["vary"] == "Accept-Encoding"
    status, headers, _body = fetch(port, "/admin/pages/3/edit/", "gzip")
    assert (status, headers["cache-control"]) == (200, NEVER)
