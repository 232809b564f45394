"""Sop, Analysis and Schedule on the seed SOP (examples/sop-monev-capaian-kinerja.json)."""
import datetime as dt
import gc
import json
import pathlib
from typing import Any, Dict

import pytest

import sopkit
from sopkit import StepKind


def test_load_and_from_json_read_the_same_document(seed_path: pathlib.Path) -> None:
    with sopkit.Sop.load(seed_path) as a, sopkit.Sop.from_json(seed_path.read_text("utf-8")) as b:
        assert a.to_json() == b.to_json()
        assert len(a) == len(b) == 13


def test_load_accepts_a_pathlike_and_bytes_json(seed_path: pathlib.Path) -> None:
    with sopkit.Sop.from_json(seed_path.read_bytes()) as sop:
        assert len(sop) == 13


def test_to_json_round_trips_and_keeps_unknown_fields(seed: sopkit.Sop) -> None:
    d = seed.to_dict()
    assert d["number"] == "002/SOP/Disdikbud-BLG/2023"
    # The seed keeps the terminator texts in an application field.
    assert any("symbol_text" in s for s in d["steps"])
    with sopkit.Sop.from_json(seed.to_json()) as again:
        assert again.to_dict() == d


def test_save_writes_a_file_that_loads_back(seed: sopkit.Sop, tmp_path: pathlib.Path) -> None:
    target = tmp_path / "copy.json"
    seed.save(target)
    with sopkit.Sop.load(target) as back:
        assert back.to_dict() == seed.to_dict()


def test_save_into_a_missing_folder_is_an_io_error(seed: sopkit.Sop,
                                                   tmp_path: pathlib.Path) -> None:
    with pytest.raises(sopkit.SopkitIOError):
        seed.save(tmp_path / "no" / "such" / "dir" / "x.json")


def test_steps_carry_the_table_fields(seed: sopkit.Sop) -> None:
    first, third, last = seed.step(0), seed.step(2), seed.step(-1)
    assert (first.id, first.actor, first.kind, first.time) == ("1", "sekretaris", StepKind.START,
                                                               "15 Menit")
    assert first.minutes == (15.0, 15.0)
    assert third.output == "7 hari"  # the data error the document has
    assert third.minutes == (3150.0, 3150.0)  # 7 Hari x 450
    assert last.kind is StepKind.END
    assert [s.id for s in seed.steps] == [str(i) for i in range(1, 14)]
    assert [s.id for s in seed] == [s.id for s in seed.steps]
    assert seed.step(10).kind is StepKind.DECISION
    assert seed.actor_count == 5


def test_step_index_past_the_end_is_an_index_error(seed: sopkit.Sop) -> None:
    with pytest.raises(IndexError):
        seed.step(13)


def test_untimed_step_has_no_minutes(seed_dict: Dict[str, Any]) -> None:
    seed_dict["steps"][2]["time"] = "lama sekali"
    with sopkit.Sop.from_json(json.dumps(seed_dict)) as sop:
        assert sop.step(2).minutes is None
        assert sop.step(2).time == "lama sekali"


def test_validate_seed_has_no_errors_and_five_warnings(seed: sopkit.Sop) -> None:
    d = seed.validate()
    assert d.ok
    assert len(d.errors) == 0 and len(d.warnings) == 5
    first = d[0]
    assert (first.severity, first.code, first.step, first.pointer) == (
        sopkit.Severity.WARNING, "duration_in_output", "3", "/steps/2/output")
    # The library's JSON and the Python objects say the same.
    assert json.loads(d.to_json()) == [x.to_dict() for x in d]


def test_validate_reports_errors_first_with_their_steps(seed_dict: Dict[str, Any]) -> None:
    seed_dict["steps"][1]["actor"] = "nobody"
    seed_dict["steps"][2]["time"] = "lama sekali"
    with sopkit.Sop.from_json(json.dumps(seed_dict)) as sop:
        d = sop.validate()
    assert not d.ok
    assert [(x.code, x.step) for x in d.errors] == [("unknown_actor", "2"), ("invalid_time", "3")]
    assert d[0].severity is sopkit.Severity.ERROR


def test_analysis_total_of_the_seed(seed: sopkit.Sop) -> None:
    with seed.analyze() as a:
        # 31 hari x 450 + 3 jam 30 menit = 13950 + 210 = 14160 working minutes.
        assert a.total_minutes == 14160
        assert a.total_minutes_range == (14160, 14160)
        assert a.total_text == "31 hari 3 jam 30 menit"
        assert a.path == [str(i) for i in range(1, 14)]
        assert "31 hari 3 jam 30 menit" in repr(a)


def test_analysis_timings_form_one_critical_chain(seed: sopkit.Sop) -> None:
    with seed.analyze() as a:
        t = a.timings
    assert len(t) == 13
    assert all(x.critical and x.slack == 0 for x in t)
    assert (t[0].earliest_start, t[0].earliest_finish) == (0, 15)
    assert t[-1].latest_finish == 14160
    for prev, nxt in zip(t, t[1:]):
        assert nxt.earliest_start == prev.earliest_finish


def test_analysis_options_reach_the_library(seed: sopkit.Sop) -> None:
    # Two rework rounds of the 10 -> 11 loop (3 + 1 hari = 1800 min): 14160 + 3600.
    with seed.analyze(rework_rounds=2) as a:
        assert a.to_dict()["worst_case"]["working_minutes"] == 17760
    # A 480-minute hari: 31 x 480 + 210 = 15090.
    with seed.analyze(minutes_per_day=480) as a:
        assert a.total_minutes == 15090
    with pytest.raises(sopkit.InvalidArgumentError):
        seed.analyze(minutes_per_day=0)
    with pytest.raises(sopkit.InvalidArgumentError, match="minutes_per_day"):
        seed.analyze(minutes_per_day=1441)


def test_analysis_json_is_the_documented_format(seed: sopkit.Sop) -> None:
    with seed.analyze() as a:
        d = json.loads(a.to_json())
    assert d["format"] == "sopkit.analysis/2"
    assert [w["actor"] for w in d["workload"]][0] == "sekretaris"
    assert d["loops"][0]["decision"] == "11"


def test_schedule_of_the_seed_from_the_friday_before_lebaran(seed: sopkit.Sop,
                                                             cal2024: sopkit.Calendar) -> None:
    with seed.schedule(dt.datetime(2024, 4, 5, 8, 0), cal2024) as plan:
        assert plan.due == dt.datetime(2024, 6, 4, 11, 30)
        steps = plan.steps
        assert len(steps) == 13
        assert (steps[0].id, steps[0].start, steps[0].end) == (
            "1", dt.datetime(2024, 4, 5, 8, 0), dt.datetime(2024, 4, 5, 8, 15))
        # Step 2 (2 hari) starts Fri 08:15; 8-15 April are Lebaran holidays and
        # cuti bersama, so its second working day is Wed 17 April.
        assert steps[1].end == dt.datetime(2024, 4, 17, 8, 15)
        assert steps[-1].end == plan.due
        d = plan.to_dict()
        assert json.dumps(d)  # plain data
        assert "2024-06-04T11:30" in plan.to_json()


def test_schedule_accepts_every_instant_form(seed: sopkit.Sop, cal2024: sopkit.Calendar) -> None:
    import numpy as np

    for start in ("2024-04-05T08:00", "2024-04-05 08:00", np.datetime64("2024-04-05T08:00"),
                  np.datetime64("2024-04-05T08:00:59", "s")):
        with seed.schedule(start, cal2024) as plan:
            assert plan.due == dt.datetime(2024, 6, 4, 11, 30), start


def test_schedule_leaving_the_coverage_is_a_range_error(seed: sopkit.Sop) -> None:
    with sopkit.Calendar.asn(2024) as cal:
        with pytest.raises(sopkit.RangeError):
            seed.schedule(dt.date(2024, 12, 20), cal)


def test_schedule_needs_a_calendar(seed: sopkit.Sop) -> None:
    with pytest.raises(TypeError):
        seed.schedule("2024-04-05T08:00", "id-2024")  # type: ignore[arg-type]  # on purpose


def test_parse_duration() -> None:
    assert sopkit.parse_duration("1,5 jam") == (90, 90)
    assert sopkit.parse_duration("1-3 Hari") == (450, 1350)
    assert sopkit.parse_duration("1 Minggu") == (2250, 2250)
    with pytest.raises(sopkit.ParseError, match="lama"):
        sopkit.parse_duration("lama")


def test_closed_handles_refuse_use_and_close_twice_is_harmless(seed_path: pathlib.Path) -> None:
    sop = sopkit.Sop.load(seed_path)
    a = sop.analyze()
    sop.close()
    sop.close()
    assert sop.closed and "closed" in repr(sop)
    with pytest.raises(ValueError, match="closed"):
        len(sop)
    # The analysis owns its own copy: it outlives the document's handle.
    assert a.total_minutes == 14160
    a.close()
    with pytest.raises(ValueError, match="closed"):
        a.total_text


def test_with_block_frees_the_handle(seed_path: pathlib.Path) -> None:
    with sopkit.Sop.load(seed_path) as sop:
        assert not sop.closed
    assert sop.closed
    assert not sop._finalizer.alive


def test_garbage_collection_frees_the_handle(seed_path: pathlib.Path) -> None:
    sop = sopkit.Sop.load(seed_path)
    fin = sop._finalizer
    assert fin.alive
    del sop
    gc.collect()
    assert not fin.alive


def test_text_with_nul_is_refused() -> None:
    with pytest.raises(ValueError):
        sopkit.parse_duration("1 jam\0")


def test_version() -> None:
    assert sopkit.version() == sopkit.__version__
    major, minor, patch = (int(x) for x in sopkit.version().split("."))
    assert sopkit.version_number() == major * 10000 + minor * 100 + patch


def test_frames_of_diagnostics_timings_and_schedules(seed_path: pathlib.Path) -> None:
    pd = pytest.importorskip("pandas")
    sop = sopkit.Sop.load(seed_path)
    diagnostics = sop.validate()
    frame = diagnostics.to_dataframe()
    assert list(frame.columns) == ["severity", "code", "step", "pointer", "message"]
    assert frame.to_dict("records") == [d.to_dict() for d in diagnostics]
    with sop.analyze() as analysis:
        timings = analysis.to_dataframe()
        assert list(timings["id"]) == analysis.path
        assert timings["critical"].dtype == bool
    with sopkit.Calendar.indonesia("id-2024") as cal, \
            sop.schedule("2024-07-01T08:00", cal) as plan:
        steps = plan.to_dataframe()
        assert list(steps.columns) == ["id", "actor", "time", "start", "end"]
        assert steps["actor"].iloc[0] == "sekretaris"
        assert pd.api.types.is_datetime64_any_dtype(steps["end"])
        assert steps["end"].max() == pd.Timestamp(plan.due)


def _long_sop(steps: int) -> str:
    """A chain of `steps` steps: long enough that analyze() runs for a while."""
    body = [{"id": str(i), "activity": f"Langkah {i}", "actor": "a",
             "kind": "start" if i == 1 else "end" if i == steps else "process",
             "time": "15 Menit", **({"next": str(i + 1)} if i < steps else {})}
            for i in range(1, steps + 1)]
    return json.dumps({"format": "sopkit.sop/1", "number": "X", "title": "Panjang",
                       "actors": [{"id": "a", "name": "Pelaksana"}], "steps": body})


def test_close_while_other_threads_are_inside_calls_waits_for_them() -> None:
    # The binding releases the GIL during a call: close() from another thread
    # must not free the handle under a running analyze (ASan catches it if it does;
    # without ASan, reading a freed multi-megabyte JSON text mostly faults).
    import threading

    sop = sopkit.Sop.from_json(_long_sop(20000))
    expected, expected_json = sop.analyze().total_minutes, sop.to_json()
    started, first_done = threading.Barrier(5), threading.Event()
    totals, texts, refused = [], [], []

    def work() -> None:
        started.wait()
        for _ in range(30):
            try:
                with sop.analyze() as a:
                    totals.append(a.total_minutes)
                texts.append(sop.to_json())
                first_done.set()
            except ValueError as e:
                refused.append(str(e))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    started.wait()
    assert first_done.wait(timeout=60)  # the other workers are inside their calls now
    sop.close()
    for t in threads:
        t.join()
    assert sop.closed and sop._ptr is None  # freed once the last call returned
    assert all(t == expected for t in totals)
    assert texts and all(t == expected_json for t in texts)
    assert refused and all(m == "Sop is closed" for m in refused)
    with pytest.raises(ValueError, match="closed"):
        sop.validate()


def test_editing_comparing_diffing_and_pickling_documents(seed_path: pathlib.Path) -> None:
    import pickle

    sop = sopkit.Sop.load(seed_path)
    same = sopkit.Sop.from_dict(sop.to_dict())
    assert same == sop and hash(same) == hash(sop) and same is not sop
    longer = sop.with_step("3", time="10 hari")
    assert longer != sop and sop.step(2).time == "7 Hari" and longer.step(2).time == "10 hari"
    diff = sop.diff(longer)
    assert diff["format"] == "sopkit.sopdiff/1"
    assert [(c["field"], c["before"], c["after"]) for c in diff["changes"]] == \
        [("time", "7 Hari", "10 hari")], diff
    assert sop.diff(same)["changes"] == []
    renamed = sop.with_fields(title="Monev Kinerja")
    assert renamed.to_dict()["title"] == "Monev Kinerja" and renamed != sop
    restored = pickle.loads(pickle.dumps(longer))
    assert restored == longer and restored is not longer
    with pytest.raises(KeyError, match="no step '99'"):
        sop.with_step("99", time="1 jam")
    with pytest.raises(sopkit.FormatError, match="/steps/2/time"):
        sop.with_step("3", time=7)
