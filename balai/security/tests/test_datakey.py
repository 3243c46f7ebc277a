"""The data keys: where they come from, what happens without them or with a wrong one, and
the encrypted storage's own rules. The complaint's journey through them (database, backup,
restore, rotation) is in balai/pengaduan/tests/test_encryption.py."""

import io
import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail import hooks

from balai.security import datakey
from balai.security.rotation import HOOK, RotationReport
from balai.security.storage import EncryptedStorage


def start(settings_module: str, **variables: str | None) -> subprocess.CompletedProcess:
    """Start Django in a new process with these settings and environment variables (None:
    unset) and print the encrypting key's id."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module,
           "SECRET_KEY": secrets.token_urlsafe(50), **variables}
    env.pop("DATABASE_URL", None)
    code = ("import django; django.setup(); from balai.security import datakey; "
            "print(datakey.key_id(datakey.data_keys()[0]))")
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], env={k: v for k, v in env.items() if v is not None},
        capture_output=True, text=True, timeout=120, check=False)


def test_production_refuses_to_start_without_a_data_key(tmp_path):
    result = start("balai.settings.production", BALAI_DATA_DIR=str(tmp_path),
                   BALAI_DATA_KEYS=None)
    assert result.returncode != 0
    assert "BALAI_DATA_KEYS must be set in the environment in production" in result.stderr
    assert "balai generate-data-key" in result.stderr


def test_a_malformed_key_stops_any_start_naming_its_place_not_its_value(tmp_path):
    good = Fernet.generate_key().decode()
    result = start("balai.settings.test", BALAI_DATA_KEYS=f"{good},rahasia-kota-2026")
    assert result.returncode != 0
    assert "BALAI_DATA_KEYS: key 2 is not a Fernet key" in result.stderr
    assert "rahasia-kota-2026" not in result.stderr


def test_the_first_key_encrypts_and_production_uses_the_environments(tmp_path):
    new, old = Fernet.generate_key(), Fernet.generate_key()
    result = start("balai.settings.production", BALAI_DATA_DIR=str(tmp_path),
                   BALAI_DATA_KEYS=f" {new.decode()} , {old.decode()}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == datakey.key_id(new)


def test_development_derives_its_key_from_the_secret_key_not_from_the_data(tmp_path):
    """Without BALAI_DATA_KEYS, dev uses a key derived from SECRET_KEY: the same secret
    gives the same key (data stays readable across restarts), another gives another."""
    secret = secrets.token_urlsafe(50)
    first = start("balai.settings.dev", BALAI_DATA_DIR=str(tmp_path), SECRET_KEY=secret,
                  BALAI_DATA_KEYS="")
    again = start("balai.settings.dev", BALAI_DATA_DIR=str(tmp_path), SECRET_KEY=secret,
                  BALAI_DATA_KEYS="")
    other = start("balai.settings.dev", BALAI_DATA_DIR=str(tmp_path),
                  SECRET_KEY=secrets.token_urlsafe(50), BALAI_DATA_KEYS="")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout != other.stdout
    assert first.stdout.strip() == datakey.key_id(datakey.derived_key(secret))


def test_generate_data_key_prints_a_key_that_works(settings):
    out = io.StringIO()
    call_command("generate_data_key", stdout=out)
    key = out.getvalue().strip()
    settings.BALAI_DATA_KEYS = [key]
    token = datakey.encrypt_text("3672010101900007")
    assert datakey.is_token(token) and "3672010101900007" not in token
    assert datakey.decrypt_text(token) == "3672010101900007"


def test_a_value_under_a_forgotten_key_is_a_clear_error(settings):
    settings.BALAI_DATA_KEYS = [Fernet.generate_key().decode()]
    token = datakey.encrypt_bytes(b"KTP")
    settings.BALAI_DATA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(datakey.UnreadableData, match="BALAI_DATA_KEYS"):
        datakey.decrypt_bytes(token)


def test_without_keys_the_system_check_says_what_to_do(settings):
    settings.BALAI_DATA_KEYS = []
    settings.BALAI_DATA_KEY_FROM_SECRET_KEY = False
    out = io.StringIO()
    with pytest.raises(Exception, match="balai.security.E001"):
        call_command("check", stdout=out, stderr=out)


def test_the_encrypted_storage_keeps_tokens_and_gives_back_the_bytes(settings):
    storage = EncryptedStorage("django.core.files.storage.InMemoryStorage")
    scan = b"%PDF-1.7 surat pengantar RT 03/RW 05 NIK 3672010101900007"
    name = storage.save("permohonan/kk.pdf", ContentFile(scan))
    with storage.raw.open(name) as handle:
        stored = handle.read()
    assert datakey.is_token(stored) and b"3672010101900007" not in stored
    with storage.open(name) as handle:
        assert handle.read() == scan
    assert storage.size(name) == len(scan)
    with pytest.raises(ValueError, match="save"):
        storage.open(name, "wb")
    with pytest.raises(NotImplementedError):
        storage.path(name)  # nothing may read the file around the storage


def test_rotating_a_file_on_disk_replaces_it_whole_and_keeps_its_mode(settings, tmp_path):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    settings.BALAI_DATA_KEYS = [old.decode()]
    storage = EncryptedStorage("django.core.files.storage.FileSystemStorage",
                               {"location": tmp_path, "file_permissions_mode": 0o640})
    name = storage.save("permohonan/ktp.jpg", ContentFile(b"\xff\xd8 foto KTP"))
    path = tmp_path / name
    assert Fernet(old).decrypt(path.read_bytes()) == b"\xff\xd8 foto KTP"

    settings.BALAI_DATA_KEYS = [new.decode(), old.decode()]
    assert storage.rotate(name) == datakey.Rotation.ROTATED
    assert Fernet(new).decrypt(path.read_bytes()) == b"\xff\xd8 foto KTP"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["ktp.jpg"]  # no temporary left
    assert storage.rotate(name) == datakey.Rotation.CURRENT

    settings.BALAI_DATA_KEYS = [Fernet.generate_key().decode()]
    before = path.read_bytes()
    assert storage.rotate(name) == datakey.Rotation.UNREADABLE
    assert path.read_bytes() == before
    with pytest.raises(datakey.UnreadableData):
        storage.open(name)


@pytest.mark.django_db
def test_an_app_rotates_its_own_values_through_the_hook(settings):
    """Values kept encrypted another way (inside a JSON field, say) join the rotation
    through the hook ``balai_encrypted_data``."""
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.BALAI_DATA_KEYS = [old]
    kept = {"nik": datakey.encrypt_text("3672010101900007")}

    def rotate_answers():
        report = RotationReport("permohonan.answers")
        done, token = datakey.rotate(kept["nik"].encode())
        if token is not None:
            kept["nik"] = token.decode()
        report.add(done, "nik")
        return [report]

    settings.BALAI_DATA_KEYS = [new, old]
    out = io.StringIO()
    with hooks.register_temporarily(HOOK, rotate_answers):
        call_command("rotate_data_key", stdout=out)
    assert "permohonan.answers: 1" in out.getvalue()
    settings.BALAI_DATA_KEYS = [new]
    assert datakey.decrypt_text(kept["nik"]) == "3672010101900007"
