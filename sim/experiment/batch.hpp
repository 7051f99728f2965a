// Batch runs of a design (points x replications): thread pool, shards for job arrays, MPI ranks,
// crash-safe resume (each finished run is a verified file of the run store, run_store.hpp; a rerun
// skips valid ones and runs invalid ones again), and the tidy outputs (results.csv, points.csv,
// results.sqlite, manifest.json).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/io/batch_loader.hpp"

namespace portsim::experiment {

struct BatchOptions {
  unsigned jobs = 1;
  std::size_t shard = 0;         // this shard (0-based)
  std::size_t shards = 1;        // number of shards
  std::size_t rank = 0;          // MPI rank (same split as shards)
  std::size_t ranks = 1;
  std::size_t max_runs = 0;      // stop after this many new runs (0: no limit); simulates an interruption
  double level = 0.95;
  bool progress = true;
  std::string command_line;
};

struct BatchOutcome {
  std::size_t total_runs = 0;
  std::size_t done_before = 0;   // found finished and valid on disk (resume)
  std::size_t rejected = 0;      // run files found invalid (reported on stderr, run again)
  std::size_t ran_now = 0;
  bool complete = false;         // every run of this shard / rank is on disk
  double seconds = 0;
};

/// Runs this shard's / rank's missing runs of the batch into `out`/runs/; an invalid run file is
/// reported on stderr (one line: the file and why) and run again.
BatchOutcome run_batch(const io::BatchSpec& spec, const std::string& out, const BatchOptions& opt);

/// Assembles results.csv, points.csv, results.sqlite and manifest.json in `out` from the run files
/// found in `run_dirs` (shards), each verified (an invalid one is reported on stderr and not merged);
/// throws std::runtime_error naming missing runs. Returns the end-of-run warnings of its runs
/// ("warning: point 3: replication 1 ..."), also written to manifest.json.
std::vector<std::string> assemble_batch(const io::BatchSpec& spec, const std::vector<std::string>& run_dirs, const std::string& out,
                    const BatchOptions& opt, const std::string& started);

}  // namespace portsim::experiment
