import json

from django.core.management.base import BaseCommand, CommandError

from profiles.serialization import InvalidDocument, import_framework_version


class Command(BaseCommand):
    help = "Importeert een versie van een toetsingskader uit JSON, als concept."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON-bestand (formaat: zie fixtures/README.md)")
        parser.add_argument(
            "--as-version", type=int, dest="number", help="ander versienummer dan in het bestand"
        )

    def handle(self, *args, file, number=None, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc}") from exc
        try:
            version = import_framework_version(data, number=number)
        except InvalidDocument as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(f"Geïmporteerd als concept: {version}")
