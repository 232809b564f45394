#!/usr/bin/python3
"""The package builds into a wheel that stands alone, as a user would make it
offline, and works from a fresh venv after the build folder is gone.

  1. copies bindings/python to a temporary folder, and the library to another
     (the "build folder" the wheel is made from);
  2. pip wheel --no-deps --no-build-isolation --no-index: the wheel must carry
     sopkit/libsopkit.so.MAJOR beside the module, whose RUNPATH is $ORIGIN, and
     the source copy must stay clean (the build happens outside it);
  3. /usr/bin/python3 -m venv --system-site-packages, pip install the wheel;
  4. deletes the library's folder (with the copy of the sopkit program) and the
     source copy, then imports sopkit from the venv, schedules the seed and runs
     `python -m sopkit analyze`: the program the wheel carries (sopkit/sopkit-cli)
     must print what the build's program printed.

Usage: SOPKIT_LIBRARY=build/dev/src/libsopkit.so SOPKIT_CLI=build/dev/tools/sopkit SOPKIT_SOURCE_DIR=. \
         /usr/bin/python3 check_install.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from typing import Any, Dict

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


def run(cmd: Any, **kw: Any) -> None:
    print("$ " + " ".join(map(str, cmd)), flush=True)
    subprocess.run(list(map(str, cmd)), check=True, **kw)


def library_copy(env: Dict[str, str], folder: pathlib.Path) -> pathlib.Path:
    """The library (and its SONAME link) copied into `folder`: a build folder
    the test can delete after the wheel is made."""
    real = pathlib.Path(env["SOPKIT_LIBRARY"]).resolve()
    folder.mkdir()
    shutil.copy2(real, folder / real.name)
    soname = ".".join(real.name.split(".")[:3])  # libsopkit.so.MAJOR
    if soname != real.name:
        (folder / soname).symlink_to(real.name)
    (folder / "libsopkit.so").symlink_to(real.name)
    return folder / "libsopkit.so"


def program_copy(env: Dict[str, str], folder: pathlib.Path) -> pathlib.Path:
    """The sopkit program copied into `folder` (deleted with the build folder)."""
    folder.mkdir()
    shutil.copy2(env["SOPKIT_CLI"], folder / "sopkit")
    return folder / "sopkit"


def check_wheel(wheel: pathlib.Path, src: pathlib.Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    libs = [n for n in names if n.startswith("sopkit/libsopkit.so")]
    assert libs and any(n.startswith("sopkit/_native") for n in names), names
    cli = archive.getinfo("sopkit/sopkit-cli")
    assert (cli.external_attr >> 16) & 0o111, "sopkit/sopkit-cli is not executable in the wheel"
    assert not (src / "build").exists(), "the wheel was built inside the source folder"
    print("wheel carries", ", ".join(libs))


def check_rebuild_takes_the_new_library(env: Dict[str, str], src: pathlib.Path,
                                        tmp: pathlib.Path) -> None:
    """A second wheel from the same source copy, against another library file
    (the same library with one byte appended), carries that other file: nothing
    of the first build is reused as "up to date"."""
    other = tmp / "other"
    other.mkdir()
    real = pathlib.Path(env["SOPKIT_LIBRARY"]).resolve()
    changed = other / real.name
    changed.write_bytes(real.read_bytes() + b"\0")
    (other / "libsopkit.so").symlink_to(real.name)
    run(["/usr/bin/python3", "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", tmp / "wheels2", src], env=dict(env, SOPKIT_LIBRARY=str(other / "libsopkit.so")))
    wheel = zipfile.ZipFile(next((tmp / "wheels2").glob("sopkit-*.whl")))
    carried = [n for n in wheel.namelist() if n.startswith("sopkit/libsopkit.so")]
    assert wheel.read(carried[0]) == changed.read_bytes(), "the rebuilt wheel kept the old library"
    shutil.rmtree(other)
    print("rebuild against another library: relinked")


def check_runpath(py: pathlib.Path, env: Dict[str, str]) -> None:
    native = subprocess.run([str(py), "-c", "import sopkit._native as m; print(m.__file__)"],
                            env=env, capture_output=True, text=True, check=True).stdout.strip()
    dynamic = subprocess.run(["readelf", "-d", native], capture_output=True, text=True,
                             check=True).stdout
    assert "Library runpath: [$ORIGIN]" in dynamic, dynamic
    print("RUNPATH $ORIGIN:", native)


def main() -> None:
    env = dict(os.environ)
    env.setdefault("SOPKIT_SOURCE_DIR", str(ROOT))
    env.setdefault("SOPKIT_INCLUDE_DIR", str(ROOT / "include"))
    env.pop("PYTHONPATH", None)  # the venv must find its own copy
    env.pop("SOPKIT_LIBRARY_DIR", None)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="sopkit-pip-"))
    try:
        env["SOPKIT_LIBRARY"] = str(library_copy(env, tmp / "build"))
        program = program_copy(env, tmp / "build" / "tools")
        env["SOPKIT_CLI"] = str(program)
        src = tmp / "src"
        shutil.copytree(ROOT / "bindings" / "python", src,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "_native*"))
        run(["/usr/bin/python3", "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
             "--no-index", "-w", tmp / "wheels", src], env=env)
        wheel = next((tmp / "wheels").glob("sopkit-*.whl"))
        check_wheel(wheel, src)
        check_rebuild_takes_the_new_library(env, src, tmp)
        run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", tmp / "venv"])
        py = tmp / "venv" / "bin" / "python"
        run([py, "-m", "pip", "install", "-q", "--no-index", wheel], env=env)
        expected = subprocess.run([str(program), "analyze", str(SEED)], capture_output=True,
                                  text=True, check=True).stdout
        shutil.rmtree(tmp / "build")  # the library's build folder is gone:
        shutil.rmtree(src)  # the wheel's copy is what loads
        del env["SOPKIT_LIBRARY"], env["SOPKIT_CLI"]
        check_runpath(py, env)
        run([py, "-c", CHECK, SEED], env=env, cwd=tmp)
        out = subprocess.run([str(py), "-m", "sopkit", "analyze", str(SEED)], env=env, cwd=tmp,
                             capture_output=True, text=True, check=True).stdout
        assert out == expected and "14160 working minutes" in out, out
        print("python -m sopkit analyze: the packaged program's output")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
