"""cffi build script of sopkit's Python bindings (API mode, out of line).

The declarations come from the C ABI header itself (include/sopkit/sopkit.h):
comments, preprocessor lines and the C++ guards are stripped and the rest is
handed to cffi's cdef, so every function the header declares is bound, and a
function added to the header is bound by rebuilding. The compiled module
`sopkit._native` includes the real header (the C compiler checks every
declaration against it) and links libsopkit built by CMake.

Where things are found (environment variables, then defaults):

  SOPKIT_INCLUDE_DIR   folder holding sopkit/sopkit.h   (<repo>/include)
  SOPKIT_LIBRARY       path of libsopkit.so itself      (CMake's $<TARGET_FILE:sopkit>)
  SOPKIT_LIBRARY_DIR   folder holding libsopkit.so      (<repo>/build/release/src, else
                                                          <repo>/build/dev/src)
  SOPKIT_SOURCE_DIR    the repository                   (two folders above this file)
  SOPKIT_CLI           the sopkit program               (<library dir>/../tools/sopkit,
                                                          CMake's $<TARGET_FILE:sopkit_cli>)

The library is copied beside the compiled module (sopkit/libsopkit.so.MAJOR)
with the sopkit program beside it (sopkit/sopkit-cli, what `python -m sopkit`
runs), and the module's run path is $ORIGIN, so a package (a wheel, an installed
venv, an in-tree build folder) carries the very library it was compiled
against and needs nothing from the build tree once built.

Run directly to build the module into a folder (used by CTest in-tree):

  /usr/bin/python3 bindings/python/sopkit_build.py --out build/dev/tests/python/ext
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

from cffi import FFI

HERE = pathlib.Path(__file__).resolve().parent


def source_dir():
    env = os.environ.get("SOPKIT_SOURCE_DIR")
    return pathlib.Path(env) if env else HERE.parents[1]


def include_dir():
    env = os.environ.get("SOPKIT_INCLUDE_DIR")
    return pathlib.Path(env) if env else source_dir() / "include"


def library_dir():
    if os.environ.get("SOPKIT_LIBRARY"):
        return pathlib.Path(os.environ["SOPKIT_LIBRARY"]).resolve().parent
    if os.environ.get("SOPKIT_LIBRARY_DIR"):
        return pathlib.Path(os.environ["SOPKIT_LIBRARY_DIR"]).resolve()
    for preset in ("release", "dev"):
        candidate = source_dir() / "build" / preset / "src"
        if (candidate / "libsopkit.so").exists():
            return candidate
    sys.exit("sopkit: libsopkit.so not found; build it (cmake --preset release && "
             "cmake --build --preset release) or set SOPKIT_LIBRARY_DIR")


def header_to_cdef(text):
    """The C declarations of sopkit.h in the subset of C that cffi's cdef reads."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"\\\n", " ", text)  # join continued preprocessor lines
    out, skip_depth, depth = [], None, 0
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            words = s[1:].split()
            directive = words[0] if words else ""
            if directive in ("if", "ifdef", "ifndef"):
                depth += 1
                if skip_depth is None and "__cplusplus" in s:
                    skip_depth = depth
            elif directive == "endif":
                if skip_depth == depth:
                    skip_depth = None
                depth -= 1
            elif directive == "define" and skip_depth is None:
                m = re.fullmatch(r"#\s*define\s+(SOPKIT_\w+)\s+(-?\d+)", s)
                if m:  # plain integer constants: cffi reads them
                    out.append(f"#define {m.group(1)} {m.group(2)}")
            continue
        if skip_depth is None:
            out.append(line)
    cdef = "\n".join(out).replace("SOPKIT_API", "")
    return cdef


def exported_functions(library):
    """The sopkit_* functions the built library exports (None when nm is missing)."""
    try:
        p = subprocess.run(["nm", "-D", "--defined-only", str(library)], capture_output=True,
                           text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return {line.split()[-1].split("@")[0] for line in p.stdout.splitlines()
            if line.split() and line.split()[-1].startswith("sopkit_")}


def keep_exported(cdef, exported):
    """`cdef` without the declarations of functions the library does not export
    (the header can run ahead of a library that has not been rebuilt yet: those
    functions are left out, and the package reports them missing)."""
    if exported is None:
        return cdef, []
    kept, dropped, depth, start = [], [], 0, 0
    for i, ch in enumerate(cdef):
        if ch in "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == ";" and depth == 0:
            stmt = cdef[start:i + 1]
            start = i + 1
            m = re.search(r"\b(sopkit_\w+)\s*\(", stmt)
            if m and not stmt.lstrip().startswith("typedef") and m.group(1) not in exported:
                dropped.append(m.group(1))
                continue
            kept.append(stmt)
    kept.append(cdef[start:])
    return "".join(kept), dropped


def library_file():
    """The library the module needs at run time: (path of the real file, the
    name the module asks for, i.e. its SONAME "libsopkit.so.MAJOR")."""
    real = (library_dir() / "libsopkit.so").resolve()
    m = re.match(r"(libsopkit\.so\.\d+)", real.name)
    return real, (m.group(1) if m else "libsopkit.so")


def copy_library(package_dir):
    """Copies libsopkit beside the compiled module, under its SONAME."""
    real, soname = library_file()
    package_dir = pathlib.Path(package_dir)
    package_dir.mkdir(parents=True, exist_ok=True)
    target = package_dir / soname
    tmp = target.with_name(target.name + ".tmp")
    shutil.copy2(real, tmp)
    os.replace(tmp, target)  # never a half-copied library beside the module
    return target


CLI_NAME = "sopkit-cli"


def cli_file():
    """The sopkit program built with the library (`python -m sopkit` runs it)."""
    env = os.environ.get("SOPKIT_CLI")
    return pathlib.Path(env) if env else library_dir().parent / "tools" / "sopkit"


def copy_cli(package_dir, required=True):
    """Copies the sopkit program beside the module as sopkit-cli (executable).
    A package must carry it; an in-tree test build of a tree configured without
    the program (SOPKIT_BUILD_TOOLS=OFF) goes without, and says so."""
    source = cli_file()
    if not source.is_file():
        message = (f"sopkit: the sopkit program is not at {source}; build it (cmake --build "
                   "--preset release --target sopkit_cli) or set SOPKIT_CLI")
        if required:
            sys.exit(message)
        print(message + "; python -m sopkit will say it is missing", file=sys.stderr)
        return None
    target = pathlib.Path(package_dir) / CLI_NAME
    tmp = target.with_name(target.name + ".tmp")
    shutil.copy2(source, tmp)
    os.chmod(tmp, 0o755)
    os.replace(tmp, target)
    return target


def copy_runtime(package_dir, cli_required=True):
    """What the module needs beside it at run time: the library and the program."""
    copy_library(package_dir)
    copy_cli(package_dir, cli_required)


HEADER = include_dir() / "sopkit" / "sopkit.h"


def header_version():
    """"MAJOR.MINOR.PATCH" of the header's SOPKIT_VERSION_* macros: the one
    version of the project (CMake reads it there too)."""
    text = HEADER.read_text(encoding="utf-8")
    parts = [re.search(rf"^#define SOPKIT_VERSION_{p} (\d+)$", text, re.M) for p in
             ("MAJOR", "MINOR", "PATCH")]
    if not all(parts):
        sys.exit(f"sopkit: no SOPKIT_VERSION_MAJOR/MINOR/PATCH in {HEADER}")
    return ".".join(m.group(1) for m in parts)

_libdir = str(library_dir())
_cdef, MISSING = keep_exported(header_to_cdef(HEADER.read_text(encoding="utf-8")),
                               exported_functions(pathlib.Path(_libdir) / "libsopkit.so"))
if MISSING:
    print(f"sopkit_build: the library in {_libdir} lacks {len(MISSING)} function(s) the header "
          f"declares; not bound: {', '.join(MISSING)}", file=sys.stderr)

ffibuilder = FFI()
ffibuilder.cdef(_cdef)
# The header's version, compiled in: the package refuses a library whose major
# version differs from the header it was built against.
ffibuilder.cdef("unsigned sopkit_py_header_version(void);")
ffibuilder.set_source(
    "sopkit._native",
    '#include "sopkit/sopkit.h"\n'
    "static unsigned sopkit_py_header_version(void) { return SOPKIT_VERSION_NUMBER; }\n",
    include_dirs=[str(include_dir())],
    library_dirs=[_libdir],
    libraries=["sopkit"],
    extra_compile_args=["-O2"],
    # RUNPATH $ORIGIN: the library copied beside the module (copy_library).
    extra_link_args=["-Wl,-rpath,$ORIGIN", "-Wl,--enable-new-dtags"],
)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder to write sopkit/_native*.so into")
    a = ap.parse_args()
    out = pathlib.Path(a.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    path = ffibuilder.compile(tmpdir=str(out), verbose=False)
    copy_runtime(out / "sopkit", cli_required=False)
    print(path)


if __name__ == "__main__":
    main()
