// How forecasts are judged (calibration/evaluation, baselines, baseline_comparison): hand-computed
// scores, the top-load selection on inputs, the ranked probability score, the Diebold-Mariano
// test over day blocks, and the data-only learner (XGBoost) learning a known relation.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "calibration/baseline_comparison.hpp"
#include "calibration/baselines.hpp"
#include "calibration/evaluation.hpp"
#include "calibration/xgb_learner.hpp"

namespace c = portsim::calibration;

namespace {

c::HourRow row(const std::string& date, int hour, int arrivals, int servers, double wait) {
  c::HourRow r;
  r.site = "X";
  r.date = date;
  r.hour_start = hour;
  r.arrivals = arrivals;
  r.servers = servers;
  r.avg_wait_min = wait;
  return r;
}

}  // namespace

TEST(Evaluation, ScoresOverallCongestedAndTopLoadHours) {
  // Ten hours, loads 10..100 passengers per booth; the last hour alone is the top 10% by load.
  std::vector<c::HourRow> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row("2018-01-0" + std::to_string(1 + i / 5), i, 10 * (i + 1), 1, 5.0 * i));
  rows.push_back(row("2018-01-03", 0, 5000, 1, -1));  // no observed wait: not judged
  const c::HeldOutHours h = c::held_out_hours(rows);
  ASSERT_EQ(h.observed.size(), 10u);
  EXPECT_EQ(std::count(h.top_load.begin(), h.top_load.end(), true), 1);
  EXPECT_TRUE(h.top_load[9]);
  EXPECT_DOUBLE_EQ(c::load_of(rows[3]), 40);
  // A forecast of 20 min everywhere: errors |20 - 5i|.
  const c::Scores s = c::score(h, {"flat", std::vector<double>(10, 20.0), {}});
  EXPECT_DOUBLE_EQ(s.all.mae, (20 + 15 + 10 + 5 + 0 + 5 + 10 + 15 + 20 + 25) / 10.0);
  // Congested: observed 30, 35, 40, 45 min (hours 6-9): errors 10, 15, 20, 25, all too low.
  EXPECT_EQ(s.congested_hours, 4u);
  EXPECT_DOUBLE_EQ(s.congested_mae, 17.5);
  EXPECT_DOUBLE_EQ(s.congested_bias, -17.5);
  EXPECT_EQ(s.top_load_hours, 1u);
  EXPECT_DOUBLE_EQ(s.top_load_mae, 25);
  EXPECT_DOUBLE_EQ(s.rps, -1);  // no histograms
  EXPECT_THROW(c::score(h, {"short", {1.0}, {}}), std::invalid_argument);
}

TEST(Evaluation, RankedProbabilityScoreOfPointsAndDistributions) {
  // Half the passengers waited 0-15 min, half 16-30: cumulative observed 0.5, 1, 1, 1, 1, 1.
  const std::array<int, 7> bins{50, 50, 0, 0, 0, 0, 0};
  // A point at 10 min puts everyone in the first bin: (1 - 0.5)^2 over six edges.
  EXPECT_DOUBLE_EQ(c::ranked_probability_score(c::point_shares(10), bins), 0.25 / 6);
  // The right distribution scores 0; a point at 200 min scores (0.25 + 1 + 1 + 1 + 1 + 1) / 6.
  EXPECT_DOUBLE_EQ(c::ranked_probability_score({0.5, 0.5, 0, 0, 0, 0, 0}, bins), 0.0);
  EXPECT_DOUBLE_EQ(c::ranked_probability_score(c::point_shares(200), bins), 5.25 / 6);
  EXPECT_EQ(c::point_shares(15)[0], 1);  // 15 min belongs to 0-15
  EXPECT_EQ(c::point_shares(15.5)[1], 1);
  EXPECT_THROW(c::ranked_probability_score(c::point_shares(1), {}), std::invalid_argument);
  // Shares that do not add up to 1 are normalised.
  EXPECT_DOUBLE_EQ(c::ranked_probability_score({0.25, 0.25, 0, 0, 0, 0, 0}, bins), 0.0);
  EXPECT_THROW(c::ranked_probability_score({}, bins), std::invalid_argument);
}

TEST(Evaluation, DieboldMarianoUsesDayBlocks) {
  // Two days of two hours; forecast a is 1 min better in every hour of day 1 and 3 min in day 2.
  std::vector<c::HourRow> rows{row("2018-01-01", 0, 10, 1, 10), row("2018-01-01", 1, 10, 1, 10),
                               row("2018-01-02", 0, 10, 1, 10), row("2018-01-02", 1, 10, 1, 10)};
  const c::HeldOutHours h = c::held_out_hours(rows);
  const std::vector<double> a{10, 10, 10, 10}, b{11, 9, 13, 7};
  const auto dm = c::diebold_mariano(h, a, b);
  EXPECT_EQ(dm.days, 2u);
  EXPECT_DOUBLE_EQ(dm.mean_difference, -2.0);  // day means -1 and -3
  // sd of the day means sqrt(2), standard error 1: statistic -2; with 1 degree of freedom (two
  // days) the t distribution is Cauchy: p = 1 - 2 atan(2) / pi, and the 97.5% quantile is 12.706.
  EXPECT_NEAR(dm.statistic, -2.0, 1e-12);
  EXPECT_NEAR(dm.p_value, 1 - 2 * std::atan(2.0) / M_PI, 1e-9);
  EXPECT_NEAR(dm.low, -2 - 12.7062047, 1e-6);
  EXPECT_NEAR(dm.high, -2 + 12.7062047, 1e-6);
}

TEST(DataOnlyLearner, LearnsAKnownRelationDeterministically) {
  // Waits that are 0.5 min per passenger per booth over 20, else 0 (a hockey stick).
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (int i = 0; i < 400; ++i) {
    const double load = i % 80;
    x.push_back({load, static_cast<double>(i % 7)});
    y.push_back(std::max(0.0, load - 20) * 0.5);
  }
  const auto a = c::XgbLearner::fit(x, y);
  const auto b = c::XgbLearner::fit(x, y);
  const std::vector<std::vector<double>> probe{{10, 0}, {60, 3}, {79, 6}};
  const auto pa = a.predict(probe), pb = b.predict(probe);
  ASSERT_EQ(pa.size(), 3u);
  EXPECT_EQ(pa, pb);  // one thread, fixed seed: bit for bit
  EXPECT_NEAR(pa[0], 0, 1.0);
  EXPECT_NEAR(pa[1], 20, 1.5);
  EXPECT_NEAR(pa[2], 29.5, 2.0);
  EXPECT_THROW(c::XgbLearner::fit({}, {}), std::invalid_argument);
}

TEST(Baselines, TheLearnerSeesTheHoursInputsAndBeatsAConstant) {
  // Waits follow passengers per booth; the learner gets them through base_wait_features.
  std::vector<c::HourRow> train, test;
  for (int d = 1; d <= 28; ++d) {
    for (int hour = 0; hour < 24; ++hour) {
      const int arrivals = 100 + 37 * ((hour * 7 + d * 3) % 11);
      const int servers = 2 + (hour + d) % 3;
      const double wait = 0.1 * arrivals / servers;
      auto& to = d <= 21 ? train : test;
      to.push_back(row("2018-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d), hour, arrivals, servers, wait));
    }
  }
  const auto learner = c::baseline_learner(train, test, test);
  const auto constant = c::baseline_constant(train, test);
  ASSERT_EQ(learner.size(), test.size());
  const c::HeldOutHours h = c::held_out_hours(test);
  const double learner_mae = c::score(h, {"learner", learner, {}}).all.mae;
  const double constant_mae = c::score(h, {"constant", constant, {}}).all.mae;
  EXPECT_LT(learner_mae, 0.3 * constant_mae) << learner_mae << " vs " << constant_mae;
}
