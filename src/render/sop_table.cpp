// sop_table.cpp — the official SOP table (Permendagri 52/2011): layout into
// pages, then SVG and printable HTML.
//
// One row per step, in document order. Flows to the next row go straight down
// (or along the row boundary to another column); every other flow on a page
// (loop-backs, forward skips) leaves the symbol to the right and runs in a side
// lane beside the actor columns, so it never passes through a symbol; a flow
// between pages ends at a lettered off-page connector.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "render/detail/svg_canvas.hpp"
#include "sopkit/render.hpp"

namespace sopkit {

namespace {

using detail::num;
using detail::SvgCanvas;

constexpr double kMargin = 20;
constexpr double kFont = 9;
constexpr double kLeading = 11;
constexpr double kPad = 4;
constexpr double kMinRow = 48;
constexpr double kSymbolHeight = 24;
constexpr double kCaption = 20;
constexpr double kSignature = 84;
constexpr double kConnectorWidth = 30;
constexpr double kLaneWidth = 10;
constexpr double kPageGap = 24;
// The fixed columns' widths, left to right around the actor columns.
constexpr double kNoWidth = 26, kActivityWidth = 190, kRequirementsWidth = 130, kTimeWidth = 64,
                 kOutputWidth = 110, kNoteWidth = 84;
constexpr double kMinActorWidth = 72;

struct Labels {
  const char *number, *created, *revised, *effective, *approved_by, *title, *legal_basis,
      *qualifications, *related, *equipment, *warnings, *records, *no, *activity, *actors,
      *standard, *requirements, *time, *output, *note, *start, *end, *yes, *no_branch, *page,
      *continued, *sop_heading, *nip;
};

const Labels kIndonesian{"Nomor SOP",
                         "Tanggal Pembuatan",
                         "Tanggal Revisi",
                         "Tanggal Efektif",
                         "Disahkan oleh",
                         "Judul SOP",
                         "Dasar Hukum",
                         "Kualifikasi Pelaksana",
                         "Keterkaitan",
                         "Peralatan/Perlengkapan",
                         "Peringatan",
                         "Pencatatan dan Pendataan",
                         "No",
                         "Kegiatan",
                         "Pelaksana",
                         "Mutu Baku",
                         "Kelengkapan",
                         "Waktu",
                         "Output",
                         "Keterangan",
                         "Mulai",
                         "Selesai",
                         "Ya",
                         "Tidak",
                         "halaman",
                         "lanjutan",
                         "STANDAR OPERASIONAL PROSEDUR",
                         "NIP."};
const Labels kEnglish{"SOP number",
                      "Date created",
                      "Date revised",
                      "Effective date",
                      "Approved by",
                      "SOP title",
                      "Legal basis",
                      "Qualifications",
                      "Related SOPs",
                      "Equipment",
                      "Warnings",
                      "Records",
                      "No",
                      "Activity",
                      "Actors",
                      "Quality standard",
                      "Requirements",
                      "Time",
                      "Output",
                      "Notes",
                      "Start",
                      "End",
                      "Yes",
                      "No",
                      "page",
                      "continued",
                      "STANDARD OPERATING PROCEDURE",
                      "NIP"};

const Labels& labels(Language lang) {
  return lang == Language::en ? kEnglish : kIndonesian;
}

std::string or_dash(const std::optional<std::string>& s) {
  return s && !s->empty() ? *s : "-";
}

std::string letters(std::size_t n) {
  std::string s;
  ++n;
  while (n) {
    --n;
    s.insert(s.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  }
  return s;
}

// Lines of a list cell: items numbered when there are several.
std::vector<std::string> list_lines(const std::vector<std::string>& items, double width) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item = items.size() > 1 ? std::to_string(i + 1) + ". " + items[i] : items[i];
    for (auto& l : wrap_text(item, width, kFont)) out.push_back(std::move(l));
  }
  if (out.empty()) out.push_back("-");
  return out;
}

double lines_height(std::size_t n) {
  return static_cast<double>(n) * kLeading + 2 * kPad;
}

// The identity block (page 1): title box beside the key cells, then the six
// list cells in pairs. Draws into `c` when given; returns its height.
double identity_block(const SopDocument& doc, const Labels& L, double x, double y, double w,
                      SvgCanvas* c) {
  const double half = w / 2;
  const double left_w = w * 0.4, key_w = w * 0.18, val_w = w - left_w - key_w;
  // Title box.
  std::vector<std::string> title_lines;
  auto add = [&](const std::string& s) {
    for (auto& l : wrap_text(s, left_w - 2 * kPad, 11)) title_lines.push_back(l);
  };
  if (doc.organization.government) add(*doc.organization.government);
  add(L.sop_heading);
  add(doc.title);
  if (doc.organization.agency) add(*doc.organization.agency);
  if (doc.organization.unit) add(*doc.organization.unit);
  double title_h = static_cast<double>(title_lines.size()) * 14 + 2 * kPad;

  std::string revised = "-";
  if (!doc.dates.revised.empty()) {
    revised.clear();
    for (const auto& r : doc.dates.revised) revised += (revised.empty() ? "" : ", ") + r.date;
  }
  std::string approver = or_dash(doc.approval.position);
  const std::vector<std::pair<const char*, std::string>> keys{
      {L.number, doc.number.empty() ? "-" : doc.number},
      {L.created, or_dash(doc.dates.created)},
      {L.revised, revised},
      {L.effective, or_dash(doc.dates.effective)},
      {L.approved_by, approver},
      {L.title, doc.title}};
  std::vector<std::vector<std::string>> key_lines, val_lines;
  double keys_h = 0;
  for (const auto& [k, v] : keys) {
    key_lines.push_back(wrap_text(k, key_w - 2 * kPad, kFont));
    val_lines.push_back(wrap_text(v, val_w - 2 * kPad, kFont));
    keys_h += lines_height(std::max(key_lines.back().size(), val_lines.back().size()));
  }
  double top_h = std::max(title_h, keys_h);
  if (c) {
    c->rect(x, y, w, top_h, "fill:none;stroke:#000");
    c->line(x + left_w, y, x + left_w, y + top_h);
    c->line(x + left_w + key_w, y, x + left_w + key_w, y + top_h);
    double ty = y + (top_h - title_h) / 2 + kPad;
    for (std::size_t i = 0; i < title_lines.size(); ++i)
      c->text(x + left_w / 2, ty + 11 + 14 * static_cast<double>(i), title_lines[i], 11, "middle",
              true);
    double ky = y;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      double h = lines_height(std::max(key_lines[i].size(), val_lines[i].size()));
      if (i == keys.size() - 1) h = y + top_h - ky;  // the last row takes what is left
      c->lines(x + left_w + kPad, ky + kPad, key_lines[i], kFont, kLeading);
      c->lines(x + left_w + key_w + kPad, ky + kPad, val_lines[i], kFont, kLeading);
      if (i + 1 < keys.size()) c->line(x + left_w, ky + h, x + w, ky + h);
      ky += h;
    }
  }
  double yy = y + top_h;
  const std::vector<std::pair<const char*, const std::vector<std::string>*>> cells{
      {L.legal_basis, &doc.legal_basis}, {L.qualifications, &doc.qualifications},
      {L.related, &doc.related_sops},    {L.equipment, &doc.equipment},
      {L.warnings, &doc.warnings},       {L.records, &doc.records}};
  for (std::size_t pair = 0; pair < 3; ++pair) {
    const auto& a = cells[2 * pair];
    const auto& b = cells[2 * pair + 1];
    auto la = list_lines(*a.second, half - 2 * kPad);
    auto lb = list_lines(*b.second, half - 2 * kPad);
    double head_h = lines_height(1), body_h = lines_height(std::max(la.size(), lb.size()));
    if (c) {
      c->rect(x, yy, w, head_h, "fill:#eef2f7;stroke:#000");
      c->rect(x, yy + head_h, w, body_h, "fill:none;stroke:#000");
      c->line(x + half, yy, x + half, yy + head_h + body_h);
      c->text(x + kPad, yy + kPad + kFont, a.first, kFont, "start", true);
      c->text(x + half + kPad, yy + kPad + kFont, b.first, kFont, "start", true);
      c->lines(x + kPad, yy + head_h + kPad, la, kFont, kLeading);
      c->lines(x + half + kPad, yy + head_h + kPad, lb, kFont, kLeading);
    }
    yy += head_h + body_h;
  }
  return yy - y;
}

// What a row's text cells hold, wrapped to their columns.
struct RowText {
  std::vector<std::string> no, activity, requirements, time, output, note;
};

RowText row_text(const Step& s, std::size_t index, const TableLayout& t) {
  RowText r;
  r.no = {std::to_string(index + 1)};
  r.activity = wrap_text(s.activity, t.actors_x - t.activity_x - 2 * kPad, kFont);
  for (std::size_t i = 0; i < s.requirements.size(); ++i) {
    std::string item = s.requirements.size() > 1 ? "- " + s.requirements[i] : s.requirements[i];
    for (auto& l : wrap_text(item, t.time_x - t.requirements_x - 2 * kPad, kFont))
      r.requirements.push_back(l);
  }
  r.time = wrap_text(s.time_text, t.output_x - t.time_x - 2 * kPad, kFont);
  r.output = wrap_text(s.output, t.note_x - t.output_x - 2 * kPad, kFont);
  r.note = wrap_text(s.note, t.right_x - t.note_x - 2 * kPad, kFont);
  return r;
}

// x of the symbol's right edge at height y (capsule, box or diamond).
double right_edge_at(const SymbolLayout& s, double y) {
  const Rect& b = s.box;
  double cx = b.x + b.w / 2, cy = b.y + b.h / 2, dy = std::fabs(y - cy);
  switch (s.kind) {
    case StepKind::decision:
      return cx + b.w / 2 * std::max(0.0, 1 - dy / (b.h / 2));
    case StepKind::start:
    case StepKind::end: {
      double r = b.h / 2;
      return b.right() - r + std::sqrt(std::max(0.0, r * r - dy * dy));
    }
    case StepKind::process:
      break;
  }
  return b.right();
}

std::string branch_label(const Step& s, FlowKind kind, const Labels& L) {
  if (kind == FlowKind::yes) return s.yes_label.empty() ? L.yes : s.yes_label;
  if (kind == FlowKind::no) return s.no_label.empty() ? L.no_branch : s.no_label;
  return {};
}

// Side lanes: an upper bound from laying every non-adjacent flow on one page.
std::size_t side_lane_bound(const std::vector<Flow>& flows) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& f : flows)
    if (f.to != f.from + 1) spans.emplace_back(std::min(f.from, f.to), std::max(f.from, f.to));
  std::sort(spans.begin(), spans.end());
  std::vector<std::size_t> lane_end;
  for (const auto& [a, b] : spans) {
    auto it =
        std::find_if(lane_end.begin(), lane_end.end(), [lo = a](std::size_t e) { return e < lo; });
    if (it == lane_end.end())
      lane_end.push_back(b);
    else
      *it = b;
  }
  return lane_end.size();
}

// Column positions. Actor columns share what the fixed columns leave, at
// least kMinActorWidth each; a table wider than the page widens the page.
void place_columns(TableLayout& t, std::size_t n_actors, const RenderOptions& options) {
  const double fixed =
      kNoWidth + kActivityWidth + kRequirementsWidth + kTimeWidth + kOutputWidth + kNoteWidth;
  t.lane_width = kLaneWidth;
  const double side = static_cast<double>(t.lane_count) * kLaneWidth + kConnectorWidth;
  const double actor_area = std::max(options.page_width - 2 * kMargin - fixed - side,
                                     kMinActorWidth * static_cast<double>(n_actors));
  t.actor_width = actor_area / static_cast<double>(n_actors);
  t.width = 2 * kMargin + fixed + side + actor_area;
  t.no_x = kMargin;
  t.activity_x = t.no_x + kNoWidth;
  t.actors_x = t.activity_x + kActivityWidth;
  t.lanes_x = t.actors_x + actor_area;
  t.connectors_x = t.lanes_x + static_cast<double>(t.lane_count) * kLaneWidth;
  t.requirements_x = t.connectors_x + kConnectorWidth;
  t.time_x = t.requirements_x + kRequirementsWidth;
  t.output_x = t.time_x + kTimeWidth;
  t.note_x = t.output_x + kOutputWidth;
  t.right_x = t.note_x + kNoteWidth;
}

// Each row's height from its wrapped text.
std::vector<double> row_heights(const SopDocument& doc, const TableLayout& t) {
  std::vector<double> heights(doc.steps.size());
  for (std::size_t i = 0; i < doc.steps.size(); ++i) {
    RowText r = row_text(doc.steps[i], i, t);
    std::size_t n = std::max(
        {r.activity.size(), r.requirements.size(), r.time.size(), r.output.size(), r.note.size()});
    heights[i] = std::max(kMinRow, lines_height(n));
  }
  return heights;
}

// Pages, greedily: the identity block on page 1, the signature on the last.
// Returns each row's page.
std::vector<std::size_t> paginate(TableLayout& t, const std::vector<double>& heights,
                                  const RenderOptions& options, double page_height) {
  const std::size_t n_steps = heights.size();
  auto new_page = [&](std::size_t first_row) {
    PageLayout p;
    p.first_row = first_row;
    p.width = t.width;
    double top = kMargin;
    if (t.pages.empty()) top += t.identity_height + 8;
    p.header_top = top + kCaption;
    p.rows_top = p.header_top + t.header_height;
    p.height = p.rows_top;
    t.pages.push_back(p);
  };
  new_page(0);
  t.rows.resize(n_steps);
  for (std::size_t i = 0; i < n_steps; ++i) {
    PageLayout* p = &t.pages.back();
    bool full = options.max_rows_per_page && p->row_count >= options.max_rows_per_page;
    if (p->row_count > 0 && (full || p->height + heights[i] > page_height - kMargin)) {
      new_page(i);
      p = &t.pages.back();
    } else if (p->row_count == 0 && p->height + heights[i] > page_height - kMargin &&
               t.pages.size() == 1 && t.identity_height > 0) {
      // The identity block left no room: the table starts on page 2.
      new_page(i);
      p = &t.pages.back();
    }
    t.rows[i] = Rect{t.no_x, p->height, t.right_x - t.no_x, heights[i]};
    p->height += heights[i];
    ++p->row_count;
  }
  if (t.pages.back().height + kSignature > page_height - kMargin && t.pages.back().row_count > 0) {
    // The signature does not fit under the last row: it goes on a page of its own.
    new_page(n_steps);
  }
  // Pages keep the paper's proportions unless a single row outgrows them.
  for (std::size_t pi = 0; pi < t.pages.size(); ++pi) {
    double content = t.pages[pi].height + kMargin + (pi + 1 == t.pages.size() ? kSignature : 0);
    t.pages[pi].height = std::max(content, page_height);
  }
  std::vector<std::size_t> page_of(n_steps);
  for (std::size_t pi = 0; pi < t.pages.size(); ++pi)
    for (std::size_t r = 0; r < t.pages[pi].row_count; ++r) page_of[t.pages[pi].first_row + r] = pi;
  return page_of;
}

// Each step's symbol, centred in its actor's column and its row.
void place_symbols(TableLayout& t, const Sop& sop, const std::vector<std::size_t>& page_of) {
  const SopDocument& doc = sop.document();
  for (std::size_t i = 0; i < doc.steps.size(); ++i) {
    SymbolLayout s;
    s.step = i;
    s.page = page_of[i];
    std::uint32_t a = sop.step_actor(i);
    s.actor = a == kNoIndex ? 0 : a;
    s.kind = doc.steps[i].kind;
    double cx = t.actors_x + (static_cast<double>(s.actor) + 0.5) * t.actor_width;
    double cy = t.rows[i].y + t.rows[i].h / 2;
    double w = std::min(t.actor_width - 16, s.kind == StepKind::decision ? 44.0 : 64.0);
    double h = s.kind == StepKind::decision ? 28 : kSymbolHeight;
    s.box = Rect{cx - w / 2, cy - h / 2, w, h};
    t.symbols.push_back(s);
  }
}

// The arrows of the flows. Flows to the next row on the same page take the
// bottom port first; the others leave by the right port, or the bottom when
// that is taken, and run in a side lane, or through a pair of lettered
// connectors when they cross pages.
class ArrowRouter {
 public:
  ArrowRouter(TableLayout& t, const Sop& sop, const Labels& labels,
              const std::vector<std::size_t>& page_of)
      : t_(t),
        sop_(sop),
        labels_(labels),
        page_of_(page_of),
        bottom_used_(page_of.size(), 0),
        right_used_(page_of.size(), 0) {}

  void route() {
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& f : sop_.flows())
        if (is_down(f) == (pass == 0)) route(f, pass == 0);
    assign_lanes();
  }

 private:
  bool is_down(const Flow& f) const {
    return f.to == f.from + 1 && page_of_[f.from] == page_of_[f.to];
  }

  void route(const Flow& f, bool down) {
    const SymbolLayout& s = t_.symbols[f.from];
    const SymbolLayout& d = t_.symbols[f.to];
    const double scx = s.box.x + s.box.w / 2, scy = s.box.y + s.box.h / 2;
    const double tcx = d.box.x + d.box.w / 2, tcy = d.box.y + d.box.h / 2;
    // Horizontal runs between rows go just above the row line, not on it.
    const double gap_y = t_.rows[f.from].bottom() - 6;
    ArrowLayout a;
    a.page = s.page;
    a.from = f.from;
    a.to = f.to;
    a.kind = f.kind;
    a.label = branch_label(sop_.document().steps[f.from], f.kind, labels_);
    if (down && !bottom_used_[f.from]) {
      bottom_used_[f.from] = 1;
      a.points.push_back({scx, s.box.bottom()});
      if (std::fabs(scx - tcx) > 0.01) {
        a.points.push_back({scx, gap_y});
        a.points.push_back({tcx, gap_y});
      }
      a.points.push_back({tcx, d.box.y});
      t_.arrows.push_back(std::move(a));
      return;
    }
    // Leave the source: right port at a quarter height above the centre, or
    // the bottom port and along the row boundary.
    double exit_y;
    if (!right_used_[f.from]) {
      right_used_[f.from] = 1;
      exit_y = scy - s.box.h / 4;
      a.points.push_back({right_edge_at(s, exit_y), exit_y});
    } else {
      bottom_used_[f.from] = 1;
      exit_y = gap_y;
      a.points.push_back({scx, s.box.bottom()});
      a.points.push_back({scx, gap_y});
    }
    const double entry_y = tcy + d.box.h / 4;
    if (page_of_[f.from] != page_of_[f.to])
      return through_connectors(std::move(a), exit_y, entry_y);
    a.points.push_back({0, exit_y});  // lane x, set when lanes are assigned
    a.points.push_back({0, entry_y});
    a.points.push_back({right_edge_at(d, entry_y), entry_y});
    a.in_lane = true;
    lane_arrows_.push_back(std::move(a));
  }

  // Off the source's page through a lettered connector, and from the same
  // letter on the target's page to the target, stacked when several arrive.
  void through_connectors(ArrowLayout a, double exit_y, double entry_y) {
    const SymbolLayout& s = t_.symbols[a.from];
    const SymbolLayout& d = t_.symbols[a.to];
    std::string letter = letters(connector_count_++);
    ConnectorLayout out{s.page, letter, true, a.from,
                        Rect{t_.connectors_x + 3, exit_y - 9, kConnectorWidth - 6, 18}};
    a.points.push_back({out.box.x, exit_y});
    a.connector = letter;
    t_.connectors.push_back(out);
    t_.arrows.push_back(a);
    int k = incoming_connectors_[a.to]++;
    double y = entry_y + 20.0 * k;
    ConnectorLayout in{d.page, letter, false, a.to,
                       Rect{t_.connectors_x + 3, y - 9, kConnectorWidth - 6, 18}};
    ArrowLayout b = a;
    b.page = d.page;
    b.label.clear();
    b.points = {{in.box.x, y}};
    if (k > 0) {
      double jog = d.box.right() + 8;
      b.points.push_back({jog, y});
      b.points.push_back({jog, entry_y});
    }
    b.points.push_back({right_edge_at(d, entry_y), entry_y});
    t_.connectors.push_back(in);
    t_.arrows.push_back(std::move(b));
  }

  // Lanes per page: an arrow takes the first lane free over its vertical span;
  // outer lanes for the arrows met first keep inner lanes for nested loops.
  void assign_lanes() {
    std::sort(lane_arrows_.begin(), lane_arrows_.end(),
              [](const ArrowLayout& x, const ArrowLayout& y) {
                double xa = std::min(x.points.front().y, x.points.back().y);
                double ya = std::min(y.points.front().y, y.points.back().y);
                return x.page != y.page ? x.page < y.page : xa < ya;
              });
    std::vector<double> lane_end;
    std::size_t lane_page = 0;
    for (auto& a : lane_arrows_) {
      if (a.page != lane_page) lane_end.clear(), lane_page = a.page;
      const std::size_t n = a.points.size();
      double lo = std::min(a.points[n - 3].y, a.points[n - 2].y);
      double hi = std::max(a.points[n - 3].y, a.points[n - 2].y);
      std::size_t lane = 0;
      while (lane < lane_end.size() && lane_end[lane] >= lo - 2) ++lane;
      if (lane == lane_end.size()) lane_end.push_back(hi);
      lane_end[lane] = hi;
      double x = t_.lanes_x + (static_cast<double>(lane) + 0.5) * kLaneWidth;
      a.points[n - 3].x = x;
      a.points[n - 2].x = x;
      t_.lane_count = std::max(t_.lane_count, lane_end.size());
      t_.arrows.push_back(std::move(a));
    }
  }

  TableLayout& t_;
  const Sop& sop_;
  const Labels& labels_;
  const std::vector<std::size_t>& page_of_;
  std::vector<char> bottom_used_, right_used_;
  std::vector<ArrowLayout> lane_arrows_;
  std::size_t connector_count_ = 0;
  std::map<std::size_t, int> incoming_connectors_;
};

}  // namespace

TableLayout layout_sop_table(const Sop& sop, const RenderOptions& options) {
  const SopDocument& doc = sop.document();
  const Labels& L = labels(options.lang);
  TableLayout t;
  t.lane_count = side_lane_bound(sop.flows());
  place_columns(t, std::max<std::size_t>(1, doc.actors.size()), options);
  const double page_height = options.page_height * std::max(1.0, t.width / options.page_width);
  // Header: the first row spans, the second holds actor names (wrapped).
  std::size_t name_lines = 1;
  for (const auto& a : doc.actors)
    name_lines = std::max(name_lines, wrap_text(a.name, t.actor_width - 2 * kPad, kFont).size());
  t.header_height = lines_height(1) + lines_height(name_lines);
  t.identity_height = identity_block(doc, L, kMargin, 0, t.width - 2 * kMargin, nullptr);
  const std::vector<std::size_t> page_of = paginate(t, row_heights(doc, t), options, page_height);
  place_symbols(t, sop, page_of);
  ArrowRouter(t, sop, L, page_of).route();
  return t;
}

namespace {

void draw_symbol(SvgCanvas& c, const SymbolLayout& s, const Step& step, const Labels& L,
                 const std::string& prefix) {
  const Rect& b = s.box;
  std::string attrs = "id=\"" + step_element_id(step.id, prefix) + "\" data-step=\"" +
                      xml_escape(step.id) + "\" data-kind=\"" + step_kind_name(s.kind) + "\"";
  const char* style = "fill:#fff;stroke:#000;stroke-width:1.2";
  switch (s.kind) {
    case StepKind::decision:
      c.polygon({{b.x + b.w / 2, b.y},
                 {b.right(), b.y + b.h / 2},
                 {b.x + b.w / 2, b.bottom()},
                 {b.x, b.y + b.h / 2}},
                style, attrs);
      break;
    case StepKind::start:
    case StepKind::end:
      c.rect(b.x, b.y, b.w, b.h, style, attrs + " rx=\"" + num(b.h / 2) + "\"");
      {
        std::string word = s.kind == StepKind::start ? L.start : L.end;
        if (text_width(word, 8) < b.w - 6)
          c.text(b.x + b.w / 2, b.y + b.h / 2 + 3, word, 8, "middle");
      }
      break;
    case StepKind::process:
      c.rect(b.x, b.y, b.w, b.h, style, attrs);
      break;
  }
}

void draw_page(SvgCanvas& c, const Sop& sop, const TableLayout& t, std::size_t pi,
               const RenderOptions& o) {
  const SopDocument& doc = sop.document();
  const Labels& L = labels(o.lang);
  const PageLayout& p = t.pages[pi];
  const std::string marker = o.id_prefix + "arrow-" + std::to_string(pi + 1);
  c.out += "<defs><marker id=\"" + marker +
           "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
           "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000\"/></marker></defs>\n";
  c.rect(0, 0, p.width, p.height, "fill:#fff;stroke:none");
  if (pi == 0) identity_block(doc, L, kMargin, kMargin, t.width - 2 * kMargin, &c);
  std::string caption = "SOP: " + doc.title;
  if (pi > 0) caption += " (" + std::string(L.continued) + ")";
  caption += "   — " + std::string(L.page) + " " + std::to_string(pi + 1) + "/" +
             std::to_string(t.pages.size());
  c.text(kMargin, p.header_top - 6, caption, 10, "start", true);

  // Header.
  const double h1 = lines_height(1), top = p.header_top, hb = top + t.header_height;
  const double table_bottom =
      p.row_count ? t.rows[p.first_row + p.row_count - 1].bottom() : p.rows_top;
  c.rect(t.no_x, top, t.right_x - t.no_x, t.header_height, "fill:#eef2f7;stroke:#000");
  c.text((t.no_x + t.activity_x) / 2, top + t.header_height / 2 + 3, L.no, kFont, "middle", true);
  c.text((t.activity_x + t.actors_x) / 2, top + t.header_height / 2 + 3, L.activity, kFont,
         "middle", true);
  c.text((t.actors_x + t.requirements_x) / 2, top + kPad + kFont, L.actors, kFont, "middle", true);
  c.text((t.requirements_x + t.note_x) / 2, top + kPad + kFont, L.standard, kFont, "middle", true);
  c.text((t.note_x + t.right_x) / 2, top + t.header_height / 2 + 3, L.note, kFont, "middle", true);
  c.line(t.actors_x, top + h1, t.note_x, top + h1);
  for (std::size_t a = 0; a < doc.actors.size(); ++a) {
    double x = t.actors_x + static_cast<double>(a) * t.actor_width;
    c.lines(x + t.actor_width / 2, top + h1 + kPad,
            wrap_text(doc.actors[a].name, t.actor_width - 2 * kPad, kFont), kFont, kLeading,
            "middle", true);
  }
  c.text((t.requirements_x + t.time_x) / 2, top + h1 + kPad + kFont, L.requirements, kFont,
         "middle", true);
  c.text((t.time_x + t.output_x) / 2, top + h1 + kPad + kFont, L.time, kFont, "middle", true);
  c.text((t.output_x + t.note_x) / 2, top + h1 + kPad + kFont, L.output, kFont, "middle", true);

  // Grid: column lines through header and rows; the lane and connector strip
  // belongs to the actor area and has no line of its own.
  std::vector<double> full{t.no_x, t.activity_x, t.actors_x, t.requirements_x, t.note_x, t.right_x};
  for (double x : full) c.line(x, top, x, table_bottom);
  for (double x : {t.time_x, t.output_x}) c.line(x, top + h1, x, table_bottom);
  for (std::size_t a = 1; a <= doc.actors.size(); ++a) {
    double x = t.actors_x + static_cast<double>(a) * t.actor_width;
    c.line(x, top + h1, x, table_bottom, a == doc.actors.size() ? "stroke:#000" : "stroke:#888");
  }
  c.line(t.no_x, hb, t.right_x, hb);

  // Rows.
  for (std::size_t r = 0; r < p.row_count; ++r) {
    std::size_t i = p.first_row + r;
    const Rect& row = t.rows[i];
    RowText txt = row_text(doc.steps[i], i, t);
    c.line(t.no_x, row.bottom(), t.right_x, row.bottom());
    c.text((t.no_x + t.activity_x) / 2, row.y + kPad + kFont, txt.no[0], kFont, "middle");
    c.lines(t.activity_x + kPad, row.y + kPad, txt.activity, kFont, kLeading);
    c.lines(t.requirements_x + kPad, row.y + kPad, txt.requirements, kFont, kLeading);
    c.lines(t.time_x + kPad, row.y + kPad, txt.time, kFont, kLeading);
    c.lines(t.output_x + kPad, row.y + kPad, txt.output, kFont, kLeading);
    c.lines(t.note_x + kPad, row.y + kPad, txt.note, kFont, kLeading);
  }

  // Arrows under the symbols' outlines, labels beside their first segment.
  for (const auto& a : t.arrows) {
    if (a.page != pi) continue;
    c.polyline(a.points, "fill:none;stroke:#000;stroke-width:1",
               "marker-end=\"url(#" + marker + ")\" class=\"flow\" data-from=\"" +
                   xml_escape(doc.steps[a.from].id) + "\" data-to=\"" +
                   xml_escape(doc.steps[a.to].id) + "\"");
    if (!a.label.empty()) {
      const Point& p0 = a.points[0];
      const Point& p1 = a.points[1];
      bool horizontal = std::fabs(p0.y - p1.y) < 0.01;
      c.text(p0.x + 3, horizontal ? p0.y - 3 : p0.y + 9, a.label, 7.5, "start", false, "#1a4f8b");
    }
  }
  for (std::size_t r = 0; r < p.row_count; ++r) {
    std::size_t i = p.first_row + r;
    draw_symbol(c, t.symbols[i], doc.steps[i], L, o.id_prefix);
  }
  for (const auto& k : t.connectors) {
    if (k.page != pi) continue;
    const Rect& b = k.box;
    // Home-plate pentagon pointing down, as in the Permendagri symbol list.
    c.polygon({{b.x, b.y},
               {b.right(), b.y},
               {b.right(), b.y + b.h * 0.6},
               {b.x + b.w / 2, b.bottom()},
               {b.x, b.y + b.h * 0.6}},
              "fill:#fff;stroke:#000", "class=\"connector\" data-letter=\"" + k.letter + "\"");
    c.text(b.x + b.w / 2, b.y + b.h * 0.55, k.letter, 8, "middle", true);
  }

  if (pi + 1 == t.pages.size()) {
    // Signature block: the approver, bottom right.
    double x = t.right_x - 260, y = table_bottom + 20;
    std::vector<std::string> who = wrap_text(or_dash(doc.approval.position), 260, kFont);
    y = c.lines(x, y, who, kFont, kLeading, "start", true);
    y += 30;
    c.text(x, y, or_dash(doc.approval.name), kFont, "start", true);
    if (doc.approval.nip)
      c.text(x, y + kLeading, std::string(L.nip) + " " + *doc.approval.nip, kFont);
  }
}

std::string svg_open(double w, double h, const std::string& extra) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) + "\" height=\"" + num(h) +
         "\" viewBox=\"0 0 " + num(w) + " " + num(h) + "\"" + extra +
         " font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n";
}

}  // namespace

std::string render_sop_svg(const Sop& sop, const RenderOptions& options) {
  TableLayout t = layout_sop_table(sop, options);
  double h = 0;
  for (const auto& p : t.pages) h += p.height + kPageGap;
  h -= kPageGap;
  SvgCanvas c;
  c.out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg_open(t.width, h, "");
  c.out += "<title>" + xml_escape(sop.document().title) + "</title>\n";
  double y = 0;
  for (std::size_t pi = 0; pi < t.pages.size(); ++pi) {
    c.out += "<g id=\"" + options.id_prefix + "page-" + std::to_string(pi + 1) +
             "\" transform=\"translate(0," + num(y) + ")\">\n";
    draw_page(c, sop, t, pi, options);
    c.out += "</g>\n";
    y += t.pages[pi].height + kPageGap;
  }
  c.out += "</svg>\n";
  return c.out;
}

std::string render_sop_svg_pages(const Sop& sop, const RenderOptions& options) {
  TableLayout t = layout_sop_table(sop, options);
  std::string out;
  for (std::size_t pi = 0; pi < t.pages.size(); ++pi) {
    SvgCanvas c;
    c.out = "<section class=\"sop-page\">" +
            svg_open(t.pages[pi].width, t.pages[pi].height,
                     " id=\"" + options.id_prefix + "page-" + std::to_string(pi + 1) +
                         "\" class=\"sop-table\" preserveAspectRatio=\"xMidYMin meet\"");
    draw_page(c, sop, t, pi, options);
    c.out += "</svg></section>\n";
    out += c.out;
  }
  return out;
}

std::string render_sop_html(const Sop& sop, const RenderOptions& options) {
  const SopDocument& doc = sop.document();
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += options.lang == Language::en ? "en" : "id";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xml_escape(doc.title) +
         "</title>\n<style>\n"
         "@page { size: A4 landscape; margin: 8mm; }\n"
         "body { margin: 0; background: #fff; font-family: 'DejaVu Sans', Arial, sans-serif; }\n"
         "section.sop-page { page-break-after: always; break-after: page; margin: 0 0 12px 0; }\n"
         "section.sop-page:last-child { page-break-after: auto; break-after: auto; }\n"
         "svg.sop-table { display: block; width: 100%; height: auto; max-width: 100%; }\n"
         // A page's SVG keeps A4 proportions; printed at full width it would be
         // taller than the printable area, so in print it is sized by height.
         "@media print { svg.sop-table { width: auto; height: 180mm; margin: 0 auto; } }\n"
         "</style>\n</head>\n<body>\n";
  out += render_sop_svg_pages(sop, options);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace sopkit
