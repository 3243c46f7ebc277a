"""Back up and restore the whole installation: database, media and residents' private files
(as stored: encrypted, see balai/security/datakey.py) in one archive.

The database goes in as Django's JSON serialization with natural keys for content types,
permissions, users, groups and sites, so the archive restores on SQLite and PostgreSQL
alike and does not depend on the ids an installation gave its content types. Rows every
installation makes for itself (content types, permissions) and what can be rebuilt
(the search index) or must not survive (sessions) are left out.
"""

import io
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _
from wagtail.models import Page

from balai.wilayah.models import Region

from .archive import (
    ArchiveError,
    ArchiveWriter,
    PreciseJSONEncoder,
    archive_members,
    archive_verify,
)
from .media import (
    MEDIA_PREFIX,
    PRIVATE_PREFIX,
    media_names,
    media_read,
    media_wipe,
    media_write,
    private_storage,
)

KIND = "installation"
DATA_MEMBER = "database.json"
# Not in the archive: made by every installation (`migrate`), rebuilt after a restore (the
# search index), or worthless after one (sessions).
EXCLUDED_MODELS = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
]
INSTALLATION_MODELS = (ContentType, Permission)
KEPT_TABLES = {"django_content_type", "auth_permission", "django_migrations"}


@dataclass
class BackupResult:
    path: Path
    manifest: dict

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


class _PortableSerializer(JSONSerializer):
    """Ids for every reference except to content types and permissions, which each
    installation numbers its own way and which are therefore written as natural keys."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in INSTALLATION_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in INSTALLATION_MODELS
        super().handle_m2m_field(obj, field)


def _dumped_models() -> list[type[models.Model]]:
    excluded = {label.lower() for label in EXCLUDED_MODELS}
    return [model for model in apps.get_models()
            if not model._meta.proxy and model._meta.managed
            and model._meta.app_label not in excluded
            and model._meta.label_lower not in excluded]


def _database_dump() -> tuple[bytes, Counter]:
    counts: Counter = Counter()

    def rows():
        for model in _dumped_models():
            for row in model._base_manager.order_by(model._meta.pk.name).iterator():
                counts[model._meta.label_lower] += 1
                yield row

    stream = io.StringIO()
    with transaction.atomic():
        _snapshot_isolation()
        _PortableSerializer().serialize(rows(), stream=stream, cls=PreciseJSONEncoder)
    return stream.getvalue().encode(), counts


def _snapshot_isolation(using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every query of the dump see the database as it was at the first one, while
    editors keep saving (SQLite's read transaction already does)."""
    connection = connections[using]
    # Only as the first statement of a transaction of our own (not inside a test's).
    if connection.vendor == "postgresql" and not connection.savepoint_ids:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def installation_backup(*, path: Path) -> BackupResult:
    """Write the database, every media file and a manifest into one archive at ``path``."""
    data, counts = _database_dump()
    writer = ArchiveWriter(path)
    writer.add(DATA_MEMBER, data)
    media = 0
    for name in media_names():
        writer.add(MEDIA_PREFIX + name, media_read(name))
        media += 1
    private = private_storage()
    private_files = 0
    for name in media_names(storage=private):
        writer.add(PRIVATE_PREFIX + name, media_read(name, storage=private))
        private_files += 1
    manifest = writer.close({
        "kind": KIND,
        "balai_version": balai_version(),
        "migrations": applied_migrations(),
        "counts": dict(sorted(counts.items())),
        "media_files": media,
        "private_files": private_files,
    })
    return BackupResult(path=path, manifest=manifest)


def balai_version() -> str:
    try:
        return version("balai")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def installation_is_empty() -> bool:
    """True for a database with nothing but what ``migrate`` makes, and no media."""
    if get_user_model().objects.exists() or Region.objects.exists():
        return False
    if Page.objects.exclude(content_type__app_label="wagtailcore").exists():
        return False
    return next(media_names(), None) is None and \
        next(media_names(storage=private_storage()), None) is None


def database_wipe(using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty every table except content types, permissions and the migration record."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to truncate a table with foreign-key checks still pending in
        # this transaction; run them now.
        connection.check_constraints()
    tables = [table for table in connection.introspection.django_table_names(
        only_existing=True, include_views=False) if table not in KEPT_TABLES]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True,
                                          allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _rows_insert(model: type[models.Model], objects: list, using: str) -> None:
    fields = model._meta.local_concrete_fields
    size = connections[using].ops.bulk_batch_size(fields, objects) or len(objects)
    for start in range(0, len(objects), size):
        model._base_manager.using(using)._insert(objects[start:start + size], fields=fields,
                                                 raw=True, using=using)


def database_load(data: bytes, using: str = DEFAULT_DB_ALIAS) -> int:
    """Insert the rows of ``_database_dump`` into emptied tables; returns how many.

    Unlike ``loaddata`` no save signal is sent: a restore must not add audit records,
    index entries or anything else that reacting code makes when a person saves.
    """
    connection = connections[using]
    pending: dict[type[models.Model], list] = {}
    links: dict[type[models.Model], list] = {}
    rows = 0
    for item in serializers.deserialize("json", data, using=using):
        model = type(item.object)
        pending.setdefault(model, []).append(item.object)
        for accessor, targets in (item.m2m_data or {}).items():
            field = model._meta.get_field(accessor)
            through = field.remote_field.through
            links.setdefault(through, []).extend(
                through(**{f"{field.m2m_field_name()}_id": item.object.pk,
                           f"{field.m2m_reverse_field_name()}_id": target})
                for target in targets)
        rows += 1
    with connection.constraint_checks_disabled():
        for model, objects in pending.items():
            _rows_insert(model, objects, using)
        for through, objects in links.items():
            through._base_manager.using(using).bulk_create(objects)
    loaded = [*pending, *links]
    connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    sequences_reset(loaded, using)
    return rows


def sequences_reset(used: list[type[models.Model]], using: str = DEFAULT_DB_ALIAS) -> None:
    """After rows were inserted with chosen ids, PostgreSQL's sequences must move past them
    (a no-op on SQLite)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), used):
            cursor.execute(statement)


def installation_restore(*, path: Path, force: bool = False) -> dict:
    """Rebuild the installation from a backup archive; returns its manifest.

    The archive is verified before anything changes. A database with content is only
    replaced when ``force`` is given. The schema is migrated first and must then match the
    archive's migrations exactly, so rows never land in columns they were not made for.
    """
    manifest = archive_verify(path, kind=KIND)
    call_command("migrate", interactive=False, verbosity=0)
    if not force and not installation_is_empty():
        raise ArchiveError(_("This installation already has content. Restoring would replace "
                             "all of it; run again with --force if that is what you want."))
    differing = sorted(set(manifest["migrations"]) ^ set(applied_migrations()))
    if differing:
        raise ArchiveError(_("The archive was made by another version of Balai (it differs in "
                             "%(count)d migration(s), first %(name)s). Restore it with the "
                             "version that made it (%(version)s), then upgrade.")
                           % {"count": len(differing), "name": differing[0],
                              "version": manifest.get("balai_version", "?")})
    data = next(body for name, body in archive_members(path) if name == DATA_MEMBER)
    with transaction.atomic():
        database_wipe()
        database_load(data)
    # A second pass over the archive, so media never has to fit in memory all at once.
    media_wipe()
    private = private_storage()
    media_wipe(storage=private)
    for name, data in archive_members(path):
        if name.startswith(MEDIA_PREFIX):
            media_write(name.removeprefix(MEDIA_PREFIX), data)
        elif name.startswith(PRIVATE_PREFIX):
            # As archived: still encrypted, readable with the key it was made with.
            media_write(name.removeprefix(PRIVATE_PREFIX), data, storage=private)
    call_command("wagtail_update_index", verbosity=0, stdout=io.StringIO())
    cache.clear()
    return manifest
