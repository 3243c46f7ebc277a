"""System checks of the security settings (``balai check``)."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import datakey


@checks.register(checks.Tags.security)
def data_keys_check(app_configs, **kwargs):
    """Residents' data cannot be stored without usable data keys."""
    try:
        datakey.encrypt_bytes(b"check")
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="balai.security.E001")]
    return []
