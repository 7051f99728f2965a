#include "sim/port/clearance.hpp"

#include <algorithm>

#include "sim/port/truck.hpp"

namespace portsim::port {

using kernel::Duration;
using kernel::Process;
using kernel::SimTime;
using kernel::Simulation;

namespace {

/// A container's uniforms: u(i) = keyed_uniform(key, i). They start after the truck draws, so that
/// the declaration view given to Customs::select reads its own (draw::select, draw::risk0).
namespace cdraw {
enum Index : std::size_t {
  mode = draw::count, aeo, noncompliant, manifest, lodge, accept, doc_check, exam, detect, agency, agency_time,
  payment_mode, payment_time, available
};
}  // namespace cdraw

double sample(const kernel::Distribution& d, std::uint64_t key, std::size_t i) {
  return sample_at(d, kernel::keyed_uniform(key, i));
}

/// Waits until `t` (now when it has passed).
kernel::Simulation::TimeoutAwaiter until(Simulation& s, SimTime t) {
  return s.timeout(t > s.now() ? t - s.now() : Duration{0});
}

}  // namespace

Clearance::Clearance(Simulation& sim, const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const Customs& customs)
    : cfg_(cfg),
      cl_(cfg.clearance),
      customs_(customs),
      streams_(streams),
      officers_(sim, cfg.clearance.document_officers),
      bays_(sim, cfg.clearance.exam_bays) {}

void Clearance::start(Simulation& sim) {
  for (std::size_t vi = 0; vi < cl_.vessels.size(); ++vi) sim.start(vessel(sim, vi));
}

Process Clearance::vessel(Simulation& s, std::size_t vi) {
  const VesselCallConfig& v = cl_.vessels[vi];
  const std::uint64_t stream = streams_.seed_for("clearance/vessel/" + v.name);
  kernel::Rng gaps = streams_.stream("clearance/vessel-gaps/" + v.name);
  SimTime arrival = kernel::time_zero + v.first_arrival;
  for (std::uint32_t call = 0;; ++call) {
    const SimTime announce = arrival - std::min(cl_.announce_before, arrival - kernel::time_zero);
    co_await until(s, announce);
    if (!arrivals_open_) co_return;
    const std::uint32_t first = next_id_;
    next_id_ += static_cast<std::uint32_t>(v.discharge);
    in_progress_ += static_cast<std::size_t>(v.discharge);
    const double gap_s = 3600.0 / v.discharge_rate;
    for (int k = 0; k < v.discharge; ++k) {
      ContainerRecord r;
      r.id = ContainerId{first + static_cast<std::uint32_t>(k)};
      r.vessel = static_cast<int>(vi);
      r.call = call;
      r.arrival = arrival + kernel::to_duration(gap_s * k);
      s.start(container(s, r, kernel::keyed_word(stream, (static_cast<std::uint64_t>(call) << 32) | static_cast<std::uint32_t>(k))));
    }
    s.start(discharge(s, vi, call, arrival, first));
    if (v.interarrival) {
      arrival += kernel::to_duration(sample_at(*v.interarrival, kernel::uniform01(gaps)));
    } else if (v.every > Duration{0}) {
      arrival += v.every;
    } else {
      co_return;
    }
  }
}

Process Clearance::discharge(Simulation& s, std::size_t vi, std::uint32_t /*call*/, SimTime arrival, std::uint32_t first_id) {
  const VesselCallConfig& v = cl_.vessels[vi];
  const double gap_s = 3600.0 / v.discharge_rate;
  for (int k = 0; k < v.discharge; ++k) {
    co_await until(s, arrival + kernel::to_duration(gap_s * k));
    publish(Milestone::Discharged, ContainerId{first_id + static_cast<std::uint32_t>(k)}, s.now());
  }
}

Process Clearance::container(Simulation& s, ContainerRecord r, std::uint64_t key) {
  const auto u = [key](std::size_t i) { return kernel::keyed_uniform(key, i); };
  const CustomsConfig& cu = cfg_.customs;
  const double m = u(cdraw::mode);
  r.mode = m < cu.paper_share                          ? DeclarationMode::Paper
           : m < cu.paper_share + cu.electronic_share ? DeclarationMode::Electronic
                                                       : DeclarationMode::PreArrival;
  r.aeo = u(cdraw::aeo) < cl_.aeo_share;
  r.noncompliant = u(cdraw::noncompliant) < cfg_.demand.noncompliance_rate;
  // The declaration as customs' selection sees it: one container of this consignee.
  Truck view;
  view.key = key;
  view.kind = TripKind::Import;
  view.containers = 1;
  view.trusted = r.aeo;
  view.noncompliant[0] = r.noncompliant;
  view.declaration = r.mode;

  const double cap_s = kernel::to_seconds(cl_.announce_before);
  const auto before_arrival = [&](double lead_s) {
    const SimTime t = r.arrival - kernel::to_duration(std::min(lead_s, cap_s));
    return std::max(t, s.now());
  };
  r.manifest = before_arrival(sample(cl_.manifest_lead, key, cdraw::manifest));
  r.lodged = r.mode == DeclarationMode::PreArrival
                 ? before_arrival(sample(cl_.lodge_pre_arrival, key, cdraw::lodge))
                 : r.arrival + kernel::to_duration(sample(r.mode == DeclarationMode::Paper ? cl_.lodge_paper : cl_.lodge_electronic,
                                                          key, cdraw::lodge));
  r.lodged = std::max(r.lodged, r.manifest);  // a declaration refers to a lodged manifest
  co_await until(s, r.manifest);
  publish(Milestone::Manifest, r.id, s.now());
  co_await until(s, r.lodged);
  publish(Milestone::Lodged, r.id, s.now());
  co_await s.timeout(kernel::to_duration(
      sample(r.mode == DeclarationMode::Paper ? cl_.accept_paper : cl_.accept_electronic, key, cdraw::accept)));
  r.accepted = s.now();
  publish(Milestone::Accepted, r.id, s.now());

  r.channel = customs_.select(view);
  r.electronic_payment = u(cdraw::payment_mode) < cl_.electronic_payment_share;
  r.paid = r.accepted + kernel::to_duration(sample(r.electronic_payment ? cl_.payment_electronic : cl_.payment_bank, key,
                                                   cdraw::payment_time));
  r.agency = u(cdraw::agency) < cl_.agency_share;
  r.control_start = s.now();
  publish(Milestone::ControlStart, r.id, s.now());
  if (r.channel != Channel::Green) {
    {
      kernel::Lease officer = co_await officers_.request();
      co_await s.timeout(kernel::to_duration(sample(cl_.document_check, key, cdraw::doc_check)));
    }
    if (r.channel == Channel::Red) {
      co_await until(s, r.arrival);  // the examination needs the container off the ship
      kernel::Lease bay = co_await bays_.request();
      co_await s.timeout(kernel::to_duration(sample(cl_.examination, key, cdraw::exam)));
      r.caught = r.noncompliant && u(cdraw::detect) < cu.physical_detection_rate;
    }
  }
  r.controlled = s.now();
  publish(Milestone::Controlled, r.id, s.now());
  const SimTime agency_from = cu.single_window ? r.accepted : r.controlled;
  r.agency_done = r.agency ? agency_from + kernel::to_duration(sample(cl_.agency_time, key, cdraw::agency_time)) : r.controlled;
  const SimTime release_at = std::max(r.controlled, std::max(r.agency_done, r.paid));
  co_await until(s, release_at);
  r.released = s.now();
  r.available = r.arrival + kernel::to_duration(sample(cl_.available_after, key, cdraw::available));
  publish(Milestone::Released, r.id, s.now());
  for (ClearanceObserver* o : observers_) o->on_released(r);
  if (--in_progress_ == 0 && on_empty_) on_empty_();
}

}  // namespace portsim::port
