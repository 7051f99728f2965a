#include "sim/app/cli_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <thread>

#include "sim/io/comparison_report.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::app {

std::string command_line(int argc, char** argv) {
  std::string s = "portsim";  // not the build path: the line is recorded with results
  for (int i = 1; i < argc; ++i) s += " " + std::string(argv[i]);
  return s;
}

int run_mapping_errors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const io::InputError& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "portsim: error: " << e.what() << "\n";
    return exit_environment;
  }
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

kernel::DurationRange flag_duration_range(const std::string& flag) {
  kernel::DurationRange range;
  range.min_open = flag != "--warmup";
  return range;
}

std::optional<kernel::Duration> flag_duration(const std::string& text, const std::string& flag) {
  if (text.empty()) return std::nullopt;
  try {
    return kernel::parse_duration(text, flag_duration_range(flag));
  } catch (const kernel::DurationError& e) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag, e.what()}});
  }
}

void add_replication_flags(CLI::App& sub, ReplicationOptions& options) {
  sub.add_option("--seed", options.seed, "master seed (replication r uses seed and r)");
  sub.add_option("--reps", options.reps, "independent replications")->check(CLI::Range(1, 100000));
  sub.add_option("--jobs", options.jobs, "threads (results do not depend on it)")->check(CLI::Range(1, 1024));
  sub.add_option("--duration", options.duration, "simulated time after warm-up, e.g. 1d, 7d");
  sub.add_option("--warmup", options.warmup, "warm-up discarded before statistics, e.g. 1d, or auto (MSER-5)");
  sub.add_option("--set", options.sets, "override a scenario value: key.path=value (repeatable)");
  sub.add_option("--level", options.level, "confidence level")->check(CLI::Range(0.5, 0.999));
}

io::Provenance provenance(const io::LoadedScenario& s, const std::string& file, std::uint64_t seed, std::size_t reps,
                          const std::string& command_line) {
  return io::Provenance{file, s.config.name, s.hash, seed, reps, PORTSIM_VERSION, command_line};
}

void print_kpi_table(const std::string& title, const std::vector<io::KpiSummary>& kpis) {
  std::cout << title << "\n";
  std::cout << fmt::format("  {:<32} {:>12} {:>22}  {}\n", "KPI", "mean", "CI", "unit");
  bool bootstrap = false;
  for (const auto& s : kpis) {
    std::cout << fmt::format("  {:<32} {:>12} {:>22}  {}\n", s.name, io::format_value(s.mean), io::interval_text(s), s.unit);
    bootstrap = bootstrap || s.bootstrap;
  }
  if (bootstrap) {
    std::cout << "  * percentile bootstrap of the replications: the Student-t interval crossed a bound of the KPI "
                 "(0, or 1 for a share)\n";
  }
}

}  // namespace portsim::app
