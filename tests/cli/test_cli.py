"""The sopkit program as a user runs it: exit codes, messages, stable JSON."""
import json
import re
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


def test_analyze_a_no_probability_rounding_to_one_warns_instead_of_a_huge_total(tmp_path):
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    decision = next(s for s in doc["steps"] if s.get("kind") == "decision")
    decision["no_probability"] = 0.9999999
    sop = write(tmp_path, "sop.json", json.dumps(doc))
    r = run("analyze", sop)
    assert "Expected (branch probabilities): not computed" in r.stdout, r.stdout
    assert "is 1 to three decimals" in r.stdout
    out = json.loads(run("analyze", sop, "--json").stdout)
    assert out["expected"] is None
    assert out["near_one_probabilities"] == [decision["id"]]


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


def test_evaluate_text_keeps_a_space_after_a_cell_as_wide_as_its_column(tmp_path):
    data = write(tmp_path, "data.csv",
                 "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
                 "Dinas/Bidang Pembinaan Sekolah Dasar dan Menengah Pertama Kabupaten Balangan,"
                 "K001.01.01,Angka partisipasi,persen,positive,last,1,2024-Q2,90,80\n")
    r = run("evaluate", data, "--period", "2024-Q2")
    assert r.returncode == 0, r.stderr
    assert re.search(r"^K001\.01\.01 +2024-Q2 +90\.00 +80\.00 +88\.89 %", r.stdout, re.M), r.stdout
    assert re.search(r"Balangan +88\.89 %", r.stdout), r.stdout


def table_of_long_ids(tmp_path, actor, *verb):
    """The text table of `verb` on two steps with 7-character ids done by `actor`,
    decoded as UTF-8 (a name cut inside a character would not decode)."""
    sop = {"format": "sopkit.sop/1", "number": "1", "title": "T",
           "actors": [{"id": "a", "name": actor}],
           "steps": [{"id": "10.1.2a", "actor": "a", "kind": "start", "time": "15 Menit",
                      "next": "10.1.2b"},
                     {"id": "10.1.2b", "actor": "a", "kind": "end", "time": "1 Hari"}]}
    path = write(tmp_path, "sop.json", json.dumps(sop, ensure_ascii=False))
    out = subprocess.run([CLI, verb[0], path, *verb[1:]], capture_output=True, timeout=60).stdout
    return out.decode("utf-8")


def test_analyze_table_parts_long_ids_and_cuts_names_between_characters(tmp_path):
    # 'é' takes bytes 19 and 20, where a byte cut for a 21-wide column falls.
    text = table_of_long_ids(tmp_path, "Kasi Sekolah Dasar é Pendidikan Dasar", "analyze")
    assert re.search(r"^10\.1\.2a +Kasi Sekolah Dasar é~ +15 Menit +15 ", text, re.M), text


def test_schedule_table_parts_long_ids_and_shows_actor_names_cut_between_characters(tmp_path):
    # 'é' takes bytes 18 and 19, where a byte cut for a 19-wide column falls.
    text = table_of_long_ids(tmp_path, "Kasi Sekolah Dasaé Pendidikan Dasar", "schedule",
                             "--start", "2024-04-01T08:00")
    assert re.search(r"^10\.1\.2a +Kasi Sekolah Dasaé~ +15 Menit +2024-04-01T08:00 Senin ",
                     text, re.M), text


def test_evaluate_with_an_unknown_scale_name_is_an_error(tmp_path):
    scales = write(tmp_path, "scales.json", json.dumps({"scales": [
        {"name": "dinas", "valid_from": "2020-01-01", "bands": [{"label": "Semua"}]}]}))
    data = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")
    r = run("evaluate", data, "--scales", scales, "--scale", "kabupaten")
    assert r.returncode != 0
    assert "kabupaten" in r.stderr


def test_evaluate_threads_gives_the_same_output_and_refuses_zero(tmp_path):
    # From 4 MB the loader reads the file in two halves; from 8 192 rows the
    # evaluation takes a second thread.
    rows = ["unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation"]
    for i in range(20000):
        rows.append(f"Dinas/Bidang {i % 7}/Seksi {i % 5},K{i},Indikator {i},%,positive,sum,1,"
                    f"2024,{80 + i % 20}.5,")
        rows += [f"Dinas/Bidang {i % 7}/Seksi {i % 5},K{i},,,,,,2024-Q{q},{20 + q},"
                 f"{(18 + i % 9) if q < 3 else ''}" for q in range(1, 5)]
    data = write(tmp_path, "big.csv", "\n".join(rows) + "\n")
    assert os.path.getsize(data) > 4 << 20
    outputs = set()
    for threads in ("1", "2"):
        r = run("evaluate", data, "--period", "2024-Q2", "--csv", "--threads", threads)
        assert r.returncode == 0, r.stderr
        outputs.add(r.stdout)
    assert len(outputs) == 1
    assert run("evaluate", data, "--csv").stdout == run("evaluate", data, "--csv", "--threads", "1").stdout
    r = run("evaluate", data, "--threads", "0")
    assert r.returncode == 2
    assert "--threads" in r.stderr


def test_render_into_a_missing_folder_exits_2_saying_why(tmp_path):
    target = tmp_path / "no-such-folder" / "sop.svg"
    r = run("render", SEED, "--format", "svg", "-o", str(target))
    assert r.returncode == 2
    assert "no-such-folder" in r.stderr and "No such file or directory" in r.stderr, r.stderr
    ok = tmp_path / "sop.svg"
    assert run("render", SEED, "--format", "svg", "-o", str(ok)).returncode == 0
    assert ok.read_text(encoding="utf-8").lstrip().startswith("<")


def test_render_svg_pages_gives_the_table_pages_to_embed():
    r = run("render", SEED, "--format", "svg-pages")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('<section class="sop-page"><svg') and "<html" not in r.stdout
    assert r.stdout.count('data-step="') == 13
    bad = run("render", SEED, "--format", "png")
    assert bad.returncode == 2 and "use svg, html, bpmn, dot or svg-pages" in bad.stderr


SEMICOLON_HEADER = "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n"


def semicolon_store(tmp_path, cells):
    """A fresh store and a ';' data file (Indonesian locale) of one row."""
    db = str(tmp_path / "r.db")
    assert run("store", "init", db).returncode == 0
    return db, write(tmp_path, "id.csv", SEMICOLON_HEADER + "D/A;K1;Pagu;Rp;positive;last;1;2024;"
                     + cells + "\n;;;;;;;;;\n")


def audited_values(db):
    return {(a["field"], a["new"]) for a in json.loads(run("store", "audit", db, "--json").stdout)}


def test_store_import_of_an_indonesian_csv_records_the_numbers_as_written(tmp_path):
    # 1.234.567 is a million and 97,5 is 97.5 — and that is what the audit trail must hold.
    db, data = semicolon_store(tmp_path, "1.234.567;97,5")
    r = run("store", "import", db, data, "--author", "Budi")
    assert r.returncode == 0, r.stderr
    assert audited_values(db) == {("target", 1234567.0), ("realisation", 97.5)}


def test_an_ambiguous_thousand_is_refused_unless_the_decimal_mark_is_declared(tmp_path):
    db, data = semicolon_store(tmp_path, "1.200;1.100")
    r = run("store", "import", db, data, "--author", "Budi")
    assert r.returncode == 2
    assert "id.csv:2:9: target '1.200' can be read two ways: 1200" in r.stderr
    assert audited_values(db) == set()  # nothing recorded
    r = run("store", "import", db, data, "--author", "Budi", "--decimal-mark", "comma")
    assert r.returncode == 0, r.stderr
    assert audited_values(db) == {("target", 1200.0), ("realisation", 1100.0)}
    r = run("evaluate", data, "--decimal-mark", "dot", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["indicators"][0]["target"] == 1.2
    r = run("evaluate", data, "--decimal-mark", "koma")
    assert r.returncode == 2 and "--decimal-mark takes comma" in r.stderr


def test_run_logs_take_clock_times_written_with_a_dot(tmp_path):
    # "08.00" is how Indonesian writes 08:00; the log reads the same either way.
    log = os.path.join(ROOT, "examples", "runs-monev-capaian-kinerja.csv")
    with open(log, encoding="utf-8") as f:
        text = f.read()
    dotted = write(tmp_path, "log.csv", text.replace("T08:", "T08.").replace("T07:", "T07."))
    assert dotted != text and "T08." in open(dotted, encoding="utf-8").read()
    a = run("runs", SEED, log, "--json")
    b = run("runs", SEED, dotted, "--json")
    assert a.returncode == b.returncode and a.stdout, b.stderr  # 1: some runs were late
    assert json.loads(a.stdout)["summary"] == json.loads(b.stdout)["summary"]


def test_version_and_help_for_every_verb():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("sopkit ") and r.stdout.count(".") == 2
    for verb in ("validate", "analyze", "schedule", "evaluate", "render", "monev", "runs", "store",
                 "calendar"):
        for asked in (run(verb, "--help"), run("help", verb), run(verb, "-h")):
            assert asked.returncode == 0, (verb, asked.stderr)
            usage = next(line for line in asked.stdout.splitlines()
                         if line.startswith(f"usage: sopkit {verb} "))
            # Every option of the usage line is explained on a line of its own.
            for option in set(re.findall(r"--[a-z0-9-]+", usage)):
                explained = [line for line in asked.stdout.splitlines()
                             if re.match(rf"\s+{re.escape(option)}\b(\s\S+)?\s{{2,}}\w", line)
                             or re.match(rf"\s+{re.escape(option)}(\s\S+)?$", line)]
                assert explained, (verb, option, asked.stdout)
    r = run("help", "frobnicate")
    assert r.returncode == 2 and "unknown verb 'frobnicate'" in r.stderr


def test_every_store_sub_verb_has_its_own_help():
    every = {"--json", "--allow-identical", "--indicators", "--author", "--note", "--date",
             "--revision", "--decimal-mark", "--threads", "--indicator"}
    for sub in ("init", "import", "revisions", "diff", "export", "audit"):
        for asked in (run("store", sub, "--help"), run("help", "store", sub)):
            assert asked.returncode == 0, (sub, asked.stderr)
            assert f"Usage: sopkit store {sub} " in asked.stdout, asked.stdout
            usage = next(line for line in asked.stdout.splitlines()
                         if line.startswith("usage: "))
            # Only this sub-verb's alternatives of the usage, only its options.
            assert all(alt.split()[0] == sub
                       for alt in usage[len("usage: sopkit store "):].split(" | ")), usage
            mine = set(re.findall(r"--[a-z0-9-]+", usage))
            listed = {o for o in every if re.search(rf"^\s+{o}\b", asked.stdout, re.M)}
            assert listed == mine, (sub, listed, mine)


def two_hour_sop(tmp_path):
    """The seed with one step of 2 jam: start and end at once."""
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    step = dict(doc["steps"][0], time="2 Jam", kind="start")
    step.pop("next")
    end = dict(doc["steps"][-1], id="2", time="0 Menit")
    step["next"] = "2"
    doc["steps"] = [step, end]
    return write(tmp_path, "two-hours.json", json.dumps(doc))


def test_schedule_applies_ramadan_hours_by_default_and_turns_them_off(tmp_path):
    # Issue 17: 2 hours from Thu 27 March 2025 15:30 (Ramadan 1446 H closes at
    # 15:00; 28 March - 7 April Nyepi, Idulfitri, cuti bersama) is due Tue
    # 8 April 09:30; with the normal week (until 16:00) 09:00.
    sop = two_hour_sop(tmp_path)
    r = run("schedule", sop, "--start", "2025-03-27T15:30", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["due"] == "2025-04-08T09:30"
    r = run("schedule", sop, "--start", "2025-03-27T15:30", "--no-ramadan-hours", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["due"] == "2025-04-08T09:00"


def test_a_utf16_json_file_says_save_the_file_as_utf8(tmp_path):
    p = tmp_path / "sop.json"
    with open(SEED, encoding="utf-8") as f:
        p.write_bytes(f.read().encode("utf-16"))
    r = run("validate", str(p))
    assert r.returncode == 2
    assert "save the file as UTF-8" in r.stderr


def test_coverage_error_names_the_calendar_option():
    r = run("schedule", SEED, "--start", "2026-12-30T08:00")
    assert r.returncode == 2
    assert "give --calendar a calendar file that covers them" in r.stderr
    assert "WorkCalendar" not in r.stderr


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


def test_evaluate_a_period_before_the_scale_computes_and_warns(tmp_path):
    header = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,"
              "realisation\n")
    data = write(tmp_path, "k.csv", header + "Dinas,K1,x,%,positive,last,1,2020,100,92\n")
    r = run("evaluate", data, "--scale", "sakip-88-2021", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    row = doc["indicators"][0]
    assert row["achievement"] == 92 and row["band"] == 0 and row["predicate"] is None
    assert "no version of the scale is in force on 2020-12-31" in doc["notes"][0]
    assert "warning: rating scale 'sakip-88-2021'" in r.stderr


def test_evaluate_a_2016_file_rates_it_by_the_permendagri_54_2010_version(tmp_path):
    header = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,"
              "realisation\n")
    data = write(tmp_path, "k.csv", header + "Dinas,K1,x,%,positive,last,1,2016,100,92\n")
    r = run("evaluate", data, "--json")
    assert r.returncode in (0, 1), r.stderr
    rows = json.loads(r.stdout)["indicators"]
    assert rows[0]["predicate"] == "Sangat Tinggi"


REGIONAL = os.path.join(ROOT, "examples", "calendar-libur-daerah-2024.json")


def test_calendar_holidays_lists_the_days_off_of_the_range_by_kind():
    r = run("calendar", "holidays", "--from", "2024-04-01", "--to", "2024-05-01", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["format"] == "sopkit.holidays/1" and doc["calendar"] == "id-2024"
    assert [(h["date"], h["kind"]) for h in doc["holidays"]] == [
        ("2024-04-08", "cuti_bersama"), ("2024-04-09", "cuti_bersama"),
        ("2024-04-10", "holiday"), ("2024-04-11", "holiday"),
        ("2024-04-12", "cuti_bersama"), ("2024-04-15", "cuti_bersama")]
    text = run("calendar", "holidays", "--from", "2024-04-01", "--to", "2024-05-01")
    assert "2024-04-10  libur nasional Hari Raya Idul Fitri 1445 Hijriah" in text.stdout
    assert "6 day(s) off" in text.stdout


def test_calendar_holidays_adds_a_regional_file_on_top_of_the_national_days():
    r = run("calendar", "holidays", "--from", "2024-02-01", "--to", "2024-10-01",
            "--holidays", REGIONAL, "--json")
    assert r.returncode == 0, r.stderr
    days = {h["date"]: h for h in json.loads(r.stdout)["holidays"]}
    assert days["2024-02-26"]["kind"] == "local"
    assert days["2024-09-09"]["kind"] == "local"
    assert days["2024-08-17"]["kind"] == "holiday"  # both: the national entry, once
    plain = run("calendar", "holidays", "--from", "2024-02-01", "--to", "2024-10-01", "--json")
    assert len(json.loads(plain.stdout)["holidays"]) == len(days) - 2


def test_calendar_days_counts_working_days_of_from_up_to_to():
    def days(*extra):
        r = run("calendar", "days", *extra, "--json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["working_days"]
    assert days("--from", "2024-04-01", "--to", "2024-05-01") == 16
    assert days("--from", "2024-05-01", "--to", "2024-04-01") == -16
    assert days("--from", "2024-01-01", "--to", "2025-01-01", "--holidays", REGIONAL) == \
        days("--from", "2024-01-01", "--to", "2025-01-01") - 2
    # the calendar follows the years of the range, as the other verbs follow the data
    assert days("--from", "2024-12-01", "--to", "2025-03-01") == 59


def test_schedule_takes_a_regional_holiday_file():
    # Hari Jadi (contoh) closes Monday 26 February 2024: the run ends a working day later.
    base = run("schedule", SEED, "--start", "2024-02-20T08:00", "--json")
    regional = run("schedule", SEED, "--start", "2024-02-20T08:00", "--holidays", REGIONAL, "--json")
    assert base.returncode == regional.returncode == 0, regional.stderr
    assert json.loads(base.stdout)["due"] == "2024-04-16T11:30"
    assert json.loads(regional.stdout)["due"] == "2024-04-17T11:30"


@pytest.mark.parametrize("args, message", [
    (["calendar", "weeks", "--from", "2024-01-01", "--to", "2024-02-01"],
     "unknown calendar question 'weeks' (holidays or days)"),
    (["calendar", "days", "--from", "2024-01-01"], "--to is required"),
    (["calendar", "days", "--from", "2024-02-30", "--to", "2024-03-01"], "February 2024 has 29 days"),
    (["calendar", "days", "--from", "2030-01-01", "--to", "2030-02-01"], "no shipped calendar 'id-2030'"),
    (["calendar", "holidays", "--from", "2024-05-01", "--to", "2024-04-01"], "the range runs backwards"),
])
def test_calendar_refuses_with_exit_2(args, message):
    r = run(*args)
    assert r.returncode == 2 and message in r.stderr, r.stderr


def test_json_outputs_write_their_keys_in_document_order(tmp_path):
    def keys(*args):
        r = run(*args)
        assert r.returncode in (0, 1), r.stderr
        doc = json.loads(r.stdout)
        return list(doc[0] if isinstance(doc, list) else doc)

    assert keys("validate", SEED, "--json") == ["file", "valid", "errors", "warnings", "diagnostics"]
    analysis = keys("analyze", SEED, "--json")
    assert analysis[:4] == ["format", "file", "number", "title"] and analysis[-1] == "diagnostics"
    schedule = keys("schedule", SEED, "--start", "2024-04-05T08:00", "--json")
    assert schedule[:5] == ["format", "file", "number", "title", "calendar"]
    assert keys("calendar", "days", "--from", "2024-04-01", "--to", "2024-05-01", "--json") == [
        "format", "calendar", "from", "to", "working_days"]
    db = str(tmp_path / "s.db")
    assert run("store", "init", db).returncode == 0
    assert run("store", "import", db, SEED, "--author", "Budi").returncode == 0
    assert keys("store", "revisions", db, "--json")[:3] == ["sop_number", "revision", "date"]
