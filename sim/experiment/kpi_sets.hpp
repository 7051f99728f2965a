// The named KPI sets that reports, comparisons and the viewer show: the one place each list is
// written (every KPI itself is defined by the model, sim/port/kpi_collector).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace portsim::experiment {

/// The headline KPIs: the rows of `portsim compare`'s table (without --all), in this order.
inline const std::vector<std::string>& headline_kpis() {
  static const std::vector<std::string> kpis = {
      "turn_time_mean", "turn_time_p95", "pregate_wait_mean", "queue_length_max", "road_queue_m_p95",
      "spillback_truck_minutes", "throughput_per_hour", "physical_inspections", "xray_scans", "noncompliant_caught", "noncompliant_missed",
      "officer_utilization", "idle_co2", "device_cost_per_truck"};
  return kpis;
}

/// The rows of a comparison report's scenario table: the headline KPIs and the two stage times.
inline const std::vector<std::string>& report_table_kpis() {
  static const std::vector<std::string> kpis = [] {
    std::vector<std::string> k = headline_kpis();
    k.emplace_back("lane_service_mean");
    k.emplace_back("inspection_time_mean");
    return k;
  }();
  return kpis;
}

/// The paired differences a comparison report lists for each reform.
inline const std::vector<std::string>& report_difference_kpis() {
  static const std::vector<std::string> kpis = {
      "turn_time_mean", "turn_time_p95", "pregate_wait_mean", "road_queue_m_p95", "spillback_truck_minutes",
      "outage_recovery_mean", "noncompliant_caught", "physical_inspections", "idle_co2", "device_cost_per_truck"};
  return kpis;
}

/// The KPIs `portsim compare --plots` draws forest plots of.
inline const std::vector<std::string>& forest_plot_kpis() {
  static const std::vector<std::string> kpis = {"turn_time_mean", "turn_time_p95", "pregate_wait_mean",
                                                "road_queue_m_p95", "noncompliant_caught"};
  return kpis;
}

/// The rows of the viewer's side-by-side panel (portsim-viz --compare): what can be read live.
inline const std::vector<std::string>& viewer_comparison_kpis() {
  static const std::vector<std::string> kpis = {
      "trucks_exited", "turn_time_mean", "turn_time_p95", "pregate_wait_mean", "queue_length_max",
      "spillback_truck_minutes", "lane_service_mean", "physical_inspections", "noncompliant_caught", "idle_co2"};
  return kpis;
}

/// The KPIs `portsim run --precision` stops on by default.
inline const std::vector<std::string>& precision_kpis() {
  static const std::vector<std::string> kpis = {"turn_time_mean", "pregate_wait_mean", "throughput_per_hour"};
  return kpis;
}

/// Whether `name` is in `set`.
inline bool contains(const std::vector<std::string>& set, std::string_view name) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

}  // namespace portsim::experiment
