from django.urls import path

from portfolio.views import editing, reading

app_name = "portfolio"

urlpatterns = [
    path("", reading.home, name="home"),
    path("starten/", reading.start, name="start"),
    path("<int:pk>/", reading.dashboard, name="dashboard"),
    path("<int:pk>/routes/", editing.choose_routes, name="choose_routes"),
    path("<int:pk>/onderdeel/<str:code>/", reading.section, name="section"),
    path("<int:pk>/opslaan/", editing.autosave, name="autosave"),
    path("<int:pk>/upload/<str:kind>/<int:target_id>/", editing.upload, name="upload"),
    path("<int:pk>/documenten/<int:document_id>/", editing.download, name="download"),
    path(
        "<int:pk>/documenten/<int:document_id>/verwijderen/",
        editing.delete_document,
        name="delete_document",
    ),
    path("<int:pk>/verklaringen/<int:declaration_id>/", editing.sign, name="sign"),
    path(
        "<int:pk>/handtekeningen/<int:signature_id>/intrekken/", editing.withdraw, name="withdraw"
    ),
    path("<int:pk>/indienen/", reading.submit, name="submit"),
    path("<int:pk>/voorbeeld/", reading.preview, name="preview"),
    path("<int:pk>/voorbeeld.pdf", reading.preview_pdf, name="preview_pdf"),
]
