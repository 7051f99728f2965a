#include "sim/experiment/batch.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "sim/experiment/run_store.hpp"
#include "sim/experiment/run_warnings.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/plots.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/sqlite_writer.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::experiment {

namespace fs = std::filesystem;

namespace {

std::string now_text() {
  const std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

class Progress {
 public:
  Progress(std::size_t total, std::size_t done, bool enabled)
      : total_(total), done_(done), start_done_(done), enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0),
        start_(std::chrono::steady_clock::now()) {}
  void tick() {
    if (!enabled_) return;
    std::lock_guard lock(m_);
    ++done_;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done_ - start_done_) / secs : 0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    if (tty_) {
      const int width = 30;
      const int fill = static_cast<int>(width * static_cast<double>(done_) / static_cast<double>(total_));
      std::fprintf(stderr, "\r[%s%s] %zu/%zu runs  %.1f runs/s  ETA %.0fs ", std::string(static_cast<std::size_t>(fill), '#').c_str(),
                   std::string(static_cast<std::size_t>(width - fill), ' ').c_str(), done_, total_, rate, eta);
      if (done_ == total_) std::fprintf(stderr, "\n");
    } else if (done_ == total_ || done_ * 10 / total_ != (done_ - 1) * 10 / total_) {
      std::fprintf(stderr, "progress: %zu/%zu runs, %.1f runs/s, ETA %.0f s\n", done_, total_, rate, eta);
    }
  }

 private:
  std::size_t total_, done_, start_done_;
  bool enabled_, tty_;
  std::chrono::steady_clock::time_point start_;
  std::mutex m_;
};

}  // namespace

BatchOutcome run_batch(const io::BatchSpec& spec, const std::string& out, const BatchOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const fs::path runs_dir = fs::path(out) / "runs";
  fs::create_directories(runs_dir);
  const std::optional<kernel::Duration> duration =
      spec.duration.empty() ? std::nullopt : std::optional<kernel::Duration>(kernel::parse_duration(spec.duration));
  BatchOutcome outcome;
  std::vector<std::pair<std::size_t, std::size_t>> todo;
  const std::size_t parts = opt.shards * opt.ranks;
  const std::size_t part = opt.shard * opt.ranks + opt.rank;
  std::size_t index = 0, mine = 0;
  for (const auto& point : spec.points) {
    for (std::size_t r = 0; r < spec.replications; ++r, ++index) {
      ++outcome.total_runs;
      if (index % parts != part) continue;
      ++mine;
      // A leftover temporary file of an interrupted run is garbage (a run counts only once renamed).
      // Each rank and shard removes only its own runs' leftovers: another rank's may be in progress.
      std::error_code ec;
      fs::remove(runs_dir / (run_file_name(point.index, r) + ".tmp"), ec);
      const RunFile file = read_run_file(out, spec, point, r);
      if (file.state == RunFile::State::Valid) {
        ++outcome.done_before;
        continue;
      }
      if (file.state == RunFile::State::Invalid) {
        std::fprintf(stderr, "warning: %s: %s; running it again\n", file.path.c_str(), file.problem.c_str());
        ++outcome.rejected;
      }
      todo.emplace_back(point.index, r);
    }
  }
  if (opt.max_runs > 0 && todo.size() > opt.max_runs) todo.resize(opt.max_runs);
  Progress progress(mine, outcome.done_before, opt.progress && opt.rank == 0);
  std::atomic<std::size_t> ran{0};
  parallel_for(todo.size(), opt.jobs, [&](std::size_t i) {
    const auto [p, r] = todo[i];
    RunSpec rs;
    rs.seed = spec.seed;  // the same seeds at every design point: common random numbers
    rs.replication = r;
    rs.duration = duration;
    const io::DesignPoint& point = spec.points[p];
    const RunResult res = run_once(point.scenario.config, rs);
    io::write_atomically((runs_dir / run_file_name(p, r)).string(), run_file_text(stored_run(spec, point, r, res)));
    ++ran;
    progress.tick();
  });
  outcome.ran_now = ran;
  outcome.complete = outcome.done_before + outcome.ran_now == mine;
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return outcome;
}

std::vector<std::string> assemble_batch(const io::BatchSpec& spec, const std::vector<std::string>& run_dirs,
                                        const std::string& out, const BatchOptions& opt, const std::string& started) {
  // Collect run files: the first directory with a valid file of each run wins (shards hold disjoint
  // runs; a copy in two folders is the same run). An invalid file is reported and never merged.
  std::vector<std::vector<StoredRun>> runs(spec.points.size(), std::vector<StoredRun>(spec.replications));
  std::vector<std::string> missing;
  for (const auto& point : spec.points) {
    for (std::size_t r = 0; r < spec.replications; ++r) {
      bool found = false;
      for (const auto& dir : run_dirs) {
        RunFile file = read_run_file(dir, spec, point, r);
        if (file.state == RunFile::State::Invalid) {
          std::fprintf(stderr, "warning: %s: %s; not merged\n", file.path.c_str(), file.problem.c_str());
        }
        if (file.state != RunFile::State::Valid) continue;
        runs[point.index][r] = std::move(file.run);
        found = true;
        break;
      }
      if (!found) missing.push_back(run_file_name(point.index, r));
    }
  }
  if (!missing.empty()) {
    throw std::runtime_error(std::to_string(missing.size()) + " run(s) missing, e.g. " + missing.front() +
                             ": run the remaining shards, or rerun the batch to resume");
  }
  // KPI columns: the chosen ones (every design point reports them, the loader checked), in the
  // model's order.
  std::vector<std::string> kpi_names;
  for (const auto& name : spec.points.front().kpi_names) {
    if (spec.kpis.empty() || std::find(spec.kpis.begin(), spec.kpis.end(), name) != spec.kpis.end()) kpi_names.push_back(name);
  }
  io::Table table{"runs", {"point", "replication", "seed"}, {true, true, true}, {}};
  for (const auto& f : spec.factors) {
    table.columns.push_back(f.key);
    table.numeric.push_back(false);
  }
  for (const auto& k : kpi_names) {
    table.columns.push_back(k);
    table.numeric.push_back(true);
  }
  io::Table points{"points", {"point"}, {true}, {}};
  for (const auto& f : spec.factors) {
    points.columns.push_back(f.key);
    points.numeric.push_back(false);
  }
  for (const char* c : {"kpi", "unit", "mean", "stddev", "ci_low", "ci_high", "ci_level", "ci_method", "n"}) {
    points.columns.push_back(c);
    points.numeric.push_back(std::string(c) != "kpi" && std::string(c) != "unit" && std::string(c) != "ci_method");
  }
  for (const auto& point : spec.points) {
    std::map<std::string, std::vector<double>> values_of;
    for (std::size_t r = 0; r < spec.replications; ++r) {
      const StoredRun& run = runs[point.index][r];
      std::vector<std::string> row{std::to_string(point.index), std::to_string(r), std::to_string(run.seed)};
      for (const auto& v : point.values) row.push_back(v);
      const std::map<std::string, std::string> values(run.kpis.begin(), run.kpis.end());
      for (const auto& k : kpi_names) {
        row.push_back(values.at(k));
        values_of[k].push_back(std::stod(values.at(k)));
      }
      table.rows.push_back(std::move(row));
    }
    for (const auto& k : kpi_names) {
      const auto at = std::find(point.kpi_names.begin(), point.kpi_names.end(), k) - point.kpi_names.begin();
      const std::string& unit = point.kpi_units[static_cast<std::size_t>(at)];
      const KpiSummary s = summarize_values(k, unit, values_of[k], opt.level);
      std::vector<std::string> row{std::to_string(point.index)};
      for (const auto& v : point.values) row.push_back(v);
      for (const auto& text : {k, unit, exact_text(s.mean), exact_text(s.stddev), exact_text(s.low), exact_text(s.high),
                               exact_text(opt.level), std::string(s.n < 2 ? "none" : s.bootstrap ? "bootstrap" : "t"),
                               std::to_string(spec.replications)}) {
        row.push_back(text);
      }
      points.rows.push_back(std::move(row));
    }
  }
  io::write_atomically((fs::path(out) / "results.csv").string(), io::to_csv(table));
  io::write_atomically((fs::path(out) / "points.csv").string(), io::to_csv(points));
  io::write_sqlite((fs::path(out) / "results.sqlite").string(), {table, points});
  nlohmann::json m;
  m["batch"] = spec.name;
  m["batch_file"] = spec.file;
  m["batch_hash"] = spec.hash;
  m["base_scenario"] = spec.base;
  m["design"] = spec.design;
  m["replications"] = spec.replications;
  m["seed"] = spec.seed;
  m["seeds"] = "replication r of every design point uses (seed, r): common random numbers across points";
  m["program_version"] = PORTSIM_VERSION_STRING;
  m["command_line"] = opt.command_line;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  m["host"] = host;
  m["started"] = started;
  m["finished"] = now_text();
  nlohmann::json pts = nlohmann::json::array();
  for (const auto& p : spec.points) {
    nlohmann::json pj;
    pj["point"] = p.index;
    for (std::size_t f = 0; f < spec.factors.size(); ++f) pj["factors"][spec.factors[f].key] = p.values[f];
    pj["scenario_hash"] = p.scenario.hash;
    pts.push_back(pj);
  }
  m["points"] = pts;
  std::vector<std::string> warnings;
  for (const auto& point : spec.points) {
    std::vector<RunResult> results;
    for (const auto& run : runs[point.index]) results.push_back(as_run_result(run));
    for (auto& w : end_of_run_warnings(results, "point " + std::to_string(point.index))) warnings.push_back(std::move(w));
  }
  m["warnings"] = warnings;
  io::write_atomically((fs::path(out) / "manifest.json").string(), m.dump(2) + "\n");
  return warnings;
}

}  // namespace portsim::experiment
