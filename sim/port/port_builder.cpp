#include "sim/port/port_builder.hpp"

namespace portsim::port {

KpiTargets kpi_targets(const ScenarioConfig& c) {
  KpiTargets t;
  t.road_queue_trucks = c.targets.road_queue_m / c.truck_spacing_m;
  t.turn_time_min = kernel::to_minutes(c.targets.turn_time);
  t.pregate_wait_min = kernel::to_minutes(c.targets.pregate_wait);
  t.expected_hours = static_cast<std::size_t>(kernel::to_hours(c.duration + c.drain_limit)) + 1;
  return t;
}

PortComponents::PortComponents(kernel::Simulation& sim, const ScenarioConfig& c, const Layout& layout,
                               const kernel::RandomStreams& s, VisitStarter& visits)
    : cfg(c),
      streams(s),
      kpis(sim.now(), c.gates.size(), kpi_targets(c)),
      devices(sim, bus),
      gates(sim, c, layout, devices, bus),
      lane_policies(gates),
      roads(sim, layout, c.roads, tracker, bus),
      customs(c, s, bus),
      inspection(sim, c, devices, customs, bus),
      lane_service(sim, c.steps, devices, customs, bus),
      demand(c, s, bus, visits),
      clearance(sim, c, s, customs),
      trs(sim.now()) {
  bus.subscribe(&kpis);
  clearance.subscribe(&trs);
  if (lane_policies.size() > 0) bus.subscribe(&lane_policies);
}

void PortComponents::start(kernel::Simulation& sim) {
  demand.start(sim);
  for (std::size_t li = 0; li < gates.lanes().size(); ++li) {
    if (!gates.lanes()[li].cfg->open.empty()) sim.start(gates.lane_hours(sim, li));
  }
  lane_policies.start(sim);
  for (std::size_t di = 0; di < devices.size(); ++di) {
    if (devices[di].cfg->time_to_failure) sim.start(devices.failures(sim, di, streams));
  }
  sim.start(inspection.officer_shifts(sim), kernel::priority_urgent);
  customs.start(sim);
  clearance.start(sim);
}

void PortComponents::restart_statistics(kernel::SimTime now) {
  kpis.restart(now);
  gates.restart_statistics();
  devices.restart_statistics(now);
  inspection.restart_statistics();
  trs.restart(now);
}

}  // namespace portsim::port
