from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balai.core.treecheck import tree_check


class Command(BaseCommand):
    help = ("Check the page tree without changing anything: Wagtail's fixtree checks "
            "(paths, orphans, depth, numchild, page records) and Balai's (live and latest "
            "revisions, live content, url_path, Site root pages). Exits with 1 and lists "
            "every problem when there is one.")

    def handle(self, *args, **options):
        report = tree_check()
        if not report.problems:
            self.stdout.write(_(
                "The page tree is consistent: %(pages)d pages, %(sites)d sites, %(revisions)d "
                "live revisions compared with their pages.") % {
                "pages": report.pages, "sites": report.sites, "revisions": report.revisions})
            return
        count = len(report.problems)
        self.stdout.write(ngettext("%(count)d problem in the page tree:",
                                   "%(count)d problems in the page tree:", count)
                          % {"count": count})
        for problem in report.problems:
            self.stdout.write(f"- {problem}")
        raise SystemExit(1)
