"""Who may do what in the review (django-rules predicates, reused by views and services)."""

import rules

from portal.rules import is_office


@rules.predicate
def is_candidate_of(user, review) -> bool:
    return review is not None and review.portfolio.candidate_id == user.pk


can_manage_reviews = is_office
can_download_report = is_office | is_candidate_of

rules.add_perm("assessment.manage_reviews", can_manage_reviews)
rules.add_perm("assessment.download_report", can_download_report)
