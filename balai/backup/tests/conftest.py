import pytest

from balai.backup.media import media_names, media_read, media_write


@pytest.fixture
def media_kept():
    """The tests wipe the shared in-memory media storage; put every file back afterwards,
    whatever the outcome, so later tests still find the demo pictures."""
    saved = {name: media_read(name) for name in media_names()}
    yield saved
    present = set(media_names())
    for name, data in saved.items():
        if name not in present or media_read(name) != data:
            media_write(name, data)
