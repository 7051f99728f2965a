#include "sim/port/trs_collector.hpp"

#include <cmath>

namespace portsim::port {

namespace {
double hours(kernel::SimTime from, kernel::SimTime to) { return kernel::to_hours(to - from); }
std::size_t ring(ContainerId id, std::size_t size) { return static_cast<std::size_t>(id) & (size - 1); }
}  // namespace

TrsCollector::TrsCollector(kernel::SimTime start) : start_(start), awaiting_(start) {}

void TrsCollector::on_milestone(Milestone m, ContainerId id, kernel::SimTime at) {
  if (m != Milestone::Discharged) return;
  auto flag = released_early_[ring(id, early_ring)];
  if (flag) {
    flag = false;  // released before it arrived: it never awaits release
  } else {
    awaiting_level_ += 1;
    awaiting_.set(at, awaiting_level_);
  }
  if (at > start_) ++discharged_;  // as on_released: a discharge at the restart instant counts in neither
}

void TrsCollector::on_released(const ContainerRecord& r) {
  if (r.released < r.arrival) {
    released_early_[ring(r.id, early_ring)] = true;
  } else {
    awaiting_level_ -= 1;
    awaiting_.set(r.released, awaiting_level_);
  }
  if (r.arrival <= start_) return;
  ++released_;
  const double e2e = hours(r.arrival, r.released);
  end_to_end_.add(e2e);
  within_24_ += e2e <= 24 ? 1U : 0U;
  within_48_ += e2e <= 48 ? 1U : 0U;
  within_72_ += e2e <= 72 ? 1U : 0U;
  before_arrival_ += r.released < r.arrival ? 1U : 0U;
  by_available_ += r.released <= r.available ? 1U : 0U;
  noncompliant_ += r.noncompliant ? 1U : 0U;
  caught_ += r.caught ? 1U : 0U;
  stages_[0].add(hours(r.arrival, r.lodged));
  stages_[1].add(hours(r.lodged, r.accepted));
  stages_[2].add(hours(r.accepted, r.controlled));
  stages_[3].add(hours(r.controlled, r.released));
  by_channel_[static_cast<std::size_t>(r.channel)].add(e2e);
  by_aeo_[r.aeo ? 1 : 0].add(e2e);
  by_mode_[static_cast<std::size_t>(r.mode)].add(e2e);
}

void TrsCollector::restart(kernel::SimTime now) {
  start_ = now;
  awaiting_.restart(now);
  discharged_ = released_ = within_24_ = within_48_ = within_72_ = before_arrival_ = by_available_ = 0;
  caught_ = noncompliant_ = 0;
  end_to_end_.reset();
  for (auto& t : stages_) t.reset();
  for (auto& t : by_channel_) t.reset();
  for (auto& t : by_aeo_) t.reset();
  for (auto& t : by_mode_) t.reset();
}

void TrsCollector::append_kpis(KpiList& k, kernel::SimTime now, std::size_t in_clearance) const {
  const auto add = [&](const char* name, const char* unit, double v) { k.push_back({name, unit, std::isfinite(v) ? v : 0.0}); };
  const double n = static_cast<double>(released_);
  const auto share = [&](std::uint64_t c) { return released_ > 0 ? static_cast<double>(c) / n : 0.0; };
  add("containers_discharged", "containers", static_cast<double>(discharged_));
  add("containers_released", "containers", n);
  add("containers_in_clearance", "containers", static_cast<double>(in_clearance));
  add("arrival_to_release_mean", from_arrival_unit, end_to_end_.mean());
  add("arrival_to_release_median", from_arrival_unit, end_to_end_.p50());
  add("arrival_to_release_p90", from_arrival_unit, end_to_end_.p90());
  add("released_within_24h", "share", share(within_24_));
  add("released_within_48h", "share", share(within_48_));
  add("released_within_72h", "share", share(within_72_));
  add("released_before_arrival", "share", share(before_arrival_));
  add("released_by_available", "share", share(by_available_));
  add("arrival_to_lodged_mean", from_arrival_unit, stages_[0].mean());
  add("lodged_to_accepted_mean", "h", stages_[1].mean());
  add("accepted_to_controlled_mean", "h", stages_[2].mean());
  add("controlled_to_released_mean", "h", stages_[3].mean());
  add("arrival_to_release_mean_green", from_arrival_unit, by_channel_[0].mean());
  add("arrival_to_release_mean_yellow", from_arrival_unit, by_channel_[1].mean());
  add("arrival_to_release_mean_red", from_arrival_unit, by_channel_[2].mean());
  add("arrival_to_release_mean_aeo", from_arrival_unit, by_aeo_[1].mean());
  add("arrival_to_release_mean_non_aeo", from_arrival_unit, by_aeo_[0].mean());
  add("arrival_to_release_mean_paper", from_arrival_unit, by_mode_[0].mean());
  add("arrival_to_release_mean_electronic", from_arrival_unit, by_mode_[1].mean());
  add("arrival_to_release_mean_pre_arrival", from_arrival_unit, by_mode_[2].mean());
  add("containers_awaiting_release_mean", "containers", awaiting_.mean(now));
  add("containers_seized", "containers", static_cast<double>(caught_));
  add("containers_noncompliant_released", "containers", static_cast<double>(noncompliant_ - caught_));
}

}  // namespace portsim::port
