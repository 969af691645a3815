"""The shared cache (Redis) that degrades instead of failing.

Logins are throttled in the cache (allauth), and pages keep rendered pieces and the
framework tree there. With Redis unreachable Django's RedisCache raises on every call, so
every login answered 500 while /health/ said "ok". This backend answers from a cache in
this process instead while Redis is down (checked again after RETRY_SECONDS), and says so
in the log and on /health/: login limits then hold per web process instead of across
them, which is the documented fallback (README, "Failure behaviour").
"""

import logging
import pickle
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# What unpickling an entry written by an older release raises (a class that moved or was
# renamed since: the framework tree's models were split into modules); such an entry is
# a miss, never a 500 after a deploy.
STALE_ENTRY = (pickle.UnpicklingError, AttributeError, ImportError, EOFError)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"failsafe:{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self.down_until = 0.0

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def _call(self, name: str, *args, **kwargs):
        if self.is_down:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            if not self.down_until:
                logger.warning("Redis cache unreachable (%s): using this process's cache", exc)
            self.down_until = time.monotonic() + RETRY_SECONDS
            return getattr(self.fallback, name)(*args, **kwargs)

    def check(self) -> str:
        """For /health/: "ok", or "unreachable" (answering from this process)."""
        self.down_until = 0.0  # a health check always asks Redis itself
        try:
            super().get("portal:health")
        except RedisError:
            self.down_until = time.monotonic() + RETRY_SECONDS
            return "unreachable"
        return "ok"

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, key, default=None, version=None):
        try:
            return self._call("get", key, default, version=version)
        except STALE_ENTRY as exc:
            logger.warning("Cache entry %s no longer loads (%s): treated as missing", key, exc)
            self._call("delete", key, version=version)
            return default

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, keys, version=None):
        try:
            return self._call("get_many", keys, version=version)
        except STALE_ENTRY:  # one entry of an older release: read them one by one
            found = {key: self.get(key, STALE_ENTRY, version=version) for key in keys}
            return {key: value for key, value in found.items() if value is not STALE_ENTRY}

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)
