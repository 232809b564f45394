"""The compiled cffi module and the helpers every wrapper uses.

``sopkit._native`` is built in cffi's API mode (see ``sopkit_build.py``): a
CPython extension compiled against ``sopkit.h`` and linked to libsopkit. Its
generated wrappers release the GIL around every C call
(``Py_BEGIN_ALLOW_THREADS``), so long bulk calls let other Python threads run.
"""
from __future__ import annotations

from typing import Any, Callable

from . import errors

try:
    from ._native import ffi, lib  # type: ignore[import-not-found]
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError(
        "sopkit's compiled module sopkit._native is missing or cannot load libsopkit "
        f"({e}); install the package with pip, or build it in-tree with "
        "bindings/python/sopkit_build.py --out <dir> and put <dir> on sys.path") from e

_header = lib.sopkit_py_header_version()
_library = lib.sopkit_version_number()
if _header // 10000 != _library // 10000:  # pragma: no cover - needs a mismatched build
    raise ImportError(f"sopkit: library version {_library} does not match the header "
                      f"version {_header} the module was built against")

NULL = ffi.NULL


def text(ptr: Any) -> str:
    """A borrowed NUL-terminated UTF-8 C string, copied into a Python str."""
    if ptr == NULL:
        return ""
    return ffi.string(ptr).decode("utf-8", errors="replace")


def raise_for(status: int) -> None:
    """Raises the exception of a failed call; the message is read at once, on the
    calling thread (sopkit_last_error() is per thread)."""
    message = text(lib.sopkit_last_error()) or text(lib.sopkit_status_str(status))
    # A calendar's coverage error names the call that loads more years: the
    # Python one here, not the C one.
    message = message.replace("sopkit_calendar_load_years(&cal, 2023, 2026)",
                              "sopkit.Calendar.indonesia(2023, 2026)")
    cls = errors.error_for_status(status)
    raise cls(message, status, text(lib.sopkit_status_str(status)))


def check(status: int) -> None:
    """Raises for any status other than SOPKIT_OK."""
    if status != 0:
        raise_for(status)


def cstr(value: str) -> bytes:
    """A Python str as UTF-8 bytes for a ``const char *`` argument."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    data = value.encode("utf-8")
    if b"\0" in data:
        raise ValueError("text must not contain NUL characters")
    return data


def has(name: str) -> bool:
    """Whether the library this module was built with declares C function `name`."""
    return hasattr(lib, name)


class Handle:
    """Owns one opaque C handle: freed by :meth:`close`, by ``with``, or by the
    finalizer when the object is garbage collected (whichever comes first)."""

    __slots__ = ("_ptr", "_finalizer", "__weakref__")
    _free: Callable[[Any], None]

    def __init__(self, ptr: Any) -> None:
        import weakref

        self._ptr = ptr
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    @property
    def _handle(self) -> Any:
        if self._ptr is None:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    @property
    def closed(self) -> bool:
        """True once the C handle has been released."""
        return self._ptr is None

    def close(self) -> None:
        """Releases the C handle now. Idempotent."""
        if self._ptr is not None:
            self._ptr = None
            self._finalizer()

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
