from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "jianfu.meetings"
    label = "meetings"
