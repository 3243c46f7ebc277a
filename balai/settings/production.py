"""Production: everything is in base.py; here only what must fail fast."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BALAI_DATA_KEYS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if not BALAI_DATA_KEYS:
    raise ImproperlyConfigured(
        "BALAI_DATA_KEYS must be set in the environment in production: the key that encrypts "
        "residents' personal data. Make one with `balai generate-data-key` (docs/decisions/"
        "0006-residents-data-encrypted-at-rest.md).")

# HTTPS only. Every Balai site is a sub-domain of BALAI_BASE_DOMAIN, so HSTS covers them
# all. nginx (or the load balancer) terminates TLS and says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Monitoring asks the app server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Eligible for the browsers' HSTS preload list (submitting the domain is a separate, manual
# and hard-to-undo step for the city's IT office).
SECURE_HSTS_PRELOAD = True
