"""Settings for the fault tests' gunicorn: the stack's, plus the kill points of
faults/killpoints.py. Never used outside ``make faults``."""

from balai.settings.stack import *  # noqa: F403
from balai.settings.stack import INSTALLED_APPS, MIDDLEWARE

# First, so that its page_published receiver runs before Balai's.
INSTALLED_APPS = ["faults.killpoints.KillPointsConfig", *INSTALLED_APPS]
# First, so that it sees the response after every other middleware is done with it.
MIDDLEWARE = ["faults.killpoints.before_response", *MIDDLEWARE]
