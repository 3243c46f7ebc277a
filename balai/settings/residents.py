"""Settings of what residents send to their office (the satisfaction survey, complaints,
service requests) and of their personal data: send limits, sizes, how long it is kept, and
the keys it is encrypted with at rest. Part of base.py, which imports it."""

import os

from .env import data_keys, positive_days

# The satisfaction survey (balai/survei): responses an address may send to one site per hour
# (a counter kiosk sends one per resident served: at least 60), and a site may receive.
BALAI_SURVEI_PER_ADDRESS_HOUR = int(os.environ.get("BALAI_SURVEI_PER_ADDRESS_HOUR", "60"))
BALAI_SURVEI_PER_SITE_HOUR = int(os.environ.get("BALAI_SURVEI_PER_SITE_HOUR", "600"))

# Complaints (balai/pengaduan). Sends counted per address and per site each hour (a limit
# reached asks to wait, keeping what was typed); tracking codes that match nothing, per
# address each hour; the photo's size; and how long after a complaint is closed its contact
# details and photo are kept before `balai purge-personal-data` removes them (UU 27/2022).
BALAI_COMPLAINTS_PER_ADDRESS_HOUR = int(
    os.environ.get("BALAI_COMPLAINTS_PER_ADDRESS_HOUR") or "10")
BALAI_COMPLAINTS_PER_SITE_HOUR = int(os.environ.get("BALAI_COMPLAINTS_PER_SITE_HOUR") or "100")
BALAI_COMPLAINT_FAILED_LOOKUPS_PER_HOUR = int(
    os.environ.get("BALAI_COMPLAINT_FAILED_LOOKUPS_PER_HOUR") or "30")
BALAI_COMPLAINT_PHOTO_MAX_SIZE = 10 * 1024 * 1024
BALAI_COMPLAINT_RETENTION_DAYS = positive_days(
    "BALAI_COMPLAINT_RETENTION_DAYS", os.environ.get("BALAI_COMPLAINT_RETENTION_DAYS") or "365")
# Service requests (balai/permohonan). Sends counted per address and per site each hour;
# tracking codes that match nothing per address each hour; wrong PINs per request each hour
# (then its details stay closed for the hour); one document's size; how long after a request
# is finished or rejected its documents (30 days) and its personal fields (365 days) are kept
# before `balai purge-personal-data` removes them (UU 27/2022).
BALAI_REQUESTS_PER_ADDRESS_HOUR = int(os.environ.get("BALAI_REQUESTS_PER_ADDRESS_HOUR") or "10")
BALAI_REQUESTS_PER_SITE_HOUR = int(os.environ.get("BALAI_REQUESTS_PER_SITE_HOUR") or "100")
BALAI_REQUEST_FAILED_LOOKUPS_PER_HOUR = int(
    os.environ.get("BALAI_REQUEST_FAILED_LOOKUPS_PER_HOUR") or "30")
BALAI_REQUEST_WRONG_PINS_PER_HOUR = int(os.environ.get("BALAI_REQUEST_WRONG_PINS_PER_HOUR") or "5")
BALAI_REQUEST_FILE_MAX_SIZE = 10 * 1024 * 1024
BALAI_REQUEST_DOCUMENT_RETENTION_DAYS = positive_days(
    "BALAI_REQUEST_DOCUMENT_RETENTION_DAYS",
    os.environ.get("BALAI_REQUEST_DOCUMENT_RETENTION_DAYS") or "30")
# A request waiting on the resident (to complete it, or to collect the letter) with no step
# for this many days is closed by `balai purge-personal-data`, saying why (UU 27/2022: data
# is not kept once its purpose has lapsed); the two periods above then run from there.
BALAI_REQUEST_ABANDONED_DAYS = positive_days(
    "BALAI_REQUEST_ABANDONED_DAYS", os.environ.get("BALAI_REQUEST_ABANDONED_DAYS") or "60")
BALAI_REQUEST_RETENTION_DAYS = positive_days(
    "BALAI_REQUEST_RETENTION_DAYS", os.environ.get("BALAI_REQUEST_RETENTION_DAYS") or "365")

# The keys that encrypt residents' personal data at rest (balai/security/datakey.py): the
# first encrypts, all decrypt; `balai rotate-data-key` moves everything to the first. Kept
# outside the database and the backups. Required in production; development and tests
# derive one from SECRET_KEY when it is empty.
BALAI_DATA_KEYS = data_keys(os.environ.get("BALAI_DATA_KEYS", ""))
BALAI_DATA_KEY_FROM_SECRET_KEY = False
