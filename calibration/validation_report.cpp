#include "calibration/validation_report.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "calibration/baseline_comparison.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/number_text.hpp"
#include "sim/io/plots.hpp"
#include "sim/io/result_writer.hpp"

namespace portsim::calibration {

namespace fs = std::filesystem;

std::string bound_note(const Parameter& p) {
  if (p.low == p.high) return "fixed";
  const double span = p.high - p.low, near = bound_margin * span;
  if (p.start <= p.low + 1e-9 * span) return "at the lower bound";
  if (p.start >= p.high - 1e-9 * span) return "at the upper bound";
  if (p.start < p.low + near) return "near the lower bound";
  if (p.start > p.high - near) return "near the upper bound";
  return "";
}

namespace {

// The held-out hours with an observed wait: rows, observed and simulated (point forecast) waits.
struct HeldOut {
  std::vector<HourRow> rows;
  std::vector<double> obs, sim;
};

HeldOut observed_hours(const std::vector<Prediction>& test) {
  HeldOut h;
  for (const auto& p : test) {
    if (p.observed.avg_wait_min < 0) continue;
    h.rows.push_back(p.observed);
    h.obs.push_back(p.observed.avg_wait_min);
    h.sim.push_back(p.sim_avg);
  }
  return h;
}

std::string report_markdown(const ModelSpec& model, const FitResult* fit_result, const std::vector<Prediction>& test,
                            const Metrics& m, const BaselineComparison& bl, const std::string& command_line,
                            const std::string& data_note) {
  std::ostringstream md;
  md << "# Calibration report: " << (test.empty() ? std::string("?") : test.front().observed.site) << "\n\n";
  md << "Made by `" << command_line << "`.\n\n" << data_note << "\n\n";
  md << "## Calibrated parameters\n\n| parameter | value | bootstrap sd | bounds | note |\n|---|---|---|---|---|\n";
  std::string at_bounds;
  for (const auto& p : model.params) {
    const std::string note = bound_note(p);
    md << "| " << p.name << " | " << num(p.start) << " | " << num(p.sd) << " | [" << num(p.low) << ", " << num(p.high)
       << "] | " << note << " |\n";
    if (!note.empty() && note != "fixed") at_bounds += (at_bounds.empty() ? "" : ", ") + p.name;
  }
  if (!at_bounds.empty()) {
    md << "\n**At or near a bound: " << at_bounds << ".** The fit pushed these against the range it was given: the "
       << "data would take them further, so the value is the bound's, not the data's, and the model is missing "
       << "something these parameters stand in for.\n";
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
  md << comparison_markdown(bl) << "\n";
  md << "The simulation's point forecast is the median over the replications of the hour's simulated average wait "
        "(the median minimises the expected absolute error).\n\n";
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
  return md.str();
}

// Plots (skipped with a message when gnuplot is missing).
/// The forecast of the comparison's predictor named `name`.
const std::vector<double>& forecast_named(const BaselineComparison& c, const std::string& name) {
  for (const auto& r : c.rows) {
    if (r.forecast.name.rfind(name, 0) == 0) return r.forecast.point;
  }
  throw std::logic_error("no predictor " + name);
}

void write_plots(const std::string& out, const HeldOut& h, const BaselineComparison& bl, const std::vector<Prediction>& test) {
  const auto& rows = h.rows;
  const auto& obs = h.obs;
  const auto& sim = h.sim;
  const auto& b0 = forecast_named(bl, "hour-of-week mean");
  const auto& b1 = forecast_named(bl, "data-only learner");
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
    io::Series a{"observed", {}, {}, {}}, b{"simulated", {}, {}, {}}, c{"hour-of-week mean", {}, {}, {}}, d{"data-only learner", {}, {}, {}};
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

}  // namespace

ModelSpec without_base_wait(ModelSpec model) {
  model.base_wait_trees = BoostedTrees{};
  model.base_wait.clear();
  model.base_wait_shift = 0;
  return model;
}

Metrics held_out_metrics(const std::vector<Prediction>& test) {
  std::vector<double> obs, sim;
  std::size_t inside = 0, inside_interval = 0, with_interval = 0;
  double hist_dist = 0;
  std::size_t hist_n = 0;
  for (const auto& p : test) {
    if (p.observed.avg_wait_min < 0) continue;
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
  return m;
}

void write_validation_report(const std::string& out, const ModelSpec& model, const FitResult* fit_result,
                             const std::vector<HourRow>& train, const std::vector<Prediction>& test, unsigned jobs,
                             const std::string& command_line, const std::string& data_note) {
  fs::create_directories(out);
  const HeldOut h = observed_hours(test);
  const Metrics m = held_out_metrics(test);
  const bool learned = !model.base_wait_trees.empty() || !model.base_wait.empty();
  std::vector<HourRow> rows;
  for (const auto& p : test) rows.push_back(p.observed);
  const auto physics = learned ? predict(without_base_wait(model), rows, jobs) : std::vector<Prediction>{};
  const BaselineComparison bl = compare_with_baselines(train, test, learned ? &physics : nullptr,
                                                       model.base_wait_trees.empty() ? nullptr : &model.trees);
  io::write_atomically((fs::path(out) / "report.md").string(), report_markdown(model, fit_result, test, m, bl, command_line, data_note));
  io::write_atomically((fs::path(out) / "predictions.csv").string(), predictions_csv(test));
  io::write_atomically((fs::path(out) / "metrics.csv").string(), comparison_csv(bl, m));
  write_plots(out, h, bl, test);
}

}  // namespace portsim::calibration
