"""Settings shared by every environment. Secure by default: dev and test relax them.

Everything that differs between installations comes from the environment:

- ``BALAI_DATA_DIR``: SQLite database, uploaded media and the dev secret key.
- ``DATABASE_URL``: defaults to the SQLite file in ``BALAI_DATA_DIR``.
- ``SECRET_KEY``: required in production.
- ``BALAI_DATA_KEYS``: the keys of residents' personal data at rest; required in production.
- ``BALAI_BASE_DOMAIN``: the city portal's host; sites are ``kel-<slug>.<base>``.
- ``BALAI_PORT``: the public port, used to build absolute URLs of every site.
- ``BALAI_CITY_NAME``: the city's name in the admin ("Kota Cilegon").
- ``REDIS_URL``: the cache (cached pages among others); defaults to files in the data dir.
- ``BALAI_PAGE_CACHE_SECONDS``: how long a public page stays cached (0 turns it off).
- ``BALAI_SITE_DATA_CACHE_SECONDS``: how long the data every page of a site shows stays
  cached for pages rendered anew (0 turns it off).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import positive_days

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent

DATA_DIR = Path(os.environ.get("BALAI_DATA_DIR") or PROJECT_DIR / "var").resolve()

BALAI_BASE_DOMAIN = os.environ.get("BALAI_BASE_DOMAIN", "localhost").strip().lower()
BALAI_PORT = int(os.environ.get("BALAI_PORT", "443"))

DEBUG = False
# Only dev settings may create a superuser with a generated password.
BALAI_ALLOW_DEV_SUPERUSER = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = [BALAI_BASE_DOMAIN, f".{BALAI_BASE_DOMAIN}"] + [
    host.strip() for host in os.environ.get("BALAI_EXTRA_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    "balai.core",
    "balai.wilayah",
    "balai.synonyms",
    "balai.home",
    "balai.profil",
    "balai.lembaga",
    "balai.rtrw",
    "balai.layanan",
    "balai.program",
    "balai.berita",
    "balai.agenda",
    "balai.dokumen",
    "balai.provisioning",
    "balai.api",
    "balai.demo",
    "balai.operators",
    "balai.status",
    "balai.pengaduan",
    "balai.permohonan",
    "balai.survei",
    "balai.guard",
    "balai.backup",
    "balai.security",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # After balai.layanan: its receivers must run after the catalogue's own (see receivers).
    "balai.pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

# The order, written once here (balai/core/tests/test_middleware_order.py fails if it
# changes without the test changing with it). Each of Balai's own is in its app's
# middleware.py; a request goes down this list, the response comes back up.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers of every public answer, the 400s, 503s and cached pages below included.
    "balai.security.middleware.ContentSecurityPolicyMiddleware",
    # Before the page cache and everything that may query the database: a hostile query
    # string is a 400 that is never looked up in, nor stored into, the cache.
    "balai.pagecache.middleware.QueryStringMiddleware",
    # Before everything that may query the database: a stale page or a 503, never a 500.
    "balai.pagecache.middleware.DatabaseOutageMiddleware",
    # Before anything renders a link: the index of site roots reads its token once.
    "balai.core.middleware.SiteRootsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, whose language is part of a cached page's key; before the
    # rest, which a cached page does not need.
    "balai.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After AuthenticationMiddleware (the account's choice) and LocaleMiddleware (whose
    # choice it replaces for /admin/): the admin speaks Indonesian whatever the browser's
    # language, unless the account chose otherwise.
    "balai.operators.middleware.AdminLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After AuthenticationMiddleware: the security log may look up the request's user.
    "balai.security.middleware.CurrentActorMiddleware",
    # After the session and the user: ends idle or too long admin sessions.
    "balai.security.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware (is_verified) and messages: the code page before any admin view.
    "balai.security.middleware.RequireTwoFactorMiddleware",
    # After two-step verification: a new password is asked of a verified account only.
    "balai.security.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # In process_view, after everything that may answer first: an office's account
    # reaches only its own site's objects.
    "balai.operators.middleware.SiteIsolationMiddleware",
    # Last: it calls the view itself, inside one transaction, for changes to pages.
    "balai.core.middleware.AtomicPageChangeMiddleware",
]

ROOT_URLCONF = "balai.urls"
WSGI_APPLICATION = "balai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "balai.core.context_processors.balai",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("BALAI_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a few people at once (runserver's threads): a transaction
    # that will write takes SQLite's write lock at its start and waits for another writer
    # (an editing-session ping during a publish) instead of failing with "database is
    # locked" when it upgrades a read lock.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# Redis when REDIS_URL is set (the stack and production: one cache shared by every gunicorn
# worker and by `balai` commands, so a change made anywhere drops cached pages everywhere);
# otherwise files in the data dir, which are shared between processes too.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "balai.core.cache.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL else
    {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
     "LOCATION": DATA_DIR / "cache"}
}
# Public pages for anonymous visitors are cached (balai/pagecache) for at most this long;
# any change residents could see drops them at once, so this only bounds time-dependent
# content such as upcoming events. nginx may keep a page BALAI_EDGE_CACHE_SECONDS more.
BALAI_PAGE_CACHE_ALIAS = "default"
BALAI_PAGE_CACHE_SECONDS = int(os.environ.get("BALAI_PAGE_CACHE_SECONDS", "300"))
BALAI_EDGE_CACHE_SECONDS = int(os.environ.get("BALAI_EDGE_CACHE_SECONDS", "1"))
# What every page of a site shows (menu, footer, a home's lists) is kept once per site for
# the pages the page cache does not hold, under the same rules (balai/pagecache/sitedata.py).
BALAI_SITE_DATA_CACHE_SECONDS = int(os.environ.get("BALAI_SITE_DATA_CACHE_SECONDS", "300"))
# While the database cannot be reached, residents get the last rendered copy of a page up
# to this old, otherwise a 503 asking them to come back after BALAI_OUTAGE_RETRY_AFTER
# seconds (balai/pagecache/outage.py).
BALAI_PAGE_STALE_SECONDS = int(os.environ.get("BALAI_PAGE_STALE_SECONDS", 7 * 24 * 60 * 60))
BALAI_OUTAGE_RETRY_AFTER = int(os.environ.get("BALAI_OUTAGE_RETRY_AFTER", "30"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "balai.security.validators.LocalWordsPasswordValidator"},
    {"NAME": "balai.security.validators.PasswordChangeRecorder"},
]
# No forced expiry by default (docs/security.md); a city that must rotate
# passwords sets the number of days, after which the admin asks for a new one first.
BALAI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("BALAI_PASSWORD_MAX_AGE_DAYS", "0"))
# Two-step verification (TOTP) for every admin account (balai/security/twofactor.py).
OTP_TOTP_ISSUER = os.environ.get("BALAI_OTP_ISSUER", "Balai Cilegon")
WAGTAILADMIN_USER_LOGIN_FORM = "balai.security.forms.ThrottledLoginForm"
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Sign-in throttling (balai/security/throttle.py): failures counted over a sliding window.
BALAI_LOGIN_THROTTLE = {"window_seconds": 15 * 60, "per_pair": 5, "per_address": 30,
                        "per_account": 10}
# How many proxies in front of Balai append to X-Forwarded-For (nginx: 1). Zero trusts no
# header and uses the socket's address.
BALAI_TRUSTED_PROXIES = int(os.environ.get("BALAI_TRUSTED_PROXIES", "0"))
# Sessions end after 30 idle minutes or 10 hours in all (balai/security/sessions.py);
# accounts unused for 45 days are suspended by `balai suspend-inactive` (cron).
BALAI_SESSION_IDLE_SECONDS = int(os.environ.get("BALAI_SESSION_IDLE_SECONDS", 30 * 60))
BALAI_SESSION_MAX_SECONDS = int(os.environ.get("BALAI_SESSION_MAX_SECONDS", 10 * 60 * 60))
BALAI_SUSPEND_AFTER_DAYS = int(os.environ.get("BALAI_SUSPEND_AFTER_DAYS", 45))
SESSION_COOKIE_AGE = BALAI_SESSION_MAX_SECONDS
# Argon2 for new and changed passwords; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# The languages an account may choose for its admin (account settings); without a choice
# the admin speaks LANGUAGE_CODE (balai/operators/language.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Balai's own catalogue first, then the complete Indonesian of Wagtail's admin
# (scripts/admin_locale.py), which takes precedence over Wagtail's partial one.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (a year in browsers' caches) with .gz and .br copies for nginx.
    "staticfiles": {"BACKEND": "balai.core.storage.CompressedManifestStaticFilesStorage"},
    # Residents' photos and documents: outside the public media folder, encrypted
    # (balai/security/storage.py), served only through the admin.
    "private": {"BACKEND": "balai.security.storage.EncryptedStorage",
                "OPTIONS": {"backend": "django.core.files.storage.FileSystemStorage",
                            "options": {"location": DATA_DIR / "private", "base_url": None}}},
}

# Secure defaults; dev.py relaxes what plain-HTTP local serving needs.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# The language cookie (set by balai.core.views.set_language): no script needs to read it.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# The city this installation serves, as residents and operators name it: in the admin's
# sign-in page, titles and dashboard ("Balai · Kota Cilegon").
BALAI_CITY_NAME = os.environ.get("BALAI_CITY_NAME", "Kota Cilegon").strip() or "Kota Cilegon"
WAGTAIL_SITE_NAME = f"Balai · {BALAI_CITY_NAME}"
# No avatar requests to gravatar.com: they would send a hash of every editor's email to a
# third party, over plain HTTP, from every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{BALAI_BASE_DOMAIN}"
)
WAGTAIL_I18N_ENABLED = False
# PostgreSQL's full-text search with the 'simple' configuration: words lowercased, not
# stemmed, as SQLite's FTS does (docs/decisions/0005-search-without-stemming.md). The
# cluster's default ('english' on Debian) and 'indonesian' both stem Indonesian badly.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database",
                                      "SEARCH_CONFIG": "simple"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Uploads are checked by content (balai/core/uploads.py) and limited in size.
WAGTAILIMAGES_IMAGE_FORM_BASE = "balai.core.uploads.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "balai.core.uploads.CheckedDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
BALAI_DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always downloaded, never shown inline, and served with a CSP that stops
# anything in them from running (Wagtail's default, stated here on purpose).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_IMAGE_MODEL = "core.BalaiImage"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Operators publish their own office's pages; Wagtail's comment threads only added a button
# beside every field (and 13 KB of script to every editor load on a phone).
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "balai.core.widgets.LabelledDraftailRichTextArea"},
}
# Wagtail's own defaults, stated because an editor's unsaved work depends on them: the
# editor saves a draft revision in the background (a fetch, so the page stays as it is)
# 500 ms after each change, and while the database is down balai/pagecache/outage.py
# answers those saves with a JSON 503; every 10 s it tells the server it is still editing,
# so two editors of one page are warned of each other and of a newer revision.
WAGTAIL_AUTOSAVE_INTERVAL = 500
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10000
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# /healthz reports the disk as low below this much free space (MB) under the media and data
# folders; `balai backup` needs room for an archive as large as the media.
BALAI_HEALTH_MIN_FREE_MB = int(os.environ.get("BALAI_HEALTH_MIN_FREE_MB", "1024"))

# The city whose regions this installation serves (Kemendagri code).
BALAI_KOTA_KODE = os.environ.get("BALAI_KOTA_KODE", "36.72")


# The city dashboard (balai/status): a site is fresh when something was published on it
# within BALAI_FRESH_DAYS; a page not published again for BALAI_STALE_DAYS is stale.
# Empty or unset gives the default.
BALAI_FRESH_DAYS = positive_days("BALAI_FRESH_DAYS", os.environ.get("BALAI_FRESH_DAYS") or "30")
BALAI_STALE_DAYS = positive_days("BALAI_STALE_DAYS", os.environ.get("BALAI_STALE_DAYS") or "180")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"balai": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Shown to users and search engines in English only when they choose it.
BALAI_LANGUAGE_NAMES = {"id": _("Indonesian"), "en": _("English")}

# What residents send (the survey, complaints, service requests) and the keys of their
# personal data: balai/settings/residents.py.
from .residents import *  # noqa: E402, F403
