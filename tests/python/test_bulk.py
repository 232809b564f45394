"""Bulk calendar calls on numpy arrays: one C call, the caller's memory, the GIL
released while it runs."""
import sys
import threading
from typing import Any

import numpy as np
import pytest

import sopkit
from sopkit import _arrays
from sopkit._ffi import ffi


def _instants(n: int, seed: int  =  7) -> Any:
    """n pseudo-random instants across 2024 (any minute of any day)."""
    rng = np.random.default_rng(seed)
    base = np.datetime64("2024-01-01T00:00", "m")
    return base + rng.integers(0, 330 * 1440, n).astype("timedelta64[m]")


def _address(ptr: Any) -> int:
    return int(ffi.cast("uintptr_t", ptr))


def test_bulk_add_days_equals_the_scalar_call(cal2024: sopkit.Calendar) -> None:
    start = _instants(2000)
    days = np.random.default_rng(1).integers(0, 20, start.size)
    out = cal2024.add_days(start, days)
    assert out.dtype == np.dtype("datetime64[m]") and out.shape == start.shape
    for s, k, o in zip(start.tolist(), days.tolist(), out.tolist()):
        assert cal2024.add_days(s, k) == o


def test_bulk_add_minutes_equals_the_scalar_call(cal2024: sopkit.Calendar) -> None:
    start = _instants(2000, seed=8)
    minutes = np.random.default_rng(2).integers(0, 5000, start.size)
    out = cal2024.add_minutes(start, minutes)
    for s, k, o in zip(start.tolist(), minutes.tolist(), out.tolist()):
        assert cal2024.add_minutes(s, k) == o
        assert cal2024.between(s, o) == k


def test_contiguous_inputs_are_passed_by_address_not_copied() -> None:
    start = _instants(100)
    amount = np.arange(100, dtype=np.int64)
    assert _arrays.instants(start, "start") is start
    assert _arrays.amounts(amount, "amount", "m") is amount
    assert _address(_arrays.pointer(ffi, "int64_t[]", start)) == start.ctypes.data
    assert _address(_arrays.pointer(ffi, "int64_t[]", amount)) == amount.ctypes.data


def test_out_array_is_written_in_place(cal2024: sopkit.Calendar) -> None:
    start = _instants(1000)
    days = np.full(start.size, 3, dtype=np.int64)
    out = np.zeros(start.size, dtype="datetime64[m]")
    address = out.ctypes.data
    res = cal2024.add_days(start, days, out=out)
    assert res is out and res.ctypes.data == address
    assert np.array_equal(out, cal2024.add_days(start, days))


def test_out_may_be_the_start_array_itself(cal2024: sopkit.Calendar) -> None:
    start = _instants(500)
    expected = cal2024.add_minutes(start, 60)
    same = start.copy()
    res = cal2024.add_minutes(same, 60, out=same)
    assert res is same and np.array_equal(same, expected)


def test_bad_out_arrays_are_refused_not_copied(cal2024: sopkit.Calendar) -> None:
    start = _instants(10)
    with pytest.raises(TypeError, match="dtype"):
        cal2024.add_days(start, 1, out=np.empty(10, dtype=np.int64))
    with pytest.raises(ValueError, match="shape"):
        cal2024.add_days(start, 1, out=np.empty(9, dtype="datetime64[m]"))
    with pytest.raises(ValueError, match="contiguous"):
        cal2024.add_days(start, 1, out=np.empty(20, dtype="datetime64[m]")[::2])
    with pytest.raises(ValueError, match="overlap"):
        cal2024.add_days(start[1:], 1, out=start[:-1])
    days = np.ones(10, dtype=np.int64)
    with pytest.raises(ValueError, match="overlap"):
        cal2024.add_days(start, days, out=days.view("datetime64[m]"))


def test_inputs_of_other_kinds_are_converted(cal2024: sopkit.Calendar) -> None:
    start = _instants(50)
    expected = cal2024.add_minutes(start, 90)
    # Scalar amount broadcast, list inputs, timedelta64 amounts, other units.
    assert np.array_equal(cal2024.add_minutes(start, np.timedelta64(90, "m")), expected)
    assert np.array_equal(cal2024.add_minutes(start, np.full(50, 90 * 60, "timedelta64[s]")),
                          expected)
    assert np.array_equal(cal2024.add_minutes(start.tolist(), [90] * 50), expected)
    assert np.array_equal(cal2024.add_minutes(start.astype("datetime64[s]"), np.int32(90)), expected)
    # Strided views are made contiguous for the call.
    both = np.repeat(start, 2)
    assert np.array_equal(cal2024.add_minutes(both[::2], 90), expected)
    with pytest.raises(TypeError, match="datetime64"):
        cal2024.add_minutes(start.view(np.int64), 90)
    with pytest.raises(TypeError, match="integer"):
        cal2024.add_days(start, np.timedelta64(1, "D"))


def test_shapes_are_kept(cal2024: sopkit.Calendar) -> None:
    start = _instants(24).reshape(4, 6)
    out = cal2024.add_days(start, 1)
    assert out.shape == (4, 6)
    assert np.array_equal(out.ravel(), cal2024.add_days(start.ravel(), 1))
    empty = cal2024.add_days(np.array([], dtype="datetime64[m]"), np.array([], dtype=np.int64))
    assert empty.size == 0


def test_bulk_errors(cal2024: sopkit.Calendar) -> None:
    start = _instants(10)
    out = np.zeros(10, dtype="datetime64[m]")
    amounts = np.arange(10, dtype=np.int64)
    amounts[7] = -1
    with pytest.raises(sopkit.InvalidArgumentError, match="element 7"):
        cal2024.add_days(start, amounts, out=out)
    late = start.copy()
    late[3] = np.datetime64("2024-12-30T08:00")
    with pytest.raises(sopkit.RangeError):
        cal2024.add_days(late, 10)


def test_between_on_arrays(cal2024: sopkit.Calendar) -> None:
    start = _instants(100)
    minutes = np.random.default_rng(3).integers(0, 3000, 100)
    end = cal2024.add_minutes(start, minutes)
    assert np.array_equal(cal2024.between(start, end), minutes)
    assert np.array_equal(cal2024.between(end, start), -minutes)


def test_between_on_arrays_is_one_bulk_call_that_broadcasts_and_names_bad_elements(
        cal2024: sopkit.Calendar) -> None:
    start = _instants(1000).reshape(10, 100)
    one = np.datetime64("2024-06-03T07:30")
    got = cal2024.between(one, start)  # a scalar against an array broadcasts
    assert got.shape == (10, 100) and got.dtype == np.int64
    assert all(got.flat[i] == cal2024.between(one, start.flat[i].item()) for i in range(0, 1000, 37))
    bad = start.copy()
    bad[0, 4] = np.datetime64("2023-05-01T08:00")
    with pytest.raises(sopkit.RangeError, match="element 4"):
        cal2024.between(bad, start)


def test_two_threads_run_bulk_calls_at_the_same_time(cal2024: sopkit.Calendar) -> None:
    """With the interpreter's switch interval raised far above the test's length,
    a thread gives up the GIL only when it blocks or when a C call releases it.
    Thread A counts its bulk calls; the main thread makes its own bulk calls and
    records A's count between them. If the calls kept the GIL, A would run all
    its calls before the main thread could look (one value seen); released, the
    two threads interleave and the main thread sees A's count move."""
    start = _instants(400_000)
    days = np.random.default_rng(4).integers(0, 20, start.size)
    out_a = np.empty_like(start)
    out_main = np.empty_like(start)
    rounds = 40
    count = [0]
    started = threading.Event()

    def worker() -> None:
        started.set()
        for _ in range(rounds):
            cal2024.add_days(start, days, out=out_a)
            count[0] += 1

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=worker)
        t.start()
        started.wait()
        seen = []
        for _ in range(rounds):
            seen.append(count[0])
            cal2024.add_days(start, days, out=out_main)
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert count[0] == rounds
    assert len(set(seen)) > 1, f"the worker never advanced during the main thread's calls: {seen}"
    assert np.array_equal(out_a, out_main)
