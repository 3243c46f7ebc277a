"""A service request's answers (the NIK among them), contact details and documents are
encrypted at rest (balai/security/datakey.py, docs/decisions/0007): neither the database nor
a ``balai backup`` archive holds a NIK or a document's bytes in clear; with the key a restore
gives them back readable; ``balai rotate-data-key`` moves the answers and the files to the
new key."""

import io
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from balai.backup.media import private_storage
from balai.backup.tests.conftest import media_kept  # noqa: F401 (the fixture)
from balai.core.uploads import contains_code
from balai.pengaduan.tests.test_encryption import (  # noqa: F401 (the autouse fixture)
    noisy_photo,
    private_files_apart,
)
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.security import datakey
from balai.testing.builders import NIK, kelurahan_site, service_request_of

pytestmark = pytest.mark.django_db
OLD_KEY, NEW_KEY = (Fernet.generate_key().decode() for _ in range(2))
NAME = "Siti Aminah Qoriatul"
PHONE = "0812 7766 5544"
EMAIL = "siti.qoriatul@contoh.id"
LETTER = "Surat pengantar RT dan RW"
FAMILY = "Kartu Keluarga"
# What must never be found in clear: the NIK as stored and as people write it (in groups),
# the contact details as typed and as digits, the name.
SECRETS = [NIK, "3672 0112 0590 0007", "3672 011205 900007", NAME, PHONE, "081277665544",
           EMAIL, "siti.qoriatul"]


def sample(data: bytes) -> bytes:
    """64 bytes from the middle of a (noisy) picture's compressed data."""
    middle = len(data) // 2
    return data[middle:middle + 64]


def phone_photo() -> bytes:
    """A noisy photo (every part differs) that the upload check accepts. Compressed picture
    data is close to random bytes, and the check for program code in uploads
    (balai/core/uploads.py CODE_MARKERS: three-byte markers such as ``#!/`` and ``<?=``)
    finds one by chance in about one such photo in seven: those are drawn again here."""
    while True:
        data = noisy_photo()
        if not contains_code(io.BytesIO(data)):
            return data


class Sent:
    """A request with its two uploaded documents: each as the phone sent it (``originals``)
    and as the request keeps it (``stored``: the JPEG drawn again, read back decrypted)."""

    def __init__(self, site):
        self.originals = {LETTER: phone_photo(), FAMILY: phone_photo()}
        self.request, _pin = service_request_of(
            site, phone=PHONE, email=EMAIL, uploads=self.originals, **{"Nama lengkap": NAME})
        self.stored = {}
        for requirement, document in self.documents().items():
            with document.file.open("rb") as handle:
                self.stored[requirement] = handle.read()
        assert set(self.stored) == set(self.originals)
        assert all(data.startswith(b"\xff\xd8") for data in self.stored.values())

    def documents(self) -> dict[str, RequestDocument]:
        return {document.requirement: document
                for document in self.request.documents.exclude(file="")}

    def samples(self) -> list[bytes]:
        return [sample(data) for data in (*self.originals.values(), *self.stored.values())]


def assert_nothing_in_clear(data: bytes, where: str, sent: Sent) -> None:
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret!r} in clear in {where}"
    for part in sent.samples():
        assert part not in data, f"a document's bytes in {where}"


def assert_readable(sent: Sent) -> None:
    service_request = ServiceRequest.objects.get(pk=sent.request.pk)
    answers = {answer["label"]: answer["value"] for answer in service_request.answer_list}
    assert answers["NIK pemohon"] == NIK and answers["Nama lengkap"] == NAME
    assert (service_request.phone, service_request.email) == (PHONE, EMAIL)
    documents = {document.requirement: document
                 for document in service_request.documents.exclude(file="")}
    for requirement, data in sent.stored.items():
        with documents[requirement].file.open("rb") as handle:
            assert handle.read() == data, requirement


def test_the_database_holds_tokens_not_the_nik_nor_the_documents():
    sent = Sent(kelurahan_site())
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, phone, email, nik_masked, service_name FROM "
                       "permohonan_servicerequest WHERE id = %s", [sent.request.pk])
        answers, phone, email, masked, service_name = cursor.fetchone()
    for column in (answers, phone, email):
        assert datakey.is_token(column) and not any(secret in column for secret in SECRETS)
    # What lists show is the NIK masked, and what the figures count stays readable.
    assert masked == "3672**********07" and service_name == sent.request.service_name
    for requirement, document in sent.documents().items():
        with private_storage().open(document.file.name, "rb") as handle:
            on_disk = handle.read()
        assert on_disk.startswith(b"gAAAAA"), requirement
        assert sample(sent.stored[requirement]) not in on_disk
    assert_readable(sent)
    with pytest.raises(ValueError, match="encrypted"):
        ServiceRequest.objects.filter(phone=PHONE).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's database file")
def test_the_sqlite_database_file_holds_no_nik_and_no_document():
    sent = Sent(kelurahan_site())
    connection.ensure_connection()
    # The whole database, page by page, as SQLite writes it to its file.
    image = connection.connection.serialize()
    assert b"3672**********07" in image  # the request is in this image
    assert_nothing_in_clear(image, "the database file", sent)


def test_a_backup_holds_no_nik_and_no_document_and_restores_them_with_the_key(
        tmp_path, media_kept):  # noqa: F811 (the fixture)
    sent = Sent(kelurahan_site())
    archive = tmp_path / "balai.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar
                   if member.isfile()}
    assert b"3672**********07" in members["database.json"]
    for document in sent.documents().values():
        assert f"private/{document.file.name}" in members  # the documents are in it
    key = datakey.data_keys()[0]
    for name, data in members.items():
        assert_nothing_in_clear(data, name, sent)
        assert key not in data and django_settings.SECRET_KEY.encode() not in data, name

    # Restored with the key: the answers, the contact and the documents read again.
    call_command("restore", archive, force=True, stdout=io.StringIO())
    assert_readable(sent)


def rotated() -> str:
    out = io.StringIO()
    call_command("rotate_data_key", stdout=out)
    return out.getvalue()


def test_rotation_re_encrypts_the_answers_and_the_documents(settings):
    settings.BALAI_DATA_KEYS = [OLD_KEY]
    sent = Sent(kelurahan_site())
    settings.BALAI_DATA_KEYS = [NEW_KEY, OLD_KEY]
    out = rotated()
    assert "permohonan.ServiceRequest.answers: 1 dienkripsi ulang" in out
    assert "permohonan.ServiceRequest.phone: 1 dienkripsi ulang" in out
    assert "permohonan.ServiceRequest.email: 1 dienkripsi ulang" in out
    assert 'STORAGES["private"]: 2 dienkripsi ulang' in out
    assert "permohonan.ServiceRequest.answers: 0 dienkripsi ulang" in rotated()
    settings.BALAI_DATA_KEYS = [NEW_KEY]  # the old key gone: everything still reads
    assert_readable(sent)


def test_without_the_old_key_the_rotation_stops_and_loses_nothing(settings):
    settings.BALAI_DATA_KEYS = [OLD_KEY]
    sent = Sent(kelurahan_site())
    settings.BALAI_DATA_KEYS = [NEW_KEY]
    assert ServiceRequest.objects.get(pk=sent.request.pk).data_unreadable
    with pytest.raises(CommandError, match="tidak dapat dibuka dengan kunci mana pun"):
        rotated()
    settings.BALAI_DATA_KEYS = [NEW_KEY, OLD_KEY]
    rotated()
    settings.BALAI_DATA_KEYS = [NEW_KEY]
    assert_readable(sent)
