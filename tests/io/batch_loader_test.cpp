// Batch files: designs built as specified, every malformed input reported with file:line.
#include "sim/io/batch_loader.hpp"

#include <gtest/gtest.h>

#include <set>

#include "sim/experiment/runner.hpp"

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

// Regression tests of issue 14 (../shared/reproducers/inputs/batches/): each bad batch is refused
// when it is loaded, at its line in the batch file, with the reason and what is allowed.

TEST(BatchLoader, AGridTooLargeIsRefusedBeforeItIsBuilt) {
  EXPECT_EQ(batch_error("batch_huge_grid.yaml"),
            "tests/data/batch_huge_grid.yaml:5:3: error: factors: the grid has 10000000000 design points (100000 x "
            "100000 levels), more than the 10000 a batch may have; use fewer values or steps, or a Latin hypercube "
            "(design: lhs, samples: N)");
  EXPECT_EQ(batch_error("batch_too_many_runs.yaml"),
            "tests/data/batch_too_many_runs.yaml:4:15: error: replications: 20 design points x 100000 replications "
            "are more than the 1000000 runs a batch may have; use fewer replications or design points");
}

TEST(BatchLoader, AnUnknownKpiIsFoundAtLoadTimeWithTheModelsNames) {
  // The allowed names are the ones a run of the model reports, in its order.
  const auto ok = io::load_batch("tests/data/batch_ok.yaml");
  portsim::experiment::RunSpec spec;
  spec.duration = std::chrono::minutes(10);
  std::vector<std::string> run_names;
  for (const auto& k : portsim::experiment::run_once(ok.points[0].scenario.config, spec).kpis) run_names.push_back(k.name);
  EXPECT_EQ(ok.points[0].kpi_names, run_names);
  ASSERT_GT(run_names.size(), 40u);
  EXPECT_EQ(run_names.back(), "gate.main.buffer_queue_mean");
  std::string allowed;
  for (const auto& n : run_names) allowed += (allowed.empty() ? "" : ", ") + n;
  EXPECT_EQ(batch_error("batch_unknown_kpi.yaml"),
            "tests/data/batch_unknown_kpi.yaml:5:24: error: kpis[1]: expected one of " + allowed + ", got \"nosuch\"");
}

TEST(BatchLoader, KeepingAllKpisNeedsTheSameKpisAtEveryPoint) {
  EXPECT_EQ(batch_error("batch_kpis_differ.yaml"),
            "tests/data/batch_kpis_differ.yaml:6:3: error: factors: design point 1 reports other KPIs than design "
            "point 0 (its gates differ): list the KPIs to keep under kpis");
}

TEST(BatchLoader, AFactorKeyTypoIsBlamedOnTheBatchFileOnce) {
  EXPECT_EQ(batch_error("batch_factor_key_typo.yaml"),
            "tests/data/batch_factor_key_typo.yaml:5:11: error: factors[0].key: customs.selectoin: unknown key "
            "\"selectoin\" (did you mean \"selection\"?)");
  EXPECT_EQ(batch_error("batch_factor_key_index.yaml"),
            "tests/data/batch_factor_key_index.yaml:5:10: error: factors[0].key: gates[3] does not exist in the scenario");
}

TEST(BatchLoader, RangeEndsAreFiniteAndTheBaseIsAFile) {
  EXPECT_EQ(batch_error("batch_range_not_finite.yaml"),
            "tests/data/batch_range_not_finite.yaml:7:50: error: factors[0].range.from: expected a number in [-1e+300, "
            "1e+300], got \".nan\"\n"
            "tests/data/batch_range_not_finite.yaml:7:60: error: factors[0].range.to: expected a number in [-1e+300, "
            "1e+300], got \".inf\"");
  EXPECT_EQ(batch_error("batch_base_not_a_file.yaml"),
            "tests/data/batch_base_not_a_file.yaml:3:7: error: base: \"/dev/zero\" is not a scenario file");
}

TEST(BatchLoader, AZeroDurationIsAnError) {
  EXPECT_EQ(batch_error("batch_zero_duration.yaml"),
            "tests/data/batch_zero_duration.yaml:4:11: error: duration: expected a duration > 0, got \"0s\"");
}
