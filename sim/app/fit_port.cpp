// `portsim fit-port`: the port model's lane and inspection parameters fitted to a planner's own
// truck log, written as a scenario that extends the planner's scenario (calibration/README.md
// "Truck log").
#include <cmath>
#include <filesystem>
#include <iostream>

#include "calibration/fitted_scenario.hpp"
#include "calibration/port_fit.hpp"
#include "calibration/port_fit_check.hpp"
#include "calibration/truck_log.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;
namespace fs = std::filesystem;

struct FitPortOptions {
  std::string log;
  std::string scenario;
  std::string out;
  std::string name;
  int check_reps = 10;
  cal::PortFitOptions fit;
};

CLI::App* add(CLI::App& cli, FitPortOptions& o) {
  auto* sub = cli.add_subcommand(
      "fit-port", "fit a scenario's lane and inspection parameters to a truck log; writes a scenario extending it");
  sub->add_option("--log", o.log, "truck log CSV: truck_id, arrival, gate_in, release [, lane, lane_start, channel, "
                                  "exam_start, exam_end] (portsim run --truck-log writes one)")
      ->required();
  sub->add_option("--scenario", o.scenario, "the planner's scenario the log is of")->required();
  sub->add_option("--out", o.out, "the fitted scenario file to write (YAML)")->required();
  sub->add_option("--name", o.name, "name of the fitted scenario (default: the scenario's name + \"-fitted\")");
  sub->add_option("--gate", o.fit.gate, "the scenario's gate the log is of (default: the first)");
  sub->add_option("--holdout", o.fit.holdout, "share of the log's days (or hours) held out, the latest (default 0.3)")
      ->check(CLI::Range(0.05, 0.5));
  sub->add_option("--refits", o.fit.refits, "block-bootstrap refits for the CIs (default 200)")->check(CLI::Range(50, 10000));
  sub->add_option("--seed", o.fit.seed, "seed of the bootstrap and of the held-out check's runs (default 1)");
  sub->add_option("--check-reps", o.check_reps,
                  "replications of the held-out check, each scenario simulated against the held-out trucks (default 10; "
                  "0: no check)")
      ->check(CLI::Range(0, 1000));
  return sub;
}

/// Says when the fitted lane time cannot describe the scenario's lanes: it replaces the manual
/// identification step, so a lane that identifies trucks by device would not use it.
void warn_devices(const port::ScenarioConfig& sc, const std::string& gate_id) {
  for (const auto& g : sc.gates) {
    if (g.id != gate_id) continue;
    for (const auto& l : g.lanes) {
      if (l.devices.empty()) continue;
      std::cerr << "warning: lane group " << g.id << "/" << l.id
                << " has devices; the fitted lane time is in steps.identify_manual, which its trucks only use when "
                   "a read fails\n";
    }
  }
}

/// Refuses an --out that would overwrite the log or the scenario, a NaN --holdout, one check replication.
void check_flags(const FitPortOptions& o) {
  const auto problem = [](const std::string& flag, const std::string& what) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag, what}});
  };
  if (!std::isfinite(o.fit.holdout)) problem("--holdout", "expected a share in [0.05, 0.5], got " + std::to_string(o.fit.holdout));
  if (o.check_reps == 1) problem("--check-reps", "expected 0 (no check) or at least 2 replications (a spread needs two), got 1");
  std::error_code ec;
  for (const auto& [flag, path] : {std::pair{"--log", o.log}, std::pair{"--scenario", o.scenario}}) {
    if (fs::exists(o.out) && fs::equivalent(o.out, path, ec)) {
      problem("--out", "is the file " + std::string(flag) + " names (" + path + "): the fitted scenario needs a file of its own");
    }
  }
}

int execute(const FitPortOptions& o, const Context& /*context*/) {
  check_flags(o);
  const io::LoadedScenario base = io::load_scenario(o.scenario);
  const cal::TruckLog log = cal::read_truck_log(o.log);
  const cal::PortFit fit = cal::fit_port(log, base.config, o.fit);
  warn_devices(base.config, fit.gate);
  const fs::path out = fs::absolute(o.out);
  // Relative when both files are under the working folder (a project moved as a whole still runs),
  // else absolute.
  const fs::path scenario = fs::weakly_canonical(fs::absolute(o.scenario));
  const fs::path here = fs::weakly_canonical(fs::current_path());
  const auto under = [&](const fs::path& p) {
    const auto r = fs::relative(p, here).generic_string();
    return !r.empty() && r.rfind("..", 0) != 0;
  };
  const std::string extends = under(scenario) && under(fs::weakly_canonical(out))
                                  ? fs::relative(scenario, fs::weakly_canonical(out).parent_path()).generic_string()
                                  : scenario.generic_string();
  const std::string name = o.name.empty() ? base.config.name + "-fitted" : o.name;
  // Written beside --out, loaded (it must run as it is), then renamed into place: a failure leaves
  // any earlier file at --out as it was.
  const fs::path tmp = out.parent_path() / (out.stem().string() + ".tmp" + out.extension().string());
  io::write_atomically(tmp.string(), cal::fitted_scenario_yaml(fit, log, extends, name));
  io::LoadedScenario fitted;
  try {
    fitted = io::load_scenario(tmp.string());
  } catch (...) {
    fs::remove(tmp);
    throw;
  }
  fs::rename(tmp, out);
  std::cout << cal::port_fit_report(fit, log);
  if (o.check_reps > 0) {
    std::cout << cal::port_fit_check_text(cal::check_port_fit(log, fit, base.config, fitted.config, o.check_reps, o.fit.seed));
  }
  std::cout << "wrote " << o.out << " (extends " << extends << "; run it with portsim run " << o.out << ")\n";
  return 0;
}

}  // namespace

Command fit_port_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
