"""The groups that give people their role on a site, and the approval workflows.

Made by provisioning, once: a group or workflow that exists is left as the city office has
set it. Office groups hold no model-wide permission besides entering the admin; their page
and collection permissions are on their own site only.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from balai.core.groups import CATALOGUE_APPROVER_GROUP, CITY_ADMIN_GROUP
from balai.layanan.models import ServiceDefinition
from balai.wilayah.models import Region

from .models import RegionSite
from .report import ProvisionReport

OPERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page",
                             "unlock_page"]
# Contributors draft; an operator of the same kelurahan approves and publishes.
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
]
OPERATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"), ("wagtaildocs", "choose_document"),
]
# The city office's groups are named in balai/core/groups.py.
CATALOGUE_WORKFLOW = "Persetujuan katalog layanan"
WAGTAIL_STOCK_GROUPS = ["Moderators", "Editors"]
CITY_ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"),
    ("wagtailcore", "add_site"), ("wagtailcore", "change_site"),
    ("wagtailcore", "add_workflow"), ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"), ("wagtailcore", "change_task"),
    ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wilayah", "change_region"),
    ("layanan", "add_servicedefinition"), ("layanan", "change_servicedefinition"),
    ("layanan", "lock_servicedefinition"), ("layanan", "unlock_servicedefinition"),
    ("layanan", "add_servicecategory"), ("layanan", "change_servicecategory"),
    ("layanan", "delete_servicecategory"),
    ("security", "view_securityevent"),
    ("synonyms", "add_synonymgroup"), ("synonyms", "change_synonymgroup"),
    ("synonyms", "delete_synonymgroup"),
]
CATALOGUE_APPROVER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("layanan", "change_servicedefinition"), ("layanan", "publish_servicedefinition"),
    ("layanan", "lock_servicedefinition"), ("layanan", "unlock_servicedefinition"),
]


def _permissions(pairs: list[tuple[str, str]]) -> list[Permission]:
    return [Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in pairs]


def _grant(*, group: Group, page: Page, page_codenames: list[str], collection: Collection,
           collection_permissions: list[tuple[str, str]]) -> None:
    """Page permissions on ``page`` (and below it) and permissions in one collection."""
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                codename__in=page_codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    for permission in _permissions(collection_permissions):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection,
                                                        permission=permission)


def _approval_workflow(*, name: str, task_name: str, approvers: Group) -> Workflow:
    """A one-step workflow in which any member of ``approvers`` approves."""
    workflow = Workflow.objects.create(name=name)
    task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set([approvers])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def operator_group_provision(*, region: Region, record: RegionSite, home: Page,
                             collection: Collection, report: ProvisionReport) -> Group:
    if record.operator_group_id:
        report.kept(f"{region.kode} group '{record.operator_group.name}'")
        return record.operator_group
    group, _created = Group.objects.get_or_create(
        name=f"Operator {region.full_name} ({region.kode})")
    group.permissions.add(*_permissions([("wagtailadmin", "access_admin")]))
    _grant(group=group, page=home, page_codenames=OPERATOR_PAGE_PERMISSIONS,
           collection=collection, collection_permissions=OPERATOR_COLLECTION_PERMISSIONS)
    record.operator_group = group
    record.save(update_fields=["operator_group"])
    report.made(f"{region.kode} group '{group.name}'")
    return group


def contributors_provision(*, region: Region, record: RegionSite, home: Page,
                           collection: Collection, operators: Group,
                           report: ProvisionReport) -> None:
    """The kelurahan's contributor group and the workflow by which its operators approve what
    contributors submit."""
    if record.contributor_group_id:
        report.kept(f"{region.kode} group '{record.contributor_group.name}'")
    else:
        group, _created = Group.objects.get_or_create(
            name=f"Kontributor {region.full_name} ({region.kode})")
        group.permissions.add(*_permissions([("wagtailadmin", "access_admin")]))
        _grant(group=group, page=home, page_codenames=CONTRIBUTOR_PAGE_PERMISSIONS,
               collection=collection, collection_permissions=CONTRIBUTOR_COLLECTION_PERMISSIONS)
        record.contributor_group = group
        record.save(update_fields=["contributor_group"])
        report.made(f"{region.kode} group '{group.name}'")
    if record.approval_workflow_id:
        report.kept(f"{region.kode} workflow '{record.approval_workflow.name}'")
        return
    workflow = _approval_workflow(name=f"Persetujuan {region.full_name} ({region.kode})",
                                  task_name=f"Persetujuan operator {region.full_name}",
                                  approvers=operators)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    record.approval_workflow = workflow
    record.save(update_fields=["approval_workflow"])
    report.made(f"{region.kode} workflow '{workflow.name}'")


def _group_with(*, name: str, permissions, report: ProvisionReport) -> Group:
    """The named group, made with its permissions if missing; an existing one is kept as the
    city office has set it."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(*_permissions(permissions))
        report.made(f"group '{name}'")
    else:
        report.kept(f"group '{name}'")
    return group


def city_groups_provision(*, portal: Page, collection: Collection,
                          report: ProvisionReport) -> None:
    """The city office's groups and the approval workflow of the service catalogue. The
    city office may do everything on every page and in every collection."""
    # Wagtail's migrations make two groups with permissions on the whole page tree; roles
    # here replace them. Removed only while nobody is a member.
    for stock in Group.objects.filter(name__in=WAGTAIL_STOCK_GROUPS, user=None):
        stock.delete()
        report.made(f"removed Wagtail's unused stock group '{stock.name}'")
    if not Group.objects.filter(name=CITY_ADMIN_GROUP).exists():
        group = _group_with(name=CITY_ADMIN_GROUP, permissions=CITY_ADMIN_PERMISSIONS,
                            report=report)
        _grant(group=group, page=portal,
               page_codenames=[*OPERATOR_PAGE_PERMISSIONS, "bulk_delete_page"],
               collection=collection.get_parent() if not collection.is_root() else collection,
               collection_permissions=[*OPERATOR_COLLECTION_PERMISSIONS,
                                       ("wagtailcore", "add_collection"),
                                       ("wagtailcore", "change_collection")])
    else:
        report.kept(f"group '{CITY_ADMIN_GROUP}'")
    approvers = _group_with(name=CATALOGUE_APPROVER_GROUP,
                            permissions=CATALOGUE_APPROVER_PERMISSIONS, report=report)
    content_type = ContentType.objects.get_for_model(ServiceDefinition)
    if WorkflowContentType.objects.filter(content_type=content_type).exists():
        report.kept("workflow of the service catalogue")
        return
    workflow = _approval_workflow(name=CATALOGUE_WORKFLOW,
                                  task_name=f"Persetujuan {CATALOGUE_APPROVER_GROUP}",
                                  approvers=approvers)
    WorkflowContentType.objects.create(workflow=workflow, content_type=content_type)
    report.made(f"workflow '{CATALOGUE_WORKFLOW}' on the service catalogue")
