"""The shape of the code (issue 13): no app module over 400 lines, no function over 60
outside bench/ and ops/ (the tests' too), and every lazy import says why it is lazy.

The limits keep a module readable in one sitting and a function on one screen; a lazy
import hides a dependency, so each one must name the cycle or the heavy import that
demands it (on its own line or the line above).
"""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "assessment",
    "audit",
    "complaints",
    "dataprotection",
    "downloads",
    "objections",
    "portal",
    "portfolio",
    "profiles",
    "quality",
    "register",
]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LAZY = "noqa: PLC0415"
# A reason is text after the code (the suppression, a dash, then "tasks import services")
# or a comment of its own on the line above.
REASON_AFTER = re.compile(r"noqa: PLC0415\s*[-–—:]\s*\S")
COMMENT_LINE = re.compile(r"^\s*#\s*\S")


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


# Scripts measured or run by hand, and what is not ours: the one place the function
# limit does not hold.
OUTSIDE = {"bench", "ops", "migrations", ".venv", "var", "node_modules", ".git"}


def _all_code():
    for path in sorted(ROOT.rglob("*.py")):
        if not OUTSIDE & set(path.relative_to(ROOT).parts):
            yield path


def _name(path):
    return str(path.relative_to(ROOT))


def _listing(offenders: dict[str, int]) -> str:
    return "over the limit:\n" + "\n".join(f"{k}: {v} lines" for k, v in offenders.items())


def test_the_apps_are_the_packages_walked():
    packages = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert packages == set(APPS)


def test_pyproject_installs_every_app_with_its_subpackages():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert sorted(setuptools["packages"]["find"]["include"]) == [f"{app}*" for app in APPS]
    assert setuptools["package-data"]["*"] == ["templates/**/*", "jinja2/**/*", "locale/**/*"]
    # Every app's Jinja2 templates (portal.jinja) are in a folder the data includes.
    assert {p.parent.name for p in ROOT.glob("*/jinja2")} <= set(APPS)


def test_no_module_over_400_lines():
    offenders = {
        _name(path): lines
        for path in _modules()
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not offenders, _listing(offenders)


def test_no_function_over_60_lines():
    offenders = {}
    for path in _all_code():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    offenders[f"{_name(path)}:{node.lineno} {node.name}"] = lines
    assert not offenders, _listing(offenders)


def test_every_lazy_import_names_its_reason():
    offenders = []
    for path in _modules():
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            if LAZY not in line:
                continue
            previous = lines[number - 1] if number else ""
            if not (REASON_AFTER.search(line) or COMMENT_LINE.match(previous)):
                offenders.append(f"{_name(path)}:{number + 1}")
    assert not offenders, "without a reason:\n" + "\n".join(offenders)
