#include "calibration/baseline_comparison.hpp"

#include <fmt/format.h>

#include <numeric>
#include <sstream>

#include "calibration/baselines.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/number_text.hpp"
#include "calibration/sample_stats.hpp"

namespace portsim::calibration {

namespace {

Forecast simulation_forecast(const std::string& name, const HeldOutHours& h, const std::vector<Prediction>& test) {
  Forecast f{name, {}, {}};
  for (const auto& p : test) {
    if (p.observed.avg_wait_min < 0) continue;
    f.point.push_back(p.sim_avg);
    f.shares.push_back(p.sim_share);
  }
  if (f.point.size() != h.observed.size()) f.shares.clear();
  return f;
}

/// The training hours' mean histogram shares by hour of week, for each held-out hour (empty when
/// the training log has no histograms).
std::vector<std::array<double, 7>> hour_of_week_shares(const std::vector<HourRow>& train, const HeldOutHours& h) {
  std::array<HourOfWeekSamples, 7> shares;
  bool any = false;
  for (const auto& r : train) {
    const double total = std::accumulate(r.bins.begin(), r.bins.end(), 0.0);
    if (!r.has_bins || total <= 0) continue;
    any = true;
    for (std::size_t b = 0; b < 7; ++b) shares[b].add(r, r.bins[b] / total);
  }
  if (!any) return {};
  std::vector<std::array<double, 7>> out;
  for (const auto& r : h.rows) {
    std::array<double, 7> s{};
    for (std::size_t b = 0; b < 7; ++b) {
      const auto& v = shares[b].at(hour_of_week(r));
      s[b] = v.empty() ? 0 : mean_of(v);
    }
    out.push_back(s);
  }
  return out;
}

std::size_t lowest(const std::vector<ScoredForecast>& rows, double (*key)(const Scores&)) {
  std::size_t best = rows.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].baseline && (best == rows.size() || key(rows[i].scores) < key(rows[best].scores))) best = i;
  }
  return best;
}

double ratio(double a, double b) { return b > 0 ? a / b : 0; }

}  // namespace

BaselineComparison compare_with_baselines(const std::vector<HourRow>& train, const std::vector<Prediction>& test,
                                          const std::vector<Prediction>* physics_only, const BoostSettings* model_trees) {
  BaselineComparison c;
  std::vector<HourRow> all;
  for (const auto& p : test) all.push_back(p.observed);
  c.hours = held_out_hours(all);
  const HeldOutHours& h = c.hours;
  const auto add = [&](std::string id, Forecast f, bool baseline) {
    const Scores s = score(h, f);
    c.rows.push_back({std::move(id), std::move(f), s, baseline});
  };
  add("simulation", simulation_forecast("calibrated simulation", h, test), false);
  if (physics_only != nullptr) {
    add("simulation_without_base_wait", simulation_forecast("the simulation without its learned base wait", h, *physics_only),
        false);
    const auto& with = c.rows[0].forecast.point;
    const auto& without = c.rows[1].forecast.point;
    const double a = std::accumulate(with.begin(), with.end(), 0.0);
    const double b = std::accumulate(without.begin(), without.end(), 0.0);
    c.learned_share = a > 0 ? 1 - b / a : -1;
  }
  add("constant", {"constant: training median", baseline_constant(train, h.rows), {}}, true);
  add("hour_of_week_mean", {"hour-of-week mean", baseline_hour_of_week(train, h.rows), hour_of_week_shares(train, h)}, true);
  add("hour_of_week_median", {"hour-of-week median", baseline_hour_of_week_median(train, h.rows), {}}, true);
  add("erlang_c", {"", baseline_erlang_c(train, h.rows, &c.erlang_rate), {}}, true);
  c.rows.back().forecast.name = "Erlang C pointwise-stationary (" + num(c.erlang_rate) + " per booth-hour)";
  XgbSettings chosen;
  add("xgboost", {"", baseline_learner(train, all, h.rows, &chosen), {}}, true);
  c.rows.back().forecast.name = fmt::format("data-only learner: XGBoost of predict's inputs (depth {}, rate {}, {} rounds)",
                                            chosen.max_depth, chosen.eta, chosen.rounds);
  if (model_trees != nullptr) {
    add("model_trees_alone", {fmt::format("data-only learner: the model's own boosted trees alone ({} trees of depth {})", model_trees->rounds,
                     model_trees->depth),
         baseline_model_trees(train, all, h.rows, *model_trees), {}},
        true);
  }
  c.best = lowest(c.rows, [](const Scores& s) { return s.all.mae; });
  c.best_congested = lowest(c.rows, [](const Scores& s) { return s.congested_mae; });
  c.best_top_load = lowest(c.rows, [](const Scores& s) { return s.top_load_mae; });
  c.dm = diebold_mariano(h, c.rows[0].forecast.point, c.rows[c.best].forecast.point);
  return c;
}

std::string verdict_sentence(const BaselineComparison& c) {
  const Scores& s = c.rows[0].scores;
  const ScoredForecast& b = c.rows[c.best];
  const double r = ratio(s.all.mae, b.scores.all.mae);
  std::string overall;
  if (r <= goal_overall_ratio) {
    overall = fmt::format("beats the best baseline ({}) overall by {:.0f}%", b.forecast.name, 100 * (1 - r));
  } else if (r < 1) {
    overall = fmt::format("beats the best baseline ({}) overall by only {:.1f}%, short of the {:.0f}% goal", b.forecast.name,
                          100 * (1 - r), 100 * (1 - goal_overall_ratio));
  } else {
    overall = fmt::format("does not beat the best baseline ({}): its MAE is {:.1f}% higher", b.forecast.name, 100 * (r - 1));
  }
  const std::string significance =
      c.dm.p_value < 0.001 ? std::string("a difference the day-block Diebold-Mariano test finds significant (p < 0.001)")
      : c.dm.p_value < 0.05 ? fmt::format("a difference the day-block Diebold-Mariano test finds significant (p = {:.3f})", c.dm.p_value)
                          : fmt::format("a difference the day-block Diebold-Mariano test does not find significant (p = {:.2f})",
                                        c.dm.p_value);
  const double rt = ratio(s.top_load_mae, c.rows[c.best_top_load].scores.top_load_mae);
  const std::string congested =
      s.congested_hours == 0
          ? fmt::format("no held-out hour is congested (observed {:.0f} min or more)", congested_wait_min)
          : fmt::format("on congested hours its error is {:.2f}x the best baseline's (goal at most {:.2f}x)",
                        ratio(s.congested_mae, c.rows[c.best_congested].scores.congested_mae), goal_congested_ratio);
  return fmt::format("**The calibrated simulation {} ({:.2f} vs {:.2f} min), {}; {} and on the top-load decile {:.2f}x (goal "
                     "at most {:.2f}x).**",
                     overall, s.all.mae, b.scores.all.mae, significance, congested, rt, goal_top_load_ratio);
}

std::string comparison_markdown(const BaselineComparison& c) {
  std::ostringstream md;
  const auto& first = c.rows[0].scores;
  md << "| predictor | MAE | RMSE | bias | congested MAE | congested bias | top-load MAE | top-load bias | RPS |\n"
        "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : c.rows) {
    const Scores& s = r.scores;
    md << "| " << r.forecast.name << (r.baseline ? "" : " (model)") << " | " << num(s.all.mae) << " | " << num(s.all.rmse)
       << " | " << num(s.all.bias) << " | " << num(s.congested_mae) << " | " << num(s.congested_bias) << " | "
       << num(s.top_load_mae) << " | " << num(s.top_load_bias) << " | " << (s.rps >= 0 ? num(s.rps) : "-") << " |\n";
  }
  md << "\nErrors in minutes over " << first.all.hours << " held-out hours; congested: the " << first.congested_hours
     << " hours with an observed wait of " << num(congested_wait_min) << " min or more; top-load: the "
     << first.top_load_hours << " hours with the most passengers per booth (the top " << num(100 * top_load_share)
     << "%, chosen on the inputs). RPS: ranked probability score of the forecast distribution of a passenger's wait "
        "against the hour's observed histogram over the bin edges 15-120 min ("
     << first.histogram_hours
     << " hours with a histogram; 0 is perfect); the simulation and the hour-of-week mean forecast a distribution (the "
        "latter the training histograms by hour of week), the other baselines only a point, scored as every passenger "
        "at it. The baselines are fitted on the training hours only; the data-only learner sees exactly the inputs "
        "`portsim predict` gives the model (hour, passengers, booths, their ratio, the hours before and after), its "
        "settings chosen by 5-fold cross-fitting on the training days (folds of consecutive weeks).\n\n";
  if (c.learned_share >= 0) {
    md << "Share of the mean forecast that comes from the learned base wait (the model without it forecasts the queue "
          "alone): "
       << num(100 * c.learned_share) << "%.\n\n";
  }
  const Scores& b = c.rows[c.best].scores;
  md << "Against the best baseline by MAE (" << c.rows[c.best].forecast.name << "): error ratio overall "
     << num(ratio(first.all.mae, b.all.mae)) << " (goal at most " << num(goal_overall_ratio) << "), on congested hours "
     << (first.congested_hours == 0 ? std::string("n/a (none)")
                                    : num(ratio(first.congested_mae, c.rows[c.best_congested].scores.congested_mae)) +
                                          " against " + c.rows[c.best_congested].forecast.name)
     << " (goal at most " << num(goal_congested_ratio) << "), on the top-load decile "
     << num(ratio(first.top_load_mae, c.rows[c.best_top_load].scores.top_load_mae)) << " against "
     << c.rows[c.best_top_load].forecast.name << " (goal at most " << num(goal_top_load_ratio) << ").\n\n";
  md << "Diebold-Mariano test of equal absolute error, simulation against " << c.rows[c.best].forecast.name << ", "
     << c.dm.days << " day blocks: mean difference " << num(c.dm.mean_difference) << " min per hour (95% CI "
     << num(c.dm.low) << " to " << num(c.dm.high) << "; negative: the simulation is better), statistic "
     << num(c.dm.statistic) << ", p = " << num(c.dm.p_value) << ".\n\n";
  md << verdict_sentence(c) << "\n";
  return md.str();
}

std::string comparison_csv(const BaselineComparison& c, const Metrics& simulation) {
  std::ostringstream mc;
  mc << "predictor,hours,mae_min,rmse_min,bias_min,correlation,congested_hours,congested_mae_min,congested_bias_min,"
        "top_load_hours,top_load_mae_min,top_load_bias_min,rps,band_coverage,histogram_distance,forecast_interval_coverage,"
        "description\n";
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const Scores& s = c.rows[i].scores;
    mc << c.rows[i].id << ',' << s.all.hours << ',' << s.all.mae << ',' << s.all.rmse << ',' << s.all.bias << ','
       << s.all.correlation << ',' << s.congested_hours << ',' << s.congested_mae << ',' << s.congested_bias << ','
       << s.top_load_hours << ',' << s.top_load_mae << ',' << s.top_load_bias << ',';
    if (s.rps >= 0) mc << s.rps;
    mc << ',';
    if (i == 0) {
      mc << simulation.band_coverage << ',' << simulation.histogram_distance << ',';
      if (simulation.interval_coverage >= 0) mc << simulation.interval_coverage;
    } else {
      mc << ",,";
    }
    std::string d = c.rows[i].forecast.name;  // quoted, its quotes doubled
    for (std::size_t q = d.find('"'); q != std::string::npos; q = d.find('"', q + 2)) d.insert(q, "\"");
    mc << ",\"" << d << "\"\n";
  }
  return mc.str();
}

}  // namespace portsim::calibration
