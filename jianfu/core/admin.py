from django.contrib import admin

from jianfu.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only."""

    list_display = (
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "community",
        "summary",
        "purpose",
    )
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "summary", "object_id", "purpose")
    list_select_related = ("community",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
