// `portsim run`: one scenario, replications (or until a precision), KPI table / JSON / CSV,
// optional checkpoint and hourly logs, trace and output folder.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>

#include "sim/app/cli_common.hpp"
#include "sim/experiment/kpi_sets.hpp"
#include "sim/experiment/live_run.hpp"
#include "sim/experiment/run_warnings.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/batch_loader.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/container_log_writer.hpp"
#include "sim/io/truck_log_writer.hpp"

namespace portsim::app {

namespace {

namespace ex = experiment;
namespace fs = std::filesystem;

struct RunOptions {
  std::string scenario;
  ReplicationOptions replication;
  std::string out_dir;
  std::string log_path;
  std::string truck_log_path;
  std::string container_log_path;
  std::string format = "table";
  double precision = 0;
  std::vector<std::string> precision_kpis;  // default: experiment::precision_kpis()
  std::size_t max_reps = 200;
  std::string hourly_path;
  std::string trace_path;
  std::string trace_interval;
};

CLI::App* add(CLI::App& cli, RunOptions& o) {
  auto* run = cli.add_subcommand("run", "run a scenario and print its KPIs");
  run->add_option("scenario", o.scenario, "scenario YAML file")->required();
  add_replication_flags(*run, o.replication);
  run->add_option("--out", o.out_dir, "folder for summary.json, summary.csv and runs.csv");
  run->add_option("--log", o.log_path, "per-truck checkpoint log (CSV) of replication 0");
  run->add_option("--truck-log", o.truck_log_path,
                  "per-truck timestamps of replication 0 as a gate system records them (the log portsim fit-port reads)");
  run->add_option("--container-log", o.container_log_path,
                  "every released container's clearance milestones of replication 0 (CSV, hours; needs clearance.vessels)");
  run->add_option("--format", o.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  run->add_option("--precision", o.precision, "add replications until CI half-width <= precision x mean")
      ->check(CLI::Range(0.0001, 1.0));
  run->add_option("--precision-kpis", o.precision_kpis,
                  "KPIs --precision stops on, comma-separated (default: turn_time_mean, pregate_wait_mean, "
                  "throughput_per_hour)")
      ->delimiter(',');
  run->add_option("--max-reps", o.max_reps, "cap for --precision")->check(CLI::Range(2, 100000));
  run->add_option("--hourly-log", o.hourly_path, "hourly aggregate log (calibration schema) of replication 0");
  run->add_option("--trace", o.trace_path, "record positions and states of replication 0 for portsim-viz --replay");
  run->add_option("--trace-interval", o.trace_interval, "time between trace frames (default 30s)");
  return run;
}

/// The KPIs --precision stops on: --precision-kpis (each one the model reports), else the default.
std::vector<std::string> precision_targets(const RunOptions& o, const io::LoadedScenario& s) {
  if (o.precision_kpis.empty()) return ex::precision_kpis();
  const auto reported = io::reported_kpis(s.config);
  for (const auto& k : o.precision_kpis) {
    if (std::find(reported.begin(), reported.end(), k) != reported.end()) continue;
    std::string list;
    for (const auto& r : reported) list += (list.empty() ? "" : ", ") + r;
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--precision-kpis",
                                           "unknown KPI \"" + k + "\": expected one of " + list}});
  }
  return o.precision_kpis;
}

/// Says on stderr which KPIs the precision was asked of and whether each met it.
void report_precision(const RunOptions& o, const std::vector<std::string>& names, const std::vector<io::KpiSummary>& summary,
                      std::size_t reps) {
  std::string met, missed;
  for (const auto& k : summary) {
    if (std::find(names.begin(), names.end(), k.name) == names.end()) continue;
    const bool ok = k.half_width <= o.precision * std::fabs(k.mean);
    (ok ? met : missed) += fmt::format("{}{} (+/- {:.1f}%)", (ok ? met : missed).empty() ? "" : ", ", k.name,
                                       k.mean != 0 ? 100 * k.half_width / std::fabs(k.mean) : 0.0);
  }
  std::cerr << fmt::format("precision {:.1f}% of the mean, after {} replications: ", 100 * o.precision, reps)
            << (met.empty() ? "" : "met for " + met) << (met.empty() || missed.empty() ? "" : "; ")
            << (missed.empty() ? "" : "not met (--max-reps " + std::to_string(o.max_reps) + ") for " + missed)
            << "; other KPIs were not targeted\n";
}

/// The warm-up of --warmup: a duration, or MSER-5 on a pilot run as long as warm-up plus run would
/// be (at least 2 days) for "auto".
std::optional<kernel::Duration> warmup_of(const RunOptions& o, const io::LoadedScenario& s,
                                          std::optional<kernel::Duration> duration) {
  const auto& c = o.replication;
  if (c.warmup != "auto") return flag_duration(c.warmup, "--warmup");
  const kernel::Duration pilot =
      std::max<kernel::Duration>(std::chrono::hours(48), 2 * duration.value_or(s.config.duration));
  const auto warmup = ex::detect_warmup(s.config, c.seed, pilot);
  std::cerr << "warm-up (MSER-5 on trucks in system, pilot " << kernel::format_duration(pilot)
            << "): " << kernel::format_duration(warmup) << "\n";
  return warmup;
}

void record_trace(const RunOptions& o, const io::LoadedScenario& s, std::optional<kernel::Duration> duration) {
  const auto interval = flag_duration(o.trace_interval, "--trace-interval").value_or(std::chrono::seconds(30));
  if (interval.count() <= 0) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--trace-interval", "expected a duration > 0"}});
  }
  const kernel::Duration length = duration.value_or(s.config.duration);
  if (length / interval >= static_cast<kernel::Duration::rep>(io::max_trace_frames)) {
    throw io::InputError({io::InputProblem{
        "command line", 0, 0, "--trace-interval",
        "a frame every " + kernel::format_duration(interval) + " for " + kernel::format_duration(length) +
            " is more than the " + std::to_string(io::max_trace_frames) + " frames a trace may hold; use a longer interval"}});
  }
  // The trace carries the resolved scenario (--set applied), so a replay needs no other file.
  const io::TraceHeader header{o.scenario, s.canonical_text, o.replication.seed, interval};
  ex::record_trace(s.config, header, length, o.trace_path);
  std::cerr << "wrote trace " << o.trace_path << " (replay: portsim-viz --replay " << o.trace_path << ")\n";
}

std::vector<ex::RunResult> replications(const RunOptions& o, const io::LoadedScenario& s,
                                        std::optional<kernel::Duration> duration,
                                        std::optional<kernel::Duration> warmup) {
  const auto& c = o.replication;
  if (!o.log_path.empty() || !o.hourly_path.empty() || !o.truck_log_path.empty() || !o.container_log_path.empty()) {
    // The logs cover replication 0; further replications run without them.
    std::vector<ex::RunResult> runs;
    std::optional<io::CheckpointLogWriter> log;
    std::optional<io::HourlyLogWriter> hourly;
    std::optional<io::TruckLogWriter> trucks;
    std::optional<io::ContainerLogWriter> containers;
    ex::RunSpec spec;
    spec.seed = c.seed;
    spec.duration = duration;
    spec.warmup = warmup;
    if (!o.log_path.empty()) spec.observers.push_back(&log.emplace(o.log_path, s.config.name));
    if (!o.hourly_path.empty()) spec.observers.push_back(&hourly.emplace(o.hourly_path, s.config));
    if (!o.truck_log_path.empty()) spec.observers.push_back(&trucks.emplace(o.truck_log_path, s.config));
    if (!o.container_log_path.empty()) {
      spec.clearance_observers.push_back(&containers.emplace(o.container_log_path, s.config));
    }
    runs.push_back(ex::run_once(s.config, spec));
    if (log) log->finish();
    if (hourly) hourly->finish();
    if (trucks) trucks->finish();
    if (containers) containers->finish();
    if (c.reps > 1) {
      auto more = ex::run_replications(s.config, c.seed, c.reps, c.jobs, duration, warmup);
      runs.insert(runs.end(), more.begin() + 1, more.end());
    }
    return runs;
  }
  if (o.precision > 0) {
    const auto names = precision_targets(o, s);
    auto runs = ex::run_to_precision(s.config, c.seed, names, o.precision, std::max<std::size_t>(c.reps, 3), o.max_reps,
                                     c.jobs, c.level, duration);
    report_precision(o, names, ex::summarize(runs, c.level), runs.size());
    return runs;
  }
  return ex::run_replications(s.config, c.seed, c.reps, c.jobs, duration, warmup);
}

int execute(const RunOptions& o, const Context& context) {
  const auto& c = o.replication;
  if (!o.precision_kpis.empty() && o.precision == 0) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--precision-kpis",
                                           "names the KPIs of --precision, which is not given"}});
  }
  const auto s = io::load_scenario(o.scenario, c.sets);
  if (!o.container_log_path.empty() && !s.config.clearance.enabled()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--container-log",
                                           "the scenario " + o.scenario + " has no clearance.vessels, so no container is cleared"}});
  }
  const auto duration = flag_duration(c.duration, "--duration");
  const auto warmup = warmup_of(o, s, duration);
  if (!o.trace_path.empty()) record_trace(o, s, duration);
  const auto runs = replications(o, s, duration, warmup);
  const auto summary = ex::summarize(runs, c.level);
  const auto prov = provenance(s, o.scenario, c.seed, runs.size(), context.command_line);
  const auto json = io::summary_json(prov, summary, runs);
  if (o.format == "json") {
    std::cout << json.dump(2) << "\n";
  } else if (o.format == "csv") {
    std::cout << io::summary_csv(prov, summary);
  } else {
    print_kpi_table(fmt::format("{} ({}), seed {}, {} replication(s), {:.0f}% CI", s.config.name, o.scenario, c.seed,
                                runs.size(), c.level * 100),
                    summary);
  }
  for (const auto& w : ex::end_of_run_warnings(runs)) std::cerr << w << "\n";
  if (!o.out_dir.empty()) {
    io::write_atomically((fs::path(o.out_dir) / "summary.json").string(), json.dump(2) + "\n");
    io::write_atomically((fs::path(o.out_dir) / "summary.csv").string(), io::summary_csv(prov, summary));
    io::write_atomically((fs::path(o.out_dir) / "runs.csv").string(), io::runs_csv(prov, runs));
    if (o.format == "table") std::cout << "wrote " << o.out_dir << "/summary.json, summary.csv, runs.csv\n";
  }
  return 0;
}

}  // namespace

Command run_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
