#!/usr/bin/env python3
"""The system libraries and programs the portal needs, checked (and installed) in one place.

`make setup` runs this before it builds the virtual environment, and `.ci/run` runs the
same check with `--browser --ci`, so CI cannot pass on a machine where the README's own
commands would fail. Only the standard library is used: it runs before `.venv` exists.

    python3 ops/system_deps.py [--install] [--browser] [--ci]

Without `--install` it only reports. With it, what is missing is installed with apt-get
when we run as root on Debian/Ubuntu; otherwise it stops with the exact command to run.

For tests: SYSTEM_DEPS_PRETEND_MISSING (comma-separated package names) reports those as
missing, SYSTEM_DEPS_PRETEND_NOT_ROOT=1 acts as an ordinary user, and
SYSTEM_DEPS_DRY_RUN=1 prints the apt-get commands instead of running them.
"""

import argparse
import ctypes.util
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Need:
    package: str  # the Debian package that provides it
    why: str
    library: str = ""  # a shared library name for ctypes.util.find_library
    program: str = ""  # or a program on PATH
    path: str = ""  # or a file
    module: str = ""  # or a module of the standard library that Debian packages apart

    def present(self) -> bool:
        if self.module:
            return importlib.util.find_spec(self.module) is not None
        if self.library:
            return ctypes.util.find_library(self.library) is not None
        if self.program:
            return shutil.which(self.program) is not None
        return Path(self.path).exists()


# WeasyPrint renders every PDF (preview, report); without HarfBuzz-Subset it warns, which
# the test suite's warning filter turns into an error.
# Debian ships `python3 -m venv` (ensurepip) apart from Python itself.
PYTHON = [Need(f"python3.{sys.version_info.minor}-venv", "make setup's .venv", module="ensurepip")]
PDF = [
    Need("libpango-1.0-0", "WeasyPrint (PDF)", library="pango-1.0"),
    Need("libpangoft2-1.0-0", "WeasyPrint (PDF)", library="pangoft2-1.0"),
    Need("libharfbuzz-subset0", "WeasyPrint (PDF, fonts subsetting)", library="harfbuzz-subset"),
    Need(
        "fonts-dejavu-core",
        "the PDF's font",
        path="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ),
]
BROWSER = [Need("chromium", "browser tests (Playwright)", path="/usr/bin/chromium")]
CI = [
    Need("make", "the README's commands", program="make"),
    Need("rsync", "ops/restore_drill.sh", program="rsync"),
    Need("curl", ".ci/run's service checks", program="curl"),
]


def missing(needs: list[Need]) -> list[Need]:
    pretend = {p.strip() for p in os.environ.get("SYSTEM_DEPS_PRETEND_MISSING", "").split(",")}
    return [n for n in needs if n.package in pretend or not n.present()]


def is_root() -> bool:
    return os.environ.get("SYSTEM_DEPS_PRETEND_NOT_ROOT") != "1" and os.geteuid() == 0


def install(packages: list[str]) -> int:
    commands = [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ]
    if os.environ.get("SYSTEM_DEPS_DRY_RUN") == "1":
        for command in commands:
            print("would run:", " ".join(command))
        return 0
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in commands:
        result = subprocess.run(command, env=env, check=False)  # noqa: S603 (fixed argv)
        if result.returncode:
            return result.returncode
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="install what is missing")
    parser.add_argument("--browser", action="store_true", help="also Chromium (browser tests)")
    parser.add_argument("--ci", action="store_true", help="also what .ci/run uses")
    args = parser.parse_args(argv)
    needs = PYTHON + PDF + (BROWSER if args.browser else []) + (CI if args.ci else [])
    absent = missing(needs)
    if not absent:
        print(f"System check: all {len(needs)} system dependencies are present.")
        return 0
    packages = sorted({n.package for n in absent})
    for need in absent:
        print(f"System check: missing {need.package} (needed for {need.why}).")
    command = "apt-get install -y " + " ".join(packages)
    if not args.install:
        print(f"Install them with: sudo {command}")
        return 2
    if not shutil.which("apt-get") and os.environ.get("SYSTEM_DEPS_DRY_RUN") != "1":
        print(
            "System check: no apt-get here; install the equivalents of "
            + ", ".join(packages)
            + " with your system's package manager, then run this again."
        )
        return 2
    if not is_root():
        print(f"System check: run this as root, then `make setup` again:\n  sudo {command}")
        return 2
    print(f"System check: installing {', '.join(packages)} with apt-get.")
    return install(packages)


if __name__ == "__main__":
    sys.exit(main())
