"""`balai collectstatic` writes .gz and .br copies next to the hashed names of compressible
files, for nginx's gzip_static and brotli_static (balai/core/storage.py)."""

import gzip
import json
import os

import brotli
import pytest
from django.core.management import call_command
from django.test import override_settings

STORAGE = "balai.core.storage.CompressedManifestStaticFilesStorage"
SCRIPT = "document.querySelectorAll('.balai').forEach((item) => item.hidden = false);\n" * 40
STYLE = ".balai { background: url('logo.png'); }\n" + ".x { color: #123456; }\n" * 60


@pytest.fixture
def collected(tmp_path):
    """collectstatic of a small project: a script, a stylesheet pointing at a picture, a
    font already compressed, and a tiny file; returns the collected folder."""
    source, root = tmp_path / "source", tmp_path / "static"
    (source / "balai").mkdir(parents=True)
    (source / "balai" / "app.js").write_text(SCRIPT)
    (source / "balai" / "style.css").write_text(STYLE)
    (source / "balai" / "logo.png").write_bytes(os.urandom(2000))
    (source / "balai" / "font.woff2").write_bytes(os.urandom(3000))
    (source / "balai" / "tiny.txt").write_text("a")
    with override_settings(
            STATIC_ROOT=str(root), STATICFILES_DIRS=[str(source)],
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
            STORAGES={"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
                      "staticfiles": {"BACKEND": STORAGE}}):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def hashed(root, name: str):
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    return root / manifest[name]


def test_scripts_and_styles_get_valid_gzip_and_brotli_copies(collected):
    for name in ("balai/app.js", "balai/style.css"):
        path = hashed(collected, name)
        assert path.name != name.split("/")[-1]  # a hashed name
        content = path.read_bytes()
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == content
        assert len(packed) < len(content) / 3
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == content
    # The copy is of the final file, with the picture's hashed name written in.
    style = hashed(collected, "balai/style.css")
    logo = hashed(collected, "balai/logo.png").name
    assert logo.encode() in gzip.decompress(style.with_name(style.name + ".gz").read_bytes())


def test_compressed_files_tiny_files_and_unhashed_names_get_no_copy(collected):
    for name in ("balai/logo.png", "balai/font.woff2", "balai/tiny.txt"):
        path = hashed(collected, name)
        assert path.exists()
        assert not path.with_name(path.name + ".gz").exists(), name
        assert not path.with_name(path.name + ".br").exists(), name
    assert (collected / "balai" / "app.js").exists()
    assert not (collected / "balai" / "app.js.gz").exists()
    assert not list(collected.rglob("*.tmp"))


def test_copies_are_as_readable_as_their_file_and_kept_by_a_second_run(collected):
    path = hashed(collected, "balai/app.js")
    copy = path.with_name(path.name + ".gz")
    assert copy.stat().st_mode == path.stat().st_mode
    written = copy.stat().st_mtime_ns
    call_command("collectstatic", interactive=False, verbosity=0)
    assert copy.stat().st_mtime_ns == written
