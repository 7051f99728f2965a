// Booth-queue physics carried from one port to another (issue 16, item 5b): the northbound
// passenger lanes of SANDAG's typical 2017 weekday (--format sandag-passenger: volume processed,
// booths open and CBP's average wait per hour, for San Ysidro and Otay Mesa). At one port, for each
// lane type (General, Ready, SENTRI), the physics is fitted: the booth rate from the hours that kept
// a queue all hour (their volume is what the open booths could process) and the standing queue at
// midnight. The other port's waits are then forecast from its own booths and volumes with those
// parameters, and scored against every baseline fitted on the first port's hours
// (baseline_comparison.hpp), as any validation report.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "calibration/baseline_comparison.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/predict.hpp"

namespace portsim::calibration {

struct TransferSettings {
  double min_wait_min = 10;  // an hour with at least this average wait kept a queue all hour, so its
                             // open booths worked the whole hour and its volume is their capacity
  double service_cv = 0.5;   // lognormal service cv: an assumption (the log has no service times)
  int reps = 20;             // replications of each simulated day (common random numbers)
  std::uint64_t seed = 1;
  int bootstrap = 1000;      // resamples of the saturated hours for the rate's sd
};

/// The standing queue's wait at midnight is searched over [0, this] minutes.
inline constexpr double max_start_wait_min = 240;

/// The physics of one lane type, fitted at one port.
struct LaneTypeFit {
  std::string lane_type;
  std::vector<int> saturated;  // hours (0..23) whose volume / booths gives the rate
  double rate = 0;             // vehicles per booth-hour: sum of volumes / sum of booths over them
  double rate_sd = 0;          // bootstrap over those hours
  double start_wait_min = 0;   // the standing queue at 00:00, as the wait it means at the first
                               // hour's capacity (the fit's least in-sample MAE)
  bool start_wait_fitted = false;  // false: no booth open at 00:00, so no standing queue (0)
  double fit_mae = 0;          // in-sample MAE of the simulation with these (min)
};

/// The rows of `port` in a sandag-passenger log (site "<port> passenger <type> NB"), by lane type,
/// hours in order. io::InputError naming `flag` and the ports the log has when it has none.
std::map<std::string, std::vector<HourRow>> port_lane_types(const HourlyLog& log, const std::string& port,
                                                            const std::string& flag);

/// Vehicles one lane type's day may carry: each fit simulates the day about 60 x reps times.
inline constexpr int max_day_vehicles = 100000;

/// Fits a lane type's rate and standing queue to its rows (a whole typical day). io::InputError
/// naming the file, the rows' lines and the field when no hour is saturated or the day carries
/// more than max_day_vehicles.
LaneTypeFit fit_lane_type(const std::string& lane_type, const std::vector<HourRow>& rows, const std::string& path,
                          const TransferSettings& s);

/// The booth queue over the day of `rows` (hours in order) with `fit`'s physics: arrivals = the
/// hour's processed volume (Poisson within the hour), the booths open, lognormal service of mean
/// 3600 / rate s; at 00:00 a standing queue of start_wait x the first hour's capacity (its own
/// waits are not scored). One prediction per row, from `s.reps` replications.
std::vector<Prediction> simulate_lane_type(const LaneTypeFit& fit, const std::vector<HourRow>& rows,
                                           double start_wait_min, const TransferSettings& s);

/// One lane type carried from the source port to the target port.
struct LaneTypeTransfer {
  LaneTypeFit source;  // the physics the forecast uses
  LaneTypeFit target;  // the same fit at the target, for reference only (the forecast does not use it)
  bool has_target_fit = false;  // false: no saturated hour at the target (no reference fit)
  std::vector<HourRow> source_rows, target_rows;
  BaselineComparison comparison;  // on the target's hours; baselines fitted on the source's
  double volume_mae = 0;          // |booths x source rate - volume| over the target's saturated hours
  double volume_mae_own = 0;      // the same with the target's own rate (in sample)
  double target_volume_mean = 0;  // mean volume of those hours
};

/// Every lane type both ports have, carried from `from` to `to`. io::InputError when they share none.
std::vector<LaneTypeTransfer> transfer_lanes(const HourlyLog& log, const std::string& path, const std::string& from,
                                             const std::string& to, const TransferSettings& s);

/// report.md: the fitted physics, each lane type's validation table and sentence, and the pooled
/// hour-weighted MAE of every predictor with one closing sentence.
std::string transfer_markdown(const std::vector<LaneTypeTransfer>& t, const std::string& from, const std::string& to,
                              const std::string& command_line, const TransferSettings& s);
/// metrics.csv: one row per lane type and predictor.
std::string transfer_metrics_csv(const std::vector<LaneTypeTransfer>& t);
/// predictions.csv: one row per target hour, the simulation and every baseline.
std::string transfer_predictions_csv(const std::vector<LaneTypeTransfer>& t);

}  // namespace portsim::calibration
