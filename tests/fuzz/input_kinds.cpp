#include "tests/fuzz/input_kinds.hpp"

#include <array>

#include "tests/fuzz/case_builders.hpp"
#include "tests/fuzz/flag_mutations.hpp"
#include "tests/fuzz/hostile_values.hpp"

namespace portsim::fuzz {

namespace {

constexpr std::array<const char*, kind_count> names{
    "scenario",    "batch",       "set-flag",    "duration-flag", "date-flag",   "hourly-log", "cbp-awt-log", "sandag-log",
    "cbp-bwt-log", "monthly-log", "cascade-log", "vehicle-log",   "truck-log",   "model-file",  "trace",      "run-store"};

}  // namespace

const char* kind_name(Kind k) { return names[static_cast<std::size_t>(k)]; }

std::optional<Kind> kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kind_count; ++i) {
    if (name == names[i]) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

std::vector<std::pair<Kind, unsigned>> kind_weights(bool ci, bool with_viz) {
  std::vector<std::pair<Kind, unsigned>> w{
      {Kind::Scenario, 18},   {Kind::Batch, ci ? 4u : 6u}, {Kind::SetFlag, 12},    {Kind::DurationFlag, 5},
      {Kind::DateFlag, ci ? 2u : 3u}, {Kind::HourlyLog, 5}, {Kind::CbpAwtLog, 7}, {Kind::SandagLog, 5},
      {Kind::CbpBwtLog, 4},   {Kind::MonthlyLog, 3},  {Kind::CascadeLog, 4},  {Kind::VehicleLog, 4},
      {Kind::TruckLog, 4},
      {Kind::ModelFile, 8},   {Kind::RunStore, ci ? 3u : 5u}};
  if (with_viz) w.push_back({Kind::Trace, 8});
  return w;
}

Case make_case(Kind kind, const SeedSet& seeds, FuzzRng& rng, bool identity) {
  using namespace builders;
  switch (kind) {
    case Kind::Scenario: return scenario(seeds, rng, identity);
    case Kind::Batch: return batch(seeds, rng, identity);
    case Kind::SetFlag: return set_flag(seeds, rng, identity, !seeds.traces.empty());
    case Kind::DurationFlag: return duration_flag(seeds, rng, identity);
    case Kind::DateFlag: return date_flag(seeds, rng, identity);
    case Kind::HourlyLog: return hourly_log(seeds, rng, identity);
    case Kind::CbpAwtLog: return cbp_awt_log(seeds, rng, identity);
    case Kind::SandagLog: return sandag_log(seeds, rng, identity);
    case Kind::CbpBwtLog: return cbp_bwt_log(seeds, rng, identity);
    case Kind::MonthlyLog: return monthly_log(seeds, rng, identity);
    case Kind::CascadeLog: return cascade_log(seeds, rng, identity);
    case Kind::VehicleLog: return vehicle_log(seeds, rng, identity);
    case Kind::TruckLog: return truck_log(seeds, rng, identity);
    case Kind::ModelFile: return model_file(seeds, rng, identity);
    case Kind::Trace: return trace(seeds, rng, identity);
    case Kind::RunStore: return run_store(seeds, rng, identity);
  }
  return scenario(seeds, rng, identity);
}

namespace builders {

std::string mutated(Format format, const SeedFile& seed, FuzzRng& rng, bool identity, Case& c) {
  c.seed_name = seed.name;
  if (identity) {
    c.what = "the seed itself";
    return seed.text;
  }
  Mutant m = mutate(format, seed.text, seed.name, rng);
  c.what = seed.name + ": " + m.what;
  return m.text;
}

void set_file(Case& c, const std::string& path, const std::string& text) {
  for (auto& [p, t] : c.files) {
    if (p == path) {
      t = text;
      return;
    }
  }
  c.files.emplace_back(path, text);
}

void set_mutant(Case& c, const std::string& path, const std::string& text) {
  set_file(c, path, text);
  c.mutant = path;
}

void add_scenarios(Case& c, const SeedSet& s) {
  for (const auto& sc : s.scenarios) set_file(c, sc.name, sc.text);
}

Case scenario(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c{Kind::Scenario, "", "", {}, {}, LocationStyle::LineColumn};
  add_scenarios(c, s);
  const SeedFile& seed = rng.pick(s.scenarios);
  set_mutant(c, seed.name, mutated(Format::Yaml, seed, rng, identity, c));
  if (rng.percent(50)) {
    c.steps = {Step{false, {"validate", seed.name}}};
  } else {
    c.steps = {Step{false, {"run", seed.name, "--duration", "1h", "--seed", "1"}}};
  }
  return c;
}

Case batch(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c{Kind::Batch, "", "", {}, {}, LocationStyle::LineColumn};
  add_scenarios(c, s);
  const SeedFile& seed = rng.pick(s.batches);
  set_mutant(c, "batches/" + seed.name, mutated(Format::Yaml, seed, rng, identity, c));
  c.steps = {Step{false, {"batch", "batches/" + seed.name, "--max-runs", "1", "--out", "out", "--jobs", "1"}}};
  return c;
}

Case set_flag(const SeedSet& s, FuzzRng& rng, bool identity, bool with_viz) {
  Case c{Kind::SetFlag, "", "", {}, {}, LocationStyle::LineColumn};
  add_scenarios(c, s);
  const std::string name = rng.pick(std::vector<std::string>{"baseline.yaml", "smart-gate.yaml", "otay-mesa.yaml"});
  c.seed_name = name;
  const std::vector<KeyPath>& paths = s.key_paths.at(name);
  std::vector<std::string> sets;
  if (identity) {
    for (const auto& p : paths) {
      if (shape_of(p.value) == Shape::Number) sets.push_back(p.path + "=" + p.value);
    }
    sets = {sets.empty() ? std::string("demand.trucks_per_day=15000") : rng.pick(sets)};
    c.what = "--set " + sets.front();
  } else {
    const std::size_t n = rng.percent(70) ? 1 : rng.percent(65) ? 2 : 3;
    for (std::size_t i = 0; i < n; ++i) {
      const SetArgument a = hostile_set(paths, rng);
      sets.push_back(a.text);
      c.what += (i ? "; " : "") + a.what;
    }
  }
  std::vector<std::string> flags;
  for (const auto& x : sets) flags.insert(flags.end(), {"--set", x});
  if (with_viz && rng.percent(15)) {
    std::vector<std::string> run{"run", name, "--duration", "30min", "--trace", "t.trace", "--trace-interval", "10min"};
    run.insert(run.end(), flags.begin(), flags.end());
    c.steps = {Step{false, run}, Step{true, {"--replay", "t.trace", "--screenshot", "o.png", "--at", "20min",
                                             "--width", "800", "--height", "600"}}};
    return c;
  }
  std::vector<std::string> args = rng.percent(60) ? std::vector<std::string>{"validate", name}
                                                  : std::vector<std::string>{"run", name, "--duration", "1h"};
  args.insert(args.end(), flags.begin(), flags.end());
  c.steps = {Step{false, args}};
  return c;
}

Case duration_flag(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c{Kind::DurationFlag, "", "", {}, {}, LocationStyle::LineColumn};
  add_scenarios(c, s);
  c.seed_name = "baseline.yaml";
  const auto d = [&](const std::string& valid) { return identity ? valid : hostile_duration(rng); };
  std::vector<std::string> args;
  switch (rng.below(5)) {
    case 0: args = {"run", "baseline.yaml", "--duration", d("1h")}; break;
    case 1: args = {"run", "baseline.yaml", "--duration", "1h", "--warmup", d("10min")}; break;
    case 2: args = {"run", "baseline.yaml", "--warmup", identity ? "10min" : "auto", "--duration", d("2h")}; break;
    case 3: args = {"run", "baseline.yaml", "--duration", "1h", "--trace", "t.trace", "--trace-interval", d("5min")}; break;
    default: args = {"compare", "baseline.yaml", "paperless.yaml", "--reps", "2", "--duration", d("1h")}; break;
  }
  c.what = "";
  for (std::size_t i = 1; i < args.size(); ++i) c.what += (i > 1 ? " " : "") + args[i];
  c.steps = {Step{false, args}};
  return c;
}

Case date_flag(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c{Kind::DateFlag, "", "", {}, {}, LocationStyle::LineColumn};
  const SeedFile& model = s.named(s.fit_models, "model-checkpoint.yaml");
  set_file(c, model.name, model.text);
  const SeedFile& data = s.log("cbp_awt_merged.csv");
  set_file(c, data.name, data.text);
  c.seed_name = "--train/--test";
  std::string train = "2016-03-01..2016-03-02", test = "2016-03-03..2016-03-03";
  const bool with_test = rng.percent(50);
  if (!identity) {
    if (!with_test || rng.percent(60)) train = hostile_date_range(rng);
    if (with_test && train == "2016-03-01..2016-03-02") test = hostile_date_range(rng);
  }
  std::vector<std::string> args{"calibrate", "--data", data.name, "--format", "cbp-awt", "--model", model.name,
                                "--train", train, "--out", "cal"};
  if (with_test) args.insert(args.end(), {"--test", test});
  c.what = "--train " + train + (with_test ? " --test " + test : "");
  c.steps = {Step{false, args}};
  return c;
}

Case model_file(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c{Kind::ModelFile, "", "", {}, {}, LocationStyle::LineColumn};
  const bool predict = rng.percent(70);
  const SeedFile& model = predict ? rng.pick(s.calibrated) : rng.pick(s.fit_models);
  const bool ord = model.name.find("ord") != std::string::npos || model.name.find("checkpoint") != std::string::npos;
  const SeedFile& data = s.log(ord ? "cbp_awt_merged.csv" : "hourly.csv");
  set_file(c, data.name, data.text);
  set_mutant(c, model.name, mutated(Format::Yaml, model, rng, identity, c));
  const std::string format = ord ? "cbp-awt" : "hourly";
  if (predict) {
    c.steps = {Step{false, {"predict", "--model", model.name, "--data", data.name, "--format", format, "--out", "p.csv"}}};
  } else {
    const std::string train = ord ? "2016-03-01..2016-03-02" : "2025-01-01..2025-01-06";
    c.steps = {Step{false, {"calibrate", "--model", model.name, "--data", data.name, "--format", format, "--train", train,
                            "--out", "cal"}}};
  }
  return c;
}

}  // namespace builders
}  // namespace portsim::fuzz
