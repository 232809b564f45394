"""Working calendars: office hours, holidays and cuti bersama, and working-time
arithmetic at minute precision (docs/calendar.md).

    >>> cal = Calendar.indonesia("id-2024")
    >>> cal.add_days(datetime(2024, 4, 5, 16, 0), 1)      # Lebaran 8-15 April skipped
    datetime.datetime(2024, 4, 16, 16, 0)
    >>> cal.add_minutes(np.array(["2024-04-05T15:00"], "datetime64[m]"), [120])
    array(['2024-04-16T08:00'], dtype='datetime64[m]')

Single instants come and go as ``datetime``; arrays as numpy ``datetime64[m]``,
passed to the C bulk functions by address. Every operation refuses instants
outside the calendar's coverage with :class:`RangeError`: a calendar never
guesses about a year whose holidays it does not know.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from typing import Any, List, Optional, Union, overload

from . import _arrays
from ._ffi import Handle, check, cstr, ffi, lib, take_text
from ._time import InstantLike, from_minutes, to_minutes

__all__ = ["Calendar", "Holiday", "HOLIDAY_KINDS"]

PathLike = Union[str, "os.PathLike[str]"]

#: The kinds of a day off: libur nasional, cuti bersama, a regional (local) day.
HOLIDAY_KINDS = ("holiday", "cuti_bersama", "local")


@dataclass(frozen=True)
class Holiday:
    """A day off of a calendar: its date, name, kind (one of
    :data:`HOLIDAY_KINDS`) and the decree that sets it."""

    date: _dt.date
    name: str
    kind: str
    decree: str


def _date_number(value: InstantLike) -> int:
    """Days since 1970-01-01 of a date (a datetime's own date)."""
    return to_minutes(value) // 1440


def _calendar_flags(ramadan_hours: bool) -> int:
    if not isinstance(ramadan_hours, bool):
        raise TypeError(f"ramadan_hours must be True or False, got {ramadan_hours!r}")
    return 0 if ramadan_hours else int(lib.SOPKIT_CALENDAR_NO_RAMADAN_HOURS)


class Calendar(Handle):
    """An immutable working calendar. Thread-safe: any number of threads may use
    one calendar at once. Free it with ``close()`` or ``with``, or leave it to
    the garbage collector."""

    __slots__ = ("_label",)
    _free = lib.sopkit_calendar_free

    def __init__(self, ptr: Any, label: str) -> None:
        super().__init__(ptr)
        self._label = label

    def __repr__(self) -> str:
        return f"<sopkit.Calendar {self._label}{' (closed)' if self.closed else ''}>"

    # ---- making calendars ------------------------------------------------

    @classmethod
    def _make(cls, label: str, call: Any, *args: Any) -> "Calendar":
        out = ffi.new("sopkit_calendar **")
        check(call(out, *args))
        return cls(out[0], label)

    @classmethod
    def asn(cls, first_year: int, last_year: Optional[int] = None) -> "Calendar":
        """The 5-day ASN week (Mon-Thu 07:30-16:00, Fri 07:30-16:30, breaks
        12:00-13:00 and Fri 11:30-13:00) with no holidays, covering
        first_year..last_year (default: that one year).

        Raises:
            InvalidArgumentError: years backwards or outside 1900..2200.
        """
        last = first_year if last_year is None else last_year
        return cls._make(f"asn {first_year}..{last}", lib.sopkit_calendar_new_asn,
                         int(first_year), int(last))

    @classmethod
    def indonesia(cls, first: Union[str, int], last_year: Optional[int] = None, *,
                  ramadan_hours: bool = True,
                  regional: Optional[PathLike] = None) -> "Calendar":
        """A shipped Indonesian calendar: the ASN week plus the national holidays
        and cuti bersama of the SKB 3 Menteri, by id (``"id-2024"``) or by years
        (``indonesia(2023, 2026)``, ``indonesia(2024)``). In Ramadan it applies
        the Ramadan week of Perpres 21/2023 (Mon-Thu 08:00-15:00, Fri
        08:00-15:30); ``ramadan_hours=False`` keeps the normal week. Data are
        read from ``$SOPKIT_DATA_DIR/calendars`` when set, else from the
        library's data.

        ``regional`` names a region's own ``sopkit.calendar/1`` holiday file
        added on top (docs/calendar.md "Regional holidays"): a date that is a
        holiday in both keeps the national entry, the region's other days are
        kind ``local``, its entries outside the national years are left out.

        Raises:
            NotFoundError: no data for that id or year.
            SopkitIOError, ParseError, FormatError: unreadable or broken data file.
            ValidationError: a date the two files define differently (a holiday
                in one, office hours in the other; the message names both).
        """
        flags = _calendar_flags(ramadan_hours)
        if isinstance(first, str):
            if last_year is not None:
                raise TypeError("give an id alone, or first and last year")
            if regional is None:
                return cls._make(first, lib.sopkit_calendar_load_id_flags, cstr(first), flags)
            path = os.fspath(regional)
            return cls._make(f"{first} + {path}", lib.sopkit_calendar_load_id_regional,
                             cstr(first), cstr(path), flags)
        last = first if last_year is None else last_year
        label = f"id-{first}..{last}"
        if regional is None:
            return cls._make(label, lib.sopkit_calendar_load_years_flags, int(first), int(last),
                             flags)
        path = os.fspath(regional)
        return cls._make(f"{label} + {path}", lib.sopkit_calendar_load_years_regional,
                         int(first), int(last), cstr(path), flags)

    @classmethod
    def load(cls, path: PathLike, *, ramadan_hours: bool = True,
             regional: Optional[PathLike] = None) -> "Calendar":
        """A calendar from a ``sopkit.calendar/1`` file (an agency's own week,
        local holidays, overrides, Ramadan periods). ``ramadan_hours=False``
        keeps the normal week through the file's Ramadan periods; ``regional``
        adds a region's holiday file on top, as :meth:`indonesia`.

        Raises:
            SopkitIOError, ParseError, FormatError (message has the JSON pointer),
            ValidationError (office hours that overlap or run backwards; a date
            the two files define differently).
        """
        p = os.fspath(path)
        flags = _calendar_flags(ramadan_hours)
        if regional is None:
            return cls._make(p, lib.sopkit_calendar_load_file_flags, cstr(p), flags)
        extra = os.fspath(regional)
        return cls._make(f"{p} + {extra}", lib.sopkit_calendar_load_file_regional, cstr(p),
                         cstr(extra), flags)

    @classmethod
    def from_json(cls, text: str) -> "Calendar":
        """A calendar from ``sopkit.calendar/1`` JSON text. Errors as :meth:`load`."""
        data = text.encode("utf-8")
        return cls._make("<json>", lib.sopkit_calendar_load_json, data, len(data))

    # ---- single instants ---------------------------------------------------

    def is_working_time(self, t: InstantLike) -> bool:
        """Whether the minute at `t` lies inside office hours on a working day."""
        out = ffi.new("int *")
        check(lib.sopkit_calendar_is_working_time(self._handle, to_minutes(t), out))
        return bool(out[0])

    def next_working(self, t: InstantLike) -> _dt.datetime:
        """The first working instant at or after `t`."""
        out = ffi.new("int64_t *")
        check(lib.sopkit_calendar_next_working(self._handle, to_minutes(t), out))
        return from_minutes(out[0])

    def add(self, t: InstantLike, amount: Union[str, _dt.timedelta]) -> _dt.datetime:
        """`t` plus a working duration: a standard-time text (``"2 hari 3 jam"``:
        days keep the clock time, then office minutes; the upper end of a range)
        or a ``timedelta`` counted as **office time** (``timedelta(hours=2)`` = 120
        office minutes; it must be whole minutes, not negative).

        Raises:
            ParseError: a text that is not a standard time.
            RangeError: `t` or the result outside the coverage.
        """
        out = ffi.new("int64_t *")
        if isinstance(amount, str):
            check(lib.sopkit_calendar_add_text(self._handle, to_minutes(t), cstr(amount), out))
        elif isinstance(amount, _dt.timedelta):
            minutes, rest = divmod(amount, _dt.timedelta(minutes=1))
            if rest:
                raise ValueError(f"{amount} is not a whole number of minutes")
            check(lib.sopkit_calendar_add_minutes(self._handle, to_minutes(t), minutes, out))
        else:
            raise TypeError("amount: a standard-time text or a timedelta; use add_minutes or "
                            "add_days for numbers")
        return from_minutes(out[0])

    @overload
    def add_minutes(self, t: InstantLike, minutes: int, out: None = None) -> _dt.datetime: ...
    @overload
    def add_minutes(self, t: Any, minutes: Any, out: Any = None) -> Any: ...

    def add_minutes(self, t: Any, minutes: Any, out: Any = None) -> Any:
        """`t` plus `minutes` of office time (breaks, evenings, weekends and
        holidays skipped): the earliest instant at which that much office time
        has passed.

        Scalars give a ``datetime``. Arrays (``datetime64`` starts, integer or
        ``timedelta64`` amounts, broadcast against each other) go through one
        C bulk call and give a ``datetime64[m]`` array; `out`, when given, is
        that array and is written in place (it may be the `t` array itself).

        Raises:
            InvalidArgumentError: a negative amount (nothing written).
            RangeError: an instant or result outside the coverage (the message
                names the element; `out` then holds unspecified values).
        """
        if out is None and not (_arrays.is_array_like(t) or _arrays.is_array_like(minutes)):
            if isinstance(minutes, _dt.timedelta):
                return self.add(t, minutes)
            res = ffi.new("int64_t *")
            check(lib.sopkit_calendar_add_minutes(self._handle, to_minutes(t), int(minutes), res))
            return from_minutes(res[0])
        return self._bulk(lib.sopkit_calendar_add_minutes_bulk, t, minutes, out, "m")

    @overload
    def add_days(self, t: InstantLike, days: int, out: None = None) -> _dt.datetime: ...
    @overload
    def add_days(self, t: Any, days: Any, out: Any = None) -> Any: ...

    def add_days(self, t: Any, days: Any, out: Any = None) -> Any:
        """`t` plus `days` working days: the clock time is kept and non-working
        days are skipped; a start outside office hours first moves to the next
        opening. Scalars and arrays as :meth:`add_minutes` (amounts must be
        integers). Errors as :meth:`add_minutes`."""
        if out is None and not (_arrays.is_array_like(t) or _arrays.is_array_like(days)):
            res = ffi.new("int64_t *")
            check(lib.sopkit_calendar_add_days(self._handle, to_minutes(t), int(days), res))
            return from_minutes(res[0])
        return self._bulk(lib.sopkit_calendar_add_days_bulk, t, days, out, None)

    def _bulk(self, fn: Any, t: Any, amount: Any, out: Any, unit: Optional[str]) -> Any:
        np = _arrays.numpy()
        start = _arrays.instants(t, "start")
        amt = _arrays.amounts(amount, "amount", unit)
        start, amt = _arrays.broadcast(start, amt)
        out = _arrays.output(out, start.shape, "datetime64[m]")
        if np.may_share_memory(out, amt):
            raise ValueError("out must not overlap the amounts")
        if (np.may_share_memory(out, start)
                and out.__array_interface__["data"][0] != start.__array_interface__["data"][0]):
            raise ValueError("out may be the start array itself, but must not partly overlap it")
        missing = np.isnat(start)
        if missing.any():  # NaT stays NaT: only the instants there go to C
            known = ~missing
            part = np.empty(int(known.sum()), dtype="datetime64[m]")
            self._call_bulk(fn, np.ascontiguousarray(start[known]),
                            np.ascontiguousarray(amt[known]), part)
            out[known] = part
            out[missing] = np.datetime64("NaT")
        else:
            self._call_bulk(fn, start, amt, out)
        return _arrays.like_input(out, t)

    def _call_bulk(self, fn: Any, start: Any, amt: Any, out: Any) -> None:
        check(fn(self._handle, _arrays.pointer(ffi, "int64_t[]", start),
                 _arrays.pointer(ffi, "int64_t[]", amt),
                 _arrays.pointer(ffi, "int64_t[]", out, writable=True), start.size))

    def between(self, a: Any, b: Any) -> Any:
        """Office minutes from `a` to `b` (negative when `b` is before `a`).

        Scalars give an ``int``. Arrays (``datetime64``, broadcast together) give
        an int64 array from one bulk C call, reading the inputs without a copy
        when they are already ``datetime64[m]``.
        """
        if not (_arrays.is_array_like(a) or _arrays.is_array_like(b)):
            res = ffi.new("int64_t *")
            check(lib.sopkit_calendar_minutes_between(self._handle, to_minutes(a),
                                                      to_minutes(b), res))
            return int(res[0])
        return self._pairwise(a, b, ("a", "b"), "m", lib.sopkit_calendar_minutes_between_bulk)

    def _pairwise(self, a: Any, b: Any, names: Any, unit: str, fn: Any) -> Any:
        """``fn`` (a C bulk function of two int64 arrays) over `a` and `b` as
        ``datetime64[unit]`` numbers, broadcast together, in one call; the inputs
        are read without a copy when they already have that unit. NaT on either
        side gives a missing value: float64 NaN, or ``<NA>`` in an ``Int64``
        pandas result."""
        np = _arrays.numpy()
        aa, bb = _arrays.broadcast(_arrays.instants(a, names[0], unit),
                                   _arrays.instants(b, names[1], unit))
        flat_a = np.ascontiguousarray(aa.view(np.int64).reshape(-1))
        flat_b = np.ascontiguousarray(bb.view(np.int64).reshape(-1))
        source = a if _arrays.is_pandas(a) else b
        missing = np.isnat(aa.reshape(-1)) | np.isnat(bb.reshape(-1))
        if not missing.any():
            return _arrays.like_input(self._bulk_pairs(fn, flat_a, flat_b).reshape(aa.shape),
                                      source)
        known = ~missing
        result = np.full(flat_a.size, np.nan)
        result[known] = self._bulk_pairs(fn, np.ascontiguousarray(flat_a[known]),
                                         np.ascontiguousarray(flat_b[known]))
        shaped = result.reshape(aa.shape)
        if _arrays.is_pandas(source):
            return _arrays.like_input(shaped, source).astype("Int64")
        return shaped

    def _bulk_pairs(self, fn: Any, flat_a: Any, flat_b: Any) -> Any:
        np = _arrays.numpy()
        result = np.empty(flat_a.size, dtype=np.int64)
        check(fn(self._handle, _arrays.pointer(ffi, "int64_t[]", flat_a),
                 _arrays.pointer(ffi, "int64_t[]", flat_b),
                 _arrays.pointer(ffi, "int64_t[]", result, writable=True), flat_a.size))
        return result

    # ---- days off and working days ------------------------------------------

    def holidays(self, start: InstantLike, end: InstantLike) -> List[Holiday]:
        """The holidays and cuti bersama dated in ``[start, end)`` (``end`` not
        included), in date order. Dates are ``date``, ``datetime`` (its date),
        ``datetime64`` or ISO text.

        Raises:
            InvalidArgumentError: ``end`` before ``start``.
            RangeError: a date outside the coverage (``end`` may be the day after it).
        """
        out = ffi.new("char **")
        check(lib.sopkit_calendar_holidays_json(self._handle, _date_number(start),
                                                _date_number(end), out))
        doc = json.loads(take_text(out[0]))
        return [Holiday(_dt.date.fromisoformat(h["date"]), h["name"], h["kind"], h["decree"])
                for h in doc["holidays"]]

    def holidays_frame(self, start: InstantLike, end: InstantLike) -> Any:
        """:meth:`holidays` as a pandas DataFrame: ``date`` (datetime64),
        ``name``, ``kind`` (categorical over :data:`HOLIDAY_KINDS`), ``decree``."""
        from ._frames import pandas

        pd = pandas()
        rows = self.holidays(start, end)
        return pd.DataFrame({
            "date": pd.to_datetime(pd.Series([h.date for h in rows], dtype="object")),
            "name": pd.Series([h.name for h in rows], dtype="string"),
            "kind": pd.Categorical([h.kind for h in rows], categories=list(HOLIDAY_KINDS)),
            "decree": pd.Series([h.decree for h in rows], dtype="string"),
        })

    def working_days(self, start: Any, end: Any) -> Any:
        """Working days in ``[start, end)``: the dates from ``start`` up to the
        day before ``end`` that have office hours (``numpy.busday_count``'s
        rule); negative when ``end`` is before ``start``. A ``datetime`` counts
        as its date.

        Scalars give an ``int``. Arrays, pandas Series and ``DatetimeIndex``
        (broadcast together) go through one C bulk call and give int64 values;
        NaT on either side gives a missing value (float NaN for numpy, ``<NA>``
        in an ``Int64`` Series for pandas).

        Raises:
            RangeError: a date outside the coverage (the day after it is allowed
                as ``end``; the message names the element of an array).
        """
        if not (_arrays.is_array_like(start) or _arrays.is_array_like(end)):
            res = ffi.new("int64_t *")
            check(lib.sopkit_calendar_working_days(self._handle, _date_number(start),
                                                   _date_number(end), res))
            return int(res[0])
        return self._pairwise(start, end, ("start", "end"), "D",
                              lib.sopkit_calendar_working_days_bulk)
