"""A version's own register policy travels in the framework document (profiles.
serialization.office_settings); the default policy (no version) stays with the office."""

from register.models import RegisterPolicy

KEY = "register_policy"
MODEL = RegisterPolicy
FIELDS = (
    "number_format",
    "validity_months",
    "expiring_months",
    "reminder_months",
    "noindex",
    "show_suspension",
    "struck_off_visible_months",
    "note",
)
