"""numpy arrays for the bulk C calls, passed by address (no copies).

numpy is imported here, lazily: the rest of the package works without it.
An input that already is a C-contiguous array of the right dtype is passed as
it is (``ffi.from_buffer`` on a view of its memory); anything else (lists,
other units, strided views, scalars to broadcast) is converted once, which
does copy. An ``out=`` array is never copied: it must have the right dtype,
shape and layout and is written in place.
"""
from __future__ import annotations

import math
import numbers as abc
from typing import Any, Callable, List, Tuple


def numpy() -> Any:
    try:
        import numpy as np
    except ImportError as e:  # pragma: no cover - numpy is installed where tests run
        raise ImportError("sopkit's bulk functions need numpy (apt-get install python3-numpy)") from e
    return np


def contiguous(arr: Any) -> Any:
    """`arr` itself when C-contiguous (0-d arrays stay 0-d), else a contiguous copy."""
    return arr if arr.flags.c_contiguous else numpy().ascontiguousarray(arr)


def is_pandas(value: Any) -> bool:
    """True for a pandas Series or Index (DatetimeIndex, ...)."""
    return type(value).__module__.startswith("pandas") and hasattr(value, "to_numpy") \
        and hasattr(value, "dtype")


def is_array_like(value: Any) -> bool:
    """True for numpy arrays, lists, tuples and pandas Series and Indexes: the
    arguments of the bulk forms."""
    if isinstance(value, (list, tuple)) or is_pandas(value):
        return True
    return type(value).__module__ == "numpy" and type(value).__name__ == "ndarray"


def plain(value: Any, name: str) -> Any:
    """A pandas Series or Index as its numpy array (tz-aware times refused, as
    a tz-aware datetime is); anything else as it is."""
    if not is_pandas(value):
        return value
    if getattr(value.dtype, "tz", None) is not None:
        raise ValueError(f"{name}: sopkit instants are local office time: pass naive times "
                         "(e.g. s.dt.tz_convert('Asia/Jakarta').dt.tz_localize(None))")
    return value.to_numpy()


def like_input(result: Any, source: Any) -> Any:
    """`result` as the pandas type of `source` (a Series keeps its index and
    name, an Index becomes an Index), or as it is for other inputs."""
    if not is_pandas(source):
        return result
    import pandas as pd

    if isinstance(source, pd.Series):
        return pd.Series(result, index=source.index, name=source.name)
    return pd.Index(result, name=source.name)


def instants(value: Any, name: str, unit: str = "m") -> Any:
    """A C-contiguous ``datetime64[unit]`` array of the instants in `value`
    (minutes by default, ``"D"`` for dates; NaT stays NaT)."""
    np = numpy()
    value = plain(value, name)
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    if arr.dtype.kind in "iub":
        raise TypeError(f"{name}: expected datetime64 values, got {arr.dtype}; a minutes count "
                        "is arr.view('datetime64[m]')")
    if arr.dtype != np.dtype(f"datetime64[{unit}]"):
        arr = arr.astype(f"datetime64[{unit}]")
    return contiguous(arr)


def amounts(value: Any, name: str, timedelta_unit: str | None) -> Any:
    """A C-contiguous int64 array of the amounts in `value` (timedelta64 values
    are converted to `timedelta_unit` when given, refused otherwise)."""
    np = numpy()
    value = plain(value, name)
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    if arr.dtype.kind == "m":
        if np.isnat(arr).any():
            raise ValueError(f"{name}: NaT is not an amount; drop it or fill it first")
        if timedelta_unit is None:
            raise TypeError(f"{name}: expected integer working days, got {arr.dtype}")
        arr = arr.astype(f"timedelta64[{timedelta_unit}]").view(np.int64)
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"{name}: expected integers, got {arr.dtype}")
    if arr.dtype != np.int64:
        arr = arr.astype(np.int64)
    return contiguous(arr)


def broadcast(a: Any, b: Any) -> Tuple[Any, Any]:
    """Both arrays at their common shape (copies only an array that must grow)."""
    np = numpy()
    if a.shape == b.shape:
        return a, b
    shape = np.broadcast_shapes(a.shape, b.shape)
    if a.shape != shape:
        a = np.ascontiguousarray(np.broadcast_to(a, shape))
    if b.shape != shape:
        b = np.ascontiguousarray(np.broadcast_to(b, shape))
    return a, b


def output(out: Any, shape: Tuple[int, ...], dtype: str, name: str = "out") -> Any:
    """`out` checked for an in-place write, or a new empty array."""
    np = numpy()
    if out is None:
        return np.empty(shape, dtype=dtype)
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{name} must be a numpy array, got {type(out).__name__}")
    if out.dtype != np.dtype(dtype):
        raise TypeError(f"{name} must have dtype {dtype}, got {out.dtype}")
    if out.shape != tuple(shape):
        raise ValueError(f"{name} has shape {out.shape}; {tuple(shape)} is needed")
    if not out.flags.c_contiguous or not out.flags.writeable:
        raise ValueError(f"{name} must be a writeable C-contiguous array (it is written in place)")
    return out


def pointer(ffi: Any, ctype: str, arr: Any, writable: bool = False) -> Any:
    """A C pointer to the array's own memory (no copy). datetime64 arrays are
    viewed as int64, which has the same bytes."""
    np = numpy()
    if arr.dtype.kind in "mM":
        arr = arr.view(np.int64)
    return ffi.from_buffer(ctype, arr, require_writable=writable)


def _check_integer_range(arr: Any, want: Any, name: str) -> None:
    """Refuses values that astype would wrap (polarity 256 to 0, an int64 group
    id to another int32 one)."""
    np = numpy()
    info = np.iinfo(want)
    low, high = arr.min(), arr.max()
    if low < info.min or high > info.max:
        bad = low if low < info.min else high
        raise ValueError(f"{name}: {bad} is outside [{info.min}, {info.max}] of {want}")


def numbers(value: Any, dtype: str, name: str) -> Any:
    """A C-contiguous array of `dtype` holding `value` (passed as it is when it
    already is one; a bool array is viewed, not copied, as uint8 0/1)."""
    np = numpy()
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    want = np.dtype(dtype)
    if arr.dtype == np.bool_ and want == np.uint8:
        arr = arr.view(np.uint8)
    elif arr.dtype != want:
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected numbers, got {arr.dtype}")
        if want.kind in "iu" and arr.dtype.kind == "f":
            raise TypeError(f"{name}: expected integers, got {arr.dtype}")
        if want.kind in "iu" and arr.size:
            _check_integer_range(arr, want, name)
        arr = arr.astype(want)
    return contiguous(arr)


def pandas() -> Any:
    """pandas when it is installed, else None (it is optional)."""
    try:
        import pandas as pd
    except ImportError:
        return None
    return pd


def floats(values: Any, name: str) -> Any:
    """A C-contiguous float64 array of `values`, blanks (None, NaN, pd.NA) as NaN.
    A float64 array is passed as it is; anything else is converted once. Text
    cells are refused (:func:`refuse_text`)."""
    np = numpy()
    pd = pandas()
    if isinstance(values, np.ndarray) and values.dtype.kind in "biuf":
        return numbers(values, "float64", name)
    if pd is not None:
        series = pd.Series(values, copy=False)
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            refuse_text(series.to_numpy(dtype=object), name)
            series = series.where(series.notna(), np.nan)  # None and pd.NA as NaN
        convert: Callable[[], Any] = lambda: series.to_numpy(  # noqa: E731
            dtype="float64", na_value=np.nan)
    else:
        items = list(values)
        refuse_text(items, name)
        convert = lambda: np.array([np.nan if v is None else v for v in items],  # noqa: E731
                                   dtype=np.float64)
    try:
        return contiguous(convert())
    except (TypeError, ValueError) as e:
        raise TypeError(f"{name}: expected numbers ({e})") from None


def refuse_text(values: Any, name: str) -> None:
    """Number columns take numbers: a text cell ("97,5", "1.200", "abc") is
    refused naming its row, never read by Python's own rules, which differ from
    the CSV's (float() takes "1_000", "inf", "nan")."""
    from .errors import FormatError

    for row, value in enumerate(values):
        if isinstance(value, (str, bytes)):
            raise FormatError(f"row {row} ({name}): {value!r} is text, not a number; "
                              "convert the column first (pandas.to_numeric) or load the "
                              "file with IndicatorSet.from_csv, which reads numbers by the "
                              "CSV's rules")


def cell_text(value: Any) -> str:
    """A cell as the CSV would hold it: numbers without a spurious ".0" (a
    period column read as floats gives 2024.0), NaN as blank."""
    if isinstance(value, str):
        return value
    if isinstance(value, abc.Integral):
        return str(int(value))
    if isinstance(value, abc.Real):
        v = float(value)
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    return str(value)


def factorize(values: Any) -> Tuple[Any, List[str]]:
    """`values` dictionary-encoded as texts: (int32 index per row, -1 where blank;
    the distinct values as :func:`cell_text`). pandas hashes them in one pass;
    without pandas numpy sorts them."""
    np = numpy()
    pd = pandas()
    if pd is not None:
        index, distinct = pd.factorize(values)  # None, NaN and pd.NA give -1
    else:
        # a list as objects: np.asarray(["a", nan]) would make the NaN the text "nan"
        arr = values if isinstance(values, np.ndarray) else np.array(values, dtype=object)
        if arr.dtype.kind == "O":
            arr = np.array(["" if v is None else cell_text(v) for v in arr.ravel()], dtype=str)
        distinct, index = np.unique(arr, return_inverse=True)
    texts = list(distinct)
    if pd is None or pd.api.types.infer_dtype(distinct, skipna=False) != "string":
        texts = [cell_text(v) for v in texts]  # not all str: numbers, NaN of numpy's sort
    return contiguous(np.asarray(index, dtype=np.int32)), texts


def c_strings(ffi: Any, texts: List[str], name: str) -> Tuple[Any, Any]:
    """A ``const char *const *`` array of `texts` (UTF-8) and what keeps it alive:
    the texts are joined into one NUL-separated buffer and the pointers computed
    from the separators' offsets, so no C object is made per text."""
    np = numpy()
    data = "\0".join(texts).encode("utf-8") + b"\0"
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
    if len(ends) != len(texts):
        raise ValueError(f"{name}: text must not contain NUL characters")
    buffer = ffi.from_buffer(data)
    starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.uintp)
    pointers = starts + np.uintp(int(ffi.cast("uintptr_t", buffer)))
    return ffi.cast("const char *const *", ffi.from_buffer(pointers)), (data, buffer, pointers)
