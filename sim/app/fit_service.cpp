// `portsim fit-service`: maximum-likelihood fits of service-time families to one column of a
// per-vehicle log, ranked by AIC, with the scenario form of each.
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>
#include <vector>

#include "calibration/fit_verdict.hpp"
#include "calibration/input_model.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;

struct FitServiceOptions {
  std::string log;
  std::string column = "service_s";
};

CLI::App* add(CLI::App& cli, FitServiceOptions& o) {
  auto* fit_service = cli.add_subcommand("fit-service", "fit service-time families to a per-vehicle log (AIC, KS)");
  fit_service->add_option("--log", o.log, "per-vehicle checkpoint log (portsim run --log)")->required();
  fit_service->add_option("--column", o.column, "column to fit (default service_s)");
  return fit_service;
}

int execute(const FitServiceOptions& o, const Context& /*context*/) {
  const auto values = cal::read_vehicle_column(o.log, o.column);
  std::vector<cal::FamilyFit> fits;
  try {
    fits = cal::fit_families(values);
  } catch (const std::invalid_argument& e) {
    throw io::InputError({io::InputProblem{o.log, 1, 1, o.column, e.what()}});  // the column, named in the header
  }
  std::cout << fmt::format("{} {} values from {}; maximum-likelihood fits, best AIC first\n", values.size(), o.column,
                           o.log);
  std::cout << fmt::format("  {:<12} {:>12} {:>12} {:>8}  {}\n", "family", "log-lik", "AIC", "KS D", "scenario form");
  for (const auto& f : fits) {
    if (!f.failure.empty()) {
      std::cout << fmt::format("  {:<12} {}\n", f.family, f.failure);
      continue;
    }
    std::cout << fmt::format("  {:<12} {:>12.1f} {:>12.1f} {:>8.4f}  {}\n", f.family, f.log_likelihood, f.aic, f.ks,
                             f.text);
  }
  std::size_t positive = 0;
  for (double v : values) positive += v > 0 ? 1 : 0;
  std::cout << cal::verdict_text(cal::fit_verdict(fits, positive), cal::empirical_fit(values));
  return 0;
}

}  // namespace

Command fit_service_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
