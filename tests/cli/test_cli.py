"""The sopkit program as a user runs it: exit codes, messages, stable JSON."""
import json
import os
import subprocess

import pytest

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_no_arguments_is_a_usage_error():
    r = run()
    assert r.returncode == 2
    assert "usage" in r.stderr


def test_unknown_verb_is_a_usage_error():
    r = run("frobnicate")
    assert r.returncode == 2
    assert "unknown verb 'frobnicate'" in r.stderr


def test_validate_seed_has_no_errors_and_reports_the_output_column_time():
    r = run("validate", SEED)
    assert r.returncode == 0, r.stderr
    assert "duration_in_output" in r.stdout
    assert "0 error(s)" in r.stdout


def test_validate_json_is_stable():
    r = run("validate", SEED, "--json")
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["valid"] is True and out["errors"] == 0
    d = [x for x in out["diagnostics"] if x["code"] == "duration_in_output"]
    assert d == [{"severity": "warning", "code": "duration_in_output", "step": "3",
                  "pointer": "/steps/2/output", "message": d[0]["message"]}]


def test_validate_document_with_errors_exits_1(tmp_path):
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    doc["steps"][4]["next"] = "99"
    r = run("validate", write(tmp_path, "bad.json", json.dumps(doc)), "--json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert any(d["code"] == "unknown_flow_target" and d["step"] == "5" for d in out["diagnostics"])


def test_validate_missing_file_exits_2_naming_it():
    r = run("validate", "/nonexistent/x.json")
    assert r.returncode == 2
    assert "/nonexistent/x.json" in r.stderr


def test_max_input_size_stops_reading_an_endless_input_before_or_after_the_verb():
    for args in (("--max-input-size", "64K", "validate", "/dev/zero"),
                 ("validate", "/dev/zero", "--max-input-size=65536")):
        r = run(*args)
        assert r.returncode == 2
        assert ("/dev/zero: the input is larger than the limit of 65536 bytes "
                "(see --max-input-size)") in r.stderr


def test_max_input_size_refuses_a_larger_file_and_accepts_one_at_the_limit():
    size = os.path.getsize(SEED)
    assert run("--max-input-size", str(size - 1), "validate", SEED).returncode == 2
    assert run("--max-input-size", str(size), "validate", SEED).returncode == 0


def test_max_input_size_needs_a_positive_byte_count():
    for value in ("0", "1T", "", "-5"):
        r = run("--max-input-size", value, "validate", SEED)
        assert r.returncode == 2
        assert "--max-input-size needs a number of bytes" in r.stderr


def test_validate_malformed_json_exits_2_with_line_and_column(tmp_path):
    r = run("validate", write(tmp_path, "broken.json", '{\n "format": "sopkit.sop/1",\n "steps": [,]}'))
    assert r.returncode == 2
    assert "broken.json:3:" in r.stderr


def test_validate_wrong_type_names_the_json_pointer(tmp_path):
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    doc["steps"][3]["time"] = 2
    r = run("validate", write(tmp_path, "typed.json", json.dumps(doc)))
    assert r.returncode == 2
    assert "/steps/3/time" in r.stderr


def test_unknown_option_is_a_usage_error():
    r = run("validate", SEED, "--jsn")
    assert r.returncode == 2
    assert "unknown option --jsn" in r.stderr


@pytest.mark.skipif("analyze" not in run("--help").stdout, reason="analyze verb not built")
def test_analyze_seed_total_is_31_days_3_hours_30_minutes():
    r = run("analyze", SEED, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["total"]["working_minutes"] == 14160
    assert out["total"]["text"] == "31 hari 3 jam 30 menit"
    assert out["happy_path"] == [str(i) for i in range(1, 14)]
    assert any(d["code"] == "duration_in_output" for d in out["diagnostics"])


def test_evaluate_with_a_scales_file_bands_by_that_file(tmp_path):
    scales = write(tmp_path, "scales.json", json.dumps({"scales": [
        {"name": "dinas", "valid_from": "2020-01-01",
         "bands": [{"min": 100, "label": "Tercapai"}, {"label": "Belum"}]}]}))
    data = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")
    r = run("evaluate", data, "--period", "2024-Q2", "--scales", scales, "--scale", "dinas",
            "--json")
    assert r.returncode in (0, 1), r.stderr
    rows = json.loads(r.stdout)["indicators"]
    for row in rows:
        if row["achievement"] is None:
            assert row["predicate"] is None
        else:
            want = "Tercapai" if row["score"] >= 100 else "Belum"
            assert row["predicate"] == want, row
    assert {row["predicate"] for row in rows} >= {"Tercapai", "Belum"}


def test_evaluate_with_an_unknown_scale_name_is_an_error(tmp_path):
    scales = write(tmp_path, "scales.json", json.dumps({"scales": [
        {"name": "dinas", "valid_from": "2020-01-01", "bands": [{"label": "Semua"}]}]}))
    data = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")
    r = run("evaluate", data, "--scales", scales, "--scale", "kabupaten")
    assert r.returncode != 0
    assert "kabupaten" in r.stderr


def test_render_into_a_missing_folder_exits_2_saying_why(tmp_path):
    target = tmp_path / "no-such-folder" / "sop.svg"
    r = run("render", SEED, "--format", "svg", "-o", str(target))
    assert r.returncode == 2
    assert "no-such-folder" in r.stderr and "No such file or directory" in r.stderr, r.stderr
    ok = tmp_path / "sop.svg"
    assert run("render", SEED, "--format", "svg", "-o", str(ok)).returncode == 0
    assert ok.read_text(encoding="utf-8").lstrip().startswith("<")


DATA = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")


@pytest.mark.parametrize("args, message", [
    (["evaluate", DATA, "--warn-below", "nan"], "--warn-below takes a finite number, not 'nan'"),
    (["evaluate", DATA, "--warn-below", "inf"], "--warn-below takes a finite number, not 'inf'"),
    (["evaluate", DATA, "--json", "--csv"], "--json and --csv cannot be given together"),
    (["evaluate", DATA, "--cap", "100", "--cap", "110"], "--cap is given twice"),
    (["evaluate", DATA, "--json", "--json"], "--json is given twice"),
    (["render", SEED, "--format", "svg", "--rows-per-page", "0"],
     "--rows-per-page takes a whole number >= 1, not '0'"),
    (["render", SEED, "--format", "svg", "--rows-per-page=-1"],
     "--rows-per-page takes a whole number >= 1, not '-1'"),
])
def test_quietly_accepted_options_are_usage_errors(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr


def test_evaluate_a_2016_file_rates_it_by_the_permendagri_54_2010_version(tmp_path):
    header = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,"
              "realisation\n")
    data = write(tmp_path, "k.csv", header + "Dinas,K1,x,%,positive,last,1,2016,100,92\n")
    r = run("evaluate", data, "--json")
    assert r.returncode in (0, 1), r.stderr
    rows = json.loads(r.stdout)["indicators"]
    assert rows[0]["predicate"] == "Sangat Tinggi"
