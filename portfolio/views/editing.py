"""The candidate's portfolio changes: routes, autosave, uploads, signatures. Thin: fetch
with an access check, call one service, turn a refusal into a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.feedback import report_form_errors
from portal.storage import serve_private_file
from portal.throttle import one_at_a_time
from portfolio import (
    eligibility,
    entries,
    feedback,
    fragments,
    pages,
    privacy,
    selectors,
    services,
)
from portfolio.forms import AnswerForm, DocumentForm, RouteChoiceForm, SignatureForm
from portfolio.models import Document, Signature
from portfolio.progress import case_start_problem
from profiles.enums import AnswerKind
from profiles.models import Declaration, EducationRequirement, Question


def _section_url(portfolio, code, anchor=""):
    url = reverse("portfolio:section", args=[portfolio.pk, code])
    return f"{url}#{anchor}" if anchor else url


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
    found = entries.target_for_slot(target, version_id=portfolio.framework_version_id)
    if found is None:
        raise Http404
    return found


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


def _progress_html(portfolio, target) -> str:
    """The sidebar's badge of the saved section and the index's states of what the save
    changed (htmx OOB swaps)."""
    section_progress = feedback.section_progress_of(portfolio, target)
    if section_progress is None:
        return ""
    return fragments.badge_html(section_progress, oob=True) + fragments.index_states_html(
        section_progress, feedback.index_slots_of(target)
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
    problem, findings = None, ""
    if entries.target_name(target) == "question" and target.answer_kind == AnswerKind.DATE:
        problem = case_start_problem(
            portfolio.framework_version,
            answer.date_value,
            measured_on=eligibility.measured_on(portfolio),
        )
    else:
        # A warning, never a block: the text is saved, the findings are shown under it
        # (and remembered for the next page that shows this text).
        found = privacy.scan_many([(answer.text, entries.code(target))])[0]
        findings = fragments.findings_html(form.cleaned_data["target"], found, oob=True)
    return render(
        request,
        "portfolio/_save_status.html",
        {
            "answer": answer,
            "target": form.cleaned_data["target"],
            "problem": problem,
            "findings_html": findings,
            # The sidebar's count of this section and the page's index follow the save.
            "progress_html": _progress_html(portfolio, target),
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
    context = pages.section_context(
        content, section, selectors.portfolio_progress(content), csrf_token=get_token(request)
    )
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
