from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import OK, health_report


@never_cache
@require_safe
def healthz(request):
    """Database, cache and disk for monitoring: 200 when all are ok, 503 otherwise."""
    report = health_report()
    healthy = all(status == OK for status in report.values())
    return JsonResponse(report, status=200 if healthy else 503)
