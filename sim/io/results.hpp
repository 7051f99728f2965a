// Result records of runs (plain values): what one replication produced, KPI summaries over
// replications and paired differences. Written by the sinks in sim/io, produced by sim/experiment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/port/kpis.hpp"

namespace portsim::io {

struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  port::KpiList kpis;
  std::vector<double> hourly_queue;       // mean trucks waiting per hour of day
  std::vector<double> hourly_throughput;  // exits per hour of day (per day)
  kernel::RunOutcome::Kind outcome = kernel::RunOutcome::Kind::Finished;
  std::uint64_t events = 0;
  // What the run left unfinished when it stopped (a cut run, or a drain that hit its limit).
  std::uint64_t unfinished_trucks = 0;    // in the system or booked and on their way
  std::uint64_t unfinished_selected = 0;  // of them, selected for a check and not yet released
  bool drained = false;                   // end: drain
  double drain_hours = 0;                 // from the end of the arrival window to the last exit
};

struct KpiSummary {
  std::string name;
  std::string unit;
  double mean = 0;
  double stddev = 0;
  double half_width = 0;  // of the Student-t confidence interval (0 for n = 1)
  double low = 0, high = 0;  // the confidence interval reported: Student-t, or bootstrap (below)
  bool bootstrap = false;    // the t interval crossed a bound of the KPI: a percentile bootstrap instead
  double level = 0.95;
  std::size_t n = 0;
};

struct PairedDifference {
  std::string name;
  std::string unit;
  double base_mean = 0;
  double other_mean = 0;
  double diff_mean = 0;      // other - base
  double half_width = 0;     // CI of the paired difference
  bool significant = false;  // CI excludes 0
  double variance_crn = 0;          // variance of the paired differences (common random numbers)
  double variance_independent = 0;  // Var(base) + Var(other): what independent seeds would give
};

}  // namespace portsim::io
