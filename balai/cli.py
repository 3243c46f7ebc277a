"""The ``balai`` command: the project's manage.py, installed as a console script.

Our own commands are named ``verb-noun`` (``balai load-wilayah``); Django needs
module names, so a hyphenated name is looked up with underscores.
"""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings.dev")

    argv = list(sys.argv)
    argv[0] = "balai"
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
