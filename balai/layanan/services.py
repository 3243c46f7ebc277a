"""Keeping every office's service pages in step with the city catalogue."""

import json
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from .blocks import RequestFormBlock, RequirementBlock
from .models import ServiceCategory, ServiceDefinition

SAMPLE_CATALOGUE = "katalog_contoh.json"


@dataclass
class LoadReport:
    created: int = 0
    left_alone: int = 0


def sample_catalogue() -> list[dict]:
    """The sample services shipped with Balai (see data/SOURCE.md)."""
    text = resources.files("balai.layanan").joinpath("data", SAMPLE_CATALOGUE).read_text("utf-8")
    return json.loads(text)["services"]


def _requirement(row: list) -> dict:
    document, form, copies, condition, notes, *online = row
    return {"document": document, "form": form, "copies": copies, "condition": condition,
            "notes": notes, "online": online[0] if online else RequirementBlock.Online.UPLOAD}


def _request_field(kind: str, options: dict) -> tuple[str, dict]:
    """One question of a sample request form, its unset options at the block's defaults."""
    block = RequestFormBlock.base_blocks[kind]
    defaults = {name: child.get_default() for name, child in block.child_blocks.items()}
    return kind, {**defaults, **options}


@transaction.atomic
def sample_catalogue_load() -> LoadReport:
    """Add the sample services that are missing (matched by code) and publish them, marked as
    sample text. A service the city office has already, edited or not, is left alone."""
    report = LoadReport()
    categories = {category.slug: category for category in ServiceCategory.objects.all()}
    existing = set(ServiceDefinition.objects.values_list("slug", flat=True))
    for item in sample_catalogue():
        if item["slug"] in existing:
            report.left_alone += 1
            continue
        definition = ServiceDefinition(
            name=item["name"], slug=item["slug"], category=categories[item["category"]],
            level=item.get("level", ServiceDefinition.Level.KELURAHAN),
            summary=item["summary"], keywords=", ".join(item["keywords"]),
            eligibility=item["eligibility"],
            requirements=[("requirement", _requirement(row)) for row in item["requirements"]],
            steps=[("step", {"description": step, "actor": actor})
                   for actor, step in item["steps"]],
            processing_time=item["processing_time"], fee=item.get("fee", 0),
            product=item["product"], popular=item.get("popular", False),
            legal_basis=[("law", law) for law in item["legal_basis"]],
            online=item.get("online", False),
            request_fields=[_request_field(kind, options)
                            for kind, options in item.get("request_fields", [])],
            is_sample=True, live=False,
        )
        definition.full_clean()
        definition.save()
        definition.save_revision().publish()
        report.created += 1
    return report
