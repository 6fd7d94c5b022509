"""The `jianfu` console script: every management command, with jianfu's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jianfu", *sys.argv[1:]])


if __name__ == "__main__":
    main()
