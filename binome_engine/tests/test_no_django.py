import pkgutil
import subprocess
import sys
from pathlib import Path

import binome_engine


def test_importing_every_engine_module_never_imports_django() -> None:
    root = Path(binome_engine.__file__).parent
    modules = [
        m.name
        for m in pkgutil.walk_packages([str(root)], prefix="binome_engine.")
        if ".tests" not in m.name and not m.name.endswith("__main__")
    ]
    assert len(modules) >= 8
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root.parent,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root.parent)},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
