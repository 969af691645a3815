"""The objection periods travel in the framework document (profiles.serialization.
office_settings): export, import and a copy into a new draft keep them."""

from objections.models import ObjectionTerms

KEY = "objection_terms"
MODEL = ObjectionTerms
FIELDS = ("period_days", "assignment_days", "decision_days", "reminder_days")
