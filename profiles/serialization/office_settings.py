"""The office's settings that other apps keep per framework version (the objection
periods, the register policy, …) travel in the framework document too, so an export,
an import and a copy into a new draft keep them.

The profiles app knows none of them: an app that keeps such settings has a module
`<app>/framework_document.py` with `KEY` (its key in the document's "version"),
`MODEL` and `FIELDS` (the model's settings). The document holds, under `KEY`, the
version's own settings as a dict, or null when the version has none (the app's
defaults then apply).
"""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError

from profiles.serialization.document import InvalidDocument


def _kinds() -> list:
    found = []
    for app_config in apps.get_app_configs():
        try:
            found.append(import_module(f"{app_config.name}.framework_document"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.framework_document":
                raise
    return found


def export_settings(version) -> dict:
    """{KEY: the version's settings or None} for every app that keeps some."""
    exported = {}
    for kind in _kinds():
        row = kind.MODEL.objects.filter(version=version).first()
        exported[kind.KEY] = (
            {field: getattr(row, field) for field in kind.FIELDS} if row is not None else None
        )
    return exported


def import_settings(version, v_data: dict) -> None:
    """Store the settings the document holds for `version` (checked as the admin checks
    them); InvalidDocument names what is wrong."""
    for kind in _kinds():
        value = v_data.get(kind.KEY)
        if value is None:
            continue
        where = f"version.{kind.KEY}"
        if not isinstance(value, dict):
            raise InvalidDocument(f"{where}: moet een object of null zijn.")
        unknown = sorted(set(value) - set(kind.FIELDS))
        if unknown:
            raise InvalidDocument(f"{where}: onbekende sleutel(s) {', '.join(unknown)}.")
        row = kind.MODEL(version=version, **value)
        try:
            row.full_clean()
        except (ValidationError, TypeError, ValueError) as exc:
            raise InvalidDocument(f"{where}: {_message(exc)}") from exc
        row.save()


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()
        )
    return str(exc)
