"""`sopkit runs` as a user runs it: the example log of the seed SOP, exit codes, JSON."""
import json
import os
import subprocess

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")
LOG = os.path.join(ROOT, "examples", "runs-monev-capaian-kinerja.csv")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def test_example_log_as_json_has_the_late_the_rework_and_the_out_of_order_run():
    r = run("runs", SEED, LOG, "--calendar", "id-2024", "--json")
    assert r.returncode == 1, r.stderr  # findings: late steps, a late run, out of order
    j = json.loads(r.stdout)
    assert j["format"] == "sopkit.runs-comparison/1"
    assert j["calendar"] == "id-2024"
    runs = {x["case"]: x for x in j["runs"]}
    assert runs["2024-TW2"]["on_time"] is True
    # Step 1 ran 08:00-08:15 on Mon 1 July: 15 office minutes, its standard.
    first = runs["2024-TW2"]["steps"][0]
    assert (first["step"], first["working_minutes"], first["verdict"]) == ("1", 15, "on_time")
    assert runs["2024-TW2-BIDANG-SD"]["on_time"] is False
    late = [s["step"] for s in runs["2024-TW2-BIDANG-SD"]["steps"] if s["verdict"] == "late"]
    assert late == ["3", "9"]
    assert runs["2024-TW3"]["rework_rounds"] == 1
    assert runs["2024-TW3-BIDANG-PAUD"]["out_of_order"][0]["step"] == "5"
    assert j["bottlenecks"][0]["step"] == "3"
    assert j["summary"]["runs_complete"] == 4
    assert len(j["monitoring"]) == 13


def test_table_names_the_figures_and_the_monitoring_form():
    r = run("runs", SEED, LOG)
    assert r.returncode == 1, r.stderr
    assert "Steps within mutu baku:" in r.stdout
    assert "Runs finished by the due date:" in r.stdout
    assert "LATE" in r.stdout
    assert "5 started before 4 ended" in r.stdout
    assert "tidak berjalan dengan baik" in r.stdout


def test_all_on_time_exits_0(tmp_path):
    lines = open(LOG, encoding="utf-8").read().splitlines()
    log = tmp_path / "one.csv"
    log.write_text("\n".join([lines[0]] + [l for l in lines[1:] if l.startswith("2024-TW2,")]) + "\n")
    r = run("runs", SEED, str(log), "--calendar", "id-2024")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "13 of 13 (100.0 %)" in r.stdout


def test_unknown_step_is_a_located_error_exit_2(tmp_path):
    log = tmp_path / "bad.csv"
    log.write_text("case,step,start,end\nA,1,2024-07-01T08:00,2024-07-01T08:15\n"
                   "A,14,2024-07-01T08:15,2024-07-01T09:00\n")
    r = run("runs", SEED, str(log))
    assert r.returncode == 2
    assert f"{log}:3:2" in r.stderr
    assert "unknown step '14'" in r.stderr


def test_json_runs_file_is_read_too(tmp_path):
    doc = {"format": "sopkit.runs/1", "runs": [{"case": "A", "events": [
        {"step": "1", "start": "2024-07-01T08:00", "end": "2024-07-01T08:45"}],
        "monitoring": [{"step": "1", "good": True, "note": "format baru"}]}]}
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(doc))
    r = run("runs", SEED, str(path), "--json")
    assert r.returncode == 1, r.stderr  # step 1 took 45 minutes for 15
    j = json.loads(r.stdout)
    assert j["runs"][0]["steps"][0]["delay_minutes"] == 30
    row = j["runs"][0]["monitoring"][0]
    assert (row["good"], row["source"], row["note"]) == (True, "recorded", "format baru")


def test_usage_errors_exit_2():
    assert run("runs", SEED).returncode == 2
    assert run("runs", SEED, LOG, "--frobnicate").returncode == 2
    assert run("runs", SEED, "/nonexistent.csv").returncode == 2


def test_monev_report_gains_the_pelaksanaan_sop_section(tmp_path):
    out = tmp_path / "report"
    r = run("monev", "--sop", SEED, "--indicators",
            os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv"), "--period", "2024-Q3",
            "--runs", LOG, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "[10/10]" in r.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "8. Pelaksanaan SOP" in html and "9. Standar Operasional Prosedur" in html
    assert "Formulir monitoring pelaksanaan SOP (PermenPAN-RB 35/2012)" in html
    j = json.loads((out / "report.json").read_text(encoding="utf-8"))["sop_execution"]
    assert j["runs"] == 4 and j["runs_complete"] == 4
    assert j["bottlenecks"][0]["step"] == "3"
    q3 = [x for x in j["compliance_indicators"]
          if x["period"] == "2024-Q3" and x["indicator"].startswith("KEPATUHAN-SOP")
          and x["indicator"].endswith("SELESAI")]
    # Q3 ends: 2024-TW2 (on time) and 2024-TW2-BIDANG-SD (late) -> 1 of 2.
    assert q3[0]["realisation"] == 50.0
    # Without --runs the report keeps its eight sections.
    r = run("monev", "--sop", SEED, "--indicators",
            os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv"), "--period", "2024-Q3",
            "--out", str(tmp_path / "plain"))
    assert r.returncode == 0, r.stderr
    plain = (tmp_path / "plain" / "report.html").read_text(encoding="utf-8")
    assert "Pelaksanaan SOP" not in plain and "8. Standar Operasional Prosedur" in plain
