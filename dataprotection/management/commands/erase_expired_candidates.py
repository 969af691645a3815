from django.core.management.base import BaseCommand
from django.utils import timezone

from dataprotection import services


class Command(BaseCommand):
    help = (
        "Anonymiseer elke kandidaat van wie de bewaartermijn verstreken is "
        "(RETENTION_YEARS na het besluit, RETENTION_INACTIVE_YEARS na de laatste activiteit)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen wie geanonimiseerd zou worden; niets wijzigen.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        # Only account ids are printed: the output ends up in logs.
        rows = services.erase_expired(now=now, dry_run=dry_run)
        verb = "zou anonimiseren" if dry_run else "geanonimiseerd"
        for candidate_id, erasable_from in rows:
            self.stdout.write(
                f"kandidaat #{candidate_id}: {verb} (termijn verstreken op "
                f"{erasable_from:%Y-%m-%d})"
            )
        summary = f"{len(rows)} kandidaten {verb}" + (" (dry run)" if dry_run else "")
        self.stdout.write(self.style.SUCCESS(summary))
