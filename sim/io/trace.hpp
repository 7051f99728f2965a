// Trace files: snapshots of positions and states at fixed intervals, written by
// `portsim run --trace FILE` and played back by portsim-viz --replay. Text, one record per line:
//   portsim-trace 2
//   seed <seed>
//   interval_ms <ms between frames>
//   scenario_file <the scenario's path, the rest of the line (spaces allowed)>
//   S <a line of the resolved scenario (extends and --set applied)>      (every line of it)
//   F <time ms> <trucks exited> <system up 0/1>                         (then its T, L, Q records)
//   T <id> <state> <gate> <lane> <road> <progress> <node>
//   L <gate> <lane> <open> <busy> <device failed> <queue>
//   Q <gate> <queue> <spill-back>
//   checksum <FNV-1a 64 of every byte before this line, 16 hex digits>
// A trace is replayed on the scenario it carries, so it needs no other file. Version 1 (a header
// line "portsim-trace 1 <scenario file> <seed> <interval ms>", no scenario, no checksum) is still
// read, against the scenario file it names. Every record is validated before a replay starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/port/config.hpp"
#include "sim/port/observer.hpp"

namespace portsim::io {

/// What a trace says about the run it recorded.
struct TraceHeader {
  std::string scenario_file;  // where the scenario came from (shown, not read back)
  std::string scenario_text;  // the resolved scenario (LoadedScenario::canonical_text)
  std::uint64_t seed = 0;
  kernel::Duration interval{};
};

/// Streams a trace to `path`.tmp, then on finish() appends the checksum and commits it (fsync,
/// rename, fsync of the folder); an unfinished trace leaves no file behind. Throws
/// std::runtime_error when the trace would grow past max_trace_bytes.
class TraceWriter {
 public:
  TraceWriter(std::string path, const TraceHeader& header);
  ~TraceWriter();
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;
  void write(const port::Snapshot& s);
  void finish();

 private:
  void put(const std::string& text);
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  std::uint64_t checksum_;
  std::uintmax_t bytes_ = 0;
  bool finished_ = false;
};

/// The largest trace written and read (a replay holds every frame in memory).
inline constexpr std::uintmax_t max_trace_bytes = std::uintmax_t{1} << 30;
inline constexpr std::size_t max_trace_frames = 100000;  // a day at 1s; a month at 30s

/// A trace read back: its header (version 1: scenario_text empty, the scenario is scenario_file)
/// and its frames.
struct Trace : TraceHeader {
  std::string path;  // the trace file
  int version = 2;
  std::vector<port::Snapshot> frames;
  std::vector<int> frame_lines;  // line of each frame's F record; its T, L, Q records follow in order
};

/// Reads a trace and validates it against its scenario (the one it carries; for version 1 the file
/// it names): header, record syntax, frame order, every index (gate, lane, road, node, state) and
/// the checksum. Throws InputError naming the trace file, line and column of what is wrong.
Trace read_trace(const std::string& path);

/// Checks the frames' indices against `cfg` (a scenario the trace is replayed on); throws
/// InputError naming the trace file and the line of the first record out of range.
void check_trace(const Trace& trace, const port::ScenarioConfig& cfg);

}  // namespace portsim::io
