"""Turning form errors and domain errors into messages for the user (shared by the apps)."""

from django.contrib import messages


def report_form_errors(request, form) -> None:
    """Each form error as a message that names its field."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field is not None else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
