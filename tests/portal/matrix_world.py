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
from types import SimpleNamespace

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
    """The world, made in a fixed order (the ids the matrix requests depend on it)."""
    people = _people()
    candidate, office = people["candidate"], people["office"]
    kim = _kim_decided(version, people)
    lotte = _lotte_waiting_for_the_interview(version, people)
    sanne = _sanne_drafting(version, people["other_candidate"])
    records = _records(version, people, kim.portfolio)
    # Kim objects to her decision (with an attachment); the office sets the periods.
    kim.objection = lodge_objection(
        review=kim.review,
        reasons="Ik ben het niet eens met het besluit.",
        files=[SimpleUploadedFile("bewijs.pdf", pdf_bytes(), content_type="application/pdf")],
        actor=candidate,
    )
    records.objection_terms = ObjectionTerms.objects.create(version=version)
    # Kim's portfolio as a PDF, made as a Celery task would (on commit, in a test: by hand).
    kim.prepared = request_file(owner=candidate, kind=PREVIEW_PDF, subject_id=kim.portfolio.pk)
    build_prepared(prepared_id=kim.prepared.pk)

    world = World(users={role: people[role] for role in ROLES if role != "anonymous"})
    world.ids = {
        **_review_ids(kim, lotte),
        **_draft_ids(sanne),
        **_framework_ids(version, kim, records),
        **_account_ids(people, records),
        # the register: Kim's registration, made by the grant
        "registration_number": Registration.objects.get(candidate=candidate).number,
    }
    # Sanne's draft as a calibration case: nothing else in the matrix reads it.
    records.calibration_case = CalibrationCase.objects.create(
        portfolio=sanne.draft, title="Kalibratie 1", consent_note="Demodata", created_by=office
    )
    world.ids["calibration_case"] = records.calibration_case.pk
    # The office's register pages: Kim's registration and a complaint about her.
    records.registration = Registration.objects.get(candidate=candidate)
    world.ids["registration_id"] = records.registration.pk
    world.ids["complaint"] = record_complaint(
        registration=records.registration,
        complainant="Werkgever De Boer",
        contact="",
        received_on=records.registration.starts_on,
        summary="Afspraken niet nagekomen.",
        actor=office,
    ).pk
    world.admin_objects = _admin_objects(version, people, kim, sanne, records)
    return world


def _people() -> dict:
    """The world's accounts by role, and Lotte (`interview_candidate`), who is no role."""
    return {
        "candidate": UserFactory(
            email="kandidaat@example.nl", first_name="Kim", last_name="de Vries"
        ),
        "other_candidate": UserFactory(
            email="andere.kandidaat@example.nl", first_name="Sanne", last_name="Jansen"
        ),
        "interview_candidate": UserFactory(
            email="derde.kandidaat@example.nl", first_name="Lotte", last_name="Mulder"
        ),
        "assessor": UserFactory(
            email="assessor@example.nl", first_name="Pieter", last_name="Bakker", role=Role.ASSESSOR
        ),
        "second_assessor": UserFactory(
            email="assessor2@example.nl",
            first_name="Fatima",
            last_name="El Amrani",
            role=Role.ASSESSOR,
        ),
        "unassigned_assessor": UserFactory(
            email="assessor3@example.nl",
            first_name="Joost",
            last_name="Vermeer",
            role=Role.ASSESSOR,
        ),
        "office": UserFactory(
            email="bureau@example.nl", first_name="Marieke", last_name="Visser", role=Role.OFFICE
        ),
    }


def _kim_decided(version, people) -> SimpleNamespace:
    """Kim: the full review, decided, with the report; one document's file lost."""
    assessor, office = people["assessor"], people["office"]
    portfolio = _submitted(people["candidate"], version)
    review, assignment, _second = _review_until_interview_planned(
        portfolio, assessor, people["second_assessor"], office
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
    return SimpleNamespace(
        portfolio=portfolio,
        review=review,
        assignment=assignment,
        c32=c32,
        met=met,
        report=report,
        lost=lost,
    )


def _lotte_waiting_for_the_interview(version, people) -> SimpleNamespace:
    """Lotte: a second review of the same assessors, waiting for its interview."""
    portfolio = _submitted(people["interview_candidate"], version)
    review, assignment, _ = _review_until_interview_planned(
        portfolio, people["assessor"], people["second_assessor"], people["office"]
    )
    return SimpleNamespace(
        portfolio=portfolio,
        review=review,
        assignment=assignment,
    )


def _sanne_drafting(version, other) -> SimpleNamespace:
    """Sanne: a draft with uploads, signatures and some answers."""
    draft = portfolio_services.start_portfolio(candidate=other, version=version)
    fill_portfolio(draft, share=0.2)
    document = draft.documents.filter(requirement__isnull=False).first()
    signature = draft.signatures.first()
    section_a = version.sections.get(code="A")
    return SimpleNamespace(
        draft=draft,
        document=document,
        signature=signature,
        section_a=section_a,
        basic=section_a.education_requirements.get(level=EducationLevel.BASIC, number=2),
        supplementary=section_a.education_requirements.get(
            level=EducationLevel.SUPPLEMENTARY, number=1
        ),
        unsigned_declaration=(
            profiles.Declaration.objects.filter(section__version=version)
            .exclude(pk__in=draft.signatures.values("declaration_id"))
            .first()
            or signature.declaration
        ),
        text_criterion=draft.answers.filter(criterion__isnull=False).first(),
    )


def _records(version, people, portfolio) -> SimpleNamespace:
    """What the admin and the office pages show besides the portfolios."""
    candidate, office = people["candidate"], people["office"]
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
    return SimpleNamespace(
        audit_entry=audit_entry,
        group=group,
        email=email,
        unverified=unverified,
        draft_version=draft_version,
        profile=profile,
        profile_item=profile_item,
        erased=erased,
        erasure=erasure,
    )


def _review_ids(kim, lotte) -> dict:
    """Kim's decided portfolio and review, and Lotte's review waiting for its interview."""
    return {
        "portfolio": kim.portfolio.pk,
        "document": kim.portfolio.documents.order_by("pk").first().pk,
        "prepared": kim.prepared.pk,
        "lost_document": kim.lost.pk,
        "signature": kim.portfolio.signatures.order_by("pk").first().pk,
        "review": kim.review.pk,
        "assignment": kim.assignment.pk,
        "interview_assignment": lotte.assignment.pk,
        "interview_portfolio": lotte.portfolio.pk,
        "interview_review": lotte.review.pk,
        "report": kim.report.pk,
        "objection": kim.objection.pk,
        "objection_attachment": kim.objection.attachments.get().pk,
    }


def _draft_ids(sanne) -> dict:
    """Sanne's draft."""
    return {
        "draft": sanne.draft.pk,
        "draft_document": sanne.document.pk,
        "draft_signature": sanne.signature.pk,
        "draft_route": sanne.document.requirement_id,
        "draft_revision": sanne.text_criterion.revision,
        "draft_criterion": sanne.text_criterion.criterion_id,
        "other_basic_route": sanne.basic.pk,
        "other_supplementary_route": sanne.supplementary.pk,
        "unsigned_declaration": sanne.unsigned_declaration.pk,
    }


def _framework_ids(version, kim, records) -> dict:
    """The framework and the profiles."""
    return {
        "section_code": "A",
        "framework_slug": version.framework.slug,
        "version_number": version.number,
        "draft_version_number": records.draft_version.number,
        "profile_slug": records.profile.slug,
        "criterion": kim.c32.criterion_id,
        "score_option": kim.met.pk,
    }


def _account_ids(people, records) -> dict:
    """People and accounts."""
    lotte = people["interview_candidate"]
    return {
        "candidate_id": people["candidate"].pk,
        "assessor_id": people["assessor"].pk,
        "unassigned_assessor_id": people["unassigned_assessor"].pk,
        "office_id": people["office"].pk,
        "erased_candidate_id": records.erased.pk,
        "confirm_key": EmailConfirmationHMAC(records.unverified).key,
        # Lotte never logs in during the test: a login would change last_login, which
        # invalidates the token.
        "reset_uidb36": user_pk_to_url_str(lotte),
        "reset_key": default_token_generator.make_token(lotte),
        "profile_content_type": ContentType.objects.get_for_model(profiles.Profile).pk,
        "profile_id": records.profile.pk,
    }


def _admin_objects(version, people, kim, sanne, records) -> dict:
    """ "app_label.model" → an instance for the admin's change and delete pages; the ones
    no other part of the world makes are made here."""
    registration, calibration_case = records.registration, records.calibration_case
    return {
        "auth.group": records.group,
        "account.emailaddress": records.email,
        "portal.user": people["candidate"],
        "audit.auditentry": records.audit_entry,
        "profiles.framework": version.framework,
        "profiles.frameworkversion": version,
        "profiles.section": sanne.section_a,
        "profiles.educationrequirement": sanne.basic,
        "profiles.declaration": sanne.unsigned_declaration,
        "profiles.question": profiles.Question.objects.filter(section__version=version).first(),
        "profiles.criterion": profiles.Criterion.objects.get(pk=kim.c32.criterion_id),
        "profiles.scoreoption": kim.met,
        "profiles.profile": records.profile,
        "profiles.profileitem": records.profile_item,
        "mfa.authenticator": Authenticator.objects.get(
            user=people["office"], type=Authenticator.Type.TOTP
        ),
        "dataprotection.erasure": records.erasure,
        "register.registration": registration,
        "register.recertification": Recertification.objects.create(
            registration=registration,
            portfolio=Portfolio.objects.filter(candidate=people["candidate"]).first(),
            period_valid_until=registration.valid_until,
            previous_version=registration.framework_version,
        ),
        # a version's own policy (the default one cannot be deleted)
        "register.registerpolicy": RegisterPolicy.objects.create(version=records.draft_version),
        "quality.qualitysettings": QualitySettings.objects.create(),
        "quality.calibrationcase": calibration_case,
        "quality.calibrationscore": CalibrationScore.objects.create(
            case=calibration_case,
            assessor=people["assessor"],
            criterion_id=kim.c32.criterion_id,
            option=kim.met,
        ),
        "objections.objectionterms": records.objection_terms,
    }
