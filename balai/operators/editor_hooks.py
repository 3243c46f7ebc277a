"""Admin hooks for the operator's editing path (publishing actions, the editor's
appearance on a phone, list controls); imported by this app's wagtail_hooks."""
