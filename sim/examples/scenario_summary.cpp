// Scenario summary: the port model from a scenario file, the whole public API a program needs.
//
// Covers: io::load_scenario (a YAML scenario with its extends chain, its hash; InputError with
// file:line messages, exit status 2), experiment::run_replications on two threads (the results do
// not depend on the thread count), experiment::summarize (Student-t intervals per KPI).
//
// Scenario: the given file (default scenarios/baseline.yaml, the one-day port of the demo), three
// replications from seed 1.
//
// Prints: the scenario's name and hash, then four KPIs with their 95% half-widths: trucks exited,
// mean turn time, mean pre-gate wait, lane utilisation.
// Usage: example_scenario_summary [SCENARIO.yaml]   (run from the repository root)
#include <cstdio>
#include <string>

#include "sim/experiment/runner.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : "scenarios/baseline.yaml";
  try {
    const auto scenario = portsim::io::load_scenario(file);
    const auto runs = ex::run_replications(scenario.config, /*seed=*/1, /*reps=*/3, /*jobs=*/2);
    std::printf("%s (hash %s), 3 replications of %s\n", scenario.config.name.c_str(), scenario.hash.c_str(),
                portsim::kernel::format_duration(scenario.config.duration).c_str());
    for (const auto& k : ex::summarize(runs)) {
      if (k.name == "trucks_exited" || k.name == "turn_time_mean" || k.name == "pregate_wait_mean" ||
          k.name == "lane_utilization") {
        std::printf("  %-20s %10.2f +/- %.2f %s\n", k.name.c_str(), k.mean, k.half_width, k.unit.c_str());
      }
    }
  } catch (const portsim::io::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
