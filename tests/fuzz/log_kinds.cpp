// Builders of the row-file kinds: CSV logs of every adapter, the per-vehicle log, traces and
// run stores (see case_builders.hpp).
#include "tests/fuzz/case_builders.hpp"

#include <algorithm>

#include "tests/fuzz/reseal.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz::builders {

namespace {

const std::string ysleta_site = "El Paso - Ysleta Commercial General";

Case row_case(Kind kind) { return Case{kind, "", "", {}, {}, LocationStyle::Line}; }

void add(Case& c, const SeedFile& f) { set_file(c, f.name, f.text); }

std::vector<std::string> predict(const std::string& model, const std::string& data, const std::string& format) {
  return {"predict", "--model", model, "--data", data, "--format", format, "--out", "p.csv"};
}

std::vector<std::string> calibrate(const std::string& model, const std::string& data, const std::string& format,
                                   const std::string& train, const std::string& test) {
  std::vector<std::string> a{"calibrate", "--model", model, "--data", data, "--format", format, "--train", train, "--out", "cal"};
  if (!test.empty()) a.insert(a.end(), {"--test", test});
  return a;
}

std::vector<std::string> scale_arrivals(const std::string& waits, const std::string& counts) {
  return {"scale-arrivals", "--waits", waits, "--site", ysleta_site, "--counts", counts, "--crossing", "Ysleta Bridge",
          "--year", "2025", "--out", "ys.csv"};
}

void maybe_strict(std::vector<std::string>& args, FuzzRng& rng) {
  if (rng.percent(20)) args.push_back("--strict");
}

}  // namespace

Case hourly_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::HourlyLog);
  const SeedFile& seed = s.log(rng.percent(75) ? "hourly.csv" : "portsim_hours.csv");
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  std::vector<std::string> args;
  if (seed.name == "hourly.csv" && rng.percent(25)) {
    add(c, s.named(s.fit_models, "model-truck-lanes.yaml"));
    args = calibrate("model-truck-lanes.yaml", seed.name, "hourly", "2025-01-01..2025-01-06",
                     rng.percent(30) ? "2025-01-07..2025-01-07" : "");
  } else {
    add(c, s.named(s.calibrated, "calibrated-ysleta.yaml"));
    args = predict("calibrated-ysleta.yaml", seed.name, "hourly");
  }
  maybe_strict(args, rng);
  c.steps = {Step{false, args}};
  return c;
}

Case cbp_awt_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::CbpAwtLog);
  const SeedFile& seed = s.log(rng.pick(std::vector<std::string>{"cbp_awt_merged.csv", "cbp_awt_merged.csv", "cbp_awt_export.csv",
                                                                 "cbp_awt_course.csv", "cbp_awt_course2017.csv"}));
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  std::vector<std::string> args;
  if (seed.name == "cbp_awt_merged.csv" && rng.percent(25)) {
    add(c, s.named(s.fit_models, "model-checkpoint.yaml"));
    args = calibrate("model-checkpoint.yaml", seed.name, "cbp-awt", "2016-03-01..2016-03-02",
                     rng.percent(30) ? "2016-03-03..2016-03-03" : "");
  } else {
    add(c, s.named(s.calibrated, "calibrated-ord.yaml"));
    args = predict("calibrated-ord.yaml", seed.name, "cbp-awt");
  }
  maybe_strict(args, rng);
  c.steps = {Step{false, args}};
  return c;
}

Case sandag_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::SandagLog);
  for (const char* f : {"sandag_volumes.csv", "sandag_lane_rates.csv", "sandag_truck_trips.csv"}) add(c, s.log(f));
  const SeedFile& seed =
      s.log(rng.pick(std::vector<std::string>{"sandag_volumes.csv", "sandag_lane_rates.csv", "sandag_truck_trips.csv"}));
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  if (seed.name == "sandag_volumes.csv" && rng.percent(40)) {
    if (rng.percent(50)) {
      add(c, s.named(s.calibrated, "calibrated-ysleta.yaml"));
      c.steps = {Step{false, predict("calibrated-ysleta.yaml", seed.name, "sandag-poe")}};
    } else {
      add(c, s.log("cbp_bwt_elpaso.csv"));
      add(c, s.log("monthly_counts.csv"));
      std::vector<std::string> args = scale_arrivals("cbp_bwt_elpaso.csv", "monthly_counts.csv");
      args.insert(args.end(), {"--shape", seed.name});
      c.steps = {Step{false, args}};
    }
    return c;
  }
  c.steps = {Step{false, {"fit-lane-rates", "--volumes", "sandag_volumes.csv", "--lanes", "sandag_lane_rates.csv",
                          "--trips", "sandag_truck_trips.csv", "--reps", "2", "--out", "om"}}};
  return c;
}

Case cbp_bwt_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::CbpBwtLog);
  const SeedFile& seed = s.log("cbp_bwt_elpaso.csv");
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  if (rng.percent(50)) {
    add(c, s.named(s.calibrated, "calibrated-ysleta.yaml"));
    std::vector<std::string> args = predict("calibrated-ysleta.yaml", seed.name, "cbp-bwt");
    maybe_strict(args, rng);
    c.steps = {Step{false, args}};
  } else {
    add(c, s.log("monthly_counts.csv"));
    c.steps = {Step{false, scale_arrivals(seed.name, "monthly_counts.csv")}};
  }
  return c;
}

Case monthly_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::MonthlyLog);
  add(c, s.log("cbp_bwt_elpaso.csv"));
  const SeedFile& seed = s.log("monthly_counts.csv");
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  c.steps = {Step{false, scale_arrivals("cbp_bwt_elpaso.csv", seed.name)}};
  return c;
}

Case cascade_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::CascadeLog);
  const SeedFile& seed = s.log("cascade_daily.csv");
  set_mutant(c, seed.name, mutated(Format::Csv, seed, rng, identity, c));
  add(c, s.named(s.calibrated, "calibrated-ysleta.yaml"));
  std::vector<std::string> args = predict("calibrated-ysleta.yaml", seed.name, "cascade");  // daily counts: no waits to fit
  maybe_strict(args, rng);
  c.steps = {Step{false, args}};
  return c;
}

Case vehicle_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::VehicleLog);
  set_mutant(c, s.vehicle_log.name, mutated(Format::Csv, s.vehicle_log, rng, identity, c));
  std::vector<std::string> args{"fit-service", "--log", s.vehicle_log.name};
  if (rng.percent(40)) args.insert(args.end(), {"--column", rng.pick(std::vector<std::string>{"service_s", "wait_s", "yard_s"})});
  c.steps = {Step{false, args}};
  return c;
}

Case truck_log(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::TruckLog);
  set_mutant(c, s.truck_log.name, mutated(Format::Csv, s.truck_log, rng, identity, c));
  add(c, s.named(s.scenarios, "baseline.yaml"));
  std::vector<std::string> args{"fit-port", "--log", s.truck_log.name, "--scenario", "baseline.yaml", "--out", "fitted.yaml",
                                "--refits", "50", "--check-reps", rng.percent(20) ? "2" : "0"};
  if (rng.percent(20)) args.insert(args.end(), {"--holdout", rng.pick(std::vector<std::string>{"0.05", "0.5", "0.2"})});
  c.steps = {Step{false, args}};
  return c;
}

/// The trace's scenario (its S lines) as a YAML text, and the trace with it replaced.
std::string scenario_of(const TextLines& t) {
  std::string yaml;
  for (const auto& l : t.lines) {
    if (l.rfind("S ", 0) == 0 || l == "S") yaml += l.substr(std::min<std::size_t>(2, l.size())) + "\n";
  }
  return yaml;
}

std::string with_scenario(const TextLines& t, const std::string& yaml) {
  TextLines out;
  bool done = false;
  for (const auto& l : t.lines) {
    if (l.rfind("S ", 0) == 0 || l == "S") {
      if (!done) {
        for (const auto& y : split_lines(yaml).lines) out.lines.push_back("S " + y);
        done = true;
      }
    } else {
      out.lines.push_back(l);
    }
  }
  return join_lines(out);
}

Case trace(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::Trace);
  add_scenarios(c, s);
  const SeedFile& seed = rng.pick(s.traces);
  const TextLines lines = split_lines(seed.text);
  std::string text;
  if (!identity && rng.percent(25) && !scenario_of(lines).empty()) {  // the scenario it carries
    const SeedFile embedded{seed.name, scenario_of(lines)};
    const std::string yaml = mutated(Format::Yaml, embedded, rng, identity, c);
    text = with_scenario(lines, yaml);
    c.what = "scenario in the trace: " + c.what;
  } else {
    text = mutated(Format::Trace, seed, rng, identity, c);
  }
  if (!identity && s.reseal_traces && rng.percent(75)) {
    text = reseal_trace(text);
    c.what += "; checksum recomputed";
  }
  set_mutant(c, seed.name, text);
  c.steps = {Step{true, {"--replay", seed.name, "--screenshot", "o.png", "--at", "20min", "--width", "800", "--height", "600"}}};
  return c;
}

Case run_store(const SeedSet& s, FuzzRng& rng, bool identity) {
  Case c = row_case(Kind::RunStore);
  add_scenarios(c, s);
  set_file(c, "batches/" + s.store_batch.name, s.store_batch.text);
  for (const auto& f : s.run_files) set_file(c, "store/runs/" + f.name, f.text);
  const SeedFile& seed = rng.pick(s.run_files);
  if (!identity && rng.percent(20)) {
    const SeedFile& other = rng.pick(s.run_files);
    const std::string text = other.name == seed.name ? s.run_files.front().text + s.run_files.back().text : other.text;
    set_mutant(c, "store/runs/" + seed.name, text);
    c.seed_name = seed.name;
    c.what = other.name == seed.name ? seed.name + ": two run files in one" : seed.name + ": a copy of " + other.name;
  } else {
    std::string text = mutated(Format::Json, seed, rng, identity, c);
    if (!identity && s.reseal_run_files && rng.percent(60)) {
      text = reseal_run_file(text);
      c.what += "; checksum recomputed";
    }
    set_mutant(c, "store/runs/" + seed.name, text);
  }
  c.steps = {Step{false, {"batch", "batches/" + s.store_batch.name, "--out", "store"}}};
  return c;
}

}  // namespace portsim::fuzz::builders
