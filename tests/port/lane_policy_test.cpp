// Queue-triggered lane policies (GateConfig::lane_policies): exact times of the first decisions on
// a hand-computable gate, the bounds it keeps (min_lanes, the lanes of its kind), closing when the
// queue is gone, and the scenario errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/experiment/runner.hpp"
#include "sim/io/input_error.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/port.hpp"
#include "tests/port/test_scenarios.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
namespace ex = portsim::experiment;
using portsim::test::load_text;
using portsim::test::tiny_port_yaml;

namespace {

struct LaneEvents : p::PortObserver {
  std::vector<p::DomainEvent> events;
  void on_truck_exit(const p::TruckRecord&) override {}
  void on_event(const p::DomainEvent& e) override {
    if (e.kind == p::EventKind::LaneOpened || e.kind == p::EventKind::LaneClosed) events.push_back(e);
  }
};

/// The tiny gate with three general lanes under a policy (open above 2 min, close below 1 min,
/// checked every 5 min), trucks every 30 s, 90 s a truck: one lane cannot keep up, three can.
std::string policy_yaml(const std::string& extra = "") {
  std::string y = tiny_port_yaml(3, "constant(30s)", "constant(90s)");
  const std::string at = "    lanes:\n";
  y.replace(y.find(at), at.size(),
            "    lane_policies:\n      - {kind: general, min_lanes: 1, open_above: 2min, close_below: 1min, "
            "check_every: 5min}\n" + at);
  return y + extra;
}

LaneEvents run_policy(const std::string& yaml) {
  const auto sc = load_text(yaml);
  LaneEvents rec;
  ex::RunSpec spec;
  spec.observers.push_back(&rec);
  ex::run_once(sc.config, spec);
  return rec;
}

}  // namespace

TEST(LanePolicy, OpensALaneWhenTheIntervalsMeanWaitPassesTheThreshold) {
  const auto rec = run_policy(policy_yaml());
  ASSERT_GE(rec.events.size(), 3u);
  // At the start only min_lanes (1) is open: lanes 1 and 2 close at 0.
  EXPECT_EQ(rec.events[0].kind, p::EventKind::LaneClosed);
  EXPECT_EQ(rec.events[0].lane, 1);
  EXPECT_EQ(rec.events[1].kind, p::EventKind::LaneClosed);
  EXPECT_EQ(rec.events[1].lane, 2);
  EXPECT_EQ(k::to_seconds(rec.events[1].time), 0.0);
  // Truck i arrives at 30 i s and reaches the lane 20 s later; one lane serves every 90 s. In the
  // first 5 min trucks start at 50, 140 and 230 s after waits of 0, 60 and 120 s: mean 1 min, not
  // above 2 min, so nothing changes at 300 s. From 300 to 600 s they start at 320, 410, 500 and
  // 590 s after 180-360 s: mean 4.5 min, so lane 1 opens at 600 s.
  EXPECT_EQ(rec.events[2].kind, p::EventKind::LaneOpened);
  EXPECT_EQ(rec.events[2].lane, 1);
  EXPECT_DOUBLE_EQ(k::to_seconds(rec.events[2].time), 600.0);
  // Decisions only at checks, and never fewer than 1 or more than 3 lanes open.
  int open = 1;
  for (std::size_t i = 2; i < rec.events.size(); ++i) {
    const double t = k::to_seconds(rec.events[i].time);
    EXPECT_EQ(static_cast<long long>(t) % 300, 0) << "event at " << t << " s";
    open += rec.events[i].kind == p::EventKind::LaneOpened ? 1 : -1;
    EXPECT_GE(open, 1);
    EXPECT_LE(open, 3);
  }
}

TEST(LanePolicy, ClosesIdleLanesWhenTheQueueIsGone) {
  // A drained hour with 40 min in the yard: after the arrivals stop, the lanes are idle while the
  // last trucks are still in the yard; the waits fall to 0 and the extra lanes close, one a check.
  std::string y = policy_yaml("end: drain\n");
  y.replace(y.find("constant(5min)"), 14, "constant(40min)");
  const auto rec = run_policy(y);
  int open = 1, most = 1;
  double last_close = 0;
  for (std::size_t i = 2; i < rec.events.size(); ++i) {
    open += rec.events[i].kind == p::EventKind::LaneOpened ? 1 : -1;
    most = std::max(most, open);
    if (rec.events[i].kind == p::EventKind::LaneClosed) last_close = k::to_seconds(rec.events[i].time);
  }
  EXPECT_EQ(most, 3);  // the load needs all three
  EXPECT_EQ(open, 1);  // and the policy is back to min_lanes
  EXPECT_GT(last_close, 3600.0);
}

TEST(LanePolicy, ScenarioErrorsNameTheFieldAndTheRule) {
  const auto error_of = [](const std::string& yaml) {
    try {
      load_text(yaml);
    } catch (const portsim::io::InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  std::string y = policy_yaml();
  y.replace(y.find("min_lanes: 1"), 12, "min_lanes: 4");
  EXPECT_NE(error_of(y).find("gates[0].lane_policies[0].min_lanes: the gate has 3 general lane(s), fewer than min_lanes 4"),
            std::string::npos)
      << error_of(y);
  y = policy_yaml();
  y.replace(y.find("close_below: 1min"), 17, "close_below: 3min");
  EXPECT_NE(error_of(y).find("gates[0].lane_policies[0].close_below: close_below (3min) must not be above open_above (2min)"),
            std::string::npos)
      << error_of(y);
  y = policy_yaml();
  y.replace(y.find("{id: l, count: 3}"), 17, "{id: l, count: 3, open: [\"06:00-18:00\"]}");
  EXPECT_NE(error_of(y).find("opens by the policy, not by opening hours"), std::string::npos) << error_of(y);
}

TEST(LanePolicy, LanesOpenMeanIsTheTimeWeightedCountOfTheLaneEvents) {
  const auto sc = load_text(policy_yaml());
  LaneEvents rec;
  ex::RunSpec spec;
  spec.observers.push_back(&rec);
  const auto result = ex::run_once(sc.config, spec);
  // Three lanes open at 0 until the policy closes two (at 0), then the events' count over the hour.
  double open = 3, last = 0, area = 0;
  for (const auto& e : rec.events) {
    const double t = k::to_seconds(e.time);
    area += open * (t - last);
    last = t;
    open += e.kind == p::EventKind::LaneOpened ? 1 : -1;
  }
  area += open * (3600 - last);
  EXPECT_NEAR(p::kpi_value(result.kpis, "lanes_open_mean"), area / 3600, 1e-9);
  EXPECT_GT(area / 3600, 1.0);
}
