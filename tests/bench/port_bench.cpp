// Port model benchmark: one simulated year of a 24-lane gate complex with 15,000 trucks a day and
// inspections (the shipped baseline with 24 lanes). items = truck visits; peak RSS reported.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "sim/experiment/runner.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/port/kpis.hpp"

namespace {

void BM_PortYear(benchmark::State& state) {
  const auto sc = portsim::io::load_scenario(std::string(PORTSIM_SOURCE_DIR) + "/scenarios/baseline.yaml",
                                             {"gates[0].lanes[0].count=24"});
  double trucks = 0;
  double events = 0;
  for (auto _ : state) {
    portsim::experiment::RunSpec spec;
    spec.duration = std::chrono::hours(24 * state.range(0));
    const auto r = portsim::experiment::run_once(sc.config, spec);
    trucks += portsim::port::kpi_value(r.kpis, "trucks_arrived");
    events += static_cast<double>(r.events);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.SetItemsProcessed(static_cast<std::int64_t>(trucks));
  state.counters["events_per_second"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_PortYear)->Arg(30)->Arg(365)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
