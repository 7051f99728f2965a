// Traces for replay: a recorded trace carries its version, the resolved scenario (with --set
// overrides) and a checksum, round-trips through paths with spaces, and every bad trace is refused
// before a replay starts with the trace file, line, column and what is wrong (issue 14 reproducers:
// out-of-range gates, a trace that lost its overrides, a path with a space). The controller refuses
// a scenario the trace's records do not fit.
#include "sim/io/trace.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/experiment/live_run.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/kernel/random.hpp"
#include "viz/viz_controller.hpp"

namespace io = portsim::io;
namespace fs = std::filesystem;
using std::chrono::minutes;

namespace {

std::string trace_error(const std::string& path) {
  try {
    io::read_trace(path);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

/// A folder with a space in its name, removed at the end.
class Trace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("portsim trace test " + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy_file("tests/data/base_ok.yaml", dir_ / "my base.yaml");
    scenario_ = io::load_scenario((dir_ / "my base.yaml").string(), {"gates[0].lanes[0].count=2"});
    good_ = path("good.trace");
    portsim::experiment::record_trace(scenario_.config, {(dir_ / "my base.yaml").string(), scenario_.canonical_text, 7, minutes(10)},
                                      std::chrono::hours(1), good_);
    std::ifstream in(good_);
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  /// 1-based number of the first line starting with `prefix`.
  int line_of(const std::string& prefix) const {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].rfind(prefix, 0) == 0) return static_cast<int>(i) + 1;
    }
    ADD_FAILURE() << "no line " << prefix;
    return 0;
  }
  /// Writes `lines` (the last, a checksum line, replaced by a fresh one when `sign`) as a trace.
  std::string write(std::vector<std::string> lines, bool sign = true) const {
    if (sign) {
      lines.pop_back();
      std::uint64_t h = 0xCBF29CE484222325ull;
      for (const auto& l : lines) h = portsim::kernel::fnv1a(l + "\n", h);
      char buf[17];
      std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
      lines.push_back(std::string("checksum ") + buf);
    }
    const std::string p = path("bad.trace");
    std::ofstream out(p);
    for (const auto& l : lines) out << l << "\n";
    return p;
  }
  /// The trace with line n (1-based) replaced, signed again.
  std::string with_line(int n, const std::string& text) const {
    auto lines = lines_;
    lines[static_cast<std::size_t>(n - 1)] = text;
    return write(lines);
  }

  fs::path dir_;
  io::LoadedScenario scenario_;
  std::string good_;
  std::vector<std::string> lines_;
};

}  // namespace

TEST_F(Trace, CarriesItsVersionTheResolvedScenarioAndAChecksum) {
  EXPECT_EQ(lines_[0], "portsim-trace 2");
  EXPECT_EQ(lines_[1], "seed 7");
  EXPECT_EQ(lines_[2], "interval_ms 600000");
  EXPECT_EQ(lines_[3], "scenario_file " + path("my base.yaml"));
  EXPECT_EQ(lines_[4].substr(0, 2), "S ");
  EXPECT_EQ(lines_.back().substr(0, 9), "checksum ");
  EXPECT_EQ(lines_.back().size(), 9u + 16u);
  const auto t = io::read_trace(good_);
  EXPECT_EQ(t.version, 2);
  EXPECT_EQ(t.path, good_);
  EXPECT_EQ(t.scenario_file, path("my base.yaml"));
  EXPECT_EQ(t.scenario_text, scenario_.canonical_text);  // with the override
  EXPECT_EQ(t.seed, 7u);
  EXPECT_EQ(t.interval, minutes(10));
  ASSERT_EQ(t.frames.size(), 7u);
  EXPECT_EQ(t.frame_lines[0], line_of("F "));
  EXPECT_EQ(t.frames[6].time.time_since_epoch(), minutes(60));
  EXPECT_EQ(t.frames[0].lanes.size(), 2u);
  EXPECT_FALSE(fs::exists(good_ + ".tmp"));
}

TEST_F(Trace, ReplaysOnTheScenarioItCarriesEvenWhenTheFileChanged) {
  std::ofstream(dir_ / "my base.yaml") << "not: a scenario\n";  // the replay needs no other file
  portsim::viz::VizController ctl;
  ASSERT_TRUE(ctl.open_replay(io::read_trace(good_), {})) << ctl.error();
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 2u);  // the --set of the recording, not the file's 3
  EXPECT_EQ(ctl.seed(), 7u);
  // An override the frames do not fit is refused with the record's line; the replay keeps going.
  portsim::viz::VizController narrow;
  EXPECT_FALSE(narrow.open_replay(io::read_trace(good_), {"gates[0].lanes[0].count=1"}));
  EXPECT_EQ(narrow.error(), good_ + ":" + std::to_string(line_of("L 0 1")) +
                                ": error: lane record: lane 1 of gate 0 does not exist (the gate has 1 lane) (in the "
                                "scenario the trace is replayed on)");
  auto levers = ctl.levers();
  levers.lanes = 1;
  ctl.set_levers(levers);
  ctl.restart();
  EXPECT_NE(ctl.error().find("lane 1 of gate 0 does not exist"), std::string::npos) << ctl.error();
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 2u);
}

TEST_F(Trace, VersionOneTracesAreCheckedAgainstTheFileTheyName) {
  // The reproducers of issue 14: an out-of-range gate aborted portsim-viz; so did a trace whose
  // --set (a second gate) was lost; a path with a space could not be read back.
  EXPECT_EQ(trace_error("tests/data/trace_v1_lane_gate7.trace"),
            "tests/data/trace_v1_lane_gate7.trace:3:3: error: lane record: gate 7 does not exist (the scenario has 1 "
            "gate): \"L 7 0 1 0 0 0\"");
  EXPECT_EQ(trace_error("tests/data/trace_v1_truck_gate5.trace"),
            "tests/data/trace_v1_truck_gate5.trace:3:7: error: truck record: gate 5 does not exist (the scenario has 1 "
            "gate): \"T 1 1 5 0 -1 0.0 -1\"");
  EXPECT_EQ(trace_error("tests/data/trace_v1_overrides_lost.trace"),
            "tests/data/trace_v1_overrides_lost.trace:6:3: error: lane record: gate 1 does not exist (the scenario has "
            "1 gate): \"L 1 0 1 0 0 0\"");
  EXPECT_EQ(trace_error("tests/data/trace_v1_space_in_path.trace"),
            "tests/data/trace_v1_space_in_path.trace:1:17: error: the trace's scenario file \"tests/data/no such "
            "base.yaml\" does not load:\n"
            "tests/data/no such base.yaml: error: cannot open the file (No such file or directory)");
  const auto ok = io::read_trace("tests/data/trace_v1_ok.trace");
  EXPECT_EQ(ok.version, 1);
  EXPECT_EQ(ok.scenario_file, "tests/data/base_ok.yaml");
  EXPECT_EQ(ok.scenario_text, "");
  EXPECT_EQ(ok.interval, minutes(10));
  ASSERT_EQ(ok.frames.size(), 2u);
  EXPECT_DOUBLE_EQ(ok.frames[1].trucks[0].road_progress, 0.25);
}

TEST_F(Trace, EveryBadRecordIsFoundWithItsLineAndColumn) {
  const int f = line_of("F 0 "), f2 = line_of("F 600000 "), t = line_of("T "), l = line_of("L "), q = line_of("Q ");
  const auto at = [&](int line, int col) { return path("bad.trace") + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: "; };
  const auto quoted = [](const std::string& s) { return ": \"" + s + "\""; };
  struct Case {
    int line;
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {l, "L 3 0 1 0 0 0", at(l, 3) + "lane record: gate 3 does not exist (the scenario has 1 gate)"},
      {l, "L 0 2 1 0 0 0", at(l, 5) + "lane record: lane 2 of gate 0 does not exist (the gate has 2 lanes)"},
      {l, "L 0 0 2 0 0 0", at(l, 7) + "open: expected an integer in [0, 1], got 2"},
      {l, "L 0 0 1 0 0 -4", at(l, 13) + "queue: expected an integer in [0, 1000000000], got -4"},
      {l, "L 0 0 1 0 0", path("bad.trace") + ":" + std::to_string(l) + ": error: " + "expected 6 fields after the record type (L <gate> <lane> <open> <busy> <device failed> <queue>), got 5"},
      {t, "T 1 9 -1 -1 0 0.5 -1", at(t, 5) + "state: expected an integer in [0, 6], got 9"},
      {t, "T 1 0 -1 -1 3 0.5 -1", at(t, 13) + "truck record: road 3 does not exist (the scenario has 3 roads)"},
      {t, "T 1 0 -1 -1 0 0.5 4", at(t, 19) + "truck record: node 4 does not exist (the scenario has 4 nodes)"},
      {t, "T 1 0 -1 2 0 0.5 -1", at(t, 10) + "truck record: lane 2 without a gate (expected -1)"},
      {t, "T 1 0 -1 -1 0 1.5 -1", at(t, 15) + "progress: expected a number in [0, 1], got \"1.5\""},
      {t, "T 1 0 -1 -1 0 nan -1", at(t, 15) + "progress: expected a number in [0, 1], got \"nan\""},
      {t, "T 1x 0 -1 -1 0 0.5 -1", at(t, 3) + "id: expected an integer, got \"1x\""},
      {t, "T 0x5 0 -1 -1 0 0.5 -1", at(t, 3) + "id: expected an integer, got \"0x5\""},
      {q, "Q 1 0 0", at(q, 3) + "expected the queue record of gate 0 (one per gate, in order), got gate 1"},
      {f, "F -5 0 1", at(f, 3) + "time: expected an integer in [0, 9223372036854775807], got -5"},
      {l, "X 1 2", at(l, 1) + "unknown record type \"X\" (expected F, T, L or Q)"},
      {f2, "F 0 0 1", at(f2, 3) + "frame time 0 ms is not after the previous frame's 0 ms"},
      {f - 1, "L 0 0 1 0 0 0", at(f - 1, 1) + "a record before the first frame (F)"},
      {1, "portsim-trace 3", at(1, 15) + "trace format version 3 is not one this PortSim reads (1 or 2)"},
      {1, "PK\x03\x04 zip", at(1, 1) + "not a PortSim trace (expected a first line \"portsim-trace 2\")"},
      {2, "seed -1", at(2, 6) + "seed: expected an integer in [0, 9223372036854775807], got -1"},
      {3, "interval_ms 0", at(3, 13) + "interval_ms: expected an integer in [1, 9223372036854775807], got 0"},
      {3, "seed 1", at(3, 1) + "expected \"interval_ms <number>\""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(trace_error(with_line(c.line, c.text)), c.expected + quoted(c.text)) << c.text;
  }
  // A truck record after the frame's lane records.
  auto lines = lines_;
  auto lane_after = static_cast<std::size_t>(t);
  while (lines[lane_after].rfind("L ", 0) != 0) ++lane_after;
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(lane_after) + 1, lines_[static_cast<std::size_t>(t - 1)]);
  EXPECT_EQ(trace_error(write(lines)), at(static_cast<int>(lane_after) + 2, 1) +
                                           "a truck record after the frame's lane or queue records (the order is F, "
                                           "T..., L..., Q...)" + quoted(lines_[static_cast<std::size_t>(t - 1)]));
}

TEST_F(Trace, ADamagedOrForeignFileIsRefusedAsAWhole) {
  const std::string name = path("bad.trace");
  // Edited without signing again: the checksum no longer matches.
  auto edited = lines_;
  edited[static_cast<std::size_t>(line_of("L ") - 1)] = "L 0 0 0 0 0 0";
  const int last = static_cast<int>(lines_.size());
  EXPECT_EQ(trace_error(write(edited, false)),
            name + ":" + std::to_string(last) + ":10: error: the checksum does not match the trace's content (the file "
            "was edited or damaged): record it again with portsim run --trace: \"" + lines_.back() + "\"");
  // Truncated: no checksum line.
  auto truncated = lines_;
  truncated.resize(truncated.size() - 3);
  EXPECT_EQ(trace_error(write(truncated, false)),
            name + ":" + std::to_string(last - 3) + ": error: the trace ends without its checksum line (truncated?): "
            "record it again with portsim run --trace");
  // Text after the checksum line.
  auto longer = lines_;
  longer.push_back("F 9999999 0 1");
  EXPECT_EQ(trace_error(write(longer, false)),
            name + ":" + std::to_string(last + 1) + ":1: error: text after the checksum line: \"F 9999999 0 1\"");
  // A scenario line the loader refuses: placed at its line in the trace.
  const int demand = line_of("S   trucks_per_day:");
  EXPECT_EQ(trace_error(with_line(demand, "S   trucks_per_dya: 2000")),
            name + ":" + std::to_string(demand) + ":21: error: demand.trucks_per_dya: unknown key \"trucks_per_dya\" (did "
            "you mean \"trucks_per_day\"?)");
  // A problem of the whole scenario (too large for the YAML layer): at the first S line.
  const int first_s = line_of("S ");
  EXPECT_EQ(trace_error(with_line(demand, "S   description: " + std::string(1100000, 'x'))),
            name + ":" + std::to_string(first_s) + ":1: error: the text is larger than 1048576 bytes (the limit)");
  // No frames; an empty file; a folder; a missing file.
  std::vector<std::string> header(lines_.begin(), lines_.begin() + line_of("F ") - 1);
  header.push_back("checksum");
  EXPECT_EQ(trace_error(write(header)), name + ":" + std::to_string(line_of("F ")) + ": error: the trace has no frames");
  std::ofstream(name, std::ios::trunc).close();
  EXPECT_EQ(trace_error(name), name + ":1:1: error: the file is empty: not a PortSim trace");
  EXPECT_EQ(trace_error(dir_.string()), dir_.string() + ": error: not a regular file");
  EXPECT_EQ(trace_error(path("none.trace")), path("none.trace") + ": error: cannot open the trace file (No such file or directory)");
}
