"""`python -m sopkit` is the sopkit program: the same verbs, calendar choice,
output, messages and exit codes as `sopkit` on the same inputs."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any, Dict, List, Tuple

import pytest

from conftest import INDICATORS_CSV, ROOT, SEED

REGIONAL = ROOT / "examples" / "calendar-libur-daerah-2024.json"
Outcome = Tuple[int, str, str]


def python_m(args: List[str]) -> Outcome:
    r = subprocess.run([sys.executable, "-m", "sopkit", *args], capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    return r.returncode, r.stdout, r.stderr


def program(args: List[str]) -> Outcome:
    cli = os.environ.get("SOPKIT_CLI")
    if not cli:
        pytest.skip("SOPKIT_CLI (the sopkit program of this build) is not set")
    r = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


CASES: List[List[str]] = [
    ["analyze", str(SEED)],
    ["analyze", str(SEED), "--json"],
    ["validate", "/nonexistent/sop.json"],
    ["schedule", str(SEED), "--start", "2024-04-05T08:00"],  # the calendar of 2024 and 2025
    ["schedule", str(SEED), "--start", "2026-12-01T08:00"],  # 2026 alone: 2027 is not shipped
    ["schedule", str(SEED), "--start", "2024-02-20T08:00", "--holidays", str(REGIONAL), "--json"],
    ["schedule", str(SEED), "--start", "2031-01-06T08:00"],  # no data: exit 2
    ["evaluate", str(INDICATORS_CSV), "--period", "2024-Q2", "--csv"],
    ["calendar", "holidays", "--from", "2024-04-01", "--to", "2024-05-01"],
    ["calendar", "days", "--from", "2024-04-01", "--to", "2024-05-01", "--json"],
    ["calendar", "days", "--from", "2024-02-30", "--to", "2024-05-01"],
    ["frobnicate"],
    [],
    ["--version"],
    ["help", "schedule"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:3]) or "(none)")
def test_python_m_sopkit_is_the_program(args: List[str]) -> None:
    expected = program(args)
    assert python_m(args) == expected


def test_the_cases_cover_every_exit_code() -> None:
    codes = {program(args)[0] for args in CASES}
    assert codes >= {0, 2}, codes


def test_a_document_with_errors_is_exit_1_from_both(tmp_path: pathlib.Path,
                                                     seed_dict: Dict[str, Any]) -> None:
    seed_dict["steps"][1]["actor"] = "nobody"
    path = str(tmp_path / "bad.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(seed_dict, f)
    expected = program(["validate", path])
    assert expected[0] == 1 and "unknown_actor" in expected[1]
    assert python_m(["validate", path]) == expected
