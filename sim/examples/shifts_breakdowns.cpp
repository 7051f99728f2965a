// Shifts and breakdowns (after SimPy's machine shop): capacity that changes with the clock, and
// work interrupted by failures.
//
// Covers: Resource::set_capacity for shift changes (more units serve the line at once; fewer take
// effect as holders release, nobody is evicted), Process::interrupt with a cause and catching
// kernel::Interrupted (a coroutine cannot co_await inside a catch block, so the handler only
// records what happened), resuming the work left after an interruption, releasing a Lease early,
// a second Resource for the repair crew, and the time-weighted capacity of a Resource.
//
// Scenario: four machines make parts around the clock; a part takes 6 to 14 minutes (triangular,
// mode 10) of machine time with an operator at it. Three operators are on duty from 06:00 to
// 22:00, one at night. A running machine fails after an exponential time (mean 8 h; a failure
// that falls while the machine waits for an operator does not happen); its operator leaves for
// other work, one repairer fixes it (20 to 60 minutes, mode 30), then the part continues where it
// stopped. Two days.
//
// Prints: each shift change and each failure and repair as it happens (day and clock time); then
// the parts per machine, the parts finished on day and night shifts, the mean operators on duty
// and their utilisation.
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

constexpr int machine_count = 4;
constexpr std::int64_t day_operators = 3;
constexpr std::int64_t night_operators = 1;
constexpr k::Duration day_shift_start = 6h;
constexpr k::Duration night_shift_start = 22h;
constexpr k::Duration run_length = 48h;
constexpr double minute = 60.0;  // distributions draw seconds

struct Breakdown {};  // the interrupt cause

struct Machine {
  int id = 0;
  k::Rng part_rng;
  k::Rng failure_rng;
  k::Process process;    // the machine's work loop, the target of interrupts
  bool running = false;  // only a running machine can fail
  int parts = 0;
};

struct Workshop {
  k::Resource operators;
  k::Resource repairers;
  k::Rng repair_rng;
  std::array<int, 2> parts_by_shift{};  // [day, night]
};

std::string clock(const k::Simulation& sim) { return k::format_clock(sim.now()); }

bool is_day_shift(k::SimTime t) {
  const k::Duration time_of_day = t.time_since_epoch() % k::Duration(24h);
  return time_of_day >= day_shift_start && time_of_day < night_shift_start;
}

k::Process shift_changes(k::Simulation& sim, Workshop& shop) {
  while (true) {
    co_await sim.timeout(day_shift_start);
    shop.operators.set_capacity(day_operators);
    std::printf("%s  day shift: %lld operators\n", clock(sim).c_str(), static_cast<long long>(day_operators));
    co_await sim.timeout(night_shift_start - day_shift_start);
    shop.operators.set_capacity(night_operators);
    std::printf("%s  night shift: %lld operator\n", clock(sim).c_str(), static_cast<long long>(night_operators));
    co_await sim.timeout(24h - night_shift_start);
  }
}

k::Process repair(k::Simulation& sim, Workshop& shop, Machine& machine) {
  const k::SimTime failed = sim.now();
  auto repairer = co_await shop.repairers.request();
  co_await sim.timeout(k::Distribution::triangular(20 * minute, 30 * minute, 60 * minute).sample_duration(shop.repair_rng));
  std::printf("%s  machine %d repaired, %.1f min after it failed\n", clock(sim).c_str(), machine.id,
              k::to_minutes(sim.now() - failed));
}

k::Process machine_work(k::Simulation& sim, Workshop& shop, Machine& machine) {
  const auto part_time = k::Distribution::triangular(6 * minute, 10 * minute, 14 * minute);
  while (true) {
    k::Duration left = part_time.sample_duration(machine.part_rng);
    while (left > k::Duration::zero()) {
      auto operator_lease = co_await shop.operators.request();
      const k::SimTime started = sim.now();
      bool failed = false;
      machine.running = true;
      try {
        co_await sim.timeout(left);
        left = k::Duration::zero();
      } catch (const k::Interrupted& interrupt) {
        failed = interrupt.cause_as<Breakdown>() != nullptr;
        left -= sim.now() - started;
      }
      machine.running = false;
      operator_lease.release();  // the operator does not wait at a broken machine
      if (failed) {
        std::printf("%s  machine %d fails, %.1f min of its part left\n", clock(sim).c_str(), machine.id,
                    k::to_minutes(left));
        co_await sim.start(repair(sim, shop, machine));
      }
    }
    ++machine.parts;
    ++shop.parts_by_shift[is_day_shift(sim.now()) ? 0 : 1];
  }
}

k::Process failures(k::Simulation& sim, Machine& machine) {
  const auto time_to_failure = k::Distribution::exponential(8 * 60 * minute);
  while (true) {
    co_await sim.timeout(time_to_failure.sample_duration(machine.failure_rng));
    if (machine.running) machine.process.interrupt(Breakdown{});
  }
}

}  // namespace

int main() {
  k::Simulation sim;
  const k::RandomStreams streams(/*master_seed=*/2024);
  Workshop shop{k::Resource(sim, night_operators), k::Resource(sim, 1), streams.stream("repairs"), {}};
  std::array<Machine, machine_count> machines;
  std::printf("workshop: %d machines, operators %lld by day (06-22 h) and %lld by night, 1 repairer, 2 days\n",
              machine_count, static_cast<long long>(day_operators), static_cast<long long>(night_operators));
  sim.start(shift_changes(sim, shop));
  for (int i = 0; i < machine_count; ++i) {
    Machine& m = machines[static_cast<std::size_t>(i)];
    m.id = i + 1;
    m.part_rng = streams.stream("parts/machine-" + std::to_string(m.id));
    m.failure_rng = streams.stream("failures/machine-" + std::to_string(m.id));
    m.process = sim.start(machine_work(sim, shop, m));
    sim.start(failures(sim, m));
  }
  sim.run_until(k::time_zero + run_length);

  std::printf("parts per machine:");
  for (const Machine& m : machines) std::printf(" %d", m.parts);
  std::printf("\nparts finished by day %d, by night %d\n", shop.parts_by_shift[0], shop.parts_by_shift[1]);
  std::printf("operators on duty %.2f on average, utilisation %.3f\n", shop.operators.capacity_level().mean(sim.now()),
              shop.operators.utilization());
  return 0;
}
