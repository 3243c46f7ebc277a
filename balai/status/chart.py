"""The counts over time as an inline SVG line chart, drawn on the server (no chart library)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import SiteSnapshot

WIDTH, HEIGHT, PAD = 640, 220, 36
SERIES = [("live", "#0a5c36"), ("complete", "#1d4ed8"), ("fresh", "#b35900")]


@dataclass
class Line:
    key: str
    colour: str
    points: str
    last: int
    end_x: float
    end_y: float


def daily_counts(*, days: int = 90) -> list[dict]:
    """Per recorded day: how many sites were live, complete (and live) and fresh. One query."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = SiteSnapshot.objects.filter(date__gte=since).values("date").annotate(
        n_sites=Count("pk"), n_live=Count("pk", filter=Q(live=True)),
        n_complete=Count("pk", filter=Q(live=True, complete=True)),
        n_fresh=Count("pk", filter=Q(fresh=True))).order_by("date")
    return [{"date": row["date"], "sites": row["n_sites"], "live": row["n_live"],
             "complete": row["n_complete"], "fresh": row["n_fresh"]} for row in rows]


def chart(rows: list[dict]) -> dict | None:
    """Coordinates for the SVG: one polyline per series, y from 0 to the number of sites."""
    if not rows:
        return None
    top = max(row["sites"] for row in rows) or 1
    span = max(len(rows) - 1, 1)

    def x(index: int) -> float:
        return round(PAD + index * (WIDTH - 2 * PAD) / span, 1)

    def y(value: int) -> float:
        return round(HEIGHT - PAD - value * (HEIGHT - 2 * PAD) / top, 1)

    end = len(rows) - 1
    lines = [Line(key, colour, " ".join(f"{x(i)},{y(row[key])}" for i, row in enumerate(rows)),
                  rows[-1][key], x(end), y(rows[-1][key])) for key, colour in SERIES]
    return {"width": WIDTH, "height": HEIGHT, "lines": lines, "top": top,
            "y_top": y(top), "y_zero": y(0), "x_first": x(0), "x_last": x(len(rows) - 1),
            "first": rows[0]["date"], "last": rows[-1]["date"], "days": len(rows)}
