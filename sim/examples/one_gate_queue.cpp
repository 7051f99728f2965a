// One-gate port with the bare kernel: the smallest model of a port gate (the one in the README).
//
// Covers: a process per truck started by an arrival process, a Resource of lanes whose lease frees
// the lane at scope exit, one random stream per source (arrivals, service), Tally with p95, and
// kernel::queueing::mmc_mean_wait as an analytic baseline.
//
// Scenario: trucks arrive at random (Poisson, 100 per hour) at one gate, queue for one of two
// lanes, are served for an exponential 60 s on average and leave; 60 simulated days, one run.
//
// Prints: trucks served, the mean wait next to the Erlang C value, the p95 wait and the lane
// utilisation next to its theory. One long run is one sample: here its mean wait lands 11% above
// Erlang C; mmc_erlang_c.cpp makes the check properly, with replications and confidence intervals.
#include <cstdio>

#include "sim/kernel/queueing_theory.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

k::Process truck_visit(k::Simulation& sim, k::Resource& lanes, k::Rng& rng, k::Tally& waits) {
  const k::SimTime arrived = sim.now();
  auto lane = co_await lanes.request();
  waits.add(k::to_seconds(sim.now() - arrived));
  co_await sim.timeout(k::Distribution::exponential(60.0).sample_duration(rng));
}  // the lane is released here

k::Process truck_arrivals(k::Simulation& sim, k::Resource& lanes, k::RandomStreams& streams,
                          k::Tally& waits, k::Rng& service_rng) {
  k::Rng rng = streams.stream("arrivals/gate");
  const auto gap = k::Distribution::exponential(36.0);  // 100 trucks/h
  while (true) {
    co_await sim.timeout(gap.sample_duration(rng));
    sim.start(truck_visit(sim, lanes, service_rng, waits));
  }
}

}  // namespace

int main() {
  k::Simulation sim;
  k::RandomStreams streams(42);
  k::Resource lanes(sim, 2);
  k::Tally waits;
  k::Rng service_rng = streams.stream("service/lanes");
  sim.start(truck_arrivals(sim, lanes, streams, waits, service_rng));
  sim.run_until(k::time_zero + 24h * 60);
  const double theory = k::queueing::mmc_mean_wait(2, 100.0 / 3600.0, 1.0 / 60.0);
  std::printf("one gate, 2 lanes, 100 trucks/h, 60 s service, 60 simulated days\n");
  std::printf("trucks served      %llu\n", static_cast<unsigned long long>(waits.count()));
  std::printf("mean wait          %.1f s (Erlang C: %.1f s)\n", waits.mean(), theory);
  std::printf("p95 wait           %.1f s\n", waits.p95());
  std::printf("lane utilisation   %.3f (theory %.3f)\n", lanes.utilization(), 100.0 / 60.0 / 2.0);
  return 0;
}
