// The calibrated simulation against every baseline on the same held-out hours, scored alike
// (evaluation.hpp): the table of report.md and metrics.csv, the Diebold-Mariano test against the
// best baseline, and one plain sentence saying whether, where and by how much the simulation wins.
#pragma once

#include <string>
#include <vector>

#include "calibration/boosted_trees.hpp"
#include "calibration/evaluation.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/predict.hpp"

namespace portsim::calibration {

/// The goal issue 16 sets the committed model, as ratios of its error to the best baseline's.
inline constexpr double goal_overall_ratio = 0.90;
inline constexpr double goal_congested_ratio = 0.60;
inline constexpr double goal_top_load_ratio = 0.80;

struct ScoredForecast {
  std::string id;  // stable key in metrics.csv: simulation, simulation_without_base_wait, constant, ...
  Forecast forecast;
  Scores scores;
  bool baseline = true;  // false: the simulation (with or without its learned base wait)
};

struct BaselineComparison {
  HeldOutHours hours;
  std::vector<ScoredForecast> rows;  // the simulation first, then (if given) the simulation alone, then the baselines
  std::size_t best = 0;              // the baseline with the lowest MAE
  std::size_t best_congested = 0;    // lowest congested-hour MAE
  std::size_t best_top_load = 0;     // lowest top-load MAE
  DieboldMariano dm;                 // the simulation against `best`
  double erlang_rate = 0;            // the Erlang C baseline's fitted rate per booth-hour
  double learned_share = -1;         // share of the mean forecast from the learned base wait (-1: unknown)
};

/// Scores the simulation's predictions (and `physics_only`, the same model without its learned
/// base wait, when not null) and the baselines fitted on `train`, on the held-out hours of `test`;
/// with `model_trees` (the model's tree settings) also the model's own trees alone.
BaselineComparison compare_with_baselines(const std::vector<HourRow>& train, const std::vector<Prediction>& test,
                                          const std::vector<Prediction>* physics_only,
                                          const BoostSettings* model_trees = nullptr);

/// The report.md section: the table, the goal ratios, the test and the sentence.
std::string comparison_markdown(const BaselineComparison& c);
/// metrics.csv: one row per predictor.
std::string comparison_csv(const BaselineComparison& c, const Metrics& simulation);
/// The closing sentence alone.
std::string verdict_sentence(const BaselineComparison& c);

}  // namespace portsim::calibration
