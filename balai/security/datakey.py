"""Residents' data encrypted at rest, with keys that are in neither the database nor a backup.

The keys come from the setting ``BALAI_DATA_KEYS`` (the environment variable of that name,
comma-separated Fernet keys): the first encrypts, every one of them decrypts (cryptography's
``MultiFernet``: AES-128-CBC with HMAC-SHA256, a random IV per value, a timestamp). To change
keys, put a new one first, restart, run ``balai rotate-data-key``, then drop the old ones.

Production refuses to start without keys (``balai/settings/production.py``). Development and
the tests, which set ``BALAI_DATA_KEY_FROM_SECRET_KEY``, use one key derived from
``SECRET_KEY`` with HKDF instead: the secret key lives in the environment or in
``DATA_DIR/secret_key``, neither of which ``balai backup`` archives (it holds the database,
``media/`` and ``private/`` only).

Values stored before encryption was turned on are not tokens: they are read as they are, and
``balai rotate-data-key`` encrypts them. A token that no key opens raises ``UnreadableData``.
"""

import base64
import binascii
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

# A Fernet token is url-safe base64 of: version 0x80, an 8-byte time, a 16-byte IV, the
# ciphertext in 16-byte blocks and a 32-byte HMAC; base64 of 0x80 and the time's first
# (zero) bytes always starts with "gAAAAA".
TOKEN_PREFIX = b"gAAAAA"
TOKEN_OVERHEAD = 1 + 8 + 16 + 32
DERIVATION_SALT = b"balai-data-key"
DERIVATION_INFO = b"balai: residents' data at rest, v1"


class UnreadableData(Exception):
    """A value encrypted with a key that is not in BALAI_DATA_KEYS (any more)."""

    def __init__(self, message: str = ""):
        super().__init__(message or _(
            "This data cannot be decrypted with this installation's data keys "
            "(BALAI_DATA_KEYS): it was encrypted with another key. Tell the city's IT office."))


def derived_key(secret: str) -> bytes:
    """A Fernet key derived from ``secret`` (development and tests only)."""
    material = HKDF(algorithm=hashes.SHA256(), length=32, salt=DERIVATION_SALT,
                    info=DERIVATION_INFO).derive(secret.encode())
    return base64.urlsafe_b64encode(material)


def data_keys() -> tuple[bytes, ...]:
    """The keys in force, newest (encrypting) first."""
    configured = tuple(key.encode() for key in settings.BALAI_DATA_KEYS)
    if configured:
        return configured
    if getattr(settings, "BALAI_DATA_KEY_FROM_SECRET_KEY", False):
        return (derived_key(settings.SECRET_KEY),)
    raise ImproperlyConfigured(
        "BALAI_DATA_KEYS is empty: residents' data cannot be encrypted. Make a key with "
        "`balai generate-data-key` and set BALAI_DATA_KEYS in /etc/balai/balai.env.")


def key_id(key: bytes) -> str:
    """A short name of a key for reports (8 hex digits of its SHA-256; reveals nothing)."""
    return hashlib.sha256(key).hexdigest()[:8]


@functools.lru_cache(maxsize=8)
def _fernets(keys: tuple[bytes, ...]) -> tuple[MultiFernet, Fernet]:
    try:
        fernets = [Fernet(key) for key in keys]
    except (ValueError, binascii.Error) as error:
        raise ImproperlyConfigured(
            "BALAI_DATA_KEYS holds a value that is not a Fernet key (32 bytes in url-safe "
            "base64; `balai generate-data-key` makes one).") from error
    return MultiFernet(fernets), fernets[0]


def _all_keys() -> MultiFernet:
    return _fernets(data_keys())[0]


def _newest_key() -> Fernet:
    return _fernets(data_keys())[1]


def is_token(data: bytes | str) -> bool:
    """Whether ``data`` has the shape of a Fernet token (not whether a key opens it)."""
    if isinstance(data, str):
        data = data.encode("ascii", "replace")
    if not data.startswith(TOKEN_PREFIX):
        return False
    try:
        raw = base64.urlsafe_b64decode(data)
    except (ValueError, binascii.Error):
        return False
    return len(raw) >= TOKEN_OVERHEAD + 16 and (len(raw) - TOKEN_OVERHEAD) % 16 == 0


def encrypt_bytes(data: bytes) -> bytes:
    return _all_keys().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    """The clear bytes of a token; ``data`` as it is when it is no token (stored before
    encryption). Raises ``UnreadableData`` when no key opens the token."""
    if not is_token(data):
        return data
    try:
        return _all_keys().decrypt(data)
    except InvalidToken as error:
        raise UnreadableData from error


def encrypt_text(text: str) -> str:
    return encrypt_bytes(text.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    """The clear text of a token (see ``decrypt_bytes``)."""
    if not is_token(token):
        return token
    return decrypt_bytes(token.encode("ascii")).decode()


class Rotation:
    """What ``rotate`` did with one value."""

    CURRENT = "current"  # already encrypted with the newest key: left alone
    ROTATED = "rotated"  # encrypted again with the newest key
    ENCRYPTED = "encrypted"  # was stored in clear, now encrypted
    UNREADABLE = "unreadable"  # no key opens it: left alone


def rotate(data: bytes) -> tuple[str, bytes | None]:
    """The value re-encrypted with the newest key, and what was done; ``None`` when nothing
    is to be written (already current, or unreadable)."""
    if not is_token(data):
        return Rotation.ENCRYPTED, encrypt_bytes(data)
    try:
        _newest_key().decrypt(data)
        return Rotation.CURRENT, None
    except InvalidToken:
        pass
    try:
        return Rotation.ROTATED, _all_keys().rotate(data)
    except InvalidToken:
        return Rotation.UNREADABLE, None
