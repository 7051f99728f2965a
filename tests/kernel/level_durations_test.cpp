// The time-weighted distribution of a count: exact quantiles of a hand-made history.
#include "sim/kernel/level_durations.hpp"

#include <gtest/gtest.h>

namespace k = portsim::kernel;

namespace {
k::SimTime at(double s) { return k::SimTime{k::to_duration(s)}; }
}  // namespace

TEST(LevelDurations, QuantilesOfTheTimeAtEachLevel) {
  k::LevelDurations d(at(0));
  // 0 for 50 s, 3 for 40 s, 10 for 10 s (until now, 100 s).
  d.set(at(50), 3);
  d.set(at(90), 10);
  EXPECT_EQ(d.quantile(0.5, at(100)), 0.0);
  EXPECT_EQ(d.quantile(0.51, at(100)), 3.0);
  EXPECT_EQ(d.quantile(0.9, at(100)), 3.0);
  EXPECT_EQ(d.quantile(0.95, at(100)), 10.0);
  EXPECT_EQ(d.quantile(1.0, at(100)), 10.0);
  // The current level's time counts up to `now`: at 190 s, 10 has held for 100 s of 190.
  EXPECT_EQ(d.quantile(0.5, at(190)), 10.0);
  // Beyond the reserved table.
  d.set(at(200), 5000);
  EXPECT_EQ(d.quantile(0.99, at(10000)), 5000.0);
  d.restart(at(10000));
  EXPECT_EQ(d.quantile(0.5, at(10000)), 5000.0);  // an empty interval: the current level
  d.set(at(10010), 0);
  EXPECT_EQ(d.quantile(0.5, at(10030)), 0.0);
}
