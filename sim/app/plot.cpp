// `portsim plot`: draw the plots of a finished batch folder again.
#include <iostream>

#include "sim/app/cli_common.hpp"
#include "sim/experiment/batch.hpp"
#include "sim/experiment/batch_plots.hpp"

namespace portsim::app {

namespace {

struct PlotOptions {
  std::string folder;
};

CLI::App* add(CLI::App& cli, PlotOptions& o) {
  auto* plot = cli.add_subcommand("plot", "draw the plots of a finished batch folder");
  plot->add_option("folder", o.folder, "batch output folder (with points.csv)")->required();
  return plot;
}

int execute(const PlotOptions& o, const Context& /*context*/) {
  experiment::plot_batch(o.folder);
  std::cout << "wrote plots to " << o.folder << "\n";
  return 0;
}

}  // namespace

Command plot_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
