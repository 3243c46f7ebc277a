"""The order of settings.MIDDLEWARE is written once, in balai/settings/base.py, with the
reason for each of Balai's places there; these are the rules those reasons state, so that
a change of order that breaks one fails here rather than in production."""

from django.conf import settings

# (earlier, later): ``earlier`` must come before ``later`` in MIDDLEWARE.
BEFORE = [
    # A hostile query string is refused before the cache or the database sees it.
    ("balai.pagecache.middleware.QueryStringMiddleware",
     "balai.pagecache.middleware.DatabaseOutageMiddleware"),
    ("balai.pagecache.middleware.QueryStringMiddleware",
     "balai.pagecache.middleware.PageCacheMiddleware"),
    # The outage handler wraps everything that may query the database.
    ("balai.pagecache.middleware.DatabaseOutageMiddleware",
     "balai.core.middleware.SiteRootsMiddleware"),
    ("balai.pagecache.middleware.DatabaseOutageMiddleware",
     "django.contrib.sessions.middleware.SessionMiddleware"),
    ("balai.pagecache.middleware.DatabaseOutageMiddleware",
     "balai.pagecache.middleware.PageCacheMiddleware"),
    ("balai.pagecache.middleware.DatabaseOutageMiddleware",
     "django.contrib.auth.middleware.AuthenticationMiddleware"),
    # A cached page's key holds the language LocaleMiddleware chose.
    ("django.middleware.locale.LocaleMiddleware",
     "balai.pagecache.middleware.PageCacheMiddleware"),
    # The admin's language replaces LocaleMiddleware's and reads the account's choice.
    ("django.middleware.locale.LocaleMiddleware",
     "balai.operators.middleware.AdminLanguageMiddleware"),
    ("django.contrib.auth.middleware.AuthenticationMiddleware",
     "balai.operators.middleware.AdminLanguageMiddleware"),
    ("django.contrib.auth.middleware.AuthenticationMiddleware",
     "balai.security.middleware.CurrentActorMiddleware"),
    ("django.contrib.auth.middleware.AuthenticationMiddleware",
     "balai.security.middleware.SessionTimeoutMiddleware"),
    # Two-step verification needs OTPMiddleware's is_verified(), and comes before the
    # password expiry and every admin view.
    ("django_otp.middleware.OTPMiddleware",
     "balai.security.middleware.RequireTwoFactorMiddleware"),
    ("balai.security.middleware.RequireTwoFactorMiddleware",
     "balai.security.middleware.PasswordExpiryMiddleware"),
    ("django.contrib.auth.middleware.AuthenticationMiddleware",
     "balai.operators.middleware.SiteIsolationMiddleware"),
]
# It calls the view itself: nothing may come after it.
LAST = "balai.core.middleware.AtomicPageChangeMiddleware"


def test_middleware_keep_the_order_their_reasons_need():
    order = {path: place for place, path in enumerate(settings.MIDDLEWARE)}
    for earlier, later in BEFORE:
        assert order[earlier] < order[later], f"{earlier} must come before {later}"
    assert settings.MIDDLEWARE[-1] == LAST


def test_each_of_balai_s_middleware_lives_in_its_app_s_middleware_module():
    own = [path for path in settings.MIDDLEWARE if path.startswith("balai.")]
    assert len(own) == 12
    assert all(path.rsplit(".", 2)[1] == "middleware" and path.count(".") == 3
               for path in own), own
