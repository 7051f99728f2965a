// `portsim validate`: load a scenario (with overrides) without running it; every problem is
// reported at once, compiler-style.
#include <fmt/format.h>

#include <iostream>

#include "sim/app/cli_common.hpp"
#include "sim/io/scenario_loader.hpp"

namespace portsim::app {

namespace {

struct ValidateOptions {
  std::string scenario;
  std::vector<std::string> sets;
};

CLI::App* add(CLI::App& cli, ValidateOptions& o) {
  auto* validate = cli.add_subcommand("validate", "check a scenario file without running it");
  validate->add_option("scenario", o.scenario, "scenario YAML file")->required();
  validate->add_option("--set", o.sets, "override a scenario value: key.path=value");
  return validate;
}

int execute(const ValidateOptions& o, const Context& /*context*/) {
  const auto s = io::load_scenario(o.scenario, o.sets);
  std::size_t lanes = 0;
  for (const auto& g : s.config.gates) lanes += g.lanes.size();
  std::cout << fmt::format("{}: ok: scenario \"{}\", {} gate(s), {} lane(s), {} device type(s), hash {}\n", o.scenario,
                           s.config.name, s.config.gates.size(), lanes, s.config.devices.size(), s.hash);
  return 0;
}

}  // namespace

Command validate_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
