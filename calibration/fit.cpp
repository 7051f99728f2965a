#include "calibration/fit.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "calibration/base_wait_fit.hpp"
#include "calibration/nlopt_driver.hpp"
#include "calibration/number_text.hpp"
#include "calibration/objective.hpp"
#include "calibration/predict.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::calibration {

namespace {

// A fixed sample of training days (the same for every evaluation: common random numbers).
std::vector<std::vector<HourRow>> sample_days(const std::vector<std::vector<HourRow>>& all_days, const ModelSpec& spec) {
  kernel::Rng rng = kernel::RandomStreams(spec.seed).stream("calibration/sample-days");
  std::vector<std::size_t> order(all_days.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[std::min(i - 1, static_cast<std::size_t>(kernel::uniform01(rng) * static_cast<double>(i)))]);
  }
  order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(spec.sample_days)));
  std::sort(order.begin(), order.end());
  std::vector<std::vector<HourRow>> days;
  for (std::size_t i : order) days.push_back(all_days[i]);
  return days;
}

// The parameters NLopt searches (low < high) and the model's parameters at a point of them.
struct FreeParameters {
  std::vector<Parameter> all;
  std::vector<std::size_t> index;  // into `all`
  std::vector<double> low, high, start;

  explicit FreeParameters(const std::vector<Parameter>& params) : all(params) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].high > all[i].low) index.push_back(i);
    }
    for (std::size_t i : index) {
      low.push_back(all[i].low);
      high.push_back(all[i].high);
      start.push_back(all[i].start);
    }
  }
  std::vector<Parameter> with(const std::vector<double>& x) const {
    std::vector<Parameter> ps = all;
    for (std::size_t k = 0; k < index.size(); ++k) ps[index[k]].start = x[k];
    return ps;
  }
};

// Bootstrap over days: refit from the optimum on resampled days (base wait held fixed); the
// spread is the uncertainty. Writes the sds into `result.calibrated`.
void bootstrap_sds(const ModelSpec& spec, const ModelSpec& work, const FreeParameters& free,
                   const std::vector<std::vector<HourRow>>& days, const std::vector<double>& best_x, unsigned jobs,
                   const std::function<void(const std::string&)>& progress, FitResult& result) {
  std::vector<std::vector<double>> fits;
  kernel::Rng boot = kernel::RandomStreams(spec.seed).stream("calibration/bootstrap");
  for (int b = 0; b < spec.bootstrap; ++b) {
    std::vector<std::vector<HourRow>> sample;
    for (std::size_t i = 0; i < days.size(); ++i) {
      sample.push_back(days[std::min(days.size() - 1, static_cast<std::size_t>(kernel::uniform01(boot) * static_cast<double>(days.size())))]);
    }
    const auto m = minimise([&](const std::vector<double>& x) { return discrepancy(work, to_params(free.with(x)), sample, jobs); },
                            best_x, free.low, free.high, std::max(10, spec.max_evals / 2));
    result.evaluations += m.evaluations;
    fits.push_back(m.x);
    progress("bootstrap " + std::to_string(b + 1) + "/" + std::to_string(spec.bootstrap));
  }
  for (std::size_t k = 0; k < free.index.size(); ++k) {
    kernel::Tally t(false);
    for (const auto& f : fits) t.add(f[k]);
    result.calibrated.params[free.index[k]].sd = t.stddev();
  }
}

// The forecast interval: quantiles of the calibrated model's errors on training hours, for
// boosted trees cross-fitted (with the trees themselves); a profile of 168 medians is scored on
// its own hours.
void fit_base_wait_and_interval(const ModelSpec& spec, const std::vector<HourRow>& train,
                                const std::vector<std::vector<HourRow>>& all_days, unsigned jobs,
                                const std::function<void(const std::string&)>& progress, ModelSpec& calibrated) {
  if (spec.base_wait_mode == BaseWaitMode::Boosted) {
    auto b = fit_base_wait_trees(spec, to_params(calibrated.params), all_days, jobs, progress);
    calibrated.trees.rounds = static_cast<int>(b.trees.trees().size());
    calibrated.base_wait_trees = std::move(b.trees);
    calibrated.base_wait_shift = b.shift;
    calibrated.forecast_residual_quantiles = b.quantiles;
    calibrated.base_wait.clear();
  } else {
    std::vector<double> residuals;
    for (const auto& p : predict(calibrated, train, jobs)) {
      if (p.observed.avg_wait_min >= 0 && !p.observed.inconsistent) residuals.push_back(p.observed.avg_wait_min - p.sim_avg);
    }
    calibrated.forecast_residual_quantiles = central_90_of(std::move(residuals));
  }
  if (calibrated.forecast_residual_quantiles.size() == 2) {
    progress("training errors (observed - point forecast): 5% quantile " + num(calibrated.forecast_residual_quantiles[0]) +
             " min, 95% quantile " + num(calibrated.forecast_residual_quantiles[1]) + " min: the 90% forecast interval");
  }
}

}  // namespace

FitResult fit(const ModelSpec& spec, const std::vector<HourRow>& train, unsigned jobs,
              const std::function<void(const std::string&)>& progress) {
  const auto all_days = by_day(train);
  if (all_days.empty()) throw std::runtime_error("no training rows in the chosen period");
  const auto days = sample_days(all_days, spec);
  const FreeParameters free(spec.params);
  const bool with_profile = fits_profile(spec.base_wait_mode);
  FitResult result;
  result.calibrated = spec;
  ModelSpec work = spec;  // carries the base-wait profile of the current round
  const auto update_profile = [&](const std::vector<double>& x, const char* when) {
    work.base_wait = estimate_base_wait(spec, to_params(free.with(x)), all_days, jobs);
    double mean = 0;
    for (double b : work.base_wait) mean += b / 168;
    progress(std::string("base-wait profile ") + when + ": mean " + num(mean) + " min over the 168 hours of the week (" +
             std::to_string(all_days.size()) + " training days)");
  };
  if (with_profile) update_profile(free.start, "at the start values");
  double best = HUGE_VAL;
  std::vector<double> best_x = free.start;
  kernel::Rng starts_rng = kernel::RandomStreams(spec.seed).stream("calibration/starts");
  // With a base-wait profile the fit alternates: parameters given the profile, then the profile
  // given the parameters, and a last local refinement from the best point.
  const int rounds = with_profile ? 2 : 1;
  for (int round = 0; round < rounds; ++round) {
    const int starts = round == 0 ? spec.starts : 1;
    if (round > 0) best = HUGE_VAL;  // the objective changed with the profile
    for (int s = 0; s < starts; ++s) {
      std::vector<double> x0 = round == 0 ? free.start : best_x;
      if (round == 0 && s > 0) {
        for (std::size_t k = 0; k < x0.size(); ++k) x0[k] = free.low[k] + kernel::uniform01(starts_rng) * (free.high[k] - free.low[k]);
      }
      const auto m = minimise([&](const std::vector<double>& x) { return discrepancy(work, to_params(free.with(x)), days, jobs); },
                              x0, free.low, free.high, spec.max_evals);
      result.evaluations += m.evaluations;
      result.start_objectives.push_back(m.value);
      if (m.value < best) {
        best = m.value;
        best_x = m.x;
      }
      std::ostringstream line;
      if (rounds > 1) line << "round " << round + 1 << "/" << rounds << ", ";
      line << "start " << s + 1 << "/" << starts << ": discrepancy " << num(m.value) << " after " << m.evaluations
           << " evaluations (best " << num(best) << ")";
      progress(line.str());
    }
    if (with_profile) update_profile(best_x, round + 1 < rounds ? "re-estimated" : "at the optimum");
  }
  result.objective = best;
  result.calibrated.params = free.with(best_x);
  result.calibrated.base_wait = work.base_wait;
  if (spec.bootstrap > 1 && !free.index.empty()) bootstrap_sds(spec, work, free, days, best_x, jobs, progress, result);
  fit_base_wait_and_interval(spec, train, all_days, jobs, progress, result.calibrated);
  return result;
}

}  // namespace portsim::calibration
