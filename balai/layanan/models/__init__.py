"""The city's service catalogue and each office's page for a service.

The city office keeps one ``ServiceDefinition`` per service (a snippet with drafts,
revisions and an approval workflow). Every kelurahan (and kecamatan) site has a
``LayananPage`` per service that points at the definition and adds only what is local:
notes, the officer in charge, the hours, and whether the office gives the service at all.
Pages render the definition's live fields, so a published change shows on every site at
once.
"""

from .catalogue import ServiceCategory, ServiceDefinition
from .pages import LayananIndexPage, LayananPage, catalogue_matching

__all__ = ["LayananIndexPage", "LayananPage", "ServiceCategory", "ServiceDefinition",
           "catalogue_matching"]
