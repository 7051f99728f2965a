// Bank with reneging (after SimPy's bank_renege example): customers who leave when the wait
// exceeds their patience.
//
// Covers: Resource::request with a patience (an empty Lease means the customer reneged and is
// already out of the line), exponential and uniform distributions from named streams, the
// Resource's own counters (grants, reneges) next to a Tally of the waits.
//
// Scenario: one bank counter; ten customers arrive, one every 10 minutes on average (Poisson);
// service takes 12 minutes on average (exponential); each customer waits at most 5 to 15 minutes
// (uniform) for the counter, then leaves.
//
// Prints: a line per customer event (arrival, served after a wait, reneged after its patience,
// done) with the clock in minutes; then how many were served and how many reneged.
#include <cstdio>

#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;

namespace {

constexpr int customer_count = 10;
constexpr double minute = 60.0;  // distributions draw seconds

struct Bank {
  k::Resource counter;
  k::Rng service_rng;
  k::Rng patience_rng;
  k::Tally served_waits;  // minutes
};

double minutes_now(const k::Simulation& sim) { return k::to_minutes(sim.now().time_since_epoch()); }

k::Process customer_visit(k::Simulation& sim, Bank& bank, int customer) {
  const k::SimTime arrived = sim.now();
  const k::Duration patience = k::Distribution::uniform(5 * minute, 15 * minute).sample_duration(bank.patience_rng);
  std::printf("%7.2f  customer %02d arrives (patience %.2f min)\n", minutes_now(sim), customer,
              k::to_minutes(patience));
  auto counter = co_await bank.counter.request(/*priority=*/0, patience);
  const double waited = k::to_minutes(sim.now() - arrived);
  if (!counter) {  // the patience ran out first: the request has left the line
    std::printf("%7.2f  customer %02d reneges after %.2f min\n", minutes_now(sim), customer, waited);
    co_return;
  }
  bank.served_waits.add(waited);
  std::printf("%7.2f  customer %02d reaches the counter after %.2f min\n", minutes_now(sim), customer, waited);
  co_await sim.timeout(k::Distribution::exponential(12 * minute).sample_duration(bank.service_rng));
  std::printf("%7.2f  customer %02d is done\n", minutes_now(sim), customer);
}

k::Process customer_arrivals(k::Simulation& sim, Bank& bank, k::Rng rng) {
  const auto gap = k::Distribution::exponential(10 * minute);
  for (int customer = 1; customer <= customer_count; ++customer) {
    sim.start(customer_visit(sim, bank, customer));
    co_await sim.timeout(gap.sample_duration(rng));
  }
}

}  // namespace

int main() {
  k::Simulation sim;
  const k::RandomStreams streams(/*master_seed=*/42);
  Bank bank{k::Resource(sim, 1), streams.stream("bank/service"), streams.stream("bank/patience"), k::Tally()};
  std::printf("bank: 1 counter, %d customers, one every 10 min, 12 min service, patience 5-15 min\n",
              customer_count);
  sim.start(customer_arrivals(sim, bank, streams.stream("bank/arrivals")));
  const auto outcome = sim.run();
  std::printf("run %s at %.2f min: %llu served (mean wait %.2f min), %llu reneged\n",
              k::to_string(outcome.kind).c_str(), minutes_now(sim),
              static_cast<unsigned long long>(bank.counter.grants()), bank.served_waits.mean(),
              static_cast<unsigned long long>(bank.counter.reneges()));
  return 0;
}
