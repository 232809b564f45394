"""`sopkit store` as a user runs it: import, revisions, diff, export, audit."""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")
CSV = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")
NUMBER = json.load(open(SEED, encoding="utf-8"))["number"]


def run(*args):
    return subprocess.run([CLI, "store", *args], capture_output=True, text=True, timeout=120)


def revised(tmp_path, change, name="rev.json"):
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    change(doc)
    p = tmp_path / name
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(p)


def step4_three_days(doc):
    doc["steps"][3]["time"] = "3 hari"


def test_init_makes_a_versioned_sqlite_file(tmp_path):
    db = str(tmp_path / "r.db")
    r = run("init", db)
    assert r.returncode == 0, r.stderr
    assert "schema version 3" in r.stdout
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 3


def test_import_two_revisions_then_list_and_diff(tmp_path):
    db = str(tmp_path / "r.db")
    r = run("import", db, SEED, "--author", "Budi", "--date", "2023-01-01", "--note", "terbit")
    assert r.returncode == 0, r.stderr
    assert "revision 1" in r.stdout
    r = run("import", db, revised(tmp_path, step4_three_days), "--author", "Siti",
            "--date", "2024-03-01", "--note", "waktu step 4")
    assert r.returncode == 0, r.stderr
    assert "revision 2" in r.stdout

    r = run("revisions", db, NUMBER, "--json")
    assert r.returncode == 0, r.stderr
    revs = json.loads(r.stdout)
    assert [(x["revision"], x["author"], x["date"]) for x in revs] == [
        (1, "Budi", "2023-01-01"), (2, "Siti", "2024-03-01")]

    r = run("diff", db, NUMBER, "1", "2", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["changes"] == [{"kind": "time_changed", "subject": "4", "field": "time",
                             "before": "2 hari", "after": "3 hari"}]
    r = run("diff", db, NUMBER, "1", "2")
    assert "step 4: time_changed time 2 hari" in r.stdout


def test_identical_import_is_refused_with_exit_2(tmp_path):
    db = str(tmp_path / "r.db")
    assert run("import", db, SEED, "--author", "Budi").returncode == 0
    r = run("import", db, SEED, "--author", "Budi")
    assert r.returncode == 2
    assert "identical to revision 1" in r.stderr
    assert run("import", db, SEED, "--author", "Budi", "--allow-identical").returncode == 0


def test_invalid_sop_is_not_recorded_exit_1(tmp_path):
    db = str(tmp_path / "r.db")
    assert run("init", db).returncode == 0
    bad = revised(tmp_path, lambda d: d["steps"][1].update(actor="nobody"))
    r = run("import", db, bad, "--author", "Budi")
    assert r.returncode == 1
    assert "not recorded" in r.stderr
    assert run("revisions", db).stdout == "no revisions\n"


def test_export_gives_back_the_stored_revision(tmp_path):
    db = str(tmp_path / "r.db")
    run("import", db, SEED, "--author", "Budi")
    run("import", db, revised(tmp_path, step4_three_days), "--author", "Siti")
    out = tmp_path / "r1.json"
    r = run("export", db, NUMBER, "--revision", "1", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.load(open(SEED, encoding="utf-8"))
    latest = json.loads(run("export", db, NUMBER).stdout)
    assert latest["steps"][3]["time"] == "3 hari"


def test_indicator_csv_import_audit_and_export_round_trip(tmp_path):
    db = str(tmp_path / "r.db")
    r = run("import", db, CSV, "--author", "Siti", "--note", "impor 2024")
    assert r.returncode == 0, r.stderr
    assert "value(s) changed" in r.stdout
    audit = json.loads(run("audit", db, "--indicator", "IKU-01", "--json").stdout)
    assert audit and all(a["author"] == "Siti" and a["reason"] == "impor 2024" for a in audit)
    assert all(a["indicator"] == "IKU-01" for a in audit)
    assert audit[0]["old"] is None
    # Export as the JSON form; importing it again changes nothing.
    out = tmp_path / "ind.json"
    assert run("export", db, "--indicators", "-o", str(out)).returncode == 0
    r = run("import", db, str(out), "--author", "Siti")
    assert r.returncode == 0, r.stderr
    assert " 0 value(s) changed" in r.stdout


def test_usage_and_store_errors_exit_2(tmp_path):
    db = str(tmp_path / "r.db")
    assert run("import", db, SEED).returncode == 2  # --author missing
    assert run("frobnicate", db).returncode == 2
    notdb = tmp_path / "x.db"
    notdb.write_text("not a database at all, just text " * 10)
    r = run("revisions", str(notdb))
    assert r.returncode == 2
    assert "not a sopkit store" in r.stderr
    run("import", db, SEED, "--author", "Budi")
    r = run("diff", db, NUMBER, "1", "7")
    assert r.returncode == 2
    assert "no revision 7" in r.stderr


def as_reader(*args):
    """`sopkit store ...` run by a user who cannot write the store's folder.
    Root ignores file modes, so as root it runs as nobody (setpriv)."""
    drop = []
    if os.geteuid() == 0:
        drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run([*drop, CLI, "store", *args], capture_output=True, text=True,
                          timeout=120)


def test_a_store_on_read_only_media_can_be_read(tmp_path):
    folder = tempfile.mkdtemp(prefix="sopkit-ro-")  # tmp_path's parents are 0700
    db = os.path.join(folder, "records.db")
    try:
        assert run("import", db, SEED, "--author", "Budi", "--date", "2023-01-01").returncode == 0
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        r = as_reader("revisions", db, NUMBER, "--json")
        assert r.returncode == 0, r.stderr
        assert [x["author"] for x in json.loads(r.stdout)] == ["Budi"]
        assert sorted(os.listdir(folder)) == ["records.db"]
    finally:
        os.chmod(folder, 0o700)
        shutil.rmtree(folder)


def test_indicator_json_errors_keep_the_loaders_locations(tmp_path):
    db = str(tmp_path / "r.db")
    doc = {"format": "sopkit.indicators/1", "units": [{"id": "u", "name": "Dinas"}],
           "indicators": [{"code": "IKU-01", "unit": "u", "polarity": "positive",
                           "accumulation": "last", "values": [{"period": "2024-Q1",
                                                               "target": -5}]}]}
    bad = tmp_path / "ind.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    r = run("import", db, str(bad), "--author", "Siti")
    assert r.returncode != 0
    assert f"{bad}:/indicators/0/values/0/target" in r.stderr and "negative" in r.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "sopkit.indicators/1",\n "units": [', encoding="utf-8")
    r = run("import", db, str(broken), "--author", "Siti")
    assert r.returncode != 0
    assert f"{broken}:2:" in r.stderr, r.stderr
