#include "sim/port/lane_policy.hpp"

#include <algorithm>

namespace portsim::port {

LanePolicies::LanePolicies(Gates& gates) : gates_(gates), policy_of_lane_(gates.lanes().size(), -1) {
  for (const Gate& g : gates.gates()) {
    for (const LanePolicyConfig& lp : g.cfg->lane_policies) {
      Policy p;
      p.cfg = &lp;
      p.gate = g.index;
      for (std::size_t li : g.lanes) {
        if (gates.lanes()[li].cfg->kind != lp.kind) continue;
        p.lanes.push_back(li);
        policy_of_lane_[li] = static_cast<int>(policies_.size());
      }
      policies_.push_back(std::move(p));
    }
  }
}

void LanePolicies::on_event(const DomainEvent& e) {
  if (e.kind != EventKind::LaneServiceStart || policies_.empty()) return;
  const Gate& g = gates_.gates()[static_cast<std::size_t>(e.gate)];
  const int p = policy_of_lane_[g.lanes[static_cast<std::size_t>(e.lane)]];
  if (p < 0) return;
  Policy& policy = policies_[static_cast<std::size_t>(p)];
  policy.wait_sum_s += e.seconds;
  ++policy.waits;
}

void LanePolicies::start(kernel::Simulation& sim) {
  for (std::size_t p = 0; p < policies_.size(); ++p) {
    const Policy& policy = policies_[p];
    for (std::size_t k = static_cast<std::size_t>(policy.cfg->min_lanes); k < policy.lanes.size(); ++k) {
      gates_.set_open(policy.lanes[k], false, sim.now());
    }
    sim.start(run(sim, p));
  }
}

kernel::Process LanePolicies::run(kernel::Simulation& sim, std::size_t p) {
  while (true) {
    co_await sim.timeout(policies_[p].cfg->check_every);
    Policy& policy = policies_[p];
    const double mean = policy.waits > 0 ? policy.wait_sum_s / policy.waits : 0.0;
    policy.wait_sum_s = 0;
    policy.waits = 0;
    decide(policy, mean, sim.now());
  }
}

void LanePolicies::decide(Policy& policy, double mean_wait_s, kernel::SimTime now) {
  const auto is_open = [&](std::size_t li) { return gates_.lanes()[li].open; };
  const auto open = static_cast<int>(std::count_if(policy.lanes.begin(), policy.lanes.end(), is_open));
  if (mean_wait_s > kernel::to_seconds(policy.cfg->open_above)) {
    // The first closed lane of the kind opens.
    const auto it = std::find_if_not(policy.lanes.begin(), policy.lanes.end(), is_open);
    if (it != policy.lanes.end()) gates_.set_open(*it, true, now);
  } else if (mean_wait_s < kernel::to_seconds(policy.cfg->close_below) && open > policy.cfg->min_lanes) {
    // The last open lane with no truck in it or queued for it closes; none idle: none closes.
    for (auto it = policy.lanes.rbegin(); it != policy.lanes.rend(); ++it) {
      const Lane& lane = gates_.lanes()[*it];
      if (lane.open && !lane.reserved && lane.res->in_use() == 0 && lane.res->queue_length() == 0) {
        gates_.set_open(*it, false, now);
        break;
      }
    }
  }
}

}  // namespace portsim::port
