// Queue-triggered lane policies (GateConfig::lane_policies): an observer of the trucks reaching a
// lane (their wait before it) and one process per policy that opens or closes one lane of its kind
// every `check_every`, by the mean wait of the interval. At the start only `min_lanes` of the kind
// are open. The opening and closing go through Gates::set_open, so they are domain events like
// the lanes' opening hours.
#pragma once

#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/observer.hpp"

namespace portsim::port {

class LanePolicies final : public PortObserver {
 public:
  explicit LanePolicies(Gates& gates);

  void on_event(const DomainEvent& e) override;
  void on_truck_exit(const TruckRecord&) override {}

  /// Closes every lane of a policy beyond its min_lanes and starts the policies' processes.
  void start(kernel::Simulation& sim);
  std::size_t size() const noexcept { return policies_.size(); }

 private:
  struct Policy {
    const LanePolicyConfig* cfg = nullptr;
    int gate = -1;
    std::vector<std::size_t> lanes;  // indices into Gates::lanes(), in the gate's order
    double wait_sum_s = 0;           // trucks that reached one of the lanes since the last check
    std::uint32_t waits = 0;
  };
  kernel::Process run(kernel::Simulation& sim, std::size_t p);
  /// One step of policy p at time now, with the interval's mean wait.
  void decide(Policy& policy, double mean_wait_s, kernel::SimTime now);

  Gates& gates_;
  std::vector<Policy> policies_;
  std::vector<int> policy_of_lane_;  // by index into Gates::lanes(), -1: none
};

}  // namespace portsim::port
