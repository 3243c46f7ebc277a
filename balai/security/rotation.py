"""``balai rotate-data-key``: everything encrypted, encrypted again with the newest key.

What is encrypted is found, not listed by hand:

- every ``EncryptedTextField`` (and ``EncryptedEmailField``) of every model;
- every file of every storage in ``STORAGES`` that is an ``EncryptedStorage``;
- whatever an app keeps encrypted another way: it registers a function with the hook
  ``balai_encrypted_data`` (in its ``wagtail_hooks.py``), which takes no argument, rotates
  its values (``datakey.rotate`` does one) and returns a list of ``RotationReport``.

A value already under the newest key is left alone, so running it twice changes nothing the
second time. A value stored in clear (before encryption) is encrypted. A value no key opens is
left as it is and reported.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models.functions import Cast
from wagtail import hooks

from . import datakey
from .fields import EncryptedTextField, StoredToken
from .storage import EncryptedStorage, file_names

HOOK = "balai_encrypted_data"
Rotation = datakey.Rotation


@dataclass
class RotationReport:
    """What rotation did in one place (a field, a storage, or what a hook covers)."""

    label: str
    counts: Counter = field(default_factory=Counter)
    unreadable: list[str] = field(default_factory=list)  # row ids or file names, first ones

    def add(self, done: str, where: str) -> None:
        self.counts[done] += 1
        if done == Rotation.UNREADABLE and len(self.unreadable) < 10:
            self.unreadable.append(where)


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    return [(model, model_field) for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
            for model_field in model._meta.local_concrete_fields
            if isinstance(model_field, EncryptedTextField)]


def encrypted_storages() -> list[tuple[str, EncryptedStorage]]:
    return [(alias, storages[alias]) for alias in settings.STORAGES
            if isinstance(storages[alias], EncryptedStorage)]


def _field_rotate(model: type[models.Model], model_field: EncryptedTextField) -> RotationReport:
    report = RotationReport(f"{model._meta.label}.{model_field.name}")
    manager = model._base_manager
    # The column as stored (a Cast has no decrypting from_db_value).
    stored = (manager.exclude(**{model_field.name: ""}).exclude(**{
        f"{model_field.name}__isnull": True})
        .values_list("pk", Cast(model_field.name, models.TextField())).order_by("pk"))
    for pk, value in stored.iterator(chunk_size=500):
        done, data = datakey.rotate(value.encode())
        if data is not None:
            # Only if nobody changed it meanwhile (an office erasing the resident's data).
            manager.filter(pk=pk, **{model_field.name: StoredToken(value)}).update(
                **{model_field.name: StoredToken(data.decode("ascii"))})
        report.add(done, f"id={pk}")
    return report


def _storage_rotate(alias: str, storage: EncryptedStorage) -> RotationReport:
    report = RotationReport(f'STORAGES["{alias}"]')
    for name in file_names(storage.raw):
        try:
            done = storage.rotate(name)
        except FileNotFoundError:  # deleted meanwhile (the purge, an erasure)
            continue
        report.add(done, name)
    return report


def data_key_rotate() -> list[RotationReport]:
    """Encrypt every encrypted value and file again with the newest key of
    BALAI_DATA_KEYS; one report per field, storage, and per place a hook covers."""
    reports = [_field_rotate(model, model_field) for model, model_field in encrypted_fields()]
    reports += [_storage_rotate(alias, storage) for alias, storage in encrypted_storages()]
    for rotate_more in hooks.get_hooks(HOOK):
        reports += list(rotate_more())
    return reports
