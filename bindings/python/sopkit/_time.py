"""Instants between Python and the C ABI.

The C ABI counts local civil time in whole minutes since 1970-01-01T00:00 (no
time zone), exactly numpy's ``datetime64[m]``. Accepted as an instant:

* ``datetime.datetime`` (naive: office time is local wall-clock time; seconds
  are dropped, as numpy's ``astype('datetime64[m]')`` does),
* ``datetime.date`` (its 00:00),
* ``numpy.datetime64`` (any unit, converted to minutes),
* ``str`` in the C ABI's forms ("2024-04-05T08:00", "2024-04-05 08:00",
  "2024-04-05"), parsed by ``sopkit_instant_parse``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Union

from ._ffi import check, cstr, ffi, lib

EPOCH = _dt.datetime(1970, 1, 1)

InstantLike = Union[_dt.datetime, _dt.date, str, Any]  # Any: numpy.datetime64


def to_minutes(value: InstantLike) -> int:
    """The C ABI's int64 minutes of one instant."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            raise ValueError("sopkit instants are local office time: pass a naive datetime "
                             "(e.g. dt.replace(tzinfo=None) after converting to the office's zone)")
        delta = value - EPOCH
        return delta.days * 1440 + delta.seconds // 60
    if isinstance(value, _dt.date):
        return (value - EPOCH.date()).days * 1440
    if isinstance(value, str):
        out = ffi.new("int64_t *")
        check(lib.sopkit_instant_parse(cstr(value), out))
        return int(out[0])
    if type(value).__name__ == "datetime64":
        import numpy as np

        if np.isnat(value):
            raise ValueError("NaT is not an instant")
        return int(value.astype("datetime64[m]").astype(np.int64))
    raise TypeError(f"expected datetime, date, numpy.datetime64 or str, got {type(value).__name__}")


def from_minutes(minutes: int) -> _dt.datetime:
    """A naive ``datetime.datetime`` of the C ABI's int64 minutes."""
    return EPOCH + _dt.timedelta(minutes=int(minutes))


def parse_instant(text: str) -> _dt.datetime:
    """Parses "2024-04-05T08:00" (also with a space, or a date alone = 00:00).

    Raises:
        ParseError: bad text or a date that does not exist (the message names it).
    """
    out = ffi.new("int64_t *")
    check(lib.sopkit_instant_parse(cstr(text), out))
    return from_minutes(out[0])


def format_instant(value: InstantLike) -> str:
    """The C ABI's text of an instant, "YYYY-MM-DDTHH:MM"."""
    buf = ffi.new("char[32]")
    check(lib.sopkit_instant_format(to_minutes(value), buf, 32, ffi.NULL))
    formatted: str = ffi.string(buf).decode("ascii")
    return formatted
