"""Every change to framework or profile data replaces the content stamp (profiles.stamp),
in the transaction of the change.

A signal, not a call in each admin and service: the admin saves content through model
admins, inlines and many-to-many widgets, the services through imports and copies, and
one forgotten path would serve stale text until a restart. Saves, deletes and
many-to-many changes of every model of this app count; the rare bulk writes
(`bulk_create` in the imports) come with a `create()` of their parent in the same
transaction, which counts.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from profiles.stamp import ContentStamp, bump_content_stamp

M2M_ACTIONS = frozenset({"post_add", "post_remove", "post_clear"})


def _saved_or_deleted(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: no stamp table guaranteed yet
        return
    bump_content_stamp()


def _m2m_changed(sender, action, **kwargs) -> None:
    if action in M2M_ACTIONS:
        bump_content_stamp()


def content_models() -> list:
    """The models whose rows make up framework or profile content: all of this app's but
    the stamp itself."""
    return [m for m in apps.get_app_config("profiles").get_models() if m is not ContentStamp]


def connect() -> None:
    for model in content_models():
        name = model.__name__
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"stamp-save-{name}")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"stamp-delete-{name}")
        for field in model._meta.local_many_to_many:
            uid = f"stamp-m2m-{name}-{field.name}"
            m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=uid)
