from django.urls import path

from assessment.views import assessor, candidate, dossier, office, scoring

app_name = "assessment"

urlpatterns = [
    path("wachtrij/", office.queue, name="queue"),
    path("wachtrij/<int:portfolio_id>/toewijzen/", office.assign, name="assign"),
    path("wachtrij/<int:portfolio_id>/toetsgesprek/", office.plan_interview, name="plan"),
    path("wachtrij/<int:portfolio_id>/besluit/", office.decide, name="decide"),
    path("wachtrij/<int:portfolio_id>/aanvullingen/", office.request_additions, name="additions"),
    path("wachtrij/<int:portfolio_id>/hervatten/", office.resume, name="resume"),
    path("wachtrij/<int:portfolio_id>/derde-assessor/", office.add_third, name="add_third"),
    path("wachtrij/<int:portfolio_id>/audittrail/", office.audit_trail, name="audit_trail"),
    path("wachtrij/<int:portfolio_id>/dossier/", dossier.dossier, name="dossier"),
    path(
        "wachtrij/<int:portfolio_id>/documenten/<int:document_id>/",
        dossier.document,
        name="office_document",
    ),
    path("mijn/", assessor.my_reviews, name="my_reviews"),
    path("uitslag/", candidate.my_result, name="my_result"),
    path("rapport/<int:review_id>/", candidate.report, name="report"),
    path("toewijzing/<int:assignment_id>/toetsgesprek/", assessor.interview, name="interview"),
    path("toewijzing/<int:assignment_id>/verklaring/", assessor.declare, name="declare"),
    path("toewijzing/<int:assignment_id>/", scoring.score, name="score"),
    path("toewijzing/<int:assignment_id>/score/", scoring.save_score, name="save_score"),
    path("toewijzing/<int:assignment_id>/indienen/", scoring.submit_assessment, name="submit"),
    path("toewijzing/<int:assignment_id>/vergelijking/", scoring.compare, name="compare"),
    path(
        "toewijzing/<int:assignment_id>/documenten/<int:document_id>/",
        assessor.document,
        name="document",
    ),
]
