"""sopkit — SOP process graphs and performance indicators (capaian kinerja) for
Indonesian government agencies, bound through sopkit's C ABI with cffi.

    import sopkit

    sop = sopkit.Sop.load("examples/sop-monev-capaian-kinerja.json")
    sop.validate().ok                                    # True (5 warnings)
    sop.analyze().total_text                             # '31 hari 3 jam 30 menit'
    cal = sopkit.Calendar.indonesia("id-2024")
    sop.schedule("2024-04-05T08:00", cal).due           # datetime(2024, 6, 4, 11, 30)
    cal.add_days(np_datetime64_array, np_int_array)      # one C call, no copies

Every failure raises a subclass of :class:`sopkit.Error` with the library's
message. numpy is needed only by the bulk (array) functions, pandas only by
``to_dataframe()``.
"""
from __future__ import annotations

import pkgutil as _pkgutil

# The compiled module may live beside this file (installed package) or in a
# build folder that also holds a `sopkit/` directory (in-tree runs from CTest).
__path__ = _pkgutil.extend_path(__path__, __name__)

from ._ffi import check as _check, ffi as _ffi_obj, lib as _lib, text as _text  # noqa: E402
from ._time import format_instant, parse_instant  # noqa: E402
from .calendar import HOLIDAY_KINDS, Calendar, Holiday  # noqa: E402
from .errors import (Error, FormatError, InternalError, InvalidArgumentError,  # noqa: E402
                     NotComputableError, NotFoundError, ParseError, RangeError,
                     SopkitBufferError, SopkitIOError, SopkitMemoryError, UnsupportedError,
                     ValidationError)
from .indicators import (ACCUMULATE_AVERAGE, ACCUMULATE_LAST, ACCUMULATE_SUM,  # noqa: E402
                         NEGATIVE, POSITIVE, RANGE, Evaluation, EvaluationRow, IndicatorSet,
                         evaluate, evaluate_grouped)
from .runs import (VERDICT_LATE, VERDICT_ON_TIME, VERDICT_UNTIMED, RunResult,  # noqa: E402
                   Runs, RunsComparison)
from .store import AuditEntry, Revision, Store  # noqa: E402
from .report import write_monev_report  # noqa: E402
from .sop import (Analysis, Diagnostic, Diagnostics, PlannedStep, Schedule, Severity,  # noqa: E402
                  Sop, Step, StepKind, StepTiming, parse_duration)


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return _text(_lib.sopkit_version())


def version_number() -> int:
    """The loaded library's MAJOR * 10000 + MINOR * 100 + PATCH."""
    return int(_lib.sopkit_version_number())


def set_max_input_bytes(limit: int) -> None:
    """Sets the largest file, in bytes, that later loads read (default 1 GiB).

    A larger file, or /dev/zero, or a FIFO that never ends, raises
    :class:`SopkitIOError` ("the input is larger than the limit of N bytes")
    once the limit is passed, instead of reading until memory runs out.
    Process-wide; text handed over in memory is not limited. Raises
    :class:`InvalidArgumentError` for a limit below 1 byte."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"expected int, got {type(limit).__name__}")
    if limit < 1:
        raise InvalidArgumentError(f"the maximum input size must be at least 1 byte, not {limit}")
    _check(_lib.sopkit_set_max_input_bytes(limit))


def max_input_bytes() -> int:
    """The largest file, in bytes, that loads read (see :func:`set_max_input_bytes`)."""
    return int(_lib.sopkit_max_input_bytes())


__version__ = version()

__all__ = [
    "Sop", "Step", "StepKind", "Diagnostic", "Diagnostics", "Severity", "Analysis", "StepTiming",
    "Schedule", "PlannedStep", "parse_duration", "Calendar", "parse_instant", "format_instant",
    "IndicatorSet", "Evaluation", "EvaluationRow", "evaluate", "evaluate_grouped", "POSITIVE",
    "NEGATIVE", "RANGE", "ACCUMULATE_SUM", "ACCUMULATE_LAST", "ACCUMULATE_AVERAGE", "Error",
    "InvalidArgumentError", "ParseError", "FormatError", "SopkitIOError", "ValidationError",
    "NotFoundError", "RangeError", "SopkitMemoryError", "SopkitBufferError",
    "NotComputableError", "InternalError", "UnsupportedError", "version", "version_number",
    "Runs", "RunsComparison", "RunResult", "VERDICT_ON_TIME", "VERDICT_LATE", "VERDICT_UNTIMED",
    "Store", "Revision", "AuditEntry", "set_max_input_bytes", "max_input_bytes",
    "write_monev_report", "Holiday", "HOLIDAY_KINDS",
]
