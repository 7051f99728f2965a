// What the component tests share: a scenario loaded from YAML text with its layout, a simulation
// and an event bus whose recording observer keeps every domain event, and small helpers to build
// trucks and to edit the YAML of tiny_port_yaml().
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/truck.hpp"
#include "tests/port/test_scenarios.hpp"

namespace portsim::test {

/// Keeps every domain event and truck record it sees.
struct EventLog final : port::PortObserver {
  std::vector<port::DomainEvent> events;
  std::vector<port::TruckRecord> exits;
  void on_event(const port::DomainEvent& e) override { events.push_back(e); }
  void on_truck_exit(const port::TruckRecord& r) override { exits.push_back(r); }

  std::vector<port::DomainEvent> of(port::EventKind kind) const {
    std::vector<port::DomainEvent> out;
    for (const auto& e : events) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }
  /// Times (s) of the events of one kind, in order.
  std::vector<double> times(port::EventKind kind) const {
    std::vector<double> out;
    for (const auto& e : of(kind)) out.push_back(kernel::to_seconds(e.time));
    return out;
  }
  std::vector<port::EventKind> kinds() const {
    std::vector<port::EventKind> out;
    for (const auto& e : events) out.push_back(e.kind);
    return out;
  }
};

/// A scenario, its layout, a simulation and an event bus recorded by `log`. The simulation is the
/// first member, so it outlives every component a test builds after it (and their processes).
struct ComponentWorld {
  explicit ComponentWorld(const std::string& yaml, const std::vector<std::string>& sets = {})
      : scenario(load_text(yaml, sets)), cfg(scenario.config), layout(cfg.nodes, cfg.roads) {
    bus.subscribe(&log);
  }
  kernel::Simulation sim;
  io::LoadedScenario scenario;
  port::ScenarioConfig& cfg;
  port::Layout layout;
  port::EventBus bus;
  EventLog log;

  void run_until_s(double seconds) { sim.run_until(kernel::SimTime{kernel::to_duration(seconds)}); }
  double now_s() const { return kernel::to_seconds(sim.now()); }
};

/// `text` with its one occurrence of `from` replaced by `to` (throws when `from` is absent).
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::invalid_argument("replace_once: \"" + from + "\" not found");
  return text.replace(at, from.size(), to);
}

/// The lane entry of tiny_port_yaml(lanes) replaced by `lanes_yaml` (one "      - {...}" line each).
inline std::string with_lanes(const std::string& yaml, int count, const std::string& lanes_yaml) {
  return replace_once(yaml, "      - {id: l, count: " + std::to_string(count) + "}\n", lanes_yaml);
}

/// A truck of gate 0 with the given id and key and no containers; tests set what they need.
inline port::Truck make_truck(std::uint32_t id, std::uint64_t key = 1) {
  port::Truck t;
  t.id = id;
  t.key = key;
  t.kind = port::TripKind::Empty;
  return t;
}

/// The first key from 1 whose truck satisfies `pred` (to pick uniforms a test needs).
inline std::uint64_t key_where(const std::function<bool(const port::Truck&)>& pred) {
  for (std::uint64_t key = 1; key < 1'000'000; ++key) {
    if (pred(make_truck(1, key))) return key;
  }
  throw std::logic_error("key_where: no key found");
}

inline double seconds(kernel::SimTime t) { return kernel::to_seconds(t); }

}  // namespace portsim::test
