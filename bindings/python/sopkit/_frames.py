"""pandas frames of an evaluation (docs/python.md, "Frames"): the indicator
rows from the evaluation's columns (sopkit_evaluation_numbers / _texts), the
unit roll-ups and early warnings from its JSON. Missing values stay missing."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Tuple

from . import _arrays

INDICATOR_COLUMNS = (
    "indicator", "unit", "period", "name", "polarity", "accumulation", "target", "target_low",
    "target_high", "realisation", "achievement", "reason", "score", "band", "predicate",
    "ytd_target", "ytd_realisation", "ytd_achievement", "ytd_reason", "absorption", "efficiency",
    "financial_deviation", "financial_light", "physical_deviation", "physical_light")
UNIT_COLUMNS = ("unit", "period", "achievement", "reason", "predicate", "included", "excluded",
                "weight_sum")
WARNING_COLUMNS = ("indicator", "year", "quarters_reported", "annual_target", "pace_realisation",
                   "trend_realisation", "pace_achievement", "trend_achievement",
                   "projected_achievement", "warn")
TEXT_COLUMNS = {"unit", "indicator", "name", "period", "polarity", "accumulation", "reason",
                "ytd_reason", "financial_light", "physical_light"}


def pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - pandas is installed where tests run
        raise ImportError("sopkit's DataFrames need pandas (apt-get install python3-pandas)") from e
    return pd


def _frame(rows: List[Dict[str, Any]], columns: Tuple[str, ...]) -> Any:
    pd = pandas()
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for c in columns:
        if c in TEXT_COLUMNS or c == "predicate":
            df[c] = df[c].astype("string")  # None -> pd.NA
        elif c not in ("band", "warn", "included", "excluded", "year", "quarters_reported"):
            df[c] = df[c].astype("float64")  # None -> NaN
    return df


def _unit_levels(df: Any) -> Any:
    """The unit path ("Dinas/Bidang/Seksi") as unit_level_1 ... columns."""
    levels = df["unit"].str.split("/", expand=True, regex=False)
    if levels.shape[0] == 0:
        return df
    for i in range(levels.shape[1]):
        df[f"unit_level_{i + 1}"] = levels[i].astype("string")
    return df


def _predicate_order(rows: List[Dict[str, Any]]) -> List[str]:
    """The predicates present, from the lowest band to the highest."""
    band_of: Dict[str, int] = {}
    for r in rows:
        if r.get("predicate") and r.get("band"):
            band_of.setdefault(r["predicate"], int(r["band"]))
    return sorted(band_of, key=lambda p: band_of[p])


def _ordered_predicates(df: Any, order: List[str]) -> Any:
    pd = pandas()
    df["predicate"] = pd.Categorical(df["predicate"], categories=order, ordered=True)
    return df


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


def indicator_frame(numbers: Callable[[str], Any], texts: Callable[[str], Tuple[Any, List[str]]],
                    band: Any) -> Any:
    """The indicator rows: `numbers(column)` gives a float64 column, `texts(column)`
    a column's codes and labels, `band` the uint8 bands (0: none)."""
    pd = pandas()
    data: Dict[str, Any] = {}
    for c in INDICATOR_COLUMNS:
        if c == "band":
            data[c] = pd.arrays.IntegerArray(band.astype("int8"), band == 0)
        elif c == "predicate":
            data[c] = _predicates_by_band(*texts(c), band)
        elif c in TEXT_COLUMNS:
            data[c] = _texts_of(*texts(c))
        else:
            data[c] = numbers(c)
    data.update(_unit_level_columns(*texts("unit")))
    return pd.DataFrame(data)


def unit_rows(result: Dict[str, Any]) -> Any:
    df = _frame(result["units"], UNIT_COLUMNS)
    for c in ("included", "excluded"):
        df[c] = df[c].astype("Int64")
    df = _ordered_predicates(df, _predicate_order(result["indicators"]) or
                             sorted(df["predicate"].dropna().unique()))
    return _unit_levels(df)


def warning_rows(result: Dict[str, Any]) -> Any:
    df = _frame(result["warnings"], WARNING_COLUMNS)
    for c in ("year", "quarters_reported"):
        df[c] = df[c].astype("Int64")
    df["warn"] = df["warn"].astype("boolean")
    return df


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
