from django.urls import path

from jianfu.certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("ask/", views.ask, name="ask"),
    path("referral/", views.referral, name="referral"),
    path("referral.pdf", views.referral_pdf_view, name="referral_pdf"),
    path("demand/", views.demand_record, name="demand_record"),
    path("people/", views.person_search, name="person_search"),
    path("issue/<str:code>/", views.issue, name="issue"),
    path("c/<int:pk>/", views.detail, name="detail"),
    path("c/<int:pk>/pdf", views.pdf, name="pdf"),
    path("c/<int:pk>/revoke", views.revoke, name="revoke"),
    path("register/", views.register, name="register"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("templates/", views.templates, name="templates"),
    path("templates/<str:code>/", views.template_edit, name="template_edit"),
    path("seal/", views.seal_upload, name="seal"),
    path("report/", views.report, name="report"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("v/<str:token>", views.verify, name="verify"),
]
