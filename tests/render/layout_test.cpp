// layout_test.cpp — the SOP table's layout, checked without a browser: every
// step's symbol sits in its actor's column and row, arrows are orthogonal and
// never pass through a symbol, loop-backs run in the side lanes, long SOPs
// split into pages joined by lettered connectors, text stays in its cells.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sopkit/render.hpp"
#include "sopkit/sop_json.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

Sop seed() {
  return load_sop_file(test::seed_path());
}
Sop large() {
  return load_sop_file(test::source_path("examples/sop-large-60-steps.json"));
}

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 &&
         inner.right() <= outer.right() + 1e-9 && inner.bottom() <= outer.bottom() + 1e-9;
}

// True when the axis-parallel segment a-b passes through the interior of r.
bool crosses(Point a, Point b, const Rect& r) {
  const double e = 0.5;  // touching an edge is where an arrow starts or ends
  double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
  double y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
  return x1 > r.x + e && x0 < r.right() - e && y1 > r.y + e && y0 < r.bottom() - e;
}

void expect_symbols_in_columns(const Sop& sop, const TableLayout& t) {
  ASSERT_EQ(t.symbols.size(), sop.step_count());
  for (std::size_t i = 0; i < sop.step_count(); ++i) {
    const SymbolLayout& s = t.symbols[i];
    EXPECT_EQ(s.step, i);
    EXPECT_EQ(s.actor, sop.step_actor(i)) << "step " << sop.step(i).id;
    EXPECT_EQ(s.kind, sop.step(i).kind);
    Rect column{t.actors_x + static_cast<double>(s.actor) * t.actor_width, t.rows[i].y,
                t.actor_width, t.rows[i].h};
    EXPECT_TRUE(inside(s.box, column)) << "step " << sop.step(i).id << " leaves its cell";
    const PageLayout& p = t.pages[s.page];
    EXPECT_GE(i, p.first_row);
    EXPECT_LT(i, p.first_row + p.row_count);
  }
}

void expect_arrows_clear_of_symbols(const Sop& sop, const TableLayout& t) {
  for (const auto& a : t.arrows) {
    ASSERT_GE(a.points.size(), 2u);
    for (std::size_t k = 0; k + 1 < a.points.size(); ++k) {
      Point p = a.points[k], q = a.points[k + 1];
      EXPECT_TRUE(std::fabs(p.x - q.x) < 1e-9 || std::fabs(p.y - q.y) < 1e-9)
          << "arrow " << a.from << "->" << a.to << " has a slanted segment";
      for (const auto& s : t.symbols) {
        if (s.page != a.page || s.step == a.from || s.step == a.to) continue;
        EXPECT_FALSE(crosses(p, q, s.box))
            << "arrow " << sop.step(a.from).id << "->" << sop.step(a.to).id
            << " passes through step " << sop.step(s.step).id;
      }
      for (const auto& c : t.connectors) {
        if (c.page != a.page || c.letter == a.connector) continue;
        EXPECT_FALSE(crosses(p, q, c.box)) << "arrow passes through connector " << c.letter;
      }
    }
  }
}

TEST(RenderLayout, EveryStepHasASymbolInItsActorsColumnAndRow) {
  Sop sop = seed();
  expect_symbols_in_columns(sop, layout_sop_table(sop));
}

TEST(RenderLayout, SymbolShapesFollowTheStepKind) {
  // Seed: step 1 start, 11 decision, 13 end, the rest process.
  TableLayout t = layout_sop_table(seed());
  EXPECT_EQ(t.symbols[0].kind, StepKind::start);
  EXPECT_EQ(t.symbols[10].kind, StepKind::decision);
  EXPECT_EQ(t.symbols[12].kind, StepKind::end);
  std::string svg = render_sop_svg(seed());
  // Capsules are rounded rectangles, decisions polygons (diamonds).
  EXPECT_NE(svg.find("id=\"step-1\" data-step=\"1\" data-kind=\"start\" rx="), std::string::npos);
  EXPECT_NE(svg.find("<polygon points=\""), std::string::npos);
  EXPECT_NE(svg.find("id=\"step-11\" data-step=\"11\" data-kind=\"decision\""), std::string::npos);
}

TEST(RenderLayout, ArrowsAreOrthogonalAndNeverCrossASymbol) {
  Sop sop = seed();
  expect_arrows_clear_of_symbols(sop, layout_sop_table(sop));
}

TEST(RenderLayout, EveryFlowIsDrawn) {
  // A flow on one page is one arrow; a flow between pages two (out and in).
  for (std::size_t rows : {0, 4}) {
    Sop sop = large();
    RenderOptions o;
    o.max_rows_per_page = rows;
    TableLayout t = layout_sop_table(sop, o);
    std::map<std::pair<std::size_t, std::size_t>, int> drawn;
    for (const auto& a : t.arrows) ++drawn[{a.from, a.to}];
    for (const auto& f : sop.flows()) {
      bool same_page = t.symbols[f.from].page == t.symbols[f.to].page;
      int arrows = drawn[{f.from, f.to}];
      EXPECT_EQ(arrows, same_page ? 1 : 2) << f.from << "->" << f.to;
    }
  }
}

TEST(RenderLayout, LoopBackRunsInASideLane) {
  // Seed step 11 (decision) answers "Tidak sesuai" back to step 10.
  Sop sop = seed();
  TableLayout t = layout_sop_table(sop);
  auto it = std::find_if(t.arrows.begin(), t.arrows.end(),
                         [](const ArrowLayout& a) { return a.from == 10 && a.to == 9; });
  ASSERT_NE(it, t.arrows.end());
  EXPECT_TRUE(it->in_lane);
  EXPECT_EQ(it->label, "Tidak sesuai");
  bool vertical_in_lane = false;
  for (std::size_t k = 0; k + 1 < it->points.size(); ++k) {
    Point p = it->points[k], q = it->points[k + 1];
    if (std::fabs(p.x - q.x) < 1e-9 && std::fabs(p.y - q.y) > 1) {
      EXPECT_GE(p.x, t.lanes_x);
      EXPECT_LE(p.x, t.lanes_x + static_cast<double>(t.lane_count) * t.lane_width);
      vertical_in_lane = true;
    }
  }
  EXPECT_TRUE(vertical_in_lane);
}

TEST(RenderLayout, BranchLabelsUseTheStepsWordsElseYaTidak) {
  Sop sop = large();  // step 45: "Lengkap"/"Tidak lengkap"; step 30: no labels
  TableLayout t = layout_sop_table(sop);
  std::set<std::string> from45, from30;
  for (const auto& a : t.arrows) {
    if (a.label.empty()) continue;
    if (a.from == 44) from45.insert(a.label);
    if (a.from == 29) from30.insert(a.label);
  }
  EXPECT_EQ(from45, (std::set<std::string>{"Lengkap", "Tidak lengkap"}));
  EXPECT_EQ(from30, (std::set<std::string>{"Ya", "Tidak"}));
  RenderOptions en;
  en.lang = Language::en;
  std::set<std::string> english;
  for (const auto& a : layout_sop_table(sop, en).arrows)
    if (a.from == 29 && !a.label.empty()) english.insert(a.label);
  EXPECT_EQ(english, (std::set<std::string>{"Yes", "No"}));
}

TEST(RenderLayout, LongSopSplitsIntoPagesThatFit) {
  Sop sop = large();
  TableLayout t = layout_sop_table(sop);
  ASSERT_GT(t.pages.size(), 2u);
  std::size_t rows = 0;
  for (const auto& p : t.pages) {
    rows += p.row_count;
    for (std::size_t r = 0; r < p.row_count; ++r) {
      EXPECT_LE(t.rows[p.first_row + r].bottom(), p.height);
      EXPECT_GE(t.rows[p.first_row + r].y, p.rows_top);
    }
    // Pages keep A4 landscape proportions.
    EXPECT_NEAR(p.height / p.width, 794.0 / 1123.0, 1e-9);
  }
  EXPECT_EQ(rows, 60u);
  expect_symbols_in_columns(sop, t);
  expect_arrows_clear_of_symbols(sop, t);
}

TEST(RenderLayout, FlowsBetweenPagesMeetAtLetteredConnectors) {
  // Seed, 5 rows a page: 1-5 | 6-10 | 11-13. Flows 5->6 and 10->11 cross pages,
  // and so does the loop 11->10: three connector pairs A, B, C.
  Sop sop = seed();
  RenderOptions o;
  o.max_rows_per_page = 5;
  TableLayout t = layout_sop_table(sop, o);
  ASSERT_EQ(t.pages.size(), 3u);
  std::map<std::string, std::pair<const ConnectorLayout*, const ConnectorLayout*>> pairs;
  for (const auto& c : t.connectors)
    (c.outgoing ? pairs[c.letter].first : pairs[c.letter].second) = &c;
  ASSERT_EQ(pairs.size(), 3u);
  for (const auto& [letter, io] : pairs) {
    ASSERT_TRUE(io.first && io.second) << letter;
    EXPECT_NE(io.first->page, io.second->page);
    EXPECT_EQ(io.first->page, t.symbols[io.first->step].page);
    EXPECT_EQ(io.second->page, t.symbols[io.second->step].page);
  }
  EXPECT_EQ(pairs.begin()->first, "A");
  expect_arrows_clear_of_symbols(sop, t);
  std::string svg = render_sop_svg(sop, o);
  EXPECT_NE(svg.find("class=\"connector\" data-letter=\"C\""), std::string::npos);
}

TEST(RenderLayout, TwelveActorsWidenThePageInsteadOfOverflowing) {
  Sop sop = large();
  TableLayout t = layout_sop_table(sop);
  EXPECT_GE(t.actor_width, 72.0);
  EXPECT_LE(t.right_x, t.width - 19.9);
  EXPECT_GT(t.width, 1123.0);
  for (const auto& p : t.pages) EXPECT_EQ(p.width, t.width);
}

TEST(RenderLayout, LoopTwentyStepsBackAndToTheStartStayInLanes) {
  Sop sop = large();
  TableLayout t = layout_sop_table(sop);
  for (const auto& a : t.arrows) {
    if (a.to >= a.from || !a.connector.empty()) continue;
    EXPECT_TRUE(a.in_lane) << a.from << "->" << a.to;
  }
}

TEST(RenderTextWrap, LinesFitTheirWidth) {
  const std::string text =
      "Peraturan Menteri Dalam Negeri Republik Indonesia Nomor 86 Tahun 2017 Tentang Tata Cara "
      "Perencanaan, Pengendalian Dan Evaluasi Pembangunan Daerah";
  auto lines = wrap_text(text, 120, 9);
  ASSERT_GT(lines.size(), 3u);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(text_width(l, 9), 120.0) << l;
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, text);  // nothing lost, words kept whole
}

TEST(RenderTextWrap, AWordWiderThanTheCellIsBrokenBetweenCharacters) {
  auto lines = wrap_text("Penyelenggaraanpemerintahandaerahkabupatenbalangan", 60, 9);
  ASSERT_GT(lines.size(), 1u);
  for (const auto& l : lines) EXPECT_LE(text_width(l, 9), 60.0) << l;
}

TEST(RenderTextWrap, NeverSplitsAUtf8Sequence) {
  // "é" is two bytes, "±" two, "—" three: every line must still be valid UTF-8.
  auto lines = wrap_text("ééééééééé±±±±±———————", 20, 9);
  ASSERT_GT(lines.size(), 2u);
  for (const auto& l : lines) {
    ASSERT_FALSE(l.empty());
    unsigned char first = static_cast<unsigned char>(l[0]);
    EXPECT_FALSE(first >= 0x80 && first < 0xC0) << "line starts inside a character";
  }
}

TEST(RenderTextWrap, EightyCharacterActorNamesWrapInTheHeader) {
  Sop sop = large();
  TableLayout t = layout_sop_table(sop);
  for (const auto& a : sop.document().actors) {
    ASSERT_EQ(a.name.size(), 80u);
    auto lines = wrap_text(a.name, t.actor_width - 8, 9);
    EXPECT_GT(lines.size(), 1u);
    for (const auto& l : lines) EXPECT_LE(text_width(l, 9), t.actor_width - 8);
  }
  // The header is tall enough for the wrapped names.
  std::size_t most = 0;
  for (const auto& a : sop.document().actors)
    most = std::max(most, wrap_text(a.name, t.actor_width - 8, 9).size());
  EXPECT_GE(t.header_height, static_cast<double>(most) * 11);
}

TEST(RenderTextWrap, EmptyTextHasNoLines) {
  EXPECT_TRUE(wrap_text("  ", 100, 9).empty());
}

TEST(RenderXmlEscape, EscapesMarkupAndDropsForbiddenControls) {
  EXPECT_EQ(xml_escape("a<b>&\"c'\x01"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape("Tab\tok"), "Tab\tok");
}

TEST(RenderStepElementId, KeepsSafeCharactersOnly) {
  EXPECT_EQ(step_element_id("4a"), "step-4a");
  EXPECT_EQ(step_element_id("4-b"), "step-4-b");
  EXPECT_EQ(step_element_id("4 a/b", "p1-"), "p1-step-4_20a_2Fb");
}

TEST(RenderStepElementId, DistinctStepsGetDistinctIds) {
  const std::set<std::string> ids = {step_element_id("1.1"), step_element_id("1_1"),
                                     step_element_id("1 1"), step_element_id("1_2E1"),
                                     step_element_id("1\xC3\xA9")};
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_EQ(step_element_id("1.1"), "step-1_2E1");
  EXPECT_EQ(step_element_id("1_2E1"), "step-1_5F2E1");
}

}  // namespace
}  // namespace sopkit
