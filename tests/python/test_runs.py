"""sopkit.Runs: event logs measured against the mutu baku, through the C ABI."""
import math

import pytest

import sopkit
from conftest import ROOT, SEED

LOG = ROOT / "examples" / "runs-monev-capaian-kinerja.csv"


@pytest.fixture(scope="module")
def comparison() -> sopkit.RunsComparison:
    sop = sopkit.Sop.load(SEED)
    runs = sopkit.Runs.from_csv(LOG, sop)
    return runs.compare(sopkit.Calendar.indonesia("id-2024"))


def test_counts_and_summary(comparison: sopkit.RunsComparison) -> None:
    runs = sopkit.Runs.load(LOG, sopkit.Sop.load(SEED))
    assert runs.counts == (4, 54)
    s = comparison.summary
    assert s["runs"] == 4 and s["runs_complete"] == 4
    assert s["steps_on_time_percent"] == pytest.approx(100 * s["steps_on_time"] / 54)
    assert s["runs_on_time_percent"] == pytest.approx(100 * s["runs_on_time"] / 4)


def test_run_results(comparison: sopkit.RunsComparison) -> None:
    first, late, rework, disorder = comparison.runs()
    assert first.case == "2024-TW2" and first.on_time and first.delay_minutes == 0
    assert first.start.isoformat() == "2024-07-01T08:00:00"
    assert not late.on_time and late.delay_minutes > 0
    assert rework.rework_rounds == 1
    assert disorder.out_of_order == 1
    assert first.evaluation_percent is None
    with pytest.raises(sopkit.InvalidArgumentError):
        comparison.run(4)


def test_dataframe_has_one_row_per_execution(comparison: sopkit.RunsComparison) -> None:
    df = comparison.to_dataframe()
    assert len(df) == 54
    late = df[df["verdict"] == "late"]
    assert set(late["step"]) >= {"3", "9"}
    assert df.loc[0, "working_minutes"] == 15


def test_compliance_is_an_ordinary_indicator_set(comparison: sopkit.RunsComparison) -> None:
    ind = comparison.compliance()
    assert ind.counts[0] == 4
    ev = ind.evaluate()
    rows = [r for r in ev if r.indicator.endswith("SELESAI") and r.period == "2024"
            and r.indicator.startswith("KEPATUHAN-SOP")]
    assert len(rows) == 1
    s = comparison.summary
    assert rows[0].realisation == pytest.approx(s["runs_on_time_percent"])


def test_bad_log_raises_with_the_place() -> None:
    sop = sopkit.Sop.load(SEED)
    with pytest.raises(sopkit.FormatError) as e:
        sopkit.Runs.from_csv_text("case,step,start,end\nA,1,2024-07-01T09:00,2024-07-01T08:00\n",
                                  sop)
    assert "<csv>:2:4" in str(e.value)
    with pytest.raises(sopkit.FormatError):
        sopkit.Runs.from_csv_text("", sop)
    with pytest.raises(TypeError):
        sopkit.Runs.from_csv_text("x", "not a sop")  # type: ignore[arg-type]  # on purpose


def test_json_round_trip_keeps_the_forms() -> None:
    sop = sopkit.Sop.load(SEED)
    doc = ('{"format":"sopkit.runs/1","runs":[{"case":"A","events":[{"step":"1",'
           '"start":"2024-07-01T08:00","end":"2024-07-01T08:15"}],"evaluation":'
           '{"mendorong_kinerja":true,"mudah_dipahami":true,"mudah_dilaksanakan":true,'
           '"peran_jelas":true,"atasi_masalah":true,"kebutuhan_kinerja":false,"sinergi":true}}]}')
    runs = sopkit.Runs.from_json(doc, sop)
    again = sopkit.Runs.from_json(runs.to_json(), sop)
    assert again.to_json() == runs.to_json()
    c = again.compare(sopkit.Calendar.indonesia("id-2024"))
    percent = c.run(0).evaluation_percent
    assert percent is not None and percent == pytest.approx(600 / 7)
    assert not math.isnan(percent)


def test_runs_from_a_dataframe_are_the_csvs_runs() -> None:
    pd = pytest.importorskip("pandas")
    seed, path = sopkit.Sop.load(SEED), LOG
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    with sopkit.Runs.from_csv(path, seed) as want, sopkit.Runs.from_dataframe(df, seed) as got:
        assert got.to_json() == want.to_json()
    timed = df.assign(start=pd.to_datetime(df["start"]), end=pd.to_datetime(df["end"]))
    with sopkit.Runs.from_csv(path, seed) as want, sopkit.Runs.from_dataframe(timed, seed) as got:
        assert got.to_json() == want.to_json()
    bad = timed.copy()
    bad.loc[2, "step"] = "99"
    with pytest.raises(sopkit.FormatError, match=r"^<csv>:4:"):
        sopkit.Runs.from_dataframe(bad, seed)
