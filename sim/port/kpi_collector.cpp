#include "sim/port/kpi_collector.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace portsim::port {

namespace {
constexpr double seconds_per_year = 365.0 * 86400.0;
}  // namespace

KpiCollector::KpiCollector(kernel::SimTime start, std::size_t gates, const KpiTargets& targets)
    : waiting_levels_(start),
      spill_levels_(start),
      spill_total_level_(start),
      road_target_(targets.road_queue_trucks > 0),
      road_target_hours_(start, std::chrono::hours(1), targets.road_queue_trucks),
      road_target_days_(start, std::chrono::hours(24), targets.road_queue_trucks),
      targets_(targets),
      turn_hours_(start, std::chrono::hours(1), targets.turn_time_min > 0 ? targets.expected_hours : 0),
      turn_days_(start, std::chrono::hours(24), targets.turn_time_min > 0 ? targets.expected_hours / 24 + 1 : 0),
      pregate_hours_(start, std::chrono::hours(1), targets.pregate_wait_min > 0 ? targets.expected_hours : 0),
      pregate_days_(start, std::chrono::hours(24), targets.pregate_wait_min > 0 ? targets.expected_hours / 24 + 1 : 0) {
  for (std::size_t g = 0; g < gates; ++g) {
    gates_.push_back({kernel::TimeWeighted(start), kernel::TimeWeighted(start), kernel::TimeWeighted(start),
                      kernel::HourlyLevel(hours_per_day, start)});
  }
}

void KpiCollector::change(int gate, kernel::SimTime t, double queue_delta, double spill_delta) {
  GateQueues& g = gates_[static_cast<std::size_t>(gate)];
  if (queue_delta != 0) g.queue.add(t, queue_delta);
  if (spill_delta != 0) g.spill.add(t, spill_delta);
  const double level = g.queue.level() + g.spill.level();
  g.waiting.set(t, level);
  g.hourly.set(t, level);
  waiting_total_ = static_cast<std::size_t>(static_cast<double>(waiting_total_) + queue_delta + spill_delta);
  waiting_levels_.set(t, waiting_total_);
  if (recovering_ && waiting_total_ <= waiting_before_outage_) recovered(t);
  if (spill_delta != 0) {
    spill_total_ = static_cast<std::size_t>(static_cast<double>(spill_total_) + spill_delta);
    spill_levels_.set(t, spill_total_);
    spill_total_level_.set(t, static_cast<double>(spill_total_));
    if (road_target_) {
      road_target_hours_.set(t, static_cast<double>(spill_total_));
      road_target_days_.set(t, static_cast<double>(spill_total_));
    }
  }
}

void KpiCollector::on_event(const DomainEvent& e) {
  switch (e.kind) {
    case EventKind::Arrived:
      ++arrived_;
      ++in_system_;
      noncompliant_total_ += static_cast<std::uint64_t>(e.count);
      break;
    case EventKind::Balked:  // decided at the instant of arrival: undo what Arrived counted
      ++balked_;
      --in_system_;
      noncompliant_total_ -= static_cast<std::uint64_t>(e.count);
      break;
    case EventKind::NoShow: ++no_shows_; break;
    case EventKind::SpilledBack: change(e.gate, e.time, 0, 1); break;
    case EventKind::SpillbackEnded: change(e.gate, e.time, 0, -1); break;
    case EventKind::Queued: change(e.gate, e.time, 1, 0); break;
    case EventKind::LaneServiceStart: change(e.gate, e.time, -1, 0); break;
    case EventKind::ManualStep: ++fallbacks_; break;
    case EventKind::OutageFallback:
      ++fallbacks_;
      ++outage_fallbacks_;
      break;
    case EventKind::TroubleTicket: ++tickets_; break;
    case EventKind::ChannelAssigned: ++channel_[static_cast<std::size_t>(e.channel)]; break;
    case EventKind::InspectionStart:
      if (e.channel == Channel::Yellow) ++doc_checks_;
      break;
    case EventKind::InspectionWaitEnd: idle_s_ += e.seconds; break;
    case EventKind::SystemDown:
      if (recovering_) recovered(e.time);  // the next outage ends the recovery from the last one
      else waiting_before_outage_ = waiting_total_;
      break;
    case EventKind::SystemUp:
      recovering_ = true;
      up_at_ = e.time;
      if (waiting_total_ <= waiting_before_outage_) recovered(e.time);
      break;
    case EventKind::Scanned: ++xray_scans_; break;
    case EventKind::PhysicalExamination: ++physical_; break;
    default: break;
  }
}

void KpiCollector::recovered(kernel::SimTime t) {
  recovery_.add(kernel::to_seconds(t - up_at_) / 60);
  recovering_ = false;
}

void KpiCollector::on_truck_exit(const TruckRecord& r) {
  --in_system_;
  ++exited_;
  hourly_exits_.add(r.exited);
  const double turn_min = kernel::to_seconds(r.exited - r.arrived) / 60;
  turn_.add(turn_min);
  for (std::size_t i = 0; i < turn_minutes_.size(); ++i) turn_under_[i] += turn_min < turn_minutes_[i] ? 1u : 0u;
  pregate_.add(r.pregate_wait_s / 60);
  lane_service_.add(r.lane_service_s / 60);
  if (r.channel != Channel::Green) inspection_.add(r.inspection_s / 60);
  yard_.add(r.yard_s / 60);
  idle_s_ += r.pregate_wait_s;
  if (targets_.turn_time_min > 0) {
    turn_over_ += turn_min > targets_.turn_time_min ? 1u : 0u;
    turn_hours_.add(r.arrived, turn_min);
    turn_days_.add(r.arrived, turn_min);
  }
  if (targets_.pregate_wait_min > 0) {
    const double wait_min = r.pregate_wait_s / 60;
    pregate_over_ += wait_min > targets_.pregate_wait_min ? 1u : 0u;
    pregate_hours_.add(r.arrived, wait_min);
    pregate_days_.add(r.arrived, wait_min);
  }
  const auto nc = static_cast<std::uint64_t>(r.noncompliant);
  if (r.caught) caught_ += nc; else missed_ += nc;
}

void KpiCollector::restart(kernel::SimTime now) {
  stats_start_ = now;
  turn_.reset();
  pregate_.reset();
  lane_service_.reset();
  inspection_.reset();
  yard_.reset();
  recovery_.reset();
  arrived_ = exited_ = balked_ = no_shows_ = 0;
  turn_under_ = {};
  channel_ = {};
  xray_scans_ = physical_ = doc_checks_ = noncompliant_total_ = caught_ = missed_ = 0;
  fallbacks_ = tickets_ = outage_fallbacks_ = 0;
  idle_s_ = 0;
  hourly_exits_ = kernel::HourlySeries(hours_per_day);
  waiting_levels_.restart(now);
  spill_levels_.restart(now);
  spill_total_level_.restart(now);
  road_target_hours_.restart(now);
  road_target_days_.restart(now);
  turn_over_ = pregate_over_ = 0;
  for (kernel::PeriodMeans* p : {&turn_hours_, &turn_days_, &pregate_hours_, &pregate_days_}) p->restart(now);
  for (GateQueues& g : gates_) {
    g.queue.restart(now);
    g.spill.restart(now);
    g.waiting.restart(now);
    g.hourly = kernel::HourlyLevel(hours_per_day, now);
  }
}

void KpiCollector::close_window(kernel::SimTime now, const KpiSources& sources) {
  window_.clear();
  window_ = kpis(now, sources);
  window_end_ = now;
}

std::vector<double> KpiCollector::hourly_queue(kernel::SimTime now) const {
  std::vector<double> total(hours_per_day, 0.0);
  for (const GateQueues& g : gates_) {
    kernel::HourlyLevel copy = g.hourly;
    copy.flush(now);
    for (std::size_t h = 0; h < hours_per_day; ++h) {
      const double m = copy.mean(h);
      if (std::isfinite(m)) total[h] += m;
    }
  }
  return total;
}

std::vector<double> KpiCollector::hourly_throughput(kernel::SimTime now) const {
  std::vector<double> v(hours_per_day);
  const double days = std::max(1.0, std::ceil(kernel::to_hours(now - stats_start_) / 24.0));
  for (std::size_t h = 0; h < hours_per_day; ++h) v[h] = hourly_exits_.sum(h) / days;
  return v;
}

KpiList KpiCollector::kpis(kernel::SimTime now, const KpiSources& src) const {
  const kernel::SimTime until = window_.empty() ? now : window_end_;  // the arrival window's end
  const double hours = std::max(1e-9, kernel::to_hours(until - stats_start_));
  KpiList k;
  const auto add = [&](const std::string& name, const std::string& unit, double v) {
    k.push_back({name, unit, std::isfinite(v) ? v : 0.0});
  };
  // A KPI measured over time: after close_window, its value at the end of the arrival window.
  const auto timed = [&](const std::string& name, const std::string& unit, double v) {
    add(name, unit, window_.empty() ? v : window_[k.size()].value);
  };
  const auto count = [](std::uint64_t n) { return static_cast<double>(n); };
  add("trucks_arrived", "trucks", count(arrived_));
  add("trucks_exited", "trucks", count(exited_));
  add("trucks_in_system", "trucks", count(in_system_));
  add("trucks_balked", "trucks", count(balked_));
  add("appointment_no_shows", "trucks", count(no_shows_));
  add("throughput_per_hour", "trucks/h", count(exited_) / hours);
  add("turn_time_mean", "min", turn_.mean());
  add("turn_time_p50", "min", turn_.p50());
  add("turn_time_p90", "min", turn_.p90());
  add("turn_time_p95", "min", turn_.p95());
  add("turn_time_max", "min", turn_.max());
  for (std::size_t i = 0; i < turn_minutes_.size(); ++i) {
    add("turn_time_under_" + std::to_string(turn_minutes_[i]) + "min_share", "share",
        exited_ > 0 ? count(turn_under_[i]) / count(exited_) : 0);
  }
  add("pregate_wait_mean", "min", pregate_.mean());
  add("pregate_wait_p95", "min", pregate_.p95());
  add("lane_service_mean", "min", lane_service_.mean());
  add("lane_service_p95", "min", lane_service_.p95());
  add("inspection_time_mean", "min", inspection_.mean());
  add("yard_time_mean", "min", yard_.mean());
  double queue_mean = 0, queue_max = 0, spill_mean = 0, spill_max = 0, peak_hour = 0, spill_area = 0;
  for (const GateQueues& g : gates_) {
    queue_mean += g.waiting.mean(now);
    queue_max = std::max(queue_max, g.waiting.max());
    spill_mean += g.spill.mean(now);
    spill_max = std::max(spill_max, g.spill.max());
    spill_area += g.spill.integral(now);
  }
  for (double v : hourly_queue(now)) peak_hour = std::max(peak_hour, v);
  timed("queue_length_mean", "trucks", queue_mean);
  add("queue_length_max", "trucks", queue_max);
  timed("queue_peak_hour_mean", "trucks", peak_hour);
  add("spillback_truck_minutes", "truck-min", spill_area / 60);  // includes trucks still waiting
  timed("spillback_mean", "trucks", spill_mean);
  add("spillback_max", "trucks", spill_max);
  // Over time, all gates together: p95 of the trucks waiting for a lane, and the queue on the
  // public road in metres (trucks there x the spacing of a standing truck).
  timed("queue_length_p95", "trucks", waiting_levels_.quantile(0.95, now));
  const double m = src.truck_spacing_m;
  timed("road_queue_m_mean", "m", spill_total_level_.mean(now) * m);
  timed("road_queue_m_p95", "m", spill_levels_.quantile(0.95, now) * m);
  add("road_queue_m_max", "m", spill_total_level_.max() * m);
  // An outage still being recovered from counts until now (censored: a lower bound).
  kernel::Tally recovery = recovery_;
  if (recovering_) recovery.add(kernel::to_seconds(now - up_at_) / 60);
  add("outage_recovery_mean", "min", recovery.mean());
  add("outage_recovery_max", "min", recovery.max());
  if (road_target_) {  // the share of the window's hours (days) in which the road queue passed the target
    const auto share = [&](const kernel::ThresholdPeriods& p) {
      const auto c = p.count(now);
      return c.periods > 0 ? static_cast<double>(c.broken) / static_cast<double>(c.periods) : 0.0;
    };
    timed("road_queue_target_hours_share", "share", share(road_target_hours_));
    timed("road_queue_target_days_share", "share", share(road_target_days_));
  }
  // Per-truck targets: the share of trucks over the target, and of the hours (days) of arrival
  // whose trucks' mean passed it (every truck that arrived in the window, also after it closed).
  const kernel::SimTime arrivals_end = window_.empty() ? now : window_end_;
  const auto period_share = [&](const kernel::PeriodMeans& p, double target) {
    const auto c = p.above(target, arrivals_end);
    return c.periods > 0 ? static_cast<double>(c.broken) / static_cast<double>(c.periods) : 0.0;
  };
  const auto over_share = [&](std::uint64_t over) {
    return exited_ > 0 ? static_cast<double>(over) / static_cast<double>(exited_) : 0.0;
  };
  if (targets_.turn_time_min > 0) {
    add("turn_time_over_target_share", "share", over_share(turn_over_));
    add("turn_time_target_hours_share", "share", period_share(turn_hours_, targets_.turn_time_min));
    add("turn_time_target_days_share", "share", period_share(turn_days_, targets_.turn_time_min));
  }
  if (targets_.pregate_wait_min > 0) {
    add("pregate_wait_over_target_share", "share", over_share(pregate_over_));
    add("pregate_wait_target_hours_share", "share", period_share(pregate_hours_, targets_.pregate_wait_min));
    add("pregate_wait_target_days_share", "share", period_share(pregate_days_, targets_.pregate_wait_min));
  }
  double lane_util = 0, lanes_open = 0;
  for (const Lane& l : src.gates.lanes()) {
    lane_util += l.res->utilization();
    lanes_open += l.res->capacity_level().mean(now);  // capacity 1 while open, 0 while closed
  }
  const auto lanes = static_cast<double>(src.gates.lanes().size());
  timed("lane_utilization", "share", lanes == 0 ? 0 : lane_util / lanes);
  timed("lanes_open_mean", "lanes", lanes_open);
  double dev_busy = 0, dev_avail = 0, dev_down = 0;
  std::uint64_t reads = 0, failed = 0, failures = 0;
  double capex_year = 0;
  const double span_s = kernel::to_seconds(until - stats_start_);
  for (const Device& d : src.devices.all()) {
    dev_busy += d.busy_s;
    dev_avail += span_s;
    dev_down += d.down_s + (d.up ? 0 : kernel::to_seconds(now - d.down_since));
    reads += d.reads;
    failed += d.failed_reads;
    failures += d.failures;
    capex_year += d.cfg->capex / std::max(1e-9, d.cfg->lifetime_years) + d.cfg->opex_per_year;
  }
  timed("device_utilization", "share", dev_avail > 0 ? dev_busy / dev_avail : 0);
  timed("device_availability", "share", dev_avail > 0 ? 1 - dev_down / dev_avail : 1);
  add("device_reads", "reads", count(reads));
  add("device_read_failures", "reads", count(failed));
  add("device_failures", "failures", count(failures));
  add("manual_fallbacks", "steps", count(fallbacks_));
  timed("officer_utilization", "share", src.inspection.officers().utilization());
  timed("scanner_utilization", "share", src.inspection.scanners().utilization());
  add("channel_green", "trucks", count(channel_[0]));
  add("channel_yellow", "trucks", count(channel_[1]));
  add("channel_red", "trucks", count(channel_[2]));
  add("document_checks", "trucks", count(doc_checks_));
  add("xray_scans", "trucks", count(xray_scans_));
  add("physical_inspections", "trucks", count(physical_));
  add("noncompliant_containers", "containers", count(noncompliant_total_));
  add("noncompliant_caught", "containers", count(caught_));
  add("noncompliant_missed", "containers", count(missed_));
  add("trouble_tickets", "trucks", count(tickets_));
  add("outage_manual_declarations", "trucks", count(outage_fallbacks_));
  const double gallons = idle_s_ / 3600 * src.emissions.idle_fuel_gal_per_h;
  add("idle_fuel", "US gal", gallons);
  add("idle_co2", "kg", gallons * src.emissions.co2_kg_per_gal);
  add("idle_co2_per_truck", "kg/truck",
      exited_ > 0 ? gallons * src.emissions.co2_kg_per_gal / count(exited_) : 0);
  const double cost = capex_year * span_s / seconds_per_year;
  add("device_cost", "currency", cost);
  add("device_cost_per_truck", "currency/truck", exited_ > 0 ? cost / count(exited_) : 0);
  for (std::size_t gi = 0; gi < gates_.size(); ++gi) {
    const std::string prefix = "gate." + src.gates.gates()[gi].cfg->id;
    timed(prefix + ".queue_mean", "trucks", gates_[gi].waiting.mean(now));
    add(prefix + ".queue_max", "trucks", gates_[gi].waiting.max());
    timed(prefix + ".buffer_queue_mean", "trucks", gates_[gi].queue.mean(now));
  }
  return k;
}

}  // namespace portsim::port
