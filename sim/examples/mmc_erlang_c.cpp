// M/M/c against Erlang C: a simulation checked against the exact queueing formula.
//
// Covers: independent replications (one RandomStreams per replication index, same master seed),
// warm-up deletion (Resource::restart_statistics, Tally::reset), the Resource's time-weighted
// queue length and utilisation, Student-t confidence intervals (kernel::confidence_interval) and
// the formulas of kernel::queueing (erlang_c, mmc_mean_wait).
//
// Scenario: three servers, Poisson arrivals at 144 per hour, exponential service with mean 60 s
// (offered load 2.4 servers, utilisation 0.8). 20 replications, each 2 days after 2 hours of
// warm-up.
//
// Prints: for the probability of waiting, the mean wait, the mean queue length (Little's law:
// lambda x mean wait) and the utilisation: the simulated mean with its 95% interval over the
// replications, the exact value, and whether the interval contains it.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "sim/kernel/queueing_theory.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

constexpr int servers = 3;
constexpr double arrival_rate = 144.0 / 3600.0;  // per second
constexpr double service_mean = 60.0;            // seconds
constexpr std::uint64_t master_seed = 7;
constexpr std::uint64_t replications = 20;
constexpr k::Duration warmup = 2h;
constexpr k::Duration observed = 48h;

struct Observations {
  k::Tally waits{/*quantiles=*/false};  // seconds
  std::uint64_t waited = 0;             // customers whose wait was not zero
};

k::Process customer(k::Simulation& sim, k::Resource& station, k::Rng& service_rng, Observations& obs) {
  const k::SimTime arrived = sim.now();
  auto server = co_await station.request();
  const double wait = k::to_seconds(sim.now() - arrived);
  obs.waits.add(wait);
  if (wait > 0.0) ++obs.waited;
  co_await sim.timeout(k::Distribution::exponential(service_mean).sample_duration(service_rng));
}

k::Process arrivals(k::Simulation& sim, k::Resource& station, k::Rng rng, k::Rng& service_rng,
                    Observations& obs) {
  const auto gap = k::Distribution::exponential(1.0 / arrival_rate);
  while (true) {
    co_await sim.timeout(gap.sample_duration(rng));
    sim.start(customer(sim, station, service_rng, obs));
  }
}

struct Replication {
  double p_wait;
  double mean_wait;
  double mean_queue;
  double utilization;
};

Replication run_replication(std::uint64_t replication) {
  k::Simulation sim;
  const k::RandomStreams streams(master_seed, replication);
  k::Resource station(sim, servers);
  k::Rng service_rng = streams.stream("service");
  Observations obs;
  sim.start(arrivals(sim, station, streams.stream("arrivals"), service_rng, obs));
  sim.run_until(k::time_zero + warmup);
  station.restart_statistics();  // forget the start from empty
  obs = Observations{};
  sim.run_until(k::time_zero + warmup + observed);
  return {static_cast<double>(obs.waited) / static_cast<double>(obs.waits.count()), obs.waits.mean(),
          station.queue().mean(sim.now()), station.utilization()};
}

void print_row(const char* what, const std::vector<double>& samples, double exact) {
  const auto ci = k::confidence_interval(samples);
  std::printf("%-22s %9.3f +/- %-7.3f %9.3f   %s\n", what, ci.mean, ci.half_width, exact,
              ci.contains(exact) ? "inside" : "OUTSIDE");
}

}  // namespace

int main() {
  std::vector<double> p_wait, mean_wait, mean_queue, utilization;
  for (std::uint64_t r = 0; r < replications; ++r) {
    const Replication rep = run_replication(r);
    p_wait.push_back(rep.p_wait);
    mean_wait.push_back(rep.mean_wait);
    mean_queue.push_back(rep.mean_queue);
    utilization.push_back(rep.utilization);
  }
  const double offered_load = arrival_rate * service_mean;
  const double exact_wait = k::queueing::mmc_mean_wait(servers, arrival_rate, 1.0 / service_mean);
  std::printf("M/M/%d, %.0f arrivals/h, mean service %.0f s (utilisation %.2f), %llu replications of %.0f h\n",
              servers, arrival_rate * 3600.0, service_mean, offered_load / servers,
              static_cast<unsigned long long>(replications), k::to_hours(observed));
  std::printf("%-22s %9s  %-10s %9s\n", "", "simulated", "(95% CI)", "exact");
  print_row("P(wait) (Erlang C)", p_wait, k::queueing::erlang_c(servers, offered_load));
  print_row("mean wait (s)", mean_wait, exact_wait);
  print_row("mean queue length", mean_queue, arrival_rate * exact_wait);
  print_row("utilisation", utilization, offered_load / servers);
  return 0;
}
