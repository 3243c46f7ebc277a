"""Who is the city office: the names of its groups and the permission only it holds.

Constants and one query, no models of Balai's own, so that every layer may import them
(docs/architecture.md): the guard, isolation, permissions and provisioning all ask the same
question the same way. Provisioning creates these groups (``balai/provisioning/roles.py``).
"""

# The city office. Its editors draft changes to the service catalogue; publishing needs the
# approval of the catalogue approvers (a Wagtail workflow on the definition model).
CITY_ADMIN_GROUP = "Admin Kota"
CATALOGUE_APPROVER_GROUP = "Penyetuju Katalog Layanan"
CITY_GROUPS = (CITY_ADMIN_GROUP, CATALOGUE_APPROVER_GROUP)

# Held by the city office (Admin Kota) and superusers, never by an office's group (which
# holds only admin access): the page fields only the city office edits are shown with it.
CITY_OFFICE_FIELD_PERMISSION = "wagtailcore.change_site"


def is_city_user(user) -> bool:
    """A superuser or a member of the city office's groups: not limited to one site."""
    return user.is_superuser or user.groups.filter(name__in=CITY_GROUPS).exists()
