"""examples/calendar_for_an_office.py runs and prints the regional office's calendar."""
from __future__ import annotations

import os
import subprocess
import sys

import sopkit
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "calendar_for_an_office.py"


def test_the_example_lists_regional_days_and_working_days_per_month() -> None:
    r = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert r.returncode == 0, r.stderr
    assert "2024-02-26  local         Hari Jadi Kabupaten (contoh)" in r.stdout
    assert "2024-04  16" in r.stdout  # Idulfitri and its cuti bersama
    with sopkit.Calendar.indonesia(2024, regional=ROOT / "examples" /
                                   "calendar-libur-daerah-2024.json") as cal:
        assert f"2024     {cal.working_days('2024-01-01', '2025-01-01')}" in r.stdout
