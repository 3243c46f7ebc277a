"""The periods results are given for: a semester (January–June, July–December), a year, or
any range of dates, each from its first day to its last, in the city's time zone."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

PERIOD_CODE = re.compile(r"(\d{4})(?:-([12]))?")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    # "2026-2" for a semester, "2026" for a year, "" for any other range.
    code: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def span(self) -> str:
        """``2026-07-01..2026-12-31``: how the command and the open data write it."""
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.code and "-" in self.code:
            year, half = self.code.split("-")
            return (_("Semester I %(year)s (January–June)") if half == "1" else
                    _("Semester II %(year)s (July–December)")) % {"year": year}
        if self.code:
            return _("Year %(year)s") % {"year": self.code}
        return _("%(start)s to %(end)s") % {"start": self.start.strftime("%d-%m-%Y"),
                                            "end": self.end.strftime("%d-%m-%Y")}

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The aware datetimes [from, until) the period covers in the city's time zone."""
        zone = timezone.get_default_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1),
                                        datetime.time.min, tzinfo=zone)
        return start, end


def semester(year: int, half: int) -> Period:
    if half == 1:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30), f"{year}-1")
    return Period(datetime.date(year, 7, 1), datetime.date(year, 12, 31), f"{year}-2")


def year(number: int) -> Period:
    return Period(datetime.date(number, 1, 1), datetime.date(number, 12, 31), str(number))


def today() -> datetime.date:
    return timezone.localdate()


def current_semester(day: datetime.date | None = None) -> Period:
    day = day or today()
    return semester(day.year, 1 if day.month <= 6 else 2)


def from_code(code: str) -> Period | None:
    """``2026`` (a year) or ``2026-1`` / ``2026-2`` (a semester); None for anything else."""
    match = PERIOD_CODE.fullmatch(code or "")
    if not match:
        return None
    number = int(match.group(1))
    if not FIRST_YEAR <= number <= today().year + 1:
        return None
    return semester(number, int(match.group(2))) if match.group(2) else year(number)


def from_dates(start: datetime.date | None, end: datetime.date | None) -> Period | None:
    """A range given by its first and last day; one missing side is the current
    semester's. None when it ends before it starts."""
    if start is None and end is None:
        return None
    default = current_semester()
    start, end = start or default.start, end or default.end
    return Period(start, end) if start <= end else None


def recent(count: int = 6) -> list[Period]:
    """The current semester and the ones before it, then the current and last year: the
    choices offered on the results page and in the admin."""
    current = current_semester()
    year_number, half = int(current.code[:4]), int(current.code[-1])
    semesters = []
    for _index in range(count):
        semesters.append(semester(year_number, half))
        year_number, half = (year_number, 1) if half == 2 else (year_number - 1, 2)
    return [*semesters, year(today().year), year(today().year - 1)]
