"""Pictures and reports from Python: Sop.render/to_svg/to_html/to_bpmn/to_dot,
the notebook views (_repr_html_ of Sop, Evaluation, Schedule) and
write_monev_report, all through the C ABI's render functions."""
from __future__ import annotations

import html
import json
import pathlib
import re
from typing import Iterator, List, Optional, Tuple

import pytest

import sopkit

from conftest import INDICATORS_CSV

# The band colours of the monev report, lowest band (1) to highest (5).
BAND_COLOURS = {1: "#c62828", 2: "#ef6c00", 3: "#f9a825", 4: "#7cb342", 5: "#2e7d32"}


# One indicator per band of the Permendagri 86/2017 scale (capaian 40, 60, 70,
# 85, 100 %) and one that cannot be computed (target 0).
BANDS_CSV = "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n" + \
    "".join(f"Dinas/Bidang {u},IK-{i},Indikator {i},%,positive,last,1,2024-Q2,{t},{r}\n"
            for i, (u, t, r) in enumerate([("A", 100, 40), ("A", 100, 60), ("B", 100, 70),
                                           ("B", 100, 85), ("B", 100, 100), ("C", 0, 5)]))


def every_band(scale: Optional[str]  =  None) -> sopkit.Evaluation:
    with sopkit.IndicatorSet.from_csv_text(BANDS_CSV) as data:
        return data.evaluate(scale=scale)


def band_cells(page: str) -> List[Tuple[str, str]]:
    return re.findall(r'<td class="band" style="background:(#\w+)">([^<]*)</td>', page)


@pytest.fixture(scope="module")
def q2() -> Iterator[sopkit.Evaluation]:
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as data:
        yield data.evaluate(period="2024-Q2")


def test_svg_has_one_symbol_per_step_with_its_id(seed: sopkit.Sop) -> None:
    svg = seed.to_svg()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert re.findall(r'data-step="([^"]*)"', svg) == [s.id for s in seed.steps]
    assert "Kegiatan" in svg and "Mutu Baku" in svg


def test_each_format_is_what_render_gives(seed: sopkit.Sop) -> None:
    assert seed.to_html() == seed.render("html")
    assert seed.to_bpmn() == seed.render("bpmn")
    assert seed.to_dot() == seed.render("dot")


def test_html_is_a_printable_page_of_the_table(seed: sopkit.Sop) -> None:
    page = seed.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r'data-step="', page)) == len(seed)


def test_bpmn_has_a_lane_per_actor_and_a_gateway_per_decision(seed: sopkit.Sop) -> None:
    bpmn = seed.to_bpmn()
    decisions = [s for s in seed.steps if s.kind is sopkit.StepKind.DECISION]
    assert len(re.findall(r"<bpmn:lane ", bpmn)) == seed.actor_count
    assert len(re.findall(r"<bpmn:exclusiveGateway ", bpmn)) == len(decisions)


def test_dot_has_a_cluster_per_actor_and_every_activity(seed: sopkit.Sop) -> None:
    dot = seed.to_dot()
    assert dot.startswith("digraph")
    assert len(re.findall(r"subgraph cluster_", dot)) == seed.actor_count
    for step in seed.steps:
        assert f'id="step-{step.id}"' in dot
        assert step.activity.split()[0] in dot


def test_render_options_reach_the_picture(seed: sopkit.Sop) -> None:
    assert "Activity" in seed.to_svg(lang="en") and "Activity" not in seed.to_svg()
    assert 'id="x-step-1"' in seed.to_svg(id_prefix="x-")
    # 13 steps at two a page: seven pages.
    assert seed.render("svg-pages", rows_per_page=2).count("<svg") == 7
    assert seed.render("svg-pages").count("<svg") < 7
    wide = seed.to_svg(page_size=(2246, 1588))
    assert 'width="2246"' in wide


def test_render_refuses_bad_options(seed: sopkit.Sop) -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        seed.render("png")
    with pytest.raises(ValueError, match="lang must be 'id' or 'en'"):
        seed.to_svg(lang="fr")
    with pytest.raises(sopkit.InvalidArgumentError, match="page_width"):
        seed.to_svg(page_size=(0, 794))


def test_sop_repr_html_is_the_table_with_ids_of_its_own(seed: sopkit.Sop) -> None:
    first, second = seed._repr_html_(), seed._repr_html_()
    assert "<html" not in first and first.count("<svg") >= 1
    assert re.findall(r'data-step="([^"]*)"', first) == [s.id for s in seed.steps]
    ids_first = set(re.findall(r' id="([^"]+)"', first))
    ids_second = set(re.findall(r' id="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second


def test_evaluation_html_colours_each_predikat_by_its_band() -> None:
    ev = every_band()
    page = ev._repr_html_()
    assert page == ev.to_html()
    assert page.startswith('<div class="sopkit-evaluation">') and "<style>" in page
    assert [r.band for r in ev.rows] == [1, 2, 3, 4, 5, 0]
    assert band_cells(page) == [(BAND_COLOURS[r.band], r.predicate) for r in ev.rows if r.band]
    assert [r.predicate for r in ev.rows[:5]] == ["Sangat Rendah", "Rendah", "Sedang", "Tinggi",
                                                  "Sangat Tinggi"]
    for row in ev.rows:
        assert f"<td>{row.indicator}</td><td>Indikator" in page
    assert page.count('<td class="nc">–</td>') == 1
    assert '<td class="nc">target_zero</td>' in page
    assert [h for h in re.findall(r"<h3>([^<]*)</h3>", page)] == [
        "Dinas/Bidang A", "Dinas/Bidang B", "Dinas/Bidang C"]


def test_evaluation_html_colours_a_three_band_scale_red_yellow_green() -> None:
    ev = every_band("traffic-light")
    colours = {r.band: c for r, (c, _) in zip([r for r in ev.rows if r.band],
                                              band_cells(ev.to_html()))}
    assert colours == {1: "#c62828", 2: "#f9a825", 3: "#2e7d32"}


def test_evaluation_html_greys_a_period_before_the_scale_instead_of_failing() -> None:
    csv = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
           "Dinas,K1,x,%,positive,last,1,2020,100,92\n"
           "Dinas,K1,,,,,,2024,100,92\n")
    with sopkit.IndicatorSet.from_csv_text(csv) as data:
        with pytest.warns(UserWarning):
            ev = data.evaluate(scale="sakip-88-2021")
    page = ev.to_html()
    assert [r.band for r in ev.rows] == [0, 7]  # sakip: AA is the 7th band, the highest
    assert band_cells(page) == [("#9e9e9e", ""), (BAND_COLOURS[5], ev.rows[1].predicate)]


def test_evaluation_html_of_the_seed_data(q2: sopkit.Evaluation) -> None:
    page = q2.to_html()
    computable = [r for r in q2.rows if r.band]
    cells = band_cells(page)
    assert len(cells) == len(computable)
    for row in computable:
        assert (BAND_COLOURS[row.band], html.escape(row.predicate, quote=False)) in cells


def test_evaluation_html_is_the_monev_reports_table(q2: sopkit.Evaluation, seed: sopkit.Sop,
                                                    tmp_path: pathlib.Path) -> None:
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as data:
        sopkit.write_monev_report(seed, data, tmp_path / "m", period="2024-Q2")
    report = (tmp_path / "m" / "report.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>.*?</tr>", q2.to_html())
    assert rows and all(r in report for r in rows)


def test_evaluation_html_over_several_periods_heads_each_table_with_its_period() -> None:
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as data:
        every = data.evaluate()
    page = every.to_html(lang="en")
    periods = {r.period for r in every.rows}
    assert len(periods) > 1
    assert "Quarter 2, 2024" in page and "Rating" in page and "Predikat" not in page


def test_schedule_repr_html_is_a_gantt_with_one_bar_per_step(seed: sopkit.Sop,
                                                             cal2024: sopkit.Calendar) -> None:
    plan = seed.schedule("2024-04-05T08:00", cal2024)
    svg = plan._repr_html_()
    assert svg.startswith("<svg") and svg == plan.to_svg()
    bars = re.findall(r'<g class="task" data-step="([^"]*)">', svg)
    assert bars == [p.id for p in plan.steps]
    assert 'data-date="2024-04-10"' in svg  # Idul Fitri falls inside the run
    assert "Due " in plan.to_svg(lang="en")


def test_write_monev_report_writes_the_folder(seed: sopkit.Sop, tmp_path: pathlib.Path) -> None:
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as data:
        out = sopkit.write_monev_report(seed, data, tmp_path / "q2", period="2024-Q2",
                                        lang="en", start="2024-07-02T08:00")
        assert out == tmp_path / "q2"
        assert sorted(p.name for p in out.iterdir()) == ["capaian.csv", "report.html",
                                                          "report.json"]
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert report["format"] == "sopkit.monev/1" and report["lang"] == "en"
        assert report["schedule"]["start"] == "2024-07-02T08:00"
        assert (out / "capaian.csv").read_bytes().decode("utf-8") == data.evaluate(
            period="2024-Q2").to_csv()
        # An existing report is replaced, with the given calendar.
        with sopkit.Calendar.indonesia(2024, 2025) as cal:
            sopkit.write_monev_report(seed, data, out, period="2024-Q2", calendar=cal, cap=100)
        assert json.loads((out / "report.json").read_text(encoding="utf-8"))["lang"] == "id"


def test_write_monev_report_refuses_and_leaves_the_folder_alone(seed: sopkit.Sop,
                                                                tmp_path: pathlib.Path) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    with sopkit.IndicatorSet.from_csv(INDICATORS_CSV) as data:
        with pytest.raises(sopkit.SopkitIOError, match="mine"):
            sopkit.write_monev_report(seed, data, keep, period="2024-Q2")
        assert [p.name for p in keep.iterdir()] == ["notes.txt"]
        with pytest.raises(sopkit.InvalidArgumentError):
            sopkit.write_monev_report(seed, data, tmp_path / "x", period="2024-Q9")
        with pytest.raises(sopkit.InvalidArgumentError):
            sopkit.write_monev_report(seed, data, tmp_path / "x", period="2023-Q2")
        with pytest.raises(TypeError, match="indicators must be a sopkit.IndicatorSet"):
            sopkit.write_monev_report(seed, seed, tmp_path / "x",  # type: ignore[arg-type]  # on purpose
                                      period="2024-Q2")
        with pytest.raises(ValueError, match="lang"):
            sopkit.write_monev_report(seed, data, tmp_path / "x", period="2024-Q2", lang="jv")
    assert not (tmp_path / "x").exists()
