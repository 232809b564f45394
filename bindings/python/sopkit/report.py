"""The quarterly monev report (docs/render.md, ``sopkit monev``) from Python.

    >>> sopkit.write_monev_report(sop, indicators, "out/monev-2024-Q2", period="2024-Q2")
    PosixPath('out/monev-2024-Q2')      # report.html, report.json, capaian.csv
"""
from __future__ import annotations

import contextlib
import os
import pathlib
from typing import Optional, Union

from ._ffi import check, cstr, ffi, lang_code, lib
from ._time import InstantLike, to_minutes
from .calendar import Calendar
from .indicators import IndicatorSet, evaluate_options
from .runs import Runs
from .sop import Sop

__all__ = ["write_monev_report"]


def _expect(value: object, cls: type, name: str) -> None:
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be a sopkit.{cls.__name__}, got {type(value).__name__}")


def write_monev_report(sop: Sop, indicators: IndicatorSet,
                       out_dir: Union[str, "os.PathLike[str]"], *, period: str,
                       calendar: Optional[Calendar] = None, start: Optional[InstantLike] = None,
                       lang: str = "id", runs: Optional[Runs] = None, cap: int = 0,
                       scale: Optional[str] = None, negative_ratio: bool = False,
                       zero_over_zero_is_100: bool = False,
                       warning_threshold: Optional[float] = None) -> pathlib.Path:
    """Writes the monev report of `period` as the folder `out_dir`
    (report.html, report.json, capaian.csv), exactly as ``sopkit monev --out``
    does, all or nothing: an existing report folder is replaced atomically; a
    folder holding any other file is refused before anything is written.

    Args:
        period: the quarter or year reported on ("2024-Q2").
        calendar: the working calendar; None: the shipped calendar of the
            start's year joined with the next year's.
        start: when the monev run starts; None: 07:30 the day after the period.
        lang: "id" (default) or "en" labels.
        runs: actual runs of the SOP; the report gains "Pelaksanaan SOP".
        cap, scale, negative_ratio, zero_over_zero_is_100, warning_threshold:
            as :meth:`IndicatorSet.evaluate`.

    Returns:
        The folder written.

    Raises:
        InvalidArgumentError: a bad period, or one the data does not hold.
        ValidationError: an SOP that cannot be planned. RangeError: the run
        leaves the calendar's coverage. NotFoundError: no shipped calendar
        for the year. SopkitIOError: the folder could not be written (the
        message names it).
    """
    _expect(sop, Sop, "sop")
    _expect(indicators, IndicatorSet, "indicators")
    if calendar is not None:
        _expect(calendar, Calendar, "calendar")
    if runs is not None:
        _expect(runs, Runs, "runs")
    evaluation, keep = evaluate_options(cap=cap, scale=scale, negative_ratio=negative_ratio,
                                        zero_over_zero_is_100=zero_over_zero_is_100,
                                        warning_threshold=warning_threshold)
    opts = ffi.new("sopkit_monev_options *")
    check(lib.sopkit_monev_options_init(opts))
    period_text = ffi.new("char[]", cstr(period))
    opts.period = period_text
    opts.lang = lang_code(lang)
    opts.evaluation = evaluation
    if start is not None:
        opts.has_start = 1
        opts.start = to_minutes(start)
    folder = os.fspath(out_dir)
    with contextlib.ExitStack() as leases:  # every handle stays alive through the call
        sop_ptr, set_ptr = (leases.enter_context(h._lease()) for h in (sop, indicators))
        cal_ptr = leases.enter_context(calendar._lease()) if calendar is not None else ffi.NULL
        if runs is not None:
            opts.runs = leases.enter_context(runs._lease())
        check(lib.sopkit_monev_report_write(sop_ptr, set_ptr, cal_ptr, opts, cstr(folder)))
    del keep
    return pathlib.Path(folder)
