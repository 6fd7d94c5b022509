from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "community", "street", "department", "is_active")
    list_filter = ("role", "is_active", "street")
    search_fields = ("username", "display_name")
    list_select_related = ("community", "street", "department")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("角色与单位"),
            {"fields": ("display_name", "role", "district", "street", "community", "grid", "department")},
        ),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (
            _("角色与单位"),
            {"fields": ("display_name", "role", "district", "street", "community", "grid", "department")},
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `jianfu api-token` (the plain text is shown once); here they can be revoked."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "name", "prefix", "token_hash", "created_at", "last_used_at")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request):
        return False
