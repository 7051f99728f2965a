#include "sim/io/trace.hpp"

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/trace_check.hpp"
#include "sim/io/yaml_document.hpp"
#include "sim/kernel/random.hpp"

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

using namespace trace_detail;

constexpr int trace_version = 2;
constexpr std::uint64_t fnv_basis = 0xCBF29CE484222325ull;  // kernel::fnv1a's start

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// ---- reading ----

struct Token {
  std::string_view text;
  int column;  // 1-based
};

std::vector<Token> split(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) tokens.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return tokens;
}

class TraceReader {
 public:
  explicit TraceReader(std::string path) : path_(std::move(path)) { trace_.path = path_; }

  Trace read() {
    open();
    std::string line;
    bool checksum_seen = false;
    while (std::getline(in_, line)) {
      ++line_no_;
      line_ = line;
      if (checksum_seen) fail(1, "text after the checksum line");
      if (line_no_ > 1 && trace_.version >= 2 && line.rfind("checksum", 0) == 0) {
        check_checksum(line);
        checksum_seen = true;
        continue;
      }
      hash_ = kernel::fnv1a(line, hash_);
      hash_ = kernel::fnv1a("\n", hash_);
      record(line);
    }
    if (in_.bad()) fail(0, std::string("cannot read the trace (") + std::strerror(errno) + ")");
    if (line_no_ == 0) {  // at its first line, where the version line should be
      throw InputError({InputProblem{path_, 1, 1, "", "the file is empty: not a PortSim trace"}});
    }
    line_.clear();
    if (!shape_) load_scenario_of_trace();
    if (trace_.frames.empty()) fail(0, "the trace has no frames");
    if (trace_.version >= 2 && !checksum_seen) {
      fail(0, "the trace ends without its checksum line (truncated?): record it again with portsim run --trace");
    }
    return std::move(trace_);
  }

 private:
  [[noreturn]] void fail(int column, const std::string& why) const {
    std::string message = why;
    if (!line_.empty()) message += ": \"" + line_.substr(0, 60) + (line_.size() > 60 ? "..." : "") + "\"";
    throw InputError({InputProblem{path_, line_no_, column, "", message}});
  }
  [[noreturn]] void fail(const Token& at, const std::string& why) const { fail(at.column, why); }

  void open() {
    std::error_code ec;
    const auto status = fs::status(path_, ec);
    if (!fs::exists(status)) {
      throw InputError({InputProblem{path_, 0, 0, "", "cannot open the trace file (No such file or directory)"}});
    }
    if (!fs::is_regular_file(status)) throw InputError({InputProblem{path_, 0, 0, "", "not a regular file"}});
    const auto size = fs::file_size(path_, ec);
    if (!ec && size > max_trace_bytes) {
      throw InputError({InputProblem{path_, 0, 0, "",
                                     "the trace is " + std::to_string(size) + " bytes, more than the " +
                                         std::to_string(max_trace_bytes) +
                                         " portsim-viz replays; record a shorter run or a longer --trace-interval"}});
    }
    in_.open(path_, std::ios::binary);
    if (!in_) {
      throw InputError({InputProblem{path_, 0, 0, "", "cannot open the trace file (" + std::string(std::strerror(errno)) + ")"}});
    }
  }

  // -- numbers: the whole token, in range --
  long long integer(const Token& t, const char* field, long long min, long long max) const {
    long long v = 0;
    const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || end != t.text.data() + t.text.size()) {
      fail(t, std::string(field) + ": expected an integer, got \"" + std::string(t.text) + "\"");
    }
    if (v < min || v > max) {
      fail(t, std::string(field) + ": expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
                  "], got " + std::string(t.text));
    }
    return v;
  }
  int small(const Token& t, const char* field, int min = -1) const {
    return static_cast<int>(integer(t, field, min, 1000000000));
  }
  bool flag(const Token& t, const char* field) const { return integer(t, field, 0, 1) == 1; }

  void expect_fields(const std::vector<Token>& tokens, std::size_t n, const char* form) const {
    if (tokens.size() != n + 1) {
      fail(0, "expected " + std::to_string(n) + " fields after the record type (" + form + "), got " +
                  std::to_string(tokens.size() - 1));
    }
  }

  // -- header --
  void header_v1(const std::string& line) {
    // "portsim-trace 1 <scenario file> <seed> <interval ms>": the file may hold spaces, so the
    // numbers are read from the right.
    const auto tokens = split(line);
    if (tokens.size() < 5) fail(0, "expected \"portsim-trace 1 <scenario file> <seed> <interval ms>\"");
    const Token& seed = tokens[tokens.size() - 2];
    const Token& interval = tokens.back();
    trace_.version = 1;
    trace_.seed = static_cast<std::uint64_t>(integer(seed, "seed", 0, LLONG_MAX));
    trace_.interval = kernel::Duration{integer(interval, "interval", 1, LLONG_MAX)};
    const auto from = static_cast<std::size_t>(tokens[2].column - 1);
    const auto to = static_cast<std::size_t>(seed.column - 1);
    trace_.scenario_file = line.substr(from, to - from);
    while (!trace_.scenario_file.empty() && (trace_.scenario_file.back() == ' ' || trace_.scenario_file.back() == '\t')) {
      trace_.scenario_file.pop_back();
    }
    scenario_column_ = tokens[2].column;
  }

  void first_line(const std::string& line) {
    const auto tokens = split(line);
    if (tokens.size() < 2 || tokens[0].text != "portsim-trace") {
      fail(1, "not a PortSim trace (expected a first line \"portsim-trace " + std::to_string(trace_version) + "\")");
    }
    if (tokens[1].text == "1") return header_v1(line);
    if (tokens[1].text != std::to_string(trace_version) || tokens.size() != 2) {
      fail(tokens[1], "trace format version " + std::string(tokens[1].text) + " is not one this PortSim reads (1 or " +
                          std::to_string(trace_version) + ")");
    }
  }

  /// "key value" header lines of version 2, in this order: seed, interval_ms, scenario_file.
  void header_line(const std::string& line) {
    static const char* keys[] = {"seed", "interval_ms", "scenario_file"};
    const std::string key = keys[header_lines_];
    const auto tokens = split(line);
    if (tokens.empty() || tokens[0].text != key || tokens.size() < 2) {
      fail(1, "expected \"" + key + " <" + (header_lines_ == 2 ? "path" : "number") + ">\"");
    }
    if (header_lines_ == 0) {
      if (tokens.size() != 2) fail(tokens[2], "expected one number after seed");
      trace_.seed = static_cast<std::uint64_t>(integer(tokens[1], "seed", 0, LLONG_MAX));
    } else if (header_lines_ == 1) {
      if (tokens.size() != 2) fail(tokens[2], "expected one number after interval_ms");
      trace_.interval = kernel::Duration{integer(tokens[1], "interval_ms", 1, LLONG_MAX)};
    } else {
      trace_.scenario_file = line.substr(static_cast<std::size_t>(tokens[1].column - 1));
      scenario_column_ = tokens[1].column;
    }
    ++header_lines_;
  }

  /// The scenario the frames are checked against: the resolved text the trace carries (its problems
  /// placed at their lines in the trace), or for version 1 the file it names.
  void load_scenario_of_trace() {
    if (trace_.version >= 2 && header_lines_ < 3) fail(0, "the trace ends in its header");
    if (trace_.version >= 2 && scenario_lines_ == 0) {
      fail(0, "the trace does not carry its scenario (no S lines before the first frame)");
    }
    try {
      if (trace_.version == 1) {
        shape_.emplace(load_scenario(trace_.scenario_file).config);
        return;
      }
      shape_.emplace(load_scenario(YamlDocument::parse(trace_.scenario_text, path_)).config);
    } catch (const InputError& e) {
      std::vector<InputProblem> problems;
      if (trace_.version == 1) {
        problems.push_back({path_, 1, scenario_column_, "",
                            "the trace's scenario file \"" + trace_.scenario_file + "\" does not load:"});
      }
      for (auto p : e.problems()) {
        if (p.file == path_ && p.line > 0) {  // a line of the S block
          p.line += first_scenario_line_ - 1;
          if (p.column > 0) p.column += 2;
        } else if (p.file == path_) {  // the whole scenario (too large, a section missing): its first line
          p.line = first_scenario_line_;
          p.column = 1;
        }
        problems.push_back(p);
      }
      throw InputError(problems);
    }
  }

  void check_checksum(const std::string& line) {
    const auto tokens = split(line);
    if (tokens.size() != 2 || tokens[0].text != "checksum") fail(1, "expected \"checksum <16 hex digits>\"");
    if (tokens[1].text != hex(hash_)) {
      fail(tokens[1], "the checksum does not match the trace's content (the file was edited or damaged): record it "
                      "again with portsim run --trace");
    }
  }

  // -- records --
  void record(const std::string& line) {
    if (line_no_ == 1) return first_line(line);
    if (trace_.version >= 2 && header_lines_ < 3) return header_line(line);
    if (trace_.version >= 2 && (line.rfind("S ", 0) == 0 || line == "S")) {
      if (!trace_.frames.empty()) fail(1, "a scenario line after the first frame");
      if (scenario_lines_++ == 0) first_scenario_line_ = line_no_;
      if (scenario_lines_ > 1) trace_.scenario_text += '\n';  // the writer split the text at its newlines
      trace_.scenario_text += line.size() > 2 ? line.substr(2) : std::string();
      return;
    }
    const auto tokens = split(line);
    if (tokens.empty()) fail(1, "an empty line (expected a record F, T, L or Q)");
    const std::string_view kind = tokens[0].text;
    if (kind == "F") return frame(tokens);
    if (kind != "T" && kind != "L" && kind != "Q") {
      fail(tokens[0], "unknown record type \"" + std::string(kind) + "\" (expected F, T, L or Q)");
    }
    if (trace_.frames.empty()) fail(1, "a record before the first frame (F)");
    port::Snapshot& s = trace_.frames.back();
    if (kind == "T") {
      if (!s.lanes.empty() || !s.gate_queue.empty()) fail(1, "a truck record after the frame's lane or queue records (the order is F, T..., L..., Q...)");
      expect_fields(tokens, 7, "T <id> <state> <gate> <lane> <road> <progress> <node>");
      port::Snapshot::TruckView v{};
      v.id = port::TruckId{static_cast<std::uint32_t>(integer(tokens[1], "id", 0, UINT32_MAX))};
      v.state = static_cast<port::TruckState>(integer(tokens[2], "state", 0, static_cast<long long>(port::TruckState::Released)));
      v.gate = small(tokens[3], "gate");
      v.lane = small(tokens[4], "lane");
      v.road = small(tokens[5], "road");
      v.road_progress = progress(tokens[6]);
      v.node = small(tokens[7], "node");
      place(tokens, truck_problem(v, *shape_), "truck record");
      s.trucks.push_back(v);
    } else if (kind == "L") {
      if (!s.gate_queue.empty()) fail(1, "a lane record after the frame's queue records (the order is F, T..., L..., Q...)");
      expect_fields(tokens, 6, "L <gate> <lane> <open> <busy> <device failed> <queue>");
      port::Snapshot::LaneView v{};
      v.gate = small(tokens[1], "gate");
      v.lane = small(tokens[2], "lane");
      v.open = flag(tokens[3], "open");
      v.busy = flag(tokens[4], "busy");
      v.device_failed = flag(tokens[5], "device failed");
      v.queue = small(tokens[6], "queue", 0);
      place(tokens, lane_record_problem(v, *shape_), "lane record");
      s.lanes.push_back(v);
    } else {
      expect_fields(tokens, 3, "Q <gate> <queue> <spill-back>");
      const int gate = small(tokens[1], "gate");
      place(tokens, queue_record_problem(s.gate_queue.size(), *shape_), "queue record");
      if (static_cast<std::size_t>(gate) != s.gate_queue.size()) {
        fail(tokens[1], "expected the queue record of gate " + std::to_string(s.gate_queue.size()) +
                            " (one per gate, in order), got gate " + std::to_string(gate));
      }
      s.gate_queue.push_back(small(tokens[2], "queue", 0));
      s.gate_spillback.push_back(small(tokens[3], "spill-back", 0));
    }
  }

  void frame(const std::vector<Token>& tokens) {
    if (!shape_) load_scenario_of_trace();
    expect_fields(tokens, 3, "F <time ms> <trucks exited> <system up 0/1>");
    port::Snapshot s;
    const long long time = integer(tokens[1], "time", 0, LLONG_MAX);
    if (!trace_.frames.empty()) {
      const long long previous = trace_.frames.back().time.time_since_epoch().count();
      if (time <= previous) {
        fail(tokens[1], "frame time " + std::to_string(time) + " ms is not after the previous frame's " +
                            std::to_string(previous) + " ms");
      }
    }
    s.time = kernel::SimTime{kernel::Duration{time}};
    s.trucks_exited = static_cast<std::uint64_t>(integer(tokens[2], "trucks exited", 0, LLONG_MAX));
    s.system_up = flag(tokens[3], "system up");
    if (trace_.frames.size() == max_trace_frames) {
      fail(0, "more than " + std::to_string(max_trace_frames) + " frames, the most a replay holds");
    }
    trace_.frames.push_back(std::move(s));
    trace_.frame_lines.push_back(line_no_);
  }

  double progress(const Token& t) const {
    double v = 0;
    const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || end != t.text.data() + t.text.size() || !(v >= 0 && v <= 1)) {
      fail(t, "progress: expected a number in [0, 1], got \"" + std::string(t.text) + "\"");
    }
    return v;
  }

  void place(const std::vector<Token>& tokens, const std::optional<FieldProblem>& p, const char* what) const {
    if (p) fail(tokens[p->field], std::string(what) + ": " + p->message);
  }

  std::string path_;
  std::ifstream in_;
  Trace trace_;
  std::optional<Shape> shape_;
  std::string line_;
  int line_no_ = 0;
  int header_lines_ = 0;
  int scenario_lines_ = 0;
  int first_scenario_line_ = 0;
  int scenario_column_ = 0;
  std::uint64_t hash_ = fnv_basis;
};

}  // namespace

// ---- writing ----

TraceWriter::TraceWriter(std::string path, const TraceHeader& header)
    : path_(std::move(path)), tmp_(path_ + ".tmp"), checksum_(fnv_basis) {
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
  put("portsim-trace " + std::to_string(trace_version) + "\n");
  put("seed " + std::to_string(header.seed) + "\n");
  put("interval_ms " + std::to_string(header.interval.count()) + "\n");
  put("scenario_file " + header.scenario_file + "\n");
  std::size_t start = 0;
  while (start < header.scenario_text.size()) {
    std::size_t end = header.scenario_text.find('\n', start);
    if (end == std::string::npos) end = header.scenario_text.size();
    put("S " + header.scenario_text.substr(start, end - start) + "\n");
    start = end + 1;
  }
}

TraceWriter::~TraceWriter() {
  if (!finished_) {
    out_.close();
    std::remove(tmp_.c_str());
  }
}

void TraceWriter::put(const std::string& text) {
  bytes_ += text.size();
  if (bytes_ > max_trace_bytes - 64) {  // room for the checksum line
    throw std::runtime_error("the trace " + path_ + " would be larger than the " + std::to_string(max_trace_bytes) +
                             " bytes portsim-viz replays: record a shorter run or use a longer --trace-interval");
  }
  checksum_ = kernel::fnv1a(text, checksum_);
  out_ << text;
}

void TraceWriter::write(const port::Snapshot& s) {
  put("F " + std::to_string(s.time.time_since_epoch().count()) + ' ' + std::to_string(s.trucks_exited) + ' ' +
      (s.system_up ? '1' : '0') + '\n');
  char buf[128];
  for (const auto& t : s.trucks) {
    std::snprintf(buf, sizeof buf, "T %u %d %d %d %d %.3f %d\n", static_cast<unsigned>(t.id), static_cast<int>(t.state),
                  t.gate, t.lane, t.road, t.road_progress, t.node);
    put(buf);
  }
  for (const auto& l : s.lanes) {
    std::snprintf(buf, sizeof buf, "L %d %d %d %d %d %d\n", l.gate, l.lane, l.open ? 1 : 0, l.busy ? 1 : 0,
                  l.device_failed ? 1 : 0, l.queue);
    put(buf);
  }
  for (std::size_t g = 0; g < s.gate_queue.size(); ++g) {
    std::snprintf(buf, sizeof buf, "Q %zu %d %d\n", g, s.gate_queue[g], s.gate_spillback[g]);
    put(buf);
  }
}

void TraceWriter::finish() {
  out_ << "checksum " << hex(checksum_) << '\n';
  out_.close();
  if (!out_) {
    std::remove(tmp_.c_str());
    throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
  }
  finished_ = true;
  commit_file(tmp_, path_);
}

Trace read_trace(const std::string& path) { return TraceReader(path).read(); }

}  // namespace portsim::io
