"""Local development: plain HTTP on localhost, a secret key kept in the data dir."""

import os
import secrets

from .base import *  # noqa: F403
from .base import BALAI_BASE_DOMAIN, DATA_DIR

DEBUG = True
BALAI_ALLOW_DEV_SUPERUSER = True
BALAI_PORT = int(os.environ.get("BALAI_PORT", "8000"))


def _dev_secret_key() -> str:
    """Read the dev secret key from the data dir, creating it on first use."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _dev_secret_key()
# Without BALAI_DATA_KEYS, residents' data is encrypted with a key derived from SECRET_KEY
# (kept in the data dir, which `balai backup` does not archive): see balai/security/datakey.py.
BALAI_DATA_KEY_FROM_SECRET_KEY = True

ALLOWED_HOSTS = [BALAI_BASE_DOMAIN, f".{BALAI_BASE_DOMAIN}", "127.0.0.1"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = f"http://{BALAI_BASE_DOMAIN}:{BALAI_PORT}"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
