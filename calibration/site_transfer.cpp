#include "calibration/site_transfer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "calibration/lane_rate.hpp"
#include "calibration/number_text.hpp"
#include "sim/io/input_error.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

namespace {

constexpr std::string_view site_infix = " passenger ";
constexpr std::string_view site_suffix = " NB";

/// The port and lane type of a sandag-passenger site ("San Ysidro passenger Ready NB").
std::pair<std::string, std::string> split_site(const std::string& site) {
  const auto at = site.find(site_infix);
  if (at == std::string::npos || site.size() < at + site_infix.size() + site_suffix.size()) return {site, ""};
  const auto type_start = at + site_infix.size();
  return {site.substr(0, at), site.substr(type_start, site.size() - type_start - site_suffix.size())};
}

double mae_of(const std::vector<Prediction>& p) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& x : p) {
    if (x.observed.avg_wait_min < 0) continue;
    sum += std::fabs(x.sim_avg - x.observed.avg_wait_min);
    ++n;
  }
  return n == 0 ? 0 : sum / static_cast<double>(n);
}

/// The least in-sample MAE over the standing queue's wait at midnight: a 5-min grid over
/// [0, max_start_wait_min], then 1-min steps around its best (common random numbers throughout).
double fit_start_wait(const LaneTypeFit& fit, const std::vector<HourRow>& rows, const TransferSettings& s, double* mae) {
  double best = 0, best_mae = -1;
  if (rows.front().servers <= 0) {  // closed at 00:00: no standing queue to fit
    *mae = mae_of(simulate_lane_type(fit, rows, 0, s));
    return 0;
  }
  const auto at = [&](double w) {
    const double e = mae_of(simulate_lane_type(fit, rows, w, s));
    if (best_mae < 0 || e < best_mae) {
      best_mae = e;
      best = w;
    }
  };
  for (double w = 0; w <= max_start_wait_min; w += 5) at(w);
  const double coarse = best;
  for (double w = std::max(0.0, coarse - 4); w <= std::min(max_start_wait_min, coarse + 4); w += 1) {
    if (w != coarse) at(w);
  }
  *mae = best_mae;
  return best;
}

}  // namespace

std::map<std::string, std::vector<HourRow>> port_lane_types(const HourlyLog& log, const std::string& port,
                                                            const std::string& flag) {
  std::map<std::string, std::vector<HourRow>> out;
  std::vector<std::string> ports;
  for (const auto& r : log.rows) {
    const auto [p, type] = split_site(r.site);
    if (type.empty()) continue;
    if (std::find(ports.begin(), ports.end(), p) == ports.end()) ports.push_back(p);
    if (p == port) out[type].push_back(r);
  }
  if (out.empty()) {
    std::string list;
    for (const auto& p : ports) list += (list.empty() ? "\"" : ", \"") + p + "\"";
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag,
                                           "expected a port of the log (" + (list.empty() ? std::string("none: the log has no "
                                                                                                        "passenger lanes")
                                                                                          : list) +
                                               "), got \"" + port + "\""}});
  }
  for (auto& [type, rows] : out) {
    std::sort(rows.begin(), rows.end(), [](const HourRow& a, const HourRow& b) { return a.hour_start < b.hour_start; });
  }
  return out;
}

LaneTypeFit fit_lane_type(const std::string& lane_type, const std::vector<HourRow>& rows, const std::string& path,
                          const TransferSettings& s) {
  LaneTypeFit fit;
  fit.lane_type = lane_type;
  const std::string where = rows.empty() ? std::string("")
                                         : rows.front().site + " (lines " + std::to_string(rows.front().line) + "-" +
                                               std::to_string(rows.back().line) + "): ";
  long long vehicles = 0;
  for (const auto& r : rows) vehicles += std::max(0, r.arrivals);
  if (vehicles > max_day_vehicles) {
    throw io::InputError({io::InputProblem{path, 0, 0, "volume",
                                           where + std::to_string(vehicles) + " vehicles in the day, above the limit of " +
                                               std::to_string(max_day_vehicles) +
                                               " (each fit simulates the day about 60 x --reps times)"}});
  }
  for (const auto& r : rows) {
    if (r.servers > 0 && r.avg_wait_min >= s.min_wait_min && r.arrivals > 0) fit.saturated.push_back(r.hour_start);
  }
  if (fit.saturated.empty()) {
    throw io::InputError({io::InputProblem{path, 0, 0, "wait_time",
                                           where + "no hour of lane type " + lane_type +
                                               " has booths open, volume and an average wait of " + num(s.min_wait_min) +
                                               " min or more (--min-wait), so no booth rate can be read from it"}});
  }
  std::vector<double> volume(24, 0.0), booths(24, 0.0);
  for (const auto& r : rows) {
    volume[static_cast<std::size_t>(r.hour_start)] = r.arrivals;
    booths[static_cast<std::size_t>(r.hour_start)] = r.servers;
  }
  const auto rate = pooled_lane_rate(volume, booths, fit.saturated, s.seed, "site-transfer/rate-bootstrap/" + lane_type, s.bootstrap);
  fit.rate = rate.rate;
  fit.rate_sd = rate.sd;
  fit.start_wait_min = fit_start_wait(fit, rows, s, &fit.fit_mae);
  fit.start_wait_fitted = rows.front().servers > 0;
  return fit;
}

std::vector<Prediction> simulate_lane_type(const LaneTypeFit& fit, const std::vector<HourRow>& rows,
                                           double start_wait_min, const TransferSettings& s) {
  if (rows.empty()) return {};
  std::vector<port::HourInput> in;
  // The standing queue at 00:00, as an input hour of its own (its waits are not scored).
  port::HourInput queue;
  queue.hour = rows.front().hour_start;
  queue.servers = std::max(0, rows.front().servers);
  queue.at_start = queue.servers == 0
                       ? 0
                       : static_cast<int>(std::lround(start_wait_min / 60.0 * queue.servers * fit.rate));
  queue.at_start = std::min(queue.at_start, port::max_hour_arrivals);
  in.push_back(queue);
  for (const auto& r : rows) {
    port::HourInput x;
    x.hour = r.hour_start;
    x.arrivals = std::max(0, r.arrivals);
    x.servers = std::max(0, r.servers);
    in.push_back(x);
  }
  port::CheckpointParams p;
  p.service_mean_s = 3600.0 / std::max(0.1, fit.rate);
  p.service_cv = s.service_cv;
  p.batch_spread_min = 0;
  p.walk_min = 0;
  std::vector<std::vector<port::HourOutput>> sims;
  for (int r = 0; r < std::max(2, s.reps); ++r) {
    auto day = port::simulate_checkpoint_day(in, p, s.seed, 1, static_cast<std::uint64_t>(r));
    day.erase(day.begin());  // the standing queue's own hour
    sims.push_back(std::move(day));
  }
  std::vector<Prediction> out;
  for (std::size_t k = 0; k < rows.size(); ++k) out.push_back(summarize_replications(rows[k], sims, k));
  return out;
}

std::vector<LaneTypeTransfer> transfer_lanes(const HourlyLog& log, const std::string& path, const std::string& from,
                                             const std::string& to, const TransferSettings& s) {
  if (from == to) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--predict",
                                           "expected another port than --fit (\"" + from + "\"): a transfer is judged on a port "
                                           "the physics was not fitted to"}});
  }
  const auto source = port_lane_types(log, from, "--fit");
  const auto target = port_lane_types(log, to, "--predict");
  std::vector<LaneTypeTransfer> out;
  for (const auto& [type, rows] : source) {
    const auto t = target.find(type);
    if (t == target.end()) continue;
    LaneTypeTransfer x;
    x.source_rows = rows;
    x.target_rows = t->second;
    x.source = fit_lane_type(type, rows, path, s);
    x.has_target_fit = std::any_of(t->second.begin(), t->second.end(), [&](const HourRow& r) {
      return r.servers > 0 && r.avg_wait_min >= s.min_wait_min && r.arrivals > 0;
    });
    if (x.has_target_fit) x.target = fit_lane_type(type, t->second, path, s);
    // The forecast: the source's physics on the target's booths and volumes.
    const auto forecast = simulate_lane_type(x.source, x.target_rows, x.source.start_wait_min, s);
    x.comparison = compare_with_baselines(x.source_rows, forecast, nullptr);
    x.comparison.rows.front().forecast.name = "booth queue with " + from + "'s physics";
    double err = 0, err_own = 0, volume = 0;
    for (int h : x.target.saturated) {
      for (const auto& r : x.target_rows) {
        if (r.hour_start != h) continue;
        err += std::fabs(r.servers * x.source.rate - r.arrivals);
        err_own += std::fabs(r.servers * x.target.rate - r.arrivals);
        volume += r.arrivals;
      }
    }
    const double n = std::max<double>(1, static_cast<double>(x.target.saturated.size()));
    x.volume_mae = err / n;
    x.volume_mae_own = err_own / n;
    x.target_volume_mean = volume / n;
    out.push_back(std::move(x));
  }
  if (out.empty()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--predict",
                                           "\"" + from + "\" and \"" + to + "\" share no lane type to carry over"}});
  }
  return out;
}

}  // namespace portsim::calibration
