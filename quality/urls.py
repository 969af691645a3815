from django.urls import path

from quality import views

app_name = "quality"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("paren.csv", views.pairs_csv, name="pairs_csv"),
    path("rapport/", views.quarterly_report, name="report"),
]
