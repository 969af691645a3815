"""Who may do what in the review (django-rules predicates, reused by views and services)."""

import rules

from portal.rules import is_assessor, is_office


@rules.predicate
def is_active_assessor_of(user, review) -> bool:
    return review is not None and any(
        a.assessor_id == user.pk and a.withdrawn_at is None for a in review.assignments.all()
    )


can_assign = is_office
can_view_review = is_office | (is_assessor & is_active_assessor_of)

rules.add_perm("assessment.assign_assessors", can_assign)
rules.add_perm("assessment.view_review", can_view_review)
