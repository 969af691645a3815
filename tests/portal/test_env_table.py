"""The README's table of environment variables against the code that reads them.

Both directions: a variable read in the code but missing from the table fails, and so
does one in the table that nothing reads. Where the code's default is a literal, the
table's default column must show it. Read by the code means: an `env_*` reader of
`portal/env.py`, `os.environ.get`, `os.environ[...]` or `os.getenv`, in any module of the
apps or of `deploy/` (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` writes and
is not configuration).
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["assessment", "audit", "dataprotection", "downloads", "portal", "portfolio", "profiles"]
READERS = {"env_str", "env_int", "env_bool", "env_list"}
ROW = re.compile(r"^\| `([A-Z][A-Z0-9_]*)` \|(.*)\|$")


def _table() -> dict[str, list[str]]:
    """{name: [default, effect, production]} from the README's table."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("### Environment variables\n", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        if match := ROW.match(line):
            name, rest = match.groups()
            assert name not in rows, f"{name} twice in the table"
            rows[name] = [cell.strip() for cell in rest.split(" | ")]
    return rows


def _files():
    for app in [*APPS, "deploy"]:
        for path in sorted((ROOT / app).rglob("*.py")):
            # portal/env.py holds the readers themselves (they read the name passed in).
            if "migrations" not in path.parts and path != ROOT / "portal" / "env.py":
                yield path


def _is_os_environ(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _read(node):
    """(name node, default node or None) when the node reads a variable, else None."""
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
        return node.slice, None
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    default = node.args[1] if len(node.args) > 1 else None
    default = next((k.value for k in node.keywords if k.arg == "default"), default)
    if isinstance(func, ast.Name) and func.id in READERS:
        return node.args[0], default
    if isinstance(func, ast.Attribute) and (
        (func.attr == "get" and _is_os_environ(func.value))
        or (func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os")
    ):
        return node.args[0], default
    return None


_OPERATORS = {ast.Mult: int.__mul__, ast.Add: int.__add__}


def _value(node):
    """A constant, or a product/sum of constants (60 * 60); None when computed."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _value(node.left), _value(node.right)
        if isinstance(left, int) and isinstance(right, int):
            return _OPERATORS[type(node.op)](left, right)
    return None


def _literal_default(node):
    """The default as the table writes it, or None when the code computes it (from
    PRODUCTION, BASE_DIR, the number of cores) or it is empty."""
    value = None if node is None else _value(node)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | str) and value != "":
        return str(value)
    return None


def _code() -> dict[str, str | None]:
    """{name: literal default or None} of every variable the code reads."""
    read, computed = {}, []
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (found := _read(node)) is None:
                continue
            name, default = found
            if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                computed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                continue
            if read.get(name.value) is None:
                read[name.value] = _literal_default(default)
    assert computed == [], "a variable read by a computed name cannot be checked"
    return read


def test_every_variable_read_is_in_the_table_and_every_one_in_the_table_is_read():
    documented, read = set(_table()), set(_code())
    assert sorted(read - documented) == [], "read by the code, missing from README's table"
    assert sorted(documented - read) == [], "in README's table, read by nothing"


def test_the_table_names_the_variables_the_issue_found_undocumented():
    assert {"LOG_LEVEL", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"} <= set(_table())


def test_every_row_has_a_default_an_effect_and_a_production_value():
    incomplete = [name for name, cells in _table().items() if len(cells) != 3 or "" in cells]
    assert incomplete == []


def test_the_table_shows_the_code_s_literal_defaults():
    table = _table()
    differ = {
        name: (default, table[name][0])
        for name, default in _code().items()
        if name in table and default is not None and f"`{default}`" not in table[name][0]
    }
    assert differ == {}


def test_the_production_example_sets_only_documented_variables():
    example = (ROOT / "deploy" / "portal.env.example").read_text("utf-8")
    names = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    assert names
    assert sorted(names - set(_table())) == []
