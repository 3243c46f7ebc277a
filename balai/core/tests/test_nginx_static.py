"""nginx with deploy/nginx/balai-common.conf sends static files compressed and lets browsers
keep only hashed names (and the admin's icon sprite) for a year. Needs Debian's nginx and
its Brotli module (`make stack` installs both); skipped without them."""

import gzip
import os

import pytest

from balai.core.storage import CompressedManifestStaticFilesStorage

from . import nginx as nginx_server
from .nginx import needs_nginx, running_nginx, stand_in_gunicorn

SCRIPT = b"window.balai = {ready: true, items: [1, 2, 3]};\n" * 200
IMMUTABLE = "public, max-age=31536000, immutable"
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"  # Wagtail's admin answers

pytestmark = needs_nginx


def admin(headers):
    """Wagtail's admin behind nginx: every answer marked never to be kept."""
    return 200, [("Content-Type", "image/svg+xml"), ("Cache-Control", NEVER),
                 ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
                 ("Vary", "Accept-Language, Cookie")], \
        b"<svg><symbol id='icon-a'></symbol></svg>" * 50


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
    with stand_in_gunicorn(admin) as upstream_port, \
            running_nginx(folder, upstream_port=upstream_port, data=folder / "data") as port:
        yield port, static


def fetch(port: int, path: str, encoding: str = "") -> tuple[int, dict, bytes]:
    return nginx_server.fetch(port, path, {"Accept-Encoding": encoding} if encoding else {})


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
