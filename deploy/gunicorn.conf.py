"""gunicorn settings for Balai, read by deploy/systemd/balai-gunicorn.service and by
`make stack` (which overrides the address, the pid file and the logs on its command line).

nginx sits in front: it serves static and media files, buffers slow phones and keeps the
short page cache, so plain synchronous workers are enough here.
"""

import os

wsgi_app = "balai.wsgi:application"
# Loopback only: nginx is the one door from outside.
bind = os.environ.get("BALAI_GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per CPU core is a good start for a machine that also runs PostgreSQL.
workers = int(os.environ.get("BALAI_GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
# A page that takes longer than this is stuck; the worker is replaced.
timeout = 30
# Replace each worker after about 2,000 requests, so memory cannot creep up for weeks.
max_requests = 2000
max_requests_jitter = 200
# Trust X-Forwarded-Proto/-For only from nginx on the same machine.
forwarded_allow_ips = "127.0.0.1"
# Logs go to the journal under systemd; `make stack` writes them to files instead.
accesslog = "-"
errorlog = "-"
