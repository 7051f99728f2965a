// `portsim validate-model`: judge a calibrated model (calibrated.yaml) on a log it was not fitted
// to, against every baseline fitted on a training log (calibration/baseline_comparison.hpp): the
// same validation report `calibrate --test` writes, for a later period or another site.
#include <fmt/format.h>

#include <iostream>

#include "calibration/calibrate.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;

struct ValidateModelOptions {
  std::string model;
  std::string train_data, train_format, train;
  std::string data, format, test;
  std::string out;
  bool strict = false;
  unsigned jobs = default_jobs();
};

CLI::App* add(CLI::App& cli, ValidateModelOptions& o) {
  auto* v = cli.add_subcommand("validate-model",
                               "judge a calibrated model on held-out hours against every baseline (constant, hour-of-week "
                               "mean and median, Erlang C, data-only learners)");
  v->add_option("--model", o.model, "calibrated model (calibrated.yaml)")->required();
  v->add_option("--train-data", o.train_data, "log the baselines are fitted on (default: --data)");
  v->add_option("--train-format", o.train_format, "its format (default: --format)");
  v->add_option("--train", o.train, "the baselines' training dates FROM..TO, or several comma-separated (the model's own)")
      ->required();
  v->add_option("--data", o.data, "log with the held-out hours")->required();
  v->add_option("--format", o.format, format_help())->required();
  v->add_option("--test", o.test, "held-out dates FROM..TO (default: every row of --data)");
  v->add_option("--out", o.out, "output folder (report.md, predictions.csv, metrics.csv, plots)")->required();
  v->add_flag("--strict", o.strict, "malformed rows are fatal");
  v->add_option("--jobs", o.jobs, "threads")->check(CLI::Range(1, 1024));
  return v;
}

int execute(const ValidateModelOptions& o, const Context& context) {
  const auto train_periods = parse_periods(o.train, "--train");
  const std::string train_data = o.train_data.empty() ? o.data : o.train_data;
  const std::string train_format = o.train_format.empty() ? o.format : o.train_format;
  const bool same_file = (o.train_data.empty() || o.train_data == o.data) && train_format == o.format;
  if (same_file && o.test.empty()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--test",
                                           "give the held-out dates FROM..TO: the baselines' training period --train " +
                                               o.train + " is in the same file, and its hours are not held out"}});
  }
  const std::vector<Period> test_periods = o.test.empty() ? std::vector<Period>{} : std::vector<Period>{parse_period(o.test, "--test")};
  if (same_file) check_held_out(train_periods, o.train, test_periods.front(), o.test, "--test");
  const cal::ModelSpec model = cal::read_model(o.model);
  const auto test_log = read_data(o.data, o.format, o.strict);
  check_one_site(test_log, o.data);
  const auto test_rows = period_rows(test_log, o.data, o.test.empty() ? "--data" : "--test",
                                     o.test.empty() ? std::string("the whole file") : o.test, test_periods);
  const auto train_log = same_file ? test_log : read_data(train_data, train_format, o.strict);
  check_one_site(train_log, train_data);
  const auto train_rows = period_rows(train_log, train_data, "--train", o.train, train_periods);
  const auto preds = cal::predict(model, test_rows, o.jobs);
  cal::write_validation_report(o.out, model, nullptr, train_rows, preds, o.jobs, context.command_line,
                               fmt::format("Model: `{}`. Baselines fitted on `{}` ({}), {} ({} hours); held out: `{}` ({}), {} "
                                           "({} hours).",
                                           o.model, train_data, train_format, o.train, train_rows.size(), o.data, o.format,
                                           o.test.empty() ? std::string("every row") : o.test, test_rows.size()));
  std::cout << "wrote " << o.out << "/report.md, predictions.csv, metrics.csv and plots\n";
  return 0;
}

}  // namespace

Command validate_model_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
