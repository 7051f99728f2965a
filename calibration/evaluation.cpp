#include "calibration/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

#include "calibration/sample_stats.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::calibration {

namespace {

constexpr std::array<double, 6> bin_upper_min = {15, 30, 45, 60, 90, 120};

struct MaeBias {
  std::size_t n = 0;
  double mae = 0, bias = 0;
};

MaeBias mae_bias(const HeldOutHours& h, const std::vector<double>& point, const std::vector<bool>& keep) {
  MaeBias m;
  for (std::size_t i = 0; i < point.size(); ++i) {
    if (!keep[i]) continue;
    ++m.n;
    m.mae += std::fabs(point[i] - h.observed[i]);
    m.bias += point[i] - h.observed[i];
  }
  if (m.n > 0) {
    m.mae /= static_cast<double>(m.n);
    m.bias /= static_cast<double>(m.n);
  }
  return m;
}

}  // namespace

double load_of(const HourRow& r) { return std::max(0, r.arrivals) / static_cast<double>(std::max(1, r.servers)); }

HeldOutHours held_out_hours(const std::vector<HourRow>& rows) {
  HeldOutHours h;
  for (const auto& r : rows) {
    if (r.avg_wait_min < 0) continue;
    h.rows.push_back(r);
    h.observed.push_back(r.avg_wait_min);
  }
  std::vector<double> loads;
  for (const auto& r : h.rows) loads.push_back(load_of(r));
  std::vector<double> sorted = loads;
  std::sort(sorted.begin(), sorted.end());
  // The top 10% by load: the k = round(10% of n) (at least 1) highest loads, and hours tied with
  // the lowest of them.
  const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(top_load_share * static_cast<double>(sorted.size()))));
  const double cut = sorted.empty() ? 0 : sorted[sorted.size() - std::min(k, sorted.size())];
  for (double l : loads) h.top_load.push_back(l >= cut);
  return h;
}

std::array<double, 7> point_shares(double wait_min) {
  std::array<double, 7> s{};
  std::size_t b = 0;
  while (b < bin_upper_min.size() && wait_min > bin_upper_min[b]) ++b;
  s[b] = 1;
  return s;
}

double ranked_probability_score(const std::array<double, 7>& f, const std::array<int, 7>& bins) {
  const double total = std::accumulate(bins.begin(), bins.end(), 0.0);
  if (total <= 0) throw std::invalid_argument("ranked_probability_score: an empty histogram");
  const double mass = std::accumulate(f.begin(), f.end(), 0.0);
  if (!(mass > 0)) throw std::invalid_argument("ranked_probability_score: a forecast without mass");
  double cf = 0, co = 0, sum = 0;
  for (std::size_t k = 0; k < bin_upper_min.size(); ++k) {
    cf += f[k] / mass;  // shares that do not add up to 1 (an hour with no passenger served) are normalised
    co += bins[k] / total;
    sum += (cf - co) * (cf - co);
  }
  return sum / static_cast<double>(bin_upper_min.size());
}

Scores score(const HeldOutHours& h, const Forecast& f) {
  if (f.point.size() != h.observed.size()) throw std::invalid_argument("score: one forecast per held-out hour");
  Scores s;
  s.all = metrics(h.observed, f.point);
  std::vector<bool> congested;
  for (double o : h.observed) congested.push_back(o >= congested_wait_min);
  const MaeBias c = mae_bias(h, f.point, congested);
  s.congested_hours = c.n;
  s.congested_mae = c.mae;
  s.congested_bias = c.bias;
  const MaeBias t = mae_bias(h, f.point, h.top_load);
  s.top_load_hours = t.n;
  s.top_load_mae = t.mae;
  s.top_load_bias = t.bias;
  double rps = 0;
  for (std::size_t i = 0; i < h.rows.size(); ++i) {
    const auto& r = h.rows[i];
    if (!r.has_bins || std::accumulate(r.bins.begin(), r.bins.end(), 0) <= 0) continue;
    const bool has_shares = !f.shares.empty() && std::accumulate(f.shares[i].begin(), f.shares[i].end(), 0.0) > 0;
    rps += ranked_probability_score(has_shares ? f.shares[i] : point_shares(f.point[i]), r.bins);
    ++s.histogram_hours;
  }
  if (s.histogram_hours > 0) s.rps = rps / static_cast<double>(s.histogram_hours);
  return s;
}

DieboldMariano diebold_mariano(const HeldOutHours& h, const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != h.observed.size() || b.size() != h.observed.size()) {
    throw std::invalid_argument("diebold_mariano: one forecast per held-out hour");
  }
  std::map<std::string, std::pair<double, int>> by_day;
  for (std::size_t i = 0; i < h.observed.size(); ++i) {
    const double d = std::fabs(a[i] - h.observed[i]) - std::fabs(b[i] - h.observed[i]);
    auto& day = by_day[h.rows[i].date];
    day.first += d;
    day.second += 1;
  }
  DieboldMariano dm;
  dm.days = by_day.size();
  std::vector<double> means;
  for (const auto& [date, v] : by_day) means.push_back(v.first / v.second);
  if (means.empty()) return dm;
  dm.mean_difference = mean_of(means);
  if (means.size() < 2) return dm;
  double ss = 0;
  for (double x : means) ss += (x - dm.mean_difference) * (x - dm.mean_difference);
  const double se = std::sqrt(ss / static_cast<double>(means.size() - 1) / static_cast<double>(means.size()));
  // Student-t with days - 1 degrees of freedom: with few day blocks the normal is too generous.
  const double dof = static_cast<double>(means.size() - 1);
  dm.statistic = se > 0 ? dm.mean_difference / se : 0;
  dm.p_value = se > 0 ? 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(dof), std::fabs(dm.statistic))) : 1;
  const double t = kernel::student_t_quantile(0.95, dof);  // the two-sided 95% interval
  dm.low = dm.mean_difference - t * se;
  dm.high = dm.mean_difference + t * se;
  return dm;
}

}  // namespace portsim::calibration
