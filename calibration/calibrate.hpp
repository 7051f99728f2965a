// Simulation-based calibration of the booth checkpoint model (sim/port/checkpoint.hpp) to an
// hourly log: a stated discrepancy between simulated and observed hourly statistics, minimised with
// NLopt (bounded, derivative-free, multi-start) under common random numbers, bootstrap over days
// for parameter uncertainty; prediction on other periods; validation against two baselines.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calibration/base_wait.hpp"
#include "calibration/base_wait_mode.hpp"
#include "calibration/boosted_trees.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/model_file.hpp"
#include "calibration/model_spec.hpp"
#include "calibration/objective.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

/// The base-wait profile by hour of week: for each hour of week, the median over training hours of
/// (observed average wait - simulated queueing wait), the simulated value being the median of
/// `spec.profile_replications` replications; never negative; an empty hour of week gets its hour of
/// day's value.
std::vector<double> estimate_base_wait(const ModelSpec& spec, const port::CheckpointParams& p,
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
