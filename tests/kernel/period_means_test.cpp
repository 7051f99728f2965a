// Means of observations by period: exact counts of a hand-made set of observations.
#include "sim/kernel/period_means.hpp"

#include <gtest/gtest.h>

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {
k::SimTime at(k::Duration d) { return k::SimTime{d}; }
}  // namespace

TEST(PeriodMeans, CountsThePeriodsWhoseMeanPassedTheThreshold) {
  k::PeriodMeans p(at(1h), 1h, 4);
  p.add(at(30min), 500);       // before the start: ignored
  p.add(at(1h + 10min), 20);   // hour 0: mean 35 > 30
  p.add(at(1h + 50min), 50);
  p.add(at(2h), 30);           // hour 1: mean 30, not above 30
  p.add(at(4h + 59min), 31);   // hour 3: 31 (hour 2 has no observation: not broken)
  auto c = p.above(30, at(5h));
  EXPECT_EQ(c.periods, 4u);
  EXPECT_EQ(c.broken, 2u);
  c = p.above(30, at(5h + 1s));  // hour 4 has begun, without observations
  EXPECT_EQ(c.periods, 5u);
  EXPECT_EQ(c.broken, 2u);
  EXPECT_EQ(p.above(30, at(3h)).broken, 1u);  // only hours 0 and 1 have begun by 03:00
  EXPECT_EQ(p.above(10, at(5h)).broken, 3u);
  EXPECT_EQ(p.above(30, at(1h)).periods, 0u);
  // Beyond the reserved room it grows.
  p.add(at(100h), 40);
  EXPECT_EQ(p.above(30, at(101h)).broken, 3u);
  p.restart(at(101h));
  EXPECT_EQ(p.above(0, at(103h)).periods, 2u);
  EXPECT_EQ(p.above(0, at(103h)).broken, 0u);
}
