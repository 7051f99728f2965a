// Config -> components: builds every component of the port model in dependency order and wires
// them (the event bus with the KPI collector first; the lanes' devices before customs' scanners,
// so device indices and process start order are fixed), and starts their processes.
#pragma once

#include "sim/kernel/random.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/clearance.hpp"
#include "sim/port/customs.hpp"
#include "sim/port/demand.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/inspection.hpp"
#include "sim/port/kpi_collector.hpp"
#include "sim/port/lane_policy.hpp"
#include "sim/port/lane_service.hpp"
#include "sim/port/road_network.hpp"
#include "sim/port/trs_collector.hpp"
#include "sim/port/truck_tracker.hpp"

namespace portsim::port {

/// The scenario's targets in the collector's units, and the run length it reserves room for.
KpiTargets kpi_targets(const ScenarioConfig& c);

struct PortComponents {
  PortComponents(kernel::Simulation& sim, const ScenarioConfig& cfg, const Layout& layout,
                 const kernel::RandomStreams& streams, VisitStarter& visits);
  PortComponents(const PortComponents&) = delete;
  PortComponents& operator=(const PortComponents&) = delete;

  /// Starts demand, lane hours, lane policies, device failures, officer shifts, outages and vessel calls, in that order.
  void start(kernel::Simulation& sim);
  /// Forgets statistics gathered so far (warm-up deletion).
  void restart_statistics(kernel::SimTime now);
  /// What the KPI collector reads from the components.
  KpiSources kpi_sources() const { return {gates, devices, inspection, cfg.emissions, cfg.truck_spacing_m}; }

  const ScenarioConfig& cfg;
  kernel::RandomStreams streams;
  EventBus bus;
  KpiCollector kpis;
  TruckTracker tracker;
  Devices devices;
  Gates gates;
  LanePolicies lane_policies;
  RoadNetwork roads;
  Customs customs;
  Inspection inspection;
  LaneService lane_service;
  Demand demand;
  Clearance clearance;  // import clearance from the vessel's call (idle without vessels)
  TrsCollector trs;     // its Time Release Study tables
};

}  // namespace portsim::port
