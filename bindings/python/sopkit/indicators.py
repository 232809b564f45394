"""Performance indicators (capaian kinerja, docs/indicators.md).

Two ways in:

* :class:`IndicatorSet` — indicators with targets and realisations per period,
  owned by a tree of units, from the CSV/JSON of docs/indicators.md or from
  columns; :meth:`IndicatorSet.evaluate` gives achievement by polarity, year to
  date, predicate, unit roll-ups and early warnings, as rows, plain dicts, JSON,
  CSV or (with pandas) a DataFrame.
* :func:`evaluate` / :func:`evaluate_grouped` — raw numpy columns of millions of
  (target, realisation, polarity) cells, evaluated in one C call straight into
  the caller's arrays.

    >>> ev = IndicatorSet.from_csv("examples/indicators-disdikbud-2024.csv").evaluate()
    >>> ev.to_dataframe().head()
    >>> ach, band = sopkit.evaluate(T, R, polarity)        # numpy float64 / uint8
"""
from __future__ import annotations

import io
import json
import math
import os
import warnings
from dataclasses import asdict, dataclass
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union, cast

from . import _arrays, _frames
from ._ffi import Handle, check, cstr, ffi, has, lang_code, lib, take_text, text


# A column of texts or numbers: a sequence, a numpy array or a pandas Series, or
# one value for every row (numpy and pandas carry no element types mypy can check).
Column = Any

__all__ = ["POSITIVE", "NEGATIVE", "RANGE", "ACCUMULATE_SUM", "ACCUMULATE_LAST",
           "ACCUMULATE_AVERAGE", "IndicatorSet", "Evaluation", "EvaluationRow", "evaluate",
           "evaluate_grouped"]

PathLike = Union[str, "os.PathLike[str]"]

#: Polarity codes of the bulk arrays (a bool array "is negative" is accepted too).
POSITIVE = 0  #: higher is better: R/T x 100
NEGATIVE = 1  #: lower is better: (2T - R)/T x 100
RANGE = 2  #: closer is better
#: Accumulation codes across quarters.
ACCUMULATE_SUM = 0
ACCUMULATE_LAST = 1
ACCUMULATE_AVERAGE = 2

_POLARITY_NAMES = {"positive": POSITIVE, "negative": NEGATIVE, "range": RANGE}
_ACCUMULATION_NAMES = {"sum": ACCUMULATE_SUM, "last": ACCUMULATE_LAST,
                       "average": ACCUMULATE_AVERAGE}


def _decimal_mark(name: str) -> int:
    """The C ABI's sopkit_decimal_mark of "detect", "dot" or "comma"."""
    marks = {"detect": lib.SOPKIT_DECIMAL_DETECT, "dot": lib.SOPKIT_DECIMAL_DOT,
             "comma": lib.SOPKIT_DECIMAL_COMMA}
    if name not in marks:
        raise ValueError(f"decimal_mark must be 'detect', 'dot' or 'comma', not {name!r}")
    return int(marks[name])


def _require(name: str) -> None:
    if not has(name):  # pragma: no cover - only with an older libsopkit
        raise NotImplementedError(f"this libsopkit has no {name}(); rebuild the package "
                                  "against a newer sopkit.h")


# ---------------------------------------------------------------------------
# Raw cells
# ---------------------------------------------------------------------------

def _polarity(value: Any) -> Any:
    np = _arrays.numpy()
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    if arr.dtype.kind in "UO":
        try:
            arr = np.array([_POLARITY_NAMES[str(v).lower()] for v in arr.ravel()],
                           dtype=np.uint8).reshape(arr.shape)
        except KeyError as e:
            raise ValueError(f"polarity: unknown value {e.args[0]!r} "
                             "(positive, negative or range)") from None
    return _arrays.numbers(arr, "uint8", "polarity")


def _cells(target: Any, realisation: Any, polarity: Any) -> Tuple[Any, Any, Any]:
    t = _arrays.numbers(target, "float64", "target")
    r = _arrays.numbers(realisation, "float64", "realisation")
    p = _polarity(polarity)
    if p.ndim == 0:
        p = _arrays.numpy().full(t.shape, p, dtype="uint8")
    if not (t.shape == r.shape == p.shape):
        raise ValueError(f"target {t.shape}, realisation {r.shape} and polarity {p.shape} "
                         "must have one shape")
    return t, r, p


def _ptr(ctype: str, arr: Any, writable: bool = False) -> Any:
    return ffi.NULL if arr is None else _arrays.pointer(ffi, ctype, arr, writable)


def evaluate(target: Any, realisation: Any, polarity: Any, *,
             achievement_out: Any = None, band_out: Any = None) -> Tuple[Any, Any]:
    """Achievement (capaian, percent, raw and uncapped) and Permendagri 86/2017
    band (1 Sangat Rendah .. 5 Sangat Tinggi) of each cell, in one C call.

    Args:
        target, realisation: float64 arrays (NaN = blank, not reported).
        polarity: uint8 codes (:data:`POSITIVE`, :data:`NEGATIVE`, :data:`RANGE`),
            a bool array "lower is better", names, or one value for every cell.
        achievement_out, band_out: optional float64 / uint8 arrays of the same
            shape, written in place (no copy) and returned.

    Returns:
        ``(achievement, band)``. A target of 0 or NaN, a blank realisation or an
        unknown polarity give NaN and band 0: never a silent 0 % or 100 %.
    """
    _require("sopkit_evaluate_cells")
    t, r, p = _cells(target, realisation, polarity)
    ach = _arrays.output(achievement_out, t.shape, "float64", "achievement_out")
    band = _arrays.output(band_out, t.shape, "uint8", "band_out")
    check(lib.sopkit_evaluate_cells(_ptr("double[]", t), _ptr("double[]", r),
                                    _ptr("uint8_t[]", p), t.size,
                                    _ptr("double[]", ach, True), _ptr("uint8_t[]", band, True)))
    return ach, band


def evaluate_grouped(target: Any, realisation: Any, polarity: Any, weight: Any, group: Any,
                     group_count: Optional[int] = None, *, cap: int = 0, threads: int = 1,
                     per_cell: bool = True, achievement_out: Any = None, band_out: Any = None,
                     group_mean_out: Any = None) -> Tuple[Any, Any, Any]:
    """:func:`evaluate` fused with the weighted mean of the (capped) achievements
    per group: ``mean[g] = sum(w*c)/sum(w)`` over group g's computable cells (NaN
    for a group with none).

    Args:
        weight: float64 weights (>= 0, finite); group: int32 group ids in
            ``[0, group_count)`` (default: ``max(group) + 1``).
        cap: 0 (none), 100, 110 or 120 — applied to bands and means, never to
            the achievement.
        threads: cells split over this many threads inside the C call.
        per_cell: False skips the per-cell outputs (returned as None).

    Returns:
        ``(achievement, band, group_mean)``.

    Raises:
        InvalidArgumentError: a group id out of range, a bad weight or cap.
    """
    _require("sopkit_evaluate_cells_grouped")
    t, r, p = _cells(target, realisation, polarity)
    w = _arrays.numbers(weight, "float64", "weight")
    g = _arrays.numbers(group, "int32", "group")
    if not (w.shape == g.shape == t.shape):
        raise ValueError(f"weight {w.shape} and group {g.shape} must have the cells' shape {t.shape}")
    if group_count is None:
        group_count = int(g.max()) + 1 if g.size else 0
    ach = band = None
    if per_cell:
        ach = _arrays.output(achievement_out, t.shape, "float64", "achievement_out")
        band = _arrays.output(band_out, t.shape, "uint8", "band_out")
    mean = _arrays.output(group_mean_out, (int(group_count),), "float64", "group_mean_out")
    check(lib.sopkit_evaluate_cells_grouped(
        _ptr("double[]", t), _ptr("double[]", r), _ptr("uint8_t[]", p), _ptr("double[]", w),
        _ptr("int32_t[]", g), t.size, int(group_count), int(cap), int(threads),
        _ptr("double[]", ach, True), _ptr("uint8_t[]", band, True),
        _ptr("double[]", mean, True)))
    return ach, band, mean


# ---------------------------------------------------------------------------
# Indicator sets
# ---------------------------------------------------------------------------

def evaluate_options(*, period: Optional[str] = None, cap: int = 0, scale: Optional[str] = None,
                     negative_ratio: bool = False, zero_over_zero_is_100: bool = False,
                     warning_threshold: Optional[float] = None,
                     threads: int = 1) -> Tuple[Any, List[Any]]:
    """A ``sopkit_evaluate_options`` of :meth:`IndicatorSet.evaluate`'s arguments,
    and the buffers its texts point into (keep them alive while it is used)."""
    opts = ffi.new("sopkit_evaluate_options *")
    check(lib.sopkit_evaluate_options_init(opts))
    keep: List[Any] = []
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be an int >= 0, not {threads!r}")
    opts.threads = threads
    opts.negative_ratio = 1 if negative_ratio else 0
    opts.zero_over_zero_is_100 = 1 if zero_over_zero_is_100 else 0
    opts.cap_percent = int(cap)
    if scale is not None:
        keep.append(ffi.new("char[]", cstr(scale)))
        opts.scale = keep[-1]
    if period is not None:
        keep.append(ffi.new("char[]", cstr(period)))
        opts.period = keep[-1]
    if warning_threshold is not None:
        opts.warning_threshold = float(warning_threshold)
    return opts, keep


def _nan_to_none(x: float) -> Optional[float]:
    return None if math.isnan(x) else x


@dataclass(frozen=True)
class EvaluationRow:
    """One (indicator, period) result. Blank numbers are None."""
    indicator: str  #: indicator code
    unit: str  #: owner unit path
    period: str  #: "2024", "2024-Q2"
    target: Optional[float]
    realisation: Optional[float]
    achievement: Optional[float]  #: percent, raw (uncapped); None when not computable
    score: Optional[float]  #: capped achievement
    band: int  #: 0 when not computable
    predicate: str  #: "Sangat Tinggi"; "" when not computable
    reason: str  #: "" or why not computable ("target_zero", "realisation_blank", ...)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


class Evaluation(Handle):
    """The result of :meth:`IndicatorSet.evaluate`, immutable."""

    __slots__ = ()
    _free = lib.sopkit_evaluation_free if has("sopkit_evaluation_free") else None

    def __len__(self) -> int:
        out = ffi.new("size_t *")
        check(lib.sopkit_evaluation_count(self._handle, out))
        return int(out[0])

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.Evaluation (closed)>"
        return f"<sopkit.Evaluation {len(self)} rows>"

    def row(self, index: int) -> EvaluationRow:
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"row index {index} out of range ({n} rows)")
        r = ffi.new("sopkit_evaluation_row *")
        check(lib.sopkit_evaluation_row_get(self._handle, index, r))
        return EvaluationRow(text(r.indicator), text(r.unit), text(r.period),
                             _nan_to_none(r.target), _nan_to_none(r.realisation),
                             _nan_to_none(r.achievement), _nan_to_none(r.score), int(r.band),
                             text(r.predicate), text(r.reason))

    @property
    def rows(self) -> List[EvaluationRow]:
        return [self.row(i) for i in range(len(self))]

    def __iter__(self) -> Iterator[EvaluationRow]:
        return iter(self.rows)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """The rows as plain dicts (blank numbers None)."""
        return [r.to_dict() for r in self.rows]

    def to_dict(self) -> Dict[str, Any]:
        """Everything (rows, unit roll-ups, early warnings) as plain data: the JSON."""
        return cast(Dict[str, Any], json.loads(self.to_json()))

    @property
    def notes(self) -> List[str]:
        """Why some computed rows carry no band or predicate: one note per period
        older than the first version of the rating scale (the achievements of
        those rows are still computed)."""
        count = ffi.new("size_t *")
        check(lib.sopkit_evaluation_note_count(self._handle, count))
        out = ffi.new("const char **")
        notes = []
        for i in range(int(count[0])):
            check(lib.sopkit_evaluation_note(self._handle, i, out))
            notes.append(text(out[0]))
        return notes

    def to_json(self) -> str:
        out = ffi.new("const char **")
        check(lib.sopkit_evaluation_to_json(self._handle, out))
        return text(out[0])

    def to_csv(self) -> str:
        out = ffi.new("const char **")
        check(lib.sopkit_evaluation_to_csv(self._handle, out))
        return text(out[0])

    def to_html(self, *, lang: str = "id") -> str:
        """The achievement tables as the monev report shows them, as an HTML
        fragment with its own scoped style: the scale's legend, one table per
        unit (per period and unit when several periods are evaluated), the
        predikat cell in its band's colour (red to green, lowest band to
        highest); a value that cannot be computed shows its reason."""
        out = ffi.new("char **")
        check(lib.sopkit_evaluation_render_html(self._handle, lang_code(lang), out))
        return take_text(out[0])

    def _repr_html_(self) -> str:
        """The capaian tables with predikat colours in a notebook."""
        return self.to_html()

    def arrays(self) -> Tuple[Any, Any]:
        """(achievement float64, band uint8) numpy arrays of every row (NaN / 0
        when not computable), filled by one C call."""
        np = _arrays.numpy()
        n = len(self)
        ach, band = np.empty(n, dtype=np.float64), np.empty(n, dtype=np.uint8)
        check(lib.sopkit_evaluation_arrays(self._handle, _ptr("double[]", ach, True),
                                           _ptr("uint8_t[]", band, True), n))
        return ach, band

    def to_dataframe(self) -> Any:
        """One row per (indicator, period) with every column the evaluation has
        (docs/python.md, "Frames"): definition, targets (range too), achievement,
        reason, score, band, predicate, year to date, money and lights, and the
        unit path split into ``unit_level_1`` ... columns. Missing values are
        missing (NaN, ``pd.NA``), never 0: ``band`` is a nullable Int8 and
        ``predicate`` an ordered categorical (by band), so ``q2.band - q1.band``
        and ``predicate.max()`` mean what they say. Built from the evaluation's
        columns, one C call each (a national evaluation in a fraction of a
        second). Needs pandas."""
        return _frames.indicator_frame(self._columns("indicators"), self.arrays()[1])

    def _columns(self, list_name: str) -> "_frames.Columns":
        """The columns of one of the evaluation's lists ("indicators", "units",
        "warnings"), each read by one C call."""
        name, count = cstr(list_name), ffi.new("size_t *")
        check(lib.sopkit_evaluation_list_count(self._handle, name, count))
        n = int(count[0])
        np = _arrays.numpy()

        def numbers(column: str) -> Any:
            out = np.empty(n, dtype=np.float64)
            check(lib.sopkit_evaluation_numbers(self._handle, name, cstr(column),
                                                _ptr("double[]", out, True), n))
            return out

        def texts(column: str) -> Tuple[Any, List[str]]:
            codes = np.empty(n, dtype=np.int32)
            labels, got = ffi.new("const char * const **"), ffi.new("size_t *")
            check(lib.sopkit_evaluation_texts(self._handle, name, cstr(column),
                                              _ptr("int32_t[]", codes, True), n, labels, got))
            return codes, [text(labels[0][i]) for i in range(int(got[0]))]

        return _frames.Columns(numbers, texts)

    def units_dataframe(self) -> Any:
        """The roll-up of every unit (weighted mean of its indicators), one row
        per (unit, period), with the unit path levels as columns; ``predicate``
        an ordered categorical by band. Built from the evaluation's columns.
        Needs pandas."""
        return _frames.unit_frame(self._columns("units"))

    def warnings_dataframe(self) -> Any:
        """The early warnings: projected year-end achievement per indicator and
        year (pace and trend, and why one is not computable), the indicator's
        unit, and whether it warns. Built from the evaluation's columns. Needs
        pandas."""
        return _frames.warning_frame(self._columns("warnings"))


def _texts(values: Optional[Sequence[Any]], name: str, n: int, required: bool) -> Tuple[Any, List[Any]]:
    """A ``const char *const *`` array of `values` (and the buffers that keep it alive)."""
    if values is None:
        if required:
            raise ValueError(f"{name} is required")
        return ffi.NULL, []
    items = list(values)
    if len(items) != n:
        raise ValueError(f"{name} has {len(items)} values; {n} rows are given")
    keep = [ffi.new("char[]", cstr(str(v))) for v in items]
    return ffi.new("const char *[]", keep), keep


#: The CSV's columns (docs/indicators.md) as from_columns names them
#: (the CSV's "indicator" is "code").
_TEXT_COLUMNS = ("unit", "code", "name", "satuan", "polarity", "accumulation", "period",
                 "negative_formula", "source")
_NUMBER_COLUMNS = ("weight", "target", "realisation", "target_low", "target_high", "budget",
                   "budget_realisation", "financial_plan", "physical_plan",
                   "physical_realisation")
#: Keywords of from_columns beyond its named ones.
_MORE_COLUMNS = ("target_low", "target_high", "budget", "budget_realisation", "financial_plan",
                 "physical_plan", "physical_realisation", "negative_formula", "source")
_CSV_COLUMNS = {"indicator"} | set(_TEXT_COLUMNS + _NUMBER_COLUMNS) - {"code"}
#: The columns a CSV header must have, in the CSV's order (docs/indicators.md).
_CSV_REQUIRED = ("unit", "indicator", "name", "satuan", "polarity", "accumulation", "weight",
                 "period", "target", "realisation")
#: Codes as names, for text columns that hold codes.
_CODE_NAMES = {
    "polarity": {str(v): k for k, v in _POLARITY_NAMES.items()},
    "accumulation": {str(v): k for k, v in _ACCUMULATION_NAMES.items()},
}


def _check_rows(arr: Any, label: str, n: int) -> None:
    if arr.shape != (n,):
        raise ValueError(f"{label} has shape {arr.shape}; ({n},) is needed")


def _set_text_column(column: Any, values: Any, label: str, n: int) -> Any:
    """Fills a sopkit_text_column with `values` dictionary-encoded (one str: that
    text on every row); returns what keeps its memory alive."""
    np = _arrays.numpy()
    if isinstance(values, str):
        index, distinct = np.zeros(n, dtype=np.int32), [values]
    elif len(values) != n:
        raise ValueError(f"{label} has {len(values)} values; {n} rows are given")
    else:
        index, distinct = _arrays.factorize(values)
    if label in _CODE_NAMES:
        distinct = [_CODE_NAMES[label].get(v, v) for v in distinct]
    if not distinct:  # every row blank: the column is absent
        return None
    values_ptr, keep = _arrays.c_strings(ffi, distinct, label)
    column.count = len(distinct)
    column.values = values_ptr
    column.index = _ptr("int32_t[]", index)
    return keep, index


class IndicatorSet(Handle):
    """Indicators with targets and realisations per period and the unit tree that
    owns them; immutable, safe to share between threads."""

    __slots__ = ("_source",)
    _free = lib.sopkit_indicators_free if has("sopkit_indicators_free") else None

    def __init__(self, ptr: Any, source: str) -> None:
        super().__init__(ptr)
        self._source = source

    def __repr__(self) -> str:
        if self.closed:
            return "<sopkit.IndicatorSet (closed)>"
        i, u, r = self.counts
        return f"<sopkit.IndicatorSet {self._source!r}: {i} indicators, {u} units, {r} rows>"

    @classmethod
    def _make(cls, source: str, fn: Any, *args: Any) -> "IndicatorSet":
        out = ffi.new("sopkit_indicators **")
        check(fn(out, *args))
        return cls(out[0], source)

    @classmethod
    def load(cls, path: PathLike, *, decimal_mark: str = "detect",
             threads: int = 1) -> "IndicatorSet":
        """Loads the CSV (``.csv``) or JSON (``.json``) of docs/indicators.md.

        Args:
            decimal_mark: how the CSV writes numbers: "detect" (a ';' file writes
                1.234,5, others 1234.5; "1.200" in a ';' file is refused naming
                both readings), "comma" (1.234,5) or "dot" (1234.5).
            threads: 2 or more reads a CSV file of 4 MB or more with two threads
                (the same set, and the same error, as one). 0 or 1: the calling
                thread only.

        Raises:
            SopkitIOError; ParseError / FormatError (the message has
            file:line:column or the JSON pointer).
        """
        p = os.fspath(path)
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
            raise ValueError(f"threads must be an int >= 0, not {threads!r}")
        opts = ffi.new("sopkit_indicators_load_options *")
        check(lib.sopkit_indicators_load_options_init(opts))
        opts.decimal_mark = _decimal_mark(decimal_mark)
        opts.threads = threads
        return cls._make(p, lib.sopkit_indicators_load_file_with_options, cstr(p), opts)

    @classmethod
    def from_csv(cls, source: Union[PathLike, io.TextIOBase, Any], *,
                 decimal_mark: str = "detect", threads: int = 1) -> "IndicatorSet":
        """From CSV: a path (any extension; read by the C loader, whose messages
        name the file), or an open text file. For CSV text in a string use
        :meth:`from_csv_text`. `decimal_mark`, `threads` (of a path) and errors
        as :meth:`load`."""
        if hasattr(source, "read"):
            return cls.from_csv_text(source.read(), decimal_mark=decimal_mark)
        p = os.fspath(source)
        if not p.lower().endswith(".json"):  # the C loader reads any other path as CSV
            return cls.load(p, decimal_mark=decimal_mark, threads=threads)
        with open(p, "rb") as f:  # the bytes as they are: the C loader checks the UTF-8
            return cls._from_csv_bytes(f.read(), decimal_mark)

    @classmethod
    def from_csv_text(cls, csv_text: str, *, decimal_mark: str = "detect") -> "IndicatorSet":
        """From CSV text (header row first). `decimal_mark` and errors as :meth:`load`."""
        return cls._from_csv_bytes(csv_text.encode("utf-8"), decimal_mark)

    @classmethod
    def _from_csv_bytes(cls, data: bytes, decimal_mark: str) -> "IndicatorSet":
        mark = _decimal_mark(decimal_mark)
        return cls._make("<csv>", lib.sopkit_indicators_load_csv_with_mark, data, len(data), mark)

    @classmethod
    def from_json(cls, json_text: str) -> "IndicatorSet":
        """From the JSON form (with the unit tree). Errors as :meth:`load`."""
        _require("sopkit_indicators_load_json")
        data = json_text.encode("utf-8")
        return cls._make("<json>", lib.sopkit_indicators_load_json, data, len(data))

    @classmethod
    def from_columns(cls, *, unit: Column, code: Column, period: Column,
                     target: Any, realisation: Any, polarity: Any,
                     name: Optional[Column] = None, satuan: Optional[Column] = None,
                     accumulation: Any = None, weight: Any = None, **more: Any) -> "IndicatorSet":
        """From columns, one (indicator, period) row per index, by the rules and
        messages of the CSV (docs/indicators.md): an indicator's definition comes
        from its first row; later rows may leave it blank, and what they give
        must agree.

        Texts as sequences, numpy arrays or pandas Series (None, NaN and pd.NA
        are blank); each column is dictionary-encoded, so each distinct text
        crosses into C once. Numbers as float64 arrays or sequences (blank as
        above). polarity and accumulation as names ("negative", "sum") or codes
        (:data:`NEGATIVE`, :data:`ACCUMULATE_SUM`). Without `name` the name is
        the code; without `accumulation` it is "last". The other columns of the
        CSV are keywords too: target_low, target_high, budget,
        budget_realisation, financial_plan, physical_plan,
        physical_realisation, negative_formula, source.

        Raises:
            FormatError: what the CSV loader refuses (an unknown period, a
                duplicate row, a definition that disagrees); the message names
                the row, counted from 0, and the column ("row 2 (name): ...").
        """
        unknown = set(more) - set(_MORE_COLUMNS)
        if unknown:
            raise TypeError(f"from_columns() got unexpected keyword argument(s) "
                            f"{', '.join(sorted(unknown))}")
        columns = dict(more, unit=unit, code=code, period=period, target=target,
                       realisation=realisation, polarity=polarity, satuan=satuan, weight=weight,
                       name=code if name is None else name,
                       accumulation="last" if accumulation is None else accumulation)
        if not has("sopkit_indicators_from_columns"):  # a libsopkit older than its header
            return cls._from_rows(columns)
        return cls._from_text_columns(columns)

    @classmethod
    def _from_text_columns(cls, columns: Dict[str, Any]) -> "IndicatorSet":
        n = len(columns["code"])
        cols = ffi.new("sopkit_indicator_columns *")
        cols.version = lib.SOPKIT_INDICATOR_COLUMNS_VERSION
        cols.n = n
        keep: List[Any] = []
        for field in _TEXT_COLUMNS:
            if columns.get(field) is not None:
                keep.append(_set_text_column(getattr(cols, field), columns[field], field, n))
        for field in _NUMBER_COLUMNS:
            if columns.get(field) is not None:
                arr = _arrays.floats(columns[field], field)
                _check_rows(arr, field, n)
                keep.append(arr)
                setattr(cols, field, _ptr("double[]", arr))
        result = cls._make("<columns>", lib.sopkit_indicators_from_columns, cols)
        del keep
        return result

    @classmethod
    def _from_rows(cls, columns: Dict[str, Any]) -> "IndicatorSet":
        """From per-row arrays through sopkit_indicators_new, for a libsopkit
        without sopkit_indicators_from_columns (the CSV's other columns need it)."""
        _require("sopkit_indicators_new")
        for field in _MORE_COLUMNS:
            if columns.get(field) is not None:
                _require("sopkit_indicators_from_columns")
        np = _arrays.numpy()
        n = len(columns["code"])
        rows = ffi.new("sopkit_indicator_rows *")
        rows.n = n
        keep: List[Any] = []

        def numbers(values: Any, dtype: str, label: str, names: Optional[Dict[str, int]] = None) -> Any:
            if values is None:
                return ffi.NULL
            if isinstance(values, str):
                values = [values] * n
            arr = np.asarray(values, dtype=object if names else None)
            if names is not None and arr.dtype.kind in "UO":
                try:
                    arr = np.array([names[str(v).lower()] if isinstance(v, str) else v
                                    for v in arr.ravel()])
                except KeyError as e:
                    raise ValueError(f"{label}: unknown value {e.args[0]!r}") from None
            if dtype == "float64" and arr.dtype == object:
                arr = np.array([np.nan if v is None else v for v in arr], dtype=np.float64)
            arr = _arrays.numbers(arr, dtype, label)
            _check_rows(arr, label, n)
            keep.append(arr)
            return _ptr("double[]" if dtype == "float64" else "uint8_t[]", arr)

        for field in ("unit", "code", "name", "satuan", "period"):
            ptr, bufs = _texts(columns[field], field, n, field not in ("name", "satuan"))
            keep.extend(bufs)
            keep.append(ptr)
            setattr(rows, field, ptr)
        rows.polarity = numbers(columns["polarity"], "uint8", "polarity", _POLARITY_NAMES)
        rows.accumulation = numbers(columns["accumulation"], "uint8", "accumulation",
                                    _ACCUMULATION_NAMES)
        for field in ("weight", "target", "realisation"):
            setattr(rows, field, numbers(columns[field], "float64", field))
        result = cls._make("<columns>", lib.sopkit_indicators_new, rows)
        del keep
        return result

    @classmethod
    def from_dataframe(cls, df: Any) -> "IndicatorSet":
        """From a pandas DataFrame with the CSV's columns (docs/indicators.md),
        such as ``pd.read_csv`` gives of the CSV file, by the CSV's rules and
        messages: column names are matched as the CSV header's (trimmed, any
        case); the CSV's required columns (unit, indicator, name, satuan,
        polarity, accumulation, weight, period, target, realisation) must be
        there and an unknown column is refused (select the columns first:
        ``df[[...]]``); blank cells (NaN, None, pd.NA) are blank, as in the
        file. Errors as :meth:`from_columns`, rows counted from 0.

        Raises:
            FormatError: an unknown, repeated or missing column; what the CSV
                loader refuses in a row.
        """
        from .errors import FormatError

        by_name: Dict[str, Any] = {}
        for c in df.columns:
            key = str(c).strip().lower()
            if key not in _CSV_COLUMNS:
                raise FormatError(f"unknown column '{key}' (see docs/indicators.md for the "
                                  "columns)")
            if key in by_name:
                raise FormatError(f"column '{key}' appears twice")
            by_name[key] = c
        for required in _CSV_REQUIRED:
            if required not in by_name:
                raise FormatError(f"the frame lacks the required column '{required}'")
        columns = {("code" if key == "indicator" else key): df[c] for key, c in by_name.items()}
        return cls.from_columns(**columns)

    @property
    def counts(self) -> Tuple[int, int, int]:
        """(indicators, units, rows)."""
        i, u, r = ffi.new("size_t *"), ffi.new("size_t *"), ffi.new("size_t *")
        check(lib.sopkit_indicators_counts(self._handle, i, u, r))
        return int(i[0]), int(u[0]), int(r[0])

    def __len__(self) -> int:
        return self.counts[2]

    def evaluate(self, *, period: Optional[str] = None, cap: int = 0,
                 scale: Optional[str] = None, negative_ratio: bool = False,
                 zero_over_zero_is_100: bool = False,
                 warning_threshold: Optional[float] = None, threads: int = 1) -> Evaluation:
        """Evaluates every (indicator, period) row (docs/indicators.md).

        Args:
            period: only this period ("2024-Q2"); None: every period.
            cap: 0, 100, 110 or 120 — for scoring and roll-ups.
            scale: rating scale id ("permendagri-86-2017" default, "sakip-88-2021",
                "traffic-light").
            negative_ratio: T/R x 100 for lower-is-better instead of (2T-R)/T.
            zero_over_zero_is_100: T = 0 and R = 0 count as 100 % (an explicit policy).
            warning_threshold: early warning below this projected percent (default 76).
            threads: 2 or more computes the results of a large set (8 192 rows or
                more) on two threads, and its to_json() and to_csv() texts are
                written by two threads; the same results and texts. 0 or 1: the
                calling thread only.

        A period older than the scale's first version is computed but not rated
        (band 0, no predicate); a ``UserWarning`` and :attr:`Evaluation.notes` say why.

        Raises:
            InvalidArgumentError: bad cap or period text. NotFoundError: a scale
            name no version carries.
        """
        opts, _keep = evaluate_options(period=period, cap=cap, scale=scale,
                                       negative_ratio=negative_ratio,
                                       zero_over_zero_is_100=zero_over_zero_is_100,
                                       warning_threshold=warning_threshold,
                                       threads=threads)
        out = ffi.new("sopkit_evaluation **")
        check(lib.sopkit_indicators_evaluate(self._handle, opts, out))
        evaluation = Evaluation(out[0])
        for note in evaluation.notes:
            warnings.warn(note, UserWarning, stacklevel=2)
        return evaluation
