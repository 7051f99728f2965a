// Publishes the model's domain events to its observers (the KPI collector first, then logs,
// traces, the viewer). Components publish; none of them knows who listens.
#pragma once

#include <vector>

#include "sim/port/observer.hpp"
#include "sim/port/truck.hpp"

namespace portsim::port {

class EventBus {
 public:
  void subscribe(PortObserver* observer) { observers_.push_back(observer); }
  void publish(const DomainEvent& e) const {
    for (PortObserver* o : observers_) o->on_event(e);
  }
  void truck_exit(const TruckRecord& r) const {
    for (PortObserver* o : observers_) o->on_truck_exit(r);
  }

 private:
  std::vector<PortObserver*> observers_;
};

/// An event of truck `t` (at its gate).
inline DomainEvent truck_event(EventKind kind, kernel::SimTime now, const Truck& t, int lane = -1,
                               Channel channel = Channel::Green) {
  return DomainEvent{kind, now, TruckId{t.id}, t.gate, lane, -1, channel};
}

}  // namespace portsim::port
