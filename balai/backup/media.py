"""Media files through Django's storage API, so the same code serves the file system in
production and the in-memory storage of the tests."""

from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

MEDIA_PREFIX = "media/"


def media_names(prefix: str = "") -> Iterator[str]:
    """Every file name in the default storage below ``prefix``, sorted."""
    try:
        directories, files = default_storage.listdir(prefix)
    except FileNotFoundError:  # a fresh installation has no media folder yet
        return
    for name in sorted(files):
        yield f"{prefix}{name}"
    for directory in sorted(directories):
        yield from media_names(f"{prefix}{directory}/")


def media_read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def media_write(name: str, data: bytes) -> None:
    """Store ``data`` under exactly ``name``, replacing a file that is there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        raise RuntimeError(f"media file {name} was stored as {saved}")


def media_wipe() -> int:
    """Delete every media file; returns how many."""
    names = list(media_names())
    for name in names:
        default_storage.delete(name)
    return len(names)
