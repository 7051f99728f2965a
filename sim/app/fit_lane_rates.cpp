// `portsim fit-lane-rates`: a lane service rate from the saturated hours of SANDAG's Otay Mesa
// files, checked by simulation; writes report.md and lane_rates.csv.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <numeric>
#include <vector>

#include "calibration/truck_inputs.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/input_error.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;

struct FitLaneRatesOptions {
  std::string volumes;
  std::string lanes;
  std::string trips;
  std::vector<std::string> prefixes{"OMC_GP", "OMC_SP"};
  std::string direction = "NB";
  double min_backlog = 10;
  double service_cv = 0.5;
  int reps = 20;
  std::string out;
};

CLI::App* add(CLI::App& cli, FitLaneRatesOptions& o) {
  auto* lane_rates =
      cli.add_subcommand("fit-lane-rates", "fit a lane service rate from saturated hours (SANDAG Otay Mesa files)");
  lane_rates->add_option("--volumes", o.volumes, "hourly processed volumes (OME_Observed_Data.csv)")->required();
  lane_rates->add_option("--lanes", o.lanes, "open lanes by hour (poe_rates_2017_base.csv)")->required();
  lane_rates->add_option("--trips", o.trips, "survey arrivals by hour (Truck_Trips_2017.csv)")->required();
  lane_rates->add_option("--lane-prefix", o.prefixes,
                         "poe_rates column prefixes whose _OPEN lanes serve the volume (default OMC_GP OMC_SP)");
  lane_rates->add_option("--direction", o.direction, "survey direction (default NB)");
  lane_rates
      ->add_option("--min-backlog", o.min_backlog,
                   "trucks still queued at the end of an hour that make it saturated (default 10)")
      ->check(CLI::Range(0.0, 1e6));
  lane_rates->add_option("--service-cv", o.service_cv, "service-time cv of the simulation check (default 0.5)")
      ->check(CLI::Range(0.05, 3.0));
  lane_rates->add_option("--reps", o.reps, "replications of the simulation check (default 20)")
      ->check(CLI::Range(1, 10000));
  lane_rates->add_option("--out", o.out, "output folder")->required();
  return lane_rates;
}

int execute(const FitLaneRatesOptions& o, const Context& context) {
  const auto log = read_data(o.volumes, "sandag-poe", false);
  std::vector<double> processed(24, 0.0);
  for (const auto& r : log.rows) processed[static_cast<std::size_t>(r.hour_start)] += std::max(0, r.arrivals);
  const auto lanes = cal::read_sandag_lanes(o.lanes, o.prefixes);
  const auto survey = cal::read_sandag_trips(o.trips, o.direction);
  const auto fit = cal::fit_lane_rate(processed, lanes.open, survey, o.min_backlog, 1);
  // The simulation check drives the checkpoint model with this demand: within its hourly limit.
  for (std::size_t h = 0; h < fit.arrivals.size(); ++h) {
    const double trucks = fit.arrivals[h] + fit.initial_queue;
    if (trucks > port::max_hour_arrivals) {
      throw io::InputError({io::InputProblem{
          "command line", 0, 0, "--trips",
          fmt::format("the survey's arrivals scaled to the day's {:.0f} processed trucks put {:.0f} trucks (with the "
                      "initial queue) into the hour starting at {}:00, above the checkpoint model's limit of {} an hour",
                      std::accumulate(processed.begin(), processed.end(), 0.0), trucks, h, port::max_hour_arrivals)}});
    }
  }
  if (fit.saturated.empty()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--min-backlog",
                                           "no hour ends with more than " + fmt::format("{:g}", o.min_backlog) +
                                               " trucks queued: no saturated hour to fit a rate from (lower it)"}});
  }
  const auto check = cal::check_lane_rate(fit, processed, lanes, o.service_cv, o.reps, 1);
  cal::write_lane_rate_report(o.out, fit, check, processed, lanes, context.command_line, o.service_cv, o.min_backlog);
  std::cout << fmt::format("{} saturated hours; rate {:.2f} trucks per lane-hour (sd {:.2f}); processed-per-hour MAE "
                           "{:.1f} (SANDAG's rates {:.1f}); leave-one-out {:.1f} trucks/h\nwrote {}/report.md and "
                           "lane_rates.csv\n",
                           fit.saturated.size(), fit.rate, fit.rate_sd, check.mae_fitted, check.mae_sandag,
                           check.loo_mae, o.out);
  return 0;
}

}  // namespace

Command fit_lane_rates_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
