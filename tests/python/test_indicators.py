"""Indicators: raw cells in bulk, indicator sets, evaluations as rows/dicts/DataFrame."""
import io
import json
import math
import pathlib
import sys
from typing import Any, Dict, Iterator, List, Tuple

import numpy as np
import pytest

import sopkit
from sopkit._ffi import ffi, has

from conftest import INDICATORS_CSV

pytestmark = pytest.mark.skipif(
    not has("sopkit_indicators_evaluate"),
    reason="the libsopkit this module was built against has no indicator functions yet")

NAN = float("nan")


def _address(ptr: Any) -> int:
    return int(ffi.cast("uintptr_t", ptr))


# ---- raw cells -------------------------------------------------------------

def test_evaluate_applies_polarity_and_bands() -> None:
    t = np.array([100.0, 10.0, 80.0, 100.0, 100.0])
    r = np.array([80.0, 8.0, 92.0, 50.0, 95.0])
    p = np.array([sopkit.POSITIVE, sopkit.NEGATIVE, sopkit.POSITIVE, sopkit.POSITIVE,
                  sopkit.POSITIVE], dtype=np.uint8)
    ach, band = sopkit.evaluate(t, r, p)
    # 80/100 = 80 % (>= 76: Tinggi, 4); (2*10 - 8)/10 = 120 % (5); 92/80 = 115 %;
    # 50 % (< 51: Sangat Rendah, 1); 95 % (5).
    assert ach.tolist() == pytest.approx([80.0, 120.0, 115.0, 50.0, 95.0])
    assert band.tolist() == [4, 5, 5, 1, 5]
    assert ach.dtype == np.float64 and band.dtype == np.uint8


def test_zero_target_and_blank_realisation_are_not_computable_never_zero() -> None:
    ach, band = sopkit.evaluate([0.0, 100.0, 0.0], [5.0, NAN, 0.0], [0, 0, 0])
    assert all(math.isnan(x) for x in ach)
    assert band.tolist() == [0, 0, 0]


def test_polarity_as_bool_names_or_one_value() -> None:
    t, r = np.array([10.0, 10.0]), np.array([8.0, 12.0])
    expected = sopkit.evaluate(t, r, np.array([1, 1], dtype=np.uint8))
    for pol in (np.array([True, True]), ["negative", "NEGATIVE"], sopkit.NEGATIVE):
        ach, band = sopkit.evaluate(t, r, pol)
        assert np.array_equal(ach, expected[0]) and np.array_equal(band, expected[1])
    with pytest.raises(ValueError, match="unknown"):
        sopkit.evaluate(t, r, ["positive", "sideways"])


def test_bool_polarity_is_viewed_not_copied() -> None:
    from sopkit import _arrays

    neg = np.array([True, False, True])
    view = _arrays.numbers(neg, "uint8", "polarity")
    assert view.ctypes.data == neg.ctypes.data and np.shares_memory(view, neg)


def test_evaluate_writes_into_the_callers_arrays() -> None:
    rng = np.random.default_rng(5)
    t = rng.uniform(1, 1000, 10_000)
    r = t * rng.uniform(0.3, 1.3, t.size)
    p = (rng.integers(0, 5, t.size) == 0).astype(np.uint8)
    ach = np.empty(t.size)
    band = np.empty(t.size, dtype=np.uint8)
    a_addr, b_addr = ach.ctypes.data, band.ctypes.data
    res_a, res_b = sopkit.evaluate(t, r, p, achievement_out=ach, band_out=band)
    assert res_a is ach and res_b is band
    assert ach.ctypes.data == a_addr and band.ctypes.data == b_addr
    # The numpy expression of the baseline, bit for bit.
    expected = np.where(p == 1, 2.0 * t - r, r) / t * 100.0
    assert np.array_equal(ach, expected)
    assert np.array_equal(band, np.digitize(expected, [51.0, 66.0, 76.0, 91.0]) + 1)


def test_evaluate_shape_errors() -> None:
    with pytest.raises(ValueError, match="one shape"):
        sopkit.evaluate([1.0, 2.0], [1.0], [0, 0])
    with pytest.raises(TypeError, match="dtype"):
        sopkit.evaluate([1.0], [1.0], [0], achievement_out=np.empty(1, dtype=np.float32))


def test_evaluate_grouped_means_match_numpy() -> None:
    rng = np.random.default_rng(6)
    n, groups = 20_000, 300
    t = np.where(rng.uniform(size=n) < 0.01, 0.0, rng.uniform(1, 1000, n))
    r = rng.uniform(0.3, 1.3, n) * np.where(t > 0, t, 100.0)
    neg = rng.integers(0, 5, n) == 0
    w = rng.integers(1, 11, n).astype(np.float64)
    g = rng.integers(0, groups, n).astype(np.int32)
    mean_out = np.empty(groups)
    ach, band, mean = sopkit.evaluate_grouped(t, r, neg, w, g, groups, group_mean_out=mean_out)
    assert mean is mean_out
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(neg, 2.0 * t - r, r) / t * 100.0
    c[t == 0] = np.nan
    ok = ~np.isnan(c)
    swc = np.bincount(g, weights=np.where(ok, w * c, 0.0), minlength=groups)
    sw = np.bincount(g, weights=np.where(ok, w, 0.0), minlength=groups)
    assert np.allclose(mean, swc / sw, rtol=1e-12, equal_nan=True)
    assert np.array_equal(ach, c, equal_nan=True)
    # Two threads inside the C call give the same means; per_cell=False skips cells.
    _, _, mean2 = sopkit.evaluate_grouped(t, r, neg, w, g, groups, threads=2, per_cell=False)
    assert np.allclose(mean2, mean, rtol=1e-12, equal_nan=True)
    # A cap of 100 lowers no mean below the uncapped one and none above 100.
    _, _, capped = sopkit.evaluate_grouped(t, r, neg, w, g, groups, cap=100)
    assert np.nanmax(capped) <= 100.0 and np.all((capped <= mean) | np.isnan(mean))


def test_evaluate_grouped_errors() -> None:
    with pytest.raises(sopkit.InvalidArgumentError):
        sopkit.evaluate_grouped([1.0], [1.0], [0], [1.0], [5], 2)  # group 5 of 2
    with pytest.raises(sopkit.InvalidArgumentError):
        sopkit.evaluate_grouped([1.0], [1.0], [0], [-1.0], [0], 1)
    with pytest.raises(sopkit.InvalidArgumentError):
        sopkit.evaluate_grouped([1.0], [1.0], [0], [1.0], [0], 1, cap=105)
    _, _, mean = sopkit.evaluate_grouped([10.0, 10.0], [5.0, 8.0], [0, 0], [1.0, 3.0], [0, 2])
    assert mean.shape == (3,) and math.isnan(mean[1])  # default count = max + 1


# ---- indicator sets ----------------------------------------------------------

@pytest.fixture
def data() -> Iterator[sopkit.IndicatorSet]:
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as s:
        yield s


def test_from_csv_path_text_and_file_agree(data: sopkit.IndicatorSet,
                                           tmp_path: pathlib.Path) -> None:
    text = INDICATORS_CSV.read_text(encoding="utf-8")
    copy = tmp_path / "data.txt"  # not .csv: read by Python, parsed as CSV
    copy.write_text(text, encoding="utf-8")
    for other in (sopkit.IndicatorSet.from_csv_text(text), sopkit.IndicatorSet.from_csv(copy),
                  sopkit.IndicatorSet.from_csv(io.StringIO(text)),
                  sopkit.IndicatorSet.load(INDICATORS_CSV)):
        with other:
            assert other.counts == data.counts
    assert data.counts == (15, 16, 63)
    assert len(data) == 63


def test_csv_errors_name_the_place(tmp_path: pathlib.Path) -> None:
    with pytest.raises(sopkit.SopkitIOError):
        sopkit.IndicatorSet.load(tmp_path / "none.csv")
    bad = INDICATORS_CSV.read_text(encoding="utf-8").replace("positive,last,2,2024,", "upwards,last,2,2024,", 1)
    with pytest.raises(sopkit.Error) as e:
        sopkit.IndicatorSet.from_csv_text(bad)
    assert isinstance(e.value, (sopkit.ParseError, sopkit.FormatError))
    assert "upwards" in str(e.value) or ":2" in str(e.value)


def test_evaluation_rows_and_dicts(data: sopkit.IndicatorSet) -> None:
    with data.evaluate() as ev:
        assert len(ev) == 63
        first = ev.row(0)
        # IKU-01 Q1: 104.1 / 106 x 100 = 98.2075 %: Sangat Tinggi.
        assert (first.indicator, first.period) == ("IKU-01", "2024-Q1")
        assert first.achievement == pytest.approx(104.1 / 106 * 100)
        assert (first.band, first.predicate, first.reason) == (5, "Sangat Tinggi", "")
        dicts = ev.to_dicts()
        assert dicts[0]["achievement"] == first.achievement
        assert json.dumps(dicts)  # plain data only
        assert {d["reason"] for d in dicts if d["achievement"] is None} - {""}
        ach, band = ev.arrays()
        for d, a, b in zip(dicts, ach, band):
            assert (math.isnan(a) if d["achievement"] is None else a == d["achievement"])
            assert b == d["band"]
        with pytest.raises(IndexError):
            ev.row(63)


def test_evaluation_json_and_csv(data: sopkit.IndicatorSet) -> None:
    with data.evaluate() as ev:
        d = ev.to_dict()
        assert {"indicators", "units", "warnings"} <= set(d)
        header = ev.to_csv().splitlines()[0].split(",")
        assert {"indicator", "period", "achievement", "predicate"} <= set(header)


def test_evaluation_to_dataframe(data: sopkit.IndicatorSet) -> None:
    pd = pytest.importorskip("pandas")
    with data.evaluate() as ev:
        df = ev.to_dataframe()
        rows = ev.rows
    assert isinstance(df, pd.DataFrame) and len(df) == 63
    assert list(df.columns)[:3] == ["indicator", "unit", "period"]
    assert df["achievement"].dtype == np.float64 and str(df["band"].dtype) == "Int8"
    for i, r in enumerate(rows):
        if r.achievement is None:
            assert math.isnan(df["achievement"].iloc[i])
        else:
            assert df["achievement"].iloc[i] == r.achievement


def test_evaluate_options(data: sopkit.IndicatorSet) -> None:
    with data.evaluate(period="2024-Q2") as q2:
        assert {r.period for r in q2} == {"2024-Q2"}
    with data.evaluate(cap=100) as capped:
        assert all(r.score is None or r.score <= 100 for r in capped)
    with data.evaluate(scale="sakip-88-2021") as sakip:
        assert {r.predicate for r in sakip} & {"AA", "A", "BB", "B", "CC", "C", "D"}
    with pytest.raises(sopkit.InvalidArgumentError):
        data.evaluate(cap=105)


def test_a_period_before_the_scale_is_computed_with_a_warning_not_refused() -> None:
    csv = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
           "Dinas,K1,x,%,positive,last,1,2020,100,92\n")
    with sopkit.IndicatorSet.from_csv_text(csv) as s:
        with pytest.warns(UserWarning, match="no version of the scale is in force on 2020-12-31"):
            ev = s.evaluate(scale="sakip-88-2021")
        with ev:
            row = ev.row(0)
            assert row.achievement == 92 and row.band == 0 and row.predicate == ""
            assert len(ev.notes) == 1 and "2020" in ev.notes[0]


def test_from_columns_and_from_dataframe() -> None:
    cols = dict(unit=["Dinas/Bidang A", "Dinas/Bidang A", "Dinas/Bidang B"],
                code=["K1", "K1", "K2"], period=["2024-Q1", "2024-Q2", "2024"],
                target=[100.0, 100.0, 10.0], realisation=[80.0, None, 8.0],
                polarity=["positive", "positive", "negative"], accumulation=["sum", "sum", "last"])
    with sopkit.IndicatorSet.from_columns(**cols) as s:
        assert s.counts[0] == 2 and s.counts[2] == 3
        with s.evaluate() as ev:
            by = {(r.indicator, r.period): r for r in ev}
    assert by[("K1", "2024-Q1")].achievement == pytest.approx(80.0)
    assert by[("K1", "2024-Q2")].achievement is None  # blank, not zero
    assert by[("K2", "2024")].achievement == pytest.approx(120.0)  # (2*10 - 8)/10
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"unit": cols["unit"], "indicator": cols["code"], "name": cols["code"],
                       "satuan": None, "weight": np.nan, "period": cols["period"],
                       "target": cols["target"], "realisation": [80.0, np.nan, 8.0],
                       "polarity": cols["polarity"], "accumulation": cols["accumulation"]})
    with sopkit.IndicatorSet.from_dataframe(df) as s2, s2.evaluate() as ev2:
        assert [r.achievement for r in ev2] == [by[(r.indicator, r.period)].achievement for r in ev2]
    with pytest.raises(sopkit.FormatError, match="row"):
        sopkit.IndicatorSet.from_columns(**dict(cols, period=["2024-Q1", "2024-Q1", "2024-Q9"]))


def test_two_threads_evaluate_as_one() -> None:
    # 2 500 indicators with a year and four quarters: past the size at which a
    # second thread starts.
    n = 2500
    cols: Dict[str, List[Any]] = dict(unit=[], code=[], period=[], target=[], realisation=[],
                                      polarity=[], accumulation=[])
    for i in range(n):
        for k, period in enumerate(["2024", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]):
            cols["unit"].append(f"Dinas/Bidang {i % 7}")
            cols["code"].append(f"K{i:04d}")
            cols["period"].append(period)
            cols["target"].append(50.0 + i % 50)
            cols["realisation"].append(None if k == 0 else 30.0 + (i * k) % 70)
            cols["polarity"].append("negative" if i % 4 == 0 else "positive")
            cols["accumulation"].append("last")
    with sopkit.IndicatorSet.from_columns(**cols) as s:
        with s.evaluate(threads=1) as one, s.evaluate(threads=2) as two:
            assert len(one) == 5 * n
            assert two.to_json() == one.to_json()
        bad: Any
        for bad in (-1, 1.5, True):
            with pytest.raises(ValueError, match="threads must be an int >= 0"):
                s.evaluate(threads=bad)


def test_two_threads_load_as_one(tmp_path: pathlib.Path) -> None:
    # A CSV file of about 5 MB: past the size two threads read.
    lines = ["unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation"]
    for i in range(15000):
        unit = f"Dinas/Bidang {i % 40}/Seksi {i % 7}"
        lines.append(f"{unit},IKU-{i:05d},Indikator {i},%,positive,sum,1,2024,{90 + i % 20}.5,")
        lines += [f"{unit},IKU-{i:05d},,,,,,2024-Q{q},{20 + q},{15 + (i + q) % 9}.25"
                  for q in range(1, 5)]
    path = tmp_path / "large.csv"
    path.write_text("\n".join(lines) + "\n")
    with sopkit.IndicatorSet.load(path) as one, \
            sopkit.IndicatorSet.from_csv(path, threads=2) as two:
        assert two.counts == one.counts == (15000, 321, 75000)
        with one.evaluate() as a, two.evaluate() as b:
            assert b.to_json() == a.to_json()
    bad: Any
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="threads must be an int >= 0"):
            sopkit.IndicatorSet.load(path, threads=bad)


JSON_FORM = {
    "format": "sopkit.indicators/1",
    "units": [{"id": "dinas", "name": "Dinas", "parent": None},
              {"id": "bid-sd", "name": "Bidang Pembinaan SD", "parent": "dinas"}],
    "indicators": [
        {"code": "IKU-01", "name": "APK SD/MI", "satuan": "%", "unit": "bid-sd", "weight": 2,
         "polarity": "positive", "accumulation": "last",
         "values": [{"period": "2024-Q1", "target": 106, "realisation": 104.1},
                    {"period": "2024-Q2", "target": 106, "realisation": None}]}],
}


def test_json_form_from_text_and_file(tmp_path: pathlib.Path) -> None:
    text = json.dumps(JSON_FORM)
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    for s in (sopkit.IndicatorSet.from_json(text), sopkit.IndicatorSet.load(path)):
        with s, s.evaluate() as ev:
            assert s.counts == (1, 2, 2)
            by = {r.period: r for r in ev}
            # 104.1 / 106 x 100; the blank Q2 realisation is not computable, not 0 %.
            assert by["2024-Q1"].achievement == pytest.approx(104.1 / 106 * 100)
            assert by["2024-Q2"].achievement is None and by["2024-Q2"].reason
    with pytest.raises(sopkit.ParseError):
        sopkit.IndicatorSet.from_json("{")
    bad = dict(JSON_FORM, units=[{"id": "a", "name": "A", "parent": "a"}])
    with pytest.raises(sopkit.Error):
        sopkit.IndicatorSet.from_json(json.dumps(bad))


# ---- columns and frames at the CSV's rules (issue 16, issue 20) ---------------

def test_frame_read_from_the_csv_evaluates_as_the_csv() -> None:
    # pd.read_csv leaves a later row's definition (name, polarity, ...) NaN, as
    # the file leaves it blank; the range targets and money columns come along.
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as want, \
            sopkit.IndicatorSet.from_dataframe(df) as got:
        assert got.counts == want.counts == (15, 16, 63)
        with want.evaluate() as a, got.evaluate() as b:
            assert b.to_json() == a.to_json()
    lists = {("code" if c == "indicator" else c): df[c].tolist() for c in df.columns}
    with sopkit.IndicatorSet.from_columns(**lists) as s, s.evaluate() as ev, \
            sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as want, want.evaluate() as a:
        assert ev.to_json() == a.to_json()


def test_frame_definition_that_disagrees_is_refused_naming_the_row() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    df.loc[2, "name"] = "Angka lain"  # IKU-01, defined on row 0
    with pytest.raises(sopkit.FormatError) as e:
        sopkit.IndicatorSet.from_dataframe(df)
    assert str(e.value) == "row 2 (name): name of IKU-01 differs from row 0"
    lines = INDICATORS_CSV.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[2] = "Angka lain"
    lines[3] = ",".join(cells)
    with pytest.raises(sopkit.FormatError, match="^<csv>:4:3: name of IKU-01 differs from line 2$"):
        sopkit.IndicatorSet.from_csv_text("\n".join(lines))


def test_blank_cells_stay_blank_whatever_marks_them() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "Unit ": ["Dinas/A"] * 4, "INDICATOR": ["K1"] * 4,  # named as a CSV header may be
        "name": ["Angka", None, pd.NA, np.nan], "polarity": ["positive", None, pd.NA, np.nan],
        "period": ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"],
        "target": pd.array([100.0, 100.0, None, 100.0], dtype="Float64"),
        "realisation": pd.Series([80, None, 90, pd.NA], dtype=object),
        "budget": pd.array([10, pd.NA, None, 40], dtype="Int64"),
        "Satuan": "%", "accumulation": "sum", "weight": [2.0, np.nan, None, pd.NA]})
    with sopkit.IndicatorSet.from_dataframe(df) as s, s.evaluate() as ev:
        assert s.counts == (1, 2, 4)
        got = [(r.target, r.realisation, r.achievement) for r in ev]
    assert got == [(100.0, 80.0, 80.0), (100.0, None, None), (None, 90.0, None),
                   (100.0, None, None)]
    with pytest.raises(sopkit.FormatError, match="^the frame lacks the required column 'period'$"):
        sopkit.IndicatorSet.from_dataframe(df.drop(columns=["period"]))


def test_frame_columns_follow_the_csv_header_rules() -> None:
    # As the CSV refuses a header with an unknown or missing column, so does a frame.
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    with pytest.raises(sopkit.FormatError, match="^unknown column 'remark' "):
        sopkit.IndicatorSet.from_dataframe(df.assign(Remark="x"))
    with pytest.raises(sopkit.FormatError, match="^the frame lacks the required column 'satuan'$"):
        sopkit.IndicatorSet.from_dataframe(df.drop(columns=["satuan"]))
    with pytest.raises(sopkit.FormatError, match="^column 'unit' appears twice$"):
        sopkit.IndicatorSet.from_dataframe(df.rename(columns={"indicator": "UNIT "}))


def test_frame_text_in_a_number_column_is_refused_naming_the_row() -> None:
    # Python's float() would read "1_000" and "inf"; the CSV's rules are not Python's.
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    for text in ("abc", "1_000", "inf", "97,5"):
        bad = df.astype({"target": object})
        bad.loc[3, "target"] = text
        with pytest.raises(sopkit.FormatError, match=r"^row 3 \(target\): '.*' is text, not a number"):
            sopkit.IndicatorSet.from_dataframe(bad)


def test_frame_polarity_names_and_blank_weights_as_the_csv() -> None:
    # "negatif" is a polarity the CSV takes; a NaN weight is a blank one: weight 1.
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    text = INDICATORS_CSV.read_text(encoding="utf-8")
    first = df.index[df["polarity"].notna()][0]
    df.loc[first, "polarity"] = "negatif"
    df.loc[first, "weight"] = np.nan
    lines = text.splitlines()
    cells = lines[first + 1].split(",")
    cells[4], cells[6] = "negatif", ""
    lines[first + 1] = ",".join(cells)
    with sopkit.IndicatorSet.from_dataframe(df) as got, got.evaluate() as b, \
            sopkit.IndicatorSet.from_csv_text("\n".join(lines)) as want, want.evaluate() as a:
        assert b.to_json() == a.to_json()


def test_codes_one_text_for_every_row_and_the_csvs_other_columns() -> None:
    with sopkit.IndicatorSet.from_columns(
            unit="Dinas/A", code=np.array(["K1", "K2"]), period=[2024.0, 2024.0],
            polarity=np.array([sopkit.NEGATIVE, sopkit.RANGE], dtype=np.uint8),
            accumulation=[sopkit.ACCUMULATE_SUM, sopkit.ACCUMULATE_LAST], target=[10.0, None],
            realisation=[8.0, 17.0], target_low=[None, 15.0], target_high=[None, 20.0],
            budget=[1e6, None], source=["SAKIP", ""]) as s, s.evaluate() as ev:
        by = {r.indicator: r for r in ev}
        d = ev.to_dict()
    assert by["K1"].period == "2024"  # 2024.0, as a float column holds it
    assert by["K1"].achievement == pytest.approx(120.0)  # negative: (2*10 - 8)/10
    assert by["K2"].achievement is not None  # in the range 15..20
    assert json.dumps(d)
    with pytest.raises(sopkit.FormatError, match=r"^row 0 \(polarity\): .*'7'"):
        sopkit.IndicatorSet.from_columns(unit="D/A", code=["K1"], period=["2024"], target=[1.0],
                                         realisation=[1.0], polarity=[7])
    with pytest.raises(ValueError, match="NUL"):
        sopkit.IndicatorSet.from_columns(unit=["D/A\0"], code=["K1"], period=["2024"],
                                         target=[1.0], realisation=[1.0], polarity=["positive"])
    with pytest.raises(TypeError, match="budgets"):
        sopkit.IndicatorSet.from_columns(unit=["D/A"], code=["K1"], period=["2024"], target=[1.0],
                                         realisation=[1.0], polarity=["positive"], budgets=[1.0])


def _national_like_frame(units: int, pd: Any) -> Any:
    """units x 4 indicators, an annual row and 4 quarters each (20 rows per unit)."""
    rows: List[Tuple[Any, ...]] = []
    for u in range(units):
        for k in range(4):
            code = f"U{u}-IKU-{k}"
            rows.append((f"Kab {u % 7}/OPD {u}", code, f"Indikator {k}", "%",
                         ("positive", "negative")[k % 2], "last", 1.0 + k, "2024", 90.0, None))
            for q in range(1, 5):
                rows.append((f"Kab {u % 7}/OPD {u}", code, None, None, None, None, None,
                             f"2024-Q{q}", 90.0, float((u * 7 + k * 3 + q) % 100)))
    return pd.DataFrame(rows, columns=["unit", "indicator", "name", "satuan", "polarity",
                                       "accumulation", "weight", "period", "target",
                                       "realisation"])


def test_large_frame_round_trips_through_the_csv(tmp_path: pathlib.Path) -> None:
    pd = pytest.importorskip("pandas")
    df = _national_like_frame(1000, pd)  # 20,000 rows, 4,000 indicators, 7 + 1,000 units
    path = tmp_path / "big.csv"
    df.to_csv(path, index=False)
    with sopkit.IndicatorSet.from_dataframe(df) as got, sopkit.IndicatorSet.load(path) as want:
        assert got.counts == want.counts == (4000, 1007, 20000)
        with got.evaluate(period="2024-Q2") as a, want.evaluate(period="2024-Q2") as b:
            assert a.to_json() == b.to_json()


def test_columns_without_pandas_encode_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    with sopkit.IndicatorSet.from_dataframe(df) as s, s.evaluate() as ev:
        want = ev.to_json()
    lists = {("code" if c == "indicator" else c): df[c].tolist() for c in df.columns}
    monkeypatch.setattr(sopkit._arrays, "pandas", lambda: None)  # numpy's unique instead
    with sopkit.IndicatorSet.from_columns(**lists) as s, s.evaluate() as ev:
        assert ev.to_json() == want


def test_library_without_from_columns_takes_the_rows_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import sopkit.indicators as ind

    monkeypatch.setattr(ind, "has", lambda name: name != "sopkit_indicators_from_columns")
    with sopkit.IndicatorSet.from_columns(
            unit=["D/A", "D/A"], code=["K1", "K1"], period=["2024-Q1", "2024-Q2"],
            target=[100.0, 100.0], realisation=[80.0, None],
            polarity=["positive", "positive"]) as s, s.evaluate() as ev:
        assert [r.achievement for r in ev] == [pytest.approx(80.0), None]
    with pytest.raises(NotImplementedError, match="sopkit_indicators_from_columns"):
        sopkit.IndicatorSet.from_columns(unit=["D/A"], code=["K1"], period=["2024"], target=[1.0],
                                         realisation=[1.0], polarity=["positive"], budget=[1.0])


def test_from_csv_of_any_path_is_the_c_loader_naming_the_file(tmp_path: pathlib.Path) -> None:
    lines = INDICATORS_CSV.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",2024-Q2,", ",2024-Q9,")
    for suffix in (".txt", ".json"):  # a .json path is still read as CSV by from_csv
        path = tmp_path / ("data" + suffix)
        path.write_text("\n".join(lines), encoding="utf-8")
        with pytest.raises(sopkit.FormatError) as e:
            sopkit.IndicatorSet.from_csv(path)
        where = str(path) if suffix == ".txt" else "<csv>"
        assert str(e.value).startswith(where + ":4:8: "), str(e.value)
    good = tmp_path / "good.txt"
    good.write_bytes(INDICATORS_CSV.read_bytes())
    with sopkit.IndicatorSet.from_csv(good) as s:
        assert s.counts == (15, 16, 63)


@pytest.mark.parametrize("text_dtype", ["string", "category"])
def test_frame_of_pandas_text_dtypes_and_nullable_codes(text_dtype: Any) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(INDICATORS_CSV)
    for c in ("unit", "indicator", "name", "satuan", "accumulation", "period", "source"):
        df[c] = df[c].astype(text_dtype)
    codes = {"positive": sopkit.POSITIVE, "negative": sopkit.NEGATIVE, "range": sopkit.RANGE}
    df["polarity"] = df["polarity"].map(codes).astype("Int64")  # <NA> on later rows
    df["weight"] = df["weight"].astype("Int64")
    with sopkit.IndicatorSet.from_dataframe(df) as got, got.evaluate() as b, \
            sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as want, want.evaluate() as a:
        assert b.to_json() == a.to_json()


def test_evaluation_frames_keep_every_column_and_missing_values() -> None:
    pd = pytest.importorskip("pandas")
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as s, s.evaluate() as ev:
        df = ev.to_dataframe()
        result = ev.to_dict()
        units, warnings = ev.units_dataframe(), ev.warnings_dataframe()
    assert len(df) == len(result["indicators"]) == 63
    # What the CSV output has beyond the old ten columns is there.
    for c in ("name", "polarity", "target_low", "target_high", "ytd_achievement", "absorption",
              "financial_light", "physical_light", "unit_level_3"):
        assert c in df.columns
    ranged = df[df["target_low"].notna()]
    assert len(ranged) > 0 and ranged["target"].isna().all()
    # Not computable: band and predicate missing, not 0 and not a text.
    blank = df[df["achievement"].isna()]
    assert len(blank) > 0 and blank["band"].isna().all() and blank["predicate"].isna().all()
    assert str(df["band"].dtype) == "Int8" and df["band"].min() >= 1
    q1 = df[df.period == "2024-Q1"].set_index("indicator")["band"]
    q2 = df[df.period == "2024-Q2"].set_index("indicator")["band"]
    change = (q2 - q1).dropna()
    assert change.abs().max() <= 4  # a uint8 band would wrap 0 - 5 to 251
    assert df["predicate"].cat.ordered
    order = list(df["predicate"].cat.categories)
    assert order.index("Sangat Rendah") < order.index("Tinggi") < order.index("Sangat Tinggi")
    first = df.iloc[0]
    assert first["unit"] == "/".join(first[[f"unit_level_{i}" for i in (1, 2, 3)]])
    assert len(units) == len(result["units"]) and str(units["included"].dtype) == "Int64"
    assert pd.isna(units.loc[units["unit"] == result["units"][0]["unit"], "unit_level_2"]).all()
    assert len(warnings) == len(result["warnings"]) and str(warnings["warn"].dtype) == "boolean"


def test_pandas_quarter_periods_are_quarters(data: sopkit.IndicatorSet) -> None:
    pd = pytest.importorskip("pandas")
    period = str(pd.Period("2024Q2", freq="Q"))
    assert period == "2024Q2"
    with data.evaluate(period=period) as a, data.evaluate(period="2024-Q2") as b:
        assert a.to_json() == b.to_json()


def test_out_of_range_polarity_and_group_ids_are_refused_not_wrapped() -> None:
    with pytest.raises(ValueError, match="polarity: 256 is outside \\[0, 255\\]"):
        sopkit.evaluate([100.0], [90.0], np.array([256], dtype=np.int64))
    with pytest.raises(ValueError, match="polarity: -1 is outside"):
        sopkit.evaluate([100.0], [90.0], [-1])
    with pytest.raises(ValueError, match="group: 4294967296 is outside"):
        sopkit.evaluate_grouped([100.0], [90.0], [0], [1.0], np.array([2**32], dtype=np.int64), 1)


def test_overflowing_achievements_are_nan_never_infinite() -> None:
    ach, band = sopkit.evaluate([1e308, 1e-308], [1e308, 1.0], [1, 0])
    assert math.isnan(ach[0]) and math.isnan(ach[1])
    assert list(band) == [0, 0]


def test_decimal_mark_settles_a_cell_that_reads_two_ways() -> None:
    text = ("unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n"
            "D/A;K1;Pagu;Rp;positive;last;1;2024;1.200;1.100\n")
    with pytest.raises(sopkit.FormatError, match=r"<csv>:2:9: target '1.200' can be read two ways"):
        sopkit.IndicatorSet.from_csv_text(text)
    with sopkit.IndicatorSet.from_csv_text(text, decimal_mark="comma") as s, s.evaluate() as ev:
        assert ev.rows[0].target == 1200.0
    with sopkit.IndicatorSet.from_csv_text(text, decimal_mark="dot") as s, s.evaluate() as ev:
        assert ev.rows[0].target == 1.2
    with pytest.raises(ValueError, match="decimal_mark must be"):
        sopkit.IndicatorSet.from_csv_text(text, decimal_mark="koma")


def test_evaluation_frame_holds_the_json_form_column_by_column() -> None:
    """Every cell of the frame is the JSON form's value (missing where the JSON
    has null or leaves the member out), the year to date's reason included."""
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as s, s.evaluate() as ev:
        df = ev.to_dataframe()
        rows = ev.to_dict()["indicators"]
    wants = []
    for r in rows:
        want = {k: v for k, v in r.items()
                if k not in ("ytd", "target_from_parts", "realisation_from_parts")}
        for k, v in (r.get("ytd") or {}).items():
            want["ytd_reason" if k == "achievement_reason" else "ytd_" + k] = v
        want["band"] = want["band"] or None  # 0: no band, missing in the frame
        wants.append(want)
    _assert_cells(df, wants)
    for i, r in enumerate(rows):
        for level, name in enumerate(r["unit"].split("/"), start=1):
            assert df[f"unit_level_{level}"].iloc[i] == name
    assert sum(w.get("ytd_reason") is not None for w in wants) > 0


def _assert_cells(df: Any, rows: List[Dict[str, Any]], skip: Tuple[str, ...] = ()) -> None:
    """Every member of every JSON row is its frame cell; a column the JSON row
    leaves out or writes null is missing."""
    pd = pytest.importorskip("pandas")
    columns = [c for c in df.columns if not c.startswith("unit_level_") and c not in skip]
    assert len(df) == len(rows)
    for i, r in enumerate(rows):
        assert set(r) <= set(df.columns), (i, set(r) - set(df.columns))
        for c in columns:
            got = df[c].iloc[i]
            if r.get(c) is None:
                assert pd.isna(got), (i, c, got)
            else:
                assert got == r[c], (i, c, got, r[c])


def test_roll_up_and_warning_frames_hold_the_json_form_column_by_column() -> None:
    """The unit roll-ups and the early warnings, cell by cell as in the JSON
    form, with the warnings' reasons and each warning's indicator name and unit."""
    pd = pytest.importorskip("pandas")
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as s, s.evaluate() as ev:
        units, warnings = ev.units_dataframe(), ev.warnings_dataframe()
        result = ev.to_dict()
    _assert_cells(units, result["units"], skip=("band",))
    assert (units["band"].isna() == units["predicate"].isna()).all()
    assert str(units["band"].dtype) == "Int8" and units["predicate"].cat.ordered
    for i, u in enumerate(result["units"]):
        for level, name in enumerate(u["unit"].split("/"), start=1):
            assert units[f"unit_level_{level}"].iloc[i] == name
    _assert_cells(warnings, result["warnings"], skip=("name", "unit"))
    reasons = [c for c in warnings.columns if c.endswith("_reason")]
    assert len(reasons) == 3 and warnings[reasons].notna().any().any()
    owner = {r["indicator"]: (r["name"], r["unit"]) for r in result["indicators"]}
    for i, w in enumerate(result["warnings"]):
        assert (warnings["name"].iloc[i], warnings["unit"].iloc[i]) == owner[w["indicator"]]
    assert str(warnings["warn"].dtype) == "boolean" and str(warnings["year"].dtype) == "Int64"
    assert pd.api.types.is_float_dtype(warnings["annual_target"])
