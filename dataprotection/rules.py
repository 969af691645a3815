"""Who may use the data rights pages (django-rules predicates)."""

import rules

from portal.rules import is_candidate, is_office

# A candidate downloads their own data; the office exports and erases for a candidate.
can_export_own_data = is_candidate
can_manage_candidate_data = is_office

rules.add_perm("dataprotection.export_own_data", can_export_own_data)
rules.add_perm("dataprotection.manage_candidate_data", can_manage_candidate_data)
