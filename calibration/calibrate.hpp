// Simulation-based calibration of the booth checkpoint model (sim/port/checkpoint.hpp) to an
// hourly log: a stated discrepancy between simulated and observed hourly statistics, minimised with
// NLopt (bounded, derivative-free, multi-start) under common random numbers, bootstrap over days
// for parameter uncertainty; prediction on other periods; validation against two baselines.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calibration/boosted_trees.hpp"
#include "calibration/hourly_log.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

struct Parameter {
  std::string name;
  double start = 0;
  double low = 0;
  double high = 0;
  double sd = 0;  // bootstrap standard deviation (calibrated models)
};

/// A model file: parameters with bounds, fit settings. Parameter names: service_mean_s, service_cv,
/// batch_spread_min, walk_min, opening_delay_min (required), bypass_share, extra_servers,
/// max_utilisation, staffing_elasticity, open_above_min, close_below_min (optional; their
/// defaults turn the feature off).
struct ModelSpec {
  std::string file;
  std::string name = "booth-checkpoint";
  std::uint64_t seed = 1;
  std::vector<Parameter> params;
  int starts = 4;
  int max_evals = 60;
  int sample_days = 60;
  int bootstrap = 8;
  int band_replications = 10;
  double weight_avg = 1.0;
  double weight_hist = 1.0;
  double weight_max = 0.2;
  double weight_hourly = 0.0;  // mean absolute hourly error of the average wait (min)
  /// fit.base_wait: "profile" estimates a base wait by hour of week (Sunday 0h first) from the
  /// training residuals; "none" leaves it at zero; "boosted" fits the parameters with the profile,
  /// then replaces the profile by boosted trees of the hour's inputs (base_wait_features) fitted to
  /// the residuals of all training hours (settings in fit.trees).
  bool base_wait_profile = false;
  bool base_wait_boosted = false;
  BoostSettings trees;
  int profile_replications = 3;
  std::vector<double> base_wait;  // 168 values (min) of a calibrated model, or empty
  BoostedTrees base_wait_trees;   // of a calibrated model ("boosted"), or empty; wins over base_wait
  /// fit.level_nowcast_days (boosted): add the median cross-fitted training error of the last this
  /// many days of training to the base wait (0: off); the calibrated model keeps it as
  /// base_wait_shift (min).
  int level_nowcast_days = 0;
  double base_wait_shift = 0;
  /// Of a calibrated model: the 5% and 95% quantiles (min) of the training hours' residuals
  /// (observed - point forecast); with the point forecast they give a 90% forecast interval that
  /// includes what the model does not explain, not only its random numbers. Empty: none.
  std::vector<double> forecast_residual_quantiles;
  std::string made_by;            // header of a calibrated model
};

/// Reads a model file; throws io::InputError with file:line for every problem.
ModelSpec read_model(const std::string& path);
/// The calibrated model as YAML (parameters at their fitted values, with bootstrap sd).
std::string write_model(const ModelSpec& spec);

port::CheckpointParams to_params(const std::vector<Parameter>& params);

/// The model's inputs for one day (rows of one date, hours in order), with the base wait of the
/// model's trees (never negative) or else its hour-of-week profile.
std::vector<port::HourInput> day_inputs(const ModelSpec& spec, const std::vector<HourRow>& day);

/// What the boosted base wait sees of an hour: hour, arrivals, servers (at least 1),
/// arrivals_per_server, and the previous and next clock hours' arrivals and servers (0 when the
/// day has no such row) and the previous hour's arrivals per server.
const std::vector<std::string>& base_wait_feature_names();
/// One feature row per row of `day` (rows of one date, hours in order).
std::vector<std::vector<double>> base_wait_features(const std::vector<HourRow>& day);

/// The base-wait profile by hour of week: for each hour of week, the median over training hours of
/// (observed average wait - simulated queueing wait), the simulated value being the median of
/// `spec.profile_replications` replications; never negative; an empty hour of week gets its hour of
/// day's value.
std::vector<double> estimate_base_wait(const ModelSpec& spec, const port::CheckpointParams& p,
                                       const std::vector<std::vector<HourRow>>& days, unsigned jobs);

/// The discrepancy of one parameter vector on a set of days (simulated moments, documented in
/// calibration/README.md):
///   w_avg (E_hour + E_load + E_quantiles) / (mean observed wait + 5)
///   + w_hist * 100 * sum_b (pooled sim share_b - pooled obs share_b)^2
///   + w_max (mean sim max - mean obs max)^2 / (mean obs max + 10)
/// where E_hour and E_load are size-weighted squared differences of mean waits by hour of day and
/// by decile of arrivals per server, and E_quantiles the mean squared difference of the 10/25/50/
/// 75/90% quantiles of hourly mean waits.
double discrepancy(const ModelSpec& spec, const port::CheckpointParams& p,
                   const std::vector<std::vector<HourRow>>& days, unsigned jobs);

struct FitResult {
  ModelSpec calibrated;
  double objective = 0;
  int evaluations = 0;
  std::vector<double> start_objectives;
};

/// Fits the model to the training rows (grouped by day). `progress` gets a line per start.
FitResult fit(const ModelSpec& spec, const std::vector<HourRow>& train, unsigned jobs,
              const std::function<void(const std::string&)>& progress);

struct Prediction {
  HourRow observed;
  double sim_avg = 0;       // median over replications of the hour's simulated average wait (the
                            // point forecast that minimises the expected absolute error)
  double sim_mean = 0;      // mean over replications
  double sim_low = 0;       // 5th percentile over replications
  double sim_high = 0;      // 95th percentile
  double forecast_low = -1;   // the 90% forecast interval (model.forecast_residual_quantiles), -1: none
  double forecast_high = -1;
  double sim_max = 0;       // mean over replications of the hour's maximum wait
  std::array<double, 7> sim_share{};  // share of waits per bin (mean over replications)
};

/// Drives the model with each row's inputs (arrivals, batches, servers), replications from the
/// model's seed: one prediction per input row, in input order.
std::vector<Prediction> predict(const ModelSpec& model, const std::vector<HourRow>& rows, unsigned jobs);

std::string predictions_csv(const std::vector<Prediction>& p);

struct Metrics {
  double mae = 0, rmse = 0, bias = 0, correlation = 0;
  double histogram_distance = -1;  // mean total-variation distance of bin shares (-1: no bins)
  double band_coverage = -1;       // share of observed hours inside the simulated 90% band
  double interval_coverage = -1;   // share inside the 90% forecast interval (-1: none)
  std::size_t hours = 0;
};
Metrics metrics(const std::vector<double>& observed, const std::vector<double>& predicted);

/// B0: the training period's mean wait by hour of week (hour of day where a week hour is empty).
std::vector<double> baseline_hour_of_week(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// The training period's median wait by hour of week (a reference for median point forecasts).
std::vector<double> baseline_hour_of_week_median(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// B1: pointwise-stationary Erlang C with a service rate fitted on the training hours (MAE);
/// unstable hours (load >= servers) get the training's 99th-percentile wait. Returns the rate too.
std::vector<double> baseline_erlang_c(const std::vector<HourRow>& train, const std::vector<HourRow>& test,
                                      double* fitted_rate_per_hour = nullptr);

/// Writes report.md, predictions.csv, metrics.csv and plots into `out` for a held-out period.
void write_validation_report(const std::string& out, const ModelSpec& model, const FitResult* fit,
                             const std::vector<HourRow>& train, const std::vector<Prediction>& test,
                             const std::string& command_line, const std::string& data_note);

}  // namespace portsim::calibration
