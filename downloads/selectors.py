from django.shortcuts import get_object_or_404

from downloads.models import PreparedFile


def prepared_for(user, pk: int) -> PreparedFile:
    """The user's own prepared file; 404 for anyone else's, as for one that does not exist."""
    return get_object_or_404(PreparedFile, pk=pk, owner_id=user.pk)
