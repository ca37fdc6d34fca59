"""The rules of the house about imports (DESIGN.md, "Package layout" and "Rules of the house").

Every module under `vigil/` is parsed with `ast` (nothing is imported to check
imports), and each import is checked against the layering: a failure names the
file, the line and the import, and the rule it breaks. Imports inside functions
and under `if TYPE_CHECKING:` count: a lazy import is still a dependency.

Also: every name a module lists in `__all__` exists once the module is imported.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "vigil"

# Libraries that reach a database, the network, a terminal UI or a web framework.
DATABASE = ("sqlalchemy", "alembic", "psycopg", "psycopg2", "sqlite3")
NETWORK = ("httpx", "requests", "urllib3", "aiohttp", "socket", "urllib.request", "http.client", "ftplib", "smtplib")
DOORS = ("typer", "click", "rich", "fastapi", "starlette", "uvicorn")
VIGIL_DOORS = ("vigil.cli", "vigil.web")

# Stage order (DESIGN.md, "a folder a stage; each stage imports only the ones above
# it"). `pipeline` ties ingest, extract and store together for the doors; the doors
# come last, `batch` just before them, and `cli` may start the web app (`vigil serve`)
# but never the other way round.
LAYERS: dict[str, int] = {
    "vigil": 0,
    "vigil.model": 0,
    "vigil.errors": 0,
    "vigil.config": 1,
    "vigil.ingest": 2,
    "vigil.extract": 3,
    "vigil.store": 4,
    "vigil.pipeline": 5,
    "vigil.review": 6,
    "vigil.analyze": 7,
    "vigil.publish": 8,
    "vigil.batch": 9,
    "vigil.web": 10,
    "vigil.cli": 11,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def vigil_modules() -> list[Path]:
    return sorted(p for p in PACKAGE_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def is_vigil_module(name: str) -> bool:
    """Whether `name` is a module or package inside vigil/ (by its file)."""
    relative = Path(*name.split("."))
    base = PACKAGE_ROOT.parent / relative
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@dataclass(frozen=True)
class Import:
    """One imported module name, where it is imported."""

    module: str
    line: int

    def within(self, *prefixes: str) -> bool:
        return any(self.module == p or self.module.startswith(p + ".") for p in prefixes)


def imports_in(source: str, name: str, package: bool) -> Iterator[Import]:
    """Every module `source` imports, relative imports resolved, `from X import sub` as X.sub too."""
    tree = ast.parse(source)
    here = name if package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield Import(base, node.lineno)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if candidate.startswith("vigil") and is_vigil_module(candidate):
                    yield Import(candidate, node.lineno)


def layer_of(module: str) -> tuple[str, int] | None:
    """The stage a vigil module belongs to, and its rank (None outside the table)."""
    best: tuple[str, int] | None = None
    for stage, rank in LAYERS.items():
        if module == stage or module.startswith(stage + "."):
            if best is None or len(stage) > len(best[0]):
                best = (stage, rank)
    return best


@dataclass(frozen=True)
class Rule:
    """`applies(module)`: whom it binds; `breaks(module, imported)`: which imports it forbids."""

    says: str
    applies: Callable[[str], bool]
    breaks: Callable[[str, Import], bool]


def inside(*prefixes: str) -> Callable[[str], bool]:
    return lambda module: any(module == p or module.startswith(p + ".") for p in prefixes)


def outside(*prefixes: str) -> Callable[[str], bool]:
    check = inside(*prefixes)
    return lambda module: not check(module)


def stage_order_broken(module: str, imported: Import) -> bool:
    mine, theirs = layer_of(module), layer_of(imported.module)
    if mine is None or theirs is None or mine[0] == theirs[0]:
        return False
    return theirs[1] >= mine[1]


RULES: tuple[Rule, ...] = (
    Rule(
        "vigil.model imports nothing of vigil",
        inside("vigil.model"),
        lambda module, imp: imp.within("vigil"),
    ),
    Rule(
        "vigil/extract/ imports only vigil.model, vigil.errors and vigil.extract.*",
        inside("vigil.extract"),
        lambda module, imp: imp.within("vigil") and not imp.within("vigil.model", "vigil.errors", "vigil.extract"),
    ),
    Rule(
        "vigil/extract/ is pure: no database, network, terminal or web library",
        inside("vigil.extract"),
        lambda module, imp: imp.within(*DATABASE, *NETWORK, *DOORS),
    ),
    Rule(
        "vigil/ingest/ has no database and does not reach the doors",
        inside("vigil.ingest"),
        lambda module, imp: imp.within("vigil.store", *VIGIL_DOORS),
    ),
    Rule(
        "nothing below cli/web imports vigil.cli, vigil.web, Typer, FastAPI or rich",
        outside(*VIGIL_DOORS),
        lambda module, imp: imp.within(*VIGIL_DOORS, *DOORS),
    ),
    Rule(
        "only vigil/store/ imports SQLAlchemy or Alembic",
        outside("vigil.store"),
        lambda module, imp: imp.within("sqlalchemy", "alembic"),
    ),
    Rule(
        "cli.py and web/ never import SQLAlchemy or the store's tables",
        inside(*VIGIL_DOORS),
        lambda module, imp: imp.within("sqlalchemy", "alembic", "vigil.store.tables"),
    ),
    Rule(
        "settings (vigil.config) are read by the CLI and web layers only",
        outside(*VIGIL_DOORS, "vigil.config"),
        lambda module, imp: imp.within("vigil.config"),
    ),
    Rule(
        "each stage imports only the stages above it (DESIGN.md package layout)",
        lambda module: True,
        stage_order_broken,
    ),
)

MODULE_FILES = vigil_modules()


def violations(path: Path) -> list[str]:
    name = module_name(path)
    found = []
    for imp in imports_in(path.read_text(encoding="utf-8"), name, is_package(path)):
        for rule in RULES:
            if rule.applies(name) and rule.breaks(name, imp):
                found.append(f"{path.relative_to(PACKAGE_ROOT.parent)}:{imp.line} imports {imp.module}: {rule.says}")
    return found


def file_id(path: Path) -> str:
    return str(path.relative_to(PACKAGE_ROOT.parent))


@pytest.mark.parametrize("path", MODULE_FILES, ids=file_id)
def test_imports_follow_the_layering(path: Path) -> None:
    found = violations(path)
    assert not found, "\n".join(found)


def test_every_stage_of_the_design_is_a_package_or_module() -> None:
    for stage in LAYERS:
        assert is_vigil_module(stage), f"{stage} is in DESIGN.md's layout but not in vigil/"


def test_library_modules_do_not_read_the_environment() -> None:
    """Only vigil.config reads VIGIL_* settings, so the library never depends on the shell."""
    found = []
    for path in MODULE_FILES:
        if module_name(path) in ("vigil.config",) or inside(*VIGIL_DOORS)(module_name(path)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
                found.append(f"{file_id(path)}:{node.lineno} reads os.{node.attr}")
    assert not found, "\n".join(found)


# -- the checker itself: a rule that cannot fail checks nothing -------------------------


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("vigil.cli", "from vigil.store import tables\n", "vigil.store.tables"),
        ("vigil.cli", "from .store.tables import DocumentRecord\n", "vigil.store.tables"),
        ("vigil.web.routes", "from ..store import tables\n", "vigil.store.tables"),
        ("vigil.web.routes", "import sqlalchemy.orm\n", "sqlalchemy.orm"),
        ("vigil.model", "from vigil import errors\n", "vigil"),
        ("vigil.extract.numbers", "from vigil.store import Store\n", "vigil.store"),
        ("vigil.extract.numbers", "def f():\n    import httpx\n", "httpx"),
        ("vigil.extract.numbers", "from ..ingest import read_document\n", "vigil.ingest"),
        ("vigil.ingest.html", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from vigil.cli import app\n",
         "vigil.cli"),
        ("vigil.ingest.html", "from rich.progress import Progress\n", "rich.progress"),
        ("vigil.pipeline", "from vigil.config import load_settings\n", "vigil.config"),
        ("vigil.batch", "from vigil import cli\n", "vigil.cli"),
        ("vigil.store.store", "from vigil.analyze import facts\n", "vigil.analyze"),
    ],
)
def test_the_checker_catches_a_broken_rule(module: str, source: str, expected: str) -> None:
    package = module in ("vigil.batch",)
    broken = [
        (imp.module, rule.says)
        for imp in imports_in(source, module, package)
        for rule in RULES
        if rule.applies(module) and rule.breaks(module, imp)
    ]
    assert any(name == expected for name, _ in broken), broken


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("vigil.extract.figures", "from vigil.extract.numbers import find_numbers\nfrom vigil.model import Figure\n"),
        ("vigil.extract.morph", "import pymorphy3\n"),
        ("vigil.store.store", "from sqlalchemy import select\nfrom vigil.model import Document\n"),
        ("vigil.cli", "import typer\nfrom vigil.store import Store\nfrom vigil.config import load_settings\n"),
        ("vigil.ingest.fetch", "import httpx\nfrom vigil import __version__\n"),
    ],
)
def test_the_checker_allows_what_the_design_allows(module: str, source: str) -> None:
    broken = [
        f"{imp.module}: {rule.says}"
        for imp in imports_in(source, module, False)
        for rule in RULES
        if rule.applies(module) and rule.breaks(module, imp)
    ]
    assert not broken, broken


# -- __all__ ------------------------------------------------------------------------------


def declared_all(path: Path) -> list[str] | None:
    """The literal `__all__` of a module, or None when it has none."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            assert isinstance(value, (ast.List, ast.Tuple)), f"{file_id(path)}: __all__ is not a literal list"
            names = []
            for element in value.elts:
                assert isinstance(element, ast.Constant) and isinstance(element.value, str), (
                    f"{file_id(path)}: __all__ holds something other than strings"
                )
                names.append(element.value)
            return names
    return None


MODULES_WITH_ALL = [p for p in MODULE_FILES if declared_all(p) is not None]


def test_the_core_modules_declare_all() -> None:
    declared = {module_name(p) for p in MODULES_WITH_ALL}
    for core in ("vigil.model", "vigil.errors", "vigil.config", "vigil.extract", "vigil.ingest", "vigil.store"):
        assert core in declared, f"{core} has no __all__"


@pytest.mark.parametrize("path", MODULES_WITH_ALL, ids=file_id)
def test_every_name_in_all_exists(path: Path) -> None:
    names = declared_all(path) or []
    assert len(names) == len(set(names)), f"{file_id(path)}: __all__ lists a name twice"
    module = importlib.import_module(module_name(path))
    missing = []
    for name in names:
        if hasattr(module, name):
            continue
        if is_package(path) and is_vigil_module(f"{module_name(path)}.{name}"):
            importlib.import_module(f"{module_name(path)}.{name}")  # a submodule listed by name
            continue
        missing.append(name)
    assert not missing, f"{file_id(path)}: __all__ lists names it does not define: {missing}"
