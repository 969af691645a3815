"""Load the competency profiles and framework versions from `fixtures/` (idempotent).

Profiles and framework versions that already exist are left alone, so the office's edits
survive a second `make setup`. A framework version loaded from the fixtures is published,
because the fixtures hold the framework as it is in force.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from profiles.enums import VersionStatus
from profiles.models import FrameworkVersion, Profile
from profiles.serialization import import_framework_version, import_profile

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def load_seed_data(fixtures_dir: Path = FIXTURES) -> list[str]:
    """Load what is missing; return a line per thing loaded or skipped."""
    report = []
    with transaction.atomic():
        for order, path in enumerate(sorted((fixtures_dir / "profiles").glob("*.json"))):
            data = json.loads(path.read_text(encoding="utf-8"))
            slug = data["profile"]["slug"]
            if Profile.objects.filter(slug=slug).exists():
                report.append(f"profiel {slug}: al aanwezig")
                continue
            import_profile(data, order=order)
            report.append(f"profiel {slug}: geladen")
        for path in sorted((fixtures_dir / "frameworks").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            slug, number = data["framework"]["slug"], data["version"]["number"]
            if FrameworkVersion.objects.filter(framework__slug=slug, number=number).exists():
                report.append(f"toetsingskader {slug} v{number}: al aanwezig")
                continue
            version = import_framework_version(data, status=VersionStatus.PUBLISHED)
            version.published_at = version.created_at
            version.save(update_fields=["published_at"])
            report.append(f"toetsingskader {slug} v{number}: geladen en gepubliceerd")
    return report


class Command(BaseCommand):
    help = "Laadt de competentieprofielen en het toetsingskader uit fixtures/ (idempotent)."

    def handle(self, *args, **options):
        for line in load_seed_data():
            self.stdout.write(line)
