// The Time Release Study tables of a run, built from the clearance milestones (an observer, as the
// KPI collector is of the truck events): arrival (discharge) to release and each stage between,
// mean, median and 90th percentile, the shares released within 24, 48 and 72 h, before arrival
// and by the time the container was available, by channel, trader type and declaration mode;
// and the containers awaiting release after discharge over time (Little's law: its time average
// = discharges per hour x mean hours from discharge to release, those released before discharge
// counting 0). Containers count from their discharge after the warm-up.
#pragma once

#include <array>
#include <vector>

#include "sim/kernel/statistics.hpp"
#include "sim/port/clearance.hpp"
#include "sim/port/kpis.hpp"

namespace portsim::port {

/// The unit of times measured from the goods' arrival, which are negative when a container is
/// released (or its declaration lodged) before it arrived.
inline constexpr const char* from_arrival_unit = "h from arrival";

class TrsCollector final : public ClearanceObserver {
 public:
  explicit TrsCollector(kernel::SimTime start = kernel::time_zero);
  void on_milestone(Milestone m, ContainerId id, kernel::SimTime at) override;
  void on_released(const ContainerRecord& r) override;
  /// Forgets what was gathered (warm-up deletion); containers discharged up to `now` no longer count.
  void restart(kernel::SimTime now);
  /// The TRS KPIs at `now` (`in_clearance`: containers announced and not yet released).
  void append_kpis(KpiList& out, kernel::SimTime now, std::size_t in_clearance) const;

 private:
  /// Ids are flagged while released and not yet discharged; ids this far apart share a flag (a
  /// container stays between announcement and discharge for far fewer arrivals than this).
  static constexpr std::size_t early_ring = std::size_t{1} << 20;
  kernel::SimTime start_;
  std::vector<bool> released_early_ = std::vector<bool>(early_ring, false);
  kernel::TimeWeighted awaiting_;
  double awaiting_level_ = 0;
  std::uint64_t discharged_ = 0;
  std::uint64_t released_ = 0, within_24_ = 0, within_48_ = 0, within_72_ = 0, before_arrival_ = 0, by_available_ = 0;
  std::uint64_t caught_ = 0, noncompliant_ = 0;
  kernel::Tally end_to_end_;
  std::array<kernel::Tally, 4> stages_{kernel::Tally(true), kernel::Tally(true), kernel::Tally(true), kernel::Tally(true)};  // arrival->lodged, lodged->accepted, accepted->controlled, controlled->released
  std::array<kernel::Tally, 3> by_channel_{kernel::Tally(false), kernel::Tally(false), kernel::Tally(false)};
  std::array<kernel::Tally, 2> by_aeo_{kernel::Tally(false), kernel::Tally(false)};  // non-AEO, AEO
  std::array<kernel::Tally, 3> by_mode_{kernel::Tally(false), kernel::Tally(false), kernel::Tally(false)};
};

}  // namespace portsim::port
