// Kernel benchmarks (Google Benchmark; items = events or customers). Compare with the figures in
// the README: a bare std::priority_queue loop, simcpp20, OMNeT++ and SimPy on the same models.
#include <benchmark/benchmark.h>

#include <queue>
#include <vector>

#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"

namespace k = portsim::kernel;

namespace {

// ---- Hold model: N processes, each looping on an Exp(mean 1 s) timeout ----

k::Process holder(k::Simulation& sim, k::Rng& rng, const k::Distribution& d) {
  while (true) co_await sim.timeout(d.sample_duration(rng));
}

void BM_HoldModel(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  k::Simulation sim;
  sim.reserve(static_cast<std::size_t>(n) + 16);
  k::Rng rng = k::RandomStreams(1).stream("hold");
  const auto d = k::Distribution::exponential(1.0);
  for (int i = 0; i < n; ++i) sim.start(holder(sim, rng, d));
  sim.run_until(sim.now() + std::chrono::seconds(5));  // warm up: every process is in the loop
  // Each iteration runs about a million events: n processes x (1e6 / n) seconds of model time.
  const auto span = std::chrono::milliseconds(1'000'000'000LL / n);
  std::uint64_t events = 0;
  for (auto _ : state) {
    const std::uint64_t before = sim.events_executed();
    sim.run_until(sim.now() + span);
    events += sim.events_executed() - before;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_HoldModel)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// The reference: a bare priority-queue loop that pops, samples and pushes.
void BM_BarePriorityQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  struct E {
    std::int64_t t;
    std::uint64_t seq;
    bool operator>(const E& o) const { return t > o.t || (t == o.t && seq > o.seq); }
  };
  std::priority_queue<E, std::vector<E>, std::greater<>> pq;
  k::Rng rng = k::RandomStreams(1).stream("hold");
  const auto d = k::Distribution::exponential(1.0);
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) pq.push({d.sample_duration(rng).count(), seq++});
  std::uint64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1'000'000; ++i) {
      const E e = pq.top();
      pq.pop();
      pq.push({e.t + d.sample_duration(rng).count(), seq++});
    }
    events += 1'000'000;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_BarePriorityQueue)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// ---- M/M/10 at rho = 0.9: one process per customer ----

k::Process mmc_customer(k::Simulation& sim, k::Resource& servers, k::Duration service) {
  auto lease = co_await servers.request();
  co_await sim.timeout(service);
}

k::Process mmc_source(k::Simulation& sim, k::Resource& servers, k::Rng& rng, std::uint64_t& customers) {
  const auto gap = k::Distribution::exponential(1.0 / 9.0);
  const auto service = k::Distribution::exponential(1.0);
  while (true) {
    co_await sim.timeout(gap.sample_duration(rng));
    ++customers;
    sim.start(mmc_customer(sim, servers, service.sample_duration(rng)));
  }
}

void BM_MMc(benchmark::State& state) {
  k::Simulation sim;
  k::Resource servers(sim, 10);
  k::Rng rng = k::RandomStreams(1).stream("mmc");
  std::uint64_t customers = 0;
  sim.start(mmc_source(sim, servers, rng, customers));
  sim.run_until(sim.now() + std::chrono::hours(1));
  std::uint64_t counted = 0;
  for (auto _ : state) {
    const std::uint64_t before = customers;
    sim.run_until(sim.now() + std::chrono::seconds(1'000'000 / 9));  // about a million customers
    counted += customers - before;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(counted));
}
BENCHMARK(BM_MMc)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
