from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "jianfu.feedback"
    label = "feedback"
    verbose_name = "数据质量回传"
