// `portsim show`: the fully resolved scenario (its extends chain merged, the --set overrides
// applied, the schema's defaults filled in), one value a line with the file and line it came from,
// "--set" or "default". The scenario is validated first: a bad one is reported as validate does.
#include <iostream>

#include "sim/app/cli_common.hpp"
#include "sim/io/resolved_values.hpp"
#include "sim/io/scenario_schema.hpp"

namespace portsim::app {

namespace {

struct ShowOptions {
  std::string scenario;
  std::vector<std::string> sets;
};

CLI::App* add(CLI::App& cli, ShowOptions& o) {
  auto* show = cli.add_subcommand("show", "print the resolved scenario, each value with the file and line it came from");
  show->add_option("scenario", o.scenario, "scenario YAML file")->required();
  show->add_option("--set", o.sets, "override a scenario value: key.path=value");
  return show;
}

int execute(const ShowOptions& o, const Context& /*context*/) {
  io::YamlDocument doc = io::YamlDocument::load(o.scenario);
  for (const auto& s : o.sets) doc.set(s);
  io::load_scenario(doc);  // throws InputError for a bad scenario
  std::cout << io::resolved_text(io::resolve_values(doc, io::scenario_schema().specs()));
  return 0;
}

}  // namespace

Command show_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
