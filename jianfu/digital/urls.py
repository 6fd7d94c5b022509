from django.urls import path

from jianfu.digital import views

app_name = "digital"

urlpatterns = [
    path("", views.register, name="register"),
    path("declare/", views.declare, name="declare"),
    path("check/", views.check, name="check"),
    path("report/", views.report, name="report"),
    path("report/export.xlsx", views.report_export, name="report_export"),
    path("unit-times/", views.unit_times, name="unit_times"),
    path("department/", views.department, name="department"),
    path("tools/new/", views.tool_new, name="tool_new"),
    path("tools/<int:pk>/", views.tool_detail, name="tool"),
    path("tools/<int:pk>/answer/", views.tool_answer, name="tool_answer"),
    path("tools/<int:pk>/plan/", views.tool_plan, name="tool_plan"),
    path("tools/<int:pk>/revise/", views.tool_revise, name="tool_revise"),
    path("plan/<int:pk>/progress/", views.plan_progress, name="plan_progress"),
]
