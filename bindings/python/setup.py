"""The compiled part of the package: setuptools builds sopkit._native with cffi
(``cffi_modules`` has no pyproject.toml key yet). Everything else is in
pyproject.toml; see sopkit_build.py for where the library and header are found."""
from setuptools import setup

setup(cffi_modules=["sopkit_build.py:ffibuilder"])
