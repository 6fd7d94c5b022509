"""Back-office settings for district administrators: the data dictionary and the sources.

Residents' data is not edited here (every value must be a fact with provenance): workers use
jianfu's own pages.
"""

from django.contrib import admin

from jianfu.registry.models import Attribute, Source


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "type", "sensitivity", "tag", "is_core", "sort")
    list_filter = ("type", "sensitivity", "is_core")
    search_fields = ("code", "name", "synonyms")
    list_select_related = ("tag",)
    autocomplete_fields = ("tag",)
    readonly_fields = ("created_at",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "department", "priority")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_select_related = ("department",)
    readonly_fields = ("priority", "created_at")
    fields = ("name", "kind", "department", "priority", "header_mapping", "created_at")

    def get_readonly_fields(self, request, obj=None):
        # Priority changes re-derive current values and are audited: they go through the sources page.
        return self.readonly_fields if obj else ("created_at",)
