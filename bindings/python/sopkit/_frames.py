"""pandas frames of an evaluation (docs/python.md, "Frames"), built from its
lists' columns (sopkit_evaluation_numbers / _texts): the indicator rows, the
unit roll-ups and the early warnings. Missing values stay missing."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, NamedTuple, Tuple

from . import _arrays

INDICATOR_COLUMNS = (
    "indicator", "unit", "period", "name", "polarity", "accumulation", "target", "target_low",
    "target_high", "realisation", "achievement", "reason", "score", "band", "predicate",
    "ytd_target", "ytd_realisation", "ytd_achievement", "ytd_reason", "absorption", "efficiency",
    "financial_deviation", "financial_light", "physical_deviation", "physical_light")
UNIT_COLUMNS = ("unit", "period", "achievement", "reason", "band", "predicate", "included",
                "excluded", "weight_sum")
WARNING_COLUMNS = ("indicator", "name", "unit", "year", "quarters_reported", "annual_target",
                   "annual_target_low", "annual_target_high", "pace_realisation",
                   "trend_realisation", "pace_achievement", "pace_achievement_reason",
                   "trend_achievement", "trend_achievement_reason", "projected_achievement",
                   "projected_achievement_reason", "warn")
TEXT_COLUMNS = {"unit", "indicator", "name", "period", "polarity", "accumulation", "reason",
                "ytd_reason", "financial_light", "physical_light", "pace_achievement_reason",
                "trend_achievement_reason", "projected_achievement_reason"}
COUNT_COLUMNS = {"included", "excluded", "year", "quarters_reported"}


class Columns(NamedTuple):
    """One list of an evaluation: `numbers(column)` gives a float64 column,
    `texts(column)` a column's int32 codes (-1: missing) and labels."""
    numbers: Callable[[str], Any]
    texts: Callable[[str], Tuple[Any, List[str]]]


def pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - pandas is installed where tests run
        raise ImportError("sopkit's DataFrames need pandas (apt-get install python3-pandas)") from e
    return pd


def _texts_of(codes: Any, labels: List[Any]) -> Any:
    """A text column from its codes (-1: missing) and labels, as pandas "string"."""
    np = _arrays.numpy()
    table = np.array(list(labels) + [None], dtype=object)  # code -1 picks the None
    return pandas().array(table[codes], dtype="string")


def _predicates_by_band(codes: Any, labels: List[str], band: Any) -> Any:
    """The predicate column as a categorical ordered from the lowest band to the
    highest (the predicates present only)."""
    np = _arrays.numpy()
    rated = (codes >= 0) & (band > 0)
    present, first = np.unique(codes[rated], return_index=True)
    band_of: Dict[int, int] = dict(zip(present.tolist(), band[rated][first].tolist()))
    order = sorted(band_of, key=band_of.__getitem__)
    position = np.full(len(labels) + 1, -1, dtype=np.int64)  # code -1 -> position[-1] = -1
    position[order] = np.arange(len(order))
    return pandas().Categorical.from_codes(position[codes], [labels[k] for k in order],
                                           ordered=True)


def _unit_level_columns(codes: Any, labels: List[str]) -> Dict[str, Any]:
    """The unit path ("Dinas/Bidang/Seksi") as unit_level_1 ... columns, split
    once per unit rather than once per row."""
    np = _arrays.numpy()
    if len(codes) == 0:
        return {}
    parts = [label.split("/") for label in labels]
    depth = max(len(parts[k]) for k in np.unique(codes).tolist())
    return {f"unit_level_{i + 1}": _texts_of(codes, [p[i] if i < len(p) else None for p in parts])
            for i in range(depth)}


def _bands(band: Any) -> Any:
    """Bands as a nullable Int8: 0 (not rated) is missing, never a number."""
    return pandas().arrays.IntegerArray(band.astype("int8"), band == 0)


def _frame(list_: Columns, columns: Tuple[str, ...], band: Any, levels: bool) -> Any:
    data: Dict[str, Any] = {}
    for c in columns:
        if c == "band":
            data[c] = _bands(band)
        elif c == "predicate":
            data[c] = _predicates_by_band(*list_.texts(c), band)
        elif c in TEXT_COLUMNS:
            data[c] = _texts_of(*list_.texts(c))
        elif c in COUNT_COLUMNS:
            data[c] = pandas().array(list_.numbers(c).astype("int64"), dtype="Int64")
        elif c == "warn":
            data[c] = pandas().array(list_.numbers(c) != 0, dtype="boolean")
        else:
            data[c] = list_.numbers(c)
    if levels:
        data.update(_unit_level_columns(*list_.texts("unit")))
    return pandas().DataFrame(data)


def indicator_frame(rows: Columns, band: Any) -> Any:
    """The indicator rows; `band` the uint8 bands (0: none)."""
    return _frame(rows, INDICATOR_COLUMNS, band, levels=True)


def unit_frame(units: Columns) -> Any:
    """The unit roll-ups, one row per (unit, period)."""
    return _frame(units, UNIT_COLUMNS, units.numbers("band").astype("uint8"), levels=True)


def warning_frame(warnings: Columns) -> Any:
    """The early warnings, one row per (indicator, year)."""
    return _frame(warnings, WARNING_COLUMNS, None, levels=False)


def records(rows: List[Dict[str, Any]], columns: Tuple[str, ...], times: Tuple[str, ...] = ()) -> Any:
    """A frame of plain records with the given columns; `times` columns (ISO
    text or None) become datetime64 (NaT when missing)."""
    pd = pandas()
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for c in times:
        df[c] = pd.to_datetime(df[c], format="%Y-%m-%dT%H:%M")
    return df


def instants_as_text(values: Any, name: str) -> Any:
    """A column of instants as the run-log text "YYYY-MM-DDTHH:MM" ("" when
    missing): datetime64 and Timestamps formatted, text passed as it is."""
    pd = pandas()
    series = pd.Series(values, copy=False)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dtype, "tz", None) is not None:
            raise ValueError(f"{name}: sopkit instants are local office time: pass naive times")
        return series.dt.strftime("%Y-%m-%dT%H:%M").fillna("")
    return series.where(series.notna(), "").astype(str)
