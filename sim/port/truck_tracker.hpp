// Where every truck in the port is and what it is doing, for snapshots (the viewer, traces). A
// slot per truck in the system, reused after it leaves, so memory stays flat over long runs.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/observer.hpp"
#include "sim/port/truck.hpp"

namespace portsim::port {

struct TruckPosition {
  bool used = false;
  std::uint32_t id = 0;
  TruckState state = TruckState::Travelling;
  int gate = -1, lane = -1, road = -1, node = -1;
  kernel::SimTime road_since{};
  kernel::Duration road_time{};
  const Layout::Route* route = nullptr;  // free-flow drive along a whole route (no capacity)
  kernel::SimTime route_since{};         // may lie ahead: the truck is still at `node` until then
};

class TruckTracker {
 public:
  /// Gives the truck a slot (travelling, at its gate's entry) and returns it.
  std::size_t admit(const Truck& t);
  /// Frees the truck's slot when it leaves.
  void leave(std::size_t slot);
  TruckPosition& at(std::size_t slot) { return slots_[slot]; }
  /// Trucks in the system.
  std::size_t inside() const noexcept { return slots_.size() - free_.size(); }
  /// Trucks in the system in state `s` (a scan: for the end of a run, not the event loop).
  std::size_t in_state(TruckState s) const;

  /// The trucks as snapshot views at `now` (free-flow drives placed on their road by elapsed time).
  void views(kernel::SimTime now, const Layout& layout, std::vector<Snapshot::TruckView>& out) const;

 private:
  std::vector<TruckPosition> slots_;
  std::vector<std::size_t> free_;
};

}  // namespace portsim::port
