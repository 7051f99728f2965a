#include "calibration/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>

#include "calibration/base_wait.hpp"
#include "calibration/crn.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/nlopt_driver.hpp"
#include "calibration/number_text.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/plots.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/kernel/queueing_theory.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::calibration {

namespace fs = std::filesystem;

namespace {

// The median over `reps` replications of each hour's simulated queueing wait, without base wait.
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

}  // namespace

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

struct BaseWaitTrees {
  BoostedTrees trees;
  double shift = 0;                 // the level nowcast (min)
  std::vector<double> quantiles;    // 5% and 95% of the cross-fitted errors, after the shift
};

// "boosted": the base wait as a function of the hour's inputs, trees fitted at the fitted
// parameters to the residual of every training hour (observed - median simulated queueing wait
// over the prediction's replications). (Alternating trees and parameters, as the profile does,
// validated worse on ORD 2016 -> 2017: 5.23 against 5.14 min.)
BaseWaitTrees fit_base_wait_trees(const ModelSpec& spec, const port::CheckpointParams& p, const std::vector<std::vector<HourRow>>& days,
                                  unsigned jobs, const std::function<void(const std::string&)>& progress) {
  const auto q = queue_wait_medians(spec, p, days, std::max(2, spec.band_replications), jobs);
  std::vector<std::vector<double>> features;
  std::vector<double> residual;
  std::vector<std::size_t> row_day;  // the day of each row; day mod 5 is its cross-fitting fold
  for (std::size_t d = 0; d < days.size(); ++d) {
    const auto f = base_wait_features(days[d]);
    for (std::size_t i = 0; i < days[d].size(); ++i) {
      const HourRow& o = days[d][i];
      if (o.avg_wait_min < 0 || o.inconsistent) continue;
      features.push_back(f[i]);
      residual.push_back(o.avg_wait_min - q[d][i]);
      row_day.push_back(d);
    }
  }
  BoostSettings settings = spec.trees;
  std::vector<int> counts = settings.rounds_from;
  if (counts.empty()) counts = {settings.rounds};
  settings.rounds = *std::max_element(counts.begin(), counts.end());
  BaseWaitTrees out;
  out.trees = BoostedTrees::fit(base_wait_feature_names(), features, residual, settings);
  // Errors on days the trees did not see (5-fold by day), after each candidate number of trees:
  // they choose the number (when there is a choice), the level nowcast and the forecast
  // interval; errors on the trees' own training hours would be too narrow.
  std::vector<std::vector<double>> errors(counts.size(), std::vector<double>(row_day.size()));
  for (std::size_t k = 0; k < 5; ++k) {
    std::vector<std::vector<double>> fx;
    std::vector<double> fy;
    for (std::size_t i = 0; i < row_day.size(); ++i) {
      if (row_day[i] % 5 != k) fx.push_back(features[i]), fy.push_back(residual[i]);
    }
    const auto trees = BoostedTrees::fit(base_wait_feature_names(), fx, fy, settings);
    for (std::size_t i = 0; i < row_day.size(); ++i) {
      if (row_day[i] % 5 != k) continue;
      for (std::size_t c = 0; c < counts.size(); ++c) {
        errors[c][i] = residual[i] - std::max(0.0, trees.predict(features[i], static_cast<std::size_t>(counts[c])));
      }
    }
  }
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
    for (std::size_t i = 0; i < row_day.size(); ++i) {
      if (day_number(days[row_day[i]].front().date) > last - spec.level_nowcast_days) recent.push_back(errors[chosen][i]);
    }
    out.shift = median_of(recent);
    progress("level nowcast: median cross-fitted error of the last " + std::to_string(spec.level_nowcast_days) + " training days (" +
             std::to_string(recent.size()) + " hours) " + num(out.shift) + " min, added to the base wait");
  }
  std::vector<double> shifted;
  for (double e : errors[chosen]) shifted.push_back(e - out.shift);
  out.quantiles = central_90_of(std::move(shifted));
  double mae = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    mae += std::fabs(residual[i] - std::max(0.0, out.trees.predict(features[i]) + out.shift));
  }
  progress("base wait as " + std::to_string(counts[chosen]) + " boosted trees of the hour's inputs: " + std::to_string(features.size()) +
           " training hours, training MAE " + num(mae / std::max<double>(1, static_cast<double>(features.size()))) + " min");
  return out;
}

}  // namespace

FitResult fit(const ModelSpec& spec, const std::vector<HourRow>& train, unsigned jobs,
              const std::function<void(const std::string&)>& progress) {
  const auto all_days = by_day(train);
  if (all_days.empty()) throw std::runtime_error("no training rows in the chosen period");
  // A fixed sample of training days (the same for every evaluation: common random numbers).
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

  std::vector<std::size_t> free;  // indices of parameters that are not fixed
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    if (spec.params[i].high > spec.params[i].low) free.push_back(i);
  }
  const auto with = [&](const std::vector<double>& x) {
    std::vector<Parameter> ps = spec.params;
    for (std::size_t k = 0; k < free.size(); ++k) ps[free[k]].start = x[k];
    return ps;
  };
  std::vector<double> low, high, start;
  for (std::size_t i : free) {
    low.push_back(spec.params[i].low);
    high.push_back(spec.params[i].high);
    start.push_back(spec.params[i].start);
  }
  FitResult result;
  result.calibrated = spec;
  ModelSpec work = spec;  // carries the base-wait profile of the current round
  const auto update_profile = [&](const std::vector<double>& x, const char* when) {
    work.base_wait = estimate_base_wait(spec, to_params(with(x)), all_days, jobs);
    double mean = 0;
    for (double b : work.base_wait) mean += b / 168;
    progress(std::string("base-wait profile ") + when + ": mean " + num(mean) + " min over the 168 hours of the week (" +
             std::to_string(all_days.size()) + " training days)");
  };
  const bool with_profile = fits_profile(spec.base_wait_mode);
  if (with_profile) update_profile(start, "at the start values");
  double best = HUGE_VAL;
  std::vector<double> best_x = start;
  kernel::Rng starts_rng = kernel::RandomStreams(spec.seed).stream("calibration/starts");
  // With a base-wait profile the fit alternates: parameters given the profile, then the profile
  // given the parameters, and a last local refinement from the best point.
  const int rounds = with_profile ? 2 : 1;
  for (int round = 0; round < rounds; ++round) {
    const int starts = round == 0 ? spec.starts : 1;
    if (round > 0) best = HUGE_VAL;  // the objective changed with the profile
    for (int s = 0; s < starts; ++s) {
      std::vector<double> x0 = round == 0 ? start : best_x;
      if (round == 0 && s > 0) {
        for (std::size_t k = 0; k < x0.size(); ++k) x0[k] = low[k] + kernel::uniform01(starts_rng) * (high[k] - low[k]);
      }
      const auto m = minimise([&](const std::vector<double>& x) { return discrepancy(work, to_params(with(x)), days, jobs); },
                              x0, low, high, spec.max_evals);
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
  result.calibrated.params = with(best_x);
  result.calibrated.base_wait = work.base_wait;
  // Bootstrap over days: refit from the optimum on resampled days (base wait held fixed); the spread
  // is the uncertainty.
  if (spec.bootstrap > 1 && !free.empty()) {
    std::vector<std::vector<double>> fits;
    kernel::Rng boot = kernel::RandomStreams(spec.seed).stream("calibration/bootstrap");
    for (int b = 0; b < spec.bootstrap; ++b) {
      std::vector<std::vector<HourRow>> sample;
      for (std::size_t i = 0; i < days.size(); ++i) {
        sample.push_back(days[std::min(days.size() - 1, static_cast<std::size_t>(kernel::uniform01(boot) * static_cast<double>(days.size())))]);
      }
      const auto m = minimise([&](const std::vector<double>& x) { return discrepancy(work, to_params(with(x)), sample, jobs); },
                              best_x, low, high, std::max(10, spec.max_evals / 2));
      result.evaluations += m.evaluations;
      fits.push_back(m.x);
      progress("bootstrap " + std::to_string(b + 1) + "/" + std::to_string(spec.bootstrap));
    }
    for (std::size_t k = 0; k < free.size(); ++k) {
      kernel::Tally t(false);
      for (const auto& f : fits) t.add(f[k]);
      result.calibrated.params[free[k]].sd = t.stddev();
    }
  }
  // The forecast interval: quantiles of the calibrated model's errors on training hours, for
  // boosted trees cross-fitted; a profile of 168 medians is scored on its own hours.
  if (spec.base_wait_mode == BaseWaitMode::Boosted) {
    auto b = fit_base_wait_trees(spec, to_params(result.calibrated.params), all_days, jobs, progress);
    result.calibrated.trees.rounds = static_cast<int>(b.trees.trees().size());
    result.calibrated.base_wait_trees = std::move(b.trees);
    result.calibrated.base_wait_shift = b.shift;
    result.calibrated.forecast_residual_quantiles = b.quantiles;
    result.calibrated.base_wait.clear();
  } else {
    std::vector<double> residuals;
    for (const auto& p : predict(result.calibrated, train, jobs)) {
      if (p.observed.avg_wait_min >= 0 && !p.observed.inconsistent) residuals.push_back(p.observed.avg_wait_min - p.sim_avg);
    }
    result.calibrated.forecast_residual_quantiles = central_90_of(std::move(residuals));
  }
  if (result.calibrated.forecast_residual_quantiles.size() == 2) {
    progress("training errors (observed - point forecast): 5% quantile " + num(result.calibrated.forecast_residual_quantiles[0]) +
             " min, 95% quantile " + num(result.calibrated.forecast_residual_quantiles[1]) + " min: the 90% forecast interval");
  }
  return result;
}

std::vector<Prediction> predict(const ModelSpec& model, const std::vector<HourRow>& rows, unsigned jobs) {
  const auto p = to_params(model.params);
  // Index rows by day, keeping the input order for the output.
  std::map<std::string, std::vector<std::size_t>> day_rows;
  for (std::size_t i = 0; i < rows.size(); ++i) day_rows[rows[i].date].push_back(i);
  std::vector<std::pair<std::string, std::vector<std::size_t>>> days(day_rows.begin(), day_rows.end());
  std::vector<Prediction> out(rows.size());
  const int reps = std::max(2, model.band_replications);
  experiment::parallel_for(days.size(), jobs, [&](std::size_t d) {
    auto idx = days[d].second;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return rows[a].hour_start < rows[b].hour_start; });
    std::vector<HourRow> day;
    for (std::size_t i : idx) day.push_back(rows[i]);
    std::vector<std::vector<port::HourOutput>> sims;
    for (int r = 0; r < reps; ++r) {
      sims.push_back(simulate_day(day_inputs(model, day), p, crn_key(model.seed, days[d].first, static_cast<std::uint64_t>(r))));
    }
    for (std::size_t k = 0; k < idx.size(); ++k) {
      Prediction pr;
      pr.observed = rows[idx[k]];
      std::vector<double> avgs;
      for (const auto& s : sims) {
        avgs.push_back(s[k].avg_wait_min);
        pr.sim_max += s[k].max_wait_min / reps;
        const double served = std::max(1, s[k].served);
        for (std::size_t b = 0; b < 7; ++b) pr.sim_share[b] += s[k].bins[b] / served / reps;
      }
      std::sort(avgs.begin(), avgs.end());
      pr.sim_mean = mean_of(avgs);
      pr.sim_avg = median_of(avgs);
      pr.sim_low = quantile_of(avgs, 0.05);
      pr.sim_high = quantile_of(avgs, 0.95);
      if (model.forecast_residual_quantiles.size() == 2) {
        pr.forecast_low = std::max(0.0, pr.sim_avg + model.forecast_residual_quantiles[0]);
        pr.forecast_high = std::max(0.0, pr.sim_avg + model.forecast_residual_quantiles[1]);
      }
      out[idx[k]] = pr;
    }
  });
  return out;
}

std::string predictions_csv(const std::vector<Prediction>& preds) {
  std::ostringstream os;
  os << "site,date,hour_start,arrivals,servers,batches,observed_avg_wait_min,simulated_avg_wait_min,simulated_p05_min,"
        "simulated_p95_min,simulated_mean_over_reps_min,observed_max_wait_min,simulated_max_wait_min";
  static const char* bins[] = {"0_15", "16_30", "31_45", "46_60", "61_90", "91_120", "120_plus"};
  for (const char* b : bins) os << ",observed_share_" << b << ",simulated_share_" << b;
  os << ",forecast_p05_min,forecast_p95_min\n";
  for (const auto& p : preds) {
    const auto& o = p.observed;
    os << o.site << ',' << o.date << ',' << o.hour_start << ',' << o.arrivals << ',' << o.servers << ',' << o.batches << ','
       << (o.avg_wait_min >= 0 ? num(o.avg_wait_min) : "") << ',' << num(p.sim_avg) << ',' << num(p.sim_low) << ','
       << num(p.sim_high) << ',' << num(p.sim_mean) << ',' << (o.max_wait_min >= 0 ? num(o.max_wait_min) : "") << ',' << num(p.sim_max);
    const double total = std::accumulate(o.bins.begin(), o.bins.end(), 0.0);
    for (std::size_t b = 0; b < 7; ++b) {
      os << ',' << (o.has_bins && total > 0 ? num(o.bins[b] / total) : "") << ',' << num(p.sim_share[b]);
    }
    os << ',' << (p.forecast_low >= 0 ? num(p.forecast_low) : "") << ',' << (p.forecast_high >= 0 ? num(p.forecast_high) : "") << '\n';
  }
  return os.str();
}

Metrics metrics(const std::vector<double>& obs, const std::vector<double>& pred) {
  Metrics m;
  m.hours = obs.size();
  if (obs.empty()) return m;
  double so = 0, sp = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const double e = pred[i] - obs[i];
    m.mae += std::fabs(e);
    m.rmse += e * e;
    m.bias += e;
    so += obs[i];
    sp += pred[i];
  }
  const double n = static_cast<double>(obs.size());
  m.mae /= n;
  m.rmse = std::sqrt(m.rmse / n);
  m.bias /= n;
  const double mo = so / n, mp = sp / n;
  double cov = 0, vo = 0, vp = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    cov += (obs[i] - mo) * (pred[i] - mp);
    vo += (obs[i] - mo) * (obs[i] - mo);
    vp += (pred[i] - mp) * (pred[i] - mp);
  }
  m.correlation = vo > 0 && vp > 0 ? cov / std::sqrt(vo * vp) : 0;
  return m;
}

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
}  // namespace

std::vector<double> baseline_hour_of_week_median(const std::vector<HourRow>& train, const std::vector<HourRow>& test) {
  return hour_of_week_forecast(train, test, [](const std::vector<double>& v) { return median_of(v); });
}

std::vector<double> baseline_hour_of_week(const std::vector<HourRow>& train, const std::vector<HourRow>& test) {
  return hour_of_week_forecast(train, test, [](const std::vector<double>& v) { return mean_of(v); });
}

namespace {
double erlang_wait_min(const HourRow& r, double mu, double cap) {
  const int c = std::max(1, r.servers);
  const double lambda = std::max(0, r.arrivals);
  const double a = lambda / mu;
  if (lambda <= 0) return 0;
  if (a >= c) return cap;
  return std::min(cap, kernel::queueing::mmc_mean_wait(c, lambda, mu) * 60.0);
}
}  // namespace

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

void write_validation_report(const std::string& out, const ModelSpec& model, const FitResult* fit_result,
                             const std::vector<HourRow>& train, const std::vector<Prediction>& test,
                             const std::string& command_line, const std::string& data_note) {
  fs::create_directories(out);
  std::vector<HourRow> rows;
  std::vector<double> obs, sim;
  std::size_t inside = 0, inside_interval = 0, with_interval = 0;
  double hist_dist = 0;
  std::size_t hist_n = 0;
  for (const auto& p : test) {
    if (p.observed.avg_wait_min < 0) continue;
    rows.push_back(p.observed);
    obs.push_back(p.observed.avg_wait_min);
    sim.push_back(p.sim_avg);
    inside += (p.observed.avg_wait_min >= p.sim_low && p.observed.avg_wait_min <= p.sim_high) ? 1 : 0;
    if (p.forecast_low >= 0) {
      ++with_interval;
      inside_interval += (p.observed.avg_wait_min >= p.forecast_low && p.observed.avg_wait_min <= p.forecast_high) ? 1 : 0;
    }
    const double total = std::accumulate(p.observed.bins.begin(), p.observed.bins.end(), 0.0);
    if (p.observed.has_bins && total > 0) {
      double tv = 0;
      for (std::size_t b = 0; b < 7; ++b) tv += std::fabs(p.observed.bins[b] / total - p.sim_share[b]);
      hist_dist += tv / 2;
      ++hist_n;
    }
  }
  Metrics m = metrics(obs, sim);
  m.band_coverage = obs.empty() ? 0 : static_cast<double>(inside) / static_cast<double>(obs.size());
  m.histogram_distance = hist_n > 0 ? hist_dist / static_cast<double>(hist_n) : -1;
  m.interval_coverage = with_interval > 0 ? static_cast<double>(inside_interval) / static_cast<double>(with_interval) : -1;
  const auto b0 = baseline_hour_of_week(train, rows);
  double mu = 0;
  const auto b1 = baseline_erlang_c(train, rows, &mu);
  const Metrics m0 = metrics(obs, b0), m1 = metrics(obs, b1);
  const Metrics m0m = metrics(obs, baseline_hour_of_week_median(train, rows));
  const auto gain = [&](const Metrics& b) { return b.mae > 0 ? 100 * (1 - m.mae / b.mae) : 0.0; };

  std::ostringstream md;
  md << "# Calibration report: " << (test.empty() ? std::string("?") : test.front().observed.site) << "\n\n";
  md << "Made by `" << command_line << "`.\n\n" << data_note << "\n\n";
  md << "## Calibrated parameters\n\n| parameter | value | bootstrap sd | bounds |\n|---|---|---|---|\n";
  for (const auto& p : model.params) {
    md << "| " << p.name << " | " << num(p.start) << " | " << num(p.sd) << " | [" << num(p.low) << ", " << num(p.high) << "] |\n";
  }
  md << "\nBase wait (the part of the wait not spent queueing for a booth, added to every simulated wait): ";
  if (!model.base_wait_trees.empty()) {
    md << model.base_wait_trees.trees().size() << " boosted trees of the hour's inputs (";
    for (std::size_t k = 0; k < model.base_wait_trees.features().size(); ++k) md << (k ? ", " : "") << model.base_wait_trees.features()[k];
    md << "), fitted to the training hours' residuals";
    if (model.base_wait_shift != 0) {
      md << ", plus a level nowcast of " << num(model.base_wait_shift) << " min (the median cross-fitted error of the last "
         << model.level_nowcast_days << " training days)";
    }
    md << "; in calibrated.yaml.\n";
  } else if (model.base_wait.size() == 168) {
    double mean = 0;
    for (double b : model.base_wait) mean += b / 168;
    md << "a profile by hour of week (mean " << num(mean) << " min), in calibrated.yaml.\n";
  } else {
    md << "none.\n";
  }
  if (fit_result != nullptr) {
    md << "\nDiscrepancy at the optimum " << num(fit_result->objective) << " (" << fit_result->evaluations
       << " model evaluations over " << model.starts << " starts and " << model.bootstrap << " bootstrap refits).\n";
  }
  md << "\n## Held-out hours (" << m.hours << ")\n\n";
  md << "| predictor | MAE (min) | RMSE (min) | bias (min) | correlation |\n|---|---|---|---|---|\n";
  md << "| calibrated simulation | " << num(m.mae) << " | " << num(m.rmse) << " | " << num(m.bias) << " | " << num(m.correlation) << " |\n";
  md << "| B0: training hour-of-week mean | " << num(m0.mae) << " | " << num(m0.rmse) << " | " << num(m0.bias) << " | " << num(m0.correlation) << " |\n";
  md << "| B1: stationary Erlang C, fitted rate " << num(mu) << "/booth-h | " << num(m1.mae) << " | " << num(m1.rmse) << " | "
     << num(m1.bias) << " | " << num(m1.correlation) << " |\n";
  md << "| (reference) training hour-of-week median | " << num(m0m.mae) << " | " << num(m0m.rmse) << " | " << num(m0m.bias)
     << " | " << num(m0m.correlation) << " |\n\n";
  md << "The simulation's point forecast is the median over the replications of the hour's simulated average wait "
        "(the median minimises the expected absolute error); the hour-of-week median is listed as the same kind "
        "of forecast without the model.\n\n";
  md << "- MAE improvement of the simulation over B0: " << num(gain(m0)) << "%, over B1: " << num(gain(m1))
     << "% (goal: at least 15% over both: " << (gain(m0) >= 15 && gain(m1) >= 15 ? "met" : "**not met**") << ").\n";
  md << "- Share of observed hours inside the simulated 90% band (" << model.band_replications
     << " replications per hour): " << num(100 * m.band_coverage) << "% (the band holds the model's random numbers only).\n";
  if (m.interval_coverage >= 0) {
    md << "- Share inside the 90% forecast interval (point forecast + the 5% and 95% quantiles of the training hours' "
          "errors, "
       << num(model.forecast_residual_quantiles[0]) << " and " << num(model.forecast_residual_quantiles[1])
       << " min): " << num(100 * m.interval_coverage) << "%.\n";
  }
  if (m.histogram_distance >= 0) {
    md << "- Mean total-variation distance between observed and simulated wait histograms: " << num(m.histogram_distance) << ".\n";
  }
  md << "\n![by hour of week](by_hour_of_week.png)\n![scatter](scatter.png)\n";
  if (m.histogram_distance >= 0) md << "![histogram](histogram.png)\n";
  io::write_atomically((fs::path(out) / "report.md").string(), md.str());
  io::write_atomically((fs::path(out) / "predictions.csv").string(), predictions_csv(test));
  std::ostringstream mc;
  mc << "predictor,hours,mae_min,rmse_min,bias_min,correlation,band_coverage,histogram_distance,forecast_interval_coverage\n";
  mc << "simulation," << m.hours << ',' << m.mae << ',' << m.rmse << ',' << m.bias << ',' << m.correlation << ','
     << m.band_coverage << ',' << m.histogram_distance << ',';
  if (m.interval_coverage >= 0) mc << m.interval_coverage;
  mc << '\n';
  mc << "B0_hour_of_week," << m0.hours << ',' << m0.mae << ',' << m0.rmse << ',' << m0.bias << ',' << m0.correlation << ",,,\n";
  mc << "B0m_hour_of_week_median," << m0m.hours << ',' << m0m.mae << ',' << m0m.rmse << ',' << m0m.bias << ',' << m0m.correlation << ",,,\n";
  mc << "B1_erlang_c," << m1.hours << ',' << m1.mae << ',' << m1.rmse << ',' << m1.bias << ',' << m1.correlation << ",,,\n";
  io::write_atomically((fs::path(out) / "metrics.csv").string(), mc.str());

  // Plots (skipped with a message when gnuplot is missing).
  try {
    std::array<double, 168> so{}, ss{}, s0{}, s1{}, n{};
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto k = hour_of_week(rows[i]);
      so[k] += obs[i];
      ss[k] += sim[i];
      s0[k] += b0[i];
      s1[k] += b1[i];
      n[k] += 1;
    }
    io::Series a{"observed", {}, {}, {}}, b{"simulated", {}, {}, {}}, c{"B0 hour-of-week", {}, {}, {}}, d{"B1 Erlang C", {}, {}, {}};
    for (std::size_t k = 0; k < 168; ++k) {
      if (n[k] == 0) continue;
      for (auto* s : {&a, &b, &c, &d}) s->x.push_back(static_cast<double>(k));
      a.y.push_back(so[k] / n[k]);
      b.y.push_back(ss[k] / n[k]);
      c.y.push_back(s0[k] / n[k]);
      d.y.push_back(s1[k] / n[k]);
    }
    io::line_plot(out, "by_hour_of_week", "Mean wait by hour of week (Sunday 0h first), held-out period",
                  "hour of week", "average wait (min)", {a, b, c, d});
    io::scatter_plot(out, "scatter", "Observed vs simulated hourly average wait (held-out)", "observed (min)",
                     "simulated (min)", obs, sim);
    io::Series ho{"observed", {}, {}, {}}, hs{"simulated", {}, {}, {}};
    std::array<double, 7> to{}, ts{};
    double tn = 0;
    for (const auto& p : test) {
      const double total = std::accumulate(p.observed.bins.begin(), p.observed.bins.end(), 0.0);
      if (!p.observed.has_bins || total <= 0) continue;
      for (std::size_t bi = 0; bi < 7; ++bi) {
        to[bi] += p.observed.bins[bi] / total;
        ts[bi] += p.sim_share[bi];
      }
      tn += 1;
    }
    for (std::size_t bi = 0; bi < 7; ++bi) {
      ho.x.push_back(static_cast<double>(bi));
      hs.x.push_back(static_cast<double>(bi));
      ho.y.push_back(tn > 0 ? to[bi] / tn : 0);
      hs.y.push_back(tn > 0 ? ts[bi] / tn : 0);
    }
    if (tn > 0) {  // only logs with wait histograms
      io::line_plot(out, "histogram", "Share of waits by bin (0-15, 16-30, 31-45, 46-60, 61-90, 91-120, >120 min)",
                    "bin", "mean share of an hour's passengers", {ho, hs});
    }
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "portsim: %s\n", e.what());
  }
}

}  // namespace portsim::calibration
