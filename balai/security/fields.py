"""Model fields whose values are stored encrypted (``balai.security.datakey``).

The column holds the Fernet token; the model attribute holds the clear text, decrypted when
the row is loaded. An empty value stays empty, so ``exclude(name="")`` and "has contact"
checks keep working; any other comparison in SQL is meaningless (every token differs) and is
refused. A value no key opens loads as an ``UnreadableText``: it shows a plain message, and
saving the row writes its token back unchanged, so a wrong key never destroys data.

Backups and ``dumpdata`` write the token (``value_to_string``), never the clear text;
loading one (``to_python``) decrypts it, and saving encrypts it with the newest key.
"""

from django import forms
from django.core import validators
from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.utils.translation import gettext as _

from . import datakey


class StoredToken(str):
    """A value that is already a token: written and compared as it is (rotation)."""


class UnreadableText(str):
    """In place of a value that no key in BALAI_DATA_KEYS opens: reads as a message, is
    saved back as the token it came from."""

    token: str

    def __new__(cls, token: str):
        text = super().__new__(cls, _("(cannot be read with this installation's data key)"))
        text.token = token
        return text


def readable(value: str) -> str:
    """``value``, or empty when it could not be decrypted (no email to a message)."""
    return "" if isinstance(value, UnreadableText) else value


def is_unreadable(value) -> bool:
    return isinstance(value, UnreadableText)


class EncryptedTextField(models.TextField):
    """One line of text stored encrypted; ``max_length`` limits the clear text."""

    description = "Text stored encrypted"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        return self._clear(value)

    def to_python(self, value):
        if value is None or isinstance(value, UnreadableText):
            return value
        return self._clear(str(value))

    @staticmethod
    def _clear(value):
        if not value or not datakey.is_token(value):
            return value  # empty, or stored in clear before encryption
        try:
            return datakey.decrypt_text(value)
        except datakey.UnreadableData:
            return UnreadableText(value)

    def get_prep_value(self, value):
        # Not TextField's, which passes the value through to_python (that would decrypt a
        # StoredToken).
        value = models.Field.get_prep_value(self, value)
        if value is None or value == "" or isinstance(value, StoredToken):
            return value
        if isinstance(value, UnreadableText):
            return value.token
        return datakey.encrypt_text(str(value))

    def value_to_string(self, obj):
        """What serializers (the backup) write: the token, never the clear text."""
        return self.get_prep_value(self.value_from_object(obj))

    def get_lookup(self, lookup_name):
        return {"exact": EncryptedExact, "isnull": IsNull}.get(lookup_name)

    def get_transform(self, name):
        return None

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedEmailField(EncryptedTextField):
    """An email address stored encrypted, checked as Django's EmailField checks it."""

    default_validators = [validators.validate_email]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class EncryptedExact(Exact):
    """Only emptiness (``name=""``) or a stored token can be compared: a clear value would
    be encrypted anew and never match."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None) and not isinstance(self.rhs, StoredToken):
            raise ValueError(f"{self.lhs.target} is encrypted: it can only be compared with "
                             "an empty value.")
        return super().get_prep_lookup()
