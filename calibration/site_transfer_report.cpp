// The report of a site transfer (site_transfer.hpp): report.md, metrics.csv, predictions.csv.
#include <fmt/format.h>

#include <map>
#include <sstream>

#include "calibration/number_text.hpp"
#include "calibration/site_transfer.hpp"

namespace portsim::calibration {

namespace {

std::string f2(double x) { return fmt::format("{:.2f}", x); }
std::string f1(double x) { return fmt::format("{:.1f}", x); }

std::string hours_text(const std::vector<int>& hours) {
  std::string s;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    int last = static_cast<int>(i);
    while (last + 1 < static_cast<int>(hours.size()) && hours[static_cast<std::size_t>(last + 1)] == hours[static_cast<std::size_t>(last)] + 1) ++last;
    s += (s.empty() ? "" : ", ") + std::to_string(hours[i]) +
         (last > static_cast<int>(i) ? "-" + std::to_string(hours[static_cast<std::size_t>(last)]) : "") + "h";
    i = static_cast<std::size_t>(last);
  }
  return s;
}

/// Pooled (hour-weighted) MAE of each predictor id over the lane types, in the first type's order.
struct Pooled {
  std::vector<std::string> ids;
  std::map<std::string, double> mae;
  std::size_t hours = 0;
};
Pooled pooled(const std::vector<LaneTypeTransfer>& t) {
  Pooled p;
  std::map<std::string, double> sum;
  for (const auto& x : t) {
    p.hours += x.comparison.rows.front().scores.all.hours;
    for (const auto& r : x.comparison.rows) {
      if (sum.find(r.id) == sum.end()) p.ids.push_back(r.id);
      sum[r.id] += r.scores.all.mae * static_cast<double>(r.scores.all.hours);
    }
  }
  for (const auto& id : p.ids) p.mae[id] = p.hours > 0 ? sum[id] / static_cast<double>(p.hours) : 0;
  return p;
}

std::string type_sentence(const LaneTypeTransfer& x, const std::string& from) {
  const auto& c = x.comparison;
  const auto& sim = c.rows.front().scores.all;
  const auto& best = c.rows[c.best];
  const double r = best.scores.all.mae > 0 ? sim.mae / best.scores.all.mae : 0;
  return fmt::format("{}: the booth queue with {}'s physics {} the best baseline ({}): MAE {} vs {} min ({:+.0f}%).",
                     x.source.lane_type, from, r < 1 ? "beats" : "does not beat", best.forecast.name, f2(sim.mae),
                     f2(best.scores.all.mae), 100 * (r - 1));
}

}  // namespace

std::string transfer_markdown(const std::vector<LaneTypeTransfer>& t, const std::string& from, const std::string& to,
                              const std::string& command_line, const TransferSettings& s) {
  std::ostringstream md;
  md << "# Booth-queue physics carried from " << from << " to " << to << " (northbound passenger lanes)\n\n"
     << "Made by `" << command_line << "`.\n\n"
     << "Data: SANDAG's typical 2017 weekday (CBP data averaged over Tuesdays to Thursdays): for each hour and lane type "
        "the vehicles processed, the booths open and CBP's average wait. Fitted at "
     << from << " for each lane type, and only there:\n\n"
     << "- the **booth rate**: vehicles processed / booths open, pooled over the hours with an average wait of "
     << num(s.min_wait_min)
     << " min or more (a queue stood all hour, so the booths open worked the whole hour and the volume is their "
        "capacity); its sd from "
     << s.bootstrap << " bootstrap resamples of those hours;\n"
     << "- the **standing queue at midnight** (SANDAG's model starts its day with one too): the wait it means at the first "
        "hour's capacity, the least in-sample MAE over 0-"
     << num(max_start_wait_min) << " min.\n\n"
     << "The forecast for " << to << ": its own booths open and vehicles processed each hour (taken as the hour's arrivals, "
        "Poisson within the hour), service lognormal with mean 3600 / rate s and cv "
     << num(s.service_cv) << " (an assumption: the log has no service times), " << s.reps
     << " replications (median). The baselines are fitted on " << from
     << "'s hours of the same lane type only: the constant is its median wait; with one typical day the hour-of-week mean "
        "and median are its wait at the same hour; Erlang C its rate fitted to its waits; the data-only learner XGBoost "
        "of the same inputs (hour, volume, booths, their ratio, the hours before and after) fitted to its 24 hours "
        "(with one day its cross-fitting has no folds, so its settings are the grid's first, and with at least 20 hours "
        "a leaf its trees cannot split 24 hours: it forecasts the median, as the constant does). A closed lane's hours "
        "(no booth open) have no observed wait and are not scored. "
     << to << "'s own fit is shown for reference; the forecast does not use it.\n\n";

  md << "## The physics fitted at each port\n\n"
     << "| lane type | port | saturated hours | booth rate (veh/booth-h) | sd | standing wait at 00:00 (min) | in-sample MAE "
        "(min) |\n|---|---|---|---|---|---|---|\n";
  for (const auto& x : t) {
    for (const auto* fit : {&x.source, &x.target}) {
      if (fit == &x.target && !x.has_target_fit) {
        md << "| " << x.source.lane_type << " | " << to << " (reference) | 0 (no reference fit) | - | - | - | - |\n";
        continue;
      }
      md << "| " << x.source.lane_type << " | " << (fit == &x.source ? from : to + " (reference)") << " | "
         << fit->saturated.size() << " (" << hours_text(fit->saturated) << ") | " << f1(fit->rate) << " | " << f1(fit->rate_sd)
         << " | " << (fit->start_wait_fitted ? num(fit->start_wait_min) : std::string("0 (closed at 00:00)")) << " | "
         << f2(fit->fit_mae) << " |\n";
    }
  }
  md << "\nDoes the capacity carry over? " << to << "'s vehicles processed per hour in its saturated hours against its booths "
     << "x " << from << "'s rate:\n\n| lane type | mean volume (veh/h) | MAE with " << from << "'s rate | MAE with " << to
     << "'s own rate (in sample) |\n|---|---|---|---|\n";
  for (const auto& x : t) {
    if (!x.has_target_fit) {
      md << "| " << x.source.lane_type << " | - (no saturated hour) | - | - |\n";
      continue;
    }
    md << "| " << x.source.lane_type << " | " << f1(x.target_volume_mean) << " | " << f1(x.volume_mae) << " ("
       << f1(100 * x.volume_mae / std::max(1.0, x.target_volume_mean)) << "%) | " << f1(x.volume_mae_own) << " |\n";
  }

  md << "\n## Waits at " << to << " forecast with " << from << "'s physics\n\n";
  for (const auto& x : t) {
    const auto& c = x.comparison;
    md << "### " << x.source.lane_type << "\n\n| predictor | MAE | RMSE | bias | congested MAE (hours) | top-load MAE (hours) |\n"
       << "|---|---|---|---|---|---|\n";
    for (const auto& r : c.rows) {
      const auto& sc = r.scores;
      md << "| " << r.forecast.name << (r.baseline ? "" : " (model)") << " | " << f2(sc.all.mae) << " | " << f2(sc.all.rmse)
         << " | " << f2(sc.all.bias) << " | " << (sc.congested_hours > 0 ? f2(sc.congested_mae) : "-") << " ("
         << sc.congested_hours << ") | " << f2(sc.top_load_mae) << " (" << sc.top_load_hours << ") |\n";
    }
    md << "\n" << type_sentence(x, from) << "\n\n";
  }

  const Pooled p = pooled(t);
  md << "## Pooled over the lane types\n\n| predictor | MAE (min, hour-weighted) |\n|---|---|\n";
  std::string best;
  int wins = 0;
  for (const auto& id : p.ids) {
    md << "| " << id << " | " << f2(p.mae.at(id)) << " |\n";
    if (id != "simulation" && (best.empty() || p.mae.at(id) < p.mae.at(best))) best = id;
  }
  for (const auto& x : t) {
    const auto& c = x.comparison;
    if (c.rows.front().scores.all.mae < c.rows[c.best].scores.all.mae) ++wins;
  }
  const double sim = p.mae.at("simulation"), b = p.mae.at(best);
  md << "\nNo significance test: the log is one typical day (" << p.hours
     << " hours in all), and a day-block test needs at least two days.\n\n"
     << fmt::format("**Pooled over {} hours of {}, the booth queue with {}'s physics {} the best baseline ({}): MAE {} vs {} "
                    "min ({:+.0f}%); it is better in {} of {} lane types.**\n",
                    p.hours, to, from, sim < b ? "beats" : "does not beat", best, f2(sim), f2(b), 100 * (sim / b - 1), wins,
                    t.size());
  return md.str();
}

std::string transfer_metrics_csv(const std::vector<LaneTypeTransfer>& t) {
  std::ostringstream os;
  os << "lane_type,predictor,hours,mae,rmse,bias,congested_hours,congested_mae,top_load_hours,top_load_mae\n";
  for (const auto& x : t) {
    for (const auto& r : x.comparison.rows) {
      const auto& s = r.scores;
      os << x.source.lane_type << ',' << r.id << ',' << s.all.hours << ',' << num(s.all.mae) << ',' << num(s.all.rmse) << ','
         << num(s.all.bias) << ',' << s.congested_hours << ',' << num(s.congested_mae) << ',' << s.top_load_hours << ','
         << num(s.top_load_mae) << '\n';
    }
  }
  return os.str();
}

std::string transfer_predictions_csv(const std::vector<LaneTypeTransfer>& t) {
  std::ostringstream os;
  os << "lane_type,hour_start,volume,booths,observed_avg_wait_min";
  if (!t.empty()) {
    for (const auto& r : t.front().comparison.rows) os << ',' << r.id;
  }
  os << '\n';
  for (const auto& x : t) {
    const auto& c = x.comparison;
    for (std::size_t i = 0; i < c.hours.rows.size(); ++i) {
      const auto& h = c.hours.rows[i];
      os << x.source.lane_type << ',' << h.hour_start << ',' << h.arrivals << ',' << h.servers << ',' << num(h.avg_wait_min);
      for (const auto& r : c.rows) os << ',' << num(r.forecast.point[i]);
      os << '\n';
    }
  }
  return os.str();
}

}  // namespace portsim::calibration
