from django.urls import path

from dataprotection import views

app_name = "dataprotection"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("downloaden/", views.download_my_data, name="download"),
    path("bureau/", views.office_overview, name="office"),
    path("bureau/<int:candidate_id>/downloaden/", views.office_download, name="office_download"),
    path("bureau/<int:candidate_id>/anonimiseren/", views.erase, name="erase"),
]
