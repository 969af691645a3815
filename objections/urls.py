from django.urls import path

from objections import views

app_name = "objections"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("besluit/<int:review_id>/", views.lodge, name="lodge"),
    path("<int:pk>/", views.follow, name="follow"),
    path("<int:pk>/bijlage/<int:attachment_id>/", views.attachment, name="attachment"),
    path("bureau/", views.office_list, name="office_list"),
    path("bureau/<int:pk>/", views.office_detail, name="office_detail"),
    path("commissie/", views.member_list, name="member_list"),
    path("commissie/<int:pk>/verklaring/", views.declare, name="declare"),
    path("commissie/<int:pk>/dossier/", views.case_file, name="case_file"),
    path("commissie/<int:pk>/uitspraak/", views.decide, name="decide"),
    path("commissie/<int:pk>/rapport/<int:report_id>/", views.report, name="report"),
]
