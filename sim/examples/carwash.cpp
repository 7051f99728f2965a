// Carwash (after SimPy's carwash example): the kernel in its smallest useful form.
//
// Covers: processes as coroutines (kernel::Process), one process starting another and waiting
// for it to finish (co_await on its handle), a Resource of two machines and its Lease (the machine
// is given back at scope exit), timeouts, named random streams from one fixed seed.
//
// Scenario: a carwash has two washing machines; a wash takes 5 minutes and removes 50-99% of the
// dirt. Four cars wait at opening, then a car arrives every 2 to 6 minutes (uniform). A car takes
// a free machine, or waits in line for one.
//
// Prints: a line per arrival, wash start, wash result and departure, stamped with the simulated
// clock in minutes, for the first 40 minutes; then the cars washed and their mean wait.
#include <cstdio>
#include <string>

#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

constexpr int machine_count = 2;
constexpr k::Duration wash_time = 5min;
constexpr int cars_at_opening = 4;
constexpr k::Duration opening_time = 40min;

struct Carwash {
  k::Simulation& sim;
  k::Resource machines;
  k::Rng dirt_rng;
  k::Tally waits;  // minutes from arrival to the start of the wash
};

double minutes_now(const k::Simulation& sim) { return k::to_minutes(sim.now().time_since_epoch()); }

// The wash itself, a process of its own: the car waits for it to finish.
k::Process wash(k::Simulation& sim, Carwash& carwash, std::string car) {
  co_await sim.timeout(wash_time);
  const auto percent = 50 + carwash.dirt_rng() % 50;
  std::printf("%6.2f  carwash removed %llu%% of %s's dirt\n", minutes_now(sim),
              static_cast<unsigned long long>(percent), car.c_str());
}

k::Process car_visit(k::Simulation& sim, Carwash& carwash, std::string car) {
  const k::SimTime arrived = sim.now();
  std::printf("%6.2f  %s arrives at the carwash\n", minutes_now(sim), car.c_str());
  auto machine = co_await carwash.machines.request();  // waits while both machines are busy
  carwash.waits.add(k::to_minutes(sim.now() - arrived));
  std::printf("%6.2f  %s enters the carwash\n", minutes_now(sim), car.c_str());
  co_await sim.start(wash(sim, carwash, car));  // start the wash and wait for it to end
  std::printf("%6.2f  %s leaves the carwash\n", minutes_now(sim), car.c_str());
}  // `machine` goes out of scope: the next car in line gets it

k::Process car_arrivals(k::Simulation& sim, Carwash& carwash, k::Rng rng) {
  int next_car = 0;
  for (; next_car < cars_at_opening; ++next_car) {
    sim.start(car_visit(sim, carwash, "car " + std::to_string(next_car)));
  }
  const auto gap = k::Distribution::uniform(2.0 * 60, 6.0 * 60);  // seconds
  while (true) {
    co_await sim.timeout(gap.sample_duration(rng));
    sim.start(car_visit(sim, carwash, "car " + std::to_string(next_car++)));
  }
}

}  // namespace

int main() {
  k::Simulation sim;
  const k::RandomStreams streams(/*master_seed=*/42);
  Carwash carwash{sim, k::Resource(sim, machine_count), streams.stream("carwash/dirt"), k::Tally()};
  std::printf("carwash: %d machines, %.0f min a wash, a car every 2-6 min, open %.0f min\n", machine_count,
              k::to_minutes(wash_time), k::to_minutes(opening_time));
  sim.start(car_arrivals(sim, carwash, streams.stream("carwash/arrivals")));
  sim.run_until(k::time_zero + opening_time);
  std::printf("at closing: %llu cars got a machine, mean wait %.2f min, %u still in line\n",
              static_cast<unsigned long long>(carwash.waits.count()), carwash.waits.mean(),
              carwash.machines.queue_length());
  return 0;
}
