from django.urls import path

from jianfu.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_new, name="new"),
    path("plan/", views.plan_upload, name="plan_upload"),
    path("merge/", views.merge, name="merge"),
    path("calendar/", views.calendar, name="calendar"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rules/", views.rules, name="rules"),
    path("rebounds/<int:pk>/acknowledge", views.rebound_acknowledge, name="rebound_acknowledge"),
    path("evidence/", views.community_evidence, name="community_evidence"),
    path("e/<str:token>", views.evidence_by_link, name="evidence_link"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("<int:pk>/decide", views.visit_decide, name="decide"),
    path("<int:pk>/review", views.visit_review, name="review"),
    path("<int:pk>/cancel", views.visit_cancel, name="cancel"),
    path("<int:pk>/announce", views.visit_announce, name="announce"),
    path("<int:pk>/complete", views.visit_complete, name="complete"),
    path("<int:pk>/finding", views.visit_finding, name="finding"),
    path("<int:pk>/rate", views.visit_rate, name="rate"),
    path("<int:pk>/grant", views.visit_grant, name="grant"),
    path("<int:pk>/materials/<int:material>/justify", views.material_justify, name="material_justify"),
    path("<int:pk>/materials/<int:material>/decide", views.material_decide, name="material_decide"),
    path("<int:pk>/evidence/<str:code>.zip", views.visit_evidence, name="evidence"),
    path("<int:pk>/evidence/<str:code>/link", views.visit_evidence_link, name="evidence_link_create"),
]
