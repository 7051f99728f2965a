// Small scenarios for tests, written as YAML text so they go through the same loader as files.
#pragma once

#include <string>

#include "sim/io/scenario_loader.hpp"

namespace portsim::test {

/// One gate, `lanes` general lanes, renewal arrivals, all trucks empty (identification only),
/// roads of 100 m at 36 km/h (10 s each), yard 5 min, no tickets, no inspections.
inline std::string tiny_port_yaml(int lanes = 1, const std::string& interarrival = "constant(60s)",
                                  const std::string& identify = "constant(40s)", int buffer_capacity = 0,
                                  const std::string& lane_choice = "shortest_queue") {
  return R"y(
name: tiny
duration: 1h
demand:
  mode: renewal
  interarrival: ")y" + interarrival + R"y("
  import_share: 0
  export_share: 0
  trusted_trader_share: 0
layout:
  nodes:
    - {id: in, kind: entry, x_m: 0, y_m: 0}
    - {id: buffer, kind: buffer, x_m: 100, y_m: 0}
    - {id: gate, kind: gate, x_m: 200, y_m: 0}
    - {id: yard, kind: yard, x_m: 300, y_m: 0}
    - {id: out, kind: exit, x_m: 400, y_m: 0}
  roads:
    - {from: in, to: buffer, length_m: 100, speed_kmh: 36}
    - {from: buffer, to: gate, length_m: 100, speed_kmh: 36, capacity_trucks: )y" +
         std::to_string(buffer_capacity) + R"y(}
    - {from: gate, to: yard, length_m: 100, speed_kmh: 36}
    - {from: yard, to: out, length_m: 100, speed_kmh: 36}
steps:
  identify_manual: ")y" + identify + R"y("
gates:
  - id: g
    node: gate
    entry: in
    yard: yard
    exit: out
    lane_choice: )y" + lane_choice + R"y(
    lanes:
      - {id: l, count: )y" + std::to_string(lanes) + R"y(}
yard_time: "constant(5min)"
customs:
  selection: {mode: random, yellow_rate: 0, red_rate: 0}
  trouble_ticket_rate: 0
)y";
}

inline io::LoadedScenario load_text(const std::string& text, const std::vector<std::string>& sets = {}) {
  auto doc = io::YamlDocument::parse(text, "test.yaml");
  for (const auto& s : sets) doc.set(s);
  return io::load_scenario(doc);
}

}  // namespace portsim::test
