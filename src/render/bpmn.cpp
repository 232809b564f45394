// bpmn.cpp — BPMN 2.0 XML with diagram interchange (BPMNDI), so bpmn.io and
// Camunda Modeler open the SOP laid out: one horizontal lane per actor, steps
// left to right in document order.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "render/detail/svg_canvas.hpp"
#include "sopkit/render.hpp"

namespace sopkit {

namespace {

using detail::num;

constexpr double kLaneHeight = 120;
constexpr double kLabelWidth = 30;  // the participant's name band
constexpr double kColumn = 160;
constexpr double kLeft = 100;  // room for the start event

struct Node {
  std::string id;
  double x = 0, y = 0, w = 0, h = 0;
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
};

std::string ncname(const std::string& prefix, std::size_t index, const std::string& raw) {
  std::string s = prefix + std::to_string(index + 1);
  if (!raw.empty()) s += '_';
  for (char c : raw) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    s += keep ? c : '_';
  }
  return s;
}

struct Edge {
  std::string id, source, target, name;
  std::vector<Point> points;
};

// One horizontal lane per actor (undeclared actors in the first).
struct Lanes {
  const Sop& sop;
  static constexpr double kLeftX = 160;  // participant x + its label band
  std::size_t of(std::size_t step) const {
    const std::uint32_t a = sop.step_actor(step);
    return a == kNoIndex ? 0 : a;
  }
  static double top(std::size_t lane) { return 80 + static_cast<double>(lane) * kLaneHeight; }
};

// A start or end event, with its one sequence flow.
struct Event {
  Node node;
  const char* kind;  // "startEvent", "endEvent"
  std::size_t lane;
  std::vector<std::string> incoming, outgoing;
};

// What the XML says: the steps as nodes, the flows as edges (and each step's
// incoming and outgoing flows), the start and end events.
struct BpmnModel {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<std::vector<std::string>> incoming, outgoing;  // per step
  std::vector<Event> events;

  void connect(Edge e, std::size_t from, std::size_t to) {
    if (from < nodes.size()) outgoing[from].push_back(e.id);
    if (to < nodes.size()) incoming[to].push_back(e.id);
    edges.push_back(std::move(e));
  }
};

// Steps left to right in document order, each in its actor's lane.
void place_nodes(const Sop& sop, const Lanes& lanes, BpmnModel& m) {
  const SopDocument& doc = sop.document();
  const std::size_t n = doc.steps.size();
  m.nodes.resize(n);
  m.incoming.resize(n);
  m.outgoing.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Step& s = doc.steps[i];
    Node& nd = m.nodes[i];
    nd.id = ncname(s.kind == StepKind::decision ? "Gateway_" : "Activity_", i, s.id);
    double col = Lanes::kLeftX + kLeft + static_cast<double>(i) * kColumn;
    if (s.kind == StepKind::decision)
      nd.w = nd.h = 50;
    else
      nd.w = 100, nd.h = 80;
    nd.x = col + (100 - nd.w) / 2;
    nd.y = Lanes::top(lanes.of(i)) + (kLaneHeight - nd.h) / 2;
  }
}

// The flows: forward ones straight or with one jog, backward ones (rework
// loops) along the bottom of the source's lane.
void connect_flows(const Sop& sop, const Lanes& lanes, bool en, BpmnModel& m) {
  const SopDocument& doc = sop.document();
  for (std::size_t k = 0; k < sop.flows().size(); ++k) {
    const Flow& f = sop.flows()[k];
    const Node& a = m.nodes[f.from];
    const Node& b = m.nodes[f.to];
    Edge e{"Flow_" + std::to_string(k + 1), a.id, b.id, {}, {}};
    const Step& s = doc.steps[f.from];
    if (f.kind == FlowKind::yes) e.name = s.yes_label.empty() ? (en ? "Yes" : "Ya") : s.yes_label;
    if (f.kind == FlowKind::no) e.name = s.no_label.empty() ? (en ? "No" : "Tidak") : s.no_label;
    if (b.x > a.x) {
      double mid = b.x - 20;
      e.points.push_back({a.x + a.w, a.cy()});
      if (a.cy() != b.cy()) {
        e.points.push_back({mid, a.cy()});
        e.points.push_back({mid, b.cy()});
      }
      e.points.push_back({b.x, b.cy()});
    } else {
      double ly = Lanes::top(lanes.of(f.from)) + kLaneHeight - 8;
      e.points.push_back({a.cx(), a.y + a.h});
      e.points.push_back({a.cx(), ly});
      e.points.push_back({b.cx(), ly});
      e.points.push_back({b.cx(), b.cy() < ly ? b.y + b.h : b.y});
    }
    m.connect(std::move(e), f.from, f.to);
  }
}

// One start event before the start step, one end event after each end step.
void add_events(const Sop& sop, const Lanes& lanes, BpmnModel& m) {
  const SopDocument& doc = sop.document();
  const std::size_t n = doc.steps.size();
  const std::uint32_t start = sop.start_index();
  if (start != kNoIndex) {
    const Node& s = m.nodes[start];
    Node ev{"StartEvent_1", Lanes::kLeftX + 30, s.cy() - 18, 36, 36};
    Edge e{"Flow_start", ev.id, s.id, {}, {{ev.x + 36, ev.cy()}, {s.x, s.cy()}}};
    if (s.x < ev.x + 36) e.points = {{ev.cx(), ev.y}, {ev.cx(), ev.y - 10}, {s.cx(), ev.y - 10}};
    m.events.push_back({ev, "startEvent", lanes.of(start), {}, {e.id}});
    m.connect(std::move(e), n, start);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.steps[i].kind != StepKind::end) continue;
    const Node& s = m.nodes[i];
    Node ev{ncname("EndEvent_", i, doc.steps[i].id), s.x + s.w + 22, s.cy() - 18, 36, 36};
    Edge e{ncname("Flow_end_", i, doc.steps[i].id), s.id, ev.id, {}, {}};
    e.points = {{s.x + s.w, s.cy()}, {ev.x, ev.cy()}};
    m.events.push_back({ev, "endEvent", lanes.of(i), {e.id}, {}});
    m.connect(std::move(e), i, n);
  }
}

std::string flow_refs(const std::vector<std::string>& in, const std::vector<std::string>& out) {
  std::string r;
  for (const auto& id : in) r += "      <bpmn:incoming>" + id + "</bpmn:incoming>\n";
  for (const auto& id : out) r += "      <bpmn:outgoing>" + id + "</bpmn:outgoing>\n";
  return r;
}

// <bpmn:process>: the lanes and their nodes, the events, tasks and gateways,
// the sequence flows.
std::string process_xml(const Sop& sop, const Lanes& lanes, const BpmnModel& m, bool en,
                        const std::string& title) {
  const SopDocument& doc = sop.document();
  const std::size_t n_actors = std::max<std::size_t>(1, doc.actors.size());
  std::string x =
      "  <bpmn:process id=\"Process_1\" name=\"" + title + "\" isExecutable=\"false\">\n";
  x += "    <bpmn:laneSet id=\"LaneSet_1\">\n";
  for (std::size_t a = 0; a < n_actors; ++a) {
    std::string name = a < doc.actors.size() ? doc.actors[a].name : "";
    x += "      <bpmn:lane id=\"Lane_" + std::to_string(a + 1) + "\" name=\"" + xml_escape(name) +
         "\">\n";
    for (std::size_t i = 0; i < m.nodes.size(); ++i)
      if (lanes.of(i) == a)
        x += "        <bpmn:flowNodeRef>" + m.nodes[i].id + "</bpmn:flowNodeRef>\n";
    for (const Event& ev : m.events)
      if (ev.lane == a) x += "        <bpmn:flowNodeRef>" + ev.node.id + "</bpmn:flowNodeRef>\n";
    x += "      </bpmn:lane>\n";
  }
  x += "    </bpmn:laneSet>\n";
  for (const Event& ev : m.events) {
    const bool is_start = std::string_view(ev.kind) == "startEvent";
    x += "    <bpmn:" + std::string(ev.kind) + " id=\"" + ev.node.id + "\" name=\"" +
         (is_start ? (en ? "Start" : "Mulai") : (en ? "End" : "Selesai")) + "\">\n" +
         flow_refs(ev.incoming, ev.outgoing) + "    </bpmn:" + ev.kind + ">\n";
  }
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const char* tag = doc.steps[i].kind == StepKind::decision ? "exclusiveGateway" : "task";
    x += "    <bpmn:" + std::string(tag) + " id=\"" + m.nodes[i].id + "\" name=\"" +
         xml_escape(doc.steps[i].activity) + "\">\n" + flow_refs(m.incoming[i], m.outgoing[i]) +
         "    </bpmn:" + tag + ">\n";
  }
  for (const auto& e : m.edges) {
    x += "    <bpmn:sequenceFlow id=\"" + e.id + "\"";
    if (!e.name.empty()) x += " name=\"" + xml_escape(e.name) + "\"";
    x += " sourceRef=\"" + e.source + "\" targetRef=\"" + e.target + "\"/>\n";
  }
  return x + "  </bpmn:process>\n";
}

std::string bounds(double x, double y, double w, double h) {
  return "<dc:Bounds x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
         num(h) + "\"/>";
}

std::string shape(const Node& nd, bool marker) {
  return "      <bpmndi:BPMNShape id=\"" + nd.id + "_di\" bpmnElement=\"" + nd.id + "\"" +
         (marker ? " isMarkerVisible=\"true\"" : "") + ">" + bounds(nd.x, nd.y, nd.w, nd.h) +
         "</bpmndi:BPMNShape>\n";
}

// <bpmndi:BPMNDiagram>: where the pool, lanes, shapes and edges are drawn.
std::string diagram_xml(const Sop& sop, const BpmnModel& m) {
  const SopDocument& doc = sop.document();
  const std::size_t n_actors = std::max<std::size_t>(1, doc.actors.size());
  const double pool_x = Lanes::kLeftX - kLabelWidth;
  const double pool_w = kLabelWidth + kLeft + static_cast<double>(doc.steps.size()) * kColumn + 120;
  std::string x =
      "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" "
      "bpmnElement=\"Collaboration_1\">\n";
  x += "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" "
       "isHorizontal=\"true\">" +
       bounds(pool_x, 80, pool_w, static_cast<double>(n_actors) * kLaneHeight) +
       "</bpmndi:BPMNShape>\n";
  for (std::size_t a = 0; a < n_actors; ++a)
    x += "      <bpmndi:BPMNShape id=\"Lane_" + std::to_string(a + 1) +
         "_di\" bpmnElement=\"Lane_" + std::to_string(a + 1) + "\" isHorizontal=\"true\">" +
         bounds(Lanes::kLeftX, Lanes::top(a), pool_w - kLabelWidth, kLaneHeight) +
         "</bpmndi:BPMNShape>\n";
  for (const Event& ev : m.events) x += shape(ev.node, false);
  for (std::size_t i = 0; i < m.nodes.size(); ++i)
    x += shape(m.nodes[i], doc.steps[i].kind == StepKind::decision);
  for (const auto& e : m.edges) {
    x += "      <bpmndi:BPMNEdge id=\"" + e.id + "_di\" bpmnElement=\"" + e.id + "\">";
    for (const auto& p : e.points)
      x += "<di:waypoint x=\"" + num(p.x) + "\" y=\"" + num(p.y) + "\"/>";
    x += "</bpmndi:BPMNEdge>\n";
  }
  return x + "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n";
}

}  // namespace

std::string render_sop_bpmn(const Sop& sop, const RenderOptions& options) {
  const SopDocument& doc = sop.document();
  const bool en = options.lang == Language::en;
  const Lanes lanes{sop};
  BpmnModel model;
  place_nodes(sop, lanes, model);
  connect_flows(sop, lanes, en, model);
  add_events(sop, lanes, model);

  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
       "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
       "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
       "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"Definitions_1\" "
       "targetNamespace=\"https://sopkit.invalid/bpmn\" exporter=\"sopkit\" "
       "exporterVersion=\"1\">\n";
  const std::string title = xml_escape(doc.title.empty() ? doc.number : doc.title);
  x += "  <bpmn:collaboration id=\"Collaboration_1\">\n    <bpmn:participant id=\"Participant_1\" "
       "name=\"" +
       title + "\" processRef=\"Process_1\"/>\n  </bpmn:collaboration>\n";
  x += process_xml(sop, lanes, model, en, title);
  x += diagram_xml(sop, model);
  return x + "</bpmn:definitions>\n";
}

}  // namespace sopkit
