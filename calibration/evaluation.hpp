// How a forecast of hourly waits is judged on held-out hours, the same way for the calibrated
// simulation and for every baseline: MAE, RMSE and bias overall; MAE and bias on congested hours
// (observed >= 30 min) and on the top 10% of hours by load (passengers per booth, chosen on the
// inputs, so free of regression to the mean); the ranked probability score against the hour's
// wait histogram; and a Diebold-Mariano test of two forecasts' absolute errors over day blocks.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/metrics.hpp"

namespace portsim::calibration {

/// Observed waits at or above this are a congested hour.
inline constexpr double congested_wait_min = 30;
/// The share of hours with the highest load that the load scores look at.
inline constexpr double top_load_share = 0.10;

/// A forecast of each held-out hour: a point (the hour's average wait) and, when the predictor has
/// one, the share of the hour's passengers per histogram bin (HourRow::bins); without shares the
/// forecast is scored on the histogram as all of the hour's passengers at the point.
struct Forecast {
  std::string name;
  std::vector<double> point;
  std::vector<std::array<double, 7>> shares;  // empty: a point forecast only
};

struct Scores {
  Metrics all;
  std::size_t congested_hours = 0;
  double congested_mae = 0, congested_bias = 0;
  std::size_t top_load_hours = 0;
  double top_load_mae = 0, top_load_bias = 0;
  std::size_t histogram_hours = 0;
  double rps = -1;  // mean ranked probability score over hours with a histogram (-1: none)
};

/// The hours to judge: held-out rows with an observed wait, and which of them are top-load hours.
struct HeldOutHours {
  std::vector<HourRow> rows;
  std::vector<double> observed;
  std::vector<bool> top_load;
};
HeldOutHours held_out_hours(const std::vector<HourRow>& rows);

/// Passengers per booth of an hour (arrivals / max(1, servers)).
double load_of(const HourRow& r);

/// The scores of a forecast (one value per held-out hour).
Scores score(const HeldOutHours& hours, const Forecast& f);

/// Ranked probability score of one hour: the mean over the first six bin edges (15, 30, 45, 60, 90
/// and 120 min) of the squared difference between forecast and observed cumulative shares (the
/// forecast's shares normalised to 1; a forecast without shares is scored at its point).
double ranked_probability_score(const std::array<double, 7>& forecast_shares, const std::array<int, 7>& observed_bins);
/// A point forecast's bin shares: all of it in the bin that holds the point.
std::array<double, 7> point_shares(double wait_min);

struct DieboldMariano {
  std::size_t days = 0;
  double mean_difference = 0;  // mean over days of the day's mean |error a| - |error b| (min); < 0: a is better
  double low = 0, high = 0;    // its 95% interval from the day means
  double statistic = 0;        // mean of the day means / their standard error
  double p_value = 1;          // two-sided, Student-t with days - 1 degrees of freedom
};
/// Diebold-Mariano test of equal absolute error of forecasts a and b, in day blocks: each day's
/// mean loss difference is one observation (days weighted equally, not by their hours), so the
/// hours' dependence within a day is kept.
DieboldMariano diebold_mariano(const HeldOutHours& hours, const std::vector<double>& a, const std::vector<double>& b);

}  // namespace portsim::calibration
