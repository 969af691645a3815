"""Who may see the quality dashboard: the office only (others get the same 404)."""

import rules

from portal.rules import is_office

can_view_quality = is_office

rules.add_perm("quality.view_dashboard", can_view_quality)
