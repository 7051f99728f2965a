// Runs, replications and comparisons: determinism and output analysis.
#include "sim/experiment/runner.hpp"

#include <gtest/gtest.h>

#include "sim/io/comparison_report.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/kernel/queueing_theory.hpp"
#include "tests/port/test_scenarios.hpp"

namespace ex = portsim::experiment;
namespace io = portsim::io;
namespace p = portsim::port;

namespace {
std::string table(const std::vector<ex::RunResult>& runs) {
  return io::runs_csv(io::Provenance{"f", "s", "h", 1, runs.size(), "v", "c"}, runs);
}
}  // namespace

TEST(Runner, SameSeedGivesByteIdenticalSummariesOnAnyThreadCount) {
  const auto sc = io::load_scenario("scenarios/baseline.yaml");
  const auto a = ex::run_replications(sc.config, 7, 4, 1, std::chrono::hours(6));
  const auto b = ex::run_replications(sc.config, 7, 4, 2, std::chrono::hours(6));
  EXPECT_EQ(table(a), table(b));
  const auto c = ex::run_replications(sc.config, 8, 4, 2, std::chrono::hours(6));
  EXPECT_NE(table(a), table(c));
  const io::Provenance prov{"f", "s", "h", 7, 4, "v", "c"};
  EXPECT_EQ(io::summary_csv(prov, ex::summarize(a)), io::summary_csv(prov, ex::summarize(b)));
}

TEST(Runner, CommonRandomNumbersShrinkTheVarianceOfDifferences) {
  // Single window vs baseline over a quiet morning: with the same seeds both see the same trucks and
  // differ only for document-checked trucks, so the paired differences of throughput and mean turn
  // time vary far less than with independent seeds (12 replications each).
  const auto base = io::load_scenario("scenarios/baseline.yaml");
  const auto reform = io::load_scenario("scenarios/single-window.yaml");
  const auto rb = ex::run_replications(base.config, 1, 12, 2, std::chrono::hours(6));
  const auto rr = ex::run_replications(reform.config, 1, 12, 2, std::chrono::hours(6));
  const auto rr_independent = ex::run_replications(reform.config, 999, 12, 2, std::chrono::hours(6));
  const auto variance = [](const std::vector<ex::RunResult>& a, const std::vector<ex::RunResult>& b, const char* kpi) {
    for (const auto& d : ex::compare(a, b)) {
      if (d.name == kpi) return d.variance_crn;
    }
    return -1.0;
  };
  for (const char* kpi : {"throughput_per_hour", "turn_time_mean"}) {
    const double crn = variance(rb, rr, kpi), independent = variance(rb, rr_independent, kpi);
    EXPECT_GE(crn, 0) << kpi;
    EXPECT_LT(crn * 5, independent) << kpi << ": CRN " << crn << " vs independent " << independent;
  }
}

TEST(Runner, ConfidenceIntervalsCoverTheExactValueAtTheStatedRate) {
  // 40 batches of 5 replications of an M/M/2 gate; the 90% CI of the mean wait must cover the
  // Erlang C value in about 90% of batches.
  const auto sc = portsim::test::load_text(
      portsim::test::tiny_port_yaml(2, "exponential(60s)", "exponential(80s)", 0, "common_queue"));
  const double exact = portsim::kernel::queueing::mmc_mean_wait(2, 1.0 / 60, 1.0 / 80) / 60;
  int covered = 0;
  constexpr int batches = 40;
  for (int b = 0; b < batches; ++b) {
    std::vector<ex::RunResult> runs(5);
    for (std::uint64_t r = 0; r < 5; ++r) {
      ex::RunSpec spec;
      spec.seed = 100 + static_cast<std::uint64_t>(b);
      spec.replication = r;
      spec.warmup = std::chrono::hours(1);
      spec.duration = std::chrono::hours(24);
      runs[r] = ex::run_once(sc.config, spec);
    }
    for (const auto& s : ex::summarize(runs, 0.9)) {
      if (s.name == "pregate_wait_mean") covered += std::abs(s.mean - exact) <= s.half_width ? 1 : 0;
    }
  }
  // Binomial(40, 0.9): 95% of outcomes fall in 32..39.
  EXPECT_GE(covered, 32);
  EXPECT_LE(covered, 40);
}

TEST(Runner, PrecisionStoppingAddsReplicationsUntilTheTarget) {
  const auto sc = portsim::test::load_text(portsim::test::tiny_port_yaml(2, "exponential(60s)", "exponential(80s)"));
  const auto runs = ex::run_to_precision(sc.config, 1, {"pregate_wait_mean"}, 0.05, 3, 200, 2, 0.95, std::chrono::hours(12));
  const auto sum = ex::summarize(runs);
  for (const auto& s : sum) {
    if (s.name == "pregate_wait_mean") {
      EXPECT_LE(s.half_width, 0.05 * s.mean);
    }
  }
  EXPECT_GT(runs.size(), 3u);
  EXPECT_LT(runs.size(), 200u);
}

TEST(Runner, Mser5FindsTheEndOfATransient) {
  std::vector<double> series;
  for (int i = 0; i < 100; ++i) series.push_back(100.0 - i);  // a decaying start
  for (int i = 0; i < 900; ++i) series.push_back(i % 2 == 0 ? 1.0 : -1.0);
  const std::size_t cut = ex::mser5(series);
  EXPECT_GE(cut, 95u);
  EXPECT_LE(cut, 110u);
}

TEST(Runner, IntervalsOfBoundedKpisStayWithinTheirBounds) {
  // Ten replications of a rare event: nine days without a catch, one with 5. The Student-t
  // interval, 0.5 +/- 1.13, would go below 0; the percentile bootstrap stays in [0, 5].
  std::vector<ex::RunResult> runs(10);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    runs[r].replication = r;
    runs[r].kpis = {{"noncompliant_caught", "containers", r == 9 ? 5.0 : 0.0},
                    {"lane_utilization", "share", r == 0 ? 0.9 : 1.0},
                    {"turn_time_mean", "min", 60.0 + static_cast<double>(r % 3)}};
  }
  const auto s = ex::summarize(runs, 0.95);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s[0].mean - s[0].half_width, -0.631, 1e-3);  // what the t interval would say
  EXPECT_TRUE(s[0].bootstrap);
  EXPECT_GE(s[0].low, 0.0);
  EXPECT_LE(s[0].high, 5.0);
  EXPECT_GT(s[0].high, s[0].mean);
  EXPECT_TRUE(s[1].bootstrap);  // 0.99 + 0.023 > 1
  EXPECT_LE(s[1].high, 1.0);
  EXPECT_GE(s[1].low, 0.9);
  EXPECT_FALSE(s[2].bootstrap);  // far from 0: Student-t, symmetric
  EXPECT_DOUBLE_EQ(s[2].low, s[2].mean - s[2].half_width);
  EXPECT_DOUBLE_EQ(s[2].high, s[2].mean + s[2].half_width);
  EXPECT_EQ(ex::summarize(runs, 0.95)[0].low, s[0].low);  // reproducible: a fixed generator
  // One replication: no interval.
  const auto one = ex::summarize({runs[9]}, 0.95);
  EXPECT_EQ(one[0].half_width, 0.0);
  EXPECT_EQ(portsim::io::interval_text(one[0]), "(n=1)");
  EXPECT_EQ(portsim::io::interval_text(s[2]), "± " + portsim::io::format_value(s[2].half_width));
}
