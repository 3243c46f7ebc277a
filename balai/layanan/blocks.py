"""The parts of a service standard (PermenPANRB 15/2014) that are lists: requirements,
steps, legal basis and blank forms."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class RequirementBlock(blocks.StructBlock):
    """One thing a resident brings to the office."""

    class Form:
        ORIGINAL = "asli"
        COPY = "fotokopi"
        BOTH = "asli_fotokopi"
        CHOICES = [
            (ORIGINAL, _("Original")),
            (COPY, _("Photocopy")),
            (BOTH, _("Original and photocopy")),
        ]

    document = blocks.CharBlock(
        label=_("Document"), max_length=160,
        help_text=_("What to bring, in everyday words, e.g. 'KTP elektronik pemohon'."),
    )
    form = blocks.ChoiceBlock(
        label=_("Original or copy"), choices=Form.CHOICES, default=Form.ORIGINAL,
        help_text=_("Whether the office needs the original, a photocopy or both."),
    )
    copies = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=20, default=1,
        help_text=_("Number of sheets or copies, usually 1."),
    )
    condition = blocks.CharBlock(
        label=_("Only when (optional)"), required=False, max_length=200,
        help_text=_("Fill in only if not everyone needs this, e.g. 'jika pemohon sudah "
                    "menikah'. Leave empty when every applicant must bring it."),
    )
    notes = blocks.CharBlock(
        label=_("Notes (optional)"), required=False, max_length=200,
        help_text=_("e.g. 'masih berlaku' or 'ditandatangani ketua RT dan RW'."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Requirement")


class StepBlock(blocks.StructBlock):
    """One step of the procedure."""

    description = blocks.CharBlock(
        label=_("What happens"), max_length=250,
        help_text=_("One short sentence, e.g. 'Serahkan berkas ke loket pelayanan'."),
    )
    actor = blocks.CharBlock(
        label=_("Who does it"), max_length=80,
        help_text=_("e.g. 'Pemohon', 'Petugas pelayanan', 'Lurah'."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class LawBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=250, label=_("Law or regulation"), help_text=_(
            "e.g. 'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'."), **kwargs)

    class Meta:
        icon = "doc-full-inverse"


class FormBlock(blocks.StructBlock):
    """A blank form residents can print and fill in at home."""

    title = blocks.CharBlock(label=_("Form name"), max_length=120)
    document = DocumentChooserBlock(label=_("File (PDF)"))

    class Meta:
        icon = "download"
        label = _("Blank form")
