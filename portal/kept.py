"""Rendered markup kept in the web process under a digest of everything it shows.

A fragment that many requests print alike (a task page's sidebar for the same progress,
its index for the same states) is rendered once and found again by its content: the key
digests what the fragment shows, the release (`portal.release`: code, templates,
translations) and the language. Any change to what it shows makes a new key, so a kept
fragment is never stale; old keys simply age out of the process cache.

`kept_html` keeps small fragments in this process only. `kept_shared` keeps large pieces
under a caller's content address in the shared cache for every process, and the last
few in this one as well.
"""

import hashlib

from django.core.cache import cache, caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal.release import release

KEPT_SECONDS = 24 * 3600


def kept_key(name: str, shown) -> str:
    """The content address of fragment `name` showing `shown` (a repr-able value)."""
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    return f"kept:{name}:{release()}:{get_language()}:{digest}"


def kept_html(name: str, shown, render) -> SafeString:
    """`render()`'s markup (safe: rendered with every value escaped), from this
    process's cache under `kept_key(name, shown)`, else rendered and kept."""
    key = kept_key(name, shown)
    process = caches["process"]
    kept = process.get(key)
    if kept is None:
        kept = str(render())
        process.set(key, kept, KEPT_SECONDS)
    return mark_safe(kept)  # noqa: S308 - rendered by `render`, every value escaped


def kept_shared(key: str, make, seconds: int):
    """`make()`'s value under the content address `key`, kept in the shared cache for
    every process and, for the last few, in this one: from here, else from the shared
    cache (then kept here too), else made and kept in both. A key that digests what the
    value shows cannot find a stale value in either."""
    local = caches["process-large"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = make()
            cache.set(key, value, seconds)
        local.set(key, value, seconds)
    return value
