#!/usr/bin/python3
"""The package installs offline, as a user would, and works from the venv.

  1. copies bindings/python to a temporary folder (pip builds in the source
     folder; the repository stays clean);
  2. /usr/bin/python3 -m venv --system-site-packages <tmp>/venv
  3. <tmp>/venv/bin/python -m pip install --no-build-isolation --no-index <copy>
     (SOPKIT_LIBRARY / SOPKIT_INCLUDE_DIR say which libsopkit and header);
  4. imports sopkit from the venv (not from the source tree), schedules the seed
     and runs `python -m sopkit analyze`.

Usage: SOPKIT_LIBRARY=build/dev/src/libsopkit.so SOPKIT_SOURCE_DIR=. /usr/bin/python3 check_install.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(os.environ.get("SOPKIT_SOURCE_DIR") or pathlib.Path(__file__).resolve().parents[2])
SEED = ROOT / "examples" / "sop-monev-capaian-kinerja.json"

CHECK = r"""
import os, sys, sopkit
assert sopkit.__file__.startswith(sys.prefix), sopkit.__file__
assert os.path.exists(os.path.join(os.path.dirname(sopkit.__file__), "py.typed"))
with sopkit.Sop.load(sys.argv[1]) as sop, sopkit.Calendar.indonesia("id-2024") as cal:
    a = sop.analyze()
    assert (a.total_minutes, a.total_text) == (14160, "31 hari 3 jam 30 menit")
    assert sop.schedule("2024-04-05T08:00", cal).due.isoformat() == "2024-06-04T11:30:00"
print("installed", sopkit.__version__, "at", sopkit.__file__)
"""


def run(cmd, **kw):
    print("$ " + " ".join(map(str, cmd)), flush=True)
    subprocess.run(list(map(str, cmd)), check=True, **kw)


def main():
    env = dict(os.environ)
    env.setdefault("SOPKIT_SOURCE_DIR", str(ROOT))
    env.setdefault("SOPKIT_INCLUDE_DIR", str(ROOT / "include"))
    env.pop("PYTHONPATH", None)  # the venv must find its own copy
    for var in ("SOPKIT_LIBRARY", "SOPKIT_LIBRARY_DIR"):  # pip builds in another folder
        if env.get(var):
            env[var] = str(pathlib.Path(env[var]).resolve())
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="sopkit-pip-"))
    try:
        src = tmp / "src"
        shutil.copytree(ROOT / "bindings" / "python", src,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "_native*"))
        run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", tmp / "venv"])
        py = tmp / "venv" / "bin" / "python"
        run([py, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-index", src], env=env)
        run([py, "-c", CHECK, SEED], env=env, cwd=tmp)
        out = subprocess.run([str(py), "-m", "sopkit", "analyze", str(SEED)], env=env, cwd=tmp,
                             capture_output=True, text=True, check=True).stdout
        assert "31 hari 3 jam 30 menit = 14160 working minutes" in out, out
        print("python -m sopkit analyze: ok")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
