import json

from django.core.management.base import BaseCommand, CommandError

from profiles.models import FrameworkVersion
from profiles.serialization import export_framework_version


class Command(BaseCommand):
    help = "Exporteert een versie van een toetsingskader als JSON (standaard: de nieuwste)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version N` names the framework version here, replacing Django's --version.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="code van het toetsingskader, bv. register-jobcoach")
        parser.add_argument("--version", type=int, dest="number", help="versienummer")
        parser.add_argument("--output", "-o", help="bestand (standaard: stdout)")

    def handle(self, *args, slug, number=None, output=None, **options):
        versions = FrameworkVersion.objects.filter(framework__slug=slug)
        if number is not None:
            versions = versions.filter(number=number)
        version = versions.order_by("-number").first()
        if version is None:
            raise CommandError(
                f"Geen versie gevonden van '{slug}'"
                + (f" met nummer {number}." if number is not None else ".")
            )
        text = json.dumps(export_framework_version(version), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"{version} geëxporteerd naar {output}")
        else:
            self.stdout.write(text, ending="")
