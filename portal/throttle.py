"""One at a time per person for work that holds a web worker (an upload's check)."""

from contextlib import contextmanager

from django.core.cache import cache


@contextmanager
def one_at_a_time(key: str, *, seconds: int):
    """Yields True when this request is the only one holding `key` (for at most
    `seconds`, so a killed request cannot hold it for ever), else False.

    One candidate sending four hostile uploads at once would otherwise hold four web
    workers; now the other three are answered at once.
    """
    token = f"one-at-a-time:{key}"
    mine = cache.add(token, 1, seconds)
    try:
        yield mine
    finally:
        if mine:
            cache.delete(token)
