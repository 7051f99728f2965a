#include "sim/experiment/runner.hpp"

#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/experiment/live_run.hpp"
#include "sim/kernel/bootstrap.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"
#include "sim/port/port.hpp"

namespace portsim::experiment {

RunResult run_once(const port::ScenarioConfig& cfg, const RunSpec& spec) {
  kernel::Simulation sim;
  port::Port model(sim, cfg, kernel::RandomStreams(spec.seed, spec.replication));
  for (auto* o : spec.observers) model.add_observer(o);
  for (auto* o : spec.clearance_observers) model.add_clearance_observer(o);
  model.start();
  const kernel::Duration warmup = spec.warmup.value_or(cfg.warmup);
  const kernel::Duration duration = spec.duration.value_or(cfg.duration);
  if (warmup.count() > 0) {
    sim.run_until(kernel::time_zero + warmup);
    model.restart_statistics();
  }
  const kernel::SimTime window_end = kernel::time_zero + warmup + duration;
  auto outcome = sim.run_until(window_end);
  RunResult r;
  if (cfg.end == port::RunEnd::Drain && outcome.kind == kernel::RunOutcome::Kind::TimeLimit) {
    model.end_arrivals();
    const auto inside = model.work_in_progress();
    if (inside.trucks > 0 || inside.containers > 0) {  // until the last truck has left and the last container
                                                       // is released (outcome Stopped)
      model.stop_when_empty();
      outcome = sim.run_until(window_end + cfg.drain_limit);
    }
    r.drained = true;
    r.drain_hours = kernel::to_hours(sim.now() - window_end);
  }
  const port::Port::WorkInProgress left = model.work_in_progress();
  r.unfinished_trucks = left.trucks;
  r.unfinished_selected = left.selected;
  r.seed = spec.seed;
  r.replication = spec.replication;
  r.kpis = model.kpis();
  r.hourly_queue = model.hourly_queue();
  r.hourly_throughput = model.hourly_throughput();
  r.outcome = outcome.kind;
  r.events = sim.events_executed();
  return r;
}

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, n))));
  if (jobs == 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex m;
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      while (true) {
        const std::size_t i = next.fetch_add(1);
        if (i >= n) return;
        try {
          fn(i);
        } catch (...) {
          std::lock_guard lock(m);
          if (!failure) failure = std::current_exception();
          next = n;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

namespace {
/// Replications first .. first + count - 1.
std::vector<RunResult> run_range(const port::ScenarioConfig& cfg, std::uint64_t seed, std::size_t first, std::size_t count,
                                 unsigned jobs, std::optional<kernel::Duration> duration,
                                 std::optional<kernel::Duration> warmup) {
  std::vector<RunResult> out(count);
  parallel_for(count, jobs, [&](std::size_t i) {
    RunSpec spec;
    spec.seed = seed;
    spec.replication = first + i;
    spec.duration = duration;
    spec.warmup = warmup;
    out[i] = run_once(cfg, spec);
  });
  return out;
}
}  // namespace

std::vector<RunResult> run_replications(const port::ScenarioConfig& cfg, std::uint64_t seed, std::size_t reps,
                                        unsigned jobs, std::optional<kernel::Duration> duration,
                                        std::optional<kernel::Duration> warmup) {
  return run_range(cfg, seed, 0, reps, jobs, duration, warmup);
}

KpiSummary summarize_values(const std::string& name, const std::string& unit, const std::vector<double>& xs,
                            double level) {
  kernel::Tally t;
  for (double x : xs) t.add(x);
  KpiSummary s;
  s.name = name;
  s.unit = unit;
  s.mean = t.mean();
  s.n = xs.size();
  s.level = level;
  s.stddev = xs.size() > 1 ? t.stddev() : 0.0;
  s.half_width = xs.size() > 1 ? kernel::confidence_interval(s.mean, s.stddev, xs.size(), level).half_width : 0.0;
  s.low = s.mean - s.half_width;
  s.high = s.mean + s.half_width;
  const port::KpiBounds bounds = port::kpi_bounds(s.unit);
  if (xs.size() > 1 && (s.low < bounds.low || s.high > bounds.high)) {
    const kernel::Interval b = kernel::bootstrap_mean_interval(xs, level, kernel::fnv1a(s.name));
    s.low = b.low;
    s.high = b.high;
    s.bootstrap = true;
  }
  return s;
}

std::vector<KpiSummary> summarize(const std::vector<RunResult>& runs, double level) {
  std::vector<KpiSummary> out;
  if (runs.empty()) return out;
  for (std::size_t k = 0; k < runs.front().kpis.size(); ++k) {
    std::vector<double> xs;
    for (const auto& r : runs) xs.push_back(r.kpis[k].value);
    out.push_back(summarize_values(runs.front().kpis[k].name, runs.front().kpis[k].unit, xs, level));
  }
  return out;
}

std::vector<PairedDifference> compare(const std::vector<RunResult>& base, const std::vector<RunResult>& other,
                                      double level) {
  std::vector<PairedDifference> out;
  const std::size_t n = std::min(base.size(), other.size());
  if (n == 0) return out;
  for (const auto& bk : base.front().kpis) {
    std::size_t oi = SIZE_MAX;
    for (std::size_t j = 0; j < other.front().kpis.size(); ++j) {
      if (other.front().kpis[j].name == bk.name) oi = j;
    }
    if (oi == SIZE_MAX) continue;
    const auto bi = static_cast<std::size_t>(&bk - base.front().kpis.data());
    kernel::Tally d, b, o;
    for (std::size_t i = 0; i < n; ++i) {
      const double bv = base[i].kpis[bi].value, ov = other[i].kpis[oi].value;
      d.add(ov - bv);
      b.add(bv);
      o.add(ov);
    }
    PairedDifference p;
    p.name = bk.name;
    p.unit = bk.unit;
    p.base_mean = b.mean();
    p.other_mean = o.mean();
    p.diff_mean = d.mean();
    if (n > 1) {
      p.half_width = kernel::confidence_interval(d.mean(), d.stddev(), n, level).half_width;
      p.variance_crn = d.variance();
      p.variance_independent = b.variance() + o.variance();
    }
    p.significant = n > 1 && !std::isnan(p.half_width) && std::fabs(p.diff_mean) > p.half_width;
    out.push_back(p);
  }
  return out;
}

std::vector<RunResult> run_to_precision(const port::ScenarioConfig& cfg, std::uint64_t seed,
                                        const std::vector<std::string>& names, double precision, std::size_t min_reps,
                                        std::size_t max_reps, unsigned jobs, double level,
                                        std::optional<kernel::Duration> duration) {
  std::vector<RunResult> runs = run_replications(cfg, seed, std::min(min_reps, max_reps), jobs, duration);
  while (runs.size() < max_reps) {
    bool met = true;
    for (const auto& s : summarize(runs, level)) {
      if (std::find(names.begin(), names.end(), s.name) == names.end()) continue;
      if (!(s.half_width <= precision * std::fabs(s.mean))) met = false;
    }
    if (met) break;
    const std::size_t more = std::min(max_reps - runs.size(), std::max<std::size_t>(runs.size() / 2, jobs));
    const auto extra = run_range(cfg, seed, runs.size(), more, jobs, duration, std::nullopt);
    runs.insert(runs.end(), extra.begin(), extra.end());
  }
  return runs;
}

std::size_t mser5(const std::vector<double>& series) {
  std::vector<double> batches;
  for (std::size_t i = 0; i + 5 <= series.size(); i += 5) {
    double s = 0;
    for (std::size_t j = 0; j < 5; ++j) s += series[i + j];
    batches.push_back(s / 5);
  }
  const std::size_t n = batches.size();
  if (n < 4) return 0;
  std::size_t best = 0;
  double best_stat = HUGE_VAL;
  // Truncate at most half the series (the usual MSER rule).
  for (std::size_t d = 0; d <= n / 2; ++d) {
    const std::size_t m = n - d;
    double mean = 0;
    for (std::size_t i = d; i < n; ++i) mean += batches[i];
    mean /= static_cast<double>(m);
    double ss = 0;
    for (std::size_t i = d; i < n; ++i) ss += (batches[i] - mean) * (batches[i] - mean);
    const double stat = ss / (static_cast<double>(m) * static_cast<double>(m));
    if (stat < best_stat) {
      best_stat = stat;
      best = d;
    }
  }
  return best * 5;
}

}  // namespace portsim::experiment

namespace portsim::experiment {

kernel::Duration detect_warmup(const port::ScenarioConfig& cfg, std::uint64_t seed, kernel::Duration pilot,
                               kernel::Duration step) {
  LiveRun run(cfg, seed, 0);
  std::vector<double> series;
  for (kernel::SimTime t = kernel::time_zero + step; t <= kernel::time_zero + pilot; t += step) {
    run.step_until(t);
    series.push_back(static_cast<double>(run.snapshot().trucks.size()));
  }
  return step * static_cast<std::int64_t>(mser5(series));
}

}  // namespace portsim::experiment
