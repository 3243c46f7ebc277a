"""Test settings: in-memory SQLite unless DATABASE_URL says otherwise, a fixed domain."""

import os

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
# Residents' data is encrypted with a key derived from SECRET_KEY unless BALAI_DATA_KEYS is set.
BALAI_DATA_KEY_FROM_SECRET_KEY = True
BALAI_BASE_DOMAIN = "balai.test"
BALAI_PORT = 80
ALLOWED_HOSTS = [BALAI_BASE_DOMAIN, f".{BALAI_BASE_DOMAIN}", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://balai.test"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or "sqlite://:memory:")
}
# One process: local memory; each test starts with no cached page (balai/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "balai.security.storage.EncryptedStorage",
                "OPTIONS": {"backend": "django.core.files.storage.InMemoryStorage"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
