from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "jianfu.campaigns"
    label = "campaigns"
