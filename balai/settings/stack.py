"""The local production stack (`make stack`): production settings, over plain HTTP.

The stack runs the real parts (PostgreSQL, Redis, gunicorn, nginx) on loopback, where
there is no certificate. production.py would send every request to https:// (which no
one answers here), mark cookies Secure (a browser never sends them back over http, so
nobody could log in) and send HSTS, which would make the browser refuse plain http on
localhost and every *.localhost for a year. Those three are turned off here, and only
those: DEBUG stays off, the secret key must come from the environment, static files are
collected and served by nginx, the cache is Redis.
"""

from .production import *  # noqa: F403
from .production import BALAI_BASE_DOMAIN, BALAI_PORT

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = f"http://{BALAI_BASE_DOMAIN}:{BALAI_PORT}"
