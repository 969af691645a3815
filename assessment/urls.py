from django.urls import path

from assessment import dossier, views

app_name = "assessment"

urlpatterns = [
    path("wachtrij/", views.queue, name="queue"),
    path("wachtrij/<int:portfolio_id>/toewijzen/", views.assign, name="assign"),
    path("wachtrij/<int:portfolio_id>/toetsgesprek/", views.plan_interview, name="plan"),
    path("wachtrij/<int:portfolio_id>/besluit/", views.decide, name="decide"),
    path("wachtrij/<int:portfolio_id>/aanvullingen/", views.request_additions, name="additions"),
    path("wachtrij/<int:portfolio_id>/hervatten/", views.resume, name="resume"),
    path("wachtrij/<int:portfolio_id>/derde-assessor/", views.add_third, name="add_third"),
    path("wachtrij/<int:portfolio_id>/audittrail/", views.audit_trail, name="audit_trail"),
    path("wachtrij/<int:portfolio_id>/dossier/", dossier.dossier, name="dossier"),
    path(
        "wachtrij/<int:portfolio_id>/documenten/<int:document_id>/",
        dossier.document,
        name="office_document",
    ),
    path("mijn/", views.my_reviews, name="my_reviews"),
    path("uitslag/", views.my_result, name="my_result"),
    path("rapport/<int:review_id>/", views.report, name="report"),
    path("toewijzing/<int:assignment_id>/toetsgesprek/", views.interview, name="interview"),
    path("toewijzing/<int:assignment_id>/verklaring/", views.declare, name="declare"),
    path("toewijzing/<int:assignment_id>/", views.score, name="score"),
    path("toewijzing/<int:assignment_id>/score/", views.save_score, name="save_score"),
    path("toewijzing/<int:assignment_id>/indienen/", views.submit_assessment, name="submit"),
    path("toewijzing/<int:assignment_id>/vergelijking/", views.compare, name="compare"),
    path(
        "toewijzing/<int:assignment_id>/documenten/<int:document_id>/",
        views.document,
        name="document",
    ),
]
