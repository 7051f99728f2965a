// The seed inputs of the fuzz harness. Shipped files are read where they live (scenarios,
// batches, calibration models, calibrated models), so a seed never drifts from the project;
// log slices are in tests/fuzz/seeds/logs; traces, a per-vehicle log, an hourly log and a run
// store are made at start-up by the portsim under test, so their format is always its own.
// Model files get their fit budget (or band replications) cut so that a run fits the timeout;
// everything else about them is as shipped.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/fuzz/flag_mutations.hpp"
#include "tests/fuzz/process_runner.hpp"

namespace portsim::fuzz {

struct SeedFile {
  std::string name;  // the file's name in a case folder
  std::string text;
};

struct Programs {
  std::filesystem::path portsim;
  std::filesystem::path viz;  // empty: no portsim-viz steps
  std::vector<std::string> env;
};

struct SeedSet {
  std::filesystem::path source;          // the project
  std::vector<SeedFile> scenarios;       // scenarios/*.yaml
  std::vector<SeedFile> batches;         // scenarios/batches/*.yaml
  std::vector<SeedFile> fit_models;      // calibration/models/*.yaml, fit budget cut (model-<name>)
  std::vector<SeedFile> calibrated;      // results/calibration/*/calibrated.yaml (calibrated-<site>.yaml)
  std::map<std::string, SeedFile> logs;  // tests/fuzz/seeds/logs/*.csv and the derived hourly log, by name
  std::vector<SeedFile> traces;          // derived: portsim run --trace (only with portsim-viz)
  SeedFile vehicle_log;                  // derived: portsim run --log
  SeedFile truck_log;                    // derived: portsim run --truck-log
  SeedFile store_batch;                  // tests/fuzz/seeds/run-store.yaml
  std::vector<SeedFile> run_files;       // derived: the store batch's runs/*.json
  std::map<std::string, std::vector<KeyPath>> key_paths;  // of each scenario, for --set
  bool reseal_traces = false;     // resealing a seed trace gives it back (reseal.hpp)
  bool reseal_run_files = false;  // resealing a seed run file gives it back

  const SeedFile& log(const std::string& name) const;
  const SeedFile& named(const std::vector<SeedFile>& files, const std::string& name) const;
};

/// Loads the seeds of `source`, making the derived ones in `work` with the programs under test.
/// Throws std::runtime_error (with the command and its stderr) if a derived seed cannot be made.
SeedSet load_seeds(const std::filesystem::path& source, const std::filesystem::path& work, const Programs& programs,
                   const Limits& limits);

/// A shipped model file with its fit budget cut (starts 1, max_evals 6, sample_days 2, ...).
std::string with_small_fit(const std::string& model_text);

std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

}  // namespace portsim::fuzz
