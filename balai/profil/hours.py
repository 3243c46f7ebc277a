"""'Can I go now?': an office's status at a moment, from its weekly hours and the holidays.

Pure functions over OfficeHours rows (or anything with ``weekday``, ``opens``, ``closes``)
and a ``{date: name}`` mapping of holidays, so the same answer is given by the home page,
the Kontak page and the footer, and tests can ask about any moment.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# How far ahead the next opening is looked for: past the longest run of holidays and
# cuti bersama around Idul Fitri, and the holidays a chrome loads (profil/selectors.py).
LOOKAHEAD_DAYS = 31


@dataclass(frozen=True)
class OfficeStatus:
    """Whether the office is open at ``now``, and until when that stays true."""

    now: datetime.datetime
    is_open: bool
    # While open: today's closing time.
    closes: datetime.time | None = None
    # While closed: the next opening (None if none within LOOKAHEAD_DAYS), and today's
    # holiday, if the office is closed for one.
    next_opening: datetime.datetime | None = None
    holiday: str = ""

    @property
    def changes_at(self) -> datetime.datetime:
        """When this status (and its wording: 'besok', 'hari ini libur') stops being true:
        the closing or next opening time, and never later than midnight."""
        midnight = datetime.datetime.combine(self.now.date() + datetime.timedelta(days=1),
                                             datetime.time(), tzinfo=self.now.tzinfo)
        moment = (datetime.datetime.combine(self.now.date(), self.closes,
                                            tzinfo=self.now.tzinfo)
                  if self.is_open else self.next_opening)
        return min(moment, midnight) if moment else midnight

    def when_next(self) -> str:
        """The next opening as residents say it: 'pukul 08.00' (later today), 'besok 08.00',
        'Senin 08.00' (within a week), 'Rabu, 25 Maret 08.00' (later)."""
        opening = self.next_opening
        if opening is None:
            return ""
        time = f"{opening:%H.%M}"
        days = (opening.date() - self.now.date()).days
        if days == 0:
            return _("today at %(time)s") % {"time": time}
        if days == 1:
            return _("tomorrow at %(time)s") % {"time": time}
        if days < 7:
            return _("%(day)s at %(time)s") % {"day": date_format(opening, "l"), "time": time}
        return _("%(day)s at %(time)s") % {"day": date_format(opening, "l, j F"), "time": time}

    def __str__(self) -> str:
        if self.is_open:
            return _("Open now · closes at %(time)s") % {"time": f"{self.closes:%H.%M}"}
        when = self.when_next()
        if self.holiday:
            if when:
                return _("Closed today for a holiday: %(name)s · opens again %(when)s") % {
                    "name": self.holiday, "when": when}
            return _("Closed today for a holiday: %(name)s") % {"name": self.holiday}
        if when:
            return _("Closed now · opens again %(when)s") % {"when": when}
        return _("Closed now")


def office_status(*, hours: Iterable, holidays: Mapping[datetime.date, str],
                  now: datetime.datetime | None = None) -> OfficeStatus | None:
    """The office's status at ``now`` (default: the current time), in Asia/Jakarta time;
    None when the office has no hours at all."""
    by_weekday = {row.weekday: row for row in hours}
    if not by_weekday:
        return None
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    holiday = holidays.get(today, "")
    todays = by_weekday.get(today.isoweekday())
    if not holiday and todays and todays.opens <= now.time() < todays.closes:
        return OfficeStatus(now=now, is_open=True, closes=todays.closes)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + datetime.timedelta(days=offset)
        row = by_weekday.get(day.isoweekday())
        if row is None or day in holidays or (offset == 0 and now.time() >= row.opens):
            continue
        opening = datetime.datetime.combine(day, row.opens, tzinfo=now.tzinfo)
        return OfficeStatus(now=now, is_open=False, next_opening=opening, holiday=holiday)
    return OfficeStatus(now=now, is_open=False, holiday=holiday)
