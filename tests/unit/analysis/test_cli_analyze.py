"""`sopkit analyze` as a user runs it: exit codes, the human table, stable JSON."""
import json
import os
import subprocess

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def seed_with(tmp_path, change):
    """The seed SOP with `change(doc)` applied, written to a temporary file."""
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    change(doc)
    p = tmp_path / "changed.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_seed_analysis_exits_0_with_the_total_in_text_and_minutes():
    r = run("analyze", SEED)
    assert r.returncode == 0, r.stderr
    assert "31 hari 3 jam 30 menit" in r.stdout
    assert "14160" in r.stdout
    assert "Critical path: 1 -> 2" in r.stdout
    assert "Hand-offs: 8" in r.stdout


def test_seed_json_has_the_documented_keys():
    r = run("analyze", SEED, "--json")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    for key in ("total", "happy_path", "workload", "handoffs", "critical_path", "steps",
                "loops", "components", "worst_case", "expected", "diagnostics", "duration",
                "not_computed"):
        assert key in j, key
    assert j["total"] == {"text": "31 hari 3 jam 30 menit", "working_minutes": 14160,
                          "min_working_minutes": 14160}
    assert j["handoffs"]["count"] == len(j["handoffs"]["list"]) == 8
    step = j["steps"][0]
    for key in ("id", "earliest_start", "latest_start", "earliest_finish", "latest_finish",
                "slack"):
        assert key in step, key
    assert {"severity", "code", "step", "message"} <= set(j["diagnostics"][0])


def test_rework_rounds_multiply_the_loop_round():
    # One round of the loop 10-11 is 3 + 1 hari = 1800 minutes: 14160 + 3 x 1800.
    r = run("analyze", SEED, "--json", "--rework-rounds", "3")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["worst_case"]["working_minutes"] == 19560
    assert j["worst_case"]["rework_rounds"] == 3


def test_cycle_without_decision_exits_1_and_still_prints_the_totals(tmp_path):
    def loop_back(doc):
        doc["steps"][4]["next"] = ["6", "4"]  # 5 -> 4: the cycle 4-5 has no decision
    path = seed_with(tmp_path, loop_back)
    r = run("analyze", path, "--json")
    assert r.returncode == 1, r.stderr
    j = json.loads(r.stdout)
    assert j["total"]["working_minutes"] == 14160
    assert j["duration"] is None
    assert j["not_computed"]
    assert any(d["severity"] == "error" for d in j["diagnostics"])
    human = run("analyze", path)
    assert human.returncode == 1
    assert "Not computed" in human.stdout and "Diagnostics:" in human.stdout


def test_probability_of_one_exits_1_without_an_expected_total(tmp_path):
    def certain_no(doc):
        doc["steps"][10]["no_probability"] = 1.0
    r = run("analyze", seed_with(tmp_path, certain_no), "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["expected"] is None


def test_usage_and_io_problems_exit_2(tmp_path):
    assert run("analyze").returncode == 2
    assert run("analyze", SEED, "--rework-rounds", "-1").returncode == 2
    assert run("analyze", str(tmp_path / "missing.json")).returncode == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert run("analyze", str(bad)).returncode == 2


def test_cycle_closed_by_a_yes_branch_exits_1_and_is_diagnosed(tmp_path):
    # 12 -> 10 makes 10 -> 11 (yes) -> 12 -> 10: answering yes never leaves it.
    def yes_loop(doc):
        doc["steps"][11]["next"] = ["13", "10"]
    r = run("analyze", seed_with(tmp_path, yes_loop), "--json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert "10, 11, 12" in out["not_computed"][0]
    assert any(d["code"] == "cycle_through_yes" for d in out["diagnostics"])
