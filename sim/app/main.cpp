// `portsim`: one command with subcommands (run, validate, compare). Thin: parses arguments, calls
// sim/experiment and sim/io, maps errors to exit codes (2: bad input, 1: environment).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <sstream>
#include <tuple>
#include <filesystem>
#include <iostream>
#include <thread>

#ifdef PORTSIM_WITH_CALIBRATION
#include "calibration/calibrate.hpp"
#include "calibration/truck_inputs.hpp"
#include "calibration/input_model.hpp"
#endif

#ifdef PORTSIM_WITH_MPI
#include <mpi.h>
#endif

#include "sim/experiment/batch.hpp"
#include "sim/experiment/live_run.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/plots.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/port/port.hpp"

namespace fs = std::filesystem;
namespace ex = portsim::experiment;
namespace io = portsim::io;
namespace k = portsim::kernel;

namespace {

std::string command_line(int argc, char** argv) {
  std::string s = "portsim";  // not the build path: the line is recorded with results
  for (int i = 1; i < argc; ++i) s += " " + std::string(argv[i]);
  return s;
}

std::optional<k::Duration> flag_duration(const std::string& text, const std::string& flag) {
  if (text.empty()) return std::nullopt;
  try {
    return k::parse_duration(text);
  } catch (const k::DurationError& e) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag, e.what()}});
  }
}

std::string format_value(double v) {
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1000) return fmt::format("{:.0f}", v);
  if (a >= 100) return fmt::format("{:.1f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

void print_table(const std::string& title, const std::vector<ex::KpiSummary>& kpis) {
  std::cout << title << "\n";
  std::cout << fmt::format("  {:<32} {:>12} {:>12}  {}\n", "KPI", "mean", "+/- CI", "unit");
  for (const auto& s : kpis) {
    std::cout << fmt::format("  {:<32} {:>12} {:>12}  {}\n", s.name, format_value(s.mean),
                             s.n > 1 ? format_value(s.half_width) : "-", s.unit);
  }
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

struct Common {
  std::uint64_t seed = 1;
  std::size_t reps = 1;
  unsigned jobs = default_jobs();
  std::string duration;
  std::string warmup;
  std::vector<std::string> sets;
  double level = 0.95;
};

io::Provenance provenance(const io::LoadedScenario& s, const std::string& file, std::uint64_t seed, std::size_t reps,
                          const std::string& cmd) {
  return io::Provenance{file, s.config.name, s.hash, seed, reps, PORTSIM_VERSION, cmd};
}

int cmd_validate(const std::string& file, const std::vector<std::string>& sets) {
  const auto s = io::load_scenario(file, sets);
  std::size_t lanes = 0;
  for (const auto& g : s.config.gates) lanes += g.lanes.size();
  std::cout << fmt::format("{}: ok: scenario \"{}\", {} gate(s), {} lane(s), {} device type(s), hash {}\n", file,
                           s.config.name, s.config.gates.size(), lanes, s.config.devices.size(), s.hash);
  return 0;
}

int cmd_run(const std::string& file, const Common& c, const std::string& out_dir, const std::string& log_path,
            const std::string& format, double precision, std::size_t max_reps, const std::string& cmd,
            const std::string& trace_path, const std::string& trace_interval, const std::string& hourly_path) {
  const auto s = io::load_scenario(file, c.sets);
  const auto duration = flag_duration(c.duration, "--duration");
  std::optional<k::Duration> warmup;
  if (c.warmup == "auto") {
    // MSER-5 on a pilot run as long as warm-up plus run would be (at least 2 days).
    const k::Duration pilot = std::max<k::Duration>(std::chrono::hours(48), 2 * duration.value_or(s.config.duration));
    warmup = ex::detect_warmup(s.config, c.seed, pilot);
    std::cerr << "warm-up (MSER-5 on trucks in system, pilot " << k::format_duration(pilot)
              << "): " << k::format_duration(*warmup) << "\n";
  } else {
    warmup = flag_duration(c.warmup, "--warmup");
  }
  if (!trace_path.empty()) {
    const auto interval = flag_duration(trace_interval, "--trace-interval").value_or(std::chrono::seconds(30));
    if (interval.count() <= 0) {
      throw io::InputError({io::InputProblem{"command line", 0, 0, "--trace-interval", "expected a duration > 0"}});
    }
    ex::record_trace(s.config, file, c.seed, duration.value_or(s.config.duration), interval, trace_path);
    std::cerr << "wrote trace " << trace_path << " (replay: portsim-viz --replay " << trace_path << ")\n";
  }
  std::vector<ex::RunResult> runs;
  if (!log_path.empty() || !hourly_path.empty()) {
    // The logs cover replication 0; further replications run without them.
    std::optional<io::CheckpointLogWriter> log;
    std::optional<io::HourlyLogWriter> hourly;
    ex::RunSpec spec;
    spec.seed = c.seed;
    spec.duration = duration;
    spec.warmup = warmup;
    if (!log_path.empty()) spec.observers.push_back(&log.emplace(log_path, s.config.name));
    if (!hourly_path.empty()) spec.observers.push_back(&hourly.emplace(hourly_path, s.config));
    runs.push_back(ex::run_once(s.config, spec));
    if (log) log->finish();
    if (hourly) hourly->finish();
    if (c.reps > 1) {
      auto more = ex::run_replications(s.config, c.seed, c.reps, c.jobs, duration, warmup);
      runs.insert(runs.end(), more.begin() + 1, more.end());
    }
  } else if (precision > 0) {
    runs = ex::run_to_precision(s.config, c.seed, {"turn_time_mean", "pregate_wait_mean", "throughput_per_hour"},
                                precision, std::max<std::size_t>(c.reps, 3), max_reps, c.jobs, c.level, duration);
  } else {
    runs = ex::run_replications(s.config, c.seed, c.reps, c.jobs, duration, warmup);
  }
  const auto summary = ex::summarize(runs, c.level);
  const auto prov = provenance(s, file, c.seed, runs.size(), cmd);
  const auto json = io::summary_json(prov, summary, runs);
  if (format == "json") {
    std::cout << json.dump(2) << "\n";
  } else if (format == "csv") {
    std::cout << io::summary_csv(prov, summary);
  } else {
    print_table(fmt::format("{} ({}), seed {}, {} replication(s), {:.0f}% CI", s.config.name, file, c.seed, runs.size(),
                            c.level * 100),
                summary);
  }
  for (const auto& r : runs) {
    if (r.outcome == k::RunOutcome::Kind::Deadlock) {
      std::cerr << "warning: replication " << r.replication << " ended in a deadlock (trucks waiting, no events left)\n";
    }
  }
  if (!out_dir.empty()) {
    io::write_atomically((fs::path(out_dir) / "summary.json").string(), json.dump(2) + "\n");
    io::write_atomically((fs::path(out_dir) / "summary.csv").string(), io::summary_csv(prov, summary));
    io::write_atomically((fs::path(out_dir) / "runs.csv").string(), io::runs_csv(prov, runs));
    if (format == "table") std::cout << "wrote " << out_dir << "/summary.json, summary.csv, runs.csv\n";
  }
  return 0;
}

const std::vector<std::string> headline = {
    "turn_time_mean", "turn_time_p95", "pregate_wait_mean", "queue_length_max", "spillback_truck_minutes",
    "throughput_per_hour", "physical_inspections", "xray_scans", "noncompliant_caught", "noncompliant_missed",
    "officer_utilization", "idle_co2", "device_cost_per_truck"};

int cmd_compare(const std::vector<std::string>& files, const Common& c, const std::string& out_dir, bool plots,
                bool all_kpis, const std::string& cmd) {
  std::vector<io::LoadedScenario> scenarios;
  std::vector<io::InputProblem> problems;
  for (const auto& f : files) {
    try {
      scenarios.push_back(io::load_scenario(f, c.sets));
    } catch (const io::InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw io::InputError(problems);
  const auto duration = flag_duration(c.duration, "--duration");
  if (c.warmup == "auto") {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--warmup",
                                           "auto is available for portsim run; give compare a duration such as 1d"}});
  }
  const auto warmup = flag_duration(c.warmup, "--warmup");
  const auto t0 = std::chrono::steady_clock::now();
  // Every scenario runs with the same seed and replication indices: common random numbers.
  std::vector<std::vector<ex::RunResult>> results(scenarios.size(), std::vector<ex::RunResult>(c.reps));
  ex::parallel_for(scenarios.size() * c.reps, c.jobs, [&](std::size_t i) {
    const std::size_t s = i / c.reps, r = i % c.reps;
    ex::RunSpec spec;
    spec.seed = c.seed;
    spec.replication = r;
    spec.duration = duration;
    spec.warmup = warmup;
    results[s][r] = ex::run_once(scenarios[s].config, spec);
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& base = scenarios.front();
  std::cout << fmt::format("Comparison against {} ({} replications each, seed {}, common random numbers, {:.0f}% CI; "
                           "{:.1f} s)\n\n",
                           base.config.name, c.reps, c.seed, c.level * 100, wall);
  const auto base_summary = ex::summarize(results[0], c.level);
  // Table: KPI rows, one column per scenario.
  std::cout << fmt::format("{:<26}", "KPI");
  for (const auto& s : scenarios) std::cout << fmt::format(" {:>15}", s.config.name.substr(0, 15));
  std::cout << "\n";
  for (const auto& ks : base_summary) {
    if (!all_kpis && std::find(headline.begin(), headline.end(), ks.name) == headline.end()) continue;
    std::cout << fmt::format("{:<26}", ks.name);
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      const auto sum = ex::summarize(results[s], c.level);
      for (const auto& x : sum) {
        if (x.name == ks.name) std::cout << fmt::format(" {:>15}", format_value(x.mean));
      }
    }
    std::cout << "  " << ks.unit << "\n";
  }
  nlohmann::json j;
  j["base"] = base.config.name;
  j["seed"] = c.seed;
  j["replications"] = c.reps;
  j["ci_level"] = c.level;
  j["command_line"] = cmd;
  j["program_version"] = PORTSIM_VERSION;
  j["scenarios"] = nlohmann::json::array();
  std::string diff_csv = "scenario,kpi,unit,base_mean,scenario_mean,difference,ci_low,ci_high,significant,"
                         "variance_crn,variance_independent,variance_reduction\n";
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    nlohmann::json sj = io::summary_json(provenance(scenarios[s], files[s], c.seed, c.reps, cmd),
                                         ex::summarize(results[s], c.level), results[s]);
    if (s > 0) {
      std::cout << fmt::format("\n{} vs {}: paired differences (scenario - base)\n", scenarios[s].config.name,
                               base.config.name);
      nlohmann::json diffs = nlohmann::json::array();
      for (const auto& d : ex::compare(results[0], results[s], c.level)) {
        const double reduction = d.variance_crn > 0 ? d.variance_independent / d.variance_crn : 0;
        diff_csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", scenarios[s].config.name, d.name, d.unit,
                                d.base_mean, d.other_mean, d.diff_mean, d.diff_mean - d.half_width,
                                d.diff_mean + d.half_width, d.significant ? 1 : 0, d.variance_crn,
                                d.variance_independent, reduction);
        diffs.push_back({{"kpi", d.name}, {"unit", d.unit}, {"difference", d.diff_mean}, {"ci_half_width", d.half_width},
                         {"significant", d.significant}, {"variance_crn", d.variance_crn},
                         {"variance_independent", d.variance_independent}});
        if (!all_kpis && std::find(headline.begin(), headline.end(), d.name) == headline.end()) continue;
        std::string note = d.significant ? "" : "  (not significant)";
        std::string vr = d.variance_crn > 0 ? fmt::format("  CRN variance reduction x{:.1f}", reduction) : "";
        std::cout << fmt::format("  {:<26} {:>10} [{:>9}, {:>9}] {}{}{}\n", d.name, format_value(d.diff_mean),
                                 format_value(d.diff_mean - d.half_width), format_value(d.diff_mean + d.half_width),
                                 d.unit, note, vr);
      }
      sj["paired_differences"] = diffs;
    }
    j["scenarios"].push_back(sj);
  }
  if (!out_dir.empty()) {
    // report.md: the tables of this comparison in Markdown (results/README.md embeds the demo's).
    std::string md = fmt::format("<!-- made by: {} -->\n\n", cmd);
    md += fmt::format("Base: **{}**. {} replications per scenario, seed {}, common random numbers, {:.0f}% "
                      "Student-t confidence intervals (mean ± half-width).\n\n",
                      base.config.name, c.reps, c.seed, c.level * 100);
    md += "| KPI | unit |";
    for (const auto& s : scenarios) md += " " + s.config.name + " |";
    md += "\n|---|---|";
    for (std::size_t s = 0; s < scenarios.size(); ++s) md += "---|";
    md += "\n";
    std::vector<std::vector<ex::KpiSummary>> sums;
    for (std::size_t s = 0; s < scenarios.size(); ++s) sums.push_back(ex::summarize(results[s], c.level));
    for (std::size_t kk = 0; kk < sums[0].size(); ++kk) {
      const auto& ks = sums[0][kk];
      if (std::find(headline.begin(), headline.end(), ks.name) == headline.end() && ks.name != "lane_service_mean" &&
          ks.name != "inspection_time_mean")
        continue;
      md += "| " + ks.name + " | " + ks.unit + " |";
      for (std::size_t s = 0; s < scenarios.size(); ++s) {
        for (const auto& x : sums[s]) {
          if (x.name == ks.name) md += " " + format_value(x.mean) + " ± " + format_value(x.half_width) + " |";
        }
      }
      md += "\n";
    }
    md += "\nPaired differences (reform − base) with their CI; *n.s.* = not significant; *CRN ×* = variance of "
          "the difference with independent seeds over that with common random numbers.\n\n";
    md += "| reform | KPI | difference | CI | note |\n|---|---|---|---|---|\n";
    for (std::size_t s = 1; s < scenarios.size(); ++s) {
      for (const auto& d : ex::compare(results[0], results[s], c.level)) {
        if (d.name != "turn_time_mean" && d.name != "turn_time_p95" && d.name != "pregate_wait_mean" &&
            d.name != "spillback_truck_minutes" && d.name != "noncompliant_caught" && d.name != "physical_inspections" &&
            d.name != "idle_co2" && d.name != "device_cost_per_truck")
          continue;
        if (d.half_width == 0 && d.diff_mean == 0) continue;
        std::string note = d.significant ? "" : "n.s.";
        if (d.variance_crn > 0) note += fmt::format("{}CRN ×{:.1f}", note.empty() ? "" : ", ", d.variance_independent / d.variance_crn);
        md += fmt::format("| {} | {} ({}) | {} | [{}, {}] | {} |\n", scenarios[s].config.name, d.name, d.unit,
                          format_value(d.diff_mean), format_value(d.diff_mean - d.half_width),
                          format_value(d.diff_mean + d.half_width), note);
      }
    }
    io::write_atomically((fs::path(out_dir) / "report.md").string(), md);
    io::write_atomically((fs::path(out_dir) / "comparison.json").string(), j.dump(2) + "\n");
    io::write_atomically((fs::path(out_dir) / "differences.csv").string(), diff_csv);
    std::string runs_csv;
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      std::string part = io::runs_csv(provenance(scenarios[s], files[s], c.seed, c.reps, cmd), results[s]);
      if (s > 0) part = part.substr(part.find('\n') + 1);
      runs_csv += part;
    }
    io::write_atomically((fs::path(out_dir) / "runs.csv").string(), runs_csv);
    std::cout << "\nwrote " << out_dir << "/comparison.json, differences.csv, runs.csv, report.md\n";
    if (plots) {
      try {
        for (const std::string kpi : {"turn_time_mean", "turn_time_p95", "pregate_wait_mean", "noncompliant_caught"}) {
          std::vector<io::ForestRow> rows;
          std::string unit;
          for (std::size_t s = 1; s < scenarios.size(); ++s) {
            for (const auto& d : ex::compare(results[0], results[s], c.level)) {
              if (d.name != kpi) continue;
              rows.push_back({scenarios[s].config.name, d.diff_mean, d.diff_mean - d.half_width, d.diff_mean + d.half_width});
              unit = d.unit;
            }
          }
          io::forest_plot(out_dir, "forest_" + kpi, kpi + ": reform - " + base.config.name + " (" +
                                                       fmt::format("{:.0f}", c.level * 100) + "% CI, paired)",
                          unit, rows);
        }
        std::vector<io::Series> series;
        for (std::size_t s = 0; s < scenarios.size(); ++s) {
          io::Series se{scenarios[s].config.name, {}, {}, {}};
          const std::size_t hours = results[s].front().hourly_queue.size();
          for (std::size_t h = 0; h < hours; ++h) {
            k::Tally t;
            for (const auto& r : results[s]) t.add(r.hourly_queue[h]);
            se.x.push_back(static_cast<double>(h));
            se.y.push_back(t.mean());
            se.half_width.push_back(c.reps > 1 ? k::confidence_interval(t.mean(), t.stddev(), c.reps, c.level).half_width : 0);
          }
          series.push_back(se);
        }
        io::line_plot(out_dir, "hourly_queue", "Trucks waiting (lanes + public road) by hour of day", "hour of day",
                      "trucks waiting (mean)", series);
        std::cout << "wrote plots (SVG and PNG) to " << out_dir << "\n";
      } catch (const std::runtime_error& e) {
        std::cerr << "portsim: " << e.what() << "\n";
      }
    }
  }
  return 0;
}

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  std::size_t i = 0, n = 0;
  char slash = 0;
  std::istringstream is(text);
  if (!(is >> i >> slash >> n) || slash != '/' || n == 0 || i >= n || !is.eof()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--shard",
                                           "expected i/n with 0 <= i < n (for example 0/4), got \"" + text + "\""}});
  }
  return {i, n};
}

struct MpiSession {
  std::size_t rank = 0;
  std::size_t size = 1;
#ifdef PORTSIM_WITH_MPI
  bool active = false;
  MpiSession() {
    if (std::getenv("OMPI_COMM_WORLD_SIZE") == nullptr && std::getenv("PMI_SIZE") == nullptr) return;
    MPI_Init(nullptr, nullptr);
    active = true;
    int r = 0, n = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    rank = static_cast<std::size_t>(r);
    size = static_cast<std::size_t>(n);
  }
  ~MpiSession() {
    if (active) MPI_Finalize();
  }
  void barrier() const {
    if (active) MPI_Barrier(MPI_COMM_WORLD);
  }
#else
  void barrier() const {}
#endif
};

int cmd_batch(const std::string& file, const std::string& out_flag, unsigned jobs, const std::string& shard_text,
              const std::vector<std::string>& merge, bool plots, std::size_t max_runs, const std::string& cmd) {
  const auto started = [] {
    const std::time_t t = std::time(nullptr);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return std::string(buf);
  }();
  const io::BatchSpec spec = io::load_batch(file);
  const std::string out = out_flag.empty() ? spec.out : out_flag;
  ex::BatchOptions opt;
  opt.jobs = jobs;
  opt.command_line = cmd;
  opt.max_runs = max_runs;
  if (!merge.empty()) {
    ex::assemble_batch(spec, merge, out, opt, started);
    std::cout << fmt::format("merged {} folder(s) into {}/results.csv, points.csv, results.sqlite, manifest.json\n",
                             merge.size(), out);
    if (plots) ex::plot_batch(out);
    return 0;
  }
  if (!shard_text.empty()) std::tie(opt.shard, opt.shards) = parse_shard(shard_text);
  MpiSession mpi;
  opt.rank = mpi.rank;
  opt.ranks = mpi.size;
  if (mpi.rank == 0) {
    std::cout << fmt::format("batch {}: {} design point(s) x {} replication(s) = {} runs{}{}\n", spec.name,
                             spec.points.size(), spec.replications, spec.points.size() * spec.replications,
                             opt.shards > 1 ? fmt::format(", shard {}/{}", opt.shard, opt.shards) : "",
                             mpi.size > 1 ? fmt::format(", {} MPI ranks", mpi.size) : "");
  }
  const auto outcome = ex::run_batch(spec, out, opt);
  mpi.barrier();
  if (mpi.rank != 0) return 0;
  std::cout << fmt::format("{} run(s) done now, {} found finished (resume), {:.1f} s\n", outcome.ran_now,
                           outcome.done_before, outcome.seconds);
  // Every shard's runs present (a shared output folder) or the only shard: write the tables.
  bool complete = true;
  for (const auto& p : spec.points) {
    for (std::size_t r = 0; r < spec.replications; ++r) {
      char name[64];
      std::snprintf(name, sizeof name, "p%06zu-r%04zu.json", p.index, r);
      complete = complete && fs::exists(fs::path(out) / "runs" / name);
    }
  }
  if (!complete) {
    std::cout << (opt.shards > 1 ? "shard finished; combine the shards with: portsim batch " + file + " --merge DIR...\n"
                                 : "batch interrupted before the end; run the same command again to resume\n");
    return 0;
  }
  ex::assemble_batch(spec, {out}, out, opt, started);
  std::cout << "wrote " << out << "/results.csv, points.csv, results.sqlite, manifest.json\n";
  if (plots) {
    try {
      ex::plot_batch(out);
      std::cout << "wrote plots to " << out << "\n";
    } catch (const std::runtime_error& e) {
      std::cerr << "portsim: " << e.what() << "\n";
    }
  }
  return 0;
}

#ifdef PORTSIM_WITH_CALIBRATION
namespace cal = portsim::calibration;

std::pair<std::string, std::string> parse_period(const std::string& text, const std::string& flag) {
  const auto dots = text.find("..");
  if (dots == std::string::npos || dots == 0 || dots + 2 >= text.size()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag,
                                           "expected FROM..TO dates, for example 2016-01-01..2017-12-31, got \"" + text + "\""}});
  }
  return {text.substr(0, dots), text.substr(dots + 2)};
}

cal::HourlyLog read_data(const std::string& data, const std::string& format, bool strict) {
  auto log = cal::read_log(data, format, strict);
  std::cerr << fmt::format("{}: {} rows read, {} malformed skipped, {} flagged inconsistent\n", data, log.rows.size(),
                           log.skipped, log.inconsistent);
  std::size_t shown = 0;
  for (const auto& p : log.problems) {
    if (shown++ < 10) std::cerr << "  " << p.format() << "\n";
  }
  if (log.problems.size() > 10) std::cerr << "  ... and " << log.problems.size() - 10 << " more\n";
  return log;
}

int cmd_calibrate(const std::string& data, const std::string& format, const std::string& model_file,
                  const std::string& train, const std::string& test, const std::string& out, bool strict, unsigned jobs,
                  const std::string& cmd) {
  const auto [train_from, train_to] = parse_period(train, "--train");
  std::pair<std::string, std::string> test_period;
  if (!test.empty()) test_period = parse_period(test, "--test");
  cal::ModelSpec spec = cal::read_model(model_file);
  const auto log = read_data(data, format, strict);
  const auto train_rows = cal::select_dates(log.rows, train_from, train_to);
  if (train_rows.empty()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--train", "no rows of " + data + " fall in " + train}});
  }
  std::cerr << fmt::format("training on {} hours ({} days, {} sampled per evaluation)\n", train_rows.size(),
                           cal::by_day(train_rows).size(), spec.sample_days);
  const auto t0 = std::chrono::steady_clock::now();
  auto result = cal::fit(spec, train_rows, jobs, [](const std::string& line) { std::cerr << "  " << line << "\n"; });
  result.calibrated.made_by = "# Calibrated booth-checkpoint model, made by:\n#   " + cmd + "\n# data: " + data +
                              " (" + format + "), training " + train + "\n";
  io::write_atomically((fs::path(out) / "calibrated.yaml").string(), cal::write_model(result.calibrated));
  std::cerr << fmt::format("fitted in {:.0f} s; wrote {}/calibrated.yaml\n",
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), out);
  for (const auto& p : result.calibrated.params) std::cout << fmt::format("  {:<20} {:>10.4g}  (sd {:.3g})\n", p.name, p.start, p.sd);
  if (!test.empty()) {
    const auto test_rows = cal::select_dates(log.rows, test_period.first, test_period.second);
    const auto preds = cal::predict(result.calibrated, test_rows, jobs);
    cal::write_validation_report(out, result.calibrated, &result, train_rows, preds, cmd,
                                 "Data: `" + data + "` (" + format + "); training " + train + " (" +
                                     std::to_string(train_rows.size()) + " hours), held out " + test + " (" +
                                     std::to_string(test_rows.size()) + " hours).");
    std::cout << "wrote " << out << "/report.md, predictions.csv, metrics.csv and plots\n";
  }
  return 0;
}

int cmd_fit_lane_rates(const std::string& volumes, const std::string& lanes_file, const std::string& trips,
                       const std::vector<std::string>& prefixes, const std::string& direction, double min_backlog,
                       double cv, int reps, const std::string& out, const std::string& cmd) {
  const auto log = read_data(volumes, "sandag-poe", false);
  std::vector<double> processed(24, 0.0);
  for (const auto& r : log.rows) processed[static_cast<std::size_t>(r.hour_start)] += std::max(0, r.arrivals);
  const auto lanes = cal::read_sandag_lanes(lanes_file, prefixes);
  const auto survey = cal::read_sandag_trips(trips, direction);
  const auto fit = cal::fit_lane_rate(processed, lanes.open, survey, min_backlog, 1);
  if (fit.saturated.empty()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--min-backlog",
                                           "no hour ends with more than " + fmt::format("{:g}", min_backlog) +
                                               " trucks queued: no saturated hour to fit a rate from (lower it)"}});
  }
  const auto check = cal::check_lane_rate(fit, processed, lanes, cv, reps, 1);
  cal::write_lane_rate_report(out, fit, check, processed, lanes, cmd, cv, min_backlog);
  std::cout << fmt::format("{} saturated hours; rate {:.2f} trucks per lane-hour (sd {:.2f}); processed-per-hour MAE "
                           "{:.1f} (SANDAG's rates {:.1f}); leave-one-out {:.1f} trucks/h\nwrote {}/report.md and lane_rates.csv\n",
                           fit.saturated.size(), fit.rate, fit.rate_sd, check.mae_fitted, check.mae_sandag, check.loo_mae, out);
  return 0;
}

int cmd_scale_arrivals(const std::string& waits, const std::string& site, const std::string& counts_file,
                       const std::string& crossing, const std::string& mode, int year, const std::string& shape_file,
                       const std::string& out) {
  const auto log = read_data(waits, "cbp-bwt", false);
  std::vector<cal::HourRow> rows;
  std::set<std::string> sites;
  for (const auto& r : log.rows) {
    sites.insert(r.site);
    if (r.site == site) rows.push_back(r);
  }
  if (rows.empty()) {
    std::string list;
    for (const auto& s : sites) list += (list.empty() ? "" : ", ") + s;
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--site", "no rows for \"" + site + "\" in " + waits + " (sites: " + list + ")"}});
  }
  const auto counts = cal::read_monthly_counts(counts_file, crossing, mode);
  std::vector<double> shape;
  if (!shape_file.empty()) {
    for (const auto& r : read_data(shape_file, "sandag-poe", false).rows) {
      if (r.arrivals > 0) shape.push_back(r.arrivals);
    }
  }
  const auto scaled = cal::scale_arrivals(rows, counts, year, shape, waits, counts_file);
  io::write_atomically(out, cal::write_hourly_csv(scaled));
  std::cout << fmt::format("wrote {} ({} hours of {} typical days; arrivals from {} {} counts of {})\n", out, scaled.size(),
                           cal::by_day(scaled).size(), crossing, mode, year);
  return 0;
}

int cmd_fit_service(const std::string& log, const std::string& column) {
  const auto values = cal::read_vehicle_column(log, column);
  std::vector<cal::FamilyFit> fits;
  try {
    fits = cal::fit_families(values);
  } catch (const std::invalid_argument& e) {
    throw io::InputError({io::InputProblem{log, 0, 0, column, e.what()}});
  }
  std::cout << fmt::format("{} {} values from {}; maximum-likelihood fits, best AIC first\n", values.size(), column, log);
  std::cout << fmt::format("  {:<12} {:>12} {:>12} {:>8}  {}\n", "family", "log-lik", "AIC", "KS D", "scenario form");
  for (const auto& f : fits) {
    std::cout << fmt::format("  {:<12} {:>12.1f} {:>12.1f} {:>8.4f}  {}\n", f.family, f.log_likelihood, f.aic, f.ks, f.text);
  }
  return 0;
}

int cmd_predict(const std::string& model_file, const std::string& data, const std::string& format,
                const std::string& out_file, bool strict, unsigned jobs) {
  const auto model = cal::read_model(model_file);
  const auto log = read_data(data, format, strict);
  const auto preds = cal::predict(model, log.rows, jobs);
  io::write_atomically(out_file, cal::predictions_csv(preds));
  const auto m = [&] {
    std::vector<double> o, s;
    for (const auto& p : preds) {
      if (p.observed.avg_wait_min < 0) continue;
      o.push_back(p.observed.avg_wait_min);
      s.push_back(p.sim_avg);
    }
    return cal::metrics(o, s);
  }();
  std::cout << fmt::format("wrote {} ({} rows); MAE {:.2f} min, bias {:+.2f} min, correlation {:.2f} over {} hours with "
                           "observed waits\n",
                           out_file, preds.size(), m.mae, m.bias, m.correlation, m.hours);
  return 0;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"PortSim: discrete-event simulation of port clearance operations"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("portsim ") + PORTSIM_VERSION);
  const std::string cmd = command_line(argc, argv);
  Common c;
  const auto add_common = [&](CLI::App* sub) {
    sub->add_option("--seed", c.seed, "master seed (replication r uses seed and r)");
    sub->add_option("--reps", c.reps, "independent replications")->check(CLI::Range(1, 100000));
    sub->add_option("--jobs", c.jobs, "threads (results do not depend on it)")->check(CLI::Range(1, 1024));
    sub->add_option("--duration", c.duration, "simulated time after warm-up, e.g. 1d, 7d");
    sub->add_option("--warmup", c.warmup, "warm-up discarded before statistics, e.g. 1d, or auto (MSER-5)");
    sub->add_option("--set", c.sets, "override a scenario value: key.path=value (repeatable)");
    sub->add_option("--level", c.level, "confidence level")->check(CLI::Range(0.5, 0.999));
  };

  std::string scenario, out_dir, log_path, format = "table";
  double precision = 0;
  std::size_t max_reps = 200;
  auto* run = app.add_subcommand("run", "run a scenario and print its KPIs");
  run->add_option("scenario", scenario, "scenario YAML file")->required();
  add_common(run);
  run->add_option("--out", out_dir, "folder for summary.json, summary.csv and runs.csv");
  run->add_option("--log", log_path, "per-truck checkpoint log (CSV) of replication 0");
  run->add_option("--format", format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  run->add_option("--precision", precision, "add replications until CI half-width <= precision x mean")
      ->check(CLI::Range(0.0001, 1.0));
  run->add_option("--max-reps", max_reps, "cap for --precision")->check(CLI::Range(2, 100000));
  std::string trace_path, trace_interval, hourly_path;
  run->add_option("--hourly-log", hourly_path, "hourly aggregate log (calibration schema) of replication 0");
  run->add_option("--trace", trace_path, "record positions and states of replication 0 for portsim-viz --replay");
  run->add_option("--trace-interval", trace_interval, "time between trace frames (default 30s)");

  std::vector<std::string> sets_validate;
  auto* validate = app.add_subcommand("validate", "check a scenario file without running it");
  validate->add_option("scenario", scenario, "scenario YAML file")->required();
  validate->add_option("--set", sets_validate, "override a scenario value: key.path=value");

  std::vector<std::string> files;
  bool plots = false, all_kpis = false;
  auto* cmp = app.add_subcommand("compare", "compare reforms with a base scenario under common random numbers");
  cmp->add_option("scenarios", files, "BASE.yaml REFORM.yaml [MORE.yaml...]")->required()->expected(2, 1000);
  add_common(cmp);
  cmp->add_option("--out", out_dir, "folder for comparison.json, differences.csv, runs.csv and plots");
  cmp->add_flag("--plots", plots, "draw forest plots and hourly queue profiles with gnuplot");
  cmp->add_flag("--all", all_kpis, "print every KPI, not only the headline ones");

  std::string batch_file, shard_text;
  std::vector<std::string> merge;
  std::size_t max_runs_batch = 0;
  bool batch_plots = false;
  unsigned batch_jobs = default_jobs();
  auto* batch = app.add_subcommand("batch", "run a batch file (sweep) on threads, shards or MPI ranks; resumable");
  batch->add_option("file", batch_file, "batch YAML file")->required();
  batch->add_option("--jobs", batch_jobs, "threads (results do not depend on it)")->check(CLI::Range(1, 1024));
  batch->add_option("--out", out_dir, "output folder (default: the batch file's out)");
  batch->add_option("--shard", shard_text, "run only share i of n (0-based), e.g. 0/4 for a job array");
  batch->add_option("--merge", merge, "combine the runs found in these folders (shards) into the tables")->expected(1, 10000);
  batch->add_flag("--plots", batch_plots, "draw KPI-vs-factor plots with CI bands");
  batch->add_option("--max-runs", max_runs_batch, "stop after this many new runs (then resume by rerunning)");

  std::string plot_dir;
  auto* plot = app.add_subcommand("plot", "draw the plots of a finished batch folder");
  plot->add_option("folder", plot_dir, "batch output folder (with points.csv)")->required();

#ifdef PORTSIM_WITH_CALIBRATION
  std::string cal_data, cal_format, cal_model, cal_train, cal_test, cal_out, pred_out;
  bool cal_strict = false;
  unsigned cal_jobs = default_jobs();
  auto* calibrate = app.add_subcommand("calibrate", "fit the booth-checkpoint model to a real hourly log");
  calibrate->add_option("--data", cal_data, "log file")->required();
  calibrate->add_option("--format", cal_format, "cbp-awt, sandag-poe, cbp-bwt, cascade or hourly")->required();
  calibrate->add_option("--model", cal_model, "model file with parameter bounds (calibration/models/)")->required();
  calibrate->add_option("--train", cal_train, "training dates FROM..TO")->required();
  calibrate->add_option("--test", cal_test, "held-out dates FROM..TO for the validation report");
  calibrate->add_option("--out", cal_out, "output folder")->required();
  calibrate->add_flag("--strict", cal_strict, "malformed rows are fatal");
  calibrate->add_option("--jobs", cal_jobs, "threads")->check(CLI::Range(1, 1024));
  std::string fit_log, fit_column = "service_s";
  auto* fit_service = app.add_subcommand("fit-service", "fit service-time families to a per-vehicle log (AIC, KS)");
  fit_service->add_option("--log", fit_log, "per-vehicle checkpoint log (portsim run --log)")->required();
  fit_service->add_option("--column", fit_column, "column to fit (default service_s)");
  std::string lr_volumes, lr_lanes, lr_trips, lr_direction = "NB", lr_out;
  std::vector<std::string> lr_prefixes{"OMC_GP", "OMC_SP"};
  double lr_backlog = 10, lr_cv = 0.5;
  int lr_reps = 20;
  auto* lane_rates = app.add_subcommand("fit-lane-rates", "fit a lane service rate from saturated hours (SANDAG Otay Mesa files)");
  lane_rates->add_option("--volumes", lr_volumes, "hourly processed volumes (OME_Observed_Data.csv)")->required();
  lane_rates->add_option("--lanes", lr_lanes, "open lanes by hour (poe_rates_2017_base.csv)")->required();
  lane_rates->add_option("--trips", lr_trips, "survey arrivals by hour (Truck_Trips_2017.csv)")->required();
  lane_rates->add_option("--lane-prefix", lr_prefixes, "poe_rates column prefixes whose _OPEN lanes serve the volume (default OMC_GP OMC_SP)");
  lane_rates->add_option("--direction", lr_direction, "survey direction (default NB)");
  lane_rates->add_option("--min-backlog", lr_backlog, "trucks still queued at the end of an hour that make it saturated (default 10)")->check(CLI::Range(0.0, 1e6));
  lane_rates->add_option("--service-cv", lr_cv, "service-time cv of the simulation check (default 0.5)")->check(CLI::Range(0.05, 3.0));
  lane_rates->add_option("--reps", lr_reps, "replications of the simulation check (default 20)")->check(CLI::Range(1, 10000));
  lane_rates->add_option("--out", lr_out, "output folder")->required();
  std::string sa_waits, sa_site, sa_counts, sa_crossing, sa_mode = "Commercial Trucks", sa_shape, sa_out;
  int sa_year = 0;
  auto* scale = app.add_subcommand("scale-arrivals", "an hourly log for a typical-wait profile with arrivals from monthly counts");
  scale->add_option("--waits", sa_waits, "typical waits (cbp-bwt format)")->required();
  scale->add_option("--site", sa_site, "site of the waits file, e.g. \"El Paso - Ysleta Commercial General\"")->required();
  scale->add_option("--counts", sa_counts, "monthly counts (UNT/CBP monthly_crossings CSV)")->required();
  scale->add_option("--crossing", sa_crossing, "crossing in the counts file, e.g. \"Ysleta Bridge\"")->required();
  scale->add_option("--mode", sa_mode, "mode in the counts file (default Commercial Trucks)");
  scale->add_option("--year", sa_year, "year of the counts that matches the waits")->required()->check(CLI::Range(1900, 2100));
  scale->add_option("--shape", sa_shape, "hourly volume profile over the operating day (sandag-poe file); default uniform");
  scale->add_option("--out", sa_out, "hourly log to write (canonical schema, --format hourly)")->required();
  auto* predict = app.add_subcommand("predict", "drive a calibrated model with another log's hourly inputs");
  predict->add_option("--model", cal_model, "calibrated model (calibrated.yaml)")->required();
  predict->add_option("--data", cal_data, "log file")->required();
  predict->add_option("--format", cal_format, "log format")->required();
  predict->add_option("--out", pred_out, "predictions CSV")->required();
  predict->add_flag("--strict", cal_strict, "malformed rows are fatal");
  predict->add_option("--jobs", cal_jobs, "threads")->check(CLI::Range(1, 1024));
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "portsim: error: " << e.what() << "\n(run portsim --help for the commands and their flags)\n";
    return 2;
  }
  try {
    if (*validate) return cmd_validate(scenario, sets_validate);
    if (*run) return cmd_run(scenario, c, out_dir, log_path, format, precision, max_reps, cmd, trace_path, trace_interval, hourly_path);
    if (*cmp) return cmd_compare(files, c, out_dir, plots, all_kpis, cmd);
    if (*batch) return cmd_batch(batch_file, out_dir, batch_jobs, shard_text, merge, batch_plots, max_runs_batch, cmd);
#ifdef PORTSIM_WITH_CALIBRATION
    if (*calibrate) return cmd_calibrate(cal_data, cal_format, cal_model, cal_train, cal_test, cal_out, cal_strict, cal_jobs, cmd);
    if (*fit_service) return cmd_fit_service(fit_log, fit_column);
    if (*lane_rates) return cmd_fit_lane_rates(lr_volumes, lr_lanes, lr_trips, lr_prefixes, lr_direction, lr_backlog, lr_cv, lr_reps, lr_out, cmd);
    if (*scale) return cmd_scale_arrivals(sa_waits, sa_site, sa_counts, sa_crossing, sa_mode, sa_year, sa_shape, sa_out);
    if (*predict) return cmd_predict(cal_model, cal_data, cal_format, pred_out, cal_strict, cal_jobs);
#endif
    if (*plot) {
      ex::plot_batch(plot_dir);
      std::cout << "wrote plots to " << plot_dir << "\n";
      return 0;
    }
  } catch (const io::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "portsim: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
