"""Calendar: making calendars, single-instant arithmetic, instants in and out."""
import datetime as dt
import json
import pathlib

import pytest

import sopkit

D = dt.datetime


def test_shipped_2024_holidays_are_not_working_time(cal2024: sopkit.Calendar) -> None:
    assert not cal2024.is_working_time(D(2024, 4, 10, 9, 0))  # Idul Fitri 1445 H
    assert not cal2024.is_working_time(D(2024, 4, 8, 9, 0))  # cuti bersama
    assert cal2024.is_working_time(D(2024, 4, 16, 9, 0))
    assert not cal2024.is_working_time(D(2024, 4, 16, 12, 0))  # lunch break


def test_add_days_keeps_the_clock_and_skips_lebaran(cal2024: sopkit.Calendar) -> None:
    # Fri 5 April 2024 is in Ramadan 1445 H: the office works until 15:30.
    assert cal2024.add_days(D(2024, 4, 5, 14, 0), 1) == D(2024, 4, 16, 14, 0)


def test_add_minutes_consumes_office_time(cal2024: sopkit.Calendar) -> None:
    # Fri 15:00 + 120: 30 until the Ramadan closing 15:30, then 90 from Tue 07:30.
    assert cal2024.add_minutes(D(2024, 4, 5, 15, 0), 120) == D(2024, 4, 16, 9, 0)


def test_add_text_and_timedelta(cal2024: sopkit.Calendar) -> None:
    assert cal2024.add("2024-04-16T08:00", "1 jam 30 menit") == D(2024, 4, 16, 9, 30)
    assert cal2024.add("2024-04-16T08:00", dt.timedelta(minutes=90)) == D(2024, 4, 16, 9, 30)
    assert cal2024.add_minutes("2024-04-16T08:00", dt.timedelta(hours=1)) == D(2024, 4, 16, 9, 0)
    with pytest.raises(sopkit.ParseError):
        cal2024.add("2024-04-16T08:00", "lama")
    with pytest.raises(ValueError, match="whole number of minutes"):
        cal2024.add("2024-04-16T08:00", dt.timedelta(seconds=30))
    with pytest.raises(TypeError):
        cal2024.add("2024-04-16T08:00", 30)  # type: ignore[arg-type]  # on purpose


def test_negative_amounts_are_invalid(cal2024: sopkit.Calendar) -> None:
    with pytest.raises(sopkit.InvalidArgumentError):
        cal2024.add_minutes(D(2024, 4, 16, 8, 0), -5)
    with pytest.raises(sopkit.InvalidArgumentError):
        cal2024.add_days(D(2024, 4, 16, 8, 0), -1)


def test_between_counts_office_minutes_both_ways(cal2024: sopkit.Calendar) -> None:
    a, b = D(2024, 4, 5, 15, 0), D(2024, 4, 16, 9, 0)
    assert cal2024.between(a, b) == 120
    assert cal2024.between(b, a) == -120


def test_next_working(cal2024: sopkit.Calendar) -> None:
    assert cal2024.next_working(D(2024, 4, 6, 10, 0)) == D(2024, 4, 16, 7, 30)
    assert cal2024.next_working(D(2024, 4, 16, 9, 0)) == D(2024, 4, 16, 9, 0)


def test_instant_forms_agree(cal2024: sopkit.Calendar) -> None:
    import numpy as np

    expected = D(2024, 4, 16, 14, 0)
    for start in (D(2024, 4, 5, 14, 0), "2024-04-05T14:00", "2024-04-05 14:00",
                  D(2024, 4, 5, 14, 0, 45).isoformat(), "2024-04-05T14:00:00.250000",
                  np.datetime64("2024-04-05T14:00"), np.datetime64("2024-04-05T14:00:30.5"),
                  D(2024, 4, 5, 14, 0, 45)):
        assert cal2024.add_days(start, 1) == expected, start
    # A date is its 00:00, which first moves to the opening (08:00 in Ramadan).
    assert cal2024.add_days(dt.date(2024, 4, 5), 0) == D(2024, 4, 5, 8, 0)


def test_aware_datetimes_and_nat_are_refused(cal2024: sopkit.Calendar) -> None:
    import numpy as np

    with pytest.raises(ValueError, match="naive"):
        cal2024.add_days(D(2024, 4, 5, 16, 0, tzinfo=dt.timezone.utc), 1)
    with pytest.raises(ValueError):
        cal2024.add_days(np.datetime64("NaT"), 1)
    with pytest.raises(TypeError):
        cal2024.add_days(20240405, 1)


def test_parse_and_format_instants() -> None:
    assert sopkit.parse_instant("1970-01-02T00:30") == D(1970, 1, 2, 0, 30)
    assert sopkit.parse_instant("2024-04-05") == D(2024, 4, 5)
    assert sopkit.format_instant(D(2024, 4, 5, 8, 0)) == "2024-04-05T08:00"
    assert sopkit.format_instant(D(1969, 12, 31, 23, 59)) == "1969-12-31T23:59"


def test_indonesia_by_years_merges_the_shipped_files() -> None:
    with sopkit.Calendar.indonesia(2023, 2026) as cal:
        # Idul Fitri 2023 (22 April is a Saturday; cuti bersama 19-25 April).
        assert not cal.is_working_time(D(2023, 4, 20, 9, 0))
        assert cal.is_working_time(D(2026, 12, 30, 9, 0))
        # Crossing from 2023 into 2024 works on the merged calendar.
        assert cal.add_days(D(2023, 12, 29, 9, 0), 1) == D(2024, 1, 2, 9, 0)
    with sopkit.Calendar.indonesia(2024) as one:
        with pytest.raises(sopkit.RangeError):
            one.is_working_time(D(2023, 12, 29, 9, 0))
    with pytest.raises(TypeError):
        sopkit.Calendar.indonesia("id-2024", 2025)


def test_asn_calendar_has_no_holidays() -> None:
    with sopkit.Calendar.asn(2024) as cal:
        assert cal.is_working_time(D(2024, 4, 10, 9, 0))  # Idul Fitri, but not here
        assert not cal.is_working_time(D(2024, 4, 13, 9, 0))  # Saturday
        assert "asn" in repr(cal)
    assert "closed" in repr(cal)


SIX_DAY = {
    "format": "sopkit.calendar/1",
    "coverage": {"from": "2024-01-01", "to": "2024-12-31"},
    "week": {d: {"open": "08:00", "close": "14:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
    "holidays": [{"date": "2024-08-17", "name": "HUT RI", "kind": "holiday"}],
}


def test_custom_calendar_from_json_and_from_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sekolah.json"
    path.write_text(json.dumps(SIX_DAY), encoding="utf-8")
    for cal in (sopkit.Calendar.from_json(json.dumps(SIX_DAY)), sopkit.Calendar.load(path)):
        with cal:
            assert cal.is_working_time(D(2024, 8, 10, 9, 0))  # a Saturday
            assert not cal.is_working_time(D(2024, 8, 17, 9, 0))  # the holiday (a Saturday)
            # Fri 13:00 + 120 office minutes: 60 on Friday, 60 on Saturday.
            assert cal.add_minutes(D(2024, 8, 9, 13, 0), 120) == D(2024, 8, 10, 9, 0)


def test_calendar_file_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(sopkit.SopkitIOError):
        sopkit.Calendar.load(tmp_path / "none.json")
    with pytest.raises(sopkit.ParseError):
        sopkit.Calendar.from_json("{")


def test_pandas_series_and_indexes_go_in_and_come_back_with_nat_kept(
        cal2024: sopkit.Calendar) -> None:
    # The bulk calls take what an analyst holds: a Series (index and name kept),
    # a DatetimeIndex; NaT rows stay NaT and the other rows are computed as numpy's.
    pd = pytest.importorskip("pandas")
    import numpy as np

    starts = pd.Series(pd.to_datetime(["2024-04-05 16:00", None, "2024-06-03 08:00"]),
                       index=["a", "b", "c"], name="start")
    plain = np.array(["2024-04-05T16:00", "2024-06-03T08:00"], dtype="datetime64[m]")
    due = cal2024.add_minutes(starts, 120)
    assert isinstance(due, pd.Series) and list(due.index) == ["a", "b", "c"] and due.name == "start"
    assert pd.isna(due["b"])
    assert list(due.dropna().to_numpy().astype("datetime64[m]")) == \
        list(cal2024.add_minutes(plain, 120))
    days = cal2024.add_days(pd.DatetimeIndex(starts), [1, 2, 3])
    assert isinstance(days, pd.DatetimeIndex) and pd.isna(days[1])
    assert days[2] == pd.Timestamp(cal2024.add_days(D(2024, 6, 3, 8, 0), 3))
    hours = pd.Series(pd.to_timedelta([1, 2, 3], unit="h"))
    assert cal2024.add_minutes(starts, hours)["c"] == pd.Timestamp(cal2024.add_minutes(
        D(2024, 6, 3, 8, 0), 180))
    between = cal2024.between(starts, starts + pd.Timedelta(hours=3))
    assert str(between.dtype) == "Int64" and pd.isna(between["b"])
    assert between["c"] == cal2024.between(D(2024, 6, 3, 8, 0), D(2024, 6, 3, 11, 0))
    numpy_between = cal2024.between(starts.to_numpy(), starts.to_numpy() + np.timedelta64(3, "h"))
    assert np.isnan(numpy_between[1]) and numpy_between[2] == between["c"]
    with pytest.raises(ValueError, match="naive"):
        cal2024.add_minutes(starts.dt.tz_localize("Asia/Jakarta"), 60)
    with pytest.raises(ValueError, match="NaT is not an amount"):
        cal2024.add_minutes(starts, pd.Series(pd.to_timedelta([1, None, 3], unit="h")))


def test_ramadan_hours_by_default_and_turned_off() -> None:
    # Issue 17: 2 hours from Thu 27 March 2025 15:30 (Ramadan 1446 H closes at
    # 15:00; 28 March - 7 April Nyepi, Idulfitri, cuti bersama).
    start = D(2025, 3, 27, 15, 30)
    assert sopkit.Calendar.indonesia(2025).add_minutes(start, 120) == D(2025, 4, 8, 9, 30)
    normal = sopkit.Calendar.indonesia(2025, ramadan_hours=False)
    assert normal.add_minutes(start, 120) == D(2025, 4, 8, 9, 0)
    assert sopkit.Calendar.indonesia("id-2025", ramadan_hours=False).add(start, "2 jam") == \
        D(2025, 4, 8, 9, 0)
    with pytest.raises(TypeError):
        sopkit.Calendar.indonesia(2025, ramadan_hours=0)  # type: ignore[arg-type]  # on purpose


def test_coverage_error_names_the_python_call(cal2024: sopkit.Calendar) -> None:
    with pytest.raises(sopkit.RangeError) as e:
        cal2024.add_minutes(D(2024, 12, 31, 8, 0), 100000)
    assert "sopkit.Calendar.indonesia(2023, 2026)" in str(e.value)
    assert "WorkCalendar" not in str(e.value) and "sopkit_calendar" not in str(e.value)
