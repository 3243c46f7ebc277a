from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import OK, health_report


@never_cache
@require_safe
def healthz(request):
    """Database, cache and disk for monitoring: 200 when all are ok, 503 (with the same
    Retry-After as Balai's other 503s during an outage) otherwise."""
    report = health_report()
    if all(status == OK for status in report.values()):
        return JsonResponse(report)
    response = JsonResponse(report, status=503)
    response["Retry-After"] = str(settings.BALAI_OUTAGE_RETRY_AFTER)
    return response
