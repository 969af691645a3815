"""The candidate's portfolio pages. Thin: fetch with an access check, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from downloads.services import request_file
from downloads.views import answer_request
from portal import limits
from portal.feedback import report_form_errors
from portal.storage import serve_private_file
from portal.throttle import one_at_a_time
from portfolio import eligibility, feedback, privacy, selectors, services
from portfolio import rules as portfolio_rules
from portfolio.forms import AnswerForm, DocumentForm, RouteChoiceForm, SignatureForm
from portfolio.models import Document, Signature
from portfolio.prepared import PREVIEW_PDF
from profiles.enums import AnswerKind
from profiles.models import Criterion, Declaration, EducationRequirement, ProductQuestion, Question
from profiles.selectors import current_published_version


def _section_url(portfolio, code, anchor=""):
    url = reverse("portfolio:section", args=[portfolio.pk, code])
    return f"{url}#{anchor}" if anchor else url


def _require_candidate(request):
    if not request.user.is_candidate:
        raise Http404


@require_GET
@login_required
def home(request):
    """The candidate's entry point: the active portfolio, or a start button."""
    _require_candidate(request)
    portfolio = selectors.active_portfolio(request.user)
    if portfolio is not None:
        return redirect("portfolio:dashboard", portfolio.pk)
    return render(
        request, "portfolio/start.html", {"framework_version": current_published_version()}
    )


@require_POST
@login_required
def start(request):
    _require_candidate(request)
    version = current_published_version()
    if version is None:
        messages.error(request, _("Er is nog geen gepubliceerd toetsingskader."))
        return redirect("portfolio:home")
    try:
        portfolio = services.start_portfolio(candidate=request.user, version=version)
    except services.PortfolioError:
        # A double click: the first click already started it.
        portfolio = selectors.active_portfolio(request.user)
    first_section = portfolio.framework_version.sections.order_by("order").first()
    return redirect("portfolio:section", portfolio.pk, first_section.code)


@require_GET
@login_required
def dashboard(request, pk):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    content = selectors.portfolio_content(portfolio)
    progress = selectors.portfolio_progress(content)
    privacy_count = 0
    if portfolio.is_editable:
        privacy_count = sum(len(f.findings) for f in selectors.privacy_findings(content))
    return render(
        request,
        "portfolio/dashboard.html",
        {
            "portfolio": portfolio,
            "progress": progress,
            "snapshot": portfolio.snapshots.defer("content").order_by("-round").first(),
            "privacy_count": privacy_count,
            "awaiting_additions": portfolio_rules.is_awaiting_additions(request.user, portfolio),
        },
    )


@require_GET
@login_required
def section(request, pk, code):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    content = selectors.portfolio_content(portfolio)
    section = next((s for s in content.version.sections.all() if s.code == code), None)
    if section is None:
        raise Http404
    progress = selectors.portfolio_progress(content)
    section_progress = next(p for p in progress.sections if p.section.code == code)
    return render(
        request,
        "portfolio/section.html",
        _section_context(content, section, section_progress, progress),
    )


def _box(target_key, answer, *, label, field, word_guide=None, kind=AnswerKind.TEXT):
    text = answer.text if answer else ""
    return {
        "target": target_key,
        "label": label,
        "text": text,
        "date_value": answer.date_value if answer else None,
        "revision": answer.revision if answer else 0,
        "saved_at": answer.updated_at if answer else None,
        "word_guide": word_guide,
        "kind": kind,
        "field": field,
        # Shown under the box until the text is clean again (autosave refreshes it); filled
        # in for all boxes at once by _add_findings.
        "findings": [],
    }


def _add_findings(boxes) -> None:
    scanned = [box for box in boxes if box["kind"] != AnswerKind.DATE and box["text"]]
    found = privacy.scan_many([(box["text"], box["field"]) for box in scanned])
    for box, findings in zip(scanned, found, strict=True):
        box["findings"] = findings


def _section_context(content, section, section_progress, progress) -> dict:
    """View model of one section page: every box, upload and declaration with its state."""
    portfolio = content.portfolio
    editable = portfolio.section_is_editable(section.code)
    context = {
        "portfolio": portfolio,
        "awaiting_additions": portfolio_rules.is_awaiting_additions(None, portfolio),
        "section": section,
        "sections": progress.sections,
        "section_progress": section_progress,
        "editable": editable,
    }
    if section.education_requirements.all():
        chosen = [
            r
            for r in section.education_requirements.all()
            if r.pk in (portfolio.basic_route_id, portfolio.supplementary_route_id)
        ]
        measured_on = eligibility.measured_on(portfolio)
        context["route_form"] = RouteChoiceForm(
            section=section,
            initial={
                "basic_route": portfolio.basic_route_id,
                "supplementary_route": portfolio.supplementary_route_id,
                "diploma_date": portfolio.diploma_date,
                "diploma_provider": portfolio.diploma_provider,
            },
        )
        context["diploma_problem"] = eligibility.diploma_window_problem(
            portfolio.supplementary_route,
            diploma_date=portfolio.diploma_date,
            provider=portfolio.diploma_provider,
        )
        context["requirements"] = section.education_requirements.all()
        context["diploma_windows"] = [
            (r.pk, eligibility.diploma_window_text(r))
            for r in section.education_requirements.all()
            if r.has_diploma_window
        ]
        context["chosen_routes"] = [
            {
                "requirement": r,
                "documents": [
                    (d, selectors.document_age_note(r, d, measured_on))
                    for d in content.documents_by_requirement.get(r.pk, [])
                ],
                "age_blocks": eligibility.document_age_blocks(r),
                "form": DocumentForm(needs_hours=bool(r.min_study_hours), key=f"route-{r.pk}"),
            }
            for r in chosen
        ]
    context["declarations"] = [
        {
            "declaration": d,
            "signature": (signature := content.signatures_by_declaration.get(d.pk)),
            "stated": eligibility.stated_text(signature) if signature else "",
            "threshold": eligibility.threshold_text(d),
            "form": SignatureForm(declaration=d),
        }
        for d in section.declarations.all()
    ]
    questions = []
    for q in section.questions.all():
        entry = {"question": q}
        if q.answer_kind == AnswerKind.UPLOAD:
            entry["documents"] = [(d, None) for d in content.documents_by_question.get(q.pk, [])]
            entry["form"] = DocumentForm(key=f"question-{q.pk}")
        else:
            answer = content.answers_by_question.get(q.pk)
            entry["box"] = _box(
                f"question-{q.pk}",
                answer,
                label=q.text,
                field=q.code,
                word_guide=q.word_guide,
                kind=q.answer_kind,
            )
            if q.answer_kind == AnswerKind.DATE and answer:
                entry["problem"] = selectors.case_start_problem(
                    content.version,
                    answer.date_value,
                    measured_on=eligibility.measured_on(portfolio),
                )
        questions.append(entry)
    context["questions"] = questions
    criteria = []
    for c in section.criteria.all():
        entry = {"criterion": c}
        if c.answer_kind == AnswerKind.PRODUCT:
            entry["boxes"] = [
                _box(
                    f"product_question-{pq.pk}",
                    content.answers_by_product_question.get(pq.pk),
                    label=f"{pq.number}. {pq.text}",
                    field=selectors.field_code(pq),
                )
                for pq in c.product_questions.all()
            ]
        else:
            entry["boxes"] = [
                _box(
                    f"criterion-{c.pk}",
                    content.answers_by_criterion.get(c.pk),
                    label=_("Jouw uitwerking"),
                    field=c.code,
                    word_guide=c.word_guide,
                )
            ]
        criteria.append(entry)
    context["criteria"] = criteria
    _add_findings(
        [q["box"] for q in questions if "box" in q] + [b for c in criteria for b in c["boxes"]]
    )
    return context


@require_POST
@login_required
def choose_routes(request, pk):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    section = get_object_or_404(
        portfolio.framework_version.sections.filter(education_requirements__isnull=False).distinct()
    )
    form = RouteChoiceForm(request.POST, section=section)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(_section_url(portfolio, section.code, "routes"))
    try:
        requirements = services.choose_routes(
            portfolio=portfolio,
            basic_route=form.cleaned_data["basic_route"],
            supplementary_route=form.cleaned_data["supplementary_route"],
            diploma_date=form.cleaned_data["diploma_date"],
            diploma_provider=form.cleaned_data["diploma_provider"],
        )
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
    else:
        if requirements.exempt_sections:
            messages.success(
                request,
                _(
                    "Je routes zijn opgeslagen. Vrijgesteld: %(sections)s. Je toont aan: "
                    "%(required)s."
                )
                % {
                    "sections": ", ".join(requirements.exempt_sections),
                    "required": ", ".join(requirements.required_sections),
                },
            )
        else:
            messages.success(
                request, _("Je routes zijn opgeslagen. Je vult het volledige portfolio in.")
            )
    return redirect(_section_url(portfolio, section.code, "routes"))


def _answer_target(portfolio, target: str):
    kind, _sep, raw_id = target.partition("-")
    model = {"question": Question, "criterion": Criterion, "product_question": ProductQuestion}[
        kind
    ]
    obj = model.objects.filter(pk=limits.parse_id(raw_id)).first()
    if obj is None or obj.framework_version.pk != portfolio.framework_version_id:
        raise Http404
    return obj


def _refused_answer(request, form):
    """A 400 for an autosave the form refused: what the candidate can fix (a text too
    long, a date far off) is said in place of "saved"; a tampered payload gets a reload."""
    errors = [e for name in ("text", "date_value") for e in form.errors.get(name, [])]
    if not errors or "target" in form.errors:
        return HttpResponse(_("Ongeldige invoer; herlaad de pagina."), status=400)
    return render(
        request,
        "portfolio/_save_status.html",
        {"error": " ".join(errors), "target": form.cleaned_data["target"]},
        status=400,
    )


@require_POST
@login_required
def autosave(request, pk):
    """htmx endpoint: save one text box. 409 with a message when another tab saved first."""
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _refused_answer(request, form)
    target = _answer_target(portfolio, form.cleaned_data["target"])
    try:
        answer = services.save_answer(
            portfolio=portfolio,
            target=target,
            text=form.cleaned_data["text"],
            date_value=form.cleaned_data["date_value"],
            base_revision=form.cleaned_data["revision"],
        )
    except services.StaleAnswer as exc:
        return render(
            request,
            "portfolio/_save_status.html",
            {"error": str(exc), "target": form.cleaned_data["target"]},
            status=409,
        )
    except services.PortfolioError as exc:
        return render(
            request,
            "portfolio/_save_status.html",
            {"error": str(exc), "target": form.cleaned_data["target"]},
            status=403,
        )
    problem, findings = None, None
    if isinstance(target, Question) and target.answer_kind == AnswerKind.DATE:
        problem = selectors.case_start_problem(
            portfolio.framework_version,
            answer.date_value,
            measured_on=eligibility.measured_on(portfolio),
        )
    else:
        # A warning, never a block: the text is saved, the findings are shown under it
        # (and remembered for the next page that shows this text).
        findings = privacy.scan_many([(answer.text, selectors.field_code(target))])[0]
    return render(
        request,
        "portfolio/_save_status.html",
        {
            "answer": answer,
            "target": form.cleaned_data["target"],
            "problem": problem,
            "findings": findings,
            # The sidebar's count of this section follows the save (an htmx OOB swap).
            "section_progress": feedback.section_progress_of(portfolio, target),
        },
    )


@require_POST
@login_required
def upload(request, pk, kind, target_id):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    if kind == "route":
        target = get_object_or_404(
            EducationRequirement, pk=target_id, section__version=portfolio.framework_version_id
        )
        code, anchor = target.section.code, f"route-{target.pk}"
    elif kind == "question":
        target = get_object_or_404(
            Question, pk=target_id, section__version=portfolio.framework_version_id
        )
        code, anchor = target.section.code, f"question-{target.pk}"
    else:
        raise Http404
    needs_hours = bool(getattr(target, "min_study_hours", None))
    form = DocumentForm(request.POST, request.FILES, needs_hours=needs_hours)
    with one_at_a_time(f"upload:{request.user.pk}", seconds=30) as mine:
        if not mine:
            messages.error(
                request,
                _(
                    "Er wordt nog een ander bestand van je gecontroleerd. Wacht tot dat klaar "
                    "is en upload dit bestand dan opnieuw."
                ),
            )
        else:
            _store_upload(request, form, portfolio, target)
    return redirect(_section_url(portfolio, code, anchor))


def _store_upload(request, form, portfolio, target) -> None:
    if form.is_valid():
        try:
            document = services.upload_document(
                portfolio=portfolio,
                target=target,
                uploaded=form.cleaned_data["file"],
                document_date=form.cleaned_data["document_date"],
                study_hours=form.cleaned_data.get("study_hours"),
                actor=request.user,
            )
        except (ValidationError, services.PortfolioError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("%(name)s is geüpload.") % {"name": document.original_name})
    else:
        report_form_errors(request, form)


def _own_document(request, pk, document_id) -> Document:
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    return get_object_or_404(
        Document.objects.select_related("portfolio"), pk=document_id, portfolio=portfolio
    )


@require_GET
@login_required
def download(request, pk, document_id):
    """Serve a private upload to its owner, inline (opens in the browser).

    On S3 the browser is sent to a presigned URL that expires within minutes; local
    files are streamed by this view. Either way only after the access check above.
    """
    document = _own_document(request, pk, document_id)
    services.record_download(document=document, actor=request.user)
    return serve_private_file(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@require_POST
@login_required
def delete_document(request, pk, document_id):
    document = _own_document(request, pk, document_id)
    target = document.requirement or document.question
    anchor = f"route-{target.pk}" if document.requirement_id else f"question-{target.pk}"
    try:
        services.delete_document(document=document)
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s is verwijderd.") % {"name": document.original_name})
    return redirect(_section_url(document.portfolio, target.section.code, anchor))


@require_POST
@login_required
def sign(request, pk, declaration_id):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    declaration = get_object_or_404(
        Declaration.objects.select_related("section"),
        pk=declaration_id,
        section__version=portfolio.framework_version_id,
    )
    form = SignatureForm(request.POST, declaration=declaration)
    anchor = f"declaration-{declaration.pk}"
    if not form.is_valid():
        return _refused_signature(request, portfolio, declaration, form)
    try:
        services.sign_declaration(
            portfolio=portfolio,
            declaration=declaration,
            full_name=form.cleaned_data["full_name"],
            signed_on=form.cleaned_data["signed_on"],
            confirmed=form.cleaned_data["confirmed"],
            years=form.cleaned_data.get("years"),
            hours=form.cleaned_data.get("hours"),
            actor=request.user,
        )
    except services.SignatureRefused as exc:
        for name, problem in exc.problems.items():
            form.add_error(name if name in form.fields else None, problem)
        return _refused_signature(request, portfolio, declaration, form)
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Verklaring %(code)s is ondertekend.") % {"code": declaration.code}
        )
    return redirect(_section_url(portfolio, declaration.section.code, anchor))


def _refused_signature(request, portfolio, declaration, form):
    """The section again with the refused form as typed, each reason at its field."""
    content = selectors.portfolio_content(portfolio)
    section = next(s for s in content.version.sections.all() if s.pk == declaration.section_id)
    progress = selectors.portfolio_progress(content)
    section_progress = next(p for p in progress.sections if p.section.pk == section.pk)
    context = _section_context(content, section, section_progress, progress)
    for item in context["declarations"]:
        if item["declaration"].pk == declaration.pk:
            item["form"] = form
    return render(request, "portfolio/section.html", context, status=400)


@require_POST
@login_required
def withdraw(request, pk, signature_id):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    signature = get_object_or_404(
        Signature.objects.select_related("declaration__section"),
        pk=signature_id,
        portfolio=portfolio,
    )
    try:
        services.withdraw_signature(signature=signature)
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, _("De ondertekening is ingetrokken."))
    return redirect(
        _section_url(
            portfolio, signature.declaration.section.code, f"declaration-{signature.declaration_id}"
        )
    )


@require_http_methods(["GET", "POST"])
@login_required
def submit(request, pk):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    if request.method == "GET":
        content = selectors.portfolio_content(portfolio)
        progress = selectors.portfolio_progress(content)
        field_findings = selectors.privacy_findings(content)
        findings = [f for field in field_findings for f in field.findings]
        return render(
            request,
            "portfolio/submit.html",
            {
                "portfolio": portfolio,
                "progress": progress,
                "privacy_findings": field_findings,
                "privacy_count": len(findings),
                "privacy_digest": privacy.digest(findings) if findings else "",
            },
        )
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bevestig dat je het portfolio definitief wilt indienen."))
        return redirect("portfolio:submit", portfolio.pk)
    try:
        snapshot = services.submit_portfolio(
            portfolio=portfolio,
            actor=request.user,
            privacy_confirmed=request.POST.get("privacy_confirm") == "yes",
            privacy_digest=request.POST.get("privacy_digest") or None,
        )
    except services.AlreadySubmitted:
        messages.info(request, _("Je portfolio was al ingediend."))
    except services.IncompletePortfolio:
        messages.error(
            request, _("Je portfolio is nog niet compleet; hieronder staat wat er ontbreekt.")
        )
        return redirect("portfolio:submit", portfolio.pk)
    except services.PrivacyNotConfirmed as exc:
        messages.error(request, str(exc))
        return redirect(reverse("portfolio:submit", args=[portfolio.pk]) + "#privacy")
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
        return redirect("portfolio:submit", portfolio.pk)
    else:
        messages.success(
            request,
            _("Je portfolio is ingediend. Vingerafdruk (SHA-256): %(sha)s")
            % {"sha": snapshot.sha256},
        )
    return redirect("portfolio:dashboard", portfolio.pk)


@require_GET
@login_required
def preview(request, pk):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    content = selectors.portfolio_content(portfolio)
    return render(request, "portfolio/preview.html", selectors.preview_context(content))


@require_POST
@login_required
def preview_pdf(request, pk):
    """Ask for the portfolio's PDF: made by a Celery task (never in this request), once
    per content; the candidate waits on the download's page or gets it at once."""
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    prepared = request_file(owner=request.user, kind=PREVIEW_PDF, subject_id=portfolio.pk)
    return answer_request(request, prepared, subject_id=portfolio.pk)
