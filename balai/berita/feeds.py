"""An Atom feed of one site's news, built with Django's syndication feed generator."""

import datetime

from django.http import HttpResponse
from django.utils import feedgenerator, timezone
from django.utils.html import strip_tags

FEED_SIZE = 20


def news_feed_response(*, index, news, request) -> HttpResponse:
    """The Atom feed of a news index: the first FEED_SIZE of ``news``."""
    home = index.get_parent().specific
    feed = feedgenerator.Atom1Feed(
        title=f"Berita {home.title}",
        link=index.get_full_url(request),
        description=f"Berita terbaru dari {home.title}",
        language="id",
        feed_url=index.get_full_url(request) + "feed/",
    )
    for item in news[:FEED_SIZE]:
        url = item.get_full_url(request)
        published = timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))
        feed.add_item(
            title=item.title,
            link=url,
            unique_id=url,
            description=strip_tags(item.summary),
            pubdate=published,
            updateddate=item.last_published_at or published,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
