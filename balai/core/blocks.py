from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .validators import validate_no_control_characters


class PersonBlock(blocks.StructBlock):
    """A named official or volunteer: no personal data beyond what the office publishes."""

    name = blocks.CharBlock(label=_("Name"), max_length=120,
                            help_text=_("Full name with titles, as the person wants it shown."))
    position = blocks.CharBlock(label=_("Position"), max_length=120,
                                help_text=_("e.g. 'Sekretaris Kelurahan' or 'Staf Pelayanan'."))
    nip = blocks.CharBlock(
        label=_("NIP (optional)"), required=False, max_length=21,
        help_text=_("Civil servant number, only if the office publishes it. Leave empty for "
                    "non-civil-servant staff."),
    )
    photo = ImageChooserBlock(label=_("Photo (optional)"), required=False,
                              help_text=_("A portrait photo, face clearly visible."))

    class Meta:
        icon = "user"
        label = _("Person")


class UnitBlock(blocks.StructBlock):
    """A part of the office (secretariat, a section) with its head and staff."""

    name = blocks.CharBlock(label=_("Unit name"), max_length=120,
                            help_text=_("e.g. 'Sekretariat' or 'Seksi Pemerintahan'."))
    head = PersonBlock(label=_("Head of the unit"))
    members = blocks.ListBlock(PersonBlock(), label=_("Staff"), default=[],
                               help_text=_("The staff who report to the head of this unit."))

    class Meta:
        icon = "group"
        label = _("Unit")


# The streets, lingkungan, kampung or landmarks of an RT or RW, so that a resident who does
# not know their RT number finds it by the street they live on (the portal's finder reads it).
AREA_MAX_LENGTH = 200
AREA_HELP = _("Street, lingkungan, kampung or landmark names residents know, separated by "
              "commas, e.g. 'Jl. Sunan Bonang, Link. Kubang Lesung'.")


class RtBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("RT number"), min_value=1, max_value=999)
    head = blocks.CharBlock(label=_("Head of the RT"), max_length=120)
    phone = blocks.CharBlock(
        label=_("Phone / WhatsApp (optional)"), required=False, max_length=20,
        help_text=_("Only if the RT head agrees to have it published."),
    )
    area = blocks.CharBlock(
        label=_("Area / street names (optional)"), required=False, max_length=AREA_MAX_LENGTH,
        help_text=AREA_HELP, validators=[validate_no_control_characters],
    )

    class Meta:
        icon = "home"
        label = _("RT")


class RwBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("RW number"), min_value=1, max_value=999)
    head = blocks.CharBlock(label=_("Head of the RW"), max_length=120)
    phone = blocks.CharBlock(
        label=_("Phone / WhatsApp (optional)"), required=False, max_length=20,
        help_text=_("Only if the RW head agrees to have it published."),
    )
    area = blocks.CharBlock(
        label=_("Area / street names (optional)"), required=False, max_length=AREA_MAX_LENGTH,
        help_text=AREA_HELP, validators=[validate_no_control_characters],
    )
    rts = blocks.ListBlock(RtBlock(), label=_("RTs in this RW"), default=[])

    class Meta:
        icon = "site"
        label = _("RW")
