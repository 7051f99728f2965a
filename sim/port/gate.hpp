// Gates and their lanes: lane groups with kinds (who may use them), opening hours, and lane
// choice (join the shortest eligible queue, or one common queue served by a dispatcher). The
// model state of a gate (trucks queued, trucks spilled back) lives here; its statistics are the
// KPI collector's.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "sim/kernel/event.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/layout.hpp"

namespace portsim::port {

/// No lane (a common-queue truck that found none free yet).
constexpr std::size_t no_lane = static_cast<std::size_t>(-1);

struct Lane {
  const LaneConfig* cfg = nullptr;
  int gate = -1;
  int index = -1;                        // within its gate
  std::unique_ptr<kernel::Resource> res;  // capacity 1 when open, 0 when closed
  std::vector<std::size_t> devices;      // indices into Devices
  bool open = true;
  bool reserved = false;  // common queue: handed to a waiting truck that has not moved in yet
};

struct Gate {
  struct Waiting {
    const Truck* truck;
    kernel::Event<std::size_t>* assigned;
  };
  const GateConfig* cfg = nullptr;
  int index = -1;
  std::size_t entry = 0, node = 0, yard = 0, exit = 0;  // layout node indices
  std::optional<std::size_t> inspection;
  std::vector<std::size_t> lanes;  // indices into Gates::lanes()
  const Layout::Route* to_gate = nullptr;
  const Layout::Route* to_yard = nullptr;
  const Layout::Route* to_inspection = nullptr;
  const Layout::Route* inspection_to_yard = nullptr;
  const Layout::Route* to_exit = nullptr;
  kernel::Duration free_flow_to_gate{};
  int queued = 0;       // trucks in the pre-gate queue (buffer)
  int spilled = 0;      // trucks waiting on the public road
  std::deque<Waiting> common_queue;
};

class Gates {
 public:
  /// Builds every gate and lane of `cfg`, registering the lanes' devices (in gate, lane, device
  /// order) with `devices`.
  Gates(kernel::Simulation& sim, const ScenarioConfig& cfg, const Layout& layout, Devices& devices,
        const EventBus& bus);

  Gate& gate(std::size_t g) { return gates_[g]; }
  const std::vector<Gate>& gates() const noexcept { return gates_; }
  Lane& lane(std::size_t li) { return lanes_[li]; }
  const std::vector<Lane>& lanes() const noexcept { return lanes_; }

  /// Whether truck t may use the lane (its kind: general, trusted traders, appointments, paperless).
  static bool eligible(const Lane& lane, const Truck& t);
  /// The lane a truck arriving at the gate joins: the shortest eligible queue, or (common queue)
  /// the first free eligible lane, or no_lane to wait in the common queue.
  std::size_t choose(const Gate& g, const Truck& t) const;
  /// Common queue: hands every free lane to the first waiting truck eligible for it.
  void dispatch(Gate& g);

  /// Opens and closes lane li by its daily windows; runs for ever.
  kernel::Process lane_hours(kernel::Simulation& s, std::size_t li);
  /// Opens or closes lane li now (LaneOpened / LaneClosed; a no-op when it is so already). A closed
  /// lane finishes the truck it serves and takes no other.
  void set_open(std::size_t li, bool open, kernel::SimTime now);

  void restart_statistics();

 private:
  bool is_free(const Lane& lane) const;
  std::size_t shortest_queue(const Gate& g, const Truck& t) const;
  std::size_t free_lane(const Gate& g, const Truck& t) const;

  const EventBus& bus_;
  std::vector<Gate> gates_;
  std::vector<Lane> lanes_;
};

/// Whether time of day `time_of_day` lies in the window (which may wrap past midnight).
bool in_window(kernel::Duration time_of_day, const DailyWindow& w);
/// The time of day of t.
kernel::Duration time_of_day(kernel::SimTime t);
/// Time from t to the next boundary of any window (at least 1 ms, at most a day).
kernel::Duration until_next_boundary(kernel::SimTime t, const std::vector<DailyWindow>& windows);

}  // namespace portsim::port
