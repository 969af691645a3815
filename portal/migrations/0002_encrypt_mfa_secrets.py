"""Encrypt the two-factor secrets stored before encryption at rest (portal.secret_box)."""

from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from portal.secret_box import reencrypt_authenticators

    Authenticator = apps.get_model("mfa", "Authenticator")
    reencrypt_authenticators(Authenticator.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_existing, migrations.RunPython.noop)]
