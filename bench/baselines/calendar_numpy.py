"""What a developer writes instead of sopkit's due dates: numpy.busday_offset
for working days and pandas CustomBusinessHour for office time, on the
synthetic holidays and start instants of inputs.py.

  /usr/bin/python3 bench/baselines/calendar_numpy.py [--n 10000000] [--cbh-n 20000] [--repeats 5]
"""
import argparse
import datetime as dt
import warnings

import numpy as np
import pandas as pd

from inputs import due_date_starts, office_hour_starts, synthetic_holidays
from splitmix import banner, measure, report


def working_days_part(a, holidays):
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    print(f"holidays: {holidays.size} listed 2015-2025, {calendar.holidays.size} on weekdays")
    starts, offsets = due_date_starts(a.n)
    seconds, due = measure(lambda: np.busday_offset(starts, offsets, roll="forward", busdaycal=calendar),
                           a.repeats, warmup=1)
    print(f"checksum sum(days since 1970) = {int(due.astype(np.int64).sum())}")
    report(f"numpy busday_offset busdaycal n={a.n}", seconds, a.n, "date")

    # What a caller pays per request: one call per date from Python.
    count = min(a.scalar_n, a.n)
    pairs = list(zip(starts[:count].tolist(), offsets[:count].tolist()))
    seconds, one_by_one = measure(
        lambda: [np.busday_offset(s, o, roll="forward", busdaycal=calendar) for s, o in pairs], 3)
    assert np.array_equal(np.array(one_by_one, dtype="datetime64[D]"), due[:count])
    report(f"numpy busday_offset scalar calls in a loop n={count}", seconds, count, "date")


def office_hours(holidays):
    return pd.offsets.CustomBusinessHour(start="07:30", end="16:00",
                                         holidays=[dt.date.fromisoformat(str(h)) for h in holidays])


def office_hours_part(a, holidays):
    starts, hours = office_hour_starts(a.cbh_n)
    stamps = pd.DatetimeIndex(starts)
    offset = office_hours(holidays)
    seconds, one_by_one = measure(lambda: [s + int(h) * offset for s, h in zip(stamps, hours)], a.cbh_repeats)
    print(f"CBH checksum sum(minutes since 1970) = {sum(x.value for x in one_by_one) // 60_000_000_000}")
    report(f"pandas CustomBusinessHour per-item loop n={a.cbh_n}", seconds, a.cbh_n, "ts")

    def grouped_by_offset():
        out = np.empty(a.cbh_n, dtype="datetime64[ns]")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas warns that the offset is not vectorised
            for h in np.unique(hours):
                chosen = hours == h
                out[chosen] = (stamps[chosen] + int(h) * offset).values
        return out

    seconds, grouped = measure(grouped_by_offset, a.cbh_repeats)
    assert np.array_equal(grouped, np.array([x.to_datetime64() for x in one_by_one], dtype="datetime64[ns]"))
    report(f"pandas CBH DatetimeIndex+offset, grouped by n={a.cbh_n}", seconds, a.cbh_n, "ts")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cbh-n", type=int, default=20_000)
    ap.add_argument("--cbh-repeats", type=int, default=5)
    ap.add_argument("--scalar-n", type=int, default=200_000)
    a = ap.parse_args()
    banner("calendar: numpy.busday_offset / pandas CustomBusinessHour")
    holidays = synthetic_holidays()
    working_days_part(a, holidays)
    office_hours_part(a, holidays)


if __name__ == "__main__":
    main()
