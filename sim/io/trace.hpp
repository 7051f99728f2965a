// Trace files: snapshots of positions and states at fixed intervals, written by
// `portsim run --trace FILE` and played back by portsim-viz --replay. Text, one record per line:
//   portsim-trace 1 <scenario file> <seed> <interval ms>
//   F <time ms> <trucks exited> <system up 0/1>
//   T <id> <state> <gate> <lane> <road> <progress> <node>
//   L <gate> <lane> <open> <busy> <device failed> <queue>
//   Q <gate> <queue> <spill-back>
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/port/observer.hpp"

namespace portsim::io {

class TraceWriter {
 public:
  TraceWriter(std::string path, const std::string& scenario_file, std::uint64_t seed, kernel::Duration interval);
  ~TraceWriter();
  void write(const port::Snapshot& s);
  /// Renames the temporary file into place.
  void finish();

 private:
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool finished_ = false;
};

struct Trace {
  std::string scenario_file;
  std::uint64_t seed = 0;
  kernel::Duration interval{};
  std::vector<port::Snapshot> frames;
};

/// Reads a trace; throws InputError naming the file and line of a malformed record.
Trace read_trace(const std::string& path);

}  // namespace portsim::io
