// Periods in which a level went above a threshold: exact counts of a hand-made history.
#include "sim/kernel/threshold_periods.hpp"

#include <gtest/gtest.h>

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {
k::SimTime at(k::Duration d) { return k::SimTime{d}; }
}  // namespace

TEST(ThresholdPeriods, CountsTheHoursALevelWentAboveItsThreshold) {
  k::ThresholdPeriods p(at(0h), 1h, 10);
  p.set(at(30min), 12);   // hour 0 broken
  p.set(at(40min), 5);
  p.set(at(150min), 11);  // hour 1 stays at 5; hour 2 broken from 02:30 ...
  p.set(at(310min), 3);   // ... and hours 3 and 4 (the level held), until 05:10
  auto c = p.count(at(6h));  // hours 0-5 end at 06:00
  EXPECT_EQ(c.periods, 6u);
  EXPECT_EQ(c.broken, 5u);  // hours 0, 2, 3, 4 and 5 (11 from 05:00 to 05:10); not hour 1
  c = p.count(at(6h + 1s));
  EXPECT_EQ(c.periods, 7u);  // hour 6 has begun, at 3
  EXPECT_EQ(c.broken, 5u);
  EXPECT_EQ(p.count(at(5h + 30min)).broken, 5u);  // hour 5 is broken already, while it lasts
}

TEST(ThresholdPeriods, RestartCountsAgainWithTheCurrentLevel) {
  k::ThresholdPeriods p(at(0h), 24h, 100);
  p.set(at(1h), 150);
  p.restart(at(24h));  // the warm-up day is forgotten; the level is still above
  const auto c = p.count(at(48h));
  EXPECT_EQ(c.periods, 1u);
  EXPECT_EQ(c.broken, 1u);
}
