// Runs of the port model: one replication from (scenario, seed, replication index), many
// replications on threads, output analysis (Student-t intervals) and paired comparisons under
// common random numbers. The only API that the CLI, the visualizer and calibration call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/kpis.hpp"
#include "sim/io/results.hpp"
#include "sim/port/clearance.hpp"
#include "sim/port/observer.hpp"

namespace portsim::experiment {

struct RunSpec {
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  std::optional<kernel::Duration> duration;  // default: the scenario's
  std::optional<kernel::Duration> warmup;    // default: the scenario's
  std::vector<port::PortObserver*> observers;
  std::vector<port::ClearanceObserver*> clearance_observers;  // container milestones (clearance)
};

using io::RunResult;

/// One replication: builds the port on a fresh Simulation, runs warm-up (statistics discarded)
/// then the duration, and returns the KPIs. Same inputs, same result, on any thread.
RunResult run_once(const port::ScenarioConfig& cfg, const RunSpec& spec);

/// Runs fn(i) for i in [0, n) on `jobs` threads; results are stored by index, so the outcome
/// does not depend on the thread count. Rethrows the first exception.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn);

/// Replications 0..reps-1 of one scenario.
std::vector<RunResult> run_replications(const port::ScenarioConfig& cfg, std::uint64_t seed, std::size_t reps,
                                        unsigned jobs, std::optional<kernel::Duration> duration = std::nullopt,
                                        std::optional<kernel::Duration> warmup = std::nullopt);

using io::KpiSummary;

/// Mean, sd and Student-t CI of every KPI over replications.
/// Mean, sd and CI of one KPI's replication values: Student-t, or a percentile bootstrap when the t
/// interval crosses a bound of the KPI's unit (port::kpi_bounds); no interval (half width 0) for n=1.
KpiSummary summarize_values(const std::string& name, const std::string& unit, const std::vector<double>& xs,
                            double level = 0.95);
std::vector<KpiSummary> summarize(const std::vector<RunResult>& runs, double level = 0.95);

using io::PairedDifference;

/// Paired differences replication by replication (same seeds: common random numbers).
std::vector<PairedDifference> compare(const std::vector<RunResult>& base, const std::vector<RunResult>& other,
                                      double level = 0.95);

/// Replications needed so every KPI in `names` has CI half-width <= precision x |mean|:
/// runs more (in rounds) until met or `max_reps`.
std::vector<RunResult> run_to_precision(const port::ScenarioConfig& cfg, std::uint64_t seed,
                                        const std::vector<std::string>& names, double precision, std::size_t min_reps,
                                        std::size_t max_reps, unsigned jobs, double level = 0.95,
                                        std::optional<kernel::Duration> duration = std::nullopt);

/// MSER-5 warm-up detection on a series of observations (batch means of 5): the truncation point
/// (in observations) that minimises the standard error of the remaining mean.
std::size_t mser5(const std::vector<double>& series);

/// Automatic warm-up for steady-state runs: a pilot replication records the number of trucks in
/// the system every `step` over `pilot`; MSER-5 on that series gives the truncation time.
kernel::Duration detect_warmup(const port::ScenarioConfig& cfg, std::uint64_t seed, kernel::Duration pilot,
                               kernel::Duration step = std::chrono::minutes(10));

}  // namespace portsim::experiment
