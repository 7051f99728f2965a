// Customs decisions and systems: the channel of each declaration (random selection within the
// inspection budget, or a risk score with thresholds that spend the same budget, A5; trusted
// traders), other agencies' checks (in sequence, or in parallel via a single window), trouble
// tickets, and the state of the electronic system (IT outages, disaster-recovery switchover).
#pragma once

#include "sim/kernel/random.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/truck.hpp"

namespace portsim::port {

/// Trucks drawn to place the risk thresholds (A5).
constexpr int risk_threshold_sample = 40'000;

class Customs {
 public:
  Customs(const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const EventBus& bus);

  /// The channel of the truck's declaration (empty trucks: green).
  Channel select(const Truck& t) const;
  /// Seconds of the other agencies' checks of a document check (summed, or the longest with a
  /// single window).
  double agency_checks_seconds(const Truck& t) const;
  /// Whether the truck has an exception to resolve at the side window, and for how long.
  bool has_trouble_ticket(const Truck& t) const;
  kernel::Duration trouble_ticket_time(const Truck& t) const;
  /// Whether the electronic declaration system is up.
  bool system_up() const noexcept { return system_up_; }

  /// Starts the configured outages and random outages.
  void start(kernel::Simulation& sim);

 private:
  double risk_score(const Truck& t) const;
  void place_thresholds();
  kernel::Process outage(kernel::Simulation& s, kernel::Duration start, kernel::Duration length);
  kernel::Process random_outages(kernel::Simulation& s);

  const ScenarioConfig& cfg_;
  const CustomsConfig& cu_;
  kernel::RandomStreams streams_;
  const EventBus& bus_;
  bool system_up_ = true;
  double risk_separation_ = 0;  // d' of the risk score
  double threshold_red_ = 0;
  double threshold_yellow_ = 0;
};

}  // namespace portsim::port
