// `portsim predict`: drive a calibrated model with another log's hourly inputs; writes the
// predictions CSV and prints the error over the hours with observed waits.
#include <fmt/format.h>

#include <iostream>
#include <vector>

#include "calibration/calibrate.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/result_writer.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;

struct PredictOptions {
  std::string model;
  std::string data;
  std::string format;
  std::string out;
  bool strict = false;
  unsigned jobs = default_jobs();
};

CLI::App* add(CLI::App& cli, PredictOptions& o) {
  auto* predict = cli.add_subcommand("predict", "drive a calibrated model with another log's hourly inputs");
  predict->add_option("--model", o.model, "calibrated model (calibrated.yaml)")->required();
  predict->add_option("--data", o.data, "log file")->required();
  predict->add_option("--format", o.format, "log format")->required();
  predict->add_option("--out", o.out, "predictions CSV")->required();
  predict->add_flag("--strict", o.strict, "malformed rows are fatal");
  predict->add_option("--jobs", o.jobs, "threads")->check(CLI::Range(1, 1024));
  return predict;
}

int execute(const PredictOptions& o, const Context& /*context*/) {
  const auto model = cal::read_model(o.model);
  const auto log = read_data(o.data, o.format, o.strict);
  check_one_site(log, o.data);
  const auto preds = cal::predict(model, log.rows, o.jobs);
  io::write_atomically(o.out, cal::predictions_csv(preds));
  std::vector<double> observed, simulated;
  for (const auto& p : preds) {
    if (p.observed.avg_wait_min < 0) continue;
    observed.push_back(p.observed.avg_wait_min);
    simulated.push_back(p.sim_avg);
  }
  const auto m = cal::metrics(observed, simulated);
  std::cout << fmt::format("wrote {} ({} rows); MAE {:.2f} min, bias {:+.2f} min, correlation {:.2f} over {} hours with "
                           "observed waits\n",
                           o.out, preds.size(), m.mae, m.bias, m.correlation, m.hours);
  return 0;
}

}  // namespace

Command predict_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
