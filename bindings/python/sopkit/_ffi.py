"""The compiled cffi module and the helpers every wrapper uses.

``sopkit._native`` is built in cffi's API mode (see ``sopkit_build.py``): a
CPython extension compiled against ``sopkit.h`` and linked to libsopkit. Its
generated wrappers release the GIL around every C call
(``Py_BEGIN_ALLOW_THREADS``), so long bulk calls let other Python threads run.
"""
from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, List, TypeVar

from . import errors

try:
    from ._native import ffi as ffi, lib as lib
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
    value: str = ffi.string(ptr).decode("utf-8", errors="replace")
    return value


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


def lang_code(lang: str) -> int:
    """The C ABI's sopkit_language of "id" (Bahasa Indonesia) or "en"."""
    codes = {"id": lib.SOPKIT_LANG_ID, "en": lib.SOPKIT_LANG_EN}
    if lang not in codes:
        raise ValueError(f"lang must be 'id' or 'en', not {lang!r}")
    return int(codes[lang])


def take_text(ptr: Any) -> str:
    """A text the C ABI gave as the caller's (a ``char **`` output): copied into
    a Python str, then released with sopkit_text_free."""
    try:
        return text(ptr)
    finally:
        lib.sopkit_text_free(ptr)


def has(name: str) -> bool:
    """Whether the library this module was built with declares C function `name`."""
    return hasattr(lib, name)


_H = TypeVar("_H", bound="Handle")  # `with Calendar.load(...) as cal`: cal is a Calendar


class Handle:
    """Owns one opaque C handle: freed by :meth:`close`, by ``with``, or by the
    finalizer when the object is garbage collected (whichever comes first).

    Calls release the GIL, so another thread may call :meth:`close` while a
    call is running. Every method that touches the handle holds a lease on it
    for its whole run (the C call and the copy of what it returns): close()
    refuses new calls at once, and the C handle is freed when the last running
    call returns, never under it."""

    __slots__ = ("_ptr", "_finalizer", "_lock", "_users", "_closing", "__weakref__")
    _free: Callable[[Any], None]

    def __init__(self, ptr: Any) -> None:
        import threading
        import weakref

        self._ptr = ptr
        self._lock = threading.Lock()
        self._users = 0
        self._closing = False
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if isinstance(member, property) and _uses_handle(member.fget):
                setattr(cls, name, property(_leased(member.fget), member.fset, member.fdel,
                                            member.__doc__))
            elif callable(member) and not isinstance(member, (classmethod, staticmethod)) \
                    and _uses_handle(member):
                setattr(cls, name, _leased(member))

    @property
    def _handle(self) -> Any:
        if self._ptr is None or self._closing:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    def _lease(self) -> "_Lease":
        """A context in which the C handle stays alive (see the class doc)."""
        return _Lease(self)

    @property
    def closed(self) -> bool:
        """True once close() was called (the C handle is released as soon as no
        call is running on it)."""
        return self._ptr is None or self._closing

    def close(self) -> None:
        """Releases the C handle: now, or when the calls running on it in other
        threads return. Idempotent."""
        with self._lock:
            if self._ptr is None or self._closing:
                return
            self._closing = True
            idle = self._users == 0
        if idle:
            self._release()

    def _release(self) -> None:
        self._ptr = None
        self._finalizer()

    def __enter__(self: _H) -> _H:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Lease:
    __slots__ = ("_owner",)

    def __init__(self, owner: Handle) -> None:
        self._owner = owner

    def __enter__(self) -> Any:
        owner = self._owner
        with owner._lock:
            if owner._ptr is None or owner._closing:
                raise ValueError(f"{type(owner).__name__} is closed")
            owner._users += 1
            return owner._ptr

    def __exit__(self, *exc: object) -> None:
        owner = self._owner
        with owner._lock:
            owner._users -= 1
            last = owner._closing and owner._users == 0 and owner._ptr is not None
        if last:
            owner._release()


def _uses_handle(fn: Any) -> bool:
    """Whether `fn`'s code (comprehensions and nested functions included) reads
    some object's ``_handle``."""
    def reads(code: Any) -> bool:
        return "_handle" in code.co_names or any(
            reads(c) for c in code.co_consts if hasattr(c, "co_names"))

    code = getattr(fn, "__code__", None)
    return code is not None and reads(code)


def _handles_in(args: Any) -> List["Handle"]:
    """The Handle objects among a call's arguments (and inside tuples and lists
    of them, such as ``*others``)."""
    found: List[Handle] = []
    for a in args:
        if isinstance(a, Handle):
            found.append(a)
        elif isinstance(a, (tuple, list)):
            found.extend(x for x in a if isinstance(x, Handle))
    return found


def _leased(fn: Any) -> Any:
    """`fn` run with a lease on its object and on every handle it is given."""
    @functools.wraps(fn)
    def call(self: Handle, *args: Any, **kwargs: Any) -> Any:
        others = _handles_in(args) + _handles_in(kwargs.values())
        if not others:
            with _Lease(self):
                return fn(self, *args, **kwargs)
        with contextlib.ExitStack() as stack:
            for h in [self] + others:
                stack.enter_context(_Lease(h))
            return fn(self, *args, **kwargs)

    return call
