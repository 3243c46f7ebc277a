from django.db.models import QuerySet
from wagtail.models import Page


def news_of(*, index: Page) -> QuerySet:
    """Live public news under one news index, newest first, with their images."""
    from .models import BeritaPage

    return (BeritaPage.objects.live().public().child_of(index)
            .select_related("image").order_by("-date", "-pk"))


def news_under(*, root: Page) -> QuerySet:
    """Live public news anywhere under a page (the portal: every site), newest first."""
    from .models import BeritaPage

    return (BeritaPage.objects.live().public().descendant_of(root)
            .select_related("image").order_by("-date", "-pk"))
