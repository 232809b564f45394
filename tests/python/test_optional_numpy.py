"""numpy is optional: without it everything but the array functions works."""
import os
import subprocess
import sys

from conftest import SEED

SCRIPT = r"""
import sys
sys.modules["numpy"] = None          # makes `import numpy` fail
import sopkit
assert "numpy" not in [m for m in sys.modules if sys.modules[m] is not None]
sop = sopkit.Sop.load(sys.argv[1])
cal = sopkit.Calendar.indonesia("id-2024")
print(sop.schedule("2024-04-05T08:00", cal).due.isoformat())
print(cal.add_days("2024-04-05T14:00", 1).isoformat())
try:
    cal.add_days(["2024-04-05T14:00"], [1])
except ImportError as e:
    print("ImportError", "numpy" in str(e))
"""


def test_scalar_api_works_without_numpy() -> None:
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(SEED)], capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:3] == ["2024-06-04T11:30:00", "2024-04-16T14:00:00",
                                        "ImportError True"]


def test_package_is_typed() -> None:
    import sopkit

    assert os.path.exists(os.path.join(os.path.dirname(sopkit.__file__), "py.typed"))
