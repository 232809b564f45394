"""Makes `import sopkit` work for the suite.

Under CTest, PYTHONPATH already holds bindings/python and the folder where the
fixture test built `sopkit/_native*.so` against this build's libsopkit. Run by
hand (`/usr/bin/python3 -m pytest tests/python`), the compiled module is built
into build/python-ext against build/release or build/dev (or
$SOPKIT_LIBRARY / $SOPKIT_LIBRARY_DIR) first.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterator, cast

import pytest

if TYPE_CHECKING:
    import sopkit

ROOT = pathlib.Path(os.environ.get("SOPKIT_SOURCE_DIR") or pathlib.Path(__file__).resolve().parents[2])
BINDINGS = ROOT / "bindings" / "python"


def _ensure_importable() -> None:
    try:
        import sopkit  # noqa: F401
        return
    except ImportError:
        pass
    ext = ROOT / "build" / "python-ext"
    subprocess.run([sys.executable, str(BINDINGS / "sopkit_build.py"), "--out", str(ext)],
                   check=True)
    for p in (str(ext), str(BINDINGS)):
        if p not in sys.path:
            sys.path.insert(0, p)
    import sopkit  # noqa: F401


_ensure_importable()

SEED = ROOT / "examples" / "sop-monev-capaian-kinerja.json"
INDICATORS_CSV = ROOT / "examples" / "indicators-disdikbud-2024.csv"


@pytest.fixture
def seed_path() -> pathlib.Path:
    return SEED


@pytest.fixture
def seed_dict() -> Dict[str, Any]:
    return cast(Dict[str, Any], json.loads(SEED.read_text(encoding="utf-8")))


@pytest.fixture
def seed() -> Iterator[sopkit.Sop]:
    import sopkit

    with sopkit.Sop.load(SEED) as sop:
        yield sop


@pytest.fixture(scope="session")
def cal2024() -> Iterator[sopkit.Calendar]:
    import sopkit

    cal = sopkit.Calendar.indonesia("id-2024")
    yield cal
    cal.close()
