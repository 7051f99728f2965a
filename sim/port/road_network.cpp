#include "sim/port/road_network.hpp"

namespace portsim::port {

RoadNetwork::RoadNetwork(kernel::Simulation& sim, const Layout& layout, const std::vector<RoadConfig>& roads,
                         TruckTracker& tracker, const EventBus& bus)
    : sim_(sim), layout_(layout), tracker_(tracker), bus_(bus) {
  for (const RoadConfig& r : roads) {
    roads_.push_back(r.capacity_trucks > 0 ? std::make_unique<kernel::Resource>(sim, r.capacity_trucks) : nullptr);
  }
}

std::pair<kernel::Duration, bool> RoadNetwork::info(const Layout::Route* r) {
  for (const auto& [route, info] : routes_) {
    if (route == r) return info;
  }
  bool limited = false;
  for (std::size_t ri : *r) limited = limited || roads_[ri] != nullptr;
  routes_.emplace_back(r, std::make_pair(layout_.route_time(*r), limited));
  return routes_.back().second;
}

bool RoadNetwork::spill_begin(const Truck& t, Gate* public_road, const kernel::Resource& road,
                              const kernel::Lease& held) {
  if (public_road == nullptr || held || road.available() > 0) return false;
  TruckPosition& lt = tracker_.at(t.slot);
  lt.state = TruckState::SpilledBack;
  lt.road = -1;
  lt.node = static_cast<int>(public_road->entry);
  ++public_road->spilled;
  bus_.publish(truck_event(EventKind::SpilledBack, sim_.now(), t));
  return true;
}

double RoadNetwork::spill_end(const Truck& t, Gate& public_road, kernel::SimTime since) {
  --public_road.spilled;
  bus_.publish(truck_event(EventKind::SpillbackEnded, sim_.now(), t));
  return kernel::to_seconds(sim_.now() - since);
}

kernel::Duration RoadNetwork::enter_road(const Truck& t, std::size_t ri) {
  TruckPosition& lt = tracker_.at(t.slot);
  lt.route = nullptr;
  lt.state = TruckState::Travelling;
  lt.road = static_cast<int>(ri);
  lt.node = -1;
  lt.road_since = sim_.now();
  lt.road_time = layout_.roads()[ri].travel_time();
  return lt.road_time;
}

kernel::Process RoadNetwork::drive(kernel::Simulation& s, const Truck& t, const Layout::Route& route,
                                   kernel::Lease& held, Gate* public_road, double& spilled_s) {
  for (std::size_t ri : route) {
    if (kernel::Resource* road = roads_[ri].get()) {
      const kernel::SimTime from = s.now();
      const bool spilled = spill_begin(t, public_road, *road, held);
      kernel::Lease next = co_await road->request();
      if (spilled) spilled_s += spill_end(t, *public_road, from);
      held = std::move(next);
    } else {
      held.release();
    }
    co_await s.timeout(enter_road(t, ri));
  }
  tracker_.at(t.slot).road = -1;
}

kernel::Duration RoadNetwork::free_drive(const Truck& t, const Layout::Route* r, kernel::Lease& held,
                                         kernel::Duration delay) {
  held.release();
  TruckPosition& lt = tracker_.at(t.slot);
  lt.route = r;
  lt.route_since = sim_.now() + delay;
  lt.road = -1;
  return info(r).first;
}

}  // namespace portsim::port
