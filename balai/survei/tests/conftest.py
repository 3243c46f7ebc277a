import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_send_limits():
    """The send limits count in the cache: every test starts from none."""
    cache.clear()
    yield
    cache.clear()
