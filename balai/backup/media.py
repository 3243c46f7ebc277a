"""Media files through Django's storage API, so the same code serves the file system in
production and the in-memory storage of the tests."""

from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage, storages

from balai.security.storage import file_names, raw_storage

MEDIA_PREFIX = "media/"
# Residents' files (STORAGES["private"]), copied as stored: encrypted, the key not with them.
PRIVATE_PREFIX = "private/"


def private_storage() -> Storage:
    """The private storage as it is on disk: tokens, never decrypted files."""
    return raw_storage(storages["private"])


def media_names(prefix: str = "", *, storage: Storage | None = None) -> Iterator[str]:
    """Every file name in the storage (default: media) below ``prefix``, sorted."""
    yield from file_names(storage or default_storage, prefix)


def media_read(name: str, *, storage: Storage | None = None) -> bytes:
    with (storage or default_storage).open(name, "rb") as handle:
        return handle.read()


def media_write(name: str, data: bytes, *, storage: Storage | None = None) -> None:
    """Store ``data`` under exactly ``name``, replacing a file that is there."""
    storage = storage or default_storage
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        raise RuntimeError(f"media file {name} was stored as {saved}")


def media_wipe(*, storage: Storage | None = None) -> int:
    """Delete every file of the storage (default: media); returns how many."""
    storage = storage or default_storage
    names = list(media_names(storage=storage))
    for name in names:
        storage.delete(name)
    return len(names)
