#include "sim/port/demand.hpp"

#include <algorithm>
#include <cmath>

#include "sim/kernel/statistics.hpp"

namespace portsim::port {

namespace {
constexpr std::size_t hours_per_week = 168;
}  // namespace

Demand::Demand(const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const EventBus& bus,
               VisitStarter& visits)
    : cfg_(cfg), demand_(cfg.demand), bus_(bus), visits_(visits) {
  double share_total = 0;
  for (const GateConfig& g : cfg.gates) share_total += g.demand_share;
  double profile_total = 0;
  for (double w : demand_.profile) profile_total += w;
  const double period_days = demand_.profile.size() == hours_per_week ? 7.0 : 1.0;
  for (std::size_t gi = 0; gi < cfg.gates.size(); ++gi) {
    const GateConfig& g = cfg.gates[gi];
    gates_.push_back(GateDemand{static_cast<int>(gi), g.demand_share / share_total,
                                demand_.trucks_per_day * period_days * (g.demand_share / share_total) / profile_total,
                                streams.stream("arrivals/" + g.id), streams.stream("trucks/" + g.id)});
  }
}

Truck Demand::new_truck(GateDemand& g, bool appointment) {
  Truck t;
  t.id = next_truck_++;
  t.gate = g.index;
  t.key = g.draws();
  draw_attributes(t, demand_, cfg_.customs);
  t.appointment = appointment;
  return t;
}

double Demand::profile_weight(kernel::SimTime t) const {
  const auto& p = demand_.profile;
  return p[kernel::HourlySeries::bin_of(t, p.size())];
}

/// Non-homogeneous Poisson arrivals by thinning against the profile's peak rate.
kernel::Process Demand::profile_arrivals(kernel::Simulation& s, std::size_t gi, double share) {
  GateDemand& g = gates_[gi];
  const double peak = *std::max_element(demand_.profile.begin(), demand_.profile.end());
  const double max_rate_per_s = g.rate_scale * peak * share / 3600.0;
  if (max_rate_per_s <= 0) co_return;
  while (true) {
    const double u = kernel::uniform01(g.arrivals);
    co_await s.timeout(kernel::to_duration(-std::log1p(-u) / max_rate_per_s));
    if (stopped_) co_return;
    if (kernel::uniform01(g.arrivals) * peak >= profile_weight(s.now())) continue;
    visits_.start_visit(s, new_truck(g, false));
  }
}

/// Renewal arrivals: independent gaps from one distribution (first truck after one gap).
kernel::Process Demand::renewal_arrivals(kernel::Simulation& s, std::size_t gi) {
  GateDemand& g = gates_[gi];
  while (true) {
    co_await s.timeout(kernel::to_duration(demand_.interarrival.quantile(kernel::uniform01(g.arrivals))));
    if (stopped_) co_return;
    visits_.start_visit(s, new_truck(g, false));
  }
}

kernel::Process Demand::delayed_visit(kernel::Simulation& s, kernel::Duration delay, Truck t) {
  co_await s.timeout(delay);
  --on_the_way_;
  visits_.start_visit(s, std::move(t));
}

/// Appointment slots: bookings up to the slot cap, arrivals spread over the slot and shifted by
/// punctuality, no-shows dropped; the rest of demand walks in by the profile.
kernel::Process Demand::appointment_arrivals(kernel::Simulation& s, std::size_t gi) {
  GateDemand& g = gates_[gi];
  const AppointmentConfig& a = demand_.appointments;
  const double booked_share = 1.0 - a.walk_in_share;
  const double slot_h = kernel::to_hours(a.slot_length);
  double carried = 0;
  while (!stopped_) {
    // A2: demand above a slot's cap books the next slot with room (the peak is flattened, trucks
    // come later); turn time counts from arrival, so the shift itself is not a cost here.
    const double demand = g.rate_scale * profile_weight(s.now()) * slot_h * booked_share + carried;
    const double cap = a.slot_capacity * g.share;
    const double booked = std::min(demand, cap);
    carried = demand - booked;
    const auto n = static_cast<int>(std::floor(booked + kernel::uniform01(g.arrivals)));
    for (int i = 0; i < n; ++i) {
      Truck t = new_truck(g, true);
      if (t.u(draw::no_show) < a.no_show_rate) {
        bus_.publish(truck_event(EventKind::NoShow, s.now(), t));
        continue;
      }
      const double offset_s =
          t.u(draw::punctuality) * kernel::to_seconds(a.slot_length) + a.punctuality.quantile(t.u(draw::late));
      ++on_the_way_;  // until delayed_visit starts the visit
      s.start(delayed_visit(s, kernel::to_duration(std::max(0.0, offset_s)), std::move(t)));
    }
    co_await s.timeout(a.slot_length);
  }
}

void Demand::start(kernel::Simulation& sim) {
  for (std::size_t gi = 0; gi < gates_.size(); ++gi) {
    if (demand_.mode == DemandMode::Profile) {
      sim.start(profile_arrivals(sim, gi, 1.0));
    } else if (demand_.mode == DemandMode::Renewal) {
      sim.start(renewal_arrivals(sim, gi));
    } else {
      sim.start(appointment_arrivals(sim, gi));
      sim.start(profile_arrivals(sim, gi, demand_.appointments.walk_in_share));
    }
  }
}

}  // namespace portsim::port
