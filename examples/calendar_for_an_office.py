#!/usr/bin/python3
"""A regional office's calendar from Python: the national holidays and cuti
bersama of 2024 with a kabupaten's own days off on top, the days off of a
quarter, and the working days of each month — what a Bappeda plans its monev
deadlines with.

    PYTHONPATH=<folder with sopkit> /usr/bin/python3 examples/calendar_for_an_office.py

The regional file is illustrative (examples/calendar-libur-daerah-2024.json).
"""
from __future__ import annotations

import datetime as dt
import pathlib

import pandas as pd

import sopkit

REGIONAL = pathlib.Path(__file__).resolve().parent / "calendar-libur-daerah-2024.json"


def main() -> None:
    with sopkit.Calendar.indonesia(2024, regional=REGIONAL) as cal:
        print("Days off, 2024-Q1:")
        for day in cal.holidays(dt.date(2024, 1, 1), dt.date(2024, 4, 1)):
            print(f"  {day.date}  {day.kind:<12}  {day.name}")
        months = pd.Series(pd.date_range("2024-01-01", periods=13, freq="MS"))
        per_month = cal.working_days(months[:-1].reset_index(drop=True),
                                     months[1:].reset_index(drop=True))
        print("\nWorking days per month:")
        for start, days in zip(months[:-1], per_month):
            print(f"  {start:%Y-%m}  {days:>2}")
        print(f"  2024     {int(per_month.sum())}")


if __name__ == "__main__":
    main()
