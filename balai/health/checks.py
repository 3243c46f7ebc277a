"""The checks behind ``/healthz``: each answers "ok" or a short word, never details, so the
page tells a monitor what is wrong without telling anyone else anything about the inside."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

OK = "ok"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return OK


def cache_status() -> str:
    key, value = f"balai-healthz-{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any cache backend error means the cache is not usable
        return "unavailable"
    return OK if found == value else "unavailable"


def _free_bytes(path: Path) -> int:
    # A folder not made yet (no upload so far) lives on the disk of its nearest parent.
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def disk_status() -> str:
    minimum = settings.BALAI_HEALTH_MIN_FREE_MB * 1024 * 1024
    try:
        free = min(_free_bytes(Path(settings.MEDIA_ROOT)), _free_bytes(Path(settings.DATA_DIR)))
    except OSError:
        return "unavailable"
    return OK if free >= minimum else "low"


def health_report() -> dict[str, str]:
    return {"database": database_status(), "cache": cache_status(), "disk": disk_status()}
