"""SOP documents (format ``sopkit.sop/1``, docs/format.md): load, validate,
analyse and schedule on a working calendar.

    >>> with Sop.load("examples/sop-monev-capaian-kinerja.json") as sop:
    ...     a = sop.analyze()
    ...     a.total_text, a.total_minutes
    ('31 hari 3 jam 30 menit', 14160.0)
    ...     sop.schedule("2024-04-05T08:00", Calendar.indonesia("id-2024")).due
    datetime.datetime(2024, 6, 4, 11, 30)
"""
from __future__ import annotations

import datetime as _dt
import enum
import json
import os
from dataclasses import asdict, dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union, cast

from . import _frames
from ._ffi import Handle, check, cstr, ffi, lang_code, lib, take_text, text
from ._time import InstantLike, from_minutes, to_minutes
from .calendar import Calendar

__all__ = ["Sop", "Step", "StepKind", "Diagnostic", "Diagnostics", "Severity", "Analysis",
           "StepTiming", "Schedule", "PlannedStep", "parse_duration"]

PathLike = Union[str, "os.PathLike[str]"]


class StepKind(enum.Enum):
    """The symbol of a step in the flowchart."""
    START = "start"
    END = "end"
    PROCESS = "process"
    DECISION = "decision"


_KINDS = {lib.SOPKIT_STEP_START: StepKind.START, lib.SOPKIT_STEP_END: StepKind.END,
          lib.SOPKIT_STEP_PROCESS: StepKind.PROCESS, lib.SOPKIT_STEP_DECISION: StepKind.DECISION}


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Step:
    """One step of the procedure table, as the document gives it."""
    id: str
    activity: str
    actor: str  #: the actor id
    kind: StepKind
    time: str  #: the standard time (waktu) as written, "" when none
    output: str
    note: str
    minutes: Optional[Tuple[float, float]]  #: (lower, upper) working minutes; None if untimed


@dataclass(frozen=True)
class Diagnostic:
    """One finding of :meth:`Sop.validate`."""
    severity: Severity
    code: str  #: stable code ("unknown_actor", "duration_in_output", docs/format.md)
    step: str  #: step id, "" for document-level findings
    pointer: str  #: JSON pointer of the field, "" when none
    message: str

    def to_dict(self) -> Dict[str, str]:
        return {"severity": self.severity.value, "code": self.code, "step": self.step,
                "pointer": self.pointer, "message": self.message}


class Diagnostics(List[Diagnostic]):
    """The findings of :meth:`Sop.validate`, errors first, as a list."""

    _json: str = ""

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_json(self) -> str:
        """The findings as the library's JSON array of {severity, code, step,
        pointer, message} (``sopkit_diagnostics_to_json``)."""
        return self._json or json.dumps([d.to_dict() for d in self], ensure_ascii=False)

    def to_dataframe(self) -> Any:
        """The findings as a pandas DataFrame (severity, code, step, pointer,
        message). Needs pandas."""
        return _frames.records([d.to_dict() for d in self],
                               ("severity", "code", "step", "pointer", "message"))


_RENDER_FORMATS = {"svg": lib.SOPKIT_RENDER_SVG, "html": lib.SOPKIT_RENDER_HTML,
                   "bpmn": lib.SOPKIT_RENDER_BPMN, "dot": lib.SOPKIT_RENDER_DOT,
                   "svg-pages": lib.SOPKIT_RENDER_SVG_PAGES}
_repr_count = 0  # distinct element ids for each table a notebook shows


def parse_duration(waktu: str) -> Tuple[float, float]:
    """A standard time text ("1,5 jam", "1-3 Hari", "±2 Menit") as (lower, upper)
    working minutes under the default convention (1 hari = 450 min).

    Raises:
        ParseError: the message names the text.
    """
    lo, hi = ffi.new("double *"), ffi.new("double *")
    check(lib.sopkit_duration_parse(cstr(waktu), lo, hi))
    return (lo[0], hi[0])


def _set_fields(target: Dict[str, Any], fields: Dict[str, Any]) -> None:
    """Sets each field of `target`; None removes it."""
    for key, value in fields.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value


class Sop(Handle):
    """An SOP document, immutable once loaded; safe to share between threads."""

    __slots__ = ("_source",)
    _free = lib.sopkit_sop_free

    def __init__(self, ptr: Any, source: str) -> None:
        super().__init__(ptr)
        self._source = source

    @classmethod
    def load(cls, path: PathLike) -> "Sop":
        """Loads a format v1 file. A document with rule violations loads: see
        :meth:`validate`.

        Raises:
            SopkitIOError: unreadable file.
            ParseError: malformed JSON (the message has line:column).
            FormatError: wrong structure (the message has the JSON pointer).
        """
        p = os.fspath(path)
        out = ffi.new("sopkit_sop **")
        check(lib.sopkit_sop_load_file(out, cstr(p)))
        return cls(out[0], p)

    @classmethod
    def from_json(cls, text_: Union[str, bytes]) -> "Sop":
        """Loads a document from format v1 JSON text. Errors as :meth:`load`."""
        data = text_.encode("utf-8") if isinstance(text_, str) else bytes(text_)
        out = ffi.new("sopkit_sop **")
        check(lib.sopkit_sop_load_json(out, data, len(data)))
        return cls(out[0], "<json>")

    @classmethod
    def from_dict(cls, document: Dict[str, Any]) -> "Sop":
        """A document from plain Python data in the format v1 shape (what
        :meth:`to_dict` gives). Errors as :meth:`load` (JSON pointers name the
        field)."""
        return cls.from_json(json.dumps(document, ensure_ascii=False))

    def with_step(self, step_id: str, **fields: Any) -> "Sop":
        """A new document with the fields of one step changed (``time="2 hari"``,
        ``next="5"``, ``actor="kabid"``; None removes an optional field). This
        one is unchanged.

        Raises:
            KeyError: no step has that id. FormatError: a value of the wrong type.
        """
        document = self.to_dict()
        step = next((s for s in document["steps"] if s.get("id") == step_id), None)
        if step is None:
            raise KeyError(f"no step '{step_id}' in {self._source}")
        _set_fields(step, fields)
        return Sop.from_dict(document)

    def with_fields(self, **fields: Any) -> "Sop":
        """A new document with top-level fields changed (``title=...``,
        ``dates={...}``; None removes an optional one). Errors as :meth:`from_dict`."""
        document = self.to_dict()
        _set_fields(document, fields)
        return Sop.from_dict(document)

    def diff(self, other: "Sop") -> Dict[str, Any]:
        """What changed from this document to `other`, as
        ``{"format": "sopkit.sopdiff/1", "changes": [{"kind", "subject", "field",
        "before", "after"}], "summary"}``: the diff the record store gives between
        revisions (``sopkit_sop_diff_json``)."""
        if not isinstance(other, Sop):
            raise TypeError(f"other must be a sopkit.Sop, got {type(other).__name__}")
        out = ffi.new("char **")
        check(lib.sopkit_sop_diff_json(self._handle, other._handle, out))
        return cast(Dict[str, Any], json.loads(take_text(out[0])))

    def __eq__(self, other: object) -> bool:
        """Two documents are equal when their content is (the same JSON data)."""
        if not isinstance(other, Sop):
            return NotImplemented
        return self is other or self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(json.dumps(self.to_dict(), sort_keys=True))

    def __reduce__(self) -> Tuple[Any, ...]:
        """Pickled as its JSON text (the C handle is not picklable)."""
        return (Sop._unpickle, (self.to_json(), self._source))

    @classmethod
    def _unpickle(cls, json_text: str, source: str) -> "Sop":
        sop = cls.from_json(json_text)
        sop._source = source
        return sop

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.Sop (closed)>"
        return f"<sopkit.Sop {self._source!r}: {len(self)} steps>"

    def to_json(self) -> str:
        """The document as format v1 JSON text (unknown fields kept)."""
        out = ffi.new("const char **")
        check(lib.sopkit_sop_to_json(self._handle, out))
        return text(out[0])

    def to_dict(self) -> Dict[str, Any]:
        """The document as plain Python data (``json.loads`` of :meth:`to_json`)."""
        return cast(Dict[str, Any], json.loads(self.to_json()))

    def save(self, path: PathLike) -> None:
        """Saves the document atomically (never a half-written file).

        Raises:
            SopkitIOError: the file could not be written.
        """
        check(lib.sopkit_sop_save_file(self._handle, cstr(os.fspath(path))))

    def render(self, format: str, *, lang: str = "id", rows_per_page: int = 0,
               page_size: Optional[Tuple[float, float]] = None, id_prefix: str = "") -> str:
        """The document as a picture, exactly as ``sopkit render --format`` writes
        it (docs/render.md): ``"svg"`` (the official table, every page stacked),
        ``"html"`` (the pages in a printable page), ``"bpmn"``, ``"dot"``, or
        ``"svg-pages"`` (the page ``<svg>`` elements alone, to embed in HTML).

        Args:
            lang: "id" (default) or "en" labels.
            rows_per_page: at most this many steps per page; 0: as many as fit.
            page_size: (width, height) in SVG units; default A4 landscape (1123, 794).
            id_prefix: prefix of every element id, for several tables in one page.

        Raises:
            ValueError: an unknown format or lang. InvalidArgumentError: a page
                size that is not positive.
        """
        if format not in _RENDER_FORMATS:
            raise ValueError(f"format must be one of {', '.join(_RENDER_FORMATS)}, not {format!r}")
        opts = ffi.new("sopkit_render_options *")
        check(lib.sopkit_render_options_init(opts))
        opts.lang = lang_code(lang)
        opts.max_rows_per_page = int(rows_per_page)
        if page_size is not None:
            opts.page_width, opts.page_height = (float(x) for x in page_size)
        prefix = ffi.new("char[]", cstr(id_prefix))
        opts.id_prefix = prefix
        out = ffi.new("char **")
        check(lib.sopkit_sop_render(self._handle, _RENDER_FORMATS[format], opts, out))
        return take_text(out[0])

    def to_svg(self, **options: Any) -> str:
        """The official table (Permendagri 52/2011) as one SVG, every page
        stacked; options as :meth:`render`."""
        return self.render("svg", **options)

    def to_html(self, **options: Any) -> str:
        """The table as a printable HTML page (A4 landscape, one inline SVG per
        page); options as :meth:`render`."""
        return self.render("html", **options)

    def to_bpmn(self, **options: Any) -> str:
        """BPMN 2.0 XML with diagram interchange (bpmn.io, Camunda Modeler)."""
        return self.render("bpmn", **options)

    def to_dot(self, **options: Any) -> str:
        """Graphviz DOT, one cluster (swimlane) per actor."""
        return self.render("dot", **options)

    def _repr_html_(self) -> str:
        """The SOP table in a notebook: its page SVGs, with element ids of their
        own so that several tables can share one page."""
        global _repr_count
        _repr_count += 1
        return self.render("svg-pages", id_prefix=f"sopkit-{_repr_count}-")

    def __len__(self) -> int:
        out = ffi.new("size_t *")
        check(lib.sopkit_sop_step_count(self._handle, out))
        return int(out[0])

    @property
    def actor_count(self) -> int:
        out = ffi.new("size_t *")
        check(lib.sopkit_sop_actor_count(self._handle, out))
        return int(out[0])

    def step(self, index: int) -> Step:
        """Step `index` (0-based, table order; negative counts from the end).

        Raises:
            IndexError: past the end.
        """
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"step index {index} out of range ({n} steps)")
        h = self._handle
        fields = []
        ptr = ffi.new("const char **")
        for f in (lib.SOPKIT_STEP_ID, lib.SOPKIT_STEP_ACTIVITY, lib.SOPKIT_STEP_ACTOR,
                  lib.SOPKIT_STEP_TIME, lib.SOPKIT_STEP_OUTPUT, lib.SOPKIT_STEP_NOTE):
            check(lib.sopkit_sop_step_text(h, index, f, ptr))
            fields.append(text(ptr[0]))
        kind = ffi.new("sopkit_step_kind *")
        check(lib.sopkit_sop_step_kind(h, index, kind))
        lo, hi = ffi.new("double *"), ffi.new("double *")
        status = lib.sopkit_sop_step_minutes(h, index, lo, hi)
        if status == lib.SOPKIT_ENOTCOMPUTABLE:
            minutes = None
        else:
            check(status)
            minutes = (lo[0], hi[0])
        sid, activity, actor, time, output, note = fields
        return Step(sid, activity, actor, _KINDS[kind[0]], time, output, note, minutes)

    @property
    def steps(self) -> List[Step]:
        """Every step, in table order."""
        return [self.step(i) for i in range(len(self))]

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def validate(self) -> Diagnostics:
        """Checks every rule of docs/format.md. A faulty document is not a
        failure: the findings are returned (``.ok`` is False when any is an error)."""
        out = ffi.new("sopkit_diagnostics **")
        check(lib.sopkit_sop_validate(self._handle, out))
        d = out[0]
        try:
            count, nerr = ffi.new("size_t *"), ffi.new("size_t *")
            check(lib.sopkit_diagnostics_count(d, count, nerr))
            item = ffi.new("sopkit_diagnostic *")
            result = Diagnostics()
            for i in range(count[0]):
                check(lib.sopkit_diagnostics_get(d, i, item))
                sev = Severity.ERROR if item.severity == lib.SOPKIT_SEVERITY_ERROR else Severity.WARNING
                result.append(Diagnostic(sev, text(item.code), text(item.step), text(item.pointer),
                                         text(item.message)))
            js = ffi.new("const char **")
            check(lib.sopkit_diagnostics_to_json(d, js))
            result._json = text(js[0])
            return result
        finally:
            lib.sopkit_diagnostics_free(d)

    def analyze(self, *, rework_rounds: int = 1, minutes_per_day: float = 450.0,
                days_per_week: float = 5.0, days_per_month: float = 22.0,
                lenient: bool = False) -> "Analysis":
        """Happy path, totals, CPM per step, rework loops, workload and hand-offs
        (docs/analysis.md).

        Raises:
            ValidationError: no start step, or a cycle with no decision (the
                message names the steps); never with ``lenient=True``.
            InvalidArgumentError: a convention value <= 0.
        """
        opts = ffi.new("sopkit_analysis_options *")
        check(lib.sopkit_analysis_options_init(opts))
        opts.rework_rounds = int(rework_rounds)
        opts.minutes_per_day = float(minutes_per_day)
        opts.days_per_week = float(days_per_week)
        opts.days_per_month = float(days_per_month)
        opts.lenient = 1 if lenient else 0
        out = ffi.new("sopkit_analysis **")
        check(lib.sopkit_sop_analyze(self._handle, opts, out))
        return Analysis(out[0])

    def schedule(self, start: InstantLike, calendar: Calendar) -> "Schedule":
        """Plans a run of the happy path from `start` on `calendar`: each step
        starts when the steps before it have ended and takes its standard time
        (upper end) on the calendar.

        Raises:
            ValidationError: no start step, a cycle with no decision.
            RangeError: the run leaves the calendar's coverage.
        """
        if not isinstance(calendar, Calendar):
            raise TypeError(f"calendar must be a sopkit.Calendar, got {type(calendar).__name__}")
        out = ffi.new("sopkit_schedule **")
        check(lib.sopkit_sop_schedule(self._handle, calendar._handle, to_minutes(start), out))
        return Schedule(out[0])


@dataclass(frozen=True)
class StepTiming:
    """CPM figures of one happy-path step, in working minutes from the run's start."""
    id: str
    earliest_start: float
    earliest_finish: float
    latest_start: float
    latest_finish: float
    slack: float
    critical: bool


class Analysis(Handle):
    """The result of :meth:`Sop.analyze`; independent of the Sop it came from."""

    __slots__ = ()
    _free = lib.sopkit_analysis_free

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.Analysis (closed)>"
        return f"<sopkit.Analysis total {self.total_text!r}>"

    @property
    def total_minutes_range(self) -> Tuple[float, float]:
        """(lower, upper) total working minutes of the happy path."""
        lo, hi = ffi.new("double *"), ffi.new("double *")
        check(lib.sopkit_analysis_total_minutes(self._handle, lo, hi))
        return (lo[0], hi[0])

    @property
    def total_minutes(self) -> float:
        """Total working minutes of the happy path (upper end: what the SOP promises)."""
        return self.total_minutes_range[1]

    @property
    def total_text(self) -> str:
        """The total with units kept apart: "31 hari 3 jam 30 menit"."""
        out = ffi.new("const char **")
        check(lib.sopkit_analysis_total_text(self._handle, out))
        return text(out[0])

    @property
    def path(self) -> List[str]:
        """Step ids of the happy path, in order."""
        n = ffi.new("size_t *")
        check(lib.sopkit_analysis_path_length(self._handle, n))
        out = ffi.new("const char **")
        ids = []
        for i in range(n[0]):
            check(lib.sopkit_analysis_path_step(self._handle, i, out))
            ids.append(text(out[0]))
        return ids

    @property
    def timings(self) -> List[StepTiming]:
        """CPM figures per happy-path step.

        Raises:
            NotComputableError: a lenient analysis whose CPM could not run.
        """
        n = ffi.new("size_t *")
        check(lib.sopkit_analysis_path_length(self._handle, n))
        t = ffi.new("sopkit_step_timing *")
        result = []
        for i in range(n[0]):
            check(lib.sopkit_analysis_step_timing(self._handle, i, t))
            result.append(StepTiming(text(t.id), t.earliest_start, t.earliest_finish,
                                     t.latest_start, t.latest_finish, t.slack, bool(t.critical)))
        return result

    def to_json(self) -> str:
        """Everything as JSON ("sopkit.analysis/2", docs/analysis.md)."""
        out = ffi.new("const char **")
        check(lib.sopkit_analysis_to_json(self._handle, out))
        return text(out[0])

    def to_dict(self) -> Dict[str, Any]:
        """Everything as plain Python data: loops, workload, hand-offs, diagnostics."""
        return cast(Dict[str, Any], json.loads(self.to_json()))

    def to_dataframe(self) -> Any:
        """The CPM figures of the happy-path steps, one row per step (id,
        earliest_start, earliest_finish, latest_start, latest_finish, slack,
        critical; working minutes from the run's start). Needs pandas.

        Raises:
            NotComputableError: as :attr:`timings`.
        """
        return _frames.records([asdict(t) for t in self.timings],
                               tuple(StepTiming.__dataclass_fields__))


@dataclass(frozen=True)
class PlannedStep:
    """One step of a scheduled run: planned start and end (local time)."""
    id: str
    start: _dt.datetime
    end: _dt.datetime


class Schedule(Handle):
    """The result of :meth:`Sop.schedule`."""

    __slots__ = ()
    _free = lib.sopkit_schedule_free

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.Schedule (closed)>"
        return f"<sopkit.Schedule due {self.due:%Y-%m-%dT%H:%M}>"

    @property
    def due(self) -> _dt.datetime:
        """When the last step ends."""
        out = ffi.new("int64_t *")
        check(lib.sopkit_schedule_due(self._handle, out))
        return from_minutes(out[0])

    @property
    def steps(self) -> List[PlannedStep]:
        """Every planned step, in plan order."""
        n = ffi.new("size_t *")
        check(lib.sopkit_schedule_step_count(self._handle, n))
        sid, s, e = ffi.new("const char **"), ffi.new("int64_t *"), ffi.new("int64_t *")
        result = []
        for i in range(n[0]):
            check(lib.sopkit_schedule_step(self._handle, i, sid, s, e))
            result.append(PlannedStep(text(sid[0]), from_minutes(s[0]), from_minutes(e[0])))
        return result

    def to_json(self) -> str:
        """The plan as JSON (the same as ``sopkit schedule --json``)."""
        out = ffi.new("const char **")
        check(lib.sopkit_schedule_to_json(self._handle, out))
        return text(out[0])

    def to_dict(self) -> Dict[str, Any]:
        return cast(Dict[str, Any], json.loads(self.to_json()))

    def to_svg(self, *, lang: str = "id") -> str:
        """The Gantt chart of the plan as the monev report draws it: one ``<svg>``
        with a bar per step (``class="task"``, ``data-step`` = its id), weekends
        grey, holidays and cuti bersama red with their names, the due date."""
        out = ffi.new("char **")
        check(lib.sopkit_schedule_render_svg(self._handle, lang_code(lang), out))
        return take_text(out[0])

    def _repr_html_(self) -> str:
        """The Gantt chart (inline SVG) in a notebook."""
        return self.to_svg()

    def to_dataframe(self) -> Any:
        """The plan, one row per step (id, actor, time, start, end; start and
        end as datetime64, NaT for an untimed step's missing end). Needs pandas."""
        return _frames.records(self.to_dict()["steps"], ("id", "actor", "time", "start", "end"),
                               times=("start", "end"))
