"""`sopkit schedule` as a user runs it: the seed's due date, exit codes, JSON."""
import json
import os
import subprocess

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def test_seed_from_friday_before_lebaran_is_due_on_4_june():
    # Hand computation in tests/unit/analysis/schedule_test.cpp: step 2 (2 hari)
    # runs from Fri 5 April over the Lebaran break (8-15 April) to Wed 17 April.
    r = run("schedule", SEED, "--start", "2024-04-05T08:00", "--calendar", "id-2024", "--json")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["format"] == "sopkit.schedule/1"
    assert j["calendar"] == "id-2024"
    assert j["due"] == "2024-06-04T11:30"
    assert j["due_weekday"] == "Tuesday"
    steps = {s["id"]: s for s in j["steps"]}
    assert steps["2"]["start"] == "2024-04-05T08:15"
    assert steps["2"]["end"] == "2024-04-17T08:15"
    # Linear SOP, days keep the clock: the office minutes between start and due
    # are the happy-path total (14160) less 30, as Friday 5 April lies in
    # Ramadan 1445 H and has 7 office hours instead of 7.5.
    assert j["working_minutes"] == 14130


def test_human_output_names_the_due_date():
    r = run("schedule", SEED, "--start", "2024-04-05T08:00")
    assert r.returncode == 0, r.stderr
    assert "Due: 2024-06-04T11:30 (Selasa)" in r.stdout


def test_calendar_from_a_file(tmp_path):
    # The shipped 2024 file read as a file gives the same plan.
    path = os.path.join(ROOT, "data", "calendars", "id-2024.json")
    r = run("schedule", SEED, "--start", "2024-04-05T08:00", "--calendar", path, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["due"] == "2024-06-04T11:30"


def test_cycle_without_decision_exits_1_with_diagnostics(tmp_path):
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    doc["steps"][4]["next"] = ["6", "4"]
    p = tmp_path / "cycle.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    r = run("schedule", str(p), "--start", "2024-04-05T08:00", "--json")
    assert r.returncode == 1
    j = json.loads(r.stdout)
    assert j["due"] is None and j["not_planned"]
    assert any(d["severity"] == "error" for d in j["diagnostics"])


def test_usage_problems_exit_2():
    assert run("schedule", SEED).returncode == 2                                   # no --start
    assert run("schedule", SEED, "--start", "2024-02-30T08:00").returncode == 2    # no such day
    assert run("schedule", SEED, "--start", "2024-04-05T08:00", "--calendar", "id-1999").returncode == 2
    # December start on the 2024 data alone runs past its coverage.
    r = run("schedule", SEED, "--start", "2024-12-05T08:00", "--calendar", "id-2024")
    assert r.returncode == 2 and "2024-12-31" in r.stderr
