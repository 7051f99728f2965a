// IoT devices of the lanes and customs' scanners: reads (time, success), failures and repair
// (A6), and the statistics of each device. A failed read or a device that is down leaves the
// step to the manual fallback of whoever called read().
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/event_bus.hpp"

namespace portsim::port {

struct Device {
  const DeviceConfig* cfg = nullptr;
  std::string name;           // "gate/lane/device" or "customs/device": names its random stream
  int gate = -1;              // lane devices: where they stand (events, snapshots)
  int lane = -1;
  int index_in_lane = -1;
  kernel::Resource* pool = nullptr;  // a pool whose capacity follows the device (scanners)
  bool up = true;
  std::uint64_t reads = 0;
  std::uint64_t failed_reads = 0;
  std::uint64_t failures = 0;
  double busy_s = 0;
  double down_s = 0;
  kernel::SimTime down_since{};
};

/// Outcome of one read attempt: the time it took (0 when the device was down) and success.
struct ReadResult {
  double seconds = 0;
  bool ok = false;
};

class Devices {
 public:
  Devices(kernel::Simulation& sim, const EventBus& bus) : sim_(sim), bus_(bus) {}

  /// Adds a device; returns its index.
  std::size_t add(Device d);
  Device& operator[](std::size_t i) { return devices_[i]; }
  const Device& operator[](std::size_t i) const { return devices_[i]; }
  std::size_t size() const noexcept { return devices_.size(); }
  const std::vector<Device>& all() const noexcept { return devices_; }

  /// Tries a read of truck `t`: read time at uniform u_time, success when u_success < read_success.
  /// Publishes SensorReadFailed on a misread.
  ReadResult read(std::size_t di, double u_success, double u_time, const Truck& t);
  /// Books a use that is not a lane read (a scan of `seconds`).
  void record_use(std::size_t di, double seconds);

  /// Failure and repair cycle of device di (its own stream "device/<name>"); runs for ever. Takes the
  /// streams by value: a coroutine must not keep a reference to its caller's object.
  kernel::Process failures(kernel::Simulation& s, std::size_t di, kernel::RandomStreams streams);

  /// Forgets statistics (warm-up); a device that is down counts as down from now.
  void restart_statistics(kernel::SimTime now);

 private:
  kernel::Simulation& sim_;
  const EventBus& bus_;
  std::vector<Device> devices_;
};

}  // namespace portsim::port
