"""`balai check --deploy` has nothing to say about the production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "BALAI_DATA_DIR": str(tmp_path),
           "BALAI_DATA_KEYS": Fernet.generate_key().decode(),
           "BALAI_BASE_DOMAIN": "cilegon.example.go.id"}
    env.pop("DATABASE_URL", None)
    balai = str(Path(sys.executable).parent / "balai")
    result = subprocess.run(  # noqa: S603 - our own executable, fixed arguments
        [balai, "check", "--deploy", "--fail-level", "WARNING"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_stack_settings_are_production_but_for_https(tmp_path):
    """`make stack` runs production settings on plain http://localhost: only the HTTPS
    redirect, HSTS and Secure cookies are off; the cache is the Redis of REDIS_URL."""
    code = ("from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CACHES['default']['BACKEND'], "
            "s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.stack",
           "SECRET_KEY": secrets.token_urlsafe(50), "BALAI_DATA_DIR": str(tmp_path),
           "BALAI_DATA_KEYS": Fernet.generate_key().decode(),
           "REDIS_URL": "redis://127.0.0.1:6399/0"}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "False", "0", "False", "balai.core.cache.RedisCache", "True",
        "DENY"]
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert "SECRET_KEY must be set" in result.stderr


def test_language_cookie_is_secure_and_http_only_in_production(tmp_path):
    code = ("from django.conf import settings as s; print(s.LANGUAGE_COOKIE_SECURE, "
            "s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "BALAI_DATA_DIR": str(tmp_path),
           "BALAI_DATA_KEYS": Fernet.generate_key().decode()}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "Lax"]
