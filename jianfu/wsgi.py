import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
application = get_wsgi_application()

from jianfu.core.servegc import prepare_serving  # noqa: E402 - needs Django set up

prepare_serving()
