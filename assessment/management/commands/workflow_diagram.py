from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from assessment import diagram


class Command(BaseCommand):
    help = "Print the certification workflow as a Mermaid diagram (or write it into the README)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--readme", action="store_true", help="replace the diagram in README.md"
        )

    def handle(self, *args, readme=False, **options):
        if readme:
            path = Path(settings.BASE_DIR) / "README.md"
            diagram.write_readme(path)
            self.stdout.write(f"{path} bijgewerkt.")
        else:
            self.stdout.write(diagram.mermaid())
