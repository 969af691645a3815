"""The other side of tests/profiles/test_live_workers.py, run in its own process against
the throw-away database that gunicorn serves (DATABASE_URL in the environment):

    python -m tests.profiles.live_site prepare   # migrate, seed, a candidate: prints its cookie
    python -m tests.profiles.live_site edit      # the office's edit, through the ORM
"""

import os
import sys

import django

ITEM = ("leercoach-1", "inlevingsvermogen")
NEW_TITLE = "Inlevingsvermogen, bijgewerkt door het bureau"
NEW_NAME = "Register Jobcoach NL"


def prepare() -> str:
    from django.conf import settings  # noqa: PLC0415 - after django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from portal.models import User  # noqa: PLC0415
    from profiles.management.commands.load_seed_data import load_seed_data  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    load_seed_data()
    user = User.objects.create_user(email="live@example.nl", first_name="Live", last_name="Test")
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def edit() -> str:
    from profiles.models import Framework, ProfileItem  # noqa: PLC0415

    item = ProfileItem.objects.get(profile__slug=ITEM[0], code=ITEM[1])
    item.title = NEW_TITLE
    item.save()
    framework = Framework.objects.get(slug="register-jobcoach")
    framework.name = NEW_NAME
    framework.save()
    return "edited"


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    sys.stdout.write({"prepare": prepare, "edit": edit}[sys.argv[1]]() + "\n")
