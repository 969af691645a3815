"""The realistic world the permission matrix requests every URL in.

Built through the services (as `seed_demo` does), so every id is one a real user could
meet:

- `candidate` (Kim): a portfolio submitted, reviewed by `assessor` and `second_assessor`
  (declared, scored, agreed, interview planned and held) and decided, with the report
  made; uploaded documents, signed declarations, a snapshot.
- `other_candidate` (Sanne): a draft portfolio of her own with uploads, signatures and a
  few answers — the portfolio the mutation endpoints are attacked on, because every
  change to a draft would go through if an access check were missing.
- `interview_candidate` (not a role): a second review of the same two assessors, at
  "interview planned", so the interview page has an object on which it answers 200.
- `unassigned_assessor`: an assessor with no assignment on any of these reviews.
- `office`: staff with the office role.

`World.ids` maps the names used in the row table of `test_permission_matrix.py` to
concrete values (ids, codes, slugs).
"""

from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.enums import Decision
from assessment.services import decision as decision_service
from assessment.services import interview as interview_service
from assessment.services import reports as reports_service
from audit.models import AuditEntry
from complaints.services import record_complaint
from dataprotection.enums import ErasureReason
from dataprotection.models import Erasure
from downloads.services import build as build_prepared
from downloads.services import request_file
from objections.models import ObjectionTerms
from objections.services import lodge_objection
from portal.enums import Role
from portfolio import services as portfolio_services
from portfolio.models import Portfolio
from portfolio.prepared import PREVIEW_PDF
from profiles import models as profiles
from profiles.enums import EducationLevel
from profiles.services import copy_version_to_draft
from quality.models import CalibrationCase, CalibrationScore, QualitySettings
from register.models import Recertification, RegisterPolicy, Registration
from tests.factories.files import pdf_bytes
from tests.factories.portfolios import fill_portfolio, make_portfolio
from tests.factories.reviews import let_interview_day_come, make_review
from tests.factories.users import UserFactory

ROLES = (
    "anonymous",
    "candidate",
    "other_candidate",
    "assessor",
    "unassigned_assessor",
    "office",
)


@dataclass
class World:
    users: dict  # role name → User (no entry for "anonymous")
    ids: dict = field(default_factory=dict)
    admin_objects: dict = field(default_factory=dict)  # "app_label.model" → instance


def _review_until_interview_planned(portfolio, assessor, second_assessor, office):
    world = make_review(
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        state="interview_planned",
    )
    return world.review, world.first, world.second


def _submitted(candidate, version):
    return make_portfolio(candidate=candidate, version=version, state="submitted")


def build_world(version) -> World:
    candidate = UserFactory(email="kandidaat@example.nl", first_name="Kim", last_name="de Vries")
    other = UserFactory(email="andere.kandidaat@example.nl", first_name="Sanne", last_name="Jansen")
    interview_candidate = UserFactory(
        email="derde.kandidaat@example.nl", first_name="Lotte", last_name="Mulder"
    )
    assessor = UserFactory(
        email="assessor@example.nl", first_name="Pieter", last_name="Bakker", role=Role.ASSESSOR
    )
    second_assessor = UserFactory(
        email="assessor2@example.nl", first_name="Fatima", last_name="El Amrani", role=Role.ASSESSOR
    )
    unassigned = UserFactory(
        email="assessor3@example.nl", first_name="Joost", last_name="Vermeer", role=Role.ASSESSOR
    )
    office = UserFactory(
        email="bureau@example.nl", first_name="Marieke", last_name="Visser", role=Role.OFFICE
    )

    # Kim: the full review, decided, with the report.
    portfolio = _submitted(candidate, version)
    review, assignment, _second = _review_until_interview_planned(
        portfolio, assessor, second_assessor, office
    )
    review.refresh_from_db()
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    met = version.score_options.get(code="aangetoond")
    let_interview_day_come(review)
    interview_service.record_interview(
        review=review,
        notes="C3.2: overtuigend voorbeeld gegeven.",
        final_scores={c32.criterion_id: met},
        actor=assessor,
    )
    decision_service.decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    # decide() queues the report on commit; this test's transaction never commits.
    report = reports_service.make_report(review_id=review.pk, round=review.round)
    assert report is not None

    # One of Kim's documents whose stored file is gone (lost, or erased by hand).
    lost = portfolio.documents.order_by("-pk").first()
    lost.file.storage.delete(lost.file.name)

    # Lotte: a second review of the same assessors, waiting for its interview.
    interview_portfolio = _submitted(interview_candidate, version)
    interview_review, interview_assignment, _ = _review_until_interview_planned(
        interview_portfolio, assessor, second_assessor, office
    )

    # Sanne: a draft with uploads, signatures and some answers.
    draft = portfolio_services.start_portfolio(candidate=other, version=version)
    fill_portfolio(draft, share=0.2)
    draft_document = draft.documents.filter(requirement__isnull=False).first()
    draft_signature = draft.signatures.first()
    section_a = version.sections.get(code="A")
    other_basic = section_a.education_requirements.get(level=EducationLevel.BASIC, number=2)
    other_supplementary = section_a.education_requirements.get(
        level=EducationLevel.SUPPLEMENTARY, number=1
    )
    unsigned_declaration = (
        profiles.Declaration.objects.filter(section__version=version)
        .exclude(pk__in=draft.signatures.values("declaration_id"))
        .first()
        or draft_signature.declaration
    )
    text_criterion = draft.answers.filter(criterion__isnull=False).first()

    # An entry the workflow wrote about Kim's portfolio.
    audit_entry = AuditEntry.objects.filter(portfolio_id=portfolio.pk).order_by("pk").first()
    group = Group.objects.create(name="Bureau")
    email = EmailAddress.objects.get(user=candidate)
    unverified = EmailAddress.objects.create(
        user=candidate, email="kim.nieuw@example.nl", verified=False, primary=False
    )
    draft_version = copy_version_to_draft(version=version, actor=office)
    profile = profiles.Profile.objects.order_by("pk").first()
    profile_item = profiles.ProfileItem.objects.filter(profile=profile).order_by("pk").first()
    # A candidate already anonymised (the record only: the erasure has its own tests).
    erased = UserFactory(email="geanonimiseerd@example.nl", first_name="-", last_name="-")
    erasure = Erasure.objects.create(
        user_id=erased.pk, reason=ErasureReason.CANDIDATE_REQUEST, erased_by=office
    )

    # Kim objects to her decision (with an attachment); the office sets the periods.
    objection = lodge_objection(
        review=review,
        reasons="Ik ben het niet eens met het besluit.",
        files=[SimpleUploadedFile("bewijs.pdf", pdf_bytes(), content_type="application/pdf")],
        actor=candidate,
    )
    objection_terms = ObjectionTerms.objects.create(version=version)

    # Kim's portfolio as a PDF, made as a Celery task would (on commit, in a test: by hand).
    prepared = request_file(owner=candidate, kind=PREVIEW_PDF, subject_id=portfolio.pk)
    build_prepared(prepared_id=prepared.pk)

    world = World(
        users={
            "candidate": candidate,
            "other_candidate": other,
            "assessor": assessor,
            "unassigned_assessor": unassigned,
            "office": office,
        }
    )
    world.ids = {
        # Kim's decided portfolio and review
        "portfolio": portfolio.pk,
        "document": portfolio.documents.order_by("pk").first().pk,
        "prepared": prepared.pk,
        "lost_document": lost.pk,
        "signature": portfolio.signatures.order_by("pk").first().pk,
        "review": review.pk,
        "assignment": assignment.pk,
        "interview_assignment": interview_assignment.pk,
        "interview_portfolio": interview_portfolio.pk,
        "interview_review": interview_review.pk,
        "report": report.pk,
        "objection": objection.pk,
        "objection_attachment": objection.attachments.get().pk,
        # Sanne's draft
        "draft": draft.pk,
        "draft_document": draft_document.pk,
        "draft_signature": draft_signature.pk,
        "draft_route": draft_document.requirement_id,
        "draft_revision": text_criterion.revision,
        "draft_criterion": text_criterion.criterion_id,
        "other_basic_route": other_basic.pk,
        "other_supplementary_route": other_supplementary.pk,
        "unsigned_declaration": unsigned_declaration.pk,
        # framework and profiles
        "section_code": "A",
        "framework_slug": version.framework.slug,
        "version_number": version.number,
        "draft_version_number": draft_version.number,
        "profile_slug": profile.slug,
        "criterion": c32.criterion_id,
        "score_option": met.pk,
        # people and accounts
        "candidate_id": candidate.pk,
        "assessor_id": assessor.pk,
        "unassigned_assessor_id": unassigned.pk,
        "office_id": office.pk,
        "erased_candidate_id": erased.pk,
        "confirm_key": EmailConfirmationHMAC(unverified).key,
        # Lotte never logs in during the test: a login would change last_login, which
        # invalidates the token.
        "reset_uidb36": user_pk_to_url_str(interview_candidate),
        "reset_key": default_token_generator.make_token(interview_candidate),
        "profile_content_type": ContentType.objects.get_for_model(profiles.Profile).pk,
        "profile_id": profile.pk,
        # the register: Kim's registration, made by the grant
        "registration_number": Registration.objects.get(candidate=candidate).number,
    }
    # Sanne's draft as a calibration case: nothing else in the matrix reads it.
    calibration_case = CalibrationCase.objects.create(
        portfolio=draft, title="Kalibratie 1", consent_note="Demodata", created_by=office
    )
    world.ids["calibration_case"] = calibration_case.pk
    # The office's register pages: Kim's registration and a complaint about her.
    registration = Registration.objects.get(candidate=candidate)
    world.ids["registration_id"] = registration.pk
    world.ids["complaint"] = record_complaint(
        registration=registration,
        complainant="Werkgever De Boer",
        contact="",
        received_on=registration.starts_on,
        summary="Afspraken niet nagekomen.",
        actor=office,
    ).pk
    world.admin_objects = {
        "auth.group": group,
        "account.emailaddress": email,
        "portal.user": candidate,
        "audit.auditentry": audit_entry,
        "profiles.framework": version.framework,
        "profiles.frameworkversion": version,
        "profiles.section": section_a,
        "profiles.educationrequirement": other_basic,
        "profiles.declaration": unsigned_declaration,
        "profiles.question": profiles.Question.objects.filter(section__version=version).first(),
        "profiles.criterion": profiles.Criterion.objects.get(pk=c32.criterion_id),
        "profiles.scoreoption": met,
        "profiles.profile": profile,
        "profiles.profileitem": profile_item,
        "mfa.authenticator": Authenticator.objects.get(user=office, type=Authenticator.Type.TOTP),
        "dataprotection.erasure": erasure,
        "register.registration": registration,
        "register.recertification": Recertification.objects.create(
            registration=registration,
            portfolio=Portfolio.objects.filter(candidate=candidate).first(),
            period_valid_until=registration.valid_until,
            previous_version=registration.framework_version,
        ),
        # a version's own policy (the default one cannot be deleted)
        "register.registerpolicy": RegisterPolicy.objects.create(version=draft_version),
        "quality.qualitysettings": QualitySettings.objects.create(),
        "quality.calibrationcase": calibration_case,
        "quality.calibrationscore": CalibrationScore.objects.create(
            case=calibration_case, assessor=assessor, criterion_id=c32.criterion_id, option=met
        ),
        "objections.objectionterms": objection_terms,
    }
    return world
