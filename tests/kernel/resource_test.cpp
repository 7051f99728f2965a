#include "sim/kernel/resource.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

using Log = std::vector<std::string>;

std::string at(const k::Simulation& sim, const std::string& what) {
  return std::to_string(sim.now().time_since_epoch().count() / 1000) + ":" + what;
}

k::Process user(k::Simulation& sim, k::Resource& res, Log& log, std::string name,
                k::Duration arrive, k::Duration hold, int priority = 0) {
  co_await sim.timeout(arrive);
  auto lease = co_await res.request(priority);
  log.push_back(at(sim, name + "+"));
  try {
    co_await sim.timeout(hold);
    log.push_back(at(sim, name + "-"));
  } catch (const k::Interrupted& i) {
    const auto* p = i.cause_as<k::Preempted>();
    log.push_back(at(sim, name + " preempted since " +
                              std::to_string(p->usage_since.time_since_epoch().count() / 1000)));
  }
}

}  // namespace

TEST(Resource, ServesFifo) {
  k::Simulation sim;
  k::Resource lane(sim, 1);
  Log log;
  sim.start(user(sim, lane, log, "a", 0s, 10s, 5));
  sim.start(user(sim, lane, log, "b", 1s, 10s, 1));
  sim.start(user(sim, lane, log, "c", 2s, 10s, 0));
  sim.run();
  EXPECT_EQ(log, (Log{"0:a+", "10:a-", "10:b+", "20:b-", "20:c+", "30:c-"}));
  EXPECT_EQ(lane.grants(), 3u);
  EXPECT_DOUBLE_EQ(lane.utilization(), 1.0);
  EXPECT_DOUBLE_EQ(lane.queue().mean(sim.now()), (9.0 + 8.0 + 10.0) / 30.0);
}

TEST(Resource, ServesByPriorityThenFifo) {
  k::Simulation sim;
  k::Resource lane(sim, 1, k::QueueDiscipline::Priority);
  Log log;
  sim.start(user(sim, lane, log, "a", 0s, 10s, 5));
  sim.start(user(sim, lane, log, "b", 1s, 10s, 2));
  sim.start(user(sim, lane, log, "c", 2s, 10s, 1));
  sim.start(user(sim, lane, log, "d", 3s, 10s, 2));
  sim.run();
  EXPECT_EQ(log, (Log{"0:a+", "10:a-", "10:c+", "20:c-", "20:b+", "30:b-", "30:d+", "40:d-"}));
}

TEST(Resource, PreemptsTheLowestPriorityHolder) {
  k::Simulation sim;
  k::Resource officers(sim, 2, k::QueueDiscipline::Priority, true);
  Log log;
  sim.start(user(sim, officers, log, "low1", 0s, 100s, 5));
  sim.start(user(sim, officers, log, "low2", 1s, 100s, 3));
  sim.start(user(sim, officers, log, "urgent", 10s, 5s, 0));
  sim.start(user(sim, officers, log, "equal", 11s, 5s, 3));  // does not preempt an equal priority
  sim.run();
  EXPECT_EQ(log, (Log{"0:low1+", "1:low2+", "10:urgent+", "10:low1 preempted since 0", "15:urgent-",
                      "15:equal+", "20:equal-", "101:low2-"}));
  EXPECT_EQ(officers.preemptions(), 1u);
}

TEST(Resource, CapacityChangesServeTheQueueAndNeverEvict) {
  k::Simulation sim;
  k::Resource lanes(sim, 1);
  Log log;
  auto shift = [](k::Simulation& s, k::Resource& r) -> k::Process {
    co_await s.timeout(5s);
    r.set_capacity(3);  // day shift opens two more lanes
    co_await s.timeout(10s);
    r.set_capacity(1);  // night: back to one
  };
  for (int i = 0; i < 5; ++i) sim.start(user(sim, lanes, log, std::string(1, char('a' + i)), 0s, 20s));
  sim.start(shift(sim, lanes));
  sim.run();
  EXPECT_EQ(log, (Log{"0:a+", "5:b+", "5:c+", "20:a-", "25:b-", "25:c-", "25:d+", "45:d-", "45:e+",
                      "65:e-"}));
  EXPECT_EQ(lanes.capacity(), 1);
}

TEST(Resource, LeaseReleasesWhenAnExceptionUnwinds) {
  k::Simulation sim;
  k::Resource lane(sim, 1);
  Log log;
  auto faulty = [](k::Simulation& s, k::Resource& r, Log& l) -> k::Process {
    try {
      auto lease = co_await r.request();
      co_await s.timeout(3s);
      throw std::runtime_error("scanner jammed");
    } catch (const std::runtime_error&) {
      l.push_back(at(s, "caught, in use " + std::to_string(r.in_use())));
    }
  };
  sim.start(faulty(sim, lane, log));
  sim.start(user(sim, lane, log, "next", 1s, 1s));
  sim.run();
  EXPECT_EQ(log, (Log{"3:caught, in use 1", "3:next+", "4:next-"}));
  EXPECT_EQ(lane.in_use(), 0);
}

TEST(Resource, RenegesAfterPatience) {
  k::Simulation sim;
  k::Resource lane(sim, 1);
  Log log;
  auto impatient = [](k::Simulation& s, k::Resource& r, Log& l) -> k::Process {
    co_await s.timeout(1s);
    auto lease = co_await r.request(0, 30s);
    l.push_back(at(s, lease ? "served" : "gave up"));
  };
  sim.start(user(sim, lane, log, "long", 0s, 60s));
  sim.start(impatient(sim, lane, log));
  sim.start(user(sim, lane, log, "patient", 2s, 1s));
  sim.run();
  EXPECT_EQ(log, (Log{"0:long+", "31:gave up", "60:long-", "60:patient+", "61:patient-"}));
  EXPECT_EQ(lane.reneges(), 1u);
  EXPECT_EQ(lane.queue_length(), 0u);
}

TEST(Resource, InterruptWithdrawsAWaitingRequest) {
  k::Simulation sim;
  k::Resource lane(sim, 1);
  Log log;
  auto waiter = [](k::Simulation& s, k::Resource& r, Log& l) -> k::Process {
    co_await s.timeout(1s);
    try {
      auto lease = co_await r.request();
      l.push_back(at(s, "served"));
    } catch (const k::Interrupted&) {
      l.push_back(at(s, "withdrawn, queue " + std::to_string(r.queue_length())));
    }
  };
  auto interrupter = [](k::Simulation& s, k::Process p) -> k::Process {
    co_await s.timeout(5s);
    p.interrupt();
  };
  sim.start(user(sim, lane, log, "holder", 0s, 10s));
  k::Process w = sim.start(waiter(sim, lane, log));
  sim.start(interrupter(sim, w));
  sim.run();
  EXPECT_EQ(log, (Log{"0:holder+", "5:withdrawn, queue 0", "10:holder-"}));
}

TEST(Resource, RejectsInvalidConfiguration) {
  k::Simulation sim;
  EXPECT_THROW(k::Resource(sim, -1), std::invalid_argument);
  EXPECT_THROW(k::Resource(sim, 1, k::QueueDiscipline::Fifo, true), std::invalid_argument);
}
