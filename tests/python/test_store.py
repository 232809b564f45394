"""sopkit.Store: revisions and diff, indicator values with audit, runs, reports."""
import json
import os
import pathlib
import shutil
import sqlite3
import tempfile
import threading
from typing import Any

import pytest

import sopkit

from conftest import ROOT

SEED = ROOT / "examples" / "sop-monev-capaian-kinerja.json"
CSV = ROOT / "examples" / "indicators-disdikbud-2024.csv"
NUMBER = json.loads(SEED.read_text(encoding="utf-8"))["number"]


def revised_seed() -> sopkit.Sop:
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    doc["steps"][3]["time"] = "3 hari"
    return sopkit.Sop.from_json(json.dumps(doc))


def test_revisions_diff_and_get(tmp_path: pathlib.Path) -> None:
    with sopkit.Store.open(tmp_path / "r.db") as store:
        assert store.put_revision(sopkit.Sop.load(SEED), author="Budi", date="2023-01-01",
                                  note="terbit") == 1
        assert store.put_revision(revised_seed(), author="Siti", date="2024-03-01") == 2
        revs = store.revisions(NUMBER)
        assert [(r.revision, r.author, r.date, r.note) for r in revs] == [
            (1, "Budi", "2023-01-01", "terbit"), (2, "Siti", "2024-03-01", "")]
        d = store.diff(NUMBER, 1, 2)
        assert d["changes"] == [{"kind": "time_changed", "subject": "4", "field": "time",
                                 "before": "2 hari", "after": "3 hari"}]
        assert json.loads(store.get_revision(NUMBER, 1).to_json()) == json.loads(
            sopkit.Sop.load(SEED).to_json())
        with pytest.raises(sopkit.InvalidArgumentError, match="identical to revision 2"):
            store.put_revision(revised_seed(), author="Siti")
        with pytest.raises(sopkit.NotFoundError):
            store.get_revision(NUMBER, 3)
    assert store.closed


def test_values_and_audit_trail(tmp_path: pathlib.Path) -> None:
    with sopkit.Store.open(tmp_path / "r.db") as store:
        data = sopkit.IndicatorSet.load(CSV)
        assert store.import_indicators(data, author="Siti", reason="impor") > 0
        assert store.import_indicators(data, author="Siti") == 0
        assert store.set_value("IKU-01", "2024-Q1", "realisation", 104.3, author="Andi",
                               reason="salah ketik")
        assert not store.set_value("IKU-01", "2024-Q1", "realisation", 104.3, author="Andi")
        assert store.set_value("IKU-01", "2024-Q1", "realisation", None, author="Rina")
        trail = store.audit("IKU-01")
        last2 = [(a.old, a.new, a.author, a.reason) for a in trail[-2:]]
        assert last2 == [(104.1, 104.3, "Andi", "salah ketik"), (104.3, None, "Rina", "")]
        assert all(a.indicator == "IKU-01" for a in trail)
        with pytest.raises(sopkit.NotFoundError):
            store.set_value("NOPE", "2024-Q1", "realisation", 1, author="A")
        with pytest.raises(sopkit.InvalidArgumentError):
            store.set_value("IKU-01", "2024-Q1", "realisasi", 1, author="A")
        assert store.indicators().counts == data.counts


def test_runs_and_reports(tmp_path: pathlib.Path) -> None:
    with sopkit.Store.open(tmp_path / "r.db") as store:
        store.put_revision(sopkit.Sop.load(SEED), author="Budi")
        rid = store.put_run(NUMBER, {"steps": [{"id": "1"}]}, case_id="TW1",
                            started_at="2024-04-01T07:30")
        runs = store.runs(NUMBER)
        assert [(r["id"], r["case_id"], r["revision"]) for r in runs] == [(rid, "TW1", 1)]
        assert runs[0]["document"] == {"steps": [{"id": "1"}]}
        with pytest.raises(sopkit.ParseError):
            store.put_run(NUMBER, "{not json")
        with pytest.raises(sopkit.FormatError):
            store.put_run(NUMBER, "[1]")
        assert store.put_report("sop-svg", "sop.svg", b"<svg/>\x00\xff", sop_number=NUMBER,
                                revision=1) > 0
    con = sqlite3.connect(tmp_path / "r.db")
    assert con.execute("SELECT content FROM report").fetchone()[0] == b"<svg/>\x00\xff"


def test_open_errors_and_read_only(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "text.db"
    bad.write_text("not a database " * 20)
    with pytest.raises(sopkit.FormatError, match="not a sopkit store"):
        sopkit.Store.open(bad)
    with pytest.raises(sopkit.SopkitIOError):
        sopkit.Store.open(tmp_path / "missing.db", create=False)
    sopkit.Store.open(tmp_path / "r.db").close()
    with sopkit.Store.open(tmp_path / "r.db", read_only=True) as ro:
        assert ro.revisions() == []
        with pytest.raises(sopkit.InvalidArgumentError, match="read-only"):
            ro.put_revision(sopkit.Sop.load(SEED), author="Budi")


def read_only_revisions_as_reader(db: str) -> int:
    """The number of revisions a process that cannot write db's folder reads
    (-1 on an error). Root ignores file modes: the child drops to nobody."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            with sopkit.Store.open(db, read_only=True) as ro:
                status = 10 + len(ro.revisions())
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status) - 10 if os.WIFEXITED(status) else -1


def test_read_only_opening_on_read_only_media() -> None:
    folder = tempfile.mkdtemp(prefix="sopkit-py-ro-")  # tmp_path's parents are 0700
    db = os.path.join(folder, "records.db")
    try:
        with sopkit.Store.open(db) as store:
            store.put_revision(sopkit.Sop.load(SEED), author="Budi")
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        assert read_only_revisions_as_reader(db) == 1
        assert os.listdir(folder) == ["records.db"]
    finally:
        os.chmod(folder, 0o700)
        shutil.rmtree(folder)


def test_one_store_shared_by_threads(tmp_path: pathlib.Path) -> None:
    with sopkit.Store.open(tmp_path / "r.db") as store:
        store.import_indicators(sopkit.IndicatorSet.load(CSV), author="Siti")
        errors = []

        def work(k: Any) -> None:
            try:
                for i in range(20):
                    store.set_value("IKU-01", "2024-Q1", "realisation", float(k * 100 + i),
                                    author=f"t{k}")
                    store.audit("IKU-01")
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        authors = [a.author for a in store.audit("IKU-01") if a.author.startswith("t")]
        assert len(authors) == 80
