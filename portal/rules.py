"""Role predicates shared by every app (django-rules)."""

import rules


@rules.predicate
def is_candidate(user) -> bool:
    return user.is_authenticated and user.is_candidate


@rules.predicate
def is_assessor(user) -> bool:
    return user.is_authenticated and user.is_assessor


@rules.predicate
def is_office(user) -> bool:
    return user.is_authenticated and user.is_office and user.is_staff
