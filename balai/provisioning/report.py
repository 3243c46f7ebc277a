from dataclasses import dataclass, field

from .models import RegionSite


@dataclass
class ProvisionReport:
    created: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    # Regions already handled in this run (region pk -> record), so that a
    # parent provisioned on behalf of its children is reported once.
    done: dict[int, RegionSite] = field(default_factory=dict)

    def made(self, what: str) -> None:
        self.created.append(what)

    def kept(self, what: str) -> None:
        self.left_alone.append(what)
