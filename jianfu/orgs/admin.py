from django.contrib import admin

from jianfu.orgs.models import Community, Department, District, Grid, Street


class StreetInline(admin.TabularInline):
    model = Street
    extra = 0


class CommunityInline(admin.TabularInline):
    model = Community
    extra = 0


class GridInline(admin.TabularInline):
    model = Grid
    extra = 0


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [StreetInline]


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "district")
    search_fields = ("code", "name")
    list_select_related = ("district",)
    inlines = [CommunityInline]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "street")
    list_filter = ("street",)
    search_fields = ("code", "name")
    list_select_related = ("street",)
    inlines = [GridInline]


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ("community", "code", "name")
    list_filter = ("community__street",)
    search_fields = ("code", "name", "community__name")
    list_select_related = ("community",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "district", "street")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("district", "street")
