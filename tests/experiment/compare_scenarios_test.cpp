// compare_scenarios runs every scenario on the same seeds (common random numbers): its runs are
// each scenario's own replications, its differences pair them with the base's, and the thread
// count changes nothing.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/experiment/compare_scenarios.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;

namespace {

std::vector<portsim::port::ScenarioConfig> base_and_reform() {
  return {portsim::io::load_scenario("tests/data/base_ok.yaml").config,
          portsim::io::load_scenario("tests/data/base_ok.yaml", {"name=more-lanes", "gates[0].lanes[0].count=5"})
              .config};
}

ex::CompareSpec spec(unsigned jobs) {
  ex::CompareSpec s;
  s.seed = 11;
  s.replications = 3;
  s.jobs = jobs;
  s.level = 0.9;
  return s;
}

double kpi_value(const ex::RunResult& r, const std::string& name) {
  for (const auto& k : r.kpis) {
    if (k.name == name) return k.value;
  }
  ADD_FAILURE() << "no KPI " << name;
  return 0;
}

}  // namespace

TEST(CompareScenarios, RunsAreEachScenariosReplicationsOnTheSameSeeds) {
  const auto scenarios = base_and_reform();
  const auto c = ex::compare_scenarios(scenarios, spec(2));
  ASSERT_EQ(c.scenarios.size(), 2u);
  EXPECT_EQ(c.seed, 11u);
  EXPECT_EQ(c.replications, 3u);
  EXPECT_EQ(c.level, 0.9);
  EXPECT_EQ(c.scenarios[0].name, "small");
  EXPECT_EQ(c.scenarios[1].name, "more-lanes");
  for (std::size_t s = 0; s < 2; ++s) {
    const auto expected = ex::run_replications(scenarios[s], 11, 3, 1);
    ASSERT_EQ(c.scenarios[s].runs.size(), 3u);
    for (std::size_t r = 0; r < 3; ++r) {
      EXPECT_EQ(c.scenarios[s].runs[r].replication, r);
      EXPECT_EQ(kpi_value(c.scenarios[s].runs[r], "turn_time_mean"), kpi_value(expected[r], "turn_time_mean"));
    }
    const auto summary = ex::summarize(expected, 0.9);
    ASSERT_EQ(c.scenarios[s].summary.size(), summary.size());
    for (std::size_t k = 0; k < summary.size(); ++k) {
      EXPECT_EQ(c.scenarios[s].summary[k].name, summary[k].name);
      EXPECT_EQ(c.scenarios[s].summary[k].mean, summary[k].mean) << summary[k].name;
      EXPECT_EQ(c.scenarios[s].summary[k].half_width, summary[k].half_width) << summary[k].name;
    }
  }
  // The same trucks arrive in both (common random numbers); more lanes shorten the turn time.
  EXPECT_EQ(kpi_value(c.scenarios[0].runs[0], "trucks_arrived"), kpi_value(c.scenarios[1].runs[0], "trucks_arrived"));
  EXPECT_LT(kpi_value(c.scenarios[1].runs[0], "turn_time_mean"), kpi_value(c.scenarios[0].runs[0], "turn_time_mean"));
}

TEST(CompareScenarios, DifferencesPairTheReformWithTheBase) {
  const auto c = ex::compare_scenarios(base_and_reform(), spec(1));
  EXPECT_TRUE(c.scenarios[0].differences.empty());
  const auto expected = ex::compare(c.scenarios[0].runs, c.scenarios[1].runs, 0.9);
  ASSERT_EQ(c.scenarios[1].differences.size(), expected.size());
  ASSERT_FALSE(expected.empty());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(c.scenarios[1].differences[k].name, expected[k].name);
    EXPECT_EQ(c.scenarios[1].differences[k].diff_mean, expected[k].diff_mean) << expected[k].name;
    EXPECT_EQ(c.scenarios[1].differences[k].half_width, expected[k].half_width) << expected[k].name;
  }
}

TEST(CompareScenarios, ThreadCountChangesNothing) {
  const auto one = ex::compare_scenarios(base_and_reform(), spec(1));
  const auto two = ex::compare_scenarios(base_and_reform(), spec(2));
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t k = 0; k < one.scenarios[s].summary.size(); ++k) {
      EXPECT_EQ(one.scenarios[s].summary[k].mean, two.scenarios[s].summary[k].mean);
    }
  }
}

TEST(CompareScenarios, HourlyQueueProfilesAverageTheReplications) {
  const auto c = ex::compare_scenarios(base_and_reform(), spec(2));
  const auto profiles = ex::hourly_queue_profiles(c);
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[1].label, "more-lanes");
  const auto& runs = c.scenarios[0].runs;
  ASSERT_EQ(profiles[0].y.size(), runs[0].hourly_queue.size());
  ASSERT_FALSE(profiles[0].y.empty());
  for (std::size_t h = 0; h < profiles[0].y.size(); ++h) {
    EXPECT_EQ(profiles[0].x[h], static_cast<double>(h));
    EXPECT_NEAR(profiles[0].y[h], (runs[0].hourly_queue[h] + runs[1].hourly_queue[h] + runs[2].hourly_queue[h]) / 3,
                1e-12);
    EXPECT_GE(profiles[0].half_width[h], 0);
  }
  auto single = spec(1);
  single.replications = 1;
  const auto one_run = ex::hourly_queue_profiles(ex::compare_scenarios(base_and_reform(), single));
  ASSERT_EQ(one_run[0].half_width.size(), profiles[0].half_width.size());
  for (const double hw : one_run[0].half_width) EXPECT_EQ(hw, 0);
}

TEST(CompareScenarios, PairwiseComparesEveryPairOfAlternativesOnTheSameRuns) {
  auto scenarios = base_and_reform();
  scenarios.push_back(
      portsim::io::load_scenario("tests/data/base_ok.yaml", {"name=fewer-lanes", "gates[0].lanes[0].count=1"}).config);
  auto s = spec(2);
  s.pairwise = true;
  const auto c = ex::compare_scenarios(scenarios, s);
  ASSERT_EQ(c.pairs.size(), 1u);
  EXPECT_EQ(c.pairs[0].a, 1u);
  EXPECT_EQ(c.pairs[0].b, 2u);
  // Paired differences are linear: (fewer - base) - (more - base) = fewer - more, KPI by KPI.
  const auto& more = c.scenarios[1].differences;
  const auto& fewer = c.scenarios[2].differences;
  ASSERT_EQ(c.pairs[0].differences.size(), more.size());
  for (std::size_t k = 0; k < more.size(); ++k) {
    EXPECT_EQ(c.pairs[0].differences[k].name, more[k].name);
    EXPECT_NEAR(c.pairs[0].differences[k].diff_mean, fewer[k].diff_mean - more[k].diff_mean,
                1e-9 * (1 + std::fabs(fewer[k].diff_mean)))
        << more[k].name;
  }
  s.pairwise = false;
  EXPECT_TRUE(ex::compare_scenarios(scenarios, s).pairs.empty());
}
