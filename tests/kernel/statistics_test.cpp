#include "sim/kernel/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/kernel/random.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

TEST(Tally, ExactMomentsOnKnownData) {
  k::Tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  EXPECT_EQ(t.count(), 8u);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(t.min(), 2.0);
  EXPECT_DOUBLE_EQ(t.max(), 9.0);
  EXPECT_TRUE(std::isnan(k::Tally().mean()));
}

TEST(Tally, StreamingQuantilesTrackTheTrueOnes) {
  k::Rng rng = k::RandomStreams(3).stream("q");
  const auto d = k::Distribution::lognormal(60, 40);
  k::Tally t;
  std::vector<double> all;
  for (int i = 0; i < 100'000; ++i) {
    const double x = d.sample(rng);
    t.add(x);
    all.push_back(x);
  }
  std::sort(all.begin(), all.end());
  const auto exact = [&](double p) { return all[static_cast<std::size_t>(p * static_cast<double>(all.size() - 1))]; };
  EXPECT_NEAR(t.p50(), exact(0.5), 0.01 * exact(0.5));
  EXPECT_NEAR(t.p90(), exact(0.9), 0.01 * exact(0.9));
  EXPECT_NEAR(t.p95(), exact(0.95), 0.01 * exact(0.95));
}

TEST(Tally, StreamingQuantilesMoveSmoothlyInsideABucket) {
  // 10,000 values spread evenly over [100, 101): one bucket of the sketch (64 per power of two:
  // [64, 128) in steps of 1). Reading the bucket's midpoint would give 100.5 for every quantile and
  // a difference of percentiles of zero; read inside the bucket they follow the data.
  k::Tally t;
  for (int i = 0; i < 10'000; ++i) t.add(100.0 + (i + 0.5) / 10'000.0);
  EXPECT_NEAR(t.p50(), 100.5, 0.001);
  EXPECT_NEAR(t.p90(), 100.9, 0.001);
  EXPECT_NEAR(t.p95(), 100.95, 0.001);
  EXPECT_NEAR(t.quantile(0.1), 100.1, 0.001);
  // Negative values the same way, most negative first.
  k::Tally n;
  for (int i = 0; i < 10'000; ++i) n.add(-100.0 - (i + 0.5) / 10'000.0);
  EXPECT_NEAR(n.p90(), -100.1, 0.001);
  EXPECT_NEAR(n.quantile(0.1), -100.9, 0.001);
  // Over many buckets: the 95th percentile of values spread evenly over [64, 128) is 124.8; the
  // midpoint of its bucket [124, 125) would be 124.5.
  k::Tally wide;
  for (int i = 0; i < 64'000; ++i) wide.add(64.0 + (i + 0.5) / 1000.0);
  EXPECT_NEAR(wide.p95(), 124.8, 0.01);
}

TEST(Tally, SparseValuesInterpolateBetweenOrderStatisticsWithinTheData) {
  // Six values, just past the exact small-sample path: the median lies between 3 and 4, the 95th
  // percentile between 5 and 100 (exact: 3.5 and 76.25); each order statistic is read inside its
  // bucket, so the result is near, not at, the exact value.
  k::Tally t;
  for (double x : {1.0, 2.0, 3.0, 4.0, 5.0, 100.0}) t.add(x);
  EXPECT_NEAR(t.p50(), 3.5, 0.05);
  EXPECT_NEAR(t.p95(), 76.25, 1.0);
  // Constant data: every quantile is the value (clamped to the minimum and maximum).
  k::Tally c;
  for (int i = 0; i < 100; ++i) c.add(100.0);
  EXPECT_DOUBLE_EQ(c.p50(), 100.0);
  EXPECT_DOUBLE_EQ(c.quantile(1.0), 100.0);
  EXPECT_DOUBLE_EQ(c.quantile(0.0), 100.0);
}

TEST(Tally, SmallSamplesGiveExactQuantiles) {
  k::Tally t;
  for (double x : {30.0, 10.0, 20.0}) t.add(x);
  EXPECT_DOUBLE_EQ(t.p50(), 20.0);
  EXPECT_DOUBLE_EQ(t.p90(), 28.0);
}

TEST(TimeWeighted, AveragesOverTime) {
  k::TimeWeighted q(k::time_zero);
  q.set(k::time_zero + 10s, 2);
  q.set(k::time_zero + 20s, 1);
  q.set(k::time_zero + 40s, 0);
  EXPECT_DOUBLE_EQ(q.mean(k::time_zero + 40s), (2.0 * 10 + 1.0 * 20) / 40);
  EXPECT_DOUBLE_EQ(q.max(), 2.0);
  EXPECT_DOUBLE_EQ(q.integral(k::time_zero + 60s), 40.0);
  q.restart(k::time_zero + 60s);
  q.set(k::time_zero + 70s, 4);
  EXPECT_DOUBLE_EQ(q.mean(k::time_zero + 80s), 2.0);
}

TEST(HourlyLevel, SplitsTheAreaAcrossHours) {
  k::HourlyLevel q(24);
  q.set(k::time_zero + 30min, 4);   // 0 until 00:30, then 4
  q.set(k::time_zero + 90min, 0);   // 4 until 01:30
  q.set(k::time_zero + 25h, 2);     // day 2, hour 1 from 01:00
  q.flush(k::time_zero + 26h);
  EXPECT_DOUBLE_EQ(q.mean(0), (0.0 * 30 + 4.0 * 30 + 0.0 * 60) / 120);  // hour 0 of both days
  EXPECT_DOUBLE_EQ(q.mean(1), (4.0 * 30 + 0.0 * 30 + 2.0 * 60) / 120);
  EXPECT_DOUBLE_EQ(q.max(1), 4.0);
}

TEST(Histogram, CountsBinsAndOutliers) {
  k::Histogram h(0, 60, 4);
  for (double x : {-1.0, 0.0, 14.9, 15.0, 59.9, 60.0, 100.0}) h.add(x);
  EXPECT_EQ(h.underflow(), 1u);
  EXPECT_EQ(h.count(0), 2u);
  EXPECT_EQ(h.count(1), 1u);
  EXPECT_EQ(h.count(3), 1u);
  EXPECT_EQ(h.overflow(), 2u);
  EXPECT_EQ(h.total(), 7u);
}

TEST(ConfidenceInterval, MatchesStudentT) {
  // t_{0.975, 9} = 2.262157
  const auto ci = k::confidence_interval(10.0, 2.0, 10, 0.95);
  EXPECT_NEAR(ci.half_width, 2.262157 * 2.0 / std::sqrt(10.0), 1e-5);
  EXPECT_NEAR(k::student_t_quantile(0.90, 4), 2.131847, 1e-5);
  EXPECT_TRUE(std::isnan(k::confidence_interval(1.0, 0.0, 1).half_width));
  EXPECT_THROW(k::student_t_quantile(1.5, 3), std::invalid_argument);
}

TEST(ConfidenceInterval, CoversTheTrueMeanAtTheStatedRate) {
  k::Rng rng = k::RandomStreams(5).stream("coverage");
  const auto d = k::Distribution::exponential(10);
  int covered = 0;
  constexpr int trials = 2000;
  for (int i = 0; i < trials; ++i) {
    std::vector<double> xs;
    for (int j = 0; j < 30; ++j) xs.push_back(d.sample(rng));
    covered += k::confidence_interval(xs, 0.9).contains(10.0) ? 1 : 0;
  }
  // Binomial(2000, ~0.9) has sd 13.4; skewed data make the t interval slightly liberal.
  EXPECT_NEAR(covered / double(trials), 0.9, 0.03);
}
