"""Warm-up before gunicorn forks its workers (deploy/gunicorn.conf.py, `when_ready`).

A worker that starts cold compiles every template it renders and reads the published
framework's tree on its first requests: a few hundred milliseconds in which the requests
it took wait (the load run saw them as p99 spikes whenever a worker was recycled).
Done once in the master, every worker, also one forked later, starts with both.
"""

import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template

from portal import jinja
from portal.release import release
from profiles.enums import VersionStatus
from profiles.models import FrameworkVersion
from profiles.selectors import version_with_content


def project_templates() -> list[str]:
    """The names of the project's own templates (its apps and the shared folder)."""
    folders = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and not Path(config.path).is_relative_to(sys.prefix)  # installed packages
    ]
    names = []
    for folder in folders:
        if folder.is_dir():
            names += [
                path.relative_to(folder).as_posix()
                for path in sorted(folder.rglob("*"))
                if path.suffix in {".html", ".txt"}
            ]
    return names


def warm_up() -> dict:
    """Compile the project's templates (Django's and Jinja2's) and keep the published
    framework versions' trees in this process; close the database connections (a forked
    worker opens its own)."""
    compiled = 0
    for name in project_templates():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue
        compiled += 1
    for name in jinja.template_names():
        jinja.template(name)
    release()  # the kept renderings' key part, read once here rather than per worker
    versions = 0
    try:
        for pk in FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED).values_list(
            "pk", flat=True
        ):
            version_with_content(pk)
            versions += 1
    finally:
        connections.close_all()
    return {"templates": compiled, "jinja": len(jinja.template_names()), "versions": versions}
