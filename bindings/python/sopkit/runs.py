"""Execution monitoring: actual runs of an SOP measured against its mutu baku on
a working calendar (docs/monitoring.md).

    >>> sop = Sop.load("examples/sop-monev-capaian-kinerja.json")
    >>> runs = Runs.from_csv("examples/runs-monev-capaian-kinerja.csv", sop)
    >>> result = runs.compare(Calendar.indonesia("id-2024"))
    >>> result.summary["steps_on_time_percent"]
    92.59...
    >>> result.to_dataframe()            # one row per step execution (pandas)
    >>> result.compliance().evaluate()   # compliance as ordinary indicators

Every failure raises a subclass of :class:`sopkit.Error` with the library's
message (file:line:column for a CSV, the JSON pointer for JSON).
"""
from __future__ import annotations

import json as _json
import math
import os
from dataclasses import asdict, dataclass
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _frames
from ._ffi import Handle, check, cstr, ffi, lib, text
from ._time import from_minutes
from .calendar import Calendar
from .indicators import IndicatorSet
from .sop import Sop

__all__ = ["Runs", "RunsComparison", "RunResult", "VERDICT_ON_TIME", "VERDICT_LATE",
           "VERDICT_UNTIMED"]

PathLike = Union[str, "os.PathLike[str]"]

VERDICT_ON_TIME = lib.SOPKIT_VERDICT_ON_TIME
VERDICT_LATE = lib.SOPKIT_VERDICT_LATE
VERDICT_UNTIMED = lib.SOPKIT_VERDICT_UNTIMED


def _none_if_nan(x: float) -> Optional[float]:
    return None if math.isnan(x) else float(x)


class Runs(Handle):
    """The actual runs of one SOP (the event log and the monitoring and
    evaluation forms recorded with each run). Immutable; keeps its own
    reference to the SOP."""

    __slots__ = ("_source",)
    _free = lib.sopkit_runs_free

    def __init__(self, ptr: Any, source: str) -> None:
        super().__init__(ptr)
        self._source = source

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.Runs (closed)>"
        runs, events = self.counts
        return f"<sopkit.Runs {self._source!r}: {runs} runs, {events} events>"

    @classmethod
    def _make(cls, source: str, fn: Any, *args: Any) -> "Runs":
        out = ffi.new("sopkit_runs **")
        check(fn(out, *args))
        return cls(out[0], source)

    @classmethod
    def _with_sop(cls, source: str, fn: Any, sop: Sop, *args: Any) -> "Runs":
        """`fn(out, sop, *args)` with the SOP's handle kept alive for the call."""
        if not isinstance(sop, Sop):
            raise TypeError(f"sop must be a sopkit.Sop, got {type(sop).__name__}")
        with sop._lease() as handle:
            return cls._make(source, fn, handle, *args)

    @classmethod
    def load(cls, path: PathLike, sop: Sop) -> "Runs":
        """Loads an event log CSV (``case,step,start,end[,actor,branch]``) or,
        for a name ending ``.json``, the ``sopkit.runs/1`` JSON form.

        Raises:
            SopkitIOError; ParseError / FormatError: unknown step, end before
            start, duplicated row, bad instant, empty file (with the place).
        """
        p = os.fspath(path)
        return cls._with_sop(p, lib.sopkit_runs_load_file, sop, cstr(p))

    @classmethod
    def from_csv(cls, path: PathLike, sop: Sop) -> "Runs":
        """From an event-log CSV file, whatever its extension. Errors as :meth:`load`."""
        with open(os.fspath(path), "rb") as f:
            data = f.read()
        return cls._with_sop(os.fspath(path), lib.sopkit_runs_load_csv, sop, data, len(data))

    @classmethod
    def from_csv_text(cls, csv_text: str, sop: Sop) -> "Runs":
        """From event-log CSV text. Errors as :meth:`load` (located at ``<csv>``)."""
        data = csv_text.encode("utf-8")
        return cls._with_sop("<csv>", lib.sopkit_runs_load_csv, sop, data, len(data))

    @classmethod
    def from_dataframe(cls, df: Any, sop: Sop) -> "Runs":
        """From a pandas DataFrame of the event log's columns (case, step, start,
        end, and optionally actor, branch), read by the CSV loader's rules:
        start and end as datetime64 (NaT = blank) or text. The frame goes to the
        loader as CSV text, so a message's place is ``<csv>:LINE:COLUMN`` with
        LINE = the frame's row position + 2 (the header is line 1). Needs pandas.
        Errors as :meth:`load`."""
        frame = df.copy(deep=False)
        for column in frame.columns:
            if str(column).strip().lower() in ("start", "end"):
                frame[column] = _frames.instants_as_text(frame[column], str(column))
        return cls.from_csv_text(frame.to_csv(index=False, lineterminator="\n"), sop)

    @classmethod
    def from_json(cls, json_text: str, sop: Sop) -> "Runs":
        """From ``sopkit.runs/1`` JSON text. Errors as :meth:`load`."""
        data = json_text.encode("utf-8")
        return cls._with_sop("<json>", lib.sopkit_runs_load_json, sop, data, len(data))

    @property
    def counts(self) -> Tuple[int, int]:
        """(runs, step executions)."""
        runs, events = ffi.new("size_t *"), ffi.new("size_t *")
        check(lib.sopkit_runs_counts(self._handle, runs, events))
        return int(runs[0]), int(events[0])

    def __len__(self) -> int:
        return self.counts[0]

    def to_json(self) -> str:
        """The log as ``sopkit.runs/1`` JSON (round-trips through :meth:`from_json`)."""
        out = ffi.new("const char **")
        check(lib.sopkit_runs_to_json(self._handle, out))
        return text(out[0])

    def compare(self, calendar: Calendar) -> "RunsComparison":
        """Measures every run on `calendar`: each execution against its waktu,
        each run against the due date scheduled from its first start,
        conformance, bottlenecks, per-actor rates and the forms.

        Raises:
            ValidationError: an SOP that cannot be planned.
            RangeError: an instant outside the calendar's coverage (names the case).
        """
        if not isinstance(calendar, Calendar):
            raise TypeError(f"calendar must be a sopkit.Calendar, got {type(calendar).__name__}")
        out = ffi.new("sopkit_runs_comparison **")
        check(lib.sopkit_runs_compare(self._handle, calendar._handle, out))
        return RunsComparison(out[0])


@dataclass(frozen=True)
class RunResult:
    """One run against its due date."""
    case: str
    start: Any  # datetime
    end: Any
    due: Any
    complete: bool
    on_time: bool
    working_minutes: int
    delay_minutes: int
    rework_rounds: int
    steps_judged: int
    steps_on_time: int
    out_of_order: int
    skipped: int
    evaluation_percent: Optional[float]

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


class RunsComparison(Handle):
    """The runs measured against the mutu baku. Immutable."""

    __slots__ = ("_dict",)
    _free = lib.sopkit_runs_comparison_free

    def __init__(self, ptr: Any) -> None:
        super().__init__(ptr)
        self._dict: Optional[Dict[str, Any]] = None

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.RunsComparison (closed)>"
        s = self.summary
        return (f"<sopkit.RunsComparison {s['runs']} runs: {s['steps_on_time']}/"
                f"{s['steps_judged']} steps within mutu baku>")

    @property
    def summary(self) -> Dict[str, Any]:
        """Headline figures; a percentage is None when nothing could be counted."""
        s = ffi.new("sopkit_runs_summary *")
        check(lib.sopkit_runs_comparison_summary(self._handle, s))
        return {"runs": int(s.runs), "runs_complete": int(s.runs_complete),
                "runs_on_time": int(s.runs_on_time), "steps_judged": int(s.steps_judged),
                "steps_on_time": int(s.steps_on_time),
                "runs_on_time_percent": _none_if_nan(s.runs_on_time_percent),
                "steps_on_time_percent": _none_if_nan(s.steps_on_time_percent),
                "bottleneck_count": int(s.bottleneck_count)}

    def __len__(self) -> int:
        return int(self.summary["runs"])

    def run(self, index: int) -> RunResult:
        """The index-th run (log order). Raises InvalidArgumentError past the last."""
        r = ffi.new("sopkit_run_result *")
        check(lib.sopkit_runs_comparison_run(self._handle, index, r))
        return RunResult(case=text(r.case_id), start=from_minutes(r.start),
                         end=from_minutes(r.end), due=from_minutes(r.due),
                         complete=bool(r.complete), on_time=bool(r.on_time),
                         working_minutes=int(r.working_minutes),
                         delay_minutes=int(r.delay_minutes), rework_rounds=int(r.rework_rounds),
                         steps_judged=int(r.steps_judged), steps_on_time=int(r.steps_on_time),
                         out_of_order=int(r.out_of_order), skipped=int(r.skipped),
                         evaluation_percent=_none_if_nan(r.evaluation_percent))

    def runs(self) -> List[RunResult]:
        return [self.run(i) for i in range(len(self))]

    def __iter__(self) -> Iterator[RunResult]:
        return iter(self.runs())

    def to_json(self) -> str:
        """``sopkit.runs-comparison/1`` JSON, the same as ``sopkit runs --json``."""
        out = ffi.new("const char **")
        check(lib.sopkit_runs_comparison_to_json(self._handle, out))
        return text(out[0])

    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as Python objects (parsed once)."""
        if self._dict is None:
            self._dict = _json.loads(self.to_json())
        return self._dict

    def to_dataframe(self) -> Any:
        """One row per step execution (case, step, actor, branch, start, end,
        allowed_end, working_minutes, delay_minutes, verdict, round,
        out_of_order) as a pandas DataFrame. Needs pandas."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - pandas is installed where tests run
            raise ImportError("RunsComparison.to_dataframe needs pandas") from e
        rows = []
        for run in self.to_dict()["runs"]:
            for s in run["steps"]:
                rows.append({"case": run["case"], **s})
        df = pd.DataFrame(rows)
        for c in ("start", "end", "allowed_end"):
            if c in df:
                df[c] = pd.to_datetime(df[c])
        return df

    def compliance(self, *others: "RunsComparison",
                   target_percent: float = 100.0) -> IndicatorSet:
        """Compliance of this comparison (and `others`) as an ordinary
        :class:`IndicatorSet`: "% steps within mutu baku" and "% runs finished by
        the due date" per SOP and per unit, per quarter and year."""
        items: Sequence[RunsComparison] = (self,) + others
        arr = ffi.new("sopkit_runs_comparison *[]", [c._handle for c in items])
        out = ffi.new("sopkit_indicators **")
        check(lib.sopkit_runs_compliance(arr, len(items), float(target_percent), out))
        return IndicatorSet(out[0], "<compliance>")
