from django.conf import settings

# The national public complaint service (SP4N-LAPOR!), linked from every footer.
LAPOR_URL = "https://www.lapor.go.id/"


def balai(request):
    return {"LAPOR_URL": LAPOR_URL, "BALAI_BASE_DOMAIN": settings.BALAI_BASE_DOMAIN}
