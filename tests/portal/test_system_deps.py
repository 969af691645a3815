"""`make setup`'s system check (ops/system_deps.py), and CI using that same check."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "ops" / "system_deps.py"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )


def test_a_missing_library_stops_an_ordinary_user_with_the_exact_command():
    result = _run(
        "--install",
        SYSTEM_DEPS_PRETEND_MISSING="libharfbuzz-subset0",
        SYSTEM_DEPS_PRETEND_NOT_ROOT="1",
    )
    assert result.returncode == 2
    why = "WeasyPrint (PDF, fonts subsetting)"
    assert result.stdout.splitlines() == [
        f"System check: missing libharfbuzz-subset0 (needed for {why}).",
        "System check: run this as root, then `make setup` again:",
        "  sudo apt-get install -y libharfbuzz-subset0",
    ]


def test_as_root_the_missing_packages_are_installed_with_apt_get():
    result = _run(
        "--install",
        SYSTEM_DEPS_PRETEND_MISSING="libharfbuzz-subset0,fonts-dejavu-core",
        SYSTEM_DEPS_DRY_RUN="1",
    )
    if os.geteuid() != 0:
        assert result.returncode == 2
        return
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        "would run: apt-get install -y -qq --no-install-recommends "
        "fonts-dejavu-core libharfbuzz-subset0"
    )


def test_without_install_it_only_reports():
    result = _run(SYSTEM_DEPS_PRETEND_MISSING="libpango-1.0-0")
    assert result.returncode == 2
    assert result.stdout.splitlines()[-1] == (
        "Install them with: sudo apt-get install -y libpango-1.0-0"
    )


def test_the_browser_and_ci_needs_are_checked_only_when_asked():
    plain = _run(SYSTEM_DEPS_PRETEND_MISSING="chromium,rsync")
    assert plain.returncode == 0
    ci = _run("--browser", "--ci", SYSTEM_DEPS_PRETEND_MISSING="chromium,rsync")
    assert ci.returncode == 2
    assert "sudo apt-get install -y chromium rsync" in ci.stdout


def test_make_setup_and_ci_run_the_same_check():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    ci = (Path(settings.BASE_DIR) / ".ci" / "run").read_text()
    assert "$(PYTHON) ops/system_deps.py --install" in makefile
    # The venv is built only after the check (an order-only prerequisite).
    assert re.search(r"^\$\(STAMP\): pyproject.toml \| system-check$", makefile, re.M)
    assert "python3 ops/system_deps.py --install --browser --ci" in ci
    # CI keeps no list of its own that could hide a missing step of `make setup`.
    assert "dpkg -s" not in ci
    assert "apt-get install" not in ci
