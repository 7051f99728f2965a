// Batch files: designs built as specified, every malformed input reported with file:line.
#include "sim/io/batch_loader.hpp"

#include <gtest/gtest.h>

#include <set>

namespace io = portsim::io;

namespace {
std::string batch_error(const std::string& file) {
  try {
    io::load_batch("tests/data/" + file);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(BatchLoader, GridCrossesEveryLevel) {
  const auto b = io::load_batch("tests/data/batch_ok.yaml");
  ASSERT_EQ(b.points.size(), 4u);
  EXPECT_EQ(b.points[0].values, (std::vector<std::string>{"2", "1500"}));
  EXPECT_EQ(b.points[3].values, (std::vector<std::string>{"3", "2500"}));
  EXPECT_EQ(b.points[3].scenario.config.gates[0].lanes.size(), 3u);
  EXPECT_DOUBLE_EQ(b.points[1].scenario.config.demand.trucks_per_day, 2500);
  EXPECT_EQ(b.replications, 3u);
  EXPECT_EQ(b.kpis.size(), 3u);
}

TEST(BatchLoader, LatinHypercubeHasOnePointPerStratum) {
  const auto b = io::load_batch("tests/data/batch_lhs.yaml");
  ASSERT_EQ(b.points.size(), 6u);
  std::set<int> strata;
  for (const auto& p : b.points) {
    const double x = std::stod(p.values[0]);
    EXPECT_GE(x, 1000);
    EXPECT_LE(x, 3000);
    strata.insert(static_cast<int>((x - 1000) / (2000.0 / 6)));
    const int lanes = std::stoi(p.values[1]);
    EXPECT_GE(lanes, 1);
    EXPECT_LE(lanes, 4);
  }
  EXPECT_EQ(strata.size(), 6u);  // every sixth of the range sampled exactly once
  // Reproducible from the seed.
  EXPECT_EQ(io::load_batch("tests/data/batch_lhs.yaml").points[2].values, b.points[2].values);
}

TEST(BatchLoader, ReportsEveryProblemWithItsLine) {
  EXPECT_EQ(batch_error("batch_bad.yaml"),
            "tests/data/batch_bad.yaml:3:15: error: replications: expected an integer in [1, 100000], got \"zero\"\n"
            "tests/data/batch_bad.yaml:4:9: error: design: expected one of grid, lhs, got \"grdi\" (did you mean \"grid\"?)\n"
            "tests/data/batch_bad.yaml:8:5: error: factors[1].key: missing: the scenario key path to vary, e.g. "
            "gates[0].lanes[0].count");
  EXPECT_EQ(batch_error("batch_bad_point.yaml"),
            "tests/data/batch_bad_point.yaml:6:17: error: factors[0]: gates[0].lanes[0].count: expected an integer in "
            "[1, 1000], got -1 (design point 1: gates[0].lanes[0].count=-1)");
}

TEST(BatchLoader, EveryShippedBatchFileLoads) {
  for (const char* f : {"lane-count", "sensor-reliability", "inspection-policy"}) {
    EXPECT_NO_THROW(io::load_batch(std::string("scenarios/batches/") + f + ".yaml")) << f;
  }
}
