// A comparison of scenarios against a base under common random numbers, as plain values
// (produced by experiment::compare_scenarios), and its reports: the console tables of
// `portsim compare`, comparison.json, differences.csv, runs.csv, report.md and the plots.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/plots.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/results.hpp"

namespace portsim::io {

/// One scenario of a comparison.
struct ComparedScenario {
  std::string name;
  std::vector<RunResult> runs;                // replication r at index r
  std::vector<KpiSummary> summary;            // over the runs
  std::vector<PairedDifference> differences;  // scenario - base, replication by replication; empty for the base
};

/// Two alternatives compared with each other (compare --pairwise): scenarios[b] - scenarios[a].
struct PairedScenarios {
  std::size_t a = 0, b = 0;  // indices into Comparison::scenarios, 0 < a < b
  std::vector<PairedDifference> differences;
};

/// Every scenario ran with the same seed and replication indices (common random numbers).
struct Comparison {
  std::vector<ComparedScenario> scenarios;  // the base first
  std::vector<PairedScenarios> pairs;       // every pair of alternatives, on request
  std::uint64_t seed = 1;
  std::size_t replications = 0;  // per scenario
  double level = 0.95;           // of every confidence interval
  double wall_seconds = 0;       // time the runs took
};

/// The largest CRN variance reduction the tables print as a number (larger: ">1000").
inline constexpr double crn_shown_max = 1000;

/// A KPI value as the tables print it: 0, or 3 significant digits up to 1000, or no decimals.
std::string format_value(double v);

/// A KPI's confidence interval as the tables print it: "± 1.25" (Student-t), "[0, 0.333]*" (a
/// percentile bootstrap: the t interval crossed a bound of the KPI), "(n=1)" (no interval).
std::string interval_text(const KpiSummary& s);

/// What `portsim compare` prints: the heading, the KPI table (one column per scenario) and each
/// reform's paired differences. Rows: every KPI when `all_kpis`, else those in `headline`, in the
/// summary's order.
std::string comparison_tables(const Comparison& c, bool all_kpis, const std::vector<std::string>& headline);

/// Notes on comparisons that are not like with like: a reform whose inspection budget (yellow +
/// red checks per run, paired over the replications) differs from the base's by more than 2% and
/// beyond two standard errors, so that its catches partly reflect the budget. Empty when none.
std::string budget_notes(const Comparison& c);

/// comparison.json: the comparison's settings and each scenario's summary (with its paired
/// differences). `provenance` has one entry per scenario; the first's command line and program
/// version head the file.
nlohmann::json comparison_json(const Comparison& c, const std::vector<Provenance>& provenance);

/// differences.csv: one row per (reform, KPI) with the CI and the CRN variance reduction, against
/// the base, then one per (pair of alternatives, KPI).
std::string differences_csv(const Comparison& c);

/// runs.csv: the runs of every scenario under one header (provenance: one per scenario).
std::string comparison_runs_csv(const Comparison& c, const std::vector<Provenance>& provenance);

/// report.md: the scenario table (rows `table_kpis`) and the paired differences (`difference_kpis`)
/// in Markdown, headed by the command line that made it.
std::string comparison_markdown(const Comparison& c, const std::string& command_line,
                                const std::vector<std::string>& table_kpis,
                                const std::vector<std::string>& difference_kpis);

/// Forest plots forest_<kpi>.svg/.png of the paired differences of `forest_kpis`, then
/// hourly_queue.svg/.png of `hourly_queue` (one series per scenario), in `dir`.
/// Throws std::runtime_error when gnuplot is missing or fails.
void comparison_plots(const std::string& dir, const Comparison& c, const std::vector<std::string>& forest_kpis,
                      const std::vector<Series>& hourly_queue);

}  // namespace portsim::io
