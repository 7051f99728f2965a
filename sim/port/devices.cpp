#include "sim/port/devices.hpp"

#include <algorithm>

namespace portsim::port {

std::size_t Devices::add(Device d) {
  devices_.push_back(std::move(d));
  return devices_.size() - 1;
}

ReadResult Devices::read(std::size_t di, double u_success, double u_time, const Truck& t) {
  Device& dev = devices_[di];
  if (!dev.up) return {0.0, false};
  const double time = sample_at(dev.cfg->read_time, u_time);
  ++dev.reads;
  dev.busy_s += time;
  if (u_success < dev.cfg->read_success) return {time, true};
  ++dev.failed_reads;
  bus_.publish(DomainEvent{EventKind::SensorReadFailed, sim_.now(), TruckId{t.id}, dev.gate, dev.lane,
                           dev.index_in_lane});
  return {time, false};
}

void Devices::record_use(std::size_t di, double seconds) {
  devices_[di].busy_s += seconds;
  ++devices_[di].reads;
}

kernel::Process Devices::failures(kernel::Simulation& s, std::size_t di, kernel::RandomStreams streams) {
  Device& dev = devices_[di];
  kernel::Rng rng = streams.stream("device/" + dev.name);
  while (true) {
    // At least a tick up between breakdowns: the cycle advances time even if the times sampled are
    // 0 (the schema already refuses means below 1s; this is the model's own guard).
    co_await s.timeout(std::max(dev.cfg->time_to_failure->sample_duration(rng), kernel::one_tick));
    dev.up = false;
    ++dev.failures;
    dev.down_since = s.now();
    if (dev.pool != nullptr) dev.pool->set_capacity(dev.pool->capacity() - 1);
    bus_.publish(DomainEvent{EventKind::DeviceDown, s.now(), TruckId{}, dev.gate, dev.lane, dev.index_in_lane});
    co_await s.timeout(dev.cfg->repair_time.sample_duration(rng));
    dev.up = true;
    dev.down_s += kernel::to_seconds(s.now() - dev.down_since);
    if (dev.pool != nullptr) dev.pool->set_capacity(dev.pool->capacity() + 1);
    bus_.publish(DomainEvent{EventKind::DeviceUp, s.now(), TruckId{}, dev.gate, dev.lane, dev.index_in_lane});
  }
}

void Devices::restart_statistics(kernel::SimTime now) {
  for (Device& d : devices_) {
    d.reads = d.failed_reads = d.failures = 0;
    d.busy_s = d.down_s = 0;
    if (!d.up) d.down_since = now;
  }
}

}  // namespace portsim::port
