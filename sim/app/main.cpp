// `portsim`: one command with subcommands, one file each (sim/app/<name>.cpp). main only builds
// the CLI, registers the commands and dispatches to the chosen one; exit codes: 2 bad input,
// 1 environment (sim/app/cli_common.hpp).
//
// Adding a command: a file sim/app/<name>.cpp defining `Command <name>_command(CLI::App&)`
// (an Options struct, a function adding the subcommand and its flags, a function running it;
// sim/app/validate.cpp is the shortest example), its name in the declarations and in
// add_commands below, and the file in the portsim line of sim/CMakeLists.txt.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "sim/app/cli_common.hpp"

namespace portsim::app {

// The commands, each defined in sim/app/<name>.cpp.
AddCommand run_command, validate_command, show_command, schema_command, compare_command, batch_command, plot_command;
#ifdef PORTSIM_WITH_CALIBRATION
AddCommand calibrate_command, fit_service_command, fit_lane_rates_command, scale_arrivals_command, predict_command,
    validate_model_command, fit_port_command, transfer_lanes_command;
#endif

namespace {

/// Adds every command to `cli`, in the order `portsim --help` lists them.
std::vector<Command> add_commands(CLI::App& cli) {
  std::vector<AddCommand*> adders = {run_command, validate_command, show_command, schema_command, compare_command,
                                     batch_command, plot_command};
#ifdef PORTSIM_WITH_CALIBRATION
  adders.insert(adders.end(), {calibrate_command, fit_service_command, fit_lane_rates_command, scale_arrivals_command,
                               predict_command, validate_model_command, fit_port_command, transfer_lanes_command});
#endif
  std::vector<Command> commands;
  for (AddCommand* add : adders) commands.push_back(add(cli));
  return commands;
}

}  // namespace

}  // namespace portsim::app

int main(int argc, char** argv) {
  namespace app = portsim::app;
  CLI::App cli{"PortSim: discrete-event simulation of port clearance operations"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("portsim ") + PORTSIM_VERSION);
  const app::Context context{app::command_line(argc, argv)};
  const auto commands = app::add_commands(cli);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "portsim: error: " << e.what() << "\n(run portsim --help for the commands and their flags)\n";
    return app::exit_bad_input;
  }
  for (const auto& command : commands) {
    if (*command.subcommand) return app::run_mapping_errors([&] { return command.run(context); });
  }
  return 0;
}
