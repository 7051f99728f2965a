#include "sim/port/truck_tracker.hpp"

#include <algorithm>

namespace portsim::port {

std::size_t TruckTracker::admit(const Truck& t) {
  std::size_t s;
  if (!free_.empty()) {
    s = free_.back();
    free_.pop_back();
  } else {
    s = slots_.size();
    slots_.emplace_back();
  }
  slots_[s] = TruckPosition{true, t.id, TruckState::Travelling, t.gate, -1, -1, -1, {}, {}};
  return s;
}

void TruckTracker::leave(std::size_t slot) {
  slots_[slot].used = false;
  free_.push_back(slot);
}

void TruckTracker::views(kernel::SimTime now, const Layout& layout, std::vector<Snapshot::TruckView>& out) const {
  for (const TruckPosition& lt : slots_) {
    if (!lt.used) continue;
    double progress = 0;
    int road = lt.road;
    int node = lt.node;
    TruckState state = lt.state;
    if (lt.route != nullptr && now >= lt.route_since) {
      // Free-flow drive: find the road the truck is on by elapsed time.
      kernel::Duration elapsed = now - lt.route_since;
      for (std::size_t ri : *lt.route) {
        const kernel::Duration d = layout.roads()[ri].travel_time();
        road = static_cast<int>(ri);
        if (elapsed < d || ri == lt.route->back()) {
          progress = d.count() > 0 ? std::clamp(kernel::to_seconds(elapsed) / kernel::to_seconds(d), 0.0, 1.0) : 1.0;
          break;
        }
        elapsed -= d;
      }
      node = -1;
      if (state != TruckState::Released) state = TruckState::Travelling;
    } else if (road >= 0 && lt.road_time.count() > 0) {
      progress = std::clamp(kernel::to_seconds(now - lt.road_since) / kernel::to_seconds(lt.road_time), 0.0, 1.0);
    }
    out.push_back({TruckId{lt.id}, state, lt.gate, lt.lane, road, progress, node});
  }
}

std::size_t TruckTracker::in_state(TruckState s) const {
  std::size_t n = 0;
  for (const TruckPosition& p : slots_) n += p.used && p.state == s ? 1 : 0;
  return n;
}

}  // namespace portsim::port
