// Truck crossings, where the public logs come in pieces: hourly processed volumes and lanes open
// (SANDAG Otay Mesa), typical waits without volumes (CBP border wait times, El Paso) and monthly
// counts (CBP via UNT, Texas-Mexico bridges). This file puts the pieces together:
//   - lane service rates fitted from saturated hours (hours that ended with trucks still queued,
//     so the open lanes worked the whole hour and the processed volume is their capacity);
//   - an hourly log for a typical-wait profile, with arrivals scaled from monthly counts, which
//     `portsim calibrate` then fits like any other hourly log.
#pragma once

#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"

namespace portsim::calibration {

/// One month of a crossing's counts.
struct MonthlyCount {
  int year = 0;
  int month = 0;  // 1..12
  double count = 0;
  int line = 0;  // of its row in the file (0: not from a file)
};

/// Reads the UNT/CBP monthly crossings CSV (header ID,Year,Month,Region,POE,Crossing,Modes,
/// Northbound Crossing) for one crossing and mode. Throws io::InputError naming file, line and
/// field for a bad row of that crossing, a wrong header, or no rows (with the crossings and modes
/// the file has).
std::vector<MonthlyCount> read_monthly_counts(const std::string& path, const std::string& crossing, const std::string& mode);

/// Hourly processed volumes and lanes open from SANDAG's poe_rates file: for each hour 0..23 the
/// sum of the `<prefix>_OPEN` columns named, and the first prefix's `<prefix>_VEH` (SANDAG's own
/// per-lane rate, for comparison).
struct LaneHours {
  std::vector<int> open;         // 24 values
  std::vector<double> sandag_rate;  // 24 values (veh/h/lane)
};
LaneHours read_sandag_lanes(const std::string& path, const std::vector<std::string>& prefixes);

/// Survey arrivals by hour (SANDAG Truck_Trips: sum of RevWght by ArHour for one direction),
/// 24 values, hour 0 = 00:00-01:00.
std::vector<double> read_sandag_trips(const std::string& path, const std::string& direction);

struct LaneRateFit {
  std::vector<double> arrivals;   // demand by hour, scaled to the processed total
  std::vector<double> backlog;    // trucks still queued at the end of each hour (fluid balance)
  double initial_queue = 0;       // the smallest queue at opening consistent with the counts
  std::vector<int> saturated;     // hours (0..23) used for the fit
  double rate = 0;                // trucks per lane-hour (pooled over the saturated hours)
  double rate_sd = 0;             // bootstrap over saturated hours
  std::vector<double> hourly_rate;  // volume / lanes in each saturated hour (-1 elsewhere)
};

/// The fit: demand = survey arrivals scaled to the day's processed total; fluid balance
/// backlog_h = Q0 + cumulative demand - cumulative processed, with Q0 the smallest initial queue
/// that keeps it >= 0; an hour is saturated when its backlog at the end exceeds `min_backlog`
/// trucks; rate = sum of volumes / sum of open lanes over those hours.
LaneRateFit fit_lane_rate(const std::vector<double>& processed, const std::vector<int>& open,
                          const std::vector<double>& survey_arrivals, double min_backlog, std::uint64_t seed);

/// Arrivals for a typical-wait profile: `waits` are rows of one site from the cbp-bwt adapter
/// (date "Month-Weekday"). Each (month, weekday) becomes a day dated on the first such weekday of
/// that month in `year`; trucks per open hour = the month's count / the open hours of all days of
/// that month (a weekday without rows is closed); each day's trucks are spread over its open hours
/// by `shape` (relative weights over the operating day, stretched to the day's open hours; empty =
/// uniform). Servers are set to 1 (the lanes are fitted as extra servers). Months without a count
/// are an error naming the month; errors name `waits_path` / `counts_path`.
std::vector<HourRow> scale_arrivals(const std::vector<HourRow>& waits, const std::vector<MonthlyCount>& counts, int year,
                                    const std::vector<double>& shape, const std::string& waits_path,
                                    const std::string& counts_path);

}  // namespace portsim::calibration

namespace portsim::calibration {

/// The lane-rate fit checked by simulation: the booth-checkpoint model driven by the demand (the
/// initial queue at the first hour with demand or volume), the open lanes and a service time of
/// 3600 / rate s (lognormal with `cv`); the mean over `reps` replications of trucks processed per
/// hour, for the fitted rate and for SANDAG's hourly rates.
struct LaneRateCheck {
  std::vector<double> simulated_fitted;  // 24 values
  std::vector<double> simulated_sandag;  // 24 values
  double mae_fitted = 0, mae_sandag = 0;  // trucks/h over hours with volume or demand
  double loo_mae = 0;  // leave-one-saturated-hour-out error of volume = lanes x rate (trucks/h)
};
LaneRateCheck check_lane_rate(const LaneRateFit& fit, const std::vector<double>& processed, const LaneHours& lanes,
                              double cv, int reps, std::uint64_t seed);

/// report.md and lane_rates.csv in `out`.
void write_lane_rate_report(const std::string& out, const LaneRateFit& fit, const LaneRateCheck& check,
                            const std::vector<double>& processed, const LaneHours& lanes, const std::string& command_line,
                            double cv, double min_backlog);

}  // namespace portsim::calibration
