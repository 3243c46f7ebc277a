"""The resident's contact details and photo are encrypted at rest (balai/security/datakey.py):
neither the database nor a backup archive holds them in clear; with the key a restore gives
them back; with a wrong key the office is told plainly; and rotating the key keeps them
readable."""

import io
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from balai.backup.media import (
    media_names,
    media_read,
    media_wipe,
    media_write,
    private_storage,
)
from balai.backup.tests.conftest import media_kept  # noqa: F401 (the fixture)
from balai.conftest import CITANGKIL
from balai.pengaduan.models import Complaint, ComplaintCategory
from balai.security import datakey
from balai.testing.builders import complaint_of

from .conftest import EMAIL, NAME, PHONE, office_user, signed_in

pytestmark = pytest.mark.django_db
TEXT = "Lampu jalan di gang Melati padam sejak tiga malam."
OLD_KEY, NEW_KEY, OTHER_KEY = (Fernet.generate_key().decode() for _ in range(3))
# What must never be found in clear: the details as typed, the number's digits, the email's
# name part.
SECRETS = [NAME, PHONE, "081299887766", EMAIL, "siti.qadrunnada"]
UNREADABLE = "tidak dapat dibuka dengan kunci data"


@pytest.fixture(autouse=True)
def private_files_apart():
    """The tests' private storage lives as long as the process: each test here starts with
    it empty (other tests' files, under other keys, would count in a rotation) and gets the
    others' files back afterwards."""
    raw = private_storage()
    kept = {name: media_read(name, storage=raw) for name in media_names(storage=raw)}
    media_wipe(storage=raw)
    yield
    media_wipe(storage=raw)
    for name, data in kept.items():
        media_write(name, data, storage=raw)


def noisy_photo() -> bytes:
    """A phone photo whose every part differs (a plain one repeats the same bytes)."""
    out = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def sent_with_photo(site) -> Complaint:
    """A complaint with contact details and a photo, sent through the public form."""
    response = site.client.post(f"{site.home.url}pengaduan/", {
        "category": ComplaintCategory.objects.get(name="Lainnya").pk, "text": TEXT,
        "website": "", "name": NAME, "phone": PHONE, "email": EMAIL,
        "photo": SimpleUploadedFile("IMG_0002.jpg", noisy_photo(), content_type="image/jpeg")})
    assert response.status_code == 303
    code = response["Location"].rstrip("/").rsplit("/", 1)[-1].replace("-", "")
    return Complaint.objects.get(region=site.record.region, code=code)


def photo_shown(office, complaint) -> bytes:
    response = office.get(f"/admin/pengaduan/{complaint.pk}/foto/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    return response.content


def contact_shown(office, complaint) -> str:
    response = office.get(f"/admin/pengaduan/{complaint.pk}/kontak/")
    assert response.status_code == 200
    return response.content.decode()


def assert_no_secret(data: bytes, where: str, photo: bytes) -> None:
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret!r} in clear in {where}"
    assert photo_sample(photo) not in data, f"the photo's bytes in {where}"


def photo_sample(photo: bytes) -> bytes:
    """64 bytes from the middle of the (noisy) picture's compressed data."""
    middle = len(photo) // 2
    return photo[middle:middle + 64]


def test_the_database_holds_tokens_not_the_contact_details(citangkil):
    complaint = sent_with_photo(citangkil)
    office = signed_in(office_user(CITANGKIL, "op_citangkil"))
    photo = photo_shown(office, complaint)
    assert photo.startswith(b"\xff\xd8")  # the JPEG, decrypted for the office

    # The columns, as the database returns them (SQLite or PostgreSQL).
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, email, text FROM pengaduan_complaint WHERE id = %s",
                       [complaint.pk])
        name, phone, email, text = cursor.fetchone()
    assert text == TEXT  # what is not personal stays searchable and readable
    for column in (name, phone, email):
        assert column.startswith("gAAAAA") and datakey.is_token(column)
        assert not any(secret in column for secret in SECRETS)
    # The file on disk is a token too.
    with private_storage().open(complaint.photo.name, "rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"gAAAAA") and photo_sample(photo) not in stored

    # Empty stays empty: the purge's and the inbox's "has contact" queries still work.
    anonymous = complaint_of(citangkil, text=TEXT)
    assert list(Complaint.objects.filter(pk__in=[complaint.pk, anonymous.pk])
                .exclude(name="", phone="", email="").values_list("pk", flat=True)) == \
        [complaint.pk]
    with pytest.raises(ValueError, match="encrypted"):
        Complaint.objects.filter(phone=PHONE).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's database file")
def test_the_sqlite_database_file_holds_no_contact_details(citangkil):
    complaint = sent_with_photo(citangkil)
    photo = photo_shown(signed_in(office_user(CITANGKIL, "op_citangkil")), complaint)
    connection.ensure_connection()
    # The whole database, page by page, as SQLite writes it to its file.
    image = connection.connection.serialize()
    assert TEXT.encode() in image  # the complaint is in this image
    assert_no_secret(image, "the database file", photo)


def test_a_backup_holds_no_personal_data_and_restores_it_with_the_key(
        citangkil, tmp_path, media_kept, settings):  # noqa: F811 (the fixture)
    complaint = sent_with_photo(citangkil)
    office = signed_in(office_user(CITANGKIL, "op_citangkil"))
    photo = photo_shown(office, complaint)
    archive = tmp_path / "balai.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    assert TEXT.encode() in members["database.json"]
    assert f"private/{complaint.photo.name}" in members
    key = datakey.data_keys()[0]
    for name, data in members.items():
        assert_no_secret(data, name, photo)
        assert key not in data and django_settings.SECRET_KEY.encode() not in data, name

    # Restored with the key: everything comes back.
    call_command("restore", archive, force=True, stdout=io.StringIO())
    office = signed_in(get_user_model().objects.get(username="op_citangkil"))
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.name, complaint.phone, complaint.email) == (NAME, PHONE, EMAIL)
    shown = contact_shown(office, complaint)
    assert PHONE in shown and EMAIL in shown
    assert photo_shown(office, complaint) == photo

    # Another installation's key: the office is told plainly, nothing breaks, nothing is lost.
    settings.BALAI_DATA_KEYS = [OTHER_KEY]
    shown = contact_shown(office, complaint)
    assert UNREADABLE in shown and PHONE not in shown
    for path in ("foto/", "ekspor/"):
        refused = office.get(f"/admin/pengaduan/{complaint.pk}/{path}", follow=True)
        assert refused.status_code == 200
        assert UNREADABLE in refused.content.decode() and PHONE not in refused.content.decode()
    detail = office.post(f"/admin/pengaduan/{complaint.pk}/", {  # the row is saved whole
        "action": "forward", "forward-destination": "kota",
        "forward-reason": "Kewenangan Dinas Perhubungan.", "forward-lapor_id": ""})
    assert detail.status_code == 302
    settings.BALAI_DATA_KEYS = []  # back to the key the data was encrypted with
    complaint.refresh_from_db()
    assert (complaint.name, complaint.phone, complaint.email) == (NAME, PHONE, EMAIL)
    assert photo_shown(office, complaint) == photo


def rotated(**options) -> str:
    out = io.StringIO()
    call_command("rotate_data_key", stdout=out, **options)
    return out.getvalue()


def test_rotation_moves_everything_to_the_new_key(citangkil, settings):
    settings.BALAI_DATA_KEYS = [OLD_KEY]
    complaint = sent_with_photo(citangkil)
    office = signed_in(office_user(CITANGKIL, "op_citangkil"))
    photo = photo_shown(office, complaint)

    # The new key first, the old one still there to read.
    settings.BALAI_DATA_KEYS = [NEW_KEY, OLD_KEY]
    assert PHONE in contact_shown(office, complaint)
    out = rotated()
    assert datakey.key_id(NEW_KEY.encode()) in out
    assert "pengaduan.Complaint.phone: 1 dienkripsi ulang" in out
    assert 'STORAGES["private"]: 1 dienkripsi ulang' in out
    # Twice: nothing left to do.
    again = rotated()
    assert "pengaduan.Complaint.phone: 0 dienkripsi ulang" in again
    assert 'STORAGES["private"]: 0 dienkripsi ulang' in again

    # Only the new key: everything still reads.
    settings.BALAI_DATA_KEYS = [NEW_KEY]
    shown = contact_shown(office, complaint)
    assert NAME in shown and PHONE in shown and EMAIL in shown
    assert photo_shown(office, complaint) == photo


def test_rotation_without_the_old_key_leaves_the_data_and_says_so(citangkil, settings):
    settings.BALAI_DATA_KEYS = [OLD_KEY]
    complaint = sent_with_photo(citangkil)
    settings.BALAI_DATA_KEYS = [NEW_KEY]  # the old key forgotten
    with pytest.raises(CommandError, match="tidak dapat dibuka dengan kunci mana pun"):
        rotated()
    settings.BALAI_DATA_KEYS = [NEW_KEY, OLD_KEY]  # put back: nothing was lost
    rotated()
    settings.BALAI_DATA_KEYS = [NEW_KEY]
    complaint.refresh_from_db()
    assert (complaint.name, complaint.phone, complaint.email) == (NAME, PHONE, EMAIL)


def test_rotation_encrypts_what_was_stored_in_clear(citangkil):
    """An installation that had complaints before encryption: the first rotation encrypts
    them; until then they read as they are."""
    complaint = complaint_of(citangkil, text=TEXT, name=NAME, phone=PHONE, email=EMAIL)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE pengaduan_complaint SET name = %s, phone = %s, email = %s "
                       "WHERE id = %s", [NAME, PHONE, EMAIL, complaint.pk])
    complaint.refresh_from_db()
    assert complaint.phone == PHONE
    assert "pengaduan.Complaint.phone: 0 dienkripsi ulang, 1 dienkripsi" in rotated()
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM pengaduan_complaint WHERE id = %s", [complaint.pk])
        [stored] = cursor.fetchone()
    assert datakey.is_token(stored)
    complaint.refresh_from_db()
    assert complaint.phone == PHONE
