#include "calibration/port_fit_check.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

#include "calibration/number_text.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/kernel/time.hpp"

namespace portsim::calibration {

namespace {

constexpr std::size_t measures = 3;
const std::array<const char*, measures> measure_names{"arrival -> gate_in", "gate_in -> release", "arrival -> release"};

/// Sums and counts of the measured times by hour of day.
struct ByHour {
  std::array<std::array<double, 24>, measures> sum{};
  std::array<double, 24> n{};
  void add(double arrival, double gate_in, double release) {
    const double hour = std::floor(arrival / 3600);
    const auto h = static_cast<std::size_t>(hour - 24 * std::floor(hour / 24));  // 0..23, also before time 0
    sum[0][h] += gate_in - arrival;
    sum[1][h] += release - gate_in;
    sum[2][h] += release - arrival;
    n[h] += 1;
  }
};

/// Collects a simulated run's trucks as a log would record them.
class Collector : public port::PortObserver {
 public:
  void on_truck_exit(const port::TruckRecord& r) override {
    const double lane_start = kernel::to_seconds(r.lane_start);
    hours.add(lane_start - r.pregate_wait_s, kernel::to_seconds(r.lane_end), kernel::to_seconds(r.exited));
  }
  ByHour hours;
};

/// The mean of each measure over the hours of day, weighted by the held-out trucks' hours.
std::array<double, measures> weighted(const ByHour& sim, const std::array<double, 24>& weight) {
  std::array<double, measures> out{};
  double w = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    if (weight[h] == 0 || sim.n[h] == 0) continue;
    for (std::size_t m = 0; m < measures; ++m) out[m] += weight[h] * sim.sum[m][h] / sim.n[h];
    w += weight[h];
  }
  for (auto& v : out) v = w > 0 ? v / w : 0;
  return out;
}

/// Means and 95% prediction half-widths of one period with `held_trucks` trucks: a replication's
/// spread scaled by sqrt(its trucks in the weighted hours / held_trucks) (the spread of a mean
/// over n trucks taken as shrinking with 1 / sqrt(n)).
std::array<std::pair<double, double>, measures> simulate(const port::ScenarioConfig& cfg, int reps, std::uint64_t seed,
                                                         const std::array<double, 24>& weight, double held_trucks) {
  std::array<std::vector<double>, measures> values;
  double sim_trucks = 0;  // per replication, in the hours the held-out trucks arrived
  for (int r = 0; r < reps; ++r) {
    Collector c;
    experiment::RunSpec spec;
    spec.seed = seed;
    spec.replication = static_cast<std::uint64_t>(r);
    spec.observers.push_back(&c);
    experiment::run_once(cfg, spec);
    const auto m = weighted(c.hours, weight);
    for (std::size_t h = 0; h < 24; ++h) sim_trucks += weight[h] > 0 ? c.hours.n[h] / reps : 0;
    for (std::size_t k = 0; k < measures; ++k) values[k].push_back(m[k]);
  }
  std::array<std::pair<double, double>, measures> out{};
  for (std::size_t k = 0; k < measures; ++k) {
    double mean = 0, ss = 0;
    for (double v : values[k]) mean += v / reps;
    for (double v : values[k]) ss += (v - mean) * (v - mean);
    const double scale = held_trucks > 0 ? sim_trucks / held_trucks : 1;
    const double half = reps > 1 ? boost::math::quantile(boost::math::students_t(reps - 1), 0.975) *
                                       std::sqrt(ss / (reps - 1) * (scale + 1.0 / reps))
                                 : 0;
    out[k] = {mean, half};
  }
  return out;
}

}  // namespace

PortFitCheck check_port_fit(const TruckLog& log, const PortFit& fit, const port::ScenarioConfig& base,
                            const port::ScenarioConfig& fitted, int reps, std::uint64_t seed) {
  PortFitCheck c;
  c.reps = reps;
  ByHour held;
  for (const auto& r : log.rows) {
    if (r.arrival >= fit.split_at) held.add(r.arrival, r.gate_in, r.release);
  }
  double total = 0;
  for (double v : held.n) total += v;
  const auto b = simulate(base, reps, seed, held.n, total);
  const auto f = simulate(fitted, reps, seed, held.n, total);
  std::size_t closer = 0, inside = 0;
  for (std::size_t k = 0; k < measures; ++k) {
    TimeCheck t;
    t.name = measure_names[k];
    double s = 0;
    for (std::size_t h = 0; h < 24; ++h) s += held.sum[k][h];
    t.observed = total > 0 ? s / total : 0;
    t.base = b[k].first;
    t.base_half = b[k].second;
    t.fitted = f[k].first;
    t.fitted_half = f[k].second;
    closer += std::fabs(t.fitted - t.observed) <= std::fabs(t.base - t.observed) ? 1 : 0;
    inside += std::fabs(t.fitted - t.observed) <= t.fitted_half ? 1 : 0;
    c.rows.push_back(t);
  }
  c.verdict = fmt::format(
      "On the held-out trucks the fitted scenario is closer than the planner's scenario on {} of {} measured times, "
      "and the observed mean is inside its 95% prediction interval for {} of {}.",
      closer, measures, inside, measures);
  return c;
}

std::string port_fit_check_text(const PortFitCheck& c) {
  std::string out = fmt::format("held-out check ({} replications each, hours of day weighted as the held-out trucks):\n", c.reps);
  out += fmt::format("  {:<20} {:>12} {:>24} {:>24}\n", "time", "observed", "planner's scenario", "fitted scenario");
  for (const auto& t : c.rows) {
    out += fmt::format("  {:<20} {:>12} {:>24} {:>24}\n", t.name, span(t.observed),
                       span(t.base) + " +/- " + span(t.base_half), span(t.fitted) + " +/- " + span(t.fitted_half));
  }
  return out + c.verdict + "\n";
}

}  // namespace portsim::calibration
