#include "sim/io/trace.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "sim/io/input_error.hpp"

namespace portsim::io {

TraceWriter::TraceWriter(std::string path, const std::string& scenario_file, std::uint64_t seed, kernel::Duration interval)
    : path_(std::move(path)), tmp_(path_ + ".tmp") {
  out_.open(tmp_, std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
  out_ << "portsim-trace 1 " << scenario_file << ' ' << seed << ' ' << interval.count() << '\n';
}

TraceWriter::~TraceWriter() {
  if (!finished_) {
    out_.close();
    std::remove(tmp_.c_str());
  }
}

void TraceWriter::write(const port::Snapshot& s) {
  out_ << "F " << s.time.time_since_epoch().count() << ' ' << s.trucks_exited << ' ' << (s.system_up ? 1 : 0) << '\n';
  char buf[128];
  for (const auto& t : s.trucks) {
    std::snprintf(buf, sizeof buf, "T %u %d %d %d %d %.3f %d\n", static_cast<unsigned>(t.id), static_cast<int>(t.state),
                  t.gate, t.lane, t.road, t.road_progress, t.node);
    out_ << buf;
  }
  for (const auto& l : s.lanes) {
    out_ << "L " << l.gate << ' ' << l.lane << ' ' << l.open << ' ' << l.busy << ' ' << l.device_failed << ' ' << l.queue << '\n';
  }
  for (std::size_t g = 0; g < s.gate_queue.size(); ++g) {
    out_ << "Q " << g << ' ' << s.gate_queue[g] << ' ' << s.gate_spillback[g] << '\n';
  }
}

void TraceWriter::finish() {
  out_.close();
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + tmp_ + " to " + path_ + ": " + std::strerror(errno));
  }
  finished_ = true;
}

Trace read_trace(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({InputProblem{path, 0, 0, "", "cannot open the trace file (" + std::string(std::strerror(errno)) + ")"}});
  Trace t;
  std::string line;
  int n = 0;
  const auto bad = [&](const std::string& why) {
    throw InputError({InputProblem{path, n, 1, "", why + ": \"" + line.substr(0, 60) + "\""}});
  };
  while (std::getline(in, line)) {
    ++n;
    std::istringstream is(line);
    if (n == 1) {
      std::string magic;
      int version = 0;
      long long interval = 0;
      if (!(is >> magic >> version >> t.scenario_file >> t.seed >> interval) || magic != "portsim-trace" || version != 1) {
        bad("not a PortSim trace (expected a header \"portsim-trace 1 <scenario> <seed> <interval ms>\")");
      }
      t.interval = kernel::Duration{interval};
      continue;
    }
    char kind = 0;
    is >> kind;
    if (kind == 'F') {
      long long time = 0;
      int up = 1;
      port::Snapshot s;
      if (!(is >> time >> s.trucks_exited >> up)) bad("malformed frame record");
      s.time = kernel::SimTime{kernel::Duration{time}};
      s.system_up = up != 0;
      t.frames.push_back(std::move(s));
      continue;
    }
    if (t.frames.empty()) bad("record before the first frame");
    port::Snapshot& s = t.frames.back();
    if (kind == 'T') {
      unsigned id = 0;
      int state = 0;
      port::Snapshot::TruckView v{};
      if (!(is >> id >> state >> v.gate >> v.lane >> v.road >> v.road_progress >> v.node) || state < 0 || state > 6) {
        bad("malformed truck record");
      }
      v.id = port::TruckId{id};
      v.state = static_cast<port::TruckState>(state);
      s.trucks.push_back(v);
    } else if (kind == 'L') {
      port::Snapshot::LaneView v{};
      int open = 0, busy = 0, failed = 0;
      if (!(is >> v.gate >> v.lane >> open >> busy >> failed >> v.queue)) bad("malformed lane record");
      v.open = open != 0;
      v.busy = busy != 0;
      v.device_failed = failed != 0;
      s.lanes.push_back(v);
    } else if (kind == 'Q') {
      int g = 0, q = 0, sp = 0;
      if (!(is >> g >> q >> sp)) bad("malformed queue record");
      s.gate_queue.push_back(q);
      s.gate_spillback.push_back(sp);
    } else {
      bad("unknown record type");
    }
  }
  if (t.frames.empty()) throw InputError({InputProblem{path, n, 0, "", "the trace has no frames"}});
  return t;
}

}  // namespace portsim::io
