"""What kinds of file can be prepared: each app registers its own in AppConfig.ready(),
so this app knows nothing of portfolios or exports."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO


class TooLarge(Exception):
    """What would be built exceeds its kind's bound; the message is shown to the owner."""


@dataclass(frozen=True)
class Built:
    # The content key of what was actually built (it may be newer than asked); None for
    # a kind without content keys (each request its own file).
    key: str | None
    filename: str
    content_type: str
    data: IO[bytes]  # a file object at any position (BytesIO, a temporary file)


@dataclass(frozen=True)
class Kind:
    label: Callable[[], str]  # e.g. "PDF van je portfolio" (a callable: translated late)
    key: Callable[[object, int], str]  # (owner, subject_id) → the current content's key
    build: Callable[[object, int], "Built | None"]  # None: the subject is gone
    back_url: Callable[[object, int], str]  # (owner, subject_id) → where the request came from


KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    KINDS[name] = kind
