from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from balai.core.models import SectionPage
from balai.core.sections import SectionKey


class DokumenIndexPage(SectionPage):
    """Public information as UU 14/2008 (Keterbukaan Informasi Publik) classifies it."""

    section_key = SectionKey.DOKUMEN
    resident_words = ("dokumen", "ppid", "informasi publik", "laporan", "anggaran", "peraturan",
                      "unduh", "download")
    empty_message = _("No public document has been published yet.")

    content_panels = [
        *SectionPage.content_panels,
        InlinePanel("documents", heading=_("Documents"), label=_("Document"),
                    help_text=_("Upload each document as PDF, then choose its category.")),
    ]

    class Meta:
        verbose_name = _("documents page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.documents_by_category()
        return context

    def documents_by_category(self) -> list[tuple[str, str, list]]:
        """(category label, what it means, documents) for each category with documents."""
        documents = list(self.documents.select_related("document"))
        groups = []
        for value, label in PublicDocument.Category.choices:
            items = [item for item in documents if item.category == value]
            if items:
                groups.append((label, PublicDocument.CATEGORY_HELP[value], items))
        return groups


class PublicDocument(Orderable):
    class Category(models.TextChoices):
        BERKALA = "berkala", _("Published periodically")
        SERTA_MERTA = "serta_merta", _("Published immediately")
        SETIAP_SAAT = "setiap_saat", _("Available at any time")

    CATEGORY_HELP = {
        Category.BERKALA: _("Information the office publishes regularly, at least every six "
                            "months: reports, budgets, programs."),
        Category.SERTA_MERTA: _("Information published at once because it concerns the safety "
                                "of residents: disasters, outbreaks, emergencies."),
        Category.SETIAP_SAAT: _("Information available at any time: regulations, decisions, "
                                "procedures, lists of public information."),
    }

    page = ParentalKey(DokumenIndexPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"),
                                 on_delete=models.CASCADE, related_name="+",
        help_text=_("The file residents download (PDF preferred)."),
    )
    title = models.CharField(_("title"), max_length=200,
                             help_text=_("What residents see, e.g. 'Laporan Kegiatan 2025'."))
    category = models.CharField(
        _("category (UU 14/2008)"), max_length=12, choices=Category.choices,
        help_text=_("Berkala: published regularly. Serta merta: urgent, for public safety. "
                    "Setiap saat: available any time on request."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("The year the document is about or was issued."),
    )
    description = models.CharField(_("description"), max_length=250, blank=True,
        help_text=_("One sentence about what the document contains (optional)."),
    )

    panels = [FieldPanel("document"), FieldPanel("title"),
              FieldRowPanel([FieldPanel("category"), FieldPanel("year")]),
              FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("public document")
