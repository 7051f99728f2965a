// Long runs of classic queues against exact results of queueing theory. Each check runs
// independent replications, builds a 99% Student-t interval over the replication means and
// requires the exact value inside it; the interval must also be narrow (a few percent), so a test
// cannot pass by being vague.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/kernel/queueing_theory.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace k = portsim::kernel;
namespace q = portsim::kernel::queueing;

namespace {

// One model time unit is 100 s of simulated time, so rounding samples to 1 ms is negligible.
constexpr double unit_s = 100.0;
k::Duration units(double x) { return k::to_duration(x * unit_s); }
double in_units(k::Duration d) { return k::to_seconds(d) / unit_s; }

struct QueueConfig {
  int servers = 1;
  int capacity = -1;  // servers + waiting places; -1 = unlimited
  k::Distribution interarrival = k::Distribution::exponential(1);
  std::vector<k::Distribution> service{k::Distribution::exponential(1)};
  std::vector<double> class_share{1.0};  // arrival split between priority classes (0 first)
  double warmup = 1000;                  // model units
  double horizon = 100000;
};

struct QueueResult {
  std::vector<k::Tally> waits;
  std::uint64_t arrivals = 0;
  std::uint64_t blocked = 0;
};

k::Process customer(k::Simulation& sim, k::Resource& res, k::Duration service, int cls,
                    k::Tally* waits) {
  const k::SimTime arrived = sim.now();
  auto lease = co_await res.request(cls);
  if (waits != nullptr) waits->add(in_units(sim.now() - arrived));
  co_await sim.timeout(service);
}

k::Process source(k::Simulation& sim, k::Resource& res, const QueueConfig& cfg, k::RandomStreams streams,
                  QueueResult& out) {
  k::Rng arrivals = streams.stream("arrivals");
  k::Rng services = streams.stream("service");
  k::Rng classes = streams.stream("class");
  const k::SimTime warm = k::time_zero + units(cfg.warmup);
  while (true) {
    co_await sim.timeout(units(cfg.interarrival.sample(arrivals)));
    const double u = k::uniform01(classes);
    double acc = 0;
    std::size_t cls = 0;
    for (; cls + 1 < cfg.class_share.size(); ++cls) {
      acc += cfg.class_share[cls];
      if (u < acc) break;
    }
    const k::Duration service = units(cfg.service[cls].sample(services));
    const bool record = sim.now() >= warm;
    if (record) ++out.arrivals;
    if (cfg.capacity >= 0 && res.in_use() + res.queue_length() >= cfg.capacity) {
      if (record) ++out.blocked;
      continue;
    }
    sim.start(customer(sim, res, service, static_cast<int>(cls), record ? &out.waits[cls] : nullptr));
  }
}

QueueResult run_queue(const QueueConfig& cfg, std::uint64_t replication) {
  k::Simulation sim;
  k::Resource res(sim, cfg.servers,
                  cfg.class_share.size() > 1 ? k::QueueDiscipline::Priority : k::QueueDiscipline::Fifo);
  QueueResult out;
  out.waits.resize(cfg.service.size());
  sim.start(source(sim, res, cfg, k::RandomStreams(2024, replication), out));
  sim.run_until(k::time_zero + units(cfg.warmup + cfg.horizon));
  return out;
}

constexpr int replications = 10;

// Checks that `exact` lies in the 99% CI of per-replication values and that the CI is narrow.
void expect_covers(const std::vector<double>& values, double exact, double max_relative_half_width) {
  const auto ci = k::confidence_interval(values, 0.99);
  EXPECT_TRUE(ci.contains(exact)) << "exact " << exact << " outside [" << ci.low() << ", " << ci.high() << "]";
  EXPECT_LT(ci.half_width, max_relative_half_width * exact) << "interval too wide to be a test";
}

std::vector<double> mean_waits(const QueueConfig& cfg, std::size_t cls = 0) {
  std::vector<double> means;
  for (int r = 0; r < replications; ++r) means.push_back(run_queue(cfg, static_cast<std::uint64_t>(r)).waits[cls].mean());
  return means;
}

}  // namespace

TEST(QueueingTheory, FormulasMatchTabulatedValues) {
  EXPECT_NEAR(q::erlang_b(5, 4.0), 0.1991, 1e-4);
  EXPECT_NEAR(q::erlang_c(10, 9.0), 0.6687, 1e-4);
  EXPECT_NEAR(q::mmc_mean_wait(1, 0.8, 1.0), 4.0, 1e-12);
  EXPECT_NEAR(q::mg1_mean_wait(0.8, 1.0, 0.0), 2.0, 1e-12);
  const auto w = q::cobham_mean_waits({0.3, 0.4}, {1, 1}, {2, 2});
  EXPECT_NEAR(w[0], 1.0, 1e-12);
  EXPECT_NEAR(w[1], 0.7 / (0.7 * 0.3), 1e-12);
  EXPECT_NEAR(q::mmck_blocking(5, 5, 4.0), q::erlang_b(5, 4.0), 1e-12);
}

TEST(QueueingTheory, MM1MeanWait) {
  QueueConfig cfg;
  cfg.interarrival = k::Distribution::exponential(1 / 0.8);
  expect_covers(mean_waits(cfg), q::mmc_mean_wait(1, 0.8, 1.0), 0.06);
}

TEST(QueueingTheory, MMcErlangC) {
  QueueConfig cfg;  // c = 10, rho = 0.9
  cfg.servers = 10;
  cfg.interarrival = k::Distribution::exponential(1 / 9.0);
  cfg.horizon = 60000;
  expect_covers(mean_waits(cfg), q::mmc_mean_wait(10, 9.0, 1.0), 0.06);
}

TEST(QueueingTheory, MD1PollaczekKhinchine) {
  QueueConfig cfg;
  cfg.interarrival = k::Distribution::exponential(1 / 0.8);
  cfg.service = {k::Distribution::constant(1)};
  expect_covers(mean_waits(cfg), q::mg1_mean_wait(0.8, 1.0, 0.0), 0.05);
}

TEST(QueueingTheory, MG1PollaczekKhinchineLognormal) {
  QueueConfig cfg;
  cfg.interarrival = k::Distribution::exponential(1 / 0.7);
  cfg.service = {k::Distribution::lognormal(1.0, 0.5)};
  expect_covers(mean_waits(cfg), q::mg1_mean_wait(0.7, 1.0, 0.25), 0.05);
}

TEST(QueueingTheory, TwoPriorityClassesCobham) {
  QueueConfig cfg;  // lambda 0.3 (class 0) + 0.4 (class 1), exponential(1) service, one server
  cfg.interarrival = k::Distribution::exponential(1 / 0.7);
  cfg.service = {k::Distribution::exponential(1), k::Distribution::exponential(1)};
  cfg.class_share = {0.3 / 0.7, 0.4 / 0.7};
  const auto exact = q::cobham_mean_waits({0.3, 0.4}, {1, 1}, {2, 2});
  std::vector<double> high, low;
  for (int r = 0; r < replications; ++r) {
    const auto res = run_queue(cfg, static_cast<std::uint64_t>(r));
    high.push_back(res.waits[0].mean());
    low.push_back(res.waits[1].mean());
  }
  expect_covers(high, exact[0], 0.05);
  expect_covers(low, exact[1], 0.06);
}

TEST(QueueingTheory, LossSystemErlangB) {
  QueueConfig cfg;  // M/M/5/5, offered load 4
  cfg.servers = 5;
  cfg.capacity = 5;
  cfg.interarrival = k::Distribution::exponential(1 / 4.0);
  cfg.horizon = 20000;
  std::vector<double> blocking;
  for (int r = 0; r < replications; ++r) {
    const auto res = run_queue(cfg, static_cast<std::uint64_t>(r));
    blocking.push_back(static_cast<double>(res.blocked) / static_cast<double>(res.arrivals));
  }
  expect_covers(blocking, q::erlang_b(5, 4.0), 0.05);
}

TEST(QueueingTheory, FiniteBufferMMcK) {
  QueueConfig cfg;  // M/M/3/6 at offered load 2.7
  cfg.servers = 3;
  cfg.capacity = 6;
  cfg.interarrival = k::Distribution::exponential(1 / 2.7);
  cfg.horizon = 40000;
  std::vector<double> blocking;
  for (int r = 0; r < replications; ++r) {
    const auto res = run_queue(cfg, static_cast<std::uint64_t>(r));
    blocking.push_back(static_cast<double>(res.blocked) / static_cast<double>(res.arrivals));
  }
  expect_covers(blocking, q::mmck_blocking(3, 6, 2.7), 0.06);
}

namespace {

struct TandemStats {
  k::TimeWeighted in_system{k::time_zero};
  k::Tally sojourn;
  std::uint64_t arrivals = 0;
};

k::Process tandem_job(k::Simulation& sim, k::Resource& s1, k::Resource& s2, k::Duration d1,
                      k::Duration d2, TandemStats& st) {
  const k::SimTime arrived = sim.now();
  st.in_system.add(sim.now(), 1);
  {
    auto lease = co_await s1.request();
    co_await sim.timeout(d1);
  }
  {
    auto lease = co_await s2.request();
    co_await sim.timeout(d2);
  }
  st.in_system.add(sim.now(), -1);
  st.sojourn.add(in_units(sim.now() - arrived));
}

k::Process tandem_source(k::Simulation& sim, k::Resource& s1, k::Resource& s2, k::RandomStreams streams,
                         TandemStats& st) {
  k::Rng a = streams.stream("arrivals"), r1 = streams.stream("station1"), r2 = streams.stream("station2");
  const auto gap = k::Distribution::exponential(2.0), sv1 = k::Distribution::exponential(1.0),
             sv2 = k::Distribution::exponential(1.25);
  while (true) {
    co_await sim.timeout(units(gap.sample(a)));
    ++st.arrivals;
    sim.start(tandem_job(sim, s1, s2, units(sv1.sample(r1)), units(sv2.sample(r2)), st));
  }
}

}  // namespace

TEST(QueueingTheory, LittlesLawOnATandemNetwork) {
  // Jackson network: lambda 0.5 into M/M/1 (mu 1) then M/M/1 (mu 0.8).
  const double exact_sojourn = 1 / (1 - 0.5) + 1 / (0.8 - 0.5);
  std::vector<double> sojourns;
  for (int r = 0; r < replications; ++r) {
    k::Simulation sim;
    k::Resource s1(sim, 1), s2(sim, 1);
    TandemStats st;
    sim.start(tandem_source(sim, s1, s2, k::RandomStreams(77, static_cast<std::uint64_t>(r)), st));
    const double horizon = 100000;
    sim.run_until(k::time_zero + units(horizon));
    // Little: time-average number in system = arrival rate x mean time in system. The identity
    // holds on every sample path up to jobs still inside at the end.
    const double L = st.in_system.mean(sim.now());
    const double lambda_hat = static_cast<double>(st.arrivals) / horizon;
    EXPECT_NEAR(L, lambda_hat * st.sojourn.mean(), 0.01 * L);
    sojourns.push_back(st.sojourn.mean());
  }
  expect_covers(sojourns, exact_sojourn, 0.06);
}
