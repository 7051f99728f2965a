#include "sim/kernel/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;

TEST(RandomStreams, SameSeedAndNameGiveTheSameSequence) {
  k::RandomStreams a(7, 3), b(7, 3);
  k::Rng x = a.stream("arrivals/north-gate"), y = b.stream("arrivals/north-gate");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(x(), y());
}

TEST(RandomStreams, NamesSeedsAndReplicationsGiveDifferentSequences) {
  k::RandomStreams base(7, 0);
  const auto first = [](k::Rng r) { return r(); };
  const auto v = first(base.stream("arrivals/north-gate"));
  EXPECT_NE(v, first(base.stream("arrivals/south-gate")));
  EXPECT_NE(v, first(k::RandomStreams(8, 0).stream("arrivals/north-gate")));
  EXPECT_NE(v, first(k::RandomStreams(7, 1).stream("arrivals/north-gate")));
  EXPECT_NE(base.seed_for("a"), base.seed_for("b"));
}

namespace {

// Sample mean and variance of n draws, compared with the exact moments within 5 standard errors.
void check_moments(const k::Distribution& d, const std::string& name) {
  k::Rng rng = k::RandomStreams(11).stream(name);
  k::Tally t;
  constexpr int n = 200'000;
  for (int i = 0; i < n; ++i) t.add(d.sample(rng));
  const double se_mean = std::sqrt(d.variance() / n);
  EXPECT_NEAR(t.mean(), d.mean(), 5 * se_mean + 1e-12) << d.describe();
  // Standard error of the sample variance is about var * sqrt(2/n) for light tails; lognormal and
  // gamma with small shape have heavier tails, hence the wider 8% band.
  EXPECT_NEAR(t.variance(), d.variance(), 0.08 * d.variance() + 1e-12) << d.describe();
}

}  // namespace

TEST(Distribution, MomentsMatchTheory) {
  check_moments(k::Distribution::constant(90), "c");
  check_moments(k::Distribution::uniform(60, 120), "u");
  check_moments(k::Distribution::triangular(10, 15, 40), "t");
  check_moments(k::Distribution::exponential(36), "e");
  check_moments(k::Distribution::erlang(3, 90), "er");
  check_moments(k::Distribution::gamma(2.5, 12), "g");
  check_moments(k::Distribution::lognormal(90, 30), "ln");
  check_moments(k::Distribution::weibull(1.5, 100), "w");
  check_moments(k::Distribution::empirical({10, 20, 60}, {1, 2, 1}), "em");
}

TEST(Distribution, ValidatesOnConstruction) {
  const auto message = [](auto make) {
    try {
      make();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { return k::Distribution::exponential(-3); }),
            "exponential(mean): mean must be > 0, got -3");
  EXPECT_EQ(message([] { return k::Distribution::lognormal(90, -30); }),
            "lognormal(mean, sd): sd must be > 0, got -30");
  EXPECT_EQ(message([] { return k::Distribution::uniform(5, 1); }),
            "uniform(low, high): needs low <= high, got low 5, high 1");
  EXPECT_EQ(message([] { return k::Distribution::triangular(1, 9, 5); }),
            "triangular(low, mode, high): needs low <= mode <= high and low < high, got 1, 9, 5");
  EXPECT_EQ(message([] { return k::Distribution::erlang(0, 5); }),
            "erlang(k, mean): k must be an integer >= 1, got 0");
  EXPECT_EQ(message([] { return k::Distribution::empirical({1, 2}, {1}); }),
            "empirical: 1 weights for 2 values");
  EXPECT_EQ(message([] { return k::Distribution::weibull(0, 5); }),
            "weibull(shape, scale): shape must be > 0, got 0");
}
