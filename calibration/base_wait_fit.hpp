// Fitting the base wait at given queue parameters, from the residuals of training hours (observed
// wait - median simulated queueing wait): the hour-of-week profile, or boosted trees of the hour's
// inputs with their tree count, level nowcast and forecast interval from cross-fitted errors.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/model_spec.hpp"

namespace portsim::calibration {

/// The median over `reps` replications (crn_key replications 0..reps-1) of each hour's simulated
/// queueing wait, the model's base wait left out: [day][hour] as `days`.
std::vector<std::vector<double>> queue_wait_medians(const ModelSpec& spec, const port::CheckpointParams& p,
                                                    const std::vector<std::vector<HourRow>>& days, int reps, unsigned jobs);

/// The base-wait profile by hour of week: for each hour of week, the median over training hours of
/// (observed average wait - simulated queueing wait), the simulated value being the median of
/// `spec.profile_replications` replications; never negative; an empty hour of week gets its hour of
/// day's value.
std::vector<double> estimate_base_wait(const ModelSpec& spec, const port::CheckpointParams& p,
                                       const std::vector<std::vector<HourRow>>& days, unsigned jobs);

struct BaseWaitTrees {
  BoostedTrees trees;
  double shift = 0;               // the level nowcast (min)
  std::vector<double> quantiles;  // 5% and 95% of the cross-fitted errors, after the shift
};

/// BaseWaitMode::Boosted: the base wait as a function of the hour's inputs, trees fitted at `p` to
/// the residual of every training hour (the queueing wait the median of max(2, band_replications)
/// replications). 5-fold cross-fitted errors by day choose the tree count among
/// spec.trees.rounds_from (when given), the level nowcast (spec.level_nowcast_days) and the
/// interval. `progress` gets a line on each.
BaseWaitTrees fit_base_wait_trees(const ModelSpec& spec, const port::CheckpointParams& p,
                                  const std::vector<std::vector<HourRow>>& days, unsigned jobs,
                                  const std::function<void(const std::string&)>& progress);

}  // namespace portsim::calibration
