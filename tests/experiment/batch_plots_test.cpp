// The batch plots are planned from points.csv: a Latin hypercube shows every design point (the
// old plots kept 8 series of one point each, so 42 of 50 points vanished), a grid every line.
#include "sim/experiment/batch_plots.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ex = portsim::experiment;

namespace {
const std::string header = "point,demand.trucks_per_day,gates[0].lanes[0].count,kpi,mean,stddev,ci_low,ci_high,ci_level,n\n";
}  // namespace

TEST(BatchPlots, ALatinHypercubeShowsEveryDesignPointAgainstEveryFactor) {
  std::string csv = header;
  for (int i = 0; i < 50; ++i) {
    const std::string trucks = std::to_string(10000 + 97 * i), lanes = std::to_string(8 + (i * 7) % 11);
    csv += std::to_string(i) + "," + trucks + "," + lanes + ",turn_time_mean," + std::to_string(60 + i) + ",1," +
           std::to_string(59 + i) + "," + std::to_string(61 + i) + ",0.95,5\n";
  }
  const auto plots = ex::batch_plots(csv, "points.csv", true);
  ASSERT_EQ(plots.size(), 2u);  // one per factor
  EXPECT_EQ(plots[0].stem, "kpi_turn_time_mean_vs_demand.trucks_per_day");
  EXPECT_EQ(plots[1].stem, "kpi_turn_time_mean_vs_gates[0].lanes[0].count");
  for (const auto& p : plots) {
    EXPECT_TRUE(p.points);
    ASSERT_EQ(p.series.size(), 1u);
    EXPECT_EQ(p.series[0].x.size(), 50u);
    EXPECT_DOUBLE_EQ(p.series[0].half_width[7], 1.0);
  }
  EXPECT_DOUBLE_EQ(plots[0].series[0].x[49], 10000 + 97 * 49);
  EXPECT_DOUBLE_EQ(plots[1].series[0].y[49], 60 + 49);
}

TEST(BatchPlots, AGridDrawsOneLinePerCombinationOfTheOtherFactors) {
  std::string csv = header;
  int point = 0;
  for (int lanes = 1; lanes <= 10; ++lanes) {  // 10 lines, more than the 8 the old plots kept
    for (int trucks : {10000, 12000, 14000}) {
      csv += std::to_string(point++) + "," + std::to_string(trucks) + "," + std::to_string(lanes) +
             ",queue_length_mean,5,1,4,6,0.95,3\n";
    }
  }
  const auto plots = ex::batch_plots(csv, "points.csv", false);
  ASSERT_EQ(plots.size(), 1u);
  EXPECT_EQ(plots[0].stem, "kpi_queue_length_mean");
  EXPECT_FALSE(plots[0].points);
  ASSERT_EQ(plots[0].series.size(), 10u);
  EXPECT_EQ(plots[0].series[0].label, "gates[0].lanes[0].count=1");
  EXPECT_EQ(plots[0].series[9].x.size(), 3u);
  EXPECT_THROW(ex::batch_plots("point,kpi\n", "p.csv", false), std::runtime_error);
}
