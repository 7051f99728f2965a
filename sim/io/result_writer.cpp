#include "sim/io/result_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "sim/kernel/time.hpp"

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

/// Throws "cannot <what> <path>: <errno text>", first removing `remove` when given.
[[noreturn]] void fail(const std::string& what, const std::string& path, const char* remove = nullptr) {
  const std::string why = std::strerror(errno);
  if (remove != nullptr) std::remove(remove);
  throw std::runtime_error("cannot " + what + " " + path + ": " + why);
}

/// Flushes a folder's entries (a rename in it) to the disk.
void sync_folder(const fs::path& folder) {
  const std::string dir = folder.empty() ? std::string(".") : folder.string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open folder", dir);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) fail("sync folder", dir);
}

}  // namespace

void commit_file(const std::string& tmp, const std::string& path) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("open", tmp);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) fail("sync", tmp, tmp.c_str());
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail("rename " + tmp + " to", path, tmp.c_str());
  sync_folder(fs::path(path).parent_path());
}

void write_atomically(const std::string& path, const std::string& content) {
  const fs::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create folder " + p.parent_path().string() + ": " + ec.message());
  }
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail("write", tmp);
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      fail("write", tmp, tmp.c_str());
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail("write", tmp, tmp.c_str());
  commit_file(tmp, path);
}

namespace {
std::string fmt(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}
nlohmann::json provenance_json(const Provenance& p) {
  return {{"scenario_file", p.scenario_file}, {"scenario", p.scenario_name},   {"scenario_hash", p.scenario_hash},
          {"seed", p.seed},                   {"replications", p.replications}, {"program_version", p.program_version},
          {"command_line", p.command_line}};
}
}  // namespace

nlohmann::json summary_json(const Provenance& p, const std::vector<KpiSummary>& kpis,
                            const std::vector<RunResult>& runs) {
  nlohmann::json j = provenance_json(p);
  nlohmann::json k = nlohmann::json::array();
  for (const auto& s : kpis) {
    k.push_back({{"name", s.name}, {"unit", s.unit}, {"mean", s.mean}, {"stddev", s.stddev},
                 {"ci_half_width", s.half_width}, {"ci_low", s.low}, {"ci_high", s.high},
                 {"ci_method", s.n < 2 ? "none (n = 1)" : s.bootstrap ? "percentile bootstrap" : "student-t"},
                 {"ci_level", s.level}, {"n", s.n}});
  }
  j["kpis"] = k;
  if (!runs.empty()) {
    std::vector<double> hq(runs.front().hourly_queue.size(), 0.0), ht(runs.front().hourly_throughput.size(), 0.0);
    for (const auto& r : runs) {
      for (std::size_t h = 0; h < hq.size(); ++h) hq[h] += r.hourly_queue[h] / static_cast<double>(runs.size());
      for (std::size_t h = 0; h < ht.size(); ++h) ht[h] += r.hourly_throughput[h] / static_cast<double>(runs.size());
    }
    j["hourly_queue"] = hq;
    j["hourly_throughput"] = ht;
    nlohmann::json outcomes = nlohmann::json::array();
    for (const auto& r : runs) outcomes.push_back(kernel::to_string(r.outcome));
    j["outcomes"] = outcomes;
  }
  return j;
}

std::string summary_csv(const Provenance& p, const std::vector<KpiSummary>& kpis) {
  std::ostringstream os;
  os << "scenario,scenario_hash,seed,replications,program_version,kpi,unit,mean,stddev,ci_low,ci_high,ci_level\n";
  for (const auto& s : kpis) {
    os << p.scenario_name << ',' << p.scenario_hash << ',' << p.seed << ',' << p.replications << ','
       << p.program_version << ',' << s.name << ',' << s.unit << ',' << fmt(s.mean) << ',' << fmt(s.stddev) << ','
       << fmt(s.low) << ',' << fmt(s.high) << ',' << fmt(s.level) << '\n';
  }
  return os.str();
}

std::string runs_csv(const Provenance& p, const std::vector<RunResult>& runs) {
  std::ostringstream os;
  os << "scenario,scenario_hash,seed,replication";
  if (!runs.empty()) {
    for (const auto& k : runs.front().kpis) os << ',' << k.name;
  }
  os << '\n';
  for (const auto& r : runs) {
    os << p.scenario_name << ',' << p.scenario_hash << ',' << r.seed << ',' << r.replication;
    for (const auto& k : r.kpis) os << ',' << fmt(k.value);
    os << '\n';
  }
  return os.str();
}

CheckpointLogWriter::CheckpointLogWriter(std::string path, std::string site)
    : file_(std::move(path)), site_(std::move(site)) {
  file_.out() << header() << '\n';
}

const char* CheckpointLogWriter::header() {
  return "site,vehicle_id,checkpoint,lane,arrival_s,service_start_s,service_end_s,departure_s,wait_s,service_s,"
         "declaration,channel,trusted_trader,appointment,containers,kind,inspection_s,yard_s,spillback_s,"
         "manual_fallbacks,caught";
}

void CheckpointLogWriter::on_truck_exit(const port::TruckRecord& r) {
  file_.out() << site_ << ',' << static_cast<std::uint32_t>(r.id) << ",gate" << r.gate << ',' << r.lane << ','
       << fmt(kernel::to_seconds(r.arrived)) << ',' << fmt(kernel::to_seconds(r.lane_start)) << ','
       << fmt(kernel::to_seconds(r.lane_end)) << ',' << fmt(kernel::to_seconds(r.exited)) << ','
       << fmt(r.pregate_wait_s) << ',' << fmt(r.lane_service_s) << ',' << port::to_string(r.declaration) << ','
       << port::to_string(r.channel) << ',' << (r.trusted_trader ? 1 : 0) << ',' << (r.appointment ? 1 : 0) << ','
       << r.containers << ',' << r.kind << ',' << fmt(r.inspection_s) << ',' << fmt(r.yard_s) << ','
       << fmt(r.spillback_s) << ',' << r.manual_fallbacks << ',' << (r.caught ? 1 : 0) << '\n';
}

HourlyLogWriter::HourlyLogWriter(std::string path, const port::ScenarioConfig& cfg) : path_(std::move(path)), cfg_(cfg) {}

void HourlyLogWriter::on_truck_exit(const port::TruckRecord& r) {
  const long long hour = r.arrived.time_since_epoch().count() / 3'600'000;
  Hour& h = hours_[hour];
  ++h.arrivals;
  const double wait = r.pregate_wait_s / 60;
  h.sum += wait;
  h.max = std::max(h.max, wait);
  const int bin = wait <= 15 ? 0 : wait <= 30 ? 1 : wait <= 45 ? 2 : wait <= 60 ? 3 : wait <= 90 ? 4 : wait <= 120 ? 5 : 6;
  ++h.bins[static_cast<std::size_t>(bin)];
}

void HourlyLogWriter::finish() {
  std::ostringstream os;
  os << "site,date,hour_start,arrivals,servers,batches,avg_wait_min,max_wait_min,bin_0_15,bin_16_30,bin_31_45,"
        "bin_46_60,bin_61_90,bin_91_120,bin_120_plus,excluded\n";
  for (const auto& [index, h] : hours_) {
    const auto tod = std::chrono::hours(index % 24);
    int servers = 0;
    for (const auto& g : cfg_.gates) {
      for (const auto& l : g.lanes) {
        bool open = l.open.empty();
        for (const auto& w : l.open) {
          open = open || (w.from <= w.to ? (tod >= w.from && tod < w.to) : (tod >= w.from || tod < w.to));
        }
        servers += open ? 1 : 0;
      }
    }
    char date[32];
    std::snprintf(date, sizeof date, "day-%03lld", index / 24 + 1);
    os << cfg_.name << ',' << date << ',' << index % 24 << ',' << h.arrivals << ',' << servers << ",0,"
       << fmt(h.sum / std::max(1, h.arrivals)) << ',' << fmt(h.max);
    for (int b : h.bins) os << ',' << b;
    os << ",0\n";
  }
  write_atomically(path_, os.str());
}

}  // namespace portsim::io
