// What the `portsim` commands share: the Command that main.cpp registers and dispatches, the
// replication flags of run and compare, and the helpers every command uses the same way (flag
// durations, the KPI table, provenance, exit codes). One command per file: sim/app/<name>.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/result_writer.hpp"
#include "sim/io/results.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/kernel/time.hpp"

namespace portsim::app {

/// Exit codes: bad input (scenario, flags, data files) and environment (files, tools).
constexpr int exit_bad_input = 2;
constexpr int exit_environment = 1;

/// What every command is given when it runs, besides its own options.
struct Context {
  std::string command_line;  // recorded with results: "portsim run ...", not the build path
};

/// A command added to the CLI: `subcommand` is CLI11's (true after parsing when it was chosen);
/// `run` runs it and returns the exit code.
struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int(const Context&)> run;
};

/// The function each sim/app/<name>.cpp defines (as `<name>_command`): adds its subcommand and
/// flags to the CLI.
using AddCommand = Command(CLI::App& cli);

/// A Command from a command's Options and its two functions: `add` adds the subcommand and its
/// flags to `cli` (filling the options when parsed), `run` runs it and returns the exit code.
template <class Options>
Command make_command(CLI::App& cli, CLI::App* (*add)(CLI::App&, Options&),
                     int (*run)(const Options&, const Context&)) {
  auto options = std::make_shared<Options>();
  CLI::App* subcommand = add(cli, *options);
  return {subcommand, [options, run](const Context& context) { return run(*options, context); }};
}

/// "portsim" and the arguments, as recorded with results.
std::string command_line(int argc, char** argv);

/// Runs `body` and maps its exceptions to exit codes: io::InputError prints its lines and gives
/// exit_bad_input, any other std::exception prints "portsim: error: ..." and gives exit_environment.
int run_mapping_errors(const std::function<int()>& body);

/// Threads by default: one per hardware thread (results do not depend on it).
unsigned default_jobs();

/// The durations a flag allows: --warmup [0s, 3650d], every other duration flag (--duration,
/// --trace-interval, ...) (0s, 3650d]; the upper end is kernel::max_span.
kernel::DurationRange flag_duration_range(const std::string& flag);

/// A duration flag ("1d", "90min") within flag_duration_range(flag); nullopt when empty. Throws
/// io::InputError naming `flag` and the allowed range.
std::optional<kernel::Duration> flag_duration(const std::string& text, const std::string& flag);

/// The replication flags of run and compare.
struct ReplicationOptions {
  std::uint64_t seed = 1;
  std::size_t reps = 1;
  unsigned jobs = default_jobs();
  std::string duration;
  std::string warmup;
  std::vector<std::string> sets;
  double level = 0.95;
};
/// Adds --seed, --reps, --jobs, --duration, --warmup, --set and --level to `sub`.
void add_replication_flags(CLI::App& sub, ReplicationOptions& options);

/// What produced a result of scenario `s` loaded from `file`.
io::Provenance provenance(const io::LoadedScenario& s, const std::string& file, std::uint64_t seed, std::size_t reps,
                          const std::string& command_line);

/// Prints `title` and one row per KPI (mean, CI half-width, unit) to stdout.
void print_kpi_table(const std::string& title, const std::vector<io::KpiSummary>& kpis);

}  // namespace portsim::app
