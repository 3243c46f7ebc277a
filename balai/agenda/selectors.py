from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page


def events_of(*, index: Page) -> QuerySet:
    from .models import AgendaPage

    return AgendaPage.objects.live().public().child_of(index)


def upcoming_events(*, index: Page) -> QuerySet:
    """Events under an agenda index that have not ended yet, soonest first."""
    now = timezone.now()
    return events_of(index=index).filter(
        Q(end__gte=now) | Q(end__isnull=True, start__gte=now)).order_by("start")


def past_events(*, index: Page) -> QuerySet:
    now = timezone.now()
    return events_of(index=index).filter(
        Q(end__lt=now) | Q(end__isnull=True, start__lt=now)).order_by("-start")
