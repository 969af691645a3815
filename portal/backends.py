"""Role-based model permissions for the Django admin.

Office users (role *bureau*, staff) may manage the framework and the profiles in the
admin without per-user permission rows; everyone else gets nothing from this backend.
Object-level rules (who may see which portfolio) live in each app's `rules.py`.
"""

from django.contrib.auth.backends import BaseBackend

from portal.rules import is_office

OFFICE_ADMIN_APPS = frozenset({"profiles", "audit", "quality", "objections", "register"})


def _is_office(user) -> bool:
    return user.is_active and is_office(user)


class OfficeRoleBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        return _is_office(user_obj) and perm.split(".", 1)[0] in OFFICE_ADMIN_APPS

    def has_module_perms(self, user_obj, app_label):
        return _is_office(user_obj) and app_label in OFFICE_ADMIN_APPS
