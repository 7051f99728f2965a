#include "calibration/base_wait_fit.hpp"

#include <algorithm>
#include <cmath>

#include "calibration/base_wait.hpp"
#include "calibration/crn.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/number_text.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/experiment/runner.hpp"

namespace portsim::calibration {

std::vector<std::vector<double>> queue_wait_medians(const ModelSpec& spec, const port::CheckpointParams& p,
                                                    const std::vector<std::vector<HourRow>>& days, int reps, unsigned jobs) {
  ModelSpec queue_only = spec;
  queue_only.base_wait.clear();
  queue_only.base_wait_trees = BoostedTrees();
  std::vector<std::vector<double>> sim_point(days.size());
  experiment::parallel_for(days.size(), jobs, [&](std::size_t d) {
    const auto in = day_inputs(queue_only, days[d]);
    std::vector<std::vector<port::HourOutput>> runs;
    for (int r = 0; r < reps; ++r) {
      runs.push_back(simulate_day(in, p, crn_key(spec.seed, days[d].front().date, static_cast<std::uint64_t>(r))));
    }
    for (std::size_t i = 0; i < in.size(); ++i) {
      std::vector<double> v;
      for (const auto& run : runs) v.push_back(run[i].avg_wait_min);
      sim_point[d].push_back(median_of(v));
    }
  });
  return sim_point;
}

std::vector<double> estimate_base_wait(const ModelSpec& spec, const port::CheckpointParams& p,
                                       const std::vector<std::vector<HourRow>>& days, unsigned jobs) {
  const auto sim_point = queue_wait_medians(spec, p, days, std::max(1, spec.profile_replications), jobs);
  HourOfWeekSamples residuals;
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (std::size_t i = 0; i < days[d].size(); ++i) {
      const HourRow& o = days[d][i];
      if (o.avg_wait_min < 0 || o.inconsistent) continue;
      residuals.add(o, o.avg_wait_min - sim_point[d][i]);
    }
  }
  std::vector<double> out(168, 0.0);
  for (std::size_t k = 0; k < 168; ++k) out[k] = std::max(0.0, median_of(residuals.at(k)));
  return out;
}

namespace {

// The training hours the trees see: features, residual, and the day of each row (day mod 5 is
// its cross-fitting fold).
struct ResidualRows {
  std::vector<std::vector<double>> features;
  std::vector<double> residual;
  std::vector<std::size_t> day;
};

ResidualRows residual_rows(const std::vector<std::vector<HourRow>>& days, const std::vector<std::vector<double>>& queue_wait) {
  ResidualRows rows;
  for (std::size_t d = 0; d < days.size(); ++d) {
    const auto f = base_wait_features(days[d]);
    for (std::size_t i = 0; i < days[d].size(); ++i) {
      const HourRow& o = days[d][i];
      if (o.avg_wait_min < 0 || o.inconsistent) continue;
      rows.features.push_back(f[i]);
      rows.residual.push_back(o.avg_wait_min - queue_wait[d][i]);
      rows.day.push_back(d);
    }
  }
  return rows;
}

// Errors on days the trees did not see (5-fold by day), after each candidate number of trees
// (errors[c][row] for counts[c]): they choose the number (when there is a choice), the level
// nowcast and the forecast interval; errors on the trees' own training hours would be too narrow.
std::vector<std::vector<double>> cross_fitted_errors(const ResidualRows& rows, const BoostSettings& settings,
                                                     const std::vector<int>& counts) {
  std::vector<std::vector<double>> errors(counts.size(), std::vector<double>(rows.day.size()));
  for (std::size_t k = 0; k < 5; ++k) {
    std::vector<std::vector<double>> fx;
    std::vector<double> fy;
    for (std::size_t i = 0; i < rows.day.size(); ++i) {
      if (rows.day[i] % 5 != k) fx.push_back(rows.features[i]), fy.push_back(rows.residual[i]);
    }
    const auto trees = BoostedTrees::fit(base_wait_feature_names(), fx, fy, settings);
    for (std::size_t i = 0; i < rows.day.size(); ++i) {
      if (rows.day[i] % 5 != k) continue;
      for (std::size_t c = 0; c < counts.size(); ++c) {
        errors[c][i] = rows.residual[i] - std::max(0.0, trees.predict(rows.features[i], static_cast<std::size_t>(counts[c])));
      }
    }
  }
  return errors;
}

}  // namespace

// (Alternating trees and parameters, as the profile does, validated worse on ORD 2016 -> 2017:
// 5.23 against 5.14 min.)
BaseWaitTrees fit_base_wait_trees(const ModelSpec& spec, const port::CheckpointParams& p, const std::vector<std::vector<HourRow>>& days,
                                  unsigned jobs, const std::function<void(const std::string&)>& progress) {
  const ResidualRows rows = residual_rows(days, queue_wait_medians(spec, p, days, std::max(2, spec.band_replications), jobs));
  BoostSettings settings = spec.trees;
  std::vector<int> counts = settings.rounds_from;
  if (counts.empty()) counts = {settings.rounds};
  settings.rounds = *std::max_element(counts.begin(), counts.end());
  BaseWaitTrees out;
  out.trees = BoostedTrees::fit(base_wait_feature_names(), rows.features, rows.residual, settings);
  const auto errors = cross_fitted_errors(rows, settings, counts);
  std::size_t chosen = 0;
  std::string cv;
  double best_cv = HUGE_VAL;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    double m = 0;
    for (double e : errors[c]) m += std::fabs(e) / std::max<double>(1, static_cast<double>(errors[c].size()));
    cv += (c ? ", " : "") + std::to_string(counts[c]) + " trees " + num(m);
    if (m < best_cv) best_cv = m, chosen = c;
  }
  out.trees.truncate(static_cast<std::size_t>(counts[chosen]));
  if (counts.size() > 1) progress("cross-fitted MAE (min): " + cv + "; kept " + std::to_string(counts[chosen]) + " trees");
  if (spec.level_nowcast_days > 0) {
    long last = 0;
    for (const auto& day : days) last = std::max(last, day_number(day.front().date));
    std::vector<double> recent;
    for (std::size_t i = 0; i < rows.day.size(); ++i) {
      if (day_number(days[rows.day[i]].front().date) > last - spec.level_nowcast_days) recent.push_back(errors[chosen][i]);
    }
    out.shift = median_of(recent);
    progress("level nowcast: median cross-fitted error of the last " + std::to_string(spec.level_nowcast_days) + " training days (" +
             std::to_string(recent.size()) + " hours) " + num(out.shift) + " min, added to the base wait");
  }
  std::vector<double> shifted;
  for (double e : errors[chosen]) shifted.push_back(e - out.shift);
  out.quantiles = central_90_of(std::move(shifted));
  double mae = 0;
  for (std::size_t i = 0; i < rows.features.size(); ++i) {
    mae += std::fabs(rows.residual[i] - std::max(0.0, out.trees.predict(rows.features[i]) + out.shift));
  }
  progress("base wait as " + std::to_string(counts[chosen]) + " boosted trees of the hour's inputs: " + std::to_string(rows.features.size()) +
           " training hours, training MAE " + num(mae / std::max<double>(1, static_cast<double>(rows.features.size()))) + " min");
  return out;
}

}  // namespace portsim::calibration
