#include "sim/experiment/compare_scenarios.hpp"

#include <chrono>

#include "sim/experiment/runner.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::experiment {

io::Comparison compare_scenarios(const std::vector<port::ScenarioConfig>& scenarios, const CompareSpec& spec) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t reps = spec.replications;
  // Every scenario runs with the same seed and replication indices: common random numbers.
  std::vector<std::vector<RunResult>> results(scenarios.size(), std::vector<RunResult>(reps));
  parallel_for(scenarios.size() * reps, spec.jobs, [&](std::size_t i) {
    const std::size_t s = i / reps, r = i % reps;
    RunSpec run;
    run.seed = spec.seed;
    run.replication = r;
    run.duration = spec.duration;
    run.warmup = spec.warmup;
    results[s][r] = run_once(scenarios[s], run);
  });
  io::Comparison c;
  c.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  c.seed = spec.seed;
  c.replications = reps;
  c.level = spec.level;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    io::ComparedScenario sc;
    sc.name = scenarios[s].name;
    sc.summary = summarize(results[s], spec.level);
    if (s > 0) sc.differences = compare(results[0], results[s], spec.level);
    c.scenarios.push_back(std::move(sc));
  }
  if (spec.pairwise) {
    for (std::size_t a = 1; a < scenarios.size(); ++a) {
      for (std::size_t b = a + 1; b < scenarios.size(); ++b) c.pairs.push_back({a, b, compare(results[a], results[b], spec.level)});
    }
  }
  // The runs move last: every reform's differences pair with the base's runs.
  for (std::size_t s = 0; s < scenarios.size(); ++s) c.scenarios[s].runs = std::move(results[s]);
  return c;
}

std::vector<io::Series> hourly_queue_profiles(const io::Comparison& comparison) {
  std::vector<io::Series> series;
  for (const auto& sc : comparison.scenarios) {
    io::Series se{sc.name, {}, {}, {}};
    const std::size_t hours = sc.runs.front().hourly_queue.size();
    for (std::size_t h = 0; h < hours; ++h) {
      kernel::Tally t;
      for (const auto& r : sc.runs) t.add(r.hourly_queue[h]);
      se.x.push_back(static_cast<double>(h));
      se.y.push_back(t.mean());
      se.half_width.push_back(comparison.replications > 1
                                  ? kernel::confidence_interval(t.mean(), t.stddev(), comparison.replications,
                                                                comparison.level)
                                        .half_width
                                  : 0);
    }
    series.push_back(se);
  }
  return series;
}

}  // namespace portsim::experiment
