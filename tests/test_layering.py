"""Layering: ``binome.core`` is the bottom layer and imports no domain app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import binome.core

CORE = Path(binome.core.__file__).resolve().parent

# access.py resolves the visitor's member and roles; these lazy imports (inside functions, or
# for type hints only) are the one known exception, kept until access moves up a layer.
ALLOWED = {
    ("access.py", "binome.accounts.models"),
    ("access.py", "binome.members.models"),
    ("access.py", "binome.programmes.models"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def domain_imports(path: Path) -> set[str]:
    return {
        name
        for name in imported_modules(path)
        if name.startswith("binome.")
        and not name.startswith("binome.core")
        and (path.name, name) not in ALLOWED
        and not any(name.startswith(f"{allowed}.") for f, allowed in ALLOWED if f == path.name)
    }


def test_core_imports_no_domain_app():
    offenders = {
        str(path.relative_to(CORE)): sorted(domain_imports(path))
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts and domain_imports(path)
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    ["from binome.intake.tasks import x\n", "import binome.members.models\n"],
)
def test_the_guard_sees_a_domain_import(tmp_path, source):
    module = tmp_path / "views.py"
    module.write_text(source)
    assert domain_imports(module)


def test_every_app_registers_its_periodic_jobs():
    from binome.core.scheduler import periodic_jobs

    names = {job.func.__name__ for job in periodic_jobs()}
    assert {"process_invitations", "care_for_pairs", "deliver_outbox"} <= names
