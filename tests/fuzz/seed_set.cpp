#include "tests/fuzz/seed_set.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "tests/fuzz/reseal.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

const SeedFile& SeedSet::log(const std::string& name) const {
  const auto it = logs.find(name);
  if (it == logs.end()) throw std::runtime_error("no seed log " + name);
  return it->second;
}

const SeedFile& SeedSet::named(const std::vector<SeedFile>& files, const std::string& name) const {
  for (const auto& f : files) {
    if (f.name == name) return f;
  }
  throw std::runtime_error("no seed " + name);
}

std::string with_small_fit(const std::string& model_text) {
  static const std::vector<std::pair<std::regex, std::string>> cuts{
      {std::regex(R"(^(\s+starts:)\s*[0-9]+)"), "$1 1"},
      {std::regex(R"(^(\s+max_evals:)\s*[0-9]+)"), "$1 6"},
      {std::regex(R"(^(\s+sample_days:)\s*[0-9]+)"), "$1 2"},
      {std::regex(R"(^(\s+bootstrap:)\s*[0-9]+)"), "$1 1"},
      {std::regex(R"(^(\s+band_replications:)\s*[0-9]+)"), "$1 2"},
      {std::regex(R"(^(\s+profile_replications:)\s*[0-9]+)"), "$1 1"},
      {std::regex(R"(^(\s+level_nowcast_days:)\s*[0-9]+)"), "$1 2"}};
  TextLines t = split_lines(model_text);
  for (auto& line : t.lines) {
    for (const auto& [re, to] : cuts) line = std::regex_replace(line, re, to);
  }
  return join_lines(t);
}

namespace {

std::vector<SeedFile> yaml_files(const fs::path& dir) {
  std::vector<SeedFile> v;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") v.push_back({e.path().filename().string(), read_text(e.path())});
  }
  std::sort(v.begin(), v.end(), [](const SeedFile& a, const SeedFile& b) { return a.name < b.name; });
  return v;
}

void derive(const Programs& programs, const fs::path& dir, const std::vector<std::string>& args, const Limits& limits,
            const std::string& stem) {
  std::vector<std::string> argv{programs.portsim.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const StepResult r = run_process(argv, dir, programs.env, limits, stem);
  if (r.exit_code != 0) {
    std::string cmd;
    for (const auto& a : argv) cmd += a + " ";
    throw std::runtime_error("cannot make a derived seed: " + cmd + "(in " + dir.string() + ") ended with exit " +
                             std::to_string(r.exit_code) + " signal " + std::to_string(r.signal) +
                             (r.timed_out ? " (timeout)" : "") + ":\n" + r.stderr_head.substr(0, 2000));
  }
}

/// The header line and the last `rows` lines.
std::string header_and_last(const std::string& text, std::size_t rows) {
  TextLines t = split_lines(text);
  if (t.lines.size() > rows + 1) t.lines.erase(t.lines.begin() + 1, t.lines.end() - static_cast<std::ptrdiff_t>(rows));
  t.final_newline = true;
  return join_lines(t);
}

/// The header and every `step`-th row: a slice that spans the whole log's hours.
std::string header_and_every(const std::string& text, std::size_t step) {
  TextLines t = split_lines(text);
  TextLines out;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    if (i == 0 || i % step == 0) out.lines.push_back(t.lines[i]);
  }
  out.final_newline = true;
  return join_lines(out);
}

}  // namespace

SeedSet load_seeds(const fs::path& source, const fs::path& work, const Programs& programs, const Limits& limits) {
  SeedSet s;
  s.source = source;
  s.scenarios = yaml_files(source / "scenarios");
  s.batches = yaml_files(source / "scenarios" / "batches");
  for (const auto& m : yaml_files(source / "calibration" / "models")) s.fit_models.push_back({"model-" + m.name, with_small_fit(m.text)});
  for (const auto& e : fs::directory_iterator(source / "results" / "calibration")) {
    const fs::path f = e.path() / "calibrated.yaml";
    if (fs::exists(f)) s.calibrated.push_back({"calibrated-" + e.path().filename().string() + ".yaml", with_small_fit(read_text(f))});
  }
  std::sort(s.calibrated.begin(), s.calibrated.end(), [](const SeedFile& a, const SeedFile& b) { return a.name < b.name; });
  for (const auto& e : fs::directory_iterator(source / "tests" / "fuzz" / "seeds" / "logs")) {
    s.logs[e.path().filename().string()] = {e.path().filename().string(), read_text(e.path())};
  }
  s.store_batch = {"run-store.yaml", read_text(source / "tests" / "fuzz" / "seeds" / "run-store.yaml")};
  for (const auto& sc : s.scenarios) {
    try {
      s.key_paths[sc.name] = key_paths(sc.text);
    } catch (const std::exception&) {
      s.key_paths[sc.name] = {};
    }
  }

  // Derived seeds, made by the portsim under test in a folder with the shipped scenarios.
  const fs::path d = work / "derive";
  fs::create_directories(d / "batches");
  for (const auto& sc : s.scenarios) write_text(d / sc.name, sc.text);
  write_text(d / "batches" / s.store_batch.name, s.store_batch.text);
  // Trucks leaving around noon: every column fit-service is asked for (service_s, wait_s, yard_s)
  // has enough positive values (the night's first trucks do not wait).
  derive(programs, d, {"run", "baseline.yaml", "--duration", "12h", "--log", "trucks.csv"}, limits, "log");
  s.vehicle_log = {"trucks.csv", header_and_last(read_text(d / "trucks.csv"), 80)};
  // A truck log over 6 hours, every 10th truck: enough hours for fit-port's held-out part.
  derive(programs, d, {"run", "baseline.yaml", "--duration", "6h", "--truck-log", "truck_log.csv"}, limits, "truck-log");
  s.truck_log = {"truck_log.csv", header_and_every(read_text(d / "truck_log.csv"), 10)};
  derive(programs, d, {"run", "baseline.yaml", "--duration", "6h", "--hourly-log", "hours.csv"}, limits, "hours");
  s.logs["portsim_hours.csv"] = {"portsim_hours.csv", read_text(d / "hours.csv")};
  derive(programs, d, {"batch", "batches/run-store.yaml", "--out", "store"}, limits, "store");
  for (const auto& e : fs::directory_iterator(d / "store" / "runs")) {
    if (e.path().extension() == ".json") s.run_files.push_back({e.path().filename().string(), read_text(e.path())});
  }
  std::sort(s.run_files.begin(), s.run_files.end(), [](const SeedFile& a, const SeedFile& b) { return a.name < b.name; });
  if (s.run_files.size() < 2) throw std::runtime_error("the store batch wrote fewer than 2 run files in " + (d / "store").string());
  s.reseal_run_files = reseal_run_file(s.run_files.front().text) == s.run_files.front().text;
  if (!programs.viz.empty()) {
    for (const std::string name : {"smart-gate", "otay-mesa"}) {
      derive(programs, d, {"run", name + ".yaml", "--duration", "1h", "--trace-interval", "10min", "--trace", name + ".trace"},
             limits, "trace-" + name);
      s.traces.push_back({name + ".trace", read_text(d / (name + ".trace"))});
    }
    s.reseal_traces = reseal_trace(s.traces.front().text) == s.traces.front().text;
  }
  return s;
}

}  // namespace portsim::fuzz
