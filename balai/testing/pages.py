"""Checks every public page type shares, for the tests of each app's pages: what a page
loads (nothing from another host, no script but JSON-LD) and how many queries it needs."""

import re
from urllib.parse import urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

RESOURCE = re.compile(r'<(?:script|img|source|link|iframe)\b[^>]*?\s(?:src|srcset|href)="([^"]*)"')


def resources(html: str) -> list[str]:
    """Every address the page loads or links in its head: scripts, images (each candidate of
    a srcset), sources, stylesheets, frames."""
    urls = []
    for value in RESOURCE.findall(html):
        urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return urls


def layout_problems(html: str, host: str) -> list[str]:
    """What is wrong with a public page's HTML: not Balai's layout, something loaded from a
    host other than ``host``, a script other than JSON-LD. Empty when all is well."""
    problems = []
    if '<html lang="id">' not in html or '<main id="isi"' not in html:
        problems.append("not Balai's layout")
    problems += [f"loads {url}" for url in resources(html)
                 if urlsplit(url).netloc not in ("", host)]
    if "<script" in html.replace('<script type="application/ld+json">', ""):
        problems.append("runs a script")
    return problems


def count_queries(client: Client, path: str) -> int:
    """The number of database queries one request of ``path`` needs (which must answer
    200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path} answered {response.status_code}")
    return len(queries)
