"""What the assessment views share."""

from portal import limits

PAGE_SIZE = 25


def posted_id(request, name: str) -> int:
    """An id from the form, 0 when missing or not an id (a tampered form is no 500)."""
    return limits.parse_id(request.POST.get(name)) or 0
