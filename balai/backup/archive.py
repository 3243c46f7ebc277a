"""One archive file (gzip-compressed tar): named members and a ``manifest.json`` that holds
the SHA-256 of every other member, written last so it can cover them all.

Both the whole-installation backup and one site's export use this format; ``kind`` in the
manifest tells them apart.
"""

import datetime
import hashlib
import io
import json
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore must give back the
    microseconds too (pages are ordered by their publication time)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The archive cannot be used; the message is for the operator."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ArchiveWriter:
    """Write members one by one, then the manifest with their checksums."""

    def __init__(self, path: Path):
        self.path = path
        self.checksums: dict[str, str] = {}
        self.created_at = timezone.now()
        self._tar = tarfile.open(path, "w:gz")

    def add(self, name: str, data: bytes) -> None:
        if name == MANIFEST or name in self.checksums:
            raise ValueError(f"duplicate archive member {name}")
        self._add(name, data)
        self.checksums[name] = sha256(data)

    def _add(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(self.created_at.timestamp())
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(data))

    def close(self, manifest: dict) -> dict:
        manifest = {**manifest, "format": FORMAT_VERSION,
                    "created_at": self.created_at.isoformat(), "checksums": self.checksums}
        self._add(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True,
                                       cls=PreciseJSONEncoder).encode())
        self._tar.close()
        return manifest


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                raise ArchiveError(_("The archive holds something that is not a file: %(name)s.")
                                   % {"name": member.name})
            yield member.name, tar.extractfile(member).read()


def archive_verify(path: Path, *, kind: str) -> dict:
    """Read the whole archive, check every member against the manifest and return it.

    Raises ``ArchiveError`` with a message for the operator when the file is missing,
    unreadable, of another kind, or any member is missing, extra or changed.
    """
    if not Path(path).is_file():
        raise ArchiveError(_("There is no archive at %(path)s.") % {"path": path})
    found: dict[str, str] = {}
    manifest = None
    try:
        for name, data in _members(path):
            if name == MANIFEST:
                manifest = json.loads(data)
            else:
                found[name] = sha256(data)
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as error:
        raise ArchiveError(_("The archive %(path)s is damaged or is not a Balai archive "
                             "(%(error)s). Nothing was changed.")
                           % {"path": path, "error": error}) from error
    if not isinstance(manifest, dict) or manifest.get("kind") != kind:
        raise ArchiveError(_("%(path)s is not a Balai archive of this kind (%(kind)s). "
                             "Nothing was changed.") % {"path": path, "kind": kind})
    expected = manifest.get("checksums", {})
    damaged = sorted(name for name in expected.keys() | found.keys()
                     if expected.get(name) != found.get(name))
    if damaged:
        raise ArchiveError(_("The archive %(path)s is damaged: %(count)d member(s) do not match "
                             "their checksum, first %(name)s. Nothing was changed.")
                           % {"path": path, "count": len(damaged), "name": damaged[0]})
    return manifest


def archive_members(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every member except the manifest, after ``archive_verify`` has passed."""
    for name, data in _members(path):
        if name != MANIFEST:
            yield name, data
