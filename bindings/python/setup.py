"""The compiled part of the package: setuptools builds sopkit._native with cffi
(``cffi_modules`` has no pyproject.toml key yet). Everything else is in
pyproject.toml; see sopkit_build.py for where the library and header are found.

Every build relinks (no "up to date" module from an earlier build against
another library) in a temporary folder outside the source tree, and puts
libsopkit beside the module, which finds it through its $ORIGIN run path, and
the sopkit program (sopkit-cli, run by `python -m sopkit`): the wheel carries
both and needs nothing from the build tree."""
import atexit
import os
import pathlib
import shutil
import sys
import tempfile

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sopkit_build  # noqa: E402

BUILD = os.environ.get("SOPKIT_PY_BUILD_DIR")
if not BUILD:
    BUILD = tempfile.mkdtemp(prefix="sopkit-py-build-")
    atexit.register(shutil.rmtree, BUILD, True)


class BuildWithLibrary(build_ext):
    def initialize_options(self):
        super().initialize_options()
        self.force = True  # relink against the library named now

    def run(self):
        super().run()
        sopkit_build.copy_runtime(pathlib.Path(self.build_lib) / "sopkit")


setup(version=sopkit_build.header_version(),
      cffi_modules=["sopkit_build.py:ffibuilder"],
      cmdclass={"build_ext": BuildWithLibrary},
      options={"build": {"build_base": BUILD}})
