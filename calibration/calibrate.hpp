// Simulation-based calibration of the booth checkpoint model (sim/port/checkpoint.hpp) to an
// hourly log: a stated discrepancy between simulated and observed hourly statistics, minimised with
// NLopt (bounded, derivative-free, multi-start) under common random numbers, bootstrap over days
// for parameter uncertainty; prediction on other periods; validation against two baselines.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calibration/base_wait.hpp"
#include "calibration/base_wait_fit.hpp"
#include "calibration/base_wait_mode.hpp"
#include "calibration/boosted_trees.hpp"
#include "calibration/fit.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/model_file.hpp"
#include "calibration/model_spec.hpp"
#include "calibration/objective.hpp"
#include "calibration/predict.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

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
