// render.hpp — pictures of an SOP: the official Permendagri 52/2011 table (SVG
// and printable HTML), BPMN 2.0 XML with diagram interchange, Graphviz DOT.
//
// The table is laid out first (layout_sop_table: pages, rows, one symbol per
// step in its actor's column, orthogonal arrows, off-page connectors) and then
// drawn; the layout is public so that tests and host apps can check it without
// a browser. Text widths are estimated from per-glyph tables, not font files.
//
//   sopkit::Sop sop = sopkit::load_sop_file("examples/sop-monev-capaian-kinerja.json");
//   std::string svg = sopkit::render_sop_svg(sop);          // every page, stacked
//   std::string bpmn = sopkit::render_sop_bpmn(sop);        // opens laid out in bpmn.io
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/duration.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

struct RenderOptions {
  Language lang = Language::id;  // labels: "Kegiatan", "Ya"/"Tidak"...; en: "Activity", "Yes"/"No"
  // Page size in SVG units (1/96 inch). A4 landscape by default; a table too
  // wide for it (many actors) gets a wider page of the same proportions, which
  // prints scaled to A4.
  double page_width = 1123.0;
  double page_height = 794.0;
  // At most this many steps per page (0: as many as the page height holds).
  std::size_t max_rows_per_page = 0;
  // Prefix of every id in the output (symbols are "<prefix>step-<id>"), so that
  // several tables can live in one HTML document.
  std::string id_prefix;
};

struct Point {
  double x = 0, y = 0;
};
struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const noexcept { return x + w; }
  double bottom() const noexcept { return y + h; }
};

// A step's symbol: capsule (start/end), box (process), diamond (decision), in
// page coordinates.
struct SymbolLayout {
  std::size_t step = 0;  // index into the document's steps = its table row
  std::size_t page = 0;
  std::size_t actor = 0;  // column; an unknown actor is drawn in column 0
  StepKind kind = StepKind::process;
  Rect box;
};

// A flow drawn as an orthogonal polyline (every segment horizontal or
// vertical). A flow between pages is two arrows: source → outgoing connector
// and incoming connector → target, each on its own page, with `connector` set.
struct ArrowLayout {
  std::size_t page = 0;
  std::size_t from = 0, to = 0;  // step indices
  FlowKind kind = FlowKind::next;
  std::string label;  // "Ya"/"Tidak" or the step's yes_label/no_label; "" for next
  std::vector<Point> points;
  bool in_lane = false;   // routed through a side lane (loop-backs, skips)
  std::string connector;  // letter of the off-page connector it runs to / from
};

// Off-page connector: a pentagon with a letter, beside the table's actor area.
struct ConnectorLayout {
  std::size_t page = 0;
  std::string letter;  // "A", "B", ... "Z", "AA"
  bool outgoing = false;
  std::size_t step = 0;  // the step it leaves (outgoing) or enters (incoming)
  Rect box;
};

struct PageLayout {
  std::size_t first_row = 0, row_count = 0;
  double width = 0, height = 0;
  double header_top = 0;  // where the table header starts on this page
  double rows_top = 0;    // where the first step row starts
};

struct TableLayout {
  double width = 0;  // every page has this width
  // Column edges (x) shared by every page.
  double no_x = 0, activity_x = 0, actors_x = 0, actor_width = 0, lanes_x = 0, lane_width = 0,
         connectors_x = 0, requirements_x = 0, time_x = 0, output_x = 0, note_x = 0, right_x = 0;
  std::size_t lane_count = 0;
  double header_height = 0;    // both header rows
  double identity_height = 0;  // the identity block on page 1
  std::vector<PageLayout> pages;
  std::vector<Rect> rows;             // one per step, in its page's coordinates
  std::vector<SymbolLayout> symbols;  // one per step
  std::vector<ArrowLayout> arrows;
  std::vector<ConnectorLayout> connectors;
};

// Lays out the table. Never throws for document faults (unknown actors or
// flows): what cannot be placed is placed in column 0 or left out.
TableLayout layout_sop_table(const Sop& sop, const RenderOptions& options = {});

// One SVG document with every page stacked (a gap between pages). Symbols
// carry id "<prefix>step-<id>" (characters other than letters, digits, '-' and
// '_' become '_') and data-step="<id>".
std::string render_sop_svg(const Sop& sop, const RenderOptions& options = {});
// The same pages as one inline <svg> each, in a printable HTML page (A4
// landscape, a page break between pages, no network resources).
std::string render_sop_html(const Sop& sop, const RenderOptions& options = {});
// Just the page <svg> elements, for embedding in another HTML document.
std::string render_sop_svg_pages(const Sop& sop, const RenderOptions& options = {});

// BPMN 2.0 XML: a collaboration with one participant whose process has a lane
// per actor; process steps are tasks, decisions exclusive gateways, with a
// start event before the start step and an end event after each end step;
// sequence flows carry the branch labels; BPMNDI shapes and edges lay it out
// with horizontal lanes.
std::string render_sop_bpmn(const Sop& sop, const RenderOptions& options = {});

// Graphviz DOT: a cluster (swimlane) per actor, shapes by kind, labelled branches.
std::string render_sop_dot(const Sop& sop, const RenderOptions& options = {});

// The formats of render_sop.
enum class RenderFormat {
  svg,        // render_sop_svg: every page stacked in one SVG document
  html,       // render_sop_html: a printable HTML page
  bpmn,       // render_sop_bpmn
  dot,        // render_sop_dot
  svg_pages,  // render_sop_svg_pages: the page <svg> elements, to embed in HTML
};

// The SOP in `format`: the one entry that `sopkit render` and the C ABI share.
std::string render_sop(const Sop& sop, RenderFormat format, const RenderOptions& options = {});
// The format of its name ("svg", "html", "bpmn", "dot", "svg-pages"); nullopt
// for any other text.
std::optional<RenderFormat> render_format_named(std::string_view name);

// ---- Text helpers shared by the renderers ------------------------------------

// &, <, >, " and ' escaped; bytes that XML 1.0 forbids (control characters)
// dropped, so any input gives well-formed XML.
std::string xml_escape(std::string_view text);
// Estimated width of UTF-8 text in a sans-serif font (DejaVu Sans / Arial),
// erring wide so that wrapped text stays inside its cell.
double text_width(std::string_view text, double font_size);
// Greedy word wrap to `width`; a word wider than the width is broken between
// characters (never inside a UTF-8 sequence). Empty text gives no lines.
std::vector<std::string> wrap_text(std::string_view text, double width, double font_size);
// "step-4a" from the step id "4a" (see render_sop_svg): letters, digits and
// '-' kept, every other byte as _XX in hex ("1.1" -> "step-1_2E1", "1_1" ->
// "step-1_5F1"), so distinct steps get distinct ids.
std::string step_element_id(std::string_view step_id, std::string_view prefix = {});

}  // namespace sopkit
