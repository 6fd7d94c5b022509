from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "jianfu.scorecard"
    label = "scorecard"
