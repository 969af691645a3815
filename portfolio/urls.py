from django.urls import path

from portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.home, name="home"),
    path("starten/", views.start, name="start"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/routes/", views.choose_routes, name="choose_routes"),
    path("<int:pk>/onderdeel/<str:code>/", views.section, name="section"),
    path("<int:pk>/opslaan/", views.autosave, name="autosave"),
    path("<int:pk>/upload/<str:kind>/<int:target_id>/", views.upload, name="upload"),
    path("<int:pk>/documenten/<int:document_id>/", views.download, name="download"),
    path(
        "<int:pk>/documenten/<int:document_id>/verwijderen/",
        views.delete_document,
        name="delete_document",
    ),
    path("<int:pk>/verklaringen/<int:declaration_id>/", views.sign, name="sign"),
    path("<int:pk>/handtekeningen/<int:signature_id>/intrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/indienen/", views.submit, name="submit"),
    path("<int:pk>/voorbeeld/", views.preview, name="preview"),
    path("<int:pk>/voorbeeld.pdf", views.preview_pdf, name="preview_pdf"),
]
