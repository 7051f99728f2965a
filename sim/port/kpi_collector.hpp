// The KPIs of a run, computed by an observer of the domain events (arrivals, queues, channels,
// inspections, exits); utilisations and device statistics are read from the components that own
// them (lanes, officers, scanners, devices) when the KPIs are asked for. The KPI names, units and
// their order are defined here once (documented in scenarios/README.md).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/kernel/level_durations.hpp"
#include "sim/kernel/period_means.hpp"
#include "sim/kernel/statistics.hpp"
#include "sim/kernel/threshold_periods.hpp"
#include "sim/port/config.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/inspection.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/names.hpp"
#include "sim/port/observer.hpp"

namespace portsim::port {

/// What the collector reads from the components at report time.
struct KpiSources {
  const Gates& gates;
  const Devices& devices;
  const Inspection& inspection;
  const EmissionsConfig& emissions;
  double truck_spacing_m;
};

/// Hours in a day: the hourly profiles' length.
constexpr std::size_t hours_per_day = 24;

/// The service targets the collector checks (0: no target), in the units it counts in.
struct KpiTargets {
  double road_queue_trucks = 0;  // targets.road_queue_m / truck spacing
  double turn_time_min = 0;
  double pregate_wait_min = 0;
  std::size_t expected_hours = hours_per_day;  // the run's length, to reserve the hourly means
};

class KpiCollector final : public PortObserver {
 public:
  KpiCollector(kernel::SimTime start, std::size_t gates, const KpiTargets& targets = {});

  void on_event(const DomainEvent& e) override;
  void on_truck_exit(const TruckRecord& r) override;

  /// Forgets what was gathered so far (warm-up deletion); trucks in the system stay counted.
  void restart(kernel::SimTime now);
  /// Ends the arrival window (a drained run): from now on the KPIs measured over time (queues,
  /// utilisations) report their values at `now`, rates and costs per hour are per hour of the
  /// window; the per-truck KPIs and counts go on to include every truck that arrived.
  void close_window(kernel::SimTime now, const KpiSources& sources);
  /// Every KPI at `now`, in the documented order.
  KpiList kpis(kernel::SimTime now, const KpiSources& sources) const;
  /// Mean trucks waiting (lanes + public road, all gates) by hour of day.
  std::vector<double> hourly_queue(kernel::SimTime now) const;
  /// Trucks leaving per hour of day, averaged over the days since the statistics started.
  std::vector<double> hourly_throughput(kernel::SimTime now) const;
  std::uint64_t trucks_exited() const noexcept { return exited_; }

 private:
  struct GateQueues {
    kernel::TimeWeighted queue;    // trucks in the pre-gate buffer
    kernel::TimeWeighted spill;    // trucks on the public road
    kernel::TimeWeighted waiting;  // queue + spill: every truck waiting for a lane
    kernel::HourlyLevel hourly;
  };
  void change(int gate, kernel::SimTime t, double queue_delta, double spill_delta);

  /// Turn-time thresholds of the shares of visits under them (the LA/LB study's, DOMAIN.md §5A).
  static constexpr std::array<int, 4> turn_minutes_{30, 60, 90, 120};
  std::array<std::uint64_t, 4> turn_under_{};
  kernel::Tally turn_, pregate_, lane_service_, inspection_{false}, yard_{false};
  std::uint64_t arrived_ = 0, exited_ = 0, balked_ = 0, no_shows_ = 0, in_system_ = 0;
  std::array<std::uint64_t, EnumNames<Channel>::table.size()> channel_{};  // by Channel
  std::uint64_t xray_scans_ = 0, physical_ = 0, doc_checks_ = 0;
  std::uint64_t noncompliant_total_ = 0, caught_ = 0, missed_ = 0;
  std::uint64_t fallbacks_ = 0, tickets_ = 0, outage_fallbacks_ = 0;
  double idle_s_ = 0;  // truck-seconds waiting with the engine idling (pre-gate and inspection waits)
  kernel::HourlySeries hourly_exits_{hours_per_day};
  // Port-wide counts over time (all gates): trucks waiting for a lane, and of them on the public road.
  std::size_t waiting_total_ = 0, spill_total_ = 0;
  kernel::LevelDurations waiting_levels_, spill_levels_;
  kernel::TimeWeighted spill_total_level_;
  bool road_target_ = false;
  kernel::ThresholdPeriods road_target_hours_, road_target_days_;
  // Per-truck targets: trucks over them, and the means of the trucks by the hour (day) they arrived.
  KpiTargets targets_;
  std::uint64_t turn_over_ = 0, pregate_over_ = 0;
  kernel::PeriodMeans turn_hours_, turn_days_, pregate_hours_, pregate_days_;
  // Recovery from IT outages: from the system's return until the trucks waiting are back to their
  // number when it went down.
  void recovered(kernel::SimTime t);
  bool recovering_ = false;
  std::size_t waiting_before_outage_ = 0;
  kernel::SimTime up_at_{};
  kernel::Tally recovery_{false};
  kernel::SimTime stats_start_{};
  std::vector<GateQueues> gates_;
  KpiList window_;  // the KPIs at the end of the arrival window (close_window), else empty
  kernel::SimTime window_end_{};
};

}  // namespace portsim::port
