// `portsim compare`: reforms against a base scenario under common random numbers; prints the KPI
// table and paired differences, and with --out writes comparison.json, differences.csv, runs.csv,
// report.md (and with --plots the forest plots and hourly queue profiles).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "sim/app/cli_common.hpp"
#include "sim/experiment/compare_scenarios.hpp"
#include "sim/experiment/kpi_sets.hpp"
#include "sim/experiment/run_warnings.hpp"
#include "sim/io/comparison_report.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"

namespace portsim::app {

namespace {

namespace ex = experiment;
namespace fs = std::filesystem;

struct CompareOptions {
  std::vector<std::string> files;  // the base first, unless --base names another
  std::string base;                // --base: a file or scenario name among `files`
  bool pairwise = false;
  ReplicationOptions replication;
  std::string out_dir;
  bool plots = false;
  bool all_kpis = false;
};

CLI::App* add(CLI::App& cli, CompareOptions& o) {
  auto* cmp = cli.add_subcommand("compare", "compare reforms with a base scenario under common random numbers");
  cmp->add_option("scenarios", o.files, "BASE.yaml REFORM.yaml [MORE.yaml...]")->required()->expected(2, 1000);
  cmp->add_option("--base", o.base, "the scenario (file or name) the others are compared with (default: the first)");
  cmp->add_flag("--pairwise", o.pairwise, "also compare every pair of the other scenarios with each other");
  add_replication_flags(*cmp, o.replication);
  cmp->add_option("--out", o.out_dir, "folder for comparison.json, differences.csv, runs.csv and plots");
  cmp->add_flag("--plots", o.plots, "draw forest plots and hourly queue profiles with gnuplot");
  cmp->add_flag("--all", o.all_kpis, "print every KPI, not only the headline ones");
  return cmp;
}

/// Every file loaded; the problems of all of them in one InputError.
std::vector<io::LoadedScenario> load_all(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
  std::vector<io::LoadedScenario> scenarios;
  std::vector<io::InputProblem> problems;
  for (const auto& f : files) {
    try {
      scenarios.push_back(io::load_scenario(f, sets));
    } catch (const io::InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw io::InputError(problems);
  return scenarios;
}

void write_outputs(const CompareOptions& o, const io::Comparison& comparison,
                   const std::vector<io::Provenance>& provenance, const std::string& command_line) {
  // report.md: the tables of this comparison in Markdown (results/README.md embeds the demo's).
  const auto path = [&](const char* name) { return (fs::path(o.out_dir) / name).string(); };
  io::write_atomically(path("report.md"), io::comparison_markdown(comparison, command_line, ex::report_table_kpis(),
                                                                  ex::report_difference_kpis()));
  io::write_atomically(path("comparison.json"), io::comparison_json(comparison, provenance).dump(2) + "\n");
  io::write_atomically(path("differences.csv"), io::differences_csv(comparison));
  io::write_atomically(path("runs.csv"), io::comparison_runs_csv(comparison, provenance));
  std::cout << "\nwrote " << o.out_dir << "/comparison.json, differences.csv, runs.csv, report.md\n";
  if (!o.plots) return;
  try {
    io::comparison_plots(o.out_dir, comparison, ex::forest_plot_kpis(), ex::hourly_queue_profiles(comparison));
    std::cout << "wrote plots (SVG and PNG) to " << o.out_dir << "\n";
  } catch (const std::runtime_error& e) {
    std::cerr << "portsim: " << e.what() << "\n";
  }
}

/// The index of the --base scenario among the files (0 without --base).
std::size_t base_index(const CompareOptions& o, const std::vector<io::LoadedScenario>& scenarios) {
  if (o.base.empty()) return 0;
  std::string names;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (o.files[i] == o.base || scenarios[i].config.name == o.base) return i;
    names += (i > 0 ? ", " : "") + o.files[i] + " (" + scenarios[i].config.name + ")";
  }
  throw io::InputError({io::InputProblem{"command line", 0, 0, "--base",
                                         "\"" + o.base + "\" is none of the scenarios compared: " + names}});
}

int execute(const CompareOptions& o, const Context& context) {
  const auto& c = o.replication;
  auto scenarios = load_all(o.files, c.sets);
  std::vector<std::string> files = o.files;
  if (const std::size_t b = base_index(o, scenarios); b > 0) {  // the base first, the others in their order
    std::rotate(scenarios.begin(), scenarios.begin() + static_cast<std::ptrdiff_t>(b), scenarios.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    std::rotate(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(b), files.begin() + static_cast<std::ptrdiff_t>(b) + 1);
  }
  ex::CompareSpec spec;
  spec.seed = c.seed;
  spec.replications = c.reps;
  spec.jobs = c.jobs;
  spec.level = c.level;
  spec.pairwise = o.pairwise;
  spec.duration = flag_duration(c.duration, "--duration");
  if (c.warmup == "auto") {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--warmup",
                                           "auto is available for portsim run; give compare a duration such as 1d"}});
  }
  spec.warmup = flag_duration(c.warmup, "--warmup");
  std::vector<port::ScenarioConfig> configs;
  std::vector<io::Provenance> provenance_of;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    configs.push_back(scenarios[s].config);
    provenance_of.push_back(provenance(scenarios[s], files[s], c.seed, c.reps, context.command_line));
  }
  const auto comparison = ex::compare_scenarios(configs, spec);
  std::cout << io::comparison_tables(comparison, o.all_kpis, ex::headline_kpis());
  std::cout << io::budget_notes(comparison);
  for (const auto& sc : comparison.scenarios) {
    for (const auto& w : ex::end_of_run_warnings(sc.runs, sc.name)) std::cerr << w << "\n";
  }
  if (!o.out_dir.empty()) write_outputs(o, comparison, provenance_of, context.command_line);
  return 0;
}

}  // namespace

Command compare_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
