// formats_test.cpp — the SVG, HTML, BPMN and DOT texts: well-formed, escaped,
// one symbol or node per step, lanes per actor.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "render/xml_check.hpp"
#include "sopkit/render.hpp"
#include "sopkit/sop_json.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

std::vector<std::string> example_paths() {
  return {test::seed_path(), test::source_path("examples/sop-large-60-steps.json")};
}

// A document whose every text is hostile to markup.
Sop hostile() {
  SopDocument d;
  d.number = "1/<SOP>";
  d.title = "Uji \"kutip\" & <tag> 'apostrof'";
  d.organization.government = "Pemerintah <Kab> & Kota";
  d.legal_basis = {"UU <23> & PP"};
  d.actors = {{"a", "Kasi <Umum> & \"Kepegawaian\"", {}}, {"b", "Sekretaris", {}}};
  Step s1;
  s1.id = "1";
  s1.activity = "Terima <berkas> & periksa";
  s1.actor = "a";
  s1.kind = StepKind::start;
  s1.next = {"2"};
  s1.requirements = {"Form <A>"};
  Step s2;
  s2.id = "2";
  s2.activity = "Lengkap?";
  s2.actor = "b";
  s2.kind = StepKind::decision;
  s2.yes = "3";
  s2.no = "1";
  s2.yes_label = "<ya>";
  s2.no_label = "\"tidak\" & kembali";
  Step s3;
  s3.id = "3";
  s3.activity = "Selesai & arsip";
  s3.actor = "a";
  s3.kind = StepKind::end;
  d.steps = {s1, s2, s3};
  return Sop(d);
}

TEST(RenderSvg, IsWellFormedForEveryExample) {
  for (const auto& path : example_paths()) {
    std::string svg = render_sop_svg(load_sop_file(path));
    EXPECT_EQ(test::xml_problem(svg), "") << path;
  }
}

TEST(RenderSvg, HasOneSymbolElementPerStep) {
  Sop sop = load_sop_file(test::source_path("examples/sop-large-60-steps.json"));
  std::string svg = render_sop_svg(sop);
  for (std::size_t i = 0; i < sop.step_count(); ++i)
    EXPECT_EQ(count(svg, "id=\"" + step_element_id(sop.step(i).id) + "\""), 1u) << i;
}

TEST(RenderSvg, EscapesEveryText) {
  std::string svg = render_sop_svg(hostile());
  EXPECT_EQ(test::xml_problem(svg), "");
  EXPECT_NE(svg.find("Terima &lt;berkas&gt; &amp; periksa"), std::string::npos);
  EXPECT_NE(svg.find("&quot;tidak&quot; &amp; kembali"), std::string::npos);
  EXPECT_EQ(svg.find("<berkas>"), std::string::npos);
}

TEST(RenderSvg, IdentityBlockCarriesTheSeedsHeaderCells) {
  std::string svg = render_sop_svg(load_sop_file(test::seed_path()));
  for (const char* cell : {"Nomor SOP",      "Tanggal Pembuatan",
                           "Tanggal Revisi", "Tanggal Efektif",
                           "Disahkan oleh",  "Judul SOP",
                           "Dasar Hukum",    "Kualifikasi Pelaksana",
                           "Keterkaitan",    "Peralatan/Perlengkapan",
                           "Peringatan",     "Pencatatan dan Pendataan",
                           "Kegiatan",       "Pelaksana",
                           "Mutu Baku",      "Kelengkapan",
                           "Waktu",          "Output",
                           "Keterangan",     "002/SOP/Disdikbud-BLG/2023"})
    EXPECT_NE(svg.find(std::string(">") + cell), std::string::npos) << cell;
}

TEST(RenderHtml, IsSelfContainedWithOneSvgPerPage) {
  Sop sop = load_sop_file(test::source_path("examples/sop-large-60-steps.json"));
  std::string html = render_sop_html(sop);
  TableLayout t = layout_sop_table(sop);
  EXPECT_EQ(count(html, "<svg "), t.pages.size());
  EXPECT_EQ(html.find("http://", html.find("<body")), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4 landscape"), std::string::npos);
}

TEST(RenderBpmn, IsWellFormedWithLanesTasksGatewaysAndEvents) {
  Sop sop = load_sop_file(test::seed_path());
  std::string x = render_sop_bpmn(sop);
  EXPECT_EQ(test::xml_problem(x), "");
  EXPECT_EQ(count(x, "<bpmn:lane "), 5u);              // one per actor
  EXPECT_EQ(count(x, "<bpmn:task "), 12u);             // steps 1-10, 12, 13
  EXPECT_EQ(count(x, "<bpmn:exclusiveGateway "), 1u);  // step 11
  EXPECT_EQ(count(x, "<bpmn:startEvent "), 1u);
  EXPECT_EQ(count(x, "<bpmn:endEvent "), 1u);
  // 13 flows of the document + start event -> step 1 + step 13 -> end event.
  EXPECT_EQ(count(x, "<bpmn:sequenceFlow "), 15u);
  EXPECT_EQ(count(x, "<bpmndi:BPMNEdge "), 15u);
  EXPECT_EQ(count(x, "<bpmndi:BPMNShape "), 1u + 5u + 13u + 2u);
  EXPECT_NE(x.find("name=\"Tidak sesuai\""), std::string::npos);
  EXPECT_NE(x.find("name=\"Sesuai\""), std::string::npos);
}

TEST(RenderBpmn, EveryReferenceResolves) {
  for (const auto& path : example_paths()) {
    std::string x = render_sop_bpmn(load_sop_file(path));
    std::set<std::string> ids;
    std::regex id_re(" id=\"([^\"]+)\"");
    for (std::sregex_iterator it(x.begin(), x.end(), id_re), end; it != end; ++it)
      EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
    std::regex ref_re(
        "(?:sourceRef|targetRef|bpmnElement|processRef)=\"([^\"]+)\"|"
        "<bpmn:(?:incoming|outgoing|flowNodeRef)>([^<]+)<");
    for (std::sregex_iterator it(x.begin(), x.end(), ref_re), end; it != end; ++it) {
      std::string ref = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      EXPECT_TRUE(ids.count(ref)) << path << ": dangling reference " << ref;
    }
  }
}

TEST(RenderBpmn, EscapesEveryText) {
  std::string x = render_sop_bpmn(hostile());
  EXPECT_EQ(test::xml_problem(x), "");
  EXPECT_NE(x.find("name=\"&lt;ya&gt;\""), std::string::npos);
}

TEST(RenderDot, HasAClusterPerActorAndANodePerStep) {
  Sop sop = load_sop_file(test::seed_path());
  std::string d = render_sop_dot(sop);
  EXPECT_EQ(count(d, "subgraph cluster_"), 5u);
  for (std::size_t i = 1; i <= 13; ++i)
    EXPECT_EQ(count(d, "\n    \"s" + std::to_string(i) + "\" [label="), 1u) << i;
  EXPECT_NE(d.find("shape=diamond"), std::string::npos);
  EXPECT_NE(d.find("\"s11\" -> \"s10\" [label=\"Tidak sesuai\", constraint=false]"),
            std::string::npos);
}

TEST(RenderDot, EscapesQuotesAndBackslashes) {
  std::string d = render_sop_dot(hostile());
  EXPECT_NE(d.find("\\\"tidak\\\" & kembali"), std::string::npos);
  EXPECT_EQ(d.find("\"\"tidak"), std::string::npos);
}

}  // namespace
}  // namespace sopkit
