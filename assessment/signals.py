"""Keeps the office's kept queue dashboard fresh (assessment.office_queue.dashboard_generation):
any committed change to a review, an assignment or a portfolio's state starts a new
generation of it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from assessment.models import Assignment, Review
from assessment.office_queue import office_dashboard_changed
from portfolio.models import Portfolio

# Portfolio fields the dashboard reads (the autosave's other saves leave it alone).
PORTFOLIO_FIELDS = frozenset({"state", "additions_deadline", "submitted_at"})


def _changed(sender, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    if sender is Portfolio and update_fields is not None and not PORTFOLIO_FIELDS & update_fields:
        return
    transaction.on_commit(office_dashboard_changed)


def connect() -> None:
    for model in (Review, Assignment, Portfolio):
        post_save.connect(_changed, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}"
        )
