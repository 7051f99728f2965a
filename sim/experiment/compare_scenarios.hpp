// Scenarios compared with a base under common random numbers: every scenario runs with the same
// seed and replication indices, so the paired differences (scenario - base) see the same trucks.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/io/comparison_report.hpp"
#include "sim/io/plots.hpp"
#include "sim/kernel/time.hpp"
#include "sim/port/config.hpp"

namespace portsim::experiment {

struct CompareSpec {
  std::uint64_t seed = 1;
  std::size_t replications = 1;               // per scenario
  unsigned jobs = 1;                          // threads; results do not depend on it
  std::optional<kernel::Duration> duration;   // default: each scenario's
  std::optional<kernel::Duration> warmup;     // default: each scenario's
  double level = 0.95;                        // of the confidence intervals
  bool pairwise = false;                      // also every pair of alternatives (not only each vs the base)
};

/// Runs replications 0..n-1 of every scenario (the first is the base) with one seed on `jobs`
/// threads, then summarizes each and pairs each reform's runs with the base's (and, with
/// `pairwise`, each alternative's with every later one's). Precondition: at
/// least one scenario. Rethrows the first exception of a run.
io::Comparison compare_scenarios(const std::vector<port::ScenarioConfig>& scenarios, const CompareSpec& spec);

/// Mean trucks waiting by hour of day, one series per scenario, with Student-t CI half-widths
/// (zero for a single replication).
std::vector<io::Series> hourly_queue_profiles(const io::Comparison& comparison);

}  // namespace portsim::experiment
