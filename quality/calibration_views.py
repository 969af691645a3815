"""The assessor's calibration round: the case scored on the scoring page of a review
(same page, forms and scale; quality/calibration_page.py), autosaved per criterion, then
submitted; after that the result per criterion against the reference, with the
reference motivation. "Opnieuw scoren" opens the page again with the latest scores."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment.views.common import posted_id
from portal import limits
from portal.rules import is_assessor
from profiles.models import ScoreOption
from quality import calibration_page, services
from quality.calibration import completed_on
from quality.models import CalibrationCase, CalibrationRound, CalibrationScore

AGAIN = "opnieuw"  # the query parameter that opens the scoring page after a round


def _require_assessor(request):
    if not is_assessor(request.user):
        raise Http404


def _case(pk: int) -> CalibrationCase:
    return get_object_or_404(
        CalibrationCase.objects.filter(active=True).select_related(
            "portfolio__framework_version", "portfolio__candidate"
        ),
        pk=pk,
    )


def _scoring_url(case) -> str:
    return f"{reverse('quality:calibration_case', args=[case.pk])}?{AGAIN}=1"


@require_GET
@login_required
def calibration_list(request):
    """The active calibration cases, and when the assessor last completed a round."""
    _require_assessor(request)
    cases = CalibrationCase.objects.filter(active=True).order_by("title", "pk")
    return render(
        request,
        "quality/calibration_list.html",
        {"cases": cases, "completed": completed_on([request.user.pk]).get(request.user.pk)},
    )


@require_GET
@login_required
def calibration_case(request, pk):
    """The scoring page until the round is submitted (and with ?opnieuw=1, or once a
    score changed since); after that the result against the reference."""
    _require_assessor(request)
    case = _case(pk)
    scores = {
        s.criterion_id: s
        for s in CalibrationScore.objects.filter(case=case, assessor=request.user).select_related(
            "option"
        )
    }
    last = CalibrationRound.objects.filter(case=case, assessor=request.user).first()
    changed = any(s.scored_at > last.submitted_at for s in scores.values()) if last else True
    if changed or request.GET.get(AGAIN):
        context = calibration_page.scoring_page(case, request, scores)
        return render(request, "assessment/score.html", context)
    rows = [(r, scores.get(r.criterion_id)) for r in services.references_of(case)]
    return render(
        request,
        "quality/calibration_case.html",
        {"case": case, "rows": rows, "round": last, "again_url": _scoring_url(case)},
    )


@require_POST
@login_required
def calibration_save(request, pk):
    """Save one score (htmx autosave or a plain form post), as on a review."""
    _require_assessor(request)
    case = _case(pk)
    kind, _sep, raw_id = request.POST.get("target", "").partition("-")
    criterion_id = limits.parse_id(raw_id)
    if kind != "criterion" or criterion_id is None:
        return HttpResponse(_("Ongeldige invoer; herlaad de pagina."), status=400)
    option_id = posted_id(request, "option")
    option = ScoreOption.objects.filter(pk=option_id).first() if option_id else None
    try:
        services.save_calibration_score(
            case=case,
            assessor=request.user,
            criterion_id=criterion_id,
            option=option,
            motivation=request.POST.get("motivation", ""),
        )
    except services.CalibrationError as exc:
        if request.htmx:
            return HttpResponse(escape(str(exc)), status=409)
        messages.error(request, str(exc))
        return redirect(_scoring_url(case))
    if request.htmx:
        return render(request, "assessment/_saved.html")
    return redirect(_scoring_url(case))


@require_POST
@login_required
def calibration_submit(request, pk):
    _require_assessor(request)
    case = _case(pk)
    try:
        services.submit_calibration(case=case, assessor=request.user)
    except services.CalibrationError as exc:
        messages.error(request, str(exc))
        return redirect(_scoring_url(case))
    messages.success(request, _("Je kalibratieronde is ingediend."))
    return redirect("quality:calibration_case", pk=case.pk)
