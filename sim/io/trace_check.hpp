// What a trace's records may hold for the scenario they are replayed on: every gate, lane, road and
// node they name exists. Used by the trace reader (with the columns of the fields) and by
// check_trace (a scenario changed by --set on replay). Internal to sim/io.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/port/config.hpp"
#include "sim/port/observer.hpp"

namespace portsim::io::trace_detail {

/// The sizes of the scenario a trace is replayed on.
struct Shape {
  std::vector<std::size_t> lanes;  // per gate
  std::size_t roads = 0;
  std::size_t nodes = 0;
  explicit Shape(const port::ScenarioConfig& cfg);
};

/// A record's field that does not fit the scenario: its position (1 = the first after the record
/// type) and why.
struct FieldProblem {
  std::size_t field;
  std::string message;
};

/// T <id> <state> <gate> <lane> <road> <progress> <node>: gate and lane, road and node exist
/// (-1: none; no lane without a gate).
std::optional<FieldProblem> truck_problem(const port::Snapshot::TruckView& t, const Shape& s);
/// L <gate> <lane> ...: the lane exists.
std::optional<FieldProblem> lane_record_problem(const port::Snapshot::LaneView& l, const Shape& s);
/// Q <gate> ...: the gate exists (records come in gate order, so their index is the gate).
std::optional<FieldProblem> queue_record_problem(std::size_t gate, const Shape& s);

}  // namespace portsim::io::trace_detail
