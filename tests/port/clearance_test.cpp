// Import clearance (sim/port/clearance.hpp) and its Time Release Study tables (trs_collector.hpp)
// against theory and invariants: the documentary check of one officer against M/G/1
// (Pollaczek-Khinchine), Little's law on the containers awaiting release, an end-to-end time equal
// to the sum of its stages, conservation of containers, release before arrival, the single window,
// examinations after discharge.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/experiment/runner.hpp"
#include "tests/port/test_scenarios.hpp"

namespace ex = portsim::experiment;
namespace port = portsim::port;
using portsim::kernel::to_hours;

namespace {

struct Options {
  std::string duration = "20d";
  std::string end = "drain";
  std::string declarations = "{paper: 0, electronic: 1, pre_arrival: 0}";
  std::string yellow = "0", red = "0";
  bool single_window = false;
  std::string vessel = "{name: v, first_arrival: 3d, every: 1d, discharge: 50, discharge_rate: 10}";
  std::string clearance;  // further clearance keys, one per line, indented by 2
};

/// A port without trucks (one a day) and the clearance section of `o`.
std::string scenario(const Options& o) {
  return R"y(
name: clearance-test
duration: )y" + o.duration + R"y(
end: )y" + o.end + R"y(
drain_limit: 60d
demand:
  mode: renewal
  interarrival: "constant(1d)"
  import_share: 0
  export_share: 0
layout:
  nodes:
    - {id: in, kind: entry, x_m: 0, y_m: 0}
    - {id: gate, kind: gate, x_m: 100, y_m: 0}
    - {id: yard, kind: yard, x_m: 200, y_m: 0}
    - {id: out, kind: exit, x_m: 300, y_m: 0}
  roads:
    - {from: in, to: gate, length_m: 100, speed_kmh: 36}
    - {from: gate, to: yard, length_m: 100, speed_kmh: 36}
    - {from: yard, to: out, length_m: 100, speed_kmh: 36}
gates:
  - {id: g, node: gate, entry: in, yard: yard, exit: out, lanes: [{id: l, count: 1}]}
customs:
  declarations: )y" + o.declarations + R"y(
  selection: {mode: random, yellow_rate: )y" + o.yellow + ", red_rate: " + o.red + R"y(}
  single_window: )y" + (o.single_window ? "true" : "false") + R"y(
  trouble_ticket_rate: 0
clearance:
  vessels:
    - )y" + o.vessel + R"y(
)y" + o.clearance;
}

/// Every released container's record.
struct Records : port::ClearanceObserver {
  std::vector<port::ContainerRecord> rows;
  void on_released(const port::ContainerRecord& r) override { rows.push_back(r); }
};

struct Cleared {
  ex::RunResult result;
  std::vector<port::ContainerRecord> rows;
  double kpi(const std::string& name) const { return port::kpi_value(result.kpis, name); }
};

Cleared run(const Options& o, std::uint64_t seed = 1) {
  const auto s = portsim::test::load_text(scenario(o));
  Records records;
  ex::RunSpec spec;
  spec.seed = seed;
  spec.clearance_observers.push_back(&records);
  Cleared r{ex::run_once(s.config, spec), {}};
  r.rows = std::move(records.rows);
  return r;
}

}  // namespace

TEST(Clearance, OneOfficersDocumentaryCheckMatchesPollaczekKhinchine) {
  // Calls at a rate (exponential gaps of 40 min), one container each, lodged on arrival and accepted
  // at once, all yellow: one officer checks each in uniform(20, 40) min. M/G/1 with lambda = 1.5/h
  // and rho = 0.75: Wq = lambda E[S^2] / (2 (1 - rho)) = 0.025/min x 933.3 min^2 / 0.5 = 46.7 min,
  // so 76.7 min from acceptance to the check's end. Three replications of about 6,000 containers.
  Options o;
  o.duration = "170d";
  o.yellow = "1";
  o.vessel = "{name: v, first_arrival: 3d, interarrival: exponential(40min), discharge: 1, discharge_rate: 60}";
  o.clearance = "  aeo_share: 0\n  lodge_electronic: constant(0s)\n  accept_electronic: constant(0s)\n"
                "  document_officers: 1\n  document_check: uniform(20min, 40min)\n  agency_share: 0\n"
                "  electronic_payment_share: 1\n  payment_electronic: constant(0s)\n";
  double sum = 0;
  int n = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const Cleared r = run(o, seed);
    for (const auto& c : r.rows) {
      const double at = to_hours(c.accepted.time_since_epoch());
      if (at < 72 + 24 || at > 170 * 24 - 24) continue;  // the first and last day
      sum += to_hours(c.controlled - c.accepted) * 60;
      ++n;
    }
  }
  ASSERT_GT(n, 17000);
  EXPECT_NEAR(sum / n, 76.7, 76.7 * 0.06);
}

TEST(Clearance, LittlesLawHoldsForContainersAwaitingRelease) {
  // Drained, so every container is released; some are released before they arrive (pre-arrival)
  // and never await release. Time-averaged level x the run's length = the sum of the times from
  // discharge to release (0 for those released first).
  Options o;
  o.declarations = "{paper: 0.3, electronic: 0.3, pre_arrival: 0.4}";
  o.yellow = "0.2";
  o.red = "0.05";
  const Cleared r = run(o);
  ASSERT_FALSE(r.rows.empty());
  double sojourn_h = 0, end_h = 0;
  int early = 0;
  for (const auto& c : r.rows) {
    sojourn_h += std::max(0.0, to_hours(c.released - c.arrival));
    end_h = std::max(end_h, to_hours(c.released.time_since_epoch()));
    early += c.released < c.arrival ? 1 : 0;
  }
  EXPECT_GT(early, 0);
  EXPECT_NEAR(r.kpi("containers_awaiting_release_mean") * end_h, sojourn_h, sojourn_h * 1e-6);
}

TEST(Clearance, EndToEndIsTheSumOfItsStagesAndEveryContainerIsAccountedFor) {
  Options o;
  o.declarations = "{paper: 0.5, electronic: 0.3, pre_arrival: 0.2}";
  o.yellow = "0.1";
  o.red = "0.03";
  o.duration = "19.5d";
  const Cleared r = run(o);
  // Calls every day from day 3, announced 3 days ahead: calls 0..19 are announced in the 19.5
  // days of arrivals, all drained.
  EXPECT_EQ(r.rows.size(), 20U * 50U);
  EXPECT_EQ(r.kpi("containers_released"), 1000);
  EXPECT_EQ(r.kpi("containers_discharged"), 1000);
  EXPECT_EQ(r.kpi("containers_in_clearance"), 0);
  const double stages = r.kpi("arrival_to_lodged_mean") + r.kpi("lodged_to_accepted_mean") +
                        r.kpi("accepted_to_controlled_mean") + r.kpi("controlled_to_released_mean");
  EXPECT_NEAR(stages, r.kpi("arrival_to_release_mean"), 1e-9);
  double e2e = 0;
  int within_24 = 0;
  for (const auto& c : r.rows) {
    const double h = to_hours(c.released - c.arrival);
    e2e += h;
    within_24 += h <= 24 ? 1 : 0;
    EXPECT_LE(c.manifest, c.lodged);
    EXPECT_LE(c.lodged, c.accepted);
    EXPECT_LE(c.accepted, c.controlled);
    EXPECT_LE(c.controlled, c.released);
    EXPECT_LE(c.paid, c.released);
    EXPECT_LE(c.agency_done, c.released);
  }
  EXPECT_NEAR(r.kpi("arrival_to_release_mean"), e2e / 1000, 1e-9);
  EXPECT_NEAR(r.kpi("released_within_24h"), within_24 / 1000.0, 1e-12);
}

TEST(Clearance, ACutRunCountsWhatIsStillInClearance) {
  Options o;
  o.end = "cut";
  o.duration = "9.5d";  // calls announced at days 0..9: 10 calls
  o.declarations = "{paper: 1, electronic: 0, pre_arrival: 0}";
  const Cleared r = run(o);
  EXPECT_EQ(r.kpi("containers_released") + r.kpi("containers_in_clearance"), 500);
  EXPECT_GT(r.kpi("containers_in_clearance"), 0);
  EXPECT_EQ(r.kpi("containers_released"), static_cast<double>(r.rows.size()));
}

TEST(Clearance, PreArrivalDeclarationsReleaseBeforeTheGoodsArrive) {
  // Lodged 2-48 h ahead, accepted and paid within an hour each, green, no other agency.
  Options o;
  o.declarations = "{paper: 0, electronic: 0, pre_arrival: 1}";
  o.clearance = "  agency_share: 0\n  electronic_payment_share: 1\n";
  const Cleared r = run(o);
  EXPECT_GT(r.kpi("released_before_arrival"), 0.95);
  EXPECT_LT(r.kpi("arrival_to_release_mean"), 0);
  EXPECT_EQ(r.kpi("released_within_24h"), 1);
  EXPECT_LT(r.kpi("arrival_to_release_mean_pre_arrival"), 0);
}

TEST(Clearance, TheSingleWindowStartsTheOtherAgencyAtAcceptance) {
  // Every container gets a documentary check (officers enough for no queue) and another agency's:
  // with the single window the agency's check runs from acceptance, alongside customs', so no
  // container is released later (common random numbers) and most earlier.
  Options o;
  o.yellow = "1";
  o.clearance = "  aeo_share: 0\n  agency_share: 1\n  document_officers: 10000\n";
  const Cleared sequential = run(o);
  o.single_window = true;
  const Cleared parallel = run(o);
  ASSERT_EQ(sequential.rows.size(), parallel.rows.size());
  std::vector<double> seq(sequential.rows.size()), par(parallel.rows.size());
  for (const auto& c : sequential.rows) seq[static_cast<std::size_t>(c.id)] = to_hours(c.released.time_since_epoch());
  for (const auto& c : parallel.rows) par[static_cast<std::size_t>(c.id)] = to_hours(c.released.time_since_epoch());
  for (std::size_t i = 0; i < seq.size(); ++i) EXPECT_LE(par[i], seq[i] + 1e-9) << "container " << i;
  EXPECT_LT(parallel.kpi("arrival_to_release_mean"), sequential.kpi("arrival_to_release_mean"));
}

TEST(Clearance, AnExaminationWaitsForTheContainerToBeDischarged) {
  Options o;
  o.declarations = "{paper: 0, electronic: 0, pre_arrival: 1}";
  o.red = "1";
  o.clearance = "  aeo_share: 0\n  examination: constant(3h)\n  exam_bays: 1000\n";
  const Cleared r = run(o);
  for (const auto& c : r.rows) {
    ASSERT_EQ(c.channel, port::Channel::Red);
    EXPECT_GE(to_hours(c.controlled - c.arrival), 3 - 1e-9);
  }
  EXPECT_EQ(r.kpi("released_before_arrival"), 0);
}

TEST(Clearance, TheSameSeedGivesTheSameTables) {
  Options o;
  o.yellow = "0.2";
  o.red = "0.05";
  const Cleared a = run(o, 7), b = run(o, 7), c = run(o, 8);
  EXPECT_EQ(a.kpi("arrival_to_release_mean"), b.kpi("arrival_to_release_mean"));
  EXPECT_EQ(a.kpi("arrival_to_release_p90"), b.kpi("arrival_to_release_p90"));
  EXPECT_NE(a.kpi("arrival_to_release_mean"), c.kpi("arrival_to_release_mean"));
}
