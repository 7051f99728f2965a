#include "calibration/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "calibration/base_wait.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/sample_stats.hpp"
#include "calibration/xgb_learner.hpp"
#include "sim/kernel/queueing_theory.hpp"

namespace portsim::calibration {

namespace {
/// The training waits by hour of week and by hour of day, reduced per test row (hour of week; its
/// hour of day where the training has no such hour of week; 0 when neither).
template <class Reduce>
std::vector<double> hour_of_week_forecast(const std::vector<HourRow>& train, const std::vector<HourRow>& test, Reduce reduce) {
  HourOfWeekSamples waits;
  for (const auto& r : train) {
    if (r.avg_wait_min >= 0) waits.add(r, r.avg_wait_min);
  }
  std::vector<double> out;
  for (const auto& r : test) {
    const auto& v = waits.at(hour_of_week(r));
    out.push_back(v.empty() ? 0.0 : reduce(v));
  }
  return out;
}

double erlang_wait_min(const HourRow& r, double mu, double cap) {
  const int c = std::max(1, r.servers);
  const double lambda = std::max(0, r.arrivals);
  const double a = lambda / mu;
  if (lambda <= 0) return 0;
  if (a >= c) return cap;
  return std::min(cap, kernel::queueing::mmc_mean_wait(c, lambda, mu) * 60.0);
}
}  // namespace

std::vector<double> baseline_hour_of_week_median(const std::vector<HourRow>& train, const std::vector<HourRow>& test) {
  return hour_of_week_forecast(train, test, [](const std::vector<double>& v) { return median_of(v); });
}

std::vector<double> baseline_hour_of_week(const std::vector<HourRow>& train, const std::vector<HourRow>& test) {
  return hour_of_week_forecast(train, test, [](const std::vector<double>& v) { return mean_of(v); });
}

std::vector<double> baseline_erlang_c(const std::vector<HourRow>& train, const std::vector<HourRow>& test,
                                      double* fitted_rate) {
  std::vector<double> waits;
  for (const auto& r : train) {
    if (r.avg_wait_min >= 0) waits.push_back(r.avg_wait_min);
  }
  std::sort(waits.begin(), waits.end());
  const double cap = waits.empty() ? 60 : lower_quantile_of(waits, 0.99);
  const auto mae = [&](double mu) {
    double s = 0;
    for (const auto& r : train) {
      if (r.avg_wait_min >= 0) s += std::fabs(erlang_wait_min(r, mu, cap) - r.avg_wait_min);
    }
    return s;
  };
  // Golden-section search on the rate per server-hour (MAE is unimodal enough in practice).
  double lo = 5, hi = 400;
  const double g = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = mae(x1), f2 = mae(x2);
  for (int i = 0; i < 60; ++i) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = mae(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = mae(x2);
    }
  }
  const double mu = (lo + hi) / 2;
  if (fitted_rate != nullptr) *fitted_rate = mu;
  std::vector<double> out;
  for (const auto& r : test) out.push_back(erlang_wait_min(r, mu, cap));
  return out;
}

std::vector<double> baseline_constant(const std::vector<HourRow>& train, const std::vector<HourRow>& test) {
  std::vector<double> waits;
  for (const auto& r : train) {
    if (r.avg_wait_min >= 0) waits.push_back(r.avg_wait_min);
  }
  return std::vector<double>(test.size(), median_of(waits));
}

namespace {
/// base_wait_features of every row of `rows`, by (site, date, hour).
std::map<std::tuple<std::string, std::string, int>, std::vector<double>> features_by_hour(const std::vector<HourRow>& rows) {
  std::map<std::tuple<std::string, std::string, int>, std::vector<double>> out;
  for (const auto& day : by_day(rows)) {
    const auto f = base_wait_features(day);
    for (std::size_t i = 0; i < day.size(); ++i) out[{day[i].site, day[i].date, day[i].hour_start}] = f[i];
  }
  return out;
}

/// The training hours with an observed wait as a learner sees them: features, targets, and the
/// fold of each (consecutive weeks of days, in the order the days come, so that neighbouring days,
/// which share a level, are on the same side of a split).
struct LearningSet {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  std::vector<std::size_t> fold;
};
LearningSet learning_set(const std::vector<HourRow>& train) {
  const auto features = features_by_hour(train);
  LearningSet set;
  std::map<std::string, std::size_t> day_index;
  for (const auto& r : train) {
    if (r.avg_wait_min < 0) continue;
    set.x.push_back(features.at({r.site, r.date, r.hour_start}));
    set.y.push_back(r.avg_wait_min);
    const auto d = day_index.emplace(r.date, day_index.size()).first->second;
    set.fold.push_back((d / 7) % learner_folds);
  }
  return set;
}

/// The features of each row of `test`, its neighbouring hours read from `context`.
std::vector<std::vector<double>> test_features(const std::vector<HourRow>& context, const std::vector<HourRow>& test) {
  const auto features = features_by_hour(context);
  std::vector<std::vector<double>> out;
  for (const auto& r : test) out.push_back(features.at({r.site, r.date, r.hour_start}));
  return out;
}
}  // namespace

std::vector<double> baseline_learner(const std::vector<HourRow>& train, const std::vector<HourRow>& context,
                                     const std::vector<HourRow>& test, XgbSettings* chosen) {
  const LearningSet set = learning_set(train);
  if (set.x.empty()) return std::vector<double>(test.size(), 0.0);
  // Settings chosen on the training hours alone: the lowest cross-fitted MAE, folds by week.
  XgbSettings best;
  double best_mae = -1;
  for (const XgbSettings& s : learner_grid()) {
    double abs_error = 0;
    for (std::size_t k = 0; k < learner_folds; ++k) {
      std::vector<std::vector<double>> fx, vx;
      std::vector<double> fy, vy;
      for (std::size_t i = 0; i < set.x.size(); ++i) {
        (set.fold[i] == k ? vx : fx).push_back(set.x[i]);
        (set.fold[i] == k ? vy : fy).push_back(set.y[i]);
      }
      if (fx.empty() || vx.empty()) continue;
      const auto p = XgbLearner::fit(fx, fy, s).predict(vx);
      for (std::size_t i = 0; i < p.size(); ++i) abs_error += std::fabs(std::max(0.0, p[i]) - vy[i]);
    }
    if (best_mae < 0 || abs_error < best_mae) {
      best_mae = abs_error;
      best = s;
    }
  }
  if (chosen != nullptr) *chosen = best;
  auto out = XgbLearner::fit(set.x, set.y, best).predict(test_features(context, test));
  for (double& v : out) v = std::max(0.0, v);
  return out;
}

std::vector<double> baseline_model_trees(const std::vector<HourRow>& train, const std::vector<HourRow>& context,
                                         const std::vector<HourRow>& test, const BoostSettings& settings) {
  const LearningSet set = learning_set(train);
  if (set.x.empty()) return std::vector<double>(test.size(), 0.0);
  BoostSettings s = settings;
  s.rounds_from.clear();
  const BoostedTrees trees = BoostedTrees::fit(base_wait_feature_names(), set.x, set.y, s);
  std::vector<double> out;
  for (const auto& f : test_features(context, test)) out.push_back(std::max(0.0, trees.predict(f)));
  return out;
}

const std::vector<XgbSettings>& learner_grid() {
  static const std::vector<XgbSettings> grid = [] {
    std::vector<XgbSettings> g;
    for (int depth : {3, 6}) {
      for (double eta : {0.05, 0.15}) {
        for (int rounds : {150, 400}) g.push_back({rounds, depth, eta, 20, 1.0});
      }
    }
    return g;
  }();
  return grid;
}

}  // namespace portsim::calibration
