#include "calibration/validation_report.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "calibration/baselines.hpp"
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

// The baselines on the held-out hours and their errors.
struct Baselines {
  std::vector<double> b0, b1;
  double mu = 0;  // B1's fitted rate per booth-hour
  Metrics m0, m1, m0m;
};

Baselines baselines(const std::vector<HourRow>& train, const HeldOut& h) {
  Baselines b;
  b.b0 = baseline_hour_of_week(train, h.rows);
  b.b1 = baseline_erlang_c(train, h.rows, &b.mu);
  b.m0 = metrics(h.obs, b.b0);
  b.m1 = metrics(h.obs, b.b1);
  b.m0m = metrics(h.obs, baseline_hour_of_week_median(train, h.rows));
  return b;
}

std::string report_markdown(const ModelSpec& model, const FitResult* fit_result, const std::vector<Prediction>& test,
                            const Metrics& m, const Baselines& bl, const std::string& command_line,
                            const std::string& data_note) {
  const Metrics &m0 = bl.m0, &m1 = bl.m1, &m0m = bl.m0m;
  const double mu = bl.mu;
  const auto gain = [&](const Metrics& b) { return b.mae > 0 ? 100 * (1 - m.mae / b.mae) : 0.0; };
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
  return md.str();
}

std::string metrics_csv(const Metrics& m, const Baselines& bl) {
  const Metrics &m0 = bl.m0, &m1 = bl.m1, &m0m = bl.m0m;
  std::ostringstream mc;
  mc << "predictor,hours,mae_min,rmse_min,bias_min,correlation,band_coverage,histogram_distance,forecast_interval_coverage\n";
  mc << "simulation," << m.hours << ',' << m.mae << ',' << m.rmse << ',' << m.bias << ',' << m.correlation << ','
     << m.band_coverage << ',' << m.histogram_distance << ',';
  if (m.interval_coverage >= 0) mc << m.interval_coverage;
  mc << '\n';
  mc << "B0_hour_of_week," << m0.hours << ',' << m0.mae << ',' << m0.rmse << ',' << m0.bias << ',' << m0.correlation << ",,,\n";
  mc << "B0m_hour_of_week_median," << m0m.hours << ',' << m0m.mae << ',' << m0m.rmse << ',' << m0m.bias << ',' << m0m.correlation << ",,,\n";
  mc << "B1_erlang_c," << m1.hours << ',' << m1.mae << ',' << m1.rmse << ',' << m1.bias << ',' << m1.correlation << ",,,\n";
  return mc.str();
}

// Plots (skipped with a message when gnuplot is missing).
void write_plots(const std::string& out, const HeldOut& h, const Baselines& bl, const std::vector<Prediction>& test) {
  const auto& rows = h.rows;
  const auto& obs = h.obs;
  const auto& sim = h.sim;
  const auto& b0 = bl.b0;
  const auto& b1 = bl.b1;
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

}  // namespace

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
                             const std::vector<HourRow>& train, const std::vector<Prediction>& test,
                             const std::string& command_line, const std::string& data_note) {
  fs::create_directories(out);
  const HeldOut h = observed_hours(test);
  const Metrics m = held_out_metrics(test);
  const Baselines bl = baselines(train, h);
  io::write_atomically((fs::path(out) / "report.md").string(), report_markdown(model, fit_result, test, m, bl, command_line, data_note));
  io::write_atomically((fs::path(out) / "predictions.csv").string(), predictions_csv(test));
  io::write_atomically((fs::path(out) / "metrics.csv").string(), metrics_csv(m, bl));
  write_plots(out, h, bl, test);
}

}  // namespace portsim::calibration
