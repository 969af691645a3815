"""Objection pages: the candidate lodges and follows, the office lists and assigns, the
committee member declares, reads the file (read-only) and decides. Thin views: an
access-checked selector (404 for "not yours"), one service, a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.enums import ReviewState
from assessment.models import Review
from audit.enums import AuditAction
from audit.services import record
from objections import periods, selectors, services
from objections import rules as objection_rules
from objections.forms import AssignMemberForm, DeclareForm, LodgeForm, OutcomeForm
from portal.feedback import report_form_errors
from portal.rules import is_office
from portal.storage import serve_private_file


def _context(request, objection, **extra) -> dict:
    return {
        "objection": objection,
        "may": objection_rules.permissions(request.user, objection),
        **selectors.with_deadlines(objection),
        **extra,
    }


# --- candidate ---------------------------------------------------------------------------------


@require_GET
@login_required
def mine(request):
    """The candidate's decisions and the objection against each (or the period left)."""
    if not request.user.is_candidate:
        raise Http404
    reviews = list(
        Review.objects.filter(portfolio__candidate=request.user, state=ReviewState.DECIDED)
        .select_related("portfolio__framework_version__objection_terms", "objection")
        .order_by("-decided_at")
    )
    rows = [
        {
            "review": review,
            "objection": getattr(review, "objection", None),
            "deadline": periods.lodge_deadline(review),
            "may_lodge": objection_rules.may_lodge(request.user, review),
        }
        for review in reviews
    ]
    return render(request, "objections/mine.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def lodge(request, review_id):
    review = selectors.review_for_lodging(request.user, review_id)
    terms = periods.terms_for(review.portfolio.framework_version)
    form = LodgeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection = services.lodge_objection(
                review=review,
                reasons=form.cleaned_data["reasons"],
                files=form.cleaned_data["files"],
                actor=request.user,
            )
        except services.ObjectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Je bezwaar is ingediend."))
            return redirect("objections:follow", objection.pk)
    report_form_errors(request, form)
    return render(
        request,
        "objections/lodge.html",
        {
            "review": review,
            "form": form,
            "terms": terms,
            "deadline": periods.lodge_deadline(review, terms),
            "may_lodge": objection_rules.may_lodge(request.user, review),
        },
    )


@require_GET
@login_required
def follow(request, pk):
    objection = selectors.objection_for_candidate(request.user, pk)
    prefetch_related_objects([objection], "attachments")
    return render(request, "objections/follow.html", _context(request, objection))


@require_GET
@login_required
def attachment(request, pk, attachment_id):
    objection = selectors.objection_for_attachment(request.user, pk)
    item = objection.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    record(
        actor=request.user,
        action=AuditAction.DOCUMENT_DOWNLOADED,
        portfolio_id=objection.review.portfolio_id,
        subject_user_id=objection.review.portfolio.candidate_id,
        target=item,
    )
    return serve_private_file(item.file, filename=item.name, content_type=item.content_type)


# --- office ------------------------------------------------------------------------------------


@require_GET
@login_required
def office_list(request):
    if not is_office(request.user):
        raise Http404
    return render(request, "objections/office_list.html", {"objections": selectors.office_list()})


@require_http_methods(["GET", "POST"])
@login_required
def office_detail(request, pk):
    """The office sees the objection and assigns it to a committee member."""
    objection = selectors.objection_for_office(request.user, pk)
    form = AssignMemberForm(request.POST or None, objection=objection)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.assign_member(
                    objection=objection, member=form.cleaned_data["member"], actor=request.user
                )
            except services.ObjectionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Het bezwaar is toegewezen."))
            return redirect("objections:office_detail", objection.pk)
        report_form_errors(request, form)
    prefetch_related_objects([objection], "attachments")
    return render(request, "objections/office_detail.html", _context(request, objection, form=form))


# --- committee member --------------------------------------------------------------------------


@require_GET
@login_required
def member_list(request):
    if not objection_rules.is_objection_member(request.user):
        raise Http404
    return render(
        request, "objections/member_list.html", {"objections": selectors.member_list(request.user)}
    )


@require_http_methods(["GET", "POST"])
@login_required
def declare(request, pk):
    """The conflict-of-interest declaration, before the file opens."""
    objection = selectors.objection_for_member(request.user, pk)
    if objection_rules.is_cleared_member(request.user, objection):
        return redirect("objections:case_file", objection.pk)
    form = DeclareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conflict = data["conflict"] if data["has_conflict"] == "yes" else ""
        try:
            services.declare(objection=objection, conflict=conflict, actor=request.user)
        except services.ObjectionError as exc:
            messages.error(request, str(exc))
            return redirect("objections:member_list")
        if conflict:
            messages.info(request, _("Het bureau wijst een ander commissielid toe. Dank je wel."))
            return redirect("objections:member_list")
        return redirect("objections:case_file", objection.pk)
    report_form_errors(request, form)
    return render(request, "objections/declare.html", _context(request, objection, form=form))


@require_GET
@login_required
def case_file(request, pk):
    """The file, read-only: the objection, the sealed portfolio, the reports and both
    assessments; with the outcome form while the objection is open."""
    objection = selectors.objection_for_member(request.user, pk)
    if not objection_rules.MAY["read_file"](request.user, objection):
        return redirect("objections:declare", objection.pk)
    prefetch_related_objects([objection], "attachments")
    return render(
        request,
        "objections/case_file.html",
        _context(request, objection, form=OutcomeForm(), **selectors.case_file(objection)),
    )


@require_POST
@login_required
def decide(request, pk):
    objection = selectors.objection_for_member(request.user, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("objections:case_file", objection.pk)
    try:
        services.decide_objection(
            objection=objection,
            upheld=form.cleaned_data["outcome"] == "upheld",
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except services.ObjectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De uitspraak is vastgelegd."))
    return redirect("objections:case_file", objection.pk)


@require_GET
@login_required
def report(request, pk, report_id):
    """A decision report of the review, for the cleared member reading the file."""
    objection = selectors.objection_for_member(request.user, pk)
    if not objection_rules.MAY["read_file"](request.user, objection):
        raise Http404
    item = objection.review.reports.filter(pk=report_id).first()
    if item is None:
        raise Http404
    record(
        actor=request.user,
        action=AuditAction.REPORT_DOWNLOADED,
        portfolio_id=objection.review.portfolio_id,
        subject_user_id=objection.review.portfolio.candidate_id,
        target=item,
    )
    return serve_private_file(
        item.file,
        filename=f"rapport-{objection.review_id}-{item.pk}.pdf",
        content_type="application/pdf",
    )
