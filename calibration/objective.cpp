#include "calibration/objective.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "calibration/base_wait.hpp"
#include "calibration/crn.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/experiment/runner.hpp"

namespace portsim::calibration {

double discrepancy(const ModelSpec& spec, const port::CheckpointParams& p, const std::vector<std::vector<HourRow>>& days,
                   unsigned jobs) {
  std::vector<std::vector<port::HourOutput>> sims(days.size());
  experiment::parallel_for(days.size(), jobs, [&](std::size_t d) {
    sims[d] = simulate_day(day_inputs(spec, days[d]), p, crn_key(spec.seed, days[d].front().date));
  });
  return discrepancy_of(spec, days, sims);
}

double discrepancy_of(const ModelSpec& spec, const std::vector<std::vector<HourRow>>& days,
                      const std::vector<std::vector<port::HourOutput>>& sims) {
  // Simulated moments: a single simulated hour cannot match the observed hour (the model does not
  // know when each flight landed), so the fit compares statistics over many hours in which that
  // noise averages out: mean wait by hour of day, mean wait by load decile (arrivals per server),
  // quantiles of the hourly mean wait (its variability), the pooled wait histogram and the mean
  // hourly maximum.
  struct Pair {
    double obs, sim, load;
    int hour;
  };
  std::vector<Pair> pairs;
  std::array<double, 7> obs_bins{}, sim_bins{};
  double obs_max = 0, sim_max = 0;
  std::size_t n_max = 0;
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (std::size_t i = 0; i < days[d].size(); ++i) {
      const HourRow& o = days[d][i];
      if (o.avg_wait_min < 0 || o.inconsistent || sims[d][i].served == 0) continue;
      pairs.push_back({o.avg_wait_min, sims[d][i].avg_wait_min,
                       static_cast<double>(std::max(0, o.arrivals)) / std::max(1, o.servers), o.hour_start});
      if (o.max_wait_min >= 0) {
        obs_max += o.max_wait_min;
        sim_max += sims[d][i].max_wait_min;
        ++n_max;
      }
      if (o.has_bins) {
        for (std::size_t b = 0; b < 7; ++b) {
          obs_bins[b] += o.bins[b];
          sim_bins[b] += sims[d][i].bins[b];
        }
      }
    }
  }
  if (pairs.empty()) return 0.0;
  const auto n = static_cast<double>(pairs.size());
  double obs_mean = 0;
  for (const auto& x : pairs) obs_mean += x.obs / n;
  // Mean by group, weighted by group size.
  const auto grouped = [&](auto key, std::size_t groups) {
    std::vector<double> so(groups, 0), ss(groups, 0), c(groups, 0);
    for (const auto& x : pairs) {
      const std::size_t g = key(x);
      so[g] += x.obs;
      ss[g] += x.sim;
      c[g] += 1;
    }
    double e = 0;
    for (std::size_t g = 0; g < groups; ++g) {
      if (c[g] > 0) e += c[g] / n * std::pow((ss[g] - so[g]) / c[g], 2);
    }
    return e;
  };
  std::vector<double> loads;
  for (const auto& x : pairs) loads.push_back(x.load);
  std::sort(loads.begin(), loads.end());
  std::array<double, 9> cuts{};
  for (std::size_t k = 0; k < 9; ++k) cuts[k] = loads[static_cast<std::size_t>((k + 1) * (loads.size() - 1) / 10)];
  const double e_hour = grouped([](const Pair& x) { return static_cast<std::size_t>(x.hour); }, 24);
  const double e_load = grouped([&](const Pair& x) {
    return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), x.load) - cuts.begin());
  }, 10);
  std::vector<double> os, ssim;
  double e_abs = 0;
  for (const auto& x : pairs) {
    os.push_back(x.obs);
    ssim.push_back(x.sim);
    e_abs += std::fabs(x.sim - x.obs) / n;
  }
  std::sort(os.begin(), os.end());
  std::sort(ssim.begin(), ssim.end());
  double e_quant = 0;
  for (double q : {0.1, 0.25, 0.5, 0.75, 0.9}) e_quant += std::pow(lower_quantile_of(ssim, q) - lower_quantile_of(os, q), 2) / 5;
  double e_hist = 0;
  const double to = std::accumulate(obs_bins.begin(), obs_bins.end(), 0.0);
  const double ts = std::accumulate(sim_bins.begin(), sim_bins.end(), 0.0);
  if (to > 0 && ts > 0) {
    for (std::size_t b = 0; b < 7; ++b) e_hist += std::pow(sim_bins[b] / ts - obs_bins[b] / to, 2);
  }
  double e_max = 0;
  if (n_max > 0) {
    const double mo = obs_max / static_cast<double>(n_max), ms = sim_max / static_cast<double>(n_max);
    e_max = std::pow(ms - mo, 2) / (mo + 10);
  }
  return spec.weight_avg * (e_hour + e_load + e_quant) / (obs_mean + 5) + spec.weight_hist * 100 * e_hist +
         spec.weight_max * e_max + spec.weight_hourly * e_abs;
}

}  // namespace portsim::calibration
