// The committed reference report (results/demo, made by `cmake --workflow --preset demo`) must
// match a fresh run with the same seed: every KPI mean within the committed CI half-width.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "sim/experiment/runner.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;

TEST(ReferenceReport, CommittedNumbersMatchAFreshRun) {
  std::ifstream in("results/demo/comparison.json");
  ASSERT_TRUE(in.good()) << "results/demo/comparison.json is missing: regenerate with cmake --workflow --preset demo";
  const auto committed = nlohmann::json::parse(in);
  const auto seed = committed["seed"].get<std::uint64_t>();
  const auto reps = committed["replications"].get<std::size_t>();
  int checked = 0;
  for (const auto& sc : committed["scenarios"]) {
    const std::string name = sc["scenario"];
    if (name != "baseline" && name != "paperless" && name != "nii-scanners") continue;
    const auto loaded = portsim::io::load_scenario(sc["scenario_file"].get<std::string>());
    EXPECT_EQ(loaded.hash, sc["scenario_hash"].get<std::string>()) << name << ": the scenario changed since the report";
    const auto fresh = ex::summarize(ex::run_replications(loaded.config, seed, reps, 2));
    for (const auto& k : sc["kpis"]) {
      for (const auto& f : fresh) {
        if (f.name != k["name"]) continue;
        const double hw = k["ci_half_width"].get<double>();
        EXPECT_LE(std::abs(f.mean - k["mean"].get<double>()), hw + 1e-9 * std::abs(f.mean))
            << name << " " << f.name << ": fresh " << f.mean << " vs committed " << k["mean"];
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100);
}
