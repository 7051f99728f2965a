// `portsim transfer-lanes`: booth-queue physics fitted on one port's passenger lanes forecasts
// another port's waits from its own booths and volumes, scored against every baseline fitted on the
// first port (calibration/site_transfer.hpp); writes report.md, metrics.csv and predictions.csv.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "calibration/site_transfer.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/result_writer.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;
namespace fs = std::filesystem;

struct TransferLanesOptions {
  std::string data;
  std::string from;
  std::string to;
  std::string out;
  cal::TransferSettings settings;
};

CLI::App* add(CLI::App& cli, TransferLanesOptions& o) {
  auto* t = cli.add_subcommand("transfer-lanes",
                               "fit booth-queue physics on one port's passenger lanes and forecast another port's waits "
                               "from its own booths and volumes, against every baseline (SANDAG observed file)");
  t->add_option("--data", o.data, "SANDAG observed volumes, booths and waits (OME_Observed_Data.csv)")->required();
  t->add_option("--fit", o.from, "port whose lanes the physics is fitted to, e.g. \"San Ysidro\"")->required();
  t->add_option("--predict", o.to, "port whose waits are forecast, e.g. \"Otay Mesa\"")->required();
  t->add_option("--min-wait", o.settings.min_wait_min,
                "average wait (min) from which an hour counts as saturated for the booth rate (default 10)")
      ->check(CLI::Range(0.0, 1440.0));
  t->add_option("--service-cv", o.settings.service_cv, "service-time cv, an assumption (default 0.5)")
      ->check(CLI::Range(0.05, 3.0));
  t->add_option("--reps", o.settings.reps, "replications of each simulated day (default 20)")->check(CLI::Range(2, 10000));
  t->add_option("--seed", o.settings.seed, "seed (default 1)");
  t->add_option("--out", o.out, "output folder")->required();
  return t;
}

int execute(const TransferLanesOptions& o, const Context& context) {
  const auto log = read_data(o.data, "sandag-passenger", false);
  const auto transfers = cal::transfer_lanes(log, o.data, o.from, o.to, o.settings);
  const std::string report = cal::transfer_markdown(transfers, o.from, o.to, context.command_line, o.settings);
  io::write_atomically((fs::path(o.out) / "metrics.csv").string(), cal::transfer_metrics_csv(transfers));
  io::write_atomically((fs::path(o.out) / "predictions.csv").string(), cal::transfer_predictions_csv(transfers));
  io::write_atomically((fs::path(o.out) / "report.md").string(), report);
  for (const auto& x : transfers) {
    const auto& c = x.comparison;
    std::cout << fmt::format("{:<8} rate {:.1f} veh/booth-h at {}, {:.1f} at {}; wait MAE {:.2f} min, best baseline {} {:.2f}\n",
                             x.source.lane_type, x.source.rate, o.from, x.target.rate, o.to, c.rows.front().scores.all.mae,
                             c.rows[c.best].id, c.rows[c.best].scores.all.mae);
  }
  std::cout << "wrote " << o.out << "/report.md, metrics.csv and predictions.csv\n";
  return 0;
}

}  // namespace

Command transfer_lanes_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
