// The run store of a batch: one file per finished run in <out>/runs/ (p000012-r0003.json), written
// atomically and durably (io::write_atomically). Each file carries what identifies its run (design
// point and its factor values, replication, seed, scenario hash) and a checksum of its content, and
// is verified before it counts as done or is merged: a truncated, garbage, edited, stale or
// misplaced file is rejected with the reason, never used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment/runner.hpp"
#include "sim/io/batch_loader.hpp"

namespace portsim::experiment {

/// One finished run as stored.
struct StoredRun {
  std::size_t point = 0;
  std::size_t replication = 0;
  std::uint64_t seed = 0;
  std::string scenario_hash;
  std::vector<std::pair<std::string, std::string>> factors;  // key, level of the design point
  std::string outcome;
  std::vector<std::pair<std::string, std::string>> kpis;     // name, exact value (exact_text)
  // How the run ended (for the batch's end-of-run warnings): as io::RunResult has them.
  bool drained = false;
  std::string drain_hours = "0";  // exact text
  std::uint64_t unfinished_trucks = 0;
  std::uint64_t unfinished_selected = 0;
  bool operator==(const StoredRun&) const = default;
};

/// The parts of a run result a stored run keeps (replication, outcome, KPIs, how it ended), for the
/// end-of-run warnings.
RunResult as_run_result(const StoredRun& run);

/// A double as "%.17g": the exact text run files and batch tables hold.
std::string exact_text(double v);

/// The run's file name in runs/, e.g. p000012-r0003.json.
std::string run_file_name(std::size_t point, std::size_t replication);

/// What replication `replication` of `point` stores, from its result.
StoredRun stored_run(const io::BatchSpec& spec, const io::DesignPoint& point, std::size_t replication,
                     const RunResult& result);

/// The file's text: one JSON object, with a checksum (FNV-1a of the object without it).
std::string run_file_text(const StoredRun& run);

/// A run file read back: the run, or why it cannot be used.
struct RunFile {
  enum class State { Missing, Valid, Invalid };
  State state = State::Missing;
  std::string path;
  StoredRun run;        // when valid
  std::string problem;  // when invalid: why, e.g. "its checksum does not match its content (edited or damaged)"
};

/// Reads `dir`/runs/<run_file_name> of replication `replication` of `point` and checks that it is
/// intact (a JSON object with every field, its checksum) and that it is this run's (point,
/// replication, seed, scenario hash, factor levels, the KPIs the model reports for the point).
RunFile read_run_file(const std::string& dir, const io::BatchSpec& spec, const io::DesignPoint& point,
                      std::size_t replication);

/// How many runs of the batch have no valid file in `dir`/runs.
std::size_t missing_runs(const io::BatchSpec& spec, const std::string& dir);

}  // namespace portsim::experiment
