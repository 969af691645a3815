from django.urls import path

from quality import calibration_views, views

app_name = "quality"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("koppels/", views.pairs, name="pairs"),
    path("paren.csv", views.pairs_csv, name="pairs_csv"),
    path("rapport/", views.quarterly_report, name="report"),
    path("kalibratie/", calibration_views.calibration_list, name="calibration_list"),
    path("kalibratie/<int:pk>/", calibration_views.calibration_case, name="calibration_case"),
    path("kalibratie/<int:pk>/score/", calibration_views.calibration_save, name="calibration_save"),
    path(
        "kalibratie/<int:pk>/indienen/",
        calibration_views.calibration_submit,
        name="calibration_submit",
    ),
]
