"""Back up the demo installation (conftest: 51 sites, demo content with images and
documents), wipe it, restore it: the published pages render the same HTML (every page of
the sites with demo content and every site's home page, see ``demo_pages``) and every
media file has the same bytes."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from balai.backup.installation import database_wipe
from balai.backup.media import media_wipe
from balai.conftest import CITANGKIL, WARNASARI

from .snapshot import demo_pages, media_checksums, pages_html

# The portal, a kecamatan and a kelurahan with demo content, and a kelurahan without.
DEMO_SITES = ["36.72", "36.72.08", CITANGKIL, WARNASARI]

pytestmark = pytest.mark.django_db


def _backup(path) -> str:
    out = io.StringIO()
    call_command("backup", output=path, stdout=out)
    return out.getvalue()


def test_backup_wipe_restore_gives_identical_pages_and_media(tmp_path, media_kept):
    html_before = pages_html(demo_pages(sites=DEMO_SITES))
    media_before = media_checksums()
    archive = tmp_path / "balai.tar.gz"
    output = _backup(archive)
    assert "Backup" in output or "Cadangan" in output

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["kind"] == "installation"
    assert manifest["counts"]["wagtailcore.page"] == Page.objects.count()
    assert manifest["media_files"] == len(media_before)
    assert "sessions.session" not in manifest["counts"]

    database_wipe()
    media_wipe()
    assert not Page.objects.exists()
    assert media_checksums() == {}

    call_command("restore", archive, stdout=io.StringIO())

    assert media_checksums() == media_before
    html_after = pages_html(demo_pages(sites=DEMO_SITES))
    assert html_after.keys() == html_before.keys()
    assert [url for url in html_before if html_after[url] != html_before[url]] == []
    assert len(html_before) > 120


def test_restore_refuses_an_installation_with_content_unless_forced(tmp_path, media_kept):
    archive = tmp_path / "balai.tar.gz"
    _backup(archive)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", archive, stdout=io.StringIO())
    Page.objects.filter(slug="berita").update(title="Diubah setelah pencadangan")
    call_command("restore", archive, force=True, stdout=io.StringIO())
    assert not Page.objects.filter(title="Diubah setelah pencadangan").exists()


def _tampered(source, target, member: str) -> None:
    """A copy of the archive with one byte of one member changed."""
    with tarfile.open(source) as original, tarfile.open(target, "w:gz") as copy:
        for info in original:
            data = original.extractfile(info).read()
            if info.name == member:
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            copy.addfile(info, io.BytesIO(data))


def test_a_damaged_archive_is_refused_and_changes_nothing(tmp_path, media_kept):
    archive = tmp_path / "balai.tar.gz"
    _backup(archive)
    pages = Page.objects.count()

    changed = tmp_path / "changed.tar.gz"
    _tampered(archive, changed, "database.json")
    with pytest.raises(CommandError, match="database.json"):
        call_command("restore", changed, force=True, stdout=io.StringIO())

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="truncated.tar.gz"):
        call_command("restore", truncated, force=True, stdout=io.StringIO())

    with pytest.raises(CommandError, match="missing.tar.gz"):
        call_command("restore", tmp_path / "missing.tar.gz", stdout=io.StringIO())

    assert Page.objects.count() == pages
    assert media_checksums().keys() == media_kept.keys()
