// Truck demand at each gate: a non-homogeneous Poisson stream by the hour-of-day or hour-of-week
// profile, appointment slots (cap, punctuality, no-shows) with walk-ins, or a renewal process
// (tests and queueing checks). Demand makes the trucks (ids, keys, attributes) and hands each to a
// VisitStarter; it knows nothing of what happens to them.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/kernel/random.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/truck.hpp"

namespace portsim::port {

/// Starts the visit of a truck that has arrived at the port (the model's truck process).
class VisitStarter {
 public:
  virtual ~VisitStarter() = default;
  virtual void start_visit(kernel::Simulation& s, Truck t) = 0;
};

class Demand {
 public:
  Demand(const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const EventBus& bus, VisitStarter& visits);

  /// Starts the arrival processes of every gate (call once, at time 0).
  void start(kernel::Simulation& sim);

  /// No truck arrives from now on, except booked ones already on their way (the end of a
  /// terminating run's arrival window).
  void stop_arrivals() noexcept { stopped_ = true; }
  /// Booked trucks on their way (arriving later in their slot).
  std::size_t on_the_way() const noexcept { return on_the_way_; }

  /// Trucks per hour per unit of profile weight at gate g.
  double rate_scale(std::size_t g) const { return gates_[g].rate_scale; }

 private:
  struct GateDemand {
    int index;
    double share;       // the gate's share of the port's trucks
    double rate_scale;  // trucks per hour per unit of profile weight
    kernel::Rng arrivals;
    kernel::Rng draws;
  };

  Truck new_truck(GateDemand& g, bool appointment);
  double profile_weight(kernel::SimTime t) const;
  kernel::Process profile_arrivals(kernel::Simulation& s, std::size_t gi, double share);
  kernel::Process renewal_arrivals(kernel::Simulation& s, std::size_t gi);
  kernel::Process appointment_arrivals(kernel::Simulation& s, std::size_t gi);
  kernel::Process delayed_visit(kernel::Simulation& s, kernel::Duration delay, Truck t);

  const ScenarioConfig& cfg_;
  const DemandConfig& demand_;
  const EventBus& bus_;
  VisitStarter& visits_;
  std::vector<GateDemand> gates_;
  std::uint32_t next_truck_ = 1;
  bool stopped_ = false;
  std::size_t on_the_way_ = 0;
};

}  // namespace portsim::port
