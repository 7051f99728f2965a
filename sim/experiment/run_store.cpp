#include "sim/experiment/run_store.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/io/scenario_loader.hpp"

namespace portsim::experiment {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int format_version = 3;  // 1: no checksum, no factor levels (before issue 14); 2: no "end"
constexpr std::uintmax_t largest_file = 1 << 20;  // a run file is a few kB

json to_json(const StoredRun& run) {
  json factors = json::array();
  for (const auto& [key, level] : run.factors) factors.push_back({key, level});
  json kpis = json::array();
  for (const auto& [name, value] : run.kpis) kpis.push_back({name, value});
  return {{"version", format_version}, {"point", run.point},       {"replication", run.replication},
          {"seed", run.seed},          {"scenario_hash", run.scenario_hash}, {"factors", factors},
          {"outcome", run.outcome},    {"kpis", kpis},
          {"end", {{"drained", run.drained}, {"drain_hours", run.drain_hours},
                   {"unfinished_trucks", run.unfinished_trucks}, {"unfinished_selected", run.unfinished_selected}}}};
}

kernel::RunOutcome::Kind outcome_kind(const std::string& text) {
  using Kind = kernel::RunOutcome::Kind;
  for (int k = 0; k <= static_cast<int>(Kind::Deadlock); ++k) {
    if (text == kernel::to_string(static_cast<Kind>(k))) return static_cast<Kind>(k);
  }
  return Kind::TimeLimit;
}

std::string checksum(const json& body) { return io::hash_text(body.dump()); }

/// A list of [text, text] pairs, or nullopt.
std::optional<std::vector<std::pair<std::string, std::string>>> pairs(const json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : j) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) return std::nullopt;
    out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  }
  return out;
}

bool finite_number(const std::string& text) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(v);
}

bool known_outcome(const std::string& text) {
  using Kind = kernel::RunOutcome::Kind;
  for (int k = 0; k <= static_cast<int>(Kind::Deadlock); ++k) {
    if (text == kernel::to_string(static_cast<Kind>(k))) return true;
  }
  return false;
}

/// The run a verified object holds, or the first field that is missing or malformed.
std::string parse_fields(const json& j, StoredRun& run) {
  const auto unsigned_field = [&](const char* name, auto& out) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_number_unsigned()) return false;
    out = it->template get<std::remove_reference_t<decltype(out)>>();
    return true;
  };
  const auto text_field = [&](const char* name, std::string& out) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  std::size_t version = 0;
  if (!unsigned_field("version", version) || version != format_version) return "version";
  if (!unsigned_field("point", run.point)) return "point";
  if (!unsigned_field("replication", run.replication)) return "replication";
  if (!unsigned_field("seed", run.seed)) return "seed";
  if (!text_field("scenario_hash", run.scenario_hash)) return "scenario_hash";
  if (!text_field("outcome", run.outcome) || !known_outcome(run.outcome)) return "outcome";
  const auto factors = j.contains("factors") ? pairs(j["factors"]) : std::nullopt;
  if (!factors) return "factors";
  run.factors = *factors;
  const auto kpis = j.contains("kpis") ? pairs(j["kpis"]) : std::nullopt;
  if (!kpis) return "kpis";
  for (const auto& [name, value] : *kpis) {
    if (!finite_number(value)) return "kpis";
  }
  run.kpis = *kpis;
  const auto end = j.find("end");
  if (end == j.end() || !end->is_object()) return "end";
  const auto drained = end->find("drained");
  const auto hours = end->find("drain_hours");
  const auto trucks = end->find("unfinished_trucks");
  const auto selected = end->find("unfinished_selected");
  if (drained == end->end() || !drained->is_boolean()) return "end.drained";
  if (hours == end->end() || !hours->is_string() || !finite_number(hours->get<std::string>())) return "end.drain_hours";
  if (trucks == end->end() || !trucks->is_number_unsigned()) return "end.unfinished_trucks";
  if (selected == end->end() || !selected->is_number_unsigned()) return "end.unfinished_selected";
  run.drained = drained->get<bool>();
  run.drain_hours = hours->get<std::string>();
  run.unfinished_trucks = trucks->get<std::uint64_t>();
  run.unfinished_selected = selected->get<std::uint64_t>();
  return "";
}

/// Why a well-formed run is not replication `replication` of `point` of this batch ("" if it is).
std::string mismatch(const StoredRun& run, const io::BatchSpec& spec, const io::DesignPoint& point,
                     std::size_t replication) {
  if (run.point != point.index || run.replication != replication) {
    return "it holds design point " + std::to_string(run.point) + ", replication " + std::to_string(run.replication) +
           " (a copy of another run's file)";
  }
  if (run.seed != spec.seed) {
    return "it was run with seed " + std::to_string(run.seed) + ", the batch's seed is " + std::to_string(spec.seed);
  }
  if (run.scenario_hash != point.scenario.hash) {
    return "it was run with another version of design point " + std::to_string(point.index) + " (scenario hash " +
           run.scenario_hash + ", now " + point.scenario.hash + ")";
  }
  if (run.factors.size() != spec.factors.size()) return "its factor levels are not the design point's";
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    if (run.factors[f] != std::pair(spec.factors[f].key, point.values[f])) return "its factor levels are not the design point's";
  }
  if (run.kpis.size() != point.kpi_names.size()) return "its KPIs are not the ones the model reports";
  for (std::size_t k = 0; k < run.kpis.size(); ++k) {
    if (run.kpis[k].first != point.kpi_names[k]) return "its KPIs are not the ones the model reports";
  }
  return "";
}

}  // namespace

std::string exact_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string run_file_name(std::size_t point, std::size_t replication) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "p%06zu-r%04zu.json", point, replication);
  return buf;
}

StoredRun stored_run(const io::BatchSpec& spec, const io::DesignPoint& point, std::size_t replication,
                     const RunResult& result) {
  StoredRun run;
  run.point = point.index;
  run.replication = replication;
  run.seed = result.seed;
  run.scenario_hash = point.scenario.hash;
  for (std::size_t f = 0; f < spec.factors.size(); ++f) run.factors.emplace_back(spec.factors[f].key, point.values[f]);
  run.outcome = kernel::to_string(result.outcome);
  for (const auto& kpi : result.kpis) run.kpis.emplace_back(kpi.name, exact_text(kpi.value));
  run.drained = result.drained;
  run.drain_hours = exact_text(result.drain_hours);
  run.unfinished_trucks = result.unfinished_trucks;
  run.unfinished_selected = result.unfinished_selected;
  return run;
}

RunResult as_run_result(const StoredRun& run) {
  RunResult r;
  r.replication = run.replication;
  r.seed = run.seed;
  r.outcome = outcome_kind(run.outcome);
  for (const auto& [name, value] : run.kpis) r.kpis.push_back({name, "", std::stod(value)});
  r.drained = run.drained;
  r.drain_hours = std::stod(run.drain_hours);
  r.unfinished_trucks = run.unfinished_trucks;
  r.unfinished_selected = run.unfinished_selected;
  return r;
}

std::string run_file_text(const StoredRun& run) {
  json j = to_json(run);
  j["checksum"] = checksum(j);
  return j.dump() + "\n";
}

RunFile read_run_file(const std::string& dir, const io::BatchSpec& spec, const io::DesignPoint& point,
                      std::size_t replication) {
  RunFile file;
  file.path = (fs::path(dir) / "runs" / run_file_name(point.index, replication)).string();
  std::error_code ec;
  const auto status = fs::status(file.path, ec);
  if (!fs::exists(status)) return file;
  file.state = RunFile::State::Invalid;
  if (!fs::is_regular_file(status)) {
    file.problem = "it is not a regular file";
    return file;
  }
  const auto size = fs::file_size(file.path, ec);
  if (ec || size > largest_file) {
    file.problem = ec ? "it cannot be read (" + ec.message() + ")" : "it is " + std::to_string(size) + " bytes, too large for a run file";
    return file;
  }
  std::ifstream in(file.path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    file.problem = std::string("it cannot be read (") + std::strerror(errno) + ")";
    return file;
  }
  json j = json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    file.problem = "it is not a JSON object (truncated or garbage)";
    return file;
  }
  const auto sum = j.find("checksum");
  if (sum == j.end() || !sum->is_string()) {
    file.problem = "it has no checksum (written by an older PortSim or by hand)";
    return file;
  }
  const std::string stored_sum = sum->get<std::string>();
  j.erase("checksum");
  if (stored_sum != checksum(j)) {
    file.problem = "its checksum does not match its content (edited or damaged)";
    return file;
  }
  if (const std::string field = parse_fields(j, file.run); !field.empty()) {
    const auto v = j.find("version");
    file.problem = field == "version" && v != j.end() && v->is_number_unsigned()
                       ? "it is in run file format " + std::to_string(v->get<std::uint64_t>()) +
                             ", this PortSim writes and reads format " + std::to_string(format_version)
                       : "its field \"" + field + "\" is missing or malformed";
    return file;
  }
  if (std::string why = mismatch(file.run, spec, point, replication); !why.empty()) {
    file.problem = std::move(why);
    return file;
  }
  file.state = RunFile::State::Valid;
  return file;
}

std::size_t missing_runs(const io::BatchSpec& spec, const std::string& dir) {
  std::size_t missing = 0;
  for (const auto& point : spec.points) {
    for (std::size_t r = 0; r < spec.replications; ++r) {
      if (read_run_file(dir, spec, point, r).state != RunFile::State::Valid) ++missing;
    }
  }
  return missing;
}

}  // namespace portsim::experiment
