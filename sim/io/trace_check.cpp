#include "sim/io/trace_check.hpp"

#include "sim/io/input_error.hpp"
#include "sim/io/trace.hpp"

namespace portsim::io {

namespace trace_detail {

Shape::Shape(const port::ScenarioConfig& cfg) : roads(cfg.roads.size()), nodes(cfg.nodes.size()) {
  for (const auto& g : cfg.gates) lanes.push_back(g.lanes.size());
}

namespace {

std::string count_text(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::optional<FieldProblem> gate_problem(int gate, const Shape& s, std::size_t field) {
  if (gate >= 0 && static_cast<std::size_t>(gate) < s.lanes.size()) return std::nullopt;
  return FieldProblem{field, "gate " + std::to_string(gate) + " does not exist (the scenario has " +
                                 count_text(s.lanes.size(), "gate") + ")"};
}

std::optional<FieldProblem> lane_problem(int gate, int lane, const Shape& s, std::size_t field) {
  const std::size_t lanes = s.lanes[static_cast<std::size_t>(gate)];
  if (lane >= 0 && static_cast<std::size_t>(lane) < lanes) return std::nullopt;
  return FieldProblem{field, "lane " + std::to_string(lane) + " of gate " + std::to_string(gate) +
                                 " does not exist (the gate has " + count_text(lanes, "lane") + ")"};
}

}  // namespace

std::optional<FieldProblem> truck_problem(const port::Snapshot::TruckView& t, const Shape& s) {
  if (t.gate != -1) {
    if (auto p = gate_problem(t.gate, s, 3)) return p;
    if (t.lane != -1) {
      if (auto p = lane_problem(t.gate, t.lane, s, 4)) return p;
    }
  } else if (t.lane != -1) {
    return FieldProblem{4, "lane " + std::to_string(t.lane) + " without a gate (expected -1)"};
  }
  if (t.road != -1 && (t.road < 0 || static_cast<std::size_t>(t.road) >= s.roads)) {
    return FieldProblem{5, "road " + std::to_string(t.road) + " does not exist (the scenario has " +
                               count_text(s.roads, "road") + ")"};
  }
  if (t.node != -1 && (t.node < 0 || static_cast<std::size_t>(t.node) >= s.nodes)) {
    return FieldProblem{7, "node " + std::to_string(t.node) + " does not exist (the scenario has " +
                               count_text(s.nodes, "node") + ")"};
  }
  return std::nullopt;
}

std::optional<FieldProblem> lane_record_problem(const port::Snapshot::LaneView& l, const Shape& s) {
  if (auto p = gate_problem(l.gate, s, 1)) return p;
  return lane_problem(l.gate, l.lane, s, 2);
}

std::optional<FieldProblem> queue_record_problem(std::size_t gate, const Shape& s) {
  return gate_problem(static_cast<int>(gate), s, 1);
}

}  // namespace trace_detail

void check_trace(const Trace& trace, const port::ScenarioConfig& cfg) {
  using namespace trace_detail;
  const Shape shape(cfg);
  const auto fail = [&](int line, const char* what, const FieldProblem& p) {
    throw InputError({InputProblem{trace.path, line, 0, "",
                                   std::string(what) + ": " + p.message + " (in the scenario the trace is replayed on)"}});
  };
  for (std::size_t f = 0; f < trace.frames.size(); ++f) {
    const port::Snapshot& s = trace.frames[f];
    int line = f < trace.frame_lines.size() ? trace.frame_lines[f] : 0;
    for (const auto& t : s.trucks) {
      ++line;
      if (auto p = truck_problem(t, shape)) fail(line, "truck record", *p);
    }
    for (const auto& l : s.lanes) {
      ++line;
      if (auto p = lane_record_problem(l, shape)) fail(line, "lane record", *p);
    }
    for (std::size_t g = 0; g < s.gate_queue.size(); ++g) {
      ++line;
      if (auto p = queue_record_problem(g, shape)) fail(line, "queue record", *p);
    }
  }
}

}  // namespace portsim::io
