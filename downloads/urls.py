from django.urls import path

from downloads import views

app_name = "downloads"
urlpatterns = [
    path("<int:pk>/", views.status, name="status"),
    path("<int:pk>/downloaden/", views.download, name="download"),
]
