"""Calendars for real offices: a region's holidays on top of the national
calendar, the days off of a range, working days between dates."""
from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import List

import numpy as np
import pandas as pd
import pytest

import sopkit

ROOT = pathlib.Path(__file__).resolve().parents[2]
REGIONAL = ROOT / "examples" / "calendar-libur-daerah-2024.json"


def test_regional_file_adds_its_days_as_local_and_keeps_one_entry_per_date() -> None:
    with sopkit.Calendar.indonesia(2024) as national, \
            sopkit.Calendar.indonesia(2024, regional=REGIONAL) as regional:
        year = ("2024-01-01", "2025-01-01")
        added = {h.date: h for h in regional.holidays(*year)}
        plain = {h.date: h for h in national.holidays(*year)}
        assert sorted(set(added) - set(plain)) == [dt.date(2024, 2, 26), dt.date(2024, 9, 9)]
        assert added[dt.date(2024, 2, 26)].kind == "local"
        assert added[dt.date(2024, 8, 17)] == plain[dt.date(2024, 8, 17)]  # national entry kept
        assert regional.working_days(*year) == national.working_days(*year) - 2
        with sopkit.Calendar.load(ROOT / "data" / "calendars" / "id-2024.json",
                                  regional=REGIONAL) as from_file:
            assert from_file.holidays(*year) == regional.holidays(*year)
    with sopkit.Calendar.indonesia("id-2024", regional=str(REGIONAL)) as by_id:
        assert not by_id.is_working_time(dt.datetime(2024, 2, 26, 9, 0))


def test_regional_office_hours_on_a_national_holiday_are_refused_naming_both(
        tmp_path: pathlib.Path) -> None:
    region = {"format": "sopkit.calendar/1", "coverage": {"from": "2024-01-01", "to": "2024-12-31"},
              "overrides": [{"date": "2024-04-10", "name": "Apel",
                             "hours": {"open": "07:30", "close": "12:00"}}]}
    path = tmp_path / "region.json"
    path.write_text(json.dumps(region), encoding="utf-8")
    with pytest.raises(sopkit.ValidationError) as e:
        sopkit.Calendar.indonesia(2024, regional=path)
    assert "2024-04-10 is given twice" in str(e.value)
    assert "calendars/id-2024.json>:/holidays/11" in str(e.value)  # the national entry
    assert "region.json:/overrides/0" in str(e.value)


def test_holidays_of_a_range_as_dataclasses_and_a_frame(cal2024: sopkit.Calendar) -> None:
    april: List[sopkit.Holiday] = cal2024.holidays(dt.date(2024, 4, 1), "2024-05-01")
    assert [(h.date.day, h.kind) for h in april] == [
        (8, "cuti_bersama"), (9, "cuti_bersama"), (10, "holiday"), (11, "holiday"),
        (12, "cuti_bersama"), (15, "cuti_bersama")]
    assert april[2].name == "Hari Raya Idul Fitri 1445 Hijriah"
    frame = cal2024.holidays_frame("2024-04-01", "2024-05-01")
    assert list(frame.columns) == ["date", "name", "kind", "decree"]
    assert frame["date"].dtype.kind == "M" and str(frame["kind"].dtype) == "category"
    assert list(frame["kind"].cat.categories) == list(sopkit.HOLIDAY_KINDS)
    assert frame["date"].dt.day.tolist() == [8, 9, 10, 11, 12, 15]
    assert cal2024.holidays_frame("2024-04-16", "2024-04-30").empty
    with pytest.raises(sopkit.InvalidArgumentError):
        cal2024.holidays("2024-05-01", "2024-04-01")


def test_working_days_is_half_open_and_negative_backwards(cal2024: sopkit.Calendar) -> None:
    assert cal2024.working_days("2024-04-01", "2024-05-01") == 16
    assert cal2024.working_days(dt.date(2024, 5, 1), dt.date(2024, 4, 1)) == -16
    assert cal2024.working_days(dt.datetime(2024, 4, 1, 17, 0), "2024-04-02") == 1  # its date
    assert cal2024.working_days("2024-12-30", "2025-01-01") == 2  # end: the day after the data
    with pytest.raises(sopkit.RangeError, match="2025-01-02 is outside"):
        cal2024.working_days("2024-12-30", "2025-01-02")


def test_working_days_agrees_with_numpy_busday_count_given_the_holidays(
        cal2024: sopkit.Calendar) -> None:
    # The shipped 2024 data has no special working days, so numpy's Mon-Fri
    # week with the holiday dates must give the same counts.
    closed = [np.datetime64(h.date) for h in cal2024.holidays("2024-01-01", "2025-01-01")]
    rng = np.random.default_rng(20)
    a = np.datetime64("2024-01-01") + rng.integers(0, 367, 2000).astype("timedelta64[D]")
    b = np.datetime64("2024-01-01") + rng.integers(0, 367, 2000).astype("timedelta64[D]")
    ours = cal2024.working_days(a, b)
    assert ours.dtype == np.int64
    np.testing.assert_array_equal(ours, np.busday_count(a, b, holidays=closed))


def test_working_days_over_series_keeps_the_index_and_nat_stays_missing(
        cal2024: sopkit.Calendar) -> None:
    start = pd.Series(pd.to_datetime(["2024-04-01 08:00", None, "2024-01-01"]), index=[7, 8, 9],
                      name="start")
    got = cal2024.working_days(start, pd.Timestamp("2024-05-01"))
    assert str(got.dtype) == "Int64" and list(got.index) == [7, 8, 9]
    assert got[7] == 16 and got[8] is pd.NA
    full = cal2024.working_days(pd.DatetimeIndex(["2024-04-01", "2024-01-01"]), "2024-05-01")
    assert list(full) == [16, int(got[9])]
    with pytest.raises(sopkit.RangeError, match="element 1"):
        cal2024.working_days(np.array(["2024-04-01", "2023-12-01"], "datetime64[D]"),
                             np.datetime64("2024-05-01"))


def _entered(cal: sopkit.Calendar) -> sopkit.Calendar:
    with cal as same:
        return same  # mypy --strict refuses this if __enter__ gave Any ("Returning Any")


def test_with_gives_the_handle_itself_and_closes_it() -> None:
    cal = sopkit.Calendar.asn(2024)
    assert _entered(cal) is cal and cal.closed
