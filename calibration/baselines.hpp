// The baselines a calibrated simulation must beat on held-out hours: a constant, the hour-of-week
// mean and median, pointwise-stationary Erlang C, and a data-only learner with the same inputs.
#pragma once

#include <vector>

#include "calibration/boosted_trees.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/xgb_learner.hpp"

namespace portsim::calibration {

/// B0: the training period's mean wait by hour of week (hour of day where a week hour is empty).
std::vector<double> baseline_hour_of_week(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// The training period's median wait by hour of week (a reference for median point forecasts).
std::vector<double> baseline_hour_of_week_median(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// B1: pointwise-stationary Erlang C with a service rate fitted on the training hours (MAE);
/// unstable hours (load >= servers) get the training's 99th-percentile wait. Returns the rate too.
std::vector<double> baseline_erlang_c(const std::vector<HourRow>& train, const std::vector<HourRow>& test,
                                      double* fitted_rate_per_hour = nullptr);

/// The training period's median wait, for every test hour.
std::vector<double> baseline_constant(const std::vector<HourRow>& train, const std::vector<HourRow>& test);

/// The data-only learner: XGBoost trees (absolute error) of the inputs `predict` gets, as the
/// base-wait trees see them (base_wait_features: hour, passengers, booths, their ratio, the hours
/// before and after), fitted to the training hours' observed waits, with the settings of
/// learner_grid() that have the lowest 5-fold cross-fitted MAE on the training hours (folds of
/// consecutive weeks; written to `chosen`). `context` holds the rows whose neighbours the features read (the
/// whole held-out period); one forecast per row of `test`.
std::vector<double> baseline_learner(const std::vector<HourRow>& train, const std::vector<HourRow>& context,
                                     const std::vector<HourRow>& test, XgbSettings* chosen = nullptr);

/// The model's own boosted trees (boosted_trees.hpp, with the model's settings) alone: the same
/// learner as the model's base wait, fitted to the observed waits instead of the simulation's
/// residuals, on the same features.
std::vector<double> baseline_model_trees(const std::vector<HourRow>& train, const std::vector<HourRow>& context,
                                         const std::vector<HourRow>& test, const BoostSettings& settings);

/// Folds of the learner's cross-fitting, and the settings it chooses among (depth 3 or 6,
/// learning rate 0.05 or 0.15, 150 or 400 rounds, at least 20 hours a leaf).
inline constexpr std::size_t learner_folds = 5;
const std::vector<XgbSettings>& learner_grid();

}  // namespace portsim::calibration
