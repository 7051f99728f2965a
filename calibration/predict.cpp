#include "calibration/predict.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <sstream>
#include <utility>

#include "calibration/base_wait.hpp"
#include "calibration/crn.hpp"
#include "calibration/number_text.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/experiment/runner.hpp"

namespace portsim::calibration {

Prediction summarize_replications(const HourRow& observed, const std::vector<std::vector<port::HourOutput>>& sims,
                                  std::size_t k) {
  Prediction pr;
  pr.observed = observed;
  const double reps = static_cast<double>(std::max<std::size_t>(1, sims.size()));
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
  return pr;
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
      Prediction pr = summarize_replications(rows[idx[k]], sims, k);
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

}  // namespace portsim::calibration
