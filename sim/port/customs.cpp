#include "sim/port/customs.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/math/distributions/normal.hpp>

namespace portsim::port {

Customs::Customs(const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const EventBus& bus)
    : cfg_(cfg), cu_(cfg.customs), streams_(streams), bus_(bus) {
  place_thresholds();
}

double Customs::risk_score(const Truck& t) const {
  const boost::math::normal normal;
  double score = -1e9;
  for (int c = 0; c < t.containers; ++c) {
    const auto ci = static_cast<std::size_t>(c);
    const double z = boost::math::quantile(normal, std::clamp(t.u(draw::risk0 + ci), 1e-9, 1 - 1e-9));
    score = std::max(score, z + (t.noncompliant[ci] ? risk_separation_ : 0.0));
  }
  return score;
}

// Thresholds on the risk score that spend the same inspection budget as random selection: found on
// a large sample of trucks from the same attribute model (its own stream). Random selection checks a
// trusted trader at `mult` times the rate, so its expected checks are rate x sum of the weights
// (mult for a trusted trader, 1 for another); risk selection lets a trusted trader reach the score
// check with probability mult, so the thresholds are placed where the weights above them add up to
// the same rate x sum of the weights (not rate x trucks, which spent about 9% more).
void Customs::place_thresholds() {
  const double auc = std::clamp(cu_.targeting_quality, 0.5, 0.999);
  risk_separation_ = std::sqrt(2.0) * boost::math::quantile(boost::math::normal(), auc);
  if (cu_.selection != SelectionMode::Risk) return;
  kernel::Rng rng = streams_.stream("customs/risk-thresholds");
  std::vector<std::pair<double, double>> scored;  // (score, weight)
  for (int i = 0; i < risk_threshold_sample; ++i) {
    Truck t;
    t.key = rng();
    draw_attributes(t, cfg_.demand, cu_);
    if (t.containers == 0) continue;
    scored.emplace_back(risk_score(t), t.trusted ? cu_.trusted_trader_multiplier : 1.0);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double total_weight = 0;
  for (const auto& sw : scored) total_weight += sw.second;
  const auto threshold_for = [&](double rate) {
    const double target = rate * total_weight;
    double acc = 0;
    for (const auto& [score, weight] : scored) {
      acc += weight;
      if (acc >= target) return score;
    }
    return -1e9;
  };
  threshold_red_ = threshold_for(cu_.red_rate);
  threshold_yellow_ = threshold_for(cu_.red_rate + cu_.yellow_rate);
}

Channel Customs::select(const Truck& t) const {
  if (t.containers == 0) return Channel::Green;  // empty trucks carry no declaration
  const double mult = t.trusted ? cu_.trusted_trader_multiplier : 1.0;
  if (cu_.selection == SelectionMode::Random) {
    const double u = t.u(draw::select);
    if (u < cu_.red_rate * mult) return Channel::Red;
    if (u < (cu_.red_rate + cu_.yellow_rate) * mult) return Channel::Yellow;
    return Channel::Green;
  }
  // Risk mode: trusted traders pass the score check only with probability `mult`.
  if (t.trusted && t.u(draw::select) >= mult) return Channel::Green;
  const double s = risk_score(t);
  if (s > threshold_red_) return Channel::Red;
  if (s > threshold_yellow_) return Channel::Yellow;
  return Channel::Green;
}

double Customs::agency_checks_seconds(const Truck& t) const {
  double check_s = 0;
  for (std::size_t a = 0; a < cu_.agency_checks.size() && a < max_agency_checks; ++a) {
    const double x = sample_at(cu_.agency_checks[a], t.u(draw::agency0 + a));
    check_s = cu_.single_window ? std::max(check_s, x) : check_s + x;
  }
  return check_s;
}

bool Customs::has_trouble_ticket(const Truck& t) const { return t.u(draw::ticket) < cu_.trouble_ticket_rate; }

kernel::Duration Customs::trouble_ticket_time(const Truck& t) const {
  return kernel::to_duration(sample_at(cu_.trouble_ticket_time, t.u(draw::ticket_time)));
}

/// One outage: the system is down from now for `length`, or until the disaster-recovery site has
/// taken over, whichever comes first.
kernel::Process Customs::outage(kernel::Simulation& s, kernel::Duration start, kernel::Duration length) {
  co_await s.timeout(start);
  kernel::Duration down = length;
  if (cu_.dr_switchover) down = std::min(down, *cu_.dr_switchover);
  system_up_ = false;
  bus_.publish(DomainEvent{EventKind::SystemDown, s.now()});
  co_await s.timeout(down);
  system_up_ = true;
  bus_.publish(DomainEvent{EventKind::SystemUp, s.now()});
}

kernel::Process Customs::random_outages(kernel::Simulation& s) {
  kernel::Rng rng = streams_.stream("customs/outages");
  while (true) {
    // At least a tick between outages: the loop advances time even if an interval sampled is 0
    // (the schema already refuses means below 1s; this is the model's own guard).
    co_await s.timeout(std::max(cu_.outage_interval->sample_duration(rng), kernel::one_tick));
    co_await s.start(outage(s, kernel::Duration{0}, cu_.outage_repair.sample_duration(rng)));
  }
}

void Customs::start(kernel::Simulation& sim) {
  for (const OutageConfig& o : cu_.outages) sim.start(outage(sim, o.start, o.duration));
  if (cu_.outage_interval) sim.start(random_outages(sim));
}

}  // namespace portsim::port
