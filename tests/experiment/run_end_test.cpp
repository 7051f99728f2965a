// How a run ends (issue 15, item 1): a drained terminating run accounts for every truck that
// arrived; a cut run that stops with work in progress is flagged.
#include <gtest/gtest.h>

#include "sim/experiment/run_warnings.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;
namespace io = portsim::io;
namespace p = portsim::port;

namespace {

double kpi(const ex::RunResult& r, const std::string& name) { return p::kpi_value(r.kpis, name); }

struct CutAndDrained {
  ex::RunResult cut, drained;
};

/// The baseline day (seed 3, replication 0), cut at midnight and drained.
CutAndDrained baseline_day() {
  auto cfg = io::load_scenario("scenarios/baseline.yaml").config;
  cfg.end = p::RunEnd::Cut;
  ex::RunSpec spec;
  spec.seed = 3;
  CutAndDrained out;
  out.cut = ex::run_once(cfg, spec);
  cfg.end = p::RunEnd::Drain;
  out.drained = ex::run_once(cfg, spec);
  return out;
}

}  // namespace

TEST(RunEnd, ADrainedDayAccountsForEveryTruckThatArrived) {
  const auto [cut, drained] = baseline_day();
  // Midnight finds trucks inside, some of them selected for a check: their catches are missing.
  ASSERT_GT(cut.unfinished_trucks, 0u);
  ASSERT_GT(cut.unfinished_selected, 0u);
  EXPECT_LT(kpi(cut, "noncompliant_caught") + kpi(cut, "noncompliant_missed"), kpi(cut, "noncompliant_containers"));
  // Drained: the same arrivals (no truck after the window), and every one of them has left.
  EXPECT_TRUE(drained.drained);
  EXPECT_EQ(drained.outcome, portsim::kernel::RunOutcome::Kind::Stopped);
  EXPECT_GT(drained.drain_hours, 0.0);
  EXPECT_LT(drained.drain_hours, 24.0);
  EXPECT_EQ(drained.unfinished_trucks, 0u);
  EXPECT_EQ(kpi(drained, "trucks_arrived"), kpi(cut, "trucks_arrived"));
  EXPECT_EQ(kpi(drained, "trucks_in_system"), 0.0);
  EXPECT_EQ(kpi(drained, "trucks_exited") + kpi(drained, "trucks_balked"), kpi(drained, "trucks_arrived"));
  // Every non-compliant container is caught or missed; every truck got one channel.
  EXPECT_EQ(kpi(drained, "noncompliant_caught") + kpi(drained, "noncompliant_missed"),
            kpi(drained, "noncompliant_containers"));
  EXPECT_EQ(kpi(drained, "channel_green") + kpi(drained, "channel_yellow") + kpi(drained, "channel_red"),
            kpi(drained, "trucks_exited"));
  EXPECT_GE(kpi(drained, "channel_red"), kpi(cut, "channel_red"));
}

TEST(RunEnd, QueuesAndUtilisationsOfADrainedDayCoverItsArrivalWindow) {
  const auto [cut, drained] = baseline_day();
  // Up to midnight both runs are the same run (same seed): the KPIs measured over time keep the
  // value they had at the end of the arrival window, exactly.
  for (const char* name : {"queue_length_mean", "queue_peak_hour_mean", "spillback_mean", "lane_utilization",
                           "officer_utilization", "scanner_utilization", "device_availability", "device_cost"}) {
    EXPECT_EQ(kpi(drained, name), kpi(cut, name)) << name;
  }
  // Rates per hour of the window: every truck of the day over the day's 24 hours.
  EXPECT_DOUBLE_EQ(kpi(drained, "throughput_per_hour"), kpi(drained, "trucks_exited") / 24.0);
  // Per-truck KPIs include the trucks that finished after midnight (the longest visits).
  EXPECT_GT(kpi(drained, "turn_time_max"), kpi(cut, "turn_time_max") - 1e-9);
  EXPECT_GT(kpi(drained, "trucks_exited"), kpi(cut, "trucks_exited"));
}

TEST(RunEnd, ACutRunWithWorkInProgressIsFlaggedAndADrainedOneIsNot) {
  const auto [cut, drained] = baseline_day();
  const auto w = ex::end_of_run_warnings({cut}, "baseline");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "warning: baseline: 1 of 1 replication(s) ended with work in progress (on average " +
                      std::to_string(cut.unfinished_trucks) + ".0 trucks still inside, " +
                      std::to_string(cut.unfinished_selected) +
                      ".0 of them selected for a check): their turn times, checks, catches and misses are not "
                      "counted, which biases those KPIs; a terminating day should use `end: drain`, a steady-state "
                      "study a longer run after its warm-up (scenarios/README.md, \"How a run ends\")");
  EXPECT_TRUE(ex::end_of_run_warnings({drained}).empty());
}

TEST(RunEnd, ADrainThatReachesItsLimitSaysWhatItLeft) {
  auto cfg = io::load_scenario("scenarios/baseline.yaml").config;
  cfg.end = p::RunEnd::Drain;
  cfg.drain_limit = std::chrono::seconds(1);  // far too short for the trucks inside at midnight
  ex::RunSpec spec;
  spec.seed = 3;
  const auto r = ex::run_once(cfg, spec);
  EXPECT_EQ(r.outcome, portsim::kernel::RunOutcome::Kind::TimeLimit);
  ASSERT_GT(r.unfinished_trucks, 0u);
  const auto w = ex::end_of_run_warnings({r});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "warning: replication 0 had not emptied 0.0 h after the arrivals stopped (drain_limit): " +
                      std::to_string(r.unfinished_trucks) + " truck(s) still inside are not counted");
}
