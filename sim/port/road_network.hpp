// Trucks on the road layout: capacity-limited roads as resources, routes' free-flow times, and
// spill-back (A3): a truck keeps its place on a capacity-limited road until the next one admits
// it, and a truck waiting for the first capacity-limited road stands on the public road.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/truck_tracker.hpp"

namespace portsim::port {

class RoadNetwork {
 public:
  RoadNetwork(kernel::Simulation& sim, const Layout& layout, const std::vector<RoadConfig>& roads,
              TruckTracker& tracker, const EventBus& bus);

  /// The capacity of road ri, or nullptr when it has none.
  kernel::Resource* capacity(std::size_t ri) const { return roads_[ri].get(); }
  /// Whether any road on the route has a capacity (then trucks drive it road by road).
  bool is_limited(const Layout::Route* r) { return info(r).second; }

  /// Before requesting a capacity-limited road: a truck that holds nothing yet (it stands on the
  /// public road) and finds the road full is spilled back. Returns whether it is.
  bool spill_begin(const Truck& t, Gate* public_road, const kernel::Resource& road, const kernel::Lease& held);
  /// After the road admitted a spilled-back truck: seconds it spent on the public road.
  double spill_end(const Truck& t, Gate& public_road, kernel::SimTime since);
  /// The truck enters road ri (its position for snapshots); returns the travel time.
  kernel::Duration enter_road(const Truck& t, std::size_t ri);

  /// Drives along a route road by road, holding a slot of each capacity-limited road until the next
  /// one is granted. Waiting for the first road is spill-back when `public_road` is set.
  kernel::Process drive(kernel::Simulation& s, const Truck& t, const Layout::Route& route, kernel::Lease& held,
                        Gate* public_road, double& spilled_s);
  /// Starts a free-flow drive of a whole route (one wait) after `delay` at the current node;
  /// releases what the truck held and returns the drive time.
  kernel::Duration free_drive(const Truck& t, const Layout::Route* r, kernel::Lease& held,
                              kernel::Duration delay = kernel::Duration{0});

 private:
  /// Free-flow time of a route and whether any road on it has a capacity (cached).
  std::pair<kernel::Duration, bool> info(const Layout::Route* r);

  kernel::Simulation& sim_;
  const Layout& layout_;
  TruckTracker& tracker_;
  const EventBus& bus_;
  std::vector<std::unique_ptr<kernel::Resource>> roads_;
  std::vector<std::pair<const Layout::Route*, std::pair<kernel::Duration, bool>>> routes_;
};

}  // namespace portsim::port
