"""Exceptions raised by sopkit, one per status code of the C ABI.

Every failing C call becomes an instance of a subclass of :class:`sopkit.Error`
carrying the status code and the full message of ``sopkit_last_error()`` (file,
line, JSON pointer or step, and what would be right). Each class also derives
from the built-in exception a Python caller would expect (``ValueError`` for bad
input, ``OSError`` for files, ``LookupError`` for unknown ids), so generic
``except ValueError`` handlers keep working.
"""
from __future__ import annotations

from typing import Dict, Type

__all__ = [
    "Error", "InvalidArgumentError", "ParseError", "FormatError", "SopkitIOError",
    "ValidationError", "NotFoundError", "RangeError", "SopkitMemoryError",
    "SopkitBufferError", "NotComputableError", "InternalError", "error_for_status",
]


class Error(Exception):
    """Base of every sopkit failure.

    Attributes:
        status: the C status code (negative ``SOPKIT_E*`` value).
        status_name: the short text ``sopkit_status_str()`` gives for it.
        message: the full message of the failure.
    """

    status: int = 0

    def __init__(self, message: str, status: int | None = None, status_name: str = "") -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
        self.status_name = status_name
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidArgumentError(Error, ValueError):
    """SOPKIT_EINVAL: an argument outside the function's contract."""
    status = -1


class ParseError(Error, ValueError):
    """SOPKIT_EPARSE: text that is not well-formed (JSON, CSV, a waktu text, an instant)."""
    status = -2


class FormatError(Error, ValueError):
    """SOPKIT_EFORMAT: well-formed text with a wrong structure, type or value."""
    status = -3


class SopkitIOError(Error, OSError):
    """SOPKIT_EIO: a file could not be read or written (also an ``OSError``)."""
    status = -4

    def __str__(self) -> str:  # OSError's own __str__ would show the args tuple
        return self.message


class ValidationError(Error, ValueError):
    """SOPKIT_EVALIDATION: the document breaks a rule the operation needs."""
    status = -5


class NotFoundError(Error, LookupError):
    """SOPKIT_ENOTFOUND: an id, key or calendar that does not exist."""
    status = -6


class RangeError(Error, ValueError):
    """SOPKIT_ERANGE: an instant or value outside the data's coverage."""
    status = -7


class SopkitMemoryError(Error, MemoryError):
    """SOPKIT_ENOMEM: the library could not allocate memory."""
    status = -8


class SopkitBufferError(Error, BufferError):
    """SOPKIT_EBUFFER: a buffer was too small (the bindings size buffers themselves)."""
    status = -9


class NotComputableError(Error, ValueError):
    """SOPKIT_ENOTCOMPUTABLE: the result has no value for these inputs."""
    status = -10


class InternalError(Error, RuntimeError):
    """SOPKIT_EINTERNAL: a bug in sopkit; please report it with the message."""
    status = -11


class UnsupportedError(Error, NotImplementedError):
    """SOPKIT_EUNSUPPORTED: left out of this build (the store without SQLite)."""
    status = -12


_BY_STATUS: Dict[int, Type[Error]] = {
    cls.status: cls
    for cls in (InvalidArgumentError, ParseError, FormatError, SopkitIOError, ValidationError,
                NotFoundError, RangeError, SopkitMemoryError, SopkitBufferError,
                NotComputableError, InternalError, UnsupportedError)
}


def error_for_status(status: int) -> Type[Error]:
    """The exception class of a C status code (:class:`Error` for a code added later)."""
    return _BY_STATUS.get(status, Error)
