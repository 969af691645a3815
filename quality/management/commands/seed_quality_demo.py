from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quality.demo import DEMO_REVIEWS, seed_quality_demo


class Command(BaseCommand):
    help = (
        "Demodata voor het kwaliteitsdashboard: gescoorde beoordelingen, een assessor die "
        "strenger wordt, twee kalibratiecasussen (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=DEMO_REVIEWS)

    def handle(self, *args, aantal, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_quality_demo draait niet in productie.")
        if not 1 <= aantal <= 20_000:
            raise CommandError("--aantal: tussen 1 en 20000.")
        for line in seed_quality_demo(reviews=aantal):
            self.stdout.write(line)
