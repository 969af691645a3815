from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import limits
from portal.enums import Role
from portal.forms import IdChoiceField
from portal.models import User
from quality import calibration


class AssignForm(forms.Form):
    first = IdChoiceField(
        queryset=User.objects.none(),
        label=_("Eerste assessor"),
        error_messages={"required": _("Kies de eerste assessor.")},
    )
    second = IdChoiceField(
        queryset=User.objects.none(),
        label=_("Tweede assessor"),
        error_messages={"required": _("Kies de tweede assessor.")},
    )

    def __init__(self, *args, candidate, assessor_count: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        assessors = User.objects.filter(role=Role.ASSESSOR, is_active=True).exclude(pk=candidate.pk)
        self.fields["first"].queryset = assessors
        self.fields["second"].queryset = assessors
        if assessor_count == 1:  # the framework asks one assessor (its version's data)
            del self.fields["second"]
            self.fields["first"].label = _("Assessor")
            self.fields["first"].error_messages["required"] = _("Kies de assessor.")

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError(_("Kies twee verschillende assessoren."))
        chosen = {name: data[name] for name in ("first", "second") if data.get(name)}
        reasons = calibration.reasons_not_eligible(list(chosen.values()))
        for name, assessor in chosen.items():
            if assessor.pk in reasons:
                self.add_error(name, reasons[assessor.pk])
        return data


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Heb je een belangenconflict met deze kandidaat?"),
        choices=[("no", _("Nee, ik heb geen belangenconflict")), ("yes", _("Ja"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of je een belangenconflict hebt.")},
    )
    conflict = forms.CharField(
        label=_("Beschrijf het belangenconflict"),
        required=False,
        max_length=limits.CONFLICT.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") == "yes" and not data.get("conflict", "").strip():
            self.add_error("conflict", _("Beschrijf het belangenconflict."))
        return data


class InterviewPlanForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={"required": _("Vul de datum en tijd in.")},
    )
    location = forms.CharField(
        label=_("Plaats"), required=False, max_length=limits.LOCATION.max_length
    )
    video_link = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        max_length=limits.VIDEO_LINK.max_length,
    )

    def clean_scheduled_at(self):
        moment = self.cleaned_data["scheduled_at"]
        problem = limits.date_problem(
            timezone.localdate(moment), today=timezone.localdate(), future=True
        )
        if problem:
            raise forms.ValidationError(problem)
        return moment


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("granted", _("Toegekend")), ("not_granted", _("Niet toegekend"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een besluit.")},
    )
    reason = forms.CharField(
        label=_("Motivering (verplicht als het besluit afwijkt van de regel)"),
        required=False,
        max_length=limits.DECISION_REASON.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdditionsForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Aan te vullen onderdelen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies de onderdelen die aangevuld moeten worden.")},
    )
    deadline = forms.DateField(
        label=_("Uiterlijk op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de termijn in.")},
    )
    reason = forms.CharField(
        label=_("Wat moet de kandidaat aanvullen?"),
        max_length=limits.ADDITIONS_REASON.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, version, **kwargs):
        kwargs.setdefault("initial", {})["deadline"] = timezone.localdate() + timedelta(
            days=version.additions_days
        )
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [
            (s.code, f"{s.code}. {s.title}") for s in version.sections.all()
        ]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        problem = limits.date_problem(deadline, today=timezone.localdate(), future=True)
        if problem:
            raise forms.ValidationError(problem)
        return deadline


class ThirdAssessorForm(forms.Form):
    assessor = IdChoiceField(
        queryset=User.objects.none(),
        label=_("Derde assessor"),
        error_messages={"required": _("Kies de derde assessor.")},
    )
    criteria = forms.MultipleChoiceField(
        label=_("Betwiste criteria"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies de betwiste criteria.")},
    )

    def __init__(self, *args, review, disputed, **kwargs):
        super().__init__(*args, **kwargs)
        taken = review.assignments.filter(withdrawn_at__isnull=True).values("assessor_id")
        self.fields["assessor"].queryset = (
            User.objects.filter(role=Role.ASSESSOR, is_active=True)
            .exclude(pk=review.portfolio.candidate_id)
            .exclude(pk__in=taken)
        )
        self.fields["criteria"].choices = [(c.pk, f"{c.code} {c.title}") for c in disputed]

    def clean_assessor(self):
        """The office's calibration rule, as for the first two (quality.calibration)."""
        assessor = self.cleaned_data["assessor"]
        reason = calibration.reasons_not_eligible([assessor]).get(assessor.pk)
        if reason:
            raise forms.ValidationError(reason)
        return assessor
