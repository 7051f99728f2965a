// The percentile bootstrap interval of a mean: within the observations' range, reproducible, and
// close to the Student-t interval where that one is right (many normal observations).
#include "sim/kernel/bootstrap.hpp"

#include <gtest/gtest.h>

#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;

TEST(Bootstrap, StaysWithinTheObservationsAndIsReproducible) {
  const std::vector<double> xs{0, 0, 0, 0, 0, 0, 0, 0, 1, 3};
  const k::Interval a = k::bootstrap_mean_interval(xs, 0.95, 7);
  EXPECT_GE(a.low, 0.0);
  EXPECT_LE(a.high, 3.0);
  EXPECT_LT(a.low, 0.4);
  EXPECT_GT(a.high, 0.4);
  const k::Interval b = k::bootstrap_mean_interval(xs, 0.95, 7);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
  const k::Interval c = k::bootstrap_mean_interval({2.5}, 0.95, 7);
  EXPECT_EQ(c.low, 2.5);
  EXPECT_EQ(c.high, 2.5);
}

TEST(Bootstrap, AgreesWithStudentTOnManyNormalObservations) {
  k::Rng rng = k::RandomStreams(5).stream("normal");
  const auto d = k::Distribution::lognormal(100, 5);  // nearly normal
  std::vector<double> xs;
  for (int i = 0; i < 400; ++i) xs.push_back(d.sample(rng));
  const k::ConfidenceInterval t = k::confidence_interval(xs, 0.95);
  const k::Interval b = k::bootstrap_mean_interval(xs, 0.95, 1);
  EXPECT_NEAR(b.low, t.low(), 0.15 * t.half_width);
  EXPECT_NEAR(b.high, t.high(), 0.15 * t.half_width);
}
