"""`python -m sopkit`: the CLI's analyze and evaluate, for a quick look."""
import json
import os
import subprocess
import sys

from conftest import INDICATORS_CSV, SEED


def run(*args):
    return subprocess.run([sys.executable, "-m", "sopkit", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))


def test_analyze_text():
    r = run("analyze", SEED)
    assert r.returncode == 0, r.stderr
    assert "31 hari 3 jam 30 menit = 14160 working minutes" in r.stdout
    assert "1 -> 2 -> 3" in r.stdout
    assert "duration_in_output" in r.stdout


def test_analyze_json_is_the_analysis_format():
    r = run("analyze", SEED, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["format"] == "sopkit.analysis/2" and d["total"]["working_minutes"] == 14160


def test_analyze_missing_file_is_exit_2():
    r = run("analyze", "/nonexistent/sop.json")
    assert r.returncode == 2
    assert "/nonexistent/sop.json" in r.stderr


def test_analyze_document_with_errors_is_exit_1(tmp_path, seed_dict):
    seed_dict["steps"][1]["actor"] = "nobody"
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(seed_dict), encoding="utf-8")
    r = run("analyze", p)
    assert r.returncode == 1
    assert "unknown_actor" in r.stdout


def test_schedule_text():
    r = run("schedule", SEED, "--start", "2024-04-05T08:00", "--calendar", "id-2024")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("due 2024-06-04T11:30")


def test_evaluate_text_and_json():
    from sopkit._ffi import has

    if not has("sopkit_indicators_evaluate"):
        import pytest
        pytest.skip("no indicator functions in this libsopkit")
    r = run("evaluate", INDICATORS_CSV)
    assert r.returncode == 0, r.stderr
    assert "IKU-01" in r.stdout and "Sangat Tinggi" in r.stdout
    r = run("evaluate", INDICATORS_CSV, "--json", "--period", "2024-Q1")
    assert r.returncode == 0, r.stderr
    assert "indicators" in json.loads(r.stdout)


def test_usage_error_is_exit_2():
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2
