"""The office's register pages: the registrations (filtered), a registration with its
history and complaints, recording and handling a complaint, and the measures (suspend,
lift, strike off) as POST forms behind a confirmation. Anyone but the office: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from complaints import rules, selectors, services
from complaints.forms import (
    CloseForm,
    ComplaintForm,
    FilterForm,
    LiftForm,
    MeasureForm,
    SuspendForm,
)
from portal.feedback import report_form_errors


@require_GET
@login_required
def registrations(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.registrations(
        request.user,
        query=filters.get("q", "").strip(),
        status=filters.get("status", ""),
        open_complaints=filters.get("open_complaints", False),
    )
    page = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "complaints/registrations.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
@login_required
def registration(request, pk):
    found = selectors.registration_for_office(request.user, pk)
    complaints = selectors.complaints_of(found)
    return render(
        request,
        "complaints/registration.html",
        {
            "registration": found,
            "complaints": complaints,
            "measures": selectors.measures_of(found),
            "history": selectors.history(found, complaints),
            "may": rules.permissions(request.user, found),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def record(request, pk):
    found = selectors.registration_for_office(request.user, pk)
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.record_complaint(
                registration=found, actor=request.user, **form.cleaned_data
            )
        except services.ComplaintError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De klacht is vastgelegd."))
            return redirect("complaints:complaint", complaint.pk)
    report_form_errors(request, form)
    return render(request, "complaints/record.html", {"registration": found, "form": form})


@require_GET
@login_required
def complaint(request, pk):
    found = selectors.complaint_for_office(request.user, pk)
    return render(
        request,
        "complaints/complaint.html",
        {
            "complaint": found,
            "registration": found.registration,
            "may": rules.complaint_permissions(request.user, found),
            "close_form": CloseForm(),
        },
    )


@require_POST
@login_required
def start_handling(request, pk):
    found = selectors.complaint_for_office(request.user, pk)
    try:
        services.start_handling(complaint=found, actor=request.user)
    except services.ComplaintError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De klacht is in behandeling."))
    return redirect("complaints:complaint", found.pk)


@require_POST
@login_required
def close(request, pk):
    found = selectors.complaint_for_office(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("complaints:complaint", found.pk)
    try:
        services.close_complaint(complaint=found, actor=request.user, **form.cleaned_data)
    except services.ComplaintError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De klacht is afgehandeld."))
    return redirect("complaints:complaint", found.pk)


# --- measures ----------------------------------------------------------------------------------

MEASURES = {
    "suspend": (SuspendForm, services.suspend, gettext_lazy("Registratie schorsen")),
    "lift": (LiftForm, services.lift_suspension, gettext_lazy("Schorsing opheffen")),
    "strike_off": (MeasureForm, services.strike_off, gettext_lazy("Registratie doorhalen")),
}
DONE = {
    "suspend": gettext_lazy("De registratie is geschorst."),
    "lift": gettext_lazy("De schorsing is opgeheven."),
    "strike_off": gettext_lazy("De registratie is doorgehaald."),
}


def _measure(request, pk, name: str):
    """The confirmation page (GET) and the measure itself (POST); the form only while
    the measure is allowed."""
    found = selectors.registration_for_office(request.user, pk)
    form_class, service, title = MEASURES[name]
    kwargs = {} if form_class is LiftForm else {"registration": found}
    initial = {"complaint": request.GET.get("klacht")} if form_class is not LiftForm else {}
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
        try:
            service(registration=found, actor=request.user, **data)
        except services.ComplaintError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, str(DONE[name]))
            return redirect("complaints:registration", found.pk)
    report_form_errors(request, form)
    return render(
        request,
        "complaints/measure.html",
        {
            "registration": found,
            "form": form,
            "title": title,
            "allowed": rules.MEASURES[name].test(request.user, found),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def suspend(request, pk):
    return _measure(request, pk, "suspend")


@require_http_methods(["GET", "POST"])
@login_required
def lift(request, pk):
    return _measure(request, pk, "lift")


@require_http_methods(["GET", "POST"])
@login_required
def strike_off(request, pk):
    return _measure(request, pk, "strike_off")
