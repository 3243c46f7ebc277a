"""Browser tests: a real Balai server in a subprocess, driven through Debian's chromium."""
