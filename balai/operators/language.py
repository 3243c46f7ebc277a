"""The admin's language: the installation's own (Indonesian), whatever the browser asks for.

Public pages follow the visitor (LocaleMiddleware: the language cookie set by the site's
language links, else Accept-Language). The admin does not: operators' phones are often set
to English, and an admin that switches language with the phone is one operators cannot
follow the Panduan Operator in. Every /admin/ request, signed in or not (sign-in, two-step
verification, password reset), is answered in ``LANGUAGE_CODE``, unless the account chose
another language in its own account settings (Wagtail's ``preferred_language``), which then
applies to every admin response, its JavaScript catalogue and error pages included.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist


def admin_language(user) -> str:
    """The language an account's admin speaks: its own choice, else the installation's."""
    if user.is_authenticated:
        try:
            chosen = user.wagtail_userprofile.preferred_language
        except ObjectDoesNotExist:  # no profile yet: the account never changed its settings
            chosen = ""
        if chosen in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES):
            return chosen
    return settings.LANGUAGE_CODE
