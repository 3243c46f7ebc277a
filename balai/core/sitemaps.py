from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Site


class OwnPagesSitemap(Sitemap):
    """The pages of the requested site only: a kecamatan's or the portal's sitemap leaves
    out the sites nested under it, which publish their own sitemaps on their own hosts."""

    def items(self):
        root = self.get_wagtail_site().root_page
        nested = Site.objects.filter(root_page__path__startswith=root.path).exclude(
            root_page=root).values_list("root_page__path", flat=True)
        pages = super().items()
        exclude = Q()
        for path in nested:
            exclude |= Q(path__startswith=path)
        return pages.exclude(exclude) if nested else pages
