// `portsim scale-arrivals`: an hourly log (canonical schema) for a typical-wait profile, with
// arrivals scaled from monthly crossing counts and an optional hourly volume shape.
#include <fmt/format.h>

#include <iostream>
#include <set>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/truck_inputs.hpp"
#include "sim/app/cli_common.hpp"
#include "sim/app/log_input.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"

namespace portsim::app {

namespace {

namespace cal = calibration;

struct ScaleArrivalsOptions {
  std::string waits;
  std::string site;
  std::string counts;
  std::string crossing;
  std::string mode = "Commercial Trucks";
  int year = 0;
  std::string shape;
  std::string out;
};

CLI::App* add(CLI::App& cli, ScaleArrivalsOptions& o) {
  auto* scale =
      cli.add_subcommand("scale-arrivals", "an hourly log for a typical-wait profile with arrivals from monthly counts");
  scale->add_option("--waits", o.waits, "typical waits (cbp-bwt format)")->required();
  scale->add_option("--site", o.site, "site of the waits file, e.g. \"El Paso - Ysleta Commercial General\"")
      ->required();
  scale->add_option("--counts", o.counts, "monthly counts (UNT/CBP monthly_crossings CSV)")->required();
  scale->add_option("--crossing", o.crossing, "crossing in the counts file, e.g. \"Ysleta Bridge\"")->required();
  scale->add_option("--mode", o.mode, "mode in the counts file (default Commercial Trucks)");
  scale->add_option("--year", o.year, "year of the counts that matches the waits")
      ->required()
      ->check(CLI::Range(1900, 2100));
  scale->add_option("--shape", o.shape,
                    "hourly volume profile over the operating day (sandag-poe file); default uniform");
  scale->add_option("--out", o.out, "hourly log to write (canonical schema, --format hourly)")->required();
  return scale;
}

int execute(const ScaleArrivalsOptions& o, const Context& /*context*/) {
  const auto log = read_data(o.waits, "cbp-bwt", false);
  std::vector<cal::HourRow> rows;
  std::set<std::string> sites;
  for (const auto& r : log.rows) {
    sites.insert(r.site);
    if (r.site == o.site) rows.push_back(r);
  }
  if (rows.empty()) {
    std::string list;
    for (const auto& s : sites) list += (list.empty() ? "" : ", ") + s;
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--site",
                                           "no rows for \"" + o.site + "\" in " + o.waits + " (sites: " + list + ")"}});
  }
  const auto counts = cal::read_monthly_counts(o.counts, o.crossing, o.mode);
  std::vector<double> shape;
  if (!o.shape.empty()) {
    for (const auto& r : read_data(o.shape, "sandag-poe", false).rows) {
      if (r.arrivals > 0) shape.push_back(r.arrivals);
    }
  }
  const auto scaled = cal::scale_arrivals(rows, counts, o.year, shape, o.waits, o.counts);
  io::write_atomically(o.out, cal::write_hourly_csv(scaled));
  std::cout << fmt::format("wrote {} ({} hours of {} typical days; arrivals from {} {} counts of {})\n", o.out,
                           scaled.size(), cal::by_day(scaled).size(), o.crossing, o.mode, o.year);
  return 0;
}

}  // namespace

Command scale_arrivals_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
