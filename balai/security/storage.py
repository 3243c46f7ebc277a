"""A file storage that keeps every file encrypted (``balai.security.datakey``).

It wraps another storage (``OPTIONS``: ``backend``, the wrapped class's dotted path, and
``options``, its own options), as ``STORAGES["private"]`` does for residents' files::

    "private": {"BACKEND": "balai.security.storage.EncryptedStorage",
                "OPTIONS": {"backend": "django.core.files.storage.FileSystemStorage",
                            "options": {"location": DATA_DIR / "private", "base_url": None}}}

Files are written as one Fernet token and read back decrypted, whole, in memory (residents'
photos and scans of a few MB). There are no URLs and no ``path()``: a file is only ever read
through ``open`` by a view that checks who asks. ``raw`` is the wrapped storage, holding
the tokens: backups copy it as it is, and ``rotate`` re-encrypts one file in place.
"""

import os
import tempfile

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from . import datakey


@deconstructible(path="balai.security.storage.EncryptedStorage")
class EncryptedStorage(Storage):
    def __init__(self, backend: str = "django.core.files.storage.FileSystemStorage",
                 options: dict | None = None):
        self.raw: Storage = import_string(backend)(**(options or {}))

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wa+"):
            raise ValueError("An encrypted storage is written with save(), not open().")
        with self.raw.open(name, "rb") as handle:
            data = handle.read()
        return ContentFile(datakey.decrypt_bytes(data), name=name)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        return self.raw.save(name, ContentFile(datakey.encrypt_bytes(data)))

    def delete(self, name):
        self.raw.delete(name)

    def exists(self, name):
        return self.raw.exists(name)

    def listdir(self, path):
        return self.raw.listdir(path)

    def size(self, name):
        with self.open(name) as handle:
            return len(handle.read())

    def get_accessed_time(self, name):
        return self.raw.get_accessed_time(name)

    def get_created_time(self, name):
        return self.raw.get_created_time(name)

    def get_modified_time(self, name):
        return self.raw.get_modified_time(name)

    def rotate(self, name: str) -> str:
        """Re-encrypt one file with the newest key; what was done (``datakey.Rotation``)."""
        with self.raw.open(name, "rb") as handle:
            done, data = datakey.rotate(handle.read())
        if data is not None:
            self._replace(name, data)
        return done

    def _replace(self, name: str, data: bytes) -> None:
        if isinstance(self.raw, FileSystemStorage):
            # Never a moment without the file: a new one beside it, then renamed over it.
            path = self.raw.path(name)
            folder = os.path.dirname(path)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".rotate-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.chmod(temporary, os.stat(path).st_mode & 0o777)
                os.replace(temporary, path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
            return
        self.raw.delete(name)
        saved = self.raw.save(name, ContentFile(data))
        if saved != name:
            raise RuntimeError(f"{name} was stored again as {saved}")


def raw_storage(storage: Storage) -> Storage:
    """The storage as it is on disk: the tokens for an encrypted one."""
    return storage.raw if isinstance(storage, EncryptedStorage) else storage


def file_names(storage: Storage, prefix: str = ""):
    """Every file name in ``storage`` below ``prefix``, sorted."""
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in sorted(files):
        if not name.startswith(".rotate-"):
            yield f"{prefix}{name}"
    for directory in sorted(directories):
        yield from file_names(storage, f"{prefix}{directory}/")
