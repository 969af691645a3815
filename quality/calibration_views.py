"""The assessor's calibration round: score a calibration case on the version's scale,
then see the result per criterion against the reference (only once complete)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.forms import IdChoiceField
from portal.rules import is_assessor
from profiles.models import ScoreOption
from quality import services
from quality.calibration import completed_on
from quality.models import CalibrationCase, CalibrationScore

MOTIVATION_MAX = 4000


def _require_assessor(request):
    if not is_assessor(request.user):
        raise Http404


def _case(pk: int) -> CalibrationCase:
    return get_object_or_404(
        CalibrationCase.objects.filter(active=True).select_related("portfolio__framework_version"),
        pk=pk,
    )


class RoundForm(forms.Form):
    """Per referenced criterion a score on the version's scale and a motivation."""

    def __init__(self, *args, references, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.references = references
        queryset = ScoreOption.objects.filter(pk__in=[o.pk for o in options])
        for reference in references:
            code = reference.criterion.code
            self.fields[f"score-{reference.criterion_id}"] = IdChoiceField(
                queryset=queryset,
                label=f"{code} {reference.criterion.title}",
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": _("Kies een score.")},
            )
            self.fields[f"motivation-{reference.criterion_id}"] = forms.CharField(
                label=_("Motivering bij %(code)s") % {"code": code},
                required=False,
                max_length=MOTIVATION_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        if not self.references:  # nothing to compare with: no round to store
            raise forms.ValidationError(_("Deze casus heeft nog geen referentiescores."))
        return data

    def scores(self) -> dict:
        return {
            r.criterion_id: (
                self.cleaned_data[f"score-{r.criterion_id}"],
                self.cleaned_data[f"motivation-{r.criterion_id}"],
            )
            for r in self.references
        }


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


@require_http_methods(["GET", "POST"])
@login_required
def calibration_case(request, pk):
    """Score the case; once every referenced criterion is scored, the result."""
    _require_assessor(request)
    case = _case(pk)
    references = list(
        case.references.select_related("criterion__section", "option").order_by(
            "criterion__section__order", "criterion__number", "pk"
        )
    )  # in the framework's order (the database has none of its own)
    options = list(case.portfolio.framework_version.score_options.all())
    mine = {
        s.criterion_id: s
        for s in CalibrationScore.objects.filter(case=case, assessor=request.user).select_related(
            "option"
        )
    }
    bound = request.POST if request.method == "POST" else None
    form = RoundForm(bound, references=references, options=options)
    if request.method == "POST" and form.is_valid():
        services.save_calibration(case=case, assessor=request.user, scores=form.scores())
        return redirect("quality:calibration_case", pk=case.pk)
    complete = bool(references) and all(r.criterion_id in mine for r in references)
    rows = [(r, mine.get(r.criterion_id)) for r in references] if complete else []
    return render(
        request,
        "quality/calibration_case.html",
        {"case": case, "form": form, "complete": complete, "rows": rows},
    )
