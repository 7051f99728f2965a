// Result files: atomic, durable writes (temporary file, fsync, rename, fsync of the folder), KPI
// summaries as JSON and CSV, and the per-truck checkpoint log (the CSV schema calibration/ reads,
// see calibration/README.md).
#pragma once

#include <array>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/atomic_stream.hpp"
#include "sim/io/results.hpp"
#include "sim/port/config.hpp"
#include "sim/port/observer.hpp"

namespace portsim::io {

/// Writes `content` to `path` through `path.tmp`: the data fsync'ed, then rename(2), then the folder
/// fsync'ed, so readers never see half a file and a power cut leaves the old file or the new one.
/// Creates missing parent folders. Throws std::runtime_error naming the path.
void write_atomically(const std::string& path, const std::string& content);
/// The same commit for a temporary file written by a stream (closed): fsync, rename to `path`, fsync
/// of the folder. Removes `tmp` on failure; throws std::runtime_error naming the path.
void commit_file(const std::string& tmp, const std::string& path);

/// Provenance of a result: what produced it.
struct Provenance {
  std::string scenario_file;
  std::string scenario_name;
  std::string scenario_hash;
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  std::string program_version;
  std::string command_line;
};

nlohmann::json summary_json(const Provenance& p, const std::vector<KpiSummary>& kpis,
                            const std::vector<RunResult>& runs);
std::string summary_csv(const Provenance& p, const std::vector<KpiSummary>& kpis);
/// One row per (replication, KPI) is awkward to read; one row per replication with a column per
/// KPI is the tidy table.
std::string runs_csv(const Provenance& p, const std::vector<RunResult>& runs);

/// Streams the per-truck checkpoint log to a temporary file and renames it into place on
/// finish(); an interrupted run leaves no partial log behind.
class CheckpointLogWriter : public port::PortObserver {
 public:
  explicit CheckpointLogWriter(std::string path, std::string site = "simulated");
  void on_truck_exit(const port::TruckRecord& r) override;
  void finish() { file_.finish(); }
  static const char* header();

 private:
  AtomicStream file_;
  std::string site_;
};

/// Aggregates exited trucks by hour of arrival into the canonical hourly log (calibration/README.md):
/// arrivals, lanes open, average/maximum pre-gate wait and the 7 CBP wait bins. Written atomically
/// on finish().
class HourlyLogWriter : public port::PortObserver {
 public:
  HourlyLogWriter(std::string path, const port::ScenarioConfig& cfg);
  void on_truck_exit(const port::TruckRecord& r) override;
  void finish();

 private:
  struct Hour {
    int arrivals = 0;
    double sum = 0;
    double max = 0;
    std::array<int, 7> bins{};
  };
  std::string path_;
  const port::ScenarioConfig& cfg_;
  std::map<long long, Hour> hours_;  // key: hour index since the start
};

}  // namespace portsim::io
