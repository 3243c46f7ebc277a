"""Public pages served from Django's cache, dropped exactly when what they show changes.

See ``versions`` for how a change makes a site's cached pages unreachable, ``selectors``
for which sites a change touches, ``receivers`` for the changes listened to and
``middleware`` for which requests and responses may use the cache.
"""
