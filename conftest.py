import os

os.environ.setdefault("JIANFU_DATA_DIR", os.path.join(os.path.dirname(__file__), "data", "test"))
os.environ.setdefault("JIANFU_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
