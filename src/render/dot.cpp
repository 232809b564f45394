// dot.cpp — Graphviz DOT of an SOP: one cluster (swimlane) per actor, capsules
// for start/end, boxes for processes, diamonds for decisions.
#include <string>

#include "sopkit/render.hpp"

namespace sopkit {

namespace {

// A DOT double-quoted string: backslash and quote escaped, line breaks as \n.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

std::string wrapped(std::string_view text) {
  std::string out;
  for (const auto& l : wrap_text(text, 150, 10)) out += (out.empty() ? "" : "\n") + l;
  return out;
}

}  // namespace

std::string render_sop_dot(const Sop& sop, const RenderOptions& options) {
  const SopDocument& doc = sop.document();
  const bool en = options.lang == Language::en;
  std::string d = "digraph sop {\n  graph [rankdir=TB, label=" + quoted(doc.title) +
                  ", labelloc=t, fontname=\"DejaVu Sans\", newrank=true];\n"
                  "  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
                  "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n";
  auto node_line = [&](std::size_t i) {
    const Step& s = doc.steps[i];
    std::string shape = s.kind == StepKind::decision  ? "diamond"
                        : s.kind == StepKind::process ? "box"
                                                      : "box, style=rounded";
    return "    " + quoted("s" + std::to_string(i + 1)) +
           " [label=" + quoted(s.id + ". " + wrapped(s.activity)) + ", shape=" + shape +
           ", id=" + quoted(step_element_id(s.id, options.id_prefix)) + "];\n";
  };
  for (std::size_t a = 0; a < doc.actors.size(); ++a) {
    d += "  subgraph cluster_" + std::to_string(a + 1) +
         " {\n    label=" + quoted(wrapped(doc.actors[a].name)) +
         "; style=filled; fillcolor=\"#f4f6fa\";\n";
    for (std::size_t i = 0; i < doc.steps.size(); ++i)
      if (sop.step_actor(i) == a) d += node_line(i);
    d += "  }\n";
  }
  for (std::size_t i = 0; i < doc.steps.size(); ++i)
    if (sop.step_actor(i) == kNoIndex) d += node_line(i);
  for (const auto& f : sop.flows()) {
    const Step& s = doc.steps[f.from];
    std::string label;
    if (f.kind == FlowKind::yes) label = s.yes_label.empty() ? (en ? "Yes" : "Ya") : s.yes_label;
    if (f.kind == FlowKind::no) label = s.no_label.empty() ? (en ? "No" : "Tidak") : s.no_label;
    d += "  " + quoted("s" + std::to_string(f.from + 1)) + " -> " +
         quoted("s" + std::to_string(f.to + 1));
    std::string attrs;
    if (!label.empty()) attrs = "label=" + quoted(label);
    // Loop-backs should not pull the earlier step down a rank.
    if (f.to <= f.from) attrs += (attrs.empty() ? "" : ", ") + std::string("constraint=false");
    if (!attrs.empty()) d += " [" + attrs + "]";
    d += ";\n";
  }
  return d + "}\n";
}

}  // namespace sopkit
