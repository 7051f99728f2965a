// `portsim calibrate`: fit the booth-checkpoint model to a real hourly log (calibration/), write
// calibrated.yaml and, with --test, the validation report on held-out dates.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>
#include <utility>

#include "calibration/calibrate.hpp"
#include "calibration/civil_date.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;
namespace fs = std::filesystem;

struct CalibrateOptions {
  std::string data;
  std::string format;
  std::string model;
  std::string train;
  std::string test;
  std::string out;
  bool strict = false;
  unsigned jobs = default_jobs();
};

CLI::App* add(CLI::App& cli, CalibrateOptions& o) {
  auto* calibrate = cli.add_subcommand("calibrate", "fit the booth-checkpoint model to a real hourly log");
  calibrate->add_option("--data", o.data, "log file")->required();
  calibrate->add_option("--format", o.format, format_help())->required();
  calibrate->add_option("--model", o.model, "model file with parameter bounds (calibration/models/)")->required();
  calibrate->add_option("--train", o.train, "training dates FROM..TO (or several, comma-separated)")->required();
  calibrate->add_option("--test", o.test, "held-out dates FROM..TO for the validation report");
  calibrate->add_option("--out", o.out, "output folder")->required();
  calibrate->add_flag("--strict", o.strict, "malformed rows are fatal");
  calibrate->add_option("--jobs", o.jobs, "threads")->check(CLI::Range(1, 1024));
  return calibrate;
}

int execute(const CalibrateOptions& o, const Context& context) {
  const std::string& cmd = context.command_line;
  const auto train_periods = parse_periods(o.train, "--train");
  Period test_period;
  if (!o.test.empty()) {
    test_period = parse_period(o.test, "--test");
    check_held_out(train_periods, o.train, test_period, o.test, "--test");
  }
  cal::ModelSpec spec = cal::read_model(o.model);
  const auto log = read_data(o.data, o.format, o.strict);
  check_one_site(log, o.data);
  const auto train_rows = period_rows(log, o.data, "--train", o.train, train_periods);
  const auto test_rows = o.test.empty() ? std::vector<cal::HourRow>{} : period_rows(log, o.data, "--test", o.test, {test_period});
  std::cerr << fmt::format("training on {} hours ({} days, {} sampled per evaluation)\n", train_rows.size(),
                           cal::by_day(train_rows).size(), spec.sample_days);
  const auto t0 = std::chrono::steady_clock::now();
  auto result = cal::fit(spec, train_rows, o.jobs, [](const std::string& line) { std::cerr << "  " << line << "\n"; });
  result.calibrated.made_by = "# Calibrated booth-checkpoint model, made by:\n#   " + cmd + "\n# data: " + o.data +
                              " (" + o.format + "), training " + o.train + "\n";
  io::write_atomically((fs::path(o.out) / "calibrated.yaml").string(), cal::write_model(result.calibrated));
  std::cerr << fmt::format("fitted in {:.0f} s; wrote {}/calibrated.yaml\n",
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), o.out);
  for (const auto& p : result.calibrated.params) {
    std::cout << fmt::format("  {:<20} {:>10.4g}  (sd {:.3g})\n", p.name, p.start, p.sd);
  }
  if (!o.test.empty()) {
    const auto preds = cal::predict(result.calibrated, test_rows, o.jobs);
    cal::write_validation_report(o.out, result.calibrated, &result, train_rows, preds, o.jobs, cmd,
                                 "Data: `" + o.data + "` (" + o.format + "); training " + o.train + " (" +
                                     std::to_string(train_rows.size()) + " hours), held out " + o.test + " (" +
                                     std::to_string(test_rows.size()) + " hours).");
    std::cout << "wrote " << o.out << "/report.md, predictions.csv, metrics.csv and plots\n";
  }
  return 0;
}

}  // namespace

Command calibrate_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
